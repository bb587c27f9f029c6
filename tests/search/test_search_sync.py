"""The full-text index follows the ads: ingest leaves it alone, a sync (clew analyze, any search)
indexes new ads in bulk, and edits and deletions of indexed and not-yet-indexed ads keep it exact."""

from __future__ import annotations

import itertools
import json
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, update

from clew.analyze import analyze
from clew.collect.ingest import ingest
from clew.search.sync import pending, sync_index
from clew.search.text import search
from clew.store import Store
from clew.store.schema import ads


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _found(store: Store, words: str) -> set[int]:
    return {hit.id for hit in search(store, words, limit=200).hits}


def _fts_ids(store: Store, words: str) -> set[int]:
    """What the index itself holds, without the sync a search does first."""
    with store.connect() as conn:
        rows = conn.exec_driver_sql("SELECT rowid FROM ads_fts WHERE ads_fts MATCH ?", (words,))
        return {r[0] for r in rows}


def _check_integrity(store: Store) -> None:
    # rank 1: compare the index with the ads table itself (raises if they disagree)
    with store.transaction() as conn:
        conn.exec_driver_sql("INSERT INTO ads_fts(ads_fts, rank) VALUES ('integrity-check', 1)")


def _indexed(store: Store) -> set[int]:
    with store.connect() as conn:
        return {r[0] for r in conn.exec_driver_sql("SELECT id FROM ads_fts_docsize")}


def test_ingest_leaves_indexing_to_the_sync(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.jsonl", [{"id": str(i), "title": f"ad {i}", "body": "zebrafinch"} for i in range(5)])
    ingest(store, [path])
    if store.dialect == "sqlite":
        assert pending(store) == 5 and _fts_ids(store, "zebrafinch") == set()
    assert len(_found(store, "zebrafinch")) == 5  # a search syncs first
    assert pending(store) == 0 and sync_index(store) == 0
    ingest(store, [_write(tmp_path / "b.jsonl", [{"id": "9", "title": "t", "body": "zebrafinch later"}])])
    summary = analyze(store, workers=1, link=False)
    assert summary.indexed == (1 if store.dialect == "sqlite" else 0)
    assert len(_found(store, "zebrafinch")) == 6


def test_sync_in_chunks_indexes_every_ad_once(sqlite_store: Store, tmp_path: Path) -> None:
    records = [{"id": str(i), "title": f"title {i}", "body": f"word{i % 7} common"} for i in range(23)]
    ingest(sqlite_store, [_write(tmp_path / "a.jsonl", records)])
    done: list[tuple[int, int]] = []
    assert sync_index(sqlite_store, chunk=5, progress=lambda d, t: done.append((d, t))) == 23
    assert done[0] == (0, 23) and done[-1] == (23, 23)
    assert sync_index(sqlite_store, chunk=5) == 0
    assert len(_fts_ids(sqlite_store, "common")) == 23 and len(_fts_ids(sqlite_store, "word3")) == 3
    _check_integrity(sqlite_store)


def test_new_versions_before_and_after_the_sync(store: Store, tmp_path: Path) -> None:
    first = [{"id": "a", "title": "Amber", "body": "oldword here"}, {"id": "b", "title": "Bea", "body": "oldword too"}]
    ingest(store, [_write(tmp_path / "1.jsonl", first)])
    sync_index(store)
    # "a" is indexed and changes; "c" is new and changes before any sync
    ingest(store, [_write(tmp_path / "2.jsonl", [{"id": "a", "title": "Amber", "body": "newword here"},
                                                 {"id": "c", "title": "Cleo", "body": "oldword first"}])])
    ingest(store, [_write(tmp_path / "3.jsonl", [{"id": "c", "title": "Cleo", "body": "newword second"}])])
    titles = {hit.title for hit in search(store, "newword").hits}
    assert titles == {"Amber", "Cleo"}
    assert {hit.title for hit in search(store, "oldword").hits} == {"Bea"}
    if store.dialect == "sqlite":
        _check_integrity(store)


def test_deleting_indexed_and_pending_ads(sqlite_store: Store, tmp_path: Path) -> None:
    ingest(sqlite_store, [_write(tmp_path / "1.jsonl", [{"id": str(i), "title": f"t{i}", "body": "gone"} for i in range(4)])])
    sync_index(sqlite_store)
    ingest(sqlite_store, [_write(tmp_path / "2.jsonl", [{"id": str(i), "title": f"t{i}", "body": "gone"} for i in range(4, 8)])])
    with sqlite_store.transaction() as conn:
        conn.execute(delete(ads).where(ads.c.source_id.in_(["1", "5"])))
        # the newest ad goes too, so its id is free again and a new ad takes it
        conn.execute(delete(ads).where(ads.c.source_id == "7"))
    ingest(sqlite_store, [_write(tmp_path / "3.jsonl", [{"id": "new", "title": "t", "body": "gone again"}])])
    assert sync_index(sqlite_store) == 3
    _check_integrity(sqlite_store)
    assert len(_fts_ids(sqlite_store, "gone")) == 6


_OPS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.sampled_from(["red", "blue", "green"])),
        st.tuples(st.just("edit"), st.integers(0, 30), st.sampled_from(["red", "blue", "green"])),
        st.tuples(st.just("drop"), st.integers(0, 30)),
        st.tuples(st.just("sync"), st.integers(1, 4)),
    ),
    max_size=25,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_OPS)
def test_any_mix_of_changes_and_syncs_keeps_the_index_exact(tmp_path_factory: pytest.TempPathFactory, ops) -> None:
    db = tmp_path_factory.mktemp("sync") / "clew.db"
    with Store.open(f"sqlite:///{db}") as store:
        truth: dict[int, str] = {}
        keys = itertools.count()
        for op in ops:
            with store.transaction() as conn:
                if op[0] == "add":
                    ad_id = conn.execute(
                        ads.insert().values(source="t", title="x", body=op[1], images=[], raw=b"{}", raw_sha256="0" * 64,
                                            content_key=f"k{next(keys)}", ingested_at=datetime(2026, 1, 1))
                    ).inserted_primary_key[0]
                    truth[ad_id] = op[1]
                elif op[0] == "edit" and truth:
                    ad_id = sorted(truth)[op[1] % len(truth)]
                    conn.execute(update(ads).where(ads.c.id == ad_id).values(body=op[2]))
                    truth[ad_id] = op[2]
                elif op[0] == "drop" and truth:
                    ad_id = sorted(truth)[op[1] % len(truth)]
                    conn.execute(delete(ads).where(ads.c.id == ad_id))
                    del truth[ad_id]
            if op[0] == "sync":
                sync_index(store, chunk=op[1])
        sync_index(store)
        _check_integrity(store)
        assert _indexed(store) == set(truth)
        for colour in ("red", "blue", "green"):
            assert _fts_ids(store, colour) == {i for i, body in truth.items() if body == colour}
