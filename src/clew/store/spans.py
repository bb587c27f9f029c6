"""Storing what extraction read: spans per ad, identifiers shared between ads, and which ads are done."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, delete, func, or_, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite

from clew.model import IDENTIFIER_SPAN_KINDS, Identifier, Span
from clew.store import Store
from clew.store.schema import ads, identifiers, spans


def pending_filter(version: int) -> Any:
    """Ads never extracted, or extracted by an older extraction version."""
    return or_(ads.c.extracted_version.is_(None), ads.c.extracted_version < version)


def count_pending(store: Store, version: int) -> int:
    with store.connect() as conn:
        return conn.scalar(select(func.count()).select_from(ads).where(pending_filter(version))) or 0


def pending_ads(store: Store, version: int, *, after_id: int = 0, limit: int = 2000) -> list[tuple[Any, ...]]:
    """(id, title, body, location, url) of the next ads to extract, in id order."""
    with store.connect() as conn:
        return [
            tuple(row)
            for row in conn.execute(
                select(ads.c.id, ads.c.title, ads.c.body, ads.c.location, ads.c.url)
                .where(pending_filter(version), ads.c.id > after_id)
                .order_by(ads.c.id)
                .limit(limit)
            )
        ]


def _identifier_ids(conn: Connection, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    if not wanted:
        return {}
    rows = [{"kind": k, "value": v} for k, v in sorted(wanted)]
    dialect = sqlite if conn.dialect.name == "sqlite" else postgresql
    conn.execute(dialect.insert(identifiers).on_conflict_do_nothing(), rows)
    found: dict[tuple[str, str], int] = {}
    pairs = sorted(wanted)
    for i in range(0, len(pairs), 500):
        chunk = pairs[i : i + 500]
        for ident_id, kind, value in conn.execute(
            select(identifiers.c.id, identifiers.c.kind, identifiers.c.value).where(
                tuple_(identifiers.c.kind, identifiers.c.value).in_(chunk)
            )
        ):
            found[(kind, value)] = ident_id
    return found


def save_extractions(store: Store, results: Sequence[tuple[int, list[Span]]], version: int) -> int:
    """Replace the spans of each ad with those given and mark it extracted; returns spans written."""
    if not results:
        return 0
    ad_ids = [ad_id for ad_id, _ in results]
    wanted = {
        (s.kind, s.value) for _, found in results for s in found if s.kind in IDENTIFIER_SPAN_KINDS
    }
    written = 0
    with store.transaction() as conn:
        conn.execute(delete(spans).where(spans.c.ad_id.in_(ad_ids)))
        ids = _identifier_ids(conn, wanted)
        rows = [
            {
                "ad_id": ad_id,
                "field": s.field,
                "kind": s.kind,
                "value": s.value,
                "text": s.text,
                "start": s.start,
                "end": s.end,
                "confidence": s.confidence,
                "extractor": s.extractor,
                "detail": s.detail,
                "identifier_id": ids.get((s.kind, s.value)),
            }
            for ad_id, found in results
            for s in found
        ]
        if rows:
            conn.execute(spans.insert(), rows)
            written = len(rows)
        conn.execute(update(ads).where(ads.c.id.in_(ad_ids)).values(extracted_version=version))
    return written


def spans_of(store: Store, ad_id: int) -> list[Span]:
    with store.connect() as conn:
        rows = conn.execute(
            select(spans).where(spans.c.ad_id == ad_id).order_by(spans.c.field, spans.c.start)
        ).all()
    return [
        Span(r.kind, r.value, r.text, r.start, r.end, r.confidence, r.extractor, r.field, r.detail)
        for r in rows
    ]


def ads_with_identifier(store: Store, identifier: Identifier) -> list[int]:
    """Ids of every ad whose text names ``identifier`` (in any surface form)."""
    with store.connect() as conn:
        return list(
            conn.scalars(
                select(spans.c.ad_id)
                .join(identifiers, identifiers.c.id == spans.c.identifier_id)
                .where(identifiers.c.kind == identifier.kind, identifiers.c.value == identifier.value)
                .distinct()
                .order_by(spans.c.ad_id)
            )
        )
