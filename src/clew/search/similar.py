"""Similar ads: an ad's near-duplicates ranked by similarity, read from the Networks stage's
evidence edges. Until that stage has run there are none, and the answer says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, MetaData, Table, and_, case, inspect, or_, select

from clew.errors import InputError, NotFound
from clew.search import cursor as _cursor
from clew.search.text import MAX_LIMIT
from clew.store import Store
from clew.store.schema import ads

#: tables the Networks stage may keep its ad-to-ad evidence edges in, first found is used
_EDGE_TABLES = ("links", "evidence", "network_links", "network_evidence", "edges")
#: edge reasons that mean "near-duplicate text or image", strongest first
_SIMILAR_REASONS = ("template", "near_duplicate", "text", "image")


@dataclass(slots=True)
class SimilarAd:
    id: int
    title: str
    similarity: float
    reason: str
    evidence: str


@dataclass(slots=True)
class SimilarResult:
    """Near-duplicates of ``ad_id``; ``available`` is False when no similarity index exists yet."""

    ad_id: int
    items: list[SimilarAd]
    next_cursor: str | None
    available: bool
    notes: list[str] = field(default_factory=list)


def _edges(conn: Connection) -> Table | None:
    names = set(inspect(conn).get_table_names())
    for name in _EDGE_TABLES:
        if name in names:
            table = Table(name, MetaData(), autoload_with=conn)
            if {"ad_a", "ad_b", "reason"} <= set(table.c.keys()):
                return table
    return None


def similar_ads(store: Store, ad_id: int, *, limit: int = 20, cursor: str | None = None) -> SimilarResult:
    """Ads whose text or images nearly repeat ``ad_id``'s, most similar first (keyset pages)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    with store.connect() as conn:
        if conn.scalar(select(ads.c.id).where(ads.c.id == ad_id)) is None:
            raise NotFound(f"no ad with id {ad_id}")
        edges = _edges(conn)
        if edges is None:
            return SimilarResult(ad_id, [], None, False, [
                "no similarity index yet: near-duplicates come from the Networks stage (clew link)",
            ])
        other = case((edges.c.ad_a == ad_id, edges.c.ad_b), else_=edges.c.ad_a)
        weight = edges.c.weight if "weight" in edges.c else None
        score = (-weight) if weight is not None else other * 0
        conds = [
            or_(edges.c.ad_a == ad_id, edges.c.ad_b == ad_id),
            edges.c.reason.in_(_SIMILAR_REASONS),
        ]
        scope = _cursor.fingerprint("similar", ad_id)
        if cursor:
            key, last = _cursor.decode(cursor, scope)
            if not isinstance(key, (int, float)):
                raise InputError("the page cursor does not fit this list; start again without one")
            conds.append(or_(score > key, and_(score == key, other > last)))
        evidence = edges.c.evidence if "evidence" in edges.c else edges.c.reason
        rows = conn.execute(
            select(other.label("other"), score.label("score"), edges.c.reason, evidence.label("evidence"), ads.c.title)
            .join_from(edges, ads, ads.c.id == other)
            .where(*conds)
            .order_by(score, other)
            .limit(limit + 1)
        ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    items = [SimilarAd(r.other, r.title, float(-r.score) if weight is not None else 1.0, r.reason, str(r.evidence))
             for r in rows]
    next_cursor = _cursor.encode(scope, float(rows[-1].score), rows[-1].other) if more and rows else None
    notes = [] if items or cursor else [
        "no ad nearly repeats this one's text or images, as of the last Networks run (clew analyze)"
    ]
    return SimilarResult(ad_id, items, next_cursor, True, notes)
