"""Search fixtures: a store at the newest schema holding a few hand-made or generated ads."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from clew.analyze import analyze
from clew.collect.ingest import ingest
from clew.store import Store


def load(store: Store, tmp_path: Path, records: Iterable[dict[str, Any]], name: str = "ads.jsonl") -> None:
    """Ingest ``records`` as a JSON Lines file and run extraction on them."""
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    ingest(store, [path])
    analyze(store, workers=1)


def generated(n: int, seed: int) -> list[dict[str, Any]]:
    from clew.synth import iter_ads

    return [ad for ad, _truth in itertools.islice(iter_ads(n, seed), n)]


Loader = Callable[[Store, Iterable[dict[str, Any]]], None]


@pytest.fixture
def load_ads(tmp_path: Path) -> Loader:
    """``load_ads(store, records)``: ingest and extract hand-made or generated ads."""
    counter = itertools.count()

    def _load(store: Store, records: Iterable[dict[str, Any]]) -> None:
        load(store, tmp_path, records, name=f"ads-{next(counter)}.jsonl")

    return _load


def _extra_ads() -> list[dict[str, Any]]:
    """Hand-made ads for the edges: no date, equal dates, accents, punctuation, injection text."""
    return [
        {"id": "x1", "site": "Nightboard", "title": "Café girl new in town", "body": "new in town, call 555-0142",
         "location": "Denver, CO"},
        {"id": "x2", "site": "nightboard", "title": "Sweet new girl", "body": "new girl in town! O'Brien's place",
         "location": "Denver, CO", "posted_at": "2026-02-01T12:00:00Z"},
        {"id": "x3", "site": "nightboard", "title": "Same time", "body": "new arrivals; tonight only",
         "location": "Boise, ID", "posted_at": "2026-02-01T12:00:00Z"},
        {"id": "x4", "site": "other", "title": "DROP TABLE ads", "body": "'; DROP TABLE ads; -- \"NEAR\" OR AND NOT *",
         "posted_at": "2026-02-01T12:00:00Z"},
    ]


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def corpus_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """A store (once per backend, per test module) holding 160 generated ads and a few odd ones."""
    tmp = tmp_path_factory.mktemp("corpus")
    if request.param == "sqlite":
        url = f"sqlite:///{tmp / 'clew.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
        if url is None:
            pytest.skip("CLEW_TEST_POSTGRES_URL not set")
    store = Store.open(url)
    try:
        load(store, tmp, [*generated(160, 11), *_extra_ads()])
        yield store
    finally:
        if request.param == "postgres":
            from sqlalchemy import text

            with store.transaction() as conn:  # whatever tables later migrations added
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        store.close()
