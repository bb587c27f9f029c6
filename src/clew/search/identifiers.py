"""Identifier search: whatever form of a phone, e-mail, handle or payment account an analyst types,
read by the same code as extraction, and every ad (and network) that names it in any form.

A phone typed without its area code is searched by its last 7 digits, and such matches are
always labelled partial: they may be other people's numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import (
    ColumnElement,
    Connection,
    bindparam,
    distinct,
    func,
    literal_column,
    select,
    text,
)

from clew import identifiers as kinds
from clew.errors import InputError
from clew.identifiers import handle, phone
from clew.model import Identifier, IdentifierKind
from clew.search import cursor as _cursor
from clew.search.query import clean
from clew.search.text import MAX_LIMIT, AdHit, snippet, snippet_at
from clew.store import Store
from clew.store.networks import network_members
from clew.store.schema import ads, identifiers, spans

#: the order kinds are tried in when the analyst does not say which kind a value is
KIND_ORDER: tuple[str, ...] = ("phone", "email", "payment", "handle", "url")
PARTIAL_DIGITS = 7
MAX_RAW_CHARS = 300
_BARE_HANDLE = re.compile(r"@?(?P<name>[A-Za-z0-9][A-Za-z0-9_.\-]{1,59})")


@dataclass(slots=True)
class IdentifierMatch:
    """An identifier in the store that the typed value names, and how many ads name it."""

    identifier: Identifier
    display: str
    ad_count: int
    partial: bool = False
    how: str = "exact"


@dataclass(slots=True)
class IdentifierResult:
    """What a typed value was read as, the identifiers it matched and one page of their ads.

    ``ads`` are the ads naming the exact matches; only when there are none do they come from the
    partial matches, and then ``ads_partial`` says so.
    """

    query: str
    readings: list[Identifier]
    matches: list[IdentifierMatch]
    ads: list[AdHit]
    next_cursor: str | None
    ads_partial: bool = False
    notes: list[str] = field(default_factory=list)
    #: (network id, how many of its ads name the match), for the same matches as ``ads``
    networks: list[tuple[str, int]] = field(default_factory=list)


def readings(raw: str, kind: str | None = None, region: str | None = None) -> list[Identifier]:
    """Every identifier ``raw`` can be read as, through extraction's own normalizers, kind by kind."""
    if kind is not None and kind not in {k.value for k in IdentifierKind}:
        raise InputError(f"unknown identifier kind {kind!r}; use one of: {', '.join(KIND_ORDER)}")
    out: list[Identifier] = []
    for k in (kind,) if kind else KIND_ORDER:
        if k not in KIND_ORDER:
            continue
        try:
            found = kinds.normalize(k, raw, region)
        except Exception:  # a normalizer that trips on odd input reads nothing, not a server error
            found = None
        if found is not None and found not in out:
            out.append(found)
    return out


def _ads_naming(identifier_id: ColumnElement[int]) -> ColumnElement[int]:
    """How many distinct ads name the identifier ``identifier_id`` (a correlated subquery)."""
    return (
        select(func.count(distinct(spans.c.ad_id))).where(spans.c.identifier_id == identifier_id).scalar_subquery()
    )


# Built once: a lookup runs a handful of fixed statements whose IN lists expand per call.
_STORED = select(identifiers.c.id, identifiers.c.kind, identifiers.c.value, _ads_naming(identifiers.c.id)).where(
    identifiers.c.kind.in_(bindparam("kinds", expanding=True)),
    identifiers.c.value.in_(bindparam("values", expanding=True)),
)
_HANDLES = select(identifiers.c.id, identifiers.c.value, _ads_naming(identifiers.c.id)).where(
    identifiers.c.kind == "handle", identifiers.c.value.in_(bindparam("values", expanding=True))
)
_PAGE_COLUMNS = (ads.c.id, ads.c.title, ads.c.body, ads.c.site, ads.c.url, ads.c.location, ads.c.posted_at,
                 network_members.c.network_id)
_HOLDING = select(spans.c.ad_id).where(spans.c.identifier_id.in_(bindparam("ids", expanding=True)))
_PAGE_FROM = ads.outerjoin(network_members, network_members.c.ad_id == ads.c.id)
_PAGE = (
    select(*_PAGE_COLUMNS).select_from(_PAGE_FROM).where(ads.c.id.in_(_HOLDING))
    .order_by(ads.c.id.desc()).limit(bindparam("n"))
)
_PAGE_AFTER = (
    select(*_PAGE_COLUMNS).select_from(_PAGE_FROM).where(ads.c.id.in_(_HOLDING), ads.c.id < bindparam("last_id"))
    .order_by(ads.c.id.desc()).limit(bindparam("n"))
)
# a page holds every ad naming the match between its lowest and highest id: that id range, read
# from the (identifier_id, ad_id) index, gives where each of them names it (no list of 50 ids)
_SURFACE = select(spans.c.ad_id, spans.c.field, spans.c.start, spans.c.end, spans.c.text).where(
    spans.c.identifier_id.in_(bindparam("ids", expanding=True)),
    spans.c.ad_id.between(bindparam("low"), bindparam("high")),
)
#: the networks holding a match's ads, largest share first (bounded: a hub's ads are many)
_NETWORKS = (
    select(network_members.c.network_id, func.count().label("n"))
    .where(network_members.c.ad_id.in_(_HOLDING))
    .group_by(network_members.c.network_id)
    .order_by(literal_column("n").desc(), network_members.c.network_id)
    .limit(bindparam("n"))
)
MAX_NETWORKS = 20


def _stored(conn: Connection, wanted: list[Identifier]) -> dict[Identifier, tuple[int, int]]:
    """(id, ads naming it) of each of ``wanted`` the store holds."""
    if not wanted:
        return {}
    rows = conn.execute(_STORED, {"kinds": sorted({i.kind for i in wanted}),
                                  "values": sorted({i.value for i in wanted})})
    out = {Identifier(k, v): (i, int(n)) for i, k, v, n in rows}
    return {i: out[i] for i in wanted if i in out}


def _phone_tail(conn: Connection, tail: str, limit: int) -> dict[Identifier, tuple[int, int]]:
    """Phones whose last 7 digits are ``tail``, through the tail index of migration 0004.

    Every such phone is read through the index and the first ``limit`` by value kept here: asked
    to order by value, the database would walk all phones in value order instead.
    """
    expr = "substr(value, -7)" if conn.dialect.name == "sqlite" else "right(value, 7)"
    found = sorted(
        (v, i) for i, v in conn.execute(
            select(identifiers.c.id, identifiers.c.value).where(literal_column(expr) == tail, text("kind = 'phone'"))
        )
    )[:limit]
    if not found:
        return {}
    counts = dict(conn.execute(
        select(spans.c.identifier_id, func.count(distinct(spans.c.ad_id)))
        .where(spans.c.identifier_id.in_([i for _, i in found])).group_by(spans.c.identifier_id)
    ).all())
    return {Identifier("phone", v): (i, int(counts.get(i, 0))) for v, i in found}


def _handle_any_platform(conn: Connection, name: str) -> dict[Identifier, tuple[int, int]]:
    """Handles named ``name`` on any platform: one indexed look-up per platform whose rules allow it."""
    values = sorted({f"{p}:{h}" for p in set(handle.PLATFORMS.values()) if (h := handle.clean(p, name))})
    if not values:
        return {}
    return {Identifier("handle", v): (i, int(n)) for i, v, n in conn.execute(_HANDLES, {"values": values})}


def _display(identifier: Identifier) -> str:
    try:
        return kinds.display(identifier)
    except Exception:
        return identifier.value


def ads_page(conn: Connection, identifier_ids: list[int], *, scope: str, limit: int = 50,
             cursor: str | None = None) -> tuple[list[AdHit], str | None]:
    """Ads naming any of ``identifier_ids``, newest id first, one keyset page at a time.

    Each ad's snippet is cut around where it names the identifier, and says which network (if any)
    the ad belongs to.
    """
    if not identifier_ids:
        return [], None
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    ids = sorted(set(identifier_ids))
    if cursor:
        _, last_id = _cursor.decode(cursor, scope)
        rows = conn.execute(_PAGE_AFTER, {"ids": ids, "last_id": last_id, "n": limit + 1}).all()
    else:
        rows = conn.execute(_PAGE, {"ids": ids, "n": limit + 1}).all()
    more = len(rows) > limit
    rows = rows[:limit]
    where: dict[int, tuple[str, int, int, str]] = {}
    if rows:
        page = {r.id for r in rows}
        named = conn.execute(_SURFACE, {"ids": ids, "low": min(page), "high": max(page)}).all()
        for ad_id, field_, start, end, surface in named:
            here = (field_, start, end, surface)
            # the first mention in the body, else in the title
            if ad_id not in where or (field_ == "body", -start) > (where[ad_id][0] == "body", -where[ad_id][1]):
                where[ad_id] = here
    hits = []
    for r in rows:
        found = where.get(r.id)
        if found is None:
            cut = snippet(r.body or r.title, [])
        else:
            field_, start, end, surface = found
            source = (r.body if field_ == "body" else r.title) or ""
            cut = snippet_at(source, start, end) if source[start:end] == surface else snippet(source, [surface])
        hits.append(AdHit(id=r.id, title=r.title, site=r.site, url=r.url, location=r.location,
                          posted_at=r.posted_at, snippet=cut, network_id=r.network_id))
    next_cursor = _cursor.encode(scope, None, rows[-1].id) if more and rows else None
    return hits, next_cursor


def networks_holding(conn: Connection, identifier_ids: list[int], limit: int = MAX_NETWORKS) -> list[tuple[str, int]]:
    """(network id, how many of its ads name any of ``identifier_ids``), most first, at most ``limit``."""
    if not identifier_ids:
        return []
    rows = conn.execute(_NETWORKS, {"ids": sorted(set(identifier_ids)), "n": limit})
    return [(str(n), int(c)) for n, c in rows]


def lookup(
    store: Store,
    raw: str,
    kind: str | None = None,
    region: str | None = None,
    *,
    partial: bool | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> IdentifierResult:
    """Find ``raw`` (any surface form) as an identifier: its readings, matches and ads.

    ``partial``: None searches the last 7 digits only when no full phone number matched; True
    always adds those partial matches; False never does.
    """
    raw = clean(raw or "").strip()
    if not raw:
        raise InputError("nothing to look up: give a phone number, e-mail, handle or payment account")
    if len(raw) > MAX_RAW_CHARS:
        raise InputError(f"the value is {len(raw)} characters long; at most {MAX_RAW_CHARS} are looked up")
    found = readings(raw, kind, region)
    notes: list[str] = []
    with store.connect() as conn:
        exact = _stored(conn, found)
        if kind in (None, "handle"):
            bare = _BARE_HANDLE.fullmatch(raw)
            if bare and not exact:
                for ident, stored in _handle_any_platform(conn, bare.group("name")).items():
                    exact.setdefault(ident, stored)
        partial_found: dict[Identifier, tuple[int, int]] = {}
        phone_hit = any(i.kind == "phone" for i in exact)
        if kind in (None, "phone") and partial is not False and (partial or not phone_hit):
            tail = phone.last_digits(raw, PARTIAL_DIGITS)
            if tail:
                partial_found = {
                    i: n for i, n in _phone_tail(conn, tail, 100).items() if i not in exact
                }
                if partial_found:
                    notes.append(
                        f"partial: {len(partial_found)} phone number(s) end in {tail[:3]}-{tail[3:]};"
                        " they may belong to different people"
                    )
        matches = [
            IdentifierMatch(i, _display(i), n, how="exact" if i in found else "any platform")
            for i, (_, n) in exact.items()
        ] + [
            IdentifierMatch(i, _display(i), n, partial=True, how="last 7 digits")
            for i, (_, n) in partial_found.items()
        ]
        use_partial = not exact and bool(partial_found)
        page_ids = [i for i, _ in (partial_found if use_partial else exact).values()]
        scope = _cursor.fingerprint("identifier", raw, kind, region, partial)
        hits, next_cursor = ads_page(conn, page_ids, scope=scope, limit=limit, cursor=cursor)
        held_by = networks_holding(conn, page_ids) if page_ids else []
    if not found and not matches:
        notes.append(
            "this value does not read as a phone number, e-mail, handle, payment account or URL"
            + (f" of kind {kind}" if kind else "")
            + "; try the full-text search for words"
        )
    elif found and not exact:
        notes.append("no ad in this store names " + ", ".join(_display(i) for i in found))
    return IdentifierResult(query=raw, readings=found, matches=matches, ads=hits,
                            next_cursor=next_cursor, ads_partial=use_partial, notes=notes, networks=held_by)


def ad_ids(store: Store, identifier: Identifier) -> list[int]:
    """Ids of every ad naming ``identifier`` in any surface form, ascending."""
    with store.connect() as conn:
        stored = _stored(conn, [identifier]).get(identifier)
        if stored is None:
            return []
        ident_id = stored[0]
        return list(
            conn.scalars(
                select(spans.c.ad_id).where(spans.c.identifier_id == ident_id).distinct().order_by(spans.c.ad_id)
            )
        )
