"""Full-text search over ads, one interface on both backends: SQLite FTS5 or PostgreSQL tsvector.

Words, "quoted phrases" and prefix* (see :mod:`clew.search.query`), filters, facets, sorting by
relevance or date, and keyset pages through opaque cursors that never repeat or skip an ad.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Connection,
    Double,
    FromClause,
    and_,
    bindparam,
    case,
    cast,
    column,
    distinct,
    exists,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
)

from clew.errors import InputError
from clew.model import IdentifierKind
from clew.search import cursor as _cursor
from clew.search.query import TextQuery, clean, parse
from clew.search.sync import sync_index_quietly
from clew.store import Store
from clew.store.schema import ads, spans
from clew.store.scores import ad_scores, indicator_hits

Sort = Literal["relevance", "newest", "oldest", "score"]
SORTS: tuple[str, ...] = ("relevance", "newest", "oldest", "score")
MAX_LIMIT = 200
FACET_SIZE = 20
#: relevance ranks at most this many matches at a time: the newest block first, then the next older
#: block, and so on. Ranking every match of a word common to half a million ads would cost seconds
#: for the first page; a search matching fewer ads is ranked whole, exactly.
RANK_BLOCK = 5_000
#: facets of a search matching more ads than this count the newest this many (and say so)
FACET_SAMPLE = 20_000

_FTS = table("ads_fts", column("rowid"))
_EPOCH = datetime(1970, 1, 1)


@dataclass(slots=True)
class SearchFilters:
    """What narrows a search beside its words; every field optional, all given must hold."""

    since: date | None = None
    until: date | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None
    site: str | None = None
    has: tuple[str, ...] = ()
    min_score: float | None = None
    max_score: float | None = None
    min_network_size: int | None = None
    max_network_size: int | None = None

    def key(self) -> tuple[Any, ...]:
        return (
            self.since, self.until, self.city, self.region, self.country, self.site,
            tuple(sorted(self.has)), self.min_score, self.max_score, self.min_network_size,
            self.max_network_size,
        )


@dataclass(slots=True)
class AdHit:
    """One ad in a result list, with a plain-text snippet around the first matched word."""

    id: int
    title: str
    site: str | None
    url: str | None
    location: str | None
    posted_at: datetime | None
    snippet: str
    rank: float | None = None
    #: the network the ad belongs to (identifier lookups say; None: none, or not looked up)
    network_id: str | None = None


@dataclass(slots=True)
class SearchPage:
    """One page of results; ``next_cursor`` fetches the next page (None: this is the last)."""

    query: str
    sort: str
    hits: list[AdHit]
    next_cursor: str | None
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class FacetCount:
    value: str
    count: int


@dataclass(slots=True)
class Facets:
    """How the ads matching a search spread: by city, site and month (counts of ads)."""

    total: int
    city: list[FacetCount]
    site: list[FacetCount]
    month: list[FacetCount]
    indicator: list[FacetCount] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: ``total`` is an estimate (many ads hold the words and filters thin them: see ``notes``)
    estimated: bool = False


def _day_start(value: date) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, time.min)


#: a location span's parts as migration 0011 indexes them (the same text, so the index is used)
_PLACE_PART = {
    "sqlite": {k: f"lower(json_extract(spans.detail, '$.{k}'))" for k in ("city", "region", "country")},
    "postgresql": {k: f"lower(spans.detail ->> '{k}')" for k in ("city", "region", "country")},
}


def _location(dialect: str, key: str, value: str) -> ColumnElement[bool]:
    """Ads with a location span whose city/region/country (or whole place name) is ``value``.

    Each test is one seek in a place index of migration 0011 (place, ad id): no span is read.
    """
    wanted = bindparam(f"place_{key}", value.strip().lower())
    located = text("spans.kind = 'location'")  # a literal, as the partial indexes say
    parts = [literal_column(_PLACE_PART.get(dialect, _PLACE_PART["sqlite"])[key])]
    if key == "city":  # or the whole place name ("Miami, FL, US")
        parts.append(func.lower(spans.c.value))
    return or_(*(exists().where(located, part == wanted, spans.c.ad_id == ads.c.id) for part in parts))


def _cleaned(f: SearchFilters | None) -> SearchFilters:
    """The filters with text fields a database can hold (see :func:`clean`)."""
    f = f or SearchFilters()
    values = {k: (clean(v) if isinstance(v, str) else v) for k in SearchFilters.__slots__
              if (v := getattr(f, k)) is not None}
    values["has"] = tuple(clean(k) for k in f.has)
    return SearchFilters(**values)


def _filter_conditions(f: SearchFilters, dialect: str) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if f.since and f.until and f.since > f.until:
        raise InputError(f"since ({f.since}) is after until ({f.until}): nothing can match")
    if f.since:
        conds.append(ads.c.posted_at >= _day_start(f.since))
    if f.until and f.until < date.max:
        # until is a day: the whole of that day is included
        until = f.until if isinstance(f.until, datetime) else _day_start(f.until) + timedelta(days=1)
        conds.append(ads.c.posted_at < until)
    elif f.until:
        conds.append(ads.c.posted_at.is_not(None))
    for key in ("city", "region", "country"):
        value = getattr(f, key)
        if value is not None and value.strip():
            conds.append(_location(dialect, key, value))
    if f.site is not None and f.site.strip():
        conds.append(func.lower(ads.c.site) == f.site.strip().lower())
    kinds = {k.value for k in IdentifierKind}
    for kind in f.has:
        if kind not in kinds:
            raise InputError(f"unknown identifier kind {kind!r} in has; known: {', '.join(sorted(kinds))}")
        conds.append(
            exists().where(spans.c.ad_id == ads.c.id, spans.c.kind == kind, spans.c.identifier_id.is_not(None))
        )
    if f.min_score is not None:
        conds.append(exists().where(ad_scores.c.ad_id == ads.c.id, ad_scores.c.score >= f.min_score))
    if f.max_score is not None:
        conds.append(exists().where(ad_scores.c.ad_id == ads.c.id, ad_scores.c.score <= f.max_score))
    if f.min_network_size is not None or f.max_network_size is not None:
        raise InputError("this store has no networks yet, so it cannot filter by network size")
    return conds


@dataclass(slots=True)
class _Plan:
    source: FromClause
    conds: list[ColumnElement[bool]]
    rank: ColumnElement[Any] | None
    #: the ad id as the text index sees it: an id range on the index's own rowid (SQLite) lets the
    #: index skip to it instead of handing over every match to be checked
    match_id: ColumnElement[int] = ads.c.id
    #: the ads the words alone match (no filters): where blocks of matches are counted off
    words_source: FromClause = ads
    words: list[ColumnElement[bool]] = field(default_factory=list)

    @property
    def filtered(self) -> bool:
        return len(self.conds) > len(self.words)


def _plan(conn: Connection, query: TextQuery, filters: SearchFilters) -> _Plan:
    conds = _filter_conditions(filters, conn.dialect.name)
    if query.empty:
        return _Plan(ads, conds, None)
    if conn.dialect.name == "sqlite":
        source = ads.join(_FTS, _FTS.c.rowid == ads.c.id)
        match = text("ads_fts MATCH :fts_query").bindparams(fts_query=query.fts5())
        return _Plan(source, [match, *conds], literal_column("bm25(ads_fts)"), _FTS.c.rowid, _FTS, [match])
    vector = literal_column("ads.search_vector")
    tsq = func.to_tsquery(literal_column("'simple'::regconfig"), bindparam("ts_query", query.tsquery()))
    # ts_rank is "higher is better"; negated so both backends sort ascending
    # as double precision: a real (float4) would not round-trip through the cursor exactly
    rank = cast(-func.ts_rank(vector, tsq), Double)
    match = vector.op("@@")(tsq)
    return _Plan(ads, [match, *conds], rank, ads.c.id, ads, [match])


def _ad_score() -> ColumnElement[Any]:
    """An ad's lead score (ads not yet scored: -1, so they come last)."""
    return func.coalesce(select(ad_scores.c.score).where(ad_scores.c.ad_id == ads.c.id).scalar_subquery(), -1.0)


def _keyset(sort: str, rank: ColumnElement[Any] | None, key: Any, last_id: int) -> ColumnElement[bool]:
    if sort == "score":
        score = _ad_score()
        return or_(score < key, and_(score == key, ads.c.id > last_id))
    if sort == "relevance" and rank is not None:
        return or_(rank > key, and_(rank == key, ads.c.id > last_id))
    if sort == "relevance":
        return ads.c.id > last_id
    posted = ads.c.posted_at
    if key is None:  # into the ads without a date, which come last
        return and_(posted.is_(None), ads.c.id < last_id if sort == "newest" else ads.c.id > last_id)
    when = datetime.fromisoformat(key)
    if sort == "newest":
        return or_(posted < when, and_(posted == when, ads.c.id < last_id), posted.is_(None))
    return or_(posted > when, and_(posted == when, ads.c.id > last_id), posted.is_(None))


def _order(sort: str, id_: ColumnElement[Any] = ads.c.id, posted: ColumnElement[Any] = ads.c.posted_at,
           score: ColumnElement[Any] | None = None) -> list[Any]:
    """ORDER BY for id, date or score order, over ``ads`` or a subquery's columns of the same meaning
    (``score`` default: each ad's lead score). Relevance with words is ordered by :func:`_ranked_page`."""
    if sort == "score":
        return [(_ad_score() if score is None else score).desc(), id_]
    if sort == "relevance":
        return [id_]
    undated = case((posted.is_(None), 1), else_=0)
    if sort == "newest":
        return [undated, posted.desc(), id_.desc()]
    return [undated, posted, id_]


_SNIPPET_CHARS = 200


@lru_cache(maxsize=256)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(w) for w in words) + ")", re.IGNORECASE)


def snippet(text_: str, words: list[str], width: int = _SNIPPET_CHARS) -> str:
    """Plain text around the first of ``words`` found in ``text_`` (the start when none is)."""
    flat = " ".join(text_.split())
    start = 0
    if words:
        m = _words_pattern(tuple(sorted(set(words), key=lambda w: (-len(w), w)))).search(flat)
        if m:
            start = max(0, m.start() - width // 3)
    piece = flat[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(flat) else "")


def snippet_at(text_: str, start: int, end: int, width: int = _SNIPPET_CHARS) -> str:
    """What :func:`snippet` cuts around ``text_[start:end]`` (a span's place), without searching."""
    reach = 2 * width  # raw characters read either side: whitespace runs shrink when flattened
    low, high = max(0, start - reach), start + reach
    before = " ".join(text_[low:start].split())
    if before and text_[start - 1].isspace():
        before += " "
    lead = before[-(width // 3) :] if width // 3 else ""
    rest = " ".join(text_[start:high].split())
    piece = lead + rest
    more_before = len(before) > len(lead) or bool(text_[:low].strip())
    more_after = len(piece) > width or bool(text_[high:].strip())
    return ("…" if more_before else "") + piece[:width] + ("…" if more_after else "")


def search(
    store: Store,
    text_query: str | None = None,
    filters: SearchFilters | None = None,
    *,
    sort: str = "relevance",
    limit: int = 50,
    cursor: str | None = None,
) -> SearchPage:
    """One page of ads matching ``text_query`` and ``filters``, in ``sort`` order.

    With no words the search lists the ads the filters allow ("relevance" is then id order).
    Raises InputError for a malformed query, cursor, sort or limit, with what to do instead.
    """
    filters = _cleaned(filters)
    if sort not in SORTS:
        raise InputError(f"unknown sort {sort!r}; use one of: {', '.join(SORTS)}")
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    query = parse(text_query)
    scope = _cursor.fingerprint(str(query), filters.key(), sort)
    sync_index_quietly(store)  # ads ingested since the last sync enter the index first
    notes: list[str] = []
    after = _cursor.decode(cursor, scope) if cursor else None
    with store.connect() as conn:
        plan = _plan(conn, query, filters)
        if sort == "relevance" and plan.rank is not None:
            rows, more, next_key = _ranked_page(conn, plan, limit, after, notes)
        else:
            rows, more, next_key = _sorted_page(conn, plan, sort, limit, after)
    words = query.words()
    hits = [
        AdHit(
            id=r.id, title=r.title, site=r.site, url=r.url, location=r.location, posted_at=r.posted_at,
            snippet=snippet(r.body or r.title, words),
            rank=(float(r.rank) if plan.rank is not None and sort == "relevance" else None),
        )
        for r in rows
    ]
    next_cursor = _cursor.encode(scope, next_key, rows[-1].id) if more and rows else None
    return SearchPage(query=str(query), sort=sort, hits=hits, next_cursor=next_cursor, notes=notes)


_COLUMNS = (ads.c.id, ads.c.title, ads.c.body, ads.c.site, ads.c.url, ads.c.location, ads.c.posted_at)


def _refused() -> InputError:
    return InputError("the page cursor does not fit this search; start again without one")


def _sorted_page(conn: Connection, plan: _Plan, sort: str, limit: int,
                 after: tuple[Any, int] | None) -> tuple[list[Any], bool, Any]:
    """One page in id, date or score order, whether more follow, and the next page's cursor key."""
    conds = list(plan.conds)
    if after is not None:
        key, last_id = after
        if sort == "score" and not isinstance(key, (int, float)):
            raise _refused()
        if sort in ("newest", "oldest") and key is not None:
            try:
                datetime.fromisoformat(str(key))
            except ValueError:
                raise _refused() from None
        conds.append(_keyset(sort, None, key, last_id))
    # the page's ids in order first, reading no text; then the text of those ads only
    keys = [plan.match_id.label("id"), ads.c.posted_at.label("posted_at")]
    if sort == "score":
        keys.append(_ad_score().label("score"))
    picked = (select(*keys).select_from(plan.source).where(*conds)
              .order_by(*_order(sort)).limit(limit + 1).subquery())
    score = [picked.c.score] if sort == "score" else []
    rows = conn.execute(
        select(*_COLUMNS, *score).select_from(ads.join(picked, picked.c.id == ads.c.id))
        .order_by(*_order(sort, picked.c.id, picked.c.posted_at, *score))
    ).all()
    if len(rows) <= limit:
        return rows, False, None
    rows, last = rows[:limit], rows[limit - 1]
    if sort == "score":
        return rows, True, float(last.score)
    if sort == "relevance":
        return rows, True, None  # id order: the id in the cursor is the whole key
    return rows, True, (last.posted_at.isoformat() if last.posted_at is not None else None)


def _block_floor(conn: Connection, plan: _Plan, top: int | None, size: int | None = None) -> int:
    """The id below the ``size`` (default RANK_BLOCK) newest ads at or below ``top`` that the words
    match, filters aside (0: fewer do, so all are in).

    Counted off the text index alone: a block is a range of ids, and a filter only thins it, so the
    price of a block does not grow with how selective the filters are.
    """
    conds = list(plan.words)
    if top is not None:
        conds.append(plan.match_id <= top)
    found = conn.execute(
        select(plan.match_id).select_from(plan.words_source).where(*conds)
        .order_by(plan.match_id.desc()).limit(1).offset(RANK_BLOCK if size is None else size)
    ).first()
    return int(found[0]) if found else 0


def _ranked_page(conn: Connection, plan: _Plan, limit: int, after: tuple[Any, int] | None,
                 notes: list[str]) -> tuple[list[Any], bool, Any]:
    """One page by relevance, ranking one block of at most RANK_BLOCK matches at a time.

    A block is the matches with ids in (floor, top]: the newest RANK_BLOCK first; the page goes on
    into the next older block when one runs out. The cursor key is [top, floor, rank of the last ad]
    (top -1: no upper bound), so every page ranks the same blocks and none repeats or skips an ad.
    """
    assert plan.rank is not None
    if after is None:
        top, floor, position = None, _block_floor(conn, plan, None), None
    else:
        key, last_id = after
        if (not isinstance(key, list) or len(key) != 3 or not all(isinstance(k, (int, float)) for k in key)
                or not isinstance(key[0], int) or not isinstance(key[1], int)):
            raise _refused()
        top, floor, position = (None if key[0] < 0 else key[0]), key[1], (key[2], last_id)
    if floor > 0:
        notes.append(f"many ads hold these words: relevance ranks them {RANK_BLOCK:,} at a time, the newest"
                     f" {RANK_BLOCK:,} first")
    rows: list[Any] = []
    while True:
        conds = [*plan.conds, plan.match_id > floor]
        if top is not None:
            conds.append(plan.match_id <= top)
        if position is not None:
            conds.append(_keyset("relevance", plan.rank, position[0], position[1]))
        wanted = limit + 1 - len(rows)
        # the block's ids and ranks first, from the index alone; the ads' text for the page only
        ranked = (select(plan.match_id.label("id"), plan.rank.label("rank")).select_from(plan.source)
                  .where(*conds).order_by(plan.rank, plan.match_id).limit(wanted).subquery())
        found = conn.execute(
            select(*_COLUMNS, ranked.c.rank).select_from(ads.join(ranked, ranked.c.id == ads.c.id))
            .order_by(ranked.c.rank, ranked.c.id)
        ).all()
        rows += [(r, top, floor) for r in found]
        if len(rows) > limit or floor <= 0:
            break
        top, floor, position = floor, _block_floor(conn, plan, floor), None
    if len(rows) <= limit:
        return [r for r, _, _ in rows], False, None
    last, last_top, last_floor = rows[limit - 1]
    return [r for r, _, _ in rows[:limit]], True, [-1 if last_top is None else last_top, last_floor, float(last.rank)]


def _month(conn: Connection) -> ColumnElement[str]:
    if conn.dialect.name == "sqlite":
        return func.strftime("%Y-%m", ads.c.posted_at)
    return func.to_char(ads.c.posted_at, "YYYY-MM")


def _top(counts: Counter[str], size: int) -> list[FacetCount]:
    """The ``size`` largest counts, ties in value order (as ORDER BY n DESC, value would give)."""
    return [FacetCount(v, n) for v, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:size]]


def facets(store: Store, text_query: str | None = None, filters: SearchFilters | None = None,
           *, size: int = FACET_SIZE, sample: int | None = FACET_SAMPLE) -> Facets:
    """Counts of the ads matching a search by city, site and month (the ``size`` largest each).

    When more than ``sample`` ads hold the words, the counts are of the matches among the newest
    ``sample`` of those (``notes`` says so): a word common to half the store would otherwise cost
    seconds. ``total`` is then exact when no filter is set, else estimated from that sample
    (``estimated``). ``sample=None`` counts every match.
    """
    filters = _cleaned(filters)
    query = parse(text_query)
    sync_index_quietly(store)
    notes: list[str] = []
    with store.connect() as conn:
        plan = _plan(conn, query, filters)
        conds = list(plan.conds)
        estimated = False
        floor = _block_floor(conn, plan, None, sample) if sample is not None else 0
        if floor > 0:
            conds.append(plan.match_id > floor)
            with_words = int(conn.execute(
                select(func.count()).select_from(plan.words_source).where(*plan.words)).scalar_one())
        # one pass over the matches gives the total, sites and months: (site, month) pairs are few
        month_key = _month(conn)
        pairs = conn.execute(
            select(ads.c.site, month_key, func.count()).select_from(plan.source).where(*conds)
            .group_by(ads.c.site, month_key)
        ).all()
        counted = sum(int(n) for _, _, n in pairs)
        if floor <= 0:
            total = counted
        elif not plan.filtered:
            total = with_words
            notes.append(f"{total:,} ads match; the counts by city, site, month and indicator are of the newest"
                         f" {counted:,} of them")
        else:  # the filters were tried on the newest ads holding the words only
            total, estimated = round(counted * with_words / sample), True
            notes.append(f"about {total:,} ads match: {counted:,} of the newest {sample:,} ads holding these words"
                         f" pass the filters, of {with_words:,} holding them; the counts are of those {counted:,}")
        matched = select(plan.match_id).select_from(plan.source).where(*conds)
        by_site: Counter[str] = Counter()
        by_month: Counter[str] = Counter()
        for site_, month_, n in pairs:
            if site_ is not None:
                by_site[str(site_)] += int(n)
            if month_ is not None:
                by_month[str(month_)] += int(n)
        site, month = _top(by_site, size), _top(by_month, size)
        city_key = spans.c.value
        n = func.count(distinct(spans.c.ad_id)).label("n")
        city_rows = conn.execute(
            select(city_key, n)
            .where(
                spans.c.kind == "location",
                spans.c.detail["city"].as_string().is_not(None),
                spans.c.ad_id.in_(matched),
            )
            .group_by(city_key).order_by(n.desc(), city_key).limit(size)
        )
        city = [FacetCount(v, int(c)) for v, c in city_rows]
        n = func.count(distinct(indicator_hits.c.ad_id)).label("n")
        indicator = [FacetCount(v, int(c)) for v, c in conn.execute(
            select(indicator_hits.c.indicator_id, n).where(indicator_hits.c.ad_id.in_(matched))
            .group_by(indicator_hits.c.indicator_id).order_by(n.desc(), indicator_hits.c.indicator_id).limit(size)
        )]
    return Facets(total=total, city=city, site=site, month=month, indicator=indicator, notes=notes,
                  estimated=estimated)
