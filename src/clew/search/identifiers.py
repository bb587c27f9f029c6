"""Identifier search: whatever form of a phone, e-mail, handle or payment account an analyst types,
read by the same code as extraction, and every ad (and network) that names it in any form.

A phone typed without its area code is searched by its last 7 digits, and such matches are
always labelled partial: they may be other people's numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import Connection, distinct, func, literal_column, select, text, tuple_

from clew import identifiers as kinds
from clew.errors import InputError
from clew.identifiers import phone
from clew.model import Identifier, IdentifierKind
from clew.search import cursor as _cursor
from clew.search.query import clean
from clew.search.text import MAX_LIMIT, AdHit, snippet
from clew.store import Store
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


def _stored(conn: Connection, wanted: list[Identifier]) -> dict[Identifier, int]:
    if not wanted:
        return {}
    rows = conn.execute(
        select(identifiers.c.id, identifiers.c.kind, identifiers.c.value).where(
            tuple_(identifiers.c.kind, identifiers.c.value).in_([(i.kind, i.value) for i in wanted])
        )
    )
    return {Identifier(k, v): i for i, k, v in rows}


def _phone_tail(conn: Connection, tail: str, limit: int) -> dict[Identifier, int]:
    """Phones whose last 7 digits are ``tail``, through the tail index of migration 0004."""
    expr = "substr(value, -7)" if conn.dialect.name == "sqlite" else "right(value, 7)"
    rows = conn.execute(
        select(identifiers.c.id, identifiers.c.value)
        .where(literal_column(expr) == tail, text("kind = 'phone'"))
        .order_by(identifiers.c.value)
        .limit(limit)
    )
    return {Identifier("phone", v): i for i, v in rows}


def _handle_any_platform(conn: Connection, name: str, limit: int) -> dict[Identifier, int]:
    rows = conn.execute(
        select(identifiers.c.id, identifiers.c.value)
        .where(identifiers.c.kind == "handle", identifiers.c.value.endswith(":" + name.lower(), autoescape=True))
        .order_by(identifiers.c.value)
        .limit(limit)
    )
    return {Identifier("handle", v): i for i, v in rows}


def _ad_counts(conn: Connection, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    rows = conn.execute(
        select(spans.c.identifier_id, func.count(distinct(spans.c.ad_id)))
        .where(spans.c.identifier_id.in_(ids))
        .group_by(spans.c.identifier_id)
    )
    return {i: int(n) for i, n in rows}


def _display(identifier: Identifier) -> str:
    try:
        return kinds.display(identifier)
    except Exception:
        return identifier.value


def ads_page(conn: Connection, identifier_ids: list[int], *, scope: str, limit: int = 50,
             cursor: str | None = None) -> tuple[list[AdHit], str | None]:
    """Ads naming any of ``identifier_ids``, newest id first, one keyset page at a time."""
    if not identifier_ids:
        return [], None
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    holding = select(spans.c.ad_id).where(spans.c.identifier_id.in_(identifier_ids))
    conds = [ads.c.id.in_(holding)]
    if cursor:
        _, last_id = _cursor.decode(cursor, scope)
        conds.append(ads.c.id < last_id)
    rows = conn.execute(
        select(ads.c.id, ads.c.title, ads.c.body, ads.c.site, ads.c.url, ads.c.location, ads.c.posted_at)
        .where(*conds).order_by(ads.c.id.desc()).limit(limit + 1)
    ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    surface: dict[int, str] = {}
    if rows:
        for ad_id, text_ in conn.execute(
            select(spans.c.ad_id, spans.c.text).where(
                spans.c.ad_id.in_([r.id for r in rows]), spans.c.identifier_id.in_(identifier_ids)
            )
        ):
            surface.setdefault(ad_id, text_)
    hits = [
        AdHit(id=r.id, title=r.title, site=r.site, url=r.url, location=r.location, posted_at=r.posted_at,
              snippet=snippet(r.body or r.title, [surface[r.id]] if r.id in surface else []))
        for r in rows
    ]
    next_cursor = _cursor.encode(scope, None, rows[-1].id) if more and rows else None
    return hits, next_cursor


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
                for ident, ident_id in _handle_any_platform(conn, bare.group("name"), 50).items():
                    exact.setdefault(ident, ident_id)
        partial_found: dict[Identifier, int] = {}
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
        counts = _ad_counts(conn, [*exact.values(), *partial_found.values()])
        matches = [
            IdentifierMatch(i, _display(i), counts.get(n, 0), how="exact" if i in found else "any platform")
            for i, n in exact.items()
        ] + [
            IdentifierMatch(i, _display(i), counts.get(n, 0), partial=True, how="last 7 digits")
            for i, n in partial_found.items()
        ]
        use_partial = not exact and bool(partial_found)
        page_ids = list((partial_found if use_partial else exact).values())
        scope = _cursor.fingerprint("identifier", raw, kind, region, partial)
        hits, next_cursor = ads_page(conn, page_ids, scope=scope, limit=limit, cursor=cursor)
    if not found and not matches:
        notes.append(
            "this value does not read as a phone number, e-mail, handle, payment account or URL"
            + (f" of kind {kind}" if kind else "")
            + "; try the full-text search for words"
        )
    elif found and not exact:
        notes.append("no ad in this store names " + ", ".join(_display(i) for i in found))
    return IdentifierResult(query=raw, readings=found, matches=matches, ads=hits,
                            next_cursor=next_cursor, ads_partial=use_partial, notes=notes)


def ad_ids(store: Store, identifier: Identifier) -> list[int]:
    """Ids of every ad naming ``identifier`` in any surface form, ascending."""
    with store.connect() as conn:
        ident_id = _stored(conn, [identifier]).get(identifier)
        if ident_id is None:
            return []
        return list(
            conn.scalars(
                select(spans.c.ad_id).where(spans.c.identifier_id == ident_id).distinct().order_by(spans.c.ad_id)
            )
        )
