"""Backups of a SQLite store while it is in use, and restoring one.

The copy goes through SQLite's online backup API in one step, so it is the store as one committed
transaction left it, whatever writers are doing meanwhile. A PostgreSQL store is backed up with
PostgreSQL's own tools (pg_dump / pg_restore, or base backups with WAL archiving).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from clew.errors import InputError, StoreError
from clew.store import Store, resolve_url

_POSTGRES_ROUTE = (
    "a PostgreSQL store is backed up with PostgreSQL's own tools: "
    "pg_dump --format=custom --file=clew.dump DBNAME, restored with pg_restore --dbname=DBNAME clew.dump"
)


@dataclass(slots=True, frozen=True)
class BackupResult:
    path: Path
    bytes: int
    ads: int
    revision: str | None


def sqlite_path(url: str | None) -> Path:
    """The file of a SQLite store URL; a clear error for PostgreSQL or in-memory stores."""
    parsed = make_url(resolve_url(url))
    if parsed.get_backend_name() == "postgresql":
        raise StoreError(_POSTGRES_ROUTE)
    if not parsed.database or parsed.database == ":memory:":
        raise StoreError("only a SQLite store in a file can be backed up or restored")
    return Path(parsed.database).expanduser()


def _copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=60)
    dst = sqlite3.connect(target)
    try:
        src.execute("PRAGMA busy_timeout=60000")
        src.backup(dst)  # pages=-1: every page in one step, under one read transaction
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        check = dst.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise StoreError(f"the copy at {target} failed SQLite's integrity check: {check}")
    finally:
        dst.close()
        src.close()


def _summary(path: Path) -> BackupResult:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"ads", "alembic_version"} <= tables:
            raise InputError(f"{path} is not a Clew store (no ads or alembic_version table)")
        ads = con.execute("SELECT count(*) FROM ads").fetchone()[0]
        revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        con.close()
    return BackupResult(path, path.stat().st_size, ads, revision[0] if revision else None)


def backup(store_url: str | None, target: Path, *, overwrite: bool = False) -> BackupResult:
    """Copy the SQLite store at ``store_url`` to the file ``target`` while it may be in use."""
    source = sqlite_path(store_url)
    if not source.is_file():
        raise InputError(f"no store at {source}: nothing to back up")
    target = target.expanduser()
    if target.exists() and not overwrite:
        raise InputError(f"{target} exists already: choose a new file (or pass --overwrite)")
    if not target.parent.is_dir():
        raise InputError(f"cannot write {target}: folder {target.parent} does not exist")
    if target.resolve() == source.resolve():
        raise InputError("the backup must go to another file than the store itself")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    _copy(source, partial)
    partial.replace(target)
    return _summary(target)


def restore(backup_path: Path, store_url: str | None, *, overwrite: bool = False) -> BackupResult:
    """Make the SQLite store at ``store_url`` a copy of ``backup_path`` (stop servers on it first).

    The backup is checked before anything is replaced; the restored store is brought up to this
    Clew's schema revision.
    """
    target = sqlite_path(store_url)
    if not backup_path.is_file():
        raise InputError(f"no backup at {backup_path}")
    _summary(backup_path)
    if target.exists() and not overwrite:
        raise InputError(f"a store exists at {target}: pass --overwrite to replace it with the backup")
    if not target.parent.is_dir():
        raise InputError(f"cannot write {target}: folder {target.parent} does not exist")
    partial = target.with_name(target.name + ".restoring")
    partial.unlink(missing_ok=True)
    _copy(backup_path, partial)
    for stale in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        stale.unlink(missing_ok=True)
    partial.replace(target)
    Store.open(f"sqlite:///{target}").close()
    return _summary(target)
