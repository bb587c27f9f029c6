"""The store: one SQLAlchemy engine over a SQLite file (the embedded default) or PostgreSQL.

``Store.open(url)`` connects and brings the schema up to date through Alembic migrations, so a
store made by an older Clew is upgraded in place without loss.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, func, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, ProgrammingError

from clew.errors import StoreError
from clew.store import schema

DEFAULT_URL = "sqlite:///clew.db"


def resolve_url(url: str | None = None) -> str:
    """The store URL: the one given, else ``$CLEW_DB``, else ``sqlite:///clew.db``.

    ``postgresql://`` is read with psycopg 3 (the driver Clew installs); a bare path is a SQLite file.
    """
    url = url or os.environ.get("CLEW_DB") or DEFAULT_URL
    if "://" not in url:
        url = f"sqlite:///{url}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # first: the statements below wait for a writer's lock too (a busy server beside an ingest)
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA page_size=8192")  # takes effect on a new store only; fewer pages to write
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("clew.store") / "migrations"))
    return cfg


class Store:
    """A connection to one Clew store. Use :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str | None = None, *, upgrade: bool = True) -> Store:
        resolved = resolve_url(url)
        try:
            parsed = make_url(resolved)
        except ArgumentError as exc:
            raise StoreError(f"cannot read store URL {url!r}: {exc}") from None
        if parsed.get_backend_name() == "sqlite":
            database = parsed.database or ""
            if database and database != ":memory:":
                parent = Path(database).expanduser().resolve().parent
                if not parent.is_dir():
                    raise StoreError(
                        f"cannot open SQLite store {database!r}: folder {str(parent)!r} does not exist"
                    )
            # a server's requests may each wait for a writer's lock: enough connections that waiting
            # ones do not starve the rest (SQLite connections are cheap). Enough are kept for a busy
            # server's threads: a connection opened past them is closed after one use, and its
            # page cache, warm with the store's hot pages, goes with it
            engine = create_engine(resolved, pool_size=24, max_overflow=40)
            event.listen(engine, "connect", _sqlite_pragmas)
        elif parsed.get_backend_name() == "postgresql":
            engine = create_engine(resolved, pool_pre_ping=True, pool_size=10, max_overflow=20)
        else:
            raise StoreError(
                f"unsupported store {url!r}: use sqlite:///PATH or postgresql://USER@HOST/DB"
            )
        store = cls(engine)
        try:
            if upgrade:
                store.upgrade()
            else:
                with engine.connect():
                    pass
        except (OperationalError, ProgrammingError) as exc:
            # several processes opening one store at once (a server's workers) race to apply a new
            # migration: the losers fail on what the winner created, and find the store at head
            if upgrade and store._at_head():
                return store
            engine.dispose()
            if not isinstance(exc, OperationalError):
                raise
            raise StoreError(f"cannot open store {parsed!r}: {exc.orig}") from None
        return store

    def _at_head(self) -> bool:
        try:
            return self.revision() == self.head_revision()
        except OperationalError:
            return False

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def upgrade(self, revision: str = "head") -> None:
        """Apply every migration up to ``revision`` (default: the newest)."""
        cfg = _alembic_config()
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)

    def revision(self) -> str | None:
        """The schema revision the store is at (None: empty store)."""
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    @staticmethod
    def head_revision() -> str | None:
        return ScriptDirectory.from_config(_alembic_config()).get_current_head()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def stats(self) -> dict[str, Any]:
        """What the store holds: counts per table and the span of posting dates."""
        out: dict[str, Any] = {}
        names = set(inspect(self.engine).get_table_names())
        with self.engine.connect() as conn:
            out["ads"] = conn.scalar(select(func.count()).select_from(schema.ads)) or 0
            out["ad_versions"] = (
                conn.scalar(select(func.count()).select_from(schema.ad_versions)) or 0
            )
            first, last = conn.execute(
                select(func.min(schema.ads.c.posted_at), func.max(schema.ads.c.posted_at))
            ).one()
            out["posted_from"] = first.isoformat() if first else None
            out["posted_to"] = last.isoformat() if last else None
            out["sources"] = {
                source: count
                for source, count in conn.execute(
                    select(schema.ads.c.source, func.count())
                    .group_by(schema.ads.c.source)
                    .order_by(func.count().desc())
                    .limit(20)
                )
            }
            out["ingests"] = conn.scalar(select(func.count()).select_from(schema.ingests)) or 0
            out["rejects"] = conn.scalar(select(func.count()).select_from(schema.rejects)) or 0
            for table in ("spans", "identifiers"):
                if table in names:
                    out[table] = (
                        conn.scalar(select(func.count()).select_from(schema.metadata.tables[table]))
                        or 0
                    )
            if "extracted_version" in {c["name"] for c in inspect(self.engine).get_columns("ads")}:
                out["ads_extracted"] = (
                    conn.scalar(
                        select(func.count())
                        .select_from(schema.ads)
                        .where(schema.ads.c.extracted_version.is_not(None))
                    )
                    or 0
                )
        out["backend"] = self.dialect
        out["schema_revision"] = self.revision()
        return out

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
