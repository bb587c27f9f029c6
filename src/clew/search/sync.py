"""Keeping the full-text index in step with ads: new ads are indexed in bulk, never one at a time.

SQLite: ingest adds ads without touching the FTS5 index ``ads_fts`` (migration 0004); this module
indexes every ad added since the last sync in a few large statements, which costs a fraction of
indexing row by row. ``clew analyze`` and every full-text search call :func:`sync_index`; when
nothing is pending it is two index lookups. Ads already indexed stay right when their text changes
or they are deleted: triggers update them, and only them.
PostgreSQL: the ``search_vector`` column is computed by the database as rows are written, so there
is nothing to sync.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from clew.store import Store

#: ads indexed per transaction: large enough that FTS5 writes big segments, small enough that a
#: kill in the middle loses little and a concurrent writer waits at most a few seconds
CHUNK = 50_000

#: called with (ads indexed so far, ads pending in all)
Progress = Callable[[int, int], None]

# The highest ad id in the index. An ad gets an id above every id in use, so every ad above this
# one is not yet indexed, and every ad at or below it is (ids are never written out of order).
_INDEXED_UPTO = "SELECT coalesce(max(id), 0) FROM ads_fts_docsize"
_NEWEST = "SELECT coalesce(max(id), 0) FROM ads"
_COUNT = "SELECT count(*) FROM ads WHERE id > ?"
# one statement, so where the index ends is read under the write lock: two syncs never overlap
_INDEX = (
    f"INSERT INTO ads_fts(rowid, title, body) SELECT id, title, body FROM ads WHERE id > ({_INDEXED_UPTO})"
    " ORDER BY id LIMIT ?"
)


def _has_fts(conn: Connection) -> bool:
    found = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ads_fts_docsize'")
    return found.first() is not None


def pending(store: Store) -> int:
    """How many ads wait to enter the full-text index (always 0 on PostgreSQL)."""
    if store.dialect != "sqlite":
        return 0
    with store.connect() as conn:
        if not _has_fts(conn):
            return 0
        upto = conn.exec_driver_sql(_INDEXED_UPTO).scalar_one()
        return int(conn.exec_driver_sql(_COUNT, (upto,)).scalar_one())


def sync_index(store: Store, *, chunk: int = CHUNK, progress: Progress | None = None) -> int:
    """Add every ad not yet in the full-text index to it; returns how many were added.

    Safe to call at any time and from several processes: each chunk of ads is one statement in one
    transaction that reads where the index ends under the write lock, so two syncs never index an
    ad twice, and a kill loses only the chunk under way.
    """
    if store.dialect != "sqlite":
        return 0
    with store.connect() as conn:
        if not _has_fts(conn):
            return 0
        upto = conn.exec_driver_sql(_INDEXED_UPTO).scalar_one()
        if upto >= conn.exec_driver_sql(_NEWEST).scalar_one():
            return 0  # the common case: nothing pending, nothing written
        total = int(conn.exec_driver_sql(_COUNT, (upto,)).scalar_one()) if progress else 0
    done = 0
    if progress is not None:
        progress(0, total)
    while True:
        with store.transaction() as conn:
            added = conn.exec_driver_sql(_INDEX, (chunk,)).rowcount
        if added <= 0:
            return done
        done += added
        if progress is not None:
            progress(done, max(total, done))


def sync_index_quietly(store: Store) -> int:
    """:func:`sync_index` for readers: a store that cannot be written now is searched as it is."""
    try:
        return sync_index(store)
    except OperationalError as exc:
        if "readonly" in str(exc) or "locked" in str(exc):
            return 0
        raise
