"""Writing and reading ads: idempotent batched inserts, versions of edited ads, ingest runs, rejects.

Each batch is one transaction that also advances its ingest's counters, so a crash or kill loses
nothing committed and a re-run adds only what is missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from clew.errors import NotFound
from clew.model import Ad, Reject
from clew.store import Store
from clew.store.schema import ad_versions, ads, ingests, rejects


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(slots=True)
class BatchResult:
    new: int = 0
    versions: int = 0
    duplicates: int = 0


def start_ingest(store: Store, paths: Sequence[str], source: str | None) -> int:
    """Record the start of an ingest run; its id tags every ad and reject it writes."""
    with store.transaction() as conn:
        result = conn.execute(
            insert(ingests).values(
                started_at=utcnow(),
                source=source,
                paths="\n".join(paths),
                status="running",
                read=0,
                new=0,
                versions=0,
                duplicates=0,
                rejected=0,
            )
        )
        return int(result.inserted_primary_key[0])


def finish_ingest(store: Store, ingest_id: int, status: str = "done") -> None:
    with store.transaction() as conn:
        conn.execute(
            update(ingests).where(ingests.c.id == ingest_id).values(finished_at=utcnow(), status=status)
        )


def _ad_row(ad: Ad, ingest_id: int) -> dict[str, Any]:
    return {
        "source": ad.source,
        "source_id": ad.source_id,
        "site": ad.site,
        "url": ad.url,
        "title": ad.title,
        "body": ad.body,
        "posted_at": ad.posted_at,
        "location": ad.location,
        "images": ad.images,
        "raw": ad.raw,
        "raw_sha256": ad.raw_sha256,
        "content_key": ad.content_key,
        "origin": ad.origin,
        "ingest_id": ingest_id,
        "ingested_at": ad.ingested_at or utcnow(),
        "version": 1,
    }


def _existing_keys(conn: Connection, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for table in (ads, ad_versions):
        found.update(conn.scalars(select(table.c.content_key).where(table.c.content_key.in_(keys))))
    return found


def _existing_source_ids(conn: Connection, batch: list[Ad]) -> dict[tuple[str, str], int]:
    by_source: dict[str, list[str]] = {}
    for ad in batch:
        if ad.source_id is not None:
            by_source.setdefault(ad.source, []).append(ad.source_id)
    found: dict[tuple[str, str], int] = {}
    for source, ids in by_source.items():
        for ad_id, sid in conn.execute(
            select(ads.c.id, ads.c.source_id).where(ads.c.source == source, ads.c.source_id.in_(ids))
        ):
            found[(source, sid)] = ad_id
    return found


def _new_version(conn: Connection, ad_id: int, ad: Ad, ingest_id: int) -> None:
    """Keep the ad's current text as an earlier version and make ``ad`` its current text."""
    current = conn.execute(select(ads).where(ads.c.id == ad_id)).mappings().one()
    conn.execute(
        insert(ad_versions).values(
            ad_id=ad_id,
            **{
                c: current[c]
                for c in (
                    "version", "url", "title", "body", "posted_at", "location", "images",
                    "raw", "raw_sha256", "content_key", "origin", "ingest_id", "ingested_at",
                )
            },
        )
    )
    row = _ad_row(ad, ingest_id)
    for fixed in ("source", "source_id", "version"):
        row.pop(fixed)
    conn.execute(
        update(ads)
        .where(ads.c.id == ad_id)
        .values(**row, version=current["version"] + 1, extracted_version=None)
    )


def write_batch(
    store: Store, ingest_id: int, batch: list[Ad], rejected: Iterable[Reject], read: int
) -> BatchResult:
    """Write one batch in one transaction: new ads, new versions of known ads, and rejects.

    An ad whose normalized url+title+body is already stored (as any version) is a duplicate; an ad
    whose source id is known but whose text changed becomes a new version of that ad.
    """
    result = BatchResult()
    rejected = list(rejected)
    with store.transaction() as conn:
        if batch:
            known = _existing_keys(conn, [ad.content_key for ad in batch])
            fresh: list[Ad] = []
            seen: set[str] = set()
            for ad in batch:
                if ad.content_key in known or ad.content_key in seen:
                    result.duplicates += 1
                    continue
                seen.add(ad.content_key)
                fresh.append(ad)
            ids = _existing_source_ids(conn, fresh)
            new_rows = []
            for ad in fresh:
                ad_id = ids.get((ad.source, ad.source_id)) if ad.source_id is not None else None
                if ad_id is not None:
                    _new_version(conn, ad_id, ad, ingest_id)
                    result.versions += 1
                else:
                    new_rows.append(_ad_row(ad, ingest_id))
            if new_rows:
                conn.execute(insert(ads), new_rows)
                result.new = len(new_rows)
        if rejected:
            conn.execute(
                insert(rejects),
                [
                    {"ingest_id": ingest_id, "path": r.origin, "line": r.line, "reason": r.reason, "excerpt": r.excerpt}
                    for r in rejected
                ],
            )
        conn.execute(
            update(ingests)
            .where(ingests.c.id == ingest_id)
            .values(
                read=ingests.c.read + read,
                new=ingests.c.new + result.new,
                versions=ingests.c.versions + result.versions,
                duplicates=ingests.c.duplicates + result.duplicates,
                rejected=ingests.c.rejected + len(rejected),
            )
        )
    return result


def _to_ad(row: Any) -> Ad:
    return Ad(
        id=row.id,
        source=row.source,
        source_id=row.source_id,
        site=row.site,
        url=row.url,
        title=row.title,
        body=row.body,
        posted_at=row.posted_at,
        location=row.location,
        images=list(row.images or []),
        raw=bytes(row.raw),
        raw_sha256=row.raw_sha256,
        content_key=row.content_key,
        origin=row.origin,
        ingested_at=row.ingested_at,
        version=row.version,
    )


def get_ad(store: Store, ad_id: int) -> Ad:
    with store.connect() as conn:
        row = conn.execute(select(ads).where(ads.c.id == ad_id)).one_or_none()
    if row is None:
        raise NotFound(f"no ad with id {ad_id}")
    return _to_ad(row)


def ad_history(store: Store, ad_id: int) -> list[Ad]:
    """Every stored text of an ad, oldest first, the current one last."""
    current = get_ad(store, ad_id)
    with store.connect() as conn:
        rows = conn.execute(
            select(ad_versions).where(ad_versions.c.ad_id == ad_id).order_by(ad_versions.c.version)
        ).all()
    history = []
    for row in rows:
        history.append(
            Ad(
                id=ad_id,
                source=current.source,
                source_id=current.source_id,
                site=current.site,
                url=row.url,
                title=row.title,
                body=row.body,
                posted_at=row.posted_at,
                location=row.location,
                images=list(row.images or []),
                raw=bytes(row.raw),
                raw_sha256=row.raw_sha256,
                content_key=row.content_key,
                origin=row.origin,
                ingested_at=row.ingested_at,
                version=row.version,
            )
        )
    history.append(current)
    return history


def iter_ads(store: Store, *, batch_size: int = 5000, after_id: int = 0) -> Iterator[Ad]:
    """Every ad's current version in id order, read in keyset pages (constant memory)."""
    last = after_id
    while True:
        with store.connect() as conn:
            rows = conn.execute(
                select(ads).where(ads.c.id > last).order_by(ads.c.id).limit(batch_size)
            ).all()
        if not rows:
            return
        for row in rows:
            yield _to_ad(row)
        last = rows[-1].id


def list_rejects(store: Store, ingest_id: int | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Rejected records, newest ingest first (or of one ingest), with file, line and reason."""
    query = select(rejects).order_by(rejects.c.ingest_id.desc(), rejects.c.id)
    if ingest_id is not None:
        query = query.where(rejects.c.ingest_id == ingest_id)
    if limit is not None:
        query = query.limit(limit)
    with store.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def list_ingests(store: Store, limit: int = 20) -> list[dict[str, Any]]:
    with store.connect() as conn:
        return [
            dict(row._mapping)
            for row in conn.execute(select(ingests).order_by(ingests.c.id.desc()).limit(limit))
        ]
