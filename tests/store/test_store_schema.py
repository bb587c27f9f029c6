"""The store opens on both backends, migrates an older store without loss, and matches its schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, insert, inspect, select
from sqlalchemy.exc import OperationalError

import clew.store.networks  # noqa: F401  (registers the Networks tables on the shared metadata)
import clew.store.scores  # noqa: F401  (registers the Indicators tables)
import clew.store.team  # noqa: F401  (registers the team server tables)
from clew.errors import StoreError
from clew.search.index import include_name
from clew.store import Store, resolve_url
from clew.store.ads import utcnow
from clew.store.schema import ads, identifiers, ingests, metadata, spans


def test_open_creates_schema_at_head(store: Store) -> None:
    assert store.revision() == Store.head_revision()
    names = set(inspect(store.engine).get_table_names())
    assert {"ads", "ad_versions", "ingests", "rejects", "spans", "identifiers"} <= names


def test_migrations_match_the_schema_module(store: Store) -> None:
    with store.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"include_name": include_name}), metadata)
    assert diff == []


def test_sqlite_store_uses_wal(sqlite_store: Store) -> None:
    with sqlite_store.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def _old_ad(conn: Connection, *, body: str, images: list[str]) -> int:
    """One ad (and its ingest) written into a store at an older revision, as that revision's columns allow."""
    ingest_id = conn.execute(
        insert(ingests).values(
            started_at=utcnow(), paths="x", status="done", read=1, new=1, versions=0,
            duplicates=0, rejected=0,
        )
    ).inserted_primary_key[0]
    return int(conn.execute(
        ads.insert().values(
            source="s", source_id="1", title="t", body=body, images=images, raw=b"{}",
            raw_sha256="0" * 64, content_key="k" * 32, ingest_id=ingest_id,
            ingested_at=utcnow(), version=1,
        )
    ).inserted_primary_key[0])


def test_older_store_upgrades_without_loss(store_url: str) -> None:
    with Store.open(store_url, upgrade=False) as old:
        old.upgrade("0001")
        assert old.revision() == "0001"
        with old.transaction() as conn:
            _old_ad(conn, body="b", images=["a.jpg"])
    with Store.open(store_url) as new:
        assert new.revision() == Store.head_revision()
        with new.connect() as conn:
            row = conn.execute(select(ads)).one()
        assert (row.source_id, row.title, row.body, row.images) == ("1", "t", "b", ["a.jpg"])
        assert row.extracted_version is None


def test_url_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLEW_DB", raising=False)
    assert resolve_url() == "sqlite:///clew.db"
    assert resolve_url("x.db") == "sqlite:///x.db"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("CLEW_DB", "sqlite:///env.db")
    assert resolve_url() == "sqlite:///env.db"


def test_bad_urls_say_what_is_wrong(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(f"sqlite:///{tmp_path / 'missing' / 'x.db'}")
    with pytest.raises(StoreError, match="unsupported store"):
        Store.open("mysql://localhost/x")


def test_spans_gain_the_covering_identifier_index_without_loss(store_url: str) -> None:
    with Store.open(store_url, upgrade=False) as old:
        old.upgrade("0008")
        with old.transaction() as conn:
            ad_id = _old_ad(conn, body="call 555", images=[])
            ident = conn.execute(identifiers.insert().values(kind="phone", value="+15550000555")).inserted_primary_key[0]
            conn.execute(spans.insert().values(
                ad_id=ad_id, field="body", kind="phone", value="+15550000555", text="555", start=5, end=8,
                confidence=0.9, extractor="phone", identifier_id=ident,
            ))
    with Store.open(store_url) as new:
        names = {ix["name"]: ix["column_names"] for ix in inspect(new.engine).get_indexes("spans")}
        assert names.get("ix_spans_identifier_id_ad_id") == ["identifier_id", "ad_id"]
        assert "ix_spans_identifier_id" not in names  # a prefix of the new one: dropped
        with new.connect() as conn:
            assert conn.execute(select(spans.c.ad_id).where(spans.c.identifier_id == ident)).scalars().all() == [ad_id]
            if new.dialect == "sqlite":
                plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN SELECT count(DISTINCT ad_id) FROM spans WHERE identifier_id = ?", (ident,)))
                assert "COVERING INDEX ix_spans_identifier_id_ad_id" in plan


def test_open_survives_another_process_applying_the_same_migration(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(store_url, upgrade=False) as old:
        old.upgrade("0008")
    real = Store.upgrade

    def failed(self: Store, revision: str = "head") -> None:
        raise OperationalError("DROP INDEX no_such_index", {}, Exception("no such index"))

    monkeypatch.setattr(Store, "upgrade", failed)
    with pytest.raises(StoreError):  # a failure still, while the store is not at head
        Store.open(store_url)

    def lost_the_race(self: Store, revision: str = "head") -> None:
        real(self, revision)  # the other process's upgrade, done first; ours then fails on its objects
        with self.engine.connect() as conn:
            conn.exec_driver_sql("CREATE INDEX ix_spans_identifier_id_ad_id ON spans (identifier_id, ad_id)")

    monkeypatch.setattr(Store, "upgrade", lost_the_race)
    with Store.open(store_url) as new:
        assert new.revision() == Store.head_revision()
