"""Writing and reading ads: idempotent batched inserts, versions of edited ads, ingest runs, rejects.

Each batch is written in one transaction with the counters of its ingest, so a crash or kill
loses nothing committed and a re-run adds only what is missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
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


#: the columns of a new ad's row, in the order :func:`ad_row` gives them
AD_COLUMNS = (
    "source", "source_id", "site", "url", "title", "body", "posted_at", "location", "images",
    "raw", "raw_sha256", "content_key", "origin", "ingested_at",
)
_SOURCE, _SOURCE_ID, _CONTENT_KEY = 0, 1, 11
# the ingest's id (an int Clew made) is written into the statement, so rows go to the driver as
# they came from the reader, not copied one by one to add it
_SQLITE_INSERT = (
    f"INSERT INTO ads ({', '.join(AD_COLUMNS)}, ingest_id, version) "
    f"VALUES ({', '.join('?' * len(AD_COLUMNS))}, {{ingest_id:d}}, 1)"
)


_SQLITE_INSERT_NEW = _SQLITE_INSERT.replace("INSERT INTO", "INSERT OR IGNORE INTO", 1)


def _datetime_text(value: datetime | None) -> str | None:
    # the text form SQLAlchemy's SQLite DateTime type writes and reads back
    return None if value is None else value.isoformat(" ", "microseconds")


def ad_row_time(value: datetime) -> str:
    """A time as :func:`ad_row` writes it."""
    return value.isoformat(" ", "microseconds")


def ad_row(ad: Ad, ingested_text: str | None = None) -> tuple[Any, ...]:
    """A new ad as a plain row (cheap to pass between processes); dates as text, images as JSON.

    ``ingested_text``: the ad's ingest time as text, when the caller already has it (one time
    serves a whole file).
    """
    return (
        ad.source, ad.source_id, ad.site, ad.url, ad.title, ad.body, _datetime_text(ad.posted_at),
        ad.location, orjson.dumps(ad.images).decode() if ad.images else "[]", ad.raw, ad.raw_sha256,
        ad.content_key, ad.origin, ingested_text or _datetime_text(ad.ingested_at or utcnow()),
    )


def checked_row(values: tuple[Any, ...], raw: bytes, origin: str, ingested_text: str) -> tuple[Any, ...]:
    """The row :func:`ad_row` gives for the ad of a record's checked values
    (:func:`clew.collect.records.checked`), without making the ad."""
    source, source_id, site, url, title, body, posted_at, location, images, raw_sha256, key = values
    return (
        source, source_id, site, url, title, body, _datetime_text(posted_at), location,
        orjson.dumps(images).decode() if images else "[]", raw, raw_sha256, key, origin, ingested_text,
    )


def _row_values(row: tuple[Any, ...]) -> dict[str, Any]:
    """A row as typed values for SQLAlchemy (the portable, slower path)."""
    values = dict(zip(AD_COLUMNS, row, strict=True))
    for key in ("posted_at", "ingested_at"):
        if values[key] is not None:
            values[key] = datetime.fromisoformat(values[key])
    values["images"] = orjson.loads(values["images"])
    return values


def _insert_ads(conn: Connection, rows: list[tuple[Any, ...]], ingest_id: int) -> None:
    """Insert new ads; on SQLite through the driver directly (the hot path of a large ingest)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(_SQLITE_INSERT.format(ingest_id=int(ingest_id)), rows)
    else:
        conn.execute(insert(ads), [{**_row_values(row), "ingest_id": ingest_id, "version": 1} for row in rows])


def _insert_new_sqlite(conn: Connection, rows: list[tuple[Any, ...]], ingest_id: int,
                       result: BatchResult) -> list[tuple[Any, ...]]:
    """Insert the rows that are new at once, letting the unique indexes find the others; returns
    the rows left out (their text or source id is known), for the caller to sort out.

    Most rows of an ingest are new: this costs one insert instead of a look-up per row and index
    before it. A row whose text is stored as an earlier version is left out beforehand.
    """
    if rows and conn.exec_driver_sql("SELECT 1 FROM ad_versions LIMIT 1").first() is not None:  # a first ingest has none
        earlier = {key for _, key in _values_in(conn, "ad_versions", "content_key", [r[_CONTENT_KEY] for r in rows])}
        rows = [row for row in rows if row[_CONTENT_KEY] not in earlier]
        result.duplicates += len(earlier)
    if not rows:
        return rows
    before = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM ads").scalar_one()
    done = conn.exec_driver_sql(_SQLITE_INSERT_NEW.format(ingest_id=int(ingest_id)), rows).rowcount
    result.new += done
    if done == len(rows):
        return []
    inserted = {key for (key,) in conn.exec_driver_sql("SELECT content_key FROM ads WHERE id > ?", (before,))}
    return [row for row in rows if row[_CONTENT_KEY] not in inserted]


def _values_in(conn: Connection, table: str, column: str, values: list[str], extra: str = "",
               params: tuple[Any, ...] = ()) -> list[Any]:
    """Rows of ``table`` whose ``column`` is one of ``values``: one parameter, not thousands."""
    if conn.dialect.name == "sqlite":
        sql = f"SELECT id, {column} FROM {table} WHERE {column} IN (SELECT value FROM json_each(?)){extra}"
        return conn.exec_driver_sql(sql, (orjson.dumps(values).decode(), *params)).all()
    sql = f"SELECT id, {column} FROM {table} WHERE {column} = ANY(%s){extra.replace('?', '%s')}"
    return conn.exec_driver_sql(sql, (values, *params)).all()


def _existing_keys(conn: Connection, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for table in ("ads", "ad_versions"):
        found.update(key for _, key in _values_in(conn, table, "content_key", keys))
    return found


def _existing_source_ids(conn: Connection, rows: list[tuple[Any, ...]]) -> dict[tuple[str, str], int]:
    by_source: dict[str, list[str]] = {}
    for row in rows:
        if row[_SOURCE_ID] is not None:
            by_source.setdefault(row[_SOURCE], []).append(row[_SOURCE_ID])
    found: dict[tuple[str, str], int] = {}
    for source, ids in by_source.items():
        for ad_id, sid in _values_in(conn, "ads", "source_id", ids, " AND source = ?", (source,)):
            found[(source, sid)] = ad_id
    return found


def _new_version(conn: Connection, ad_id: int, row: tuple[Any, ...], ingest_id: int) -> None:
    """Keep the ad's current text as an earlier version and make ``row`` its current text."""
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
    values = _row_values(row)
    for fixed in ("source", "source_id"):
        values.pop(fixed)
    conn.execute(
        update(ads)
        .where(ads.c.id == ad_id)
        .values(**values, ingest_id=ingest_id, version=current["version"] + 1, extracted_version=None)
    )


def write_batch(
    conn: Connection, ingest_id: int, rows: list[tuple[Any, ...]], rejected: Iterable[Reject], read: int
) -> BatchResult:
    """Write one batch of :func:`ad_row` rows inside the caller's transaction on ``conn``.

    New ads, new versions, rejects and the ingest's counters go in together, so whatever
    transaction holds them commits all or none. An ad whose normalized url+title+body is already
    stored (as any version) is a duplicate; an ad whose source id is known but whose text changed
    becomes a new version of that ad. A batch holds at most one text per source id (the ingest
    starts a new batch when one repeats).
    """
    result = BatchResult()
    rejected = list(rejected)
    if rows:
        fresh: list[tuple[Any, ...]] = []
        seen: set[str] = set()
        for row in rows:
            key = row[_CONTENT_KEY]
            if key in seen:
                result.duplicates += 1
                continue
            seen.add(key)
            fresh.append(row)
        if conn.dialect.name == "sqlite":
            fresh = _insert_new_sqlite(conn, fresh, ingest_id, result)
        known = _existing_keys(conn, [row[_CONTENT_KEY] for row in fresh]) if fresh else set()
        result.duplicates += sum(row[_CONTENT_KEY] in known for row in fresh)
        fresh = [row for row in fresh if row[_CONTENT_KEY] not in known]
        ids = _existing_source_ids(conn, fresh)
        new_rows = []
        for row in fresh:
            ad_id = ids.get((row[_SOURCE], row[_SOURCE_ID])) if row[_SOURCE_ID] is not None else None
            if ad_id is not None:
                _new_version(conn, ad_id, row, ingest_id)
                result.versions += 1
            else:
                new_rows.append(row)
        if new_rows:
            _insert_ads(conn, new_rows, ingest_id)
            result.new += len(new_rows)
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


def _to_ad(row: Any, owner: Ad | None = None) -> Ad:
    """An ad from a row of ``ads``, or from a row of ``ad_versions`` of the ad ``owner``."""
    return Ad(
        id=owner.id if owner else row.id,
        source=owner.source if owner else row.source,
        source_id=owner.source_id if owner else row.source_id,
        site=owner.site if owner else row.site,
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
    history = [_to_ad(row, owner=current) for row in rows]
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
