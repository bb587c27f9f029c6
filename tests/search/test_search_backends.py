"""SQLite and PostgreSQL answer the same search the same way: the same ads, in the same order
wherever the order is defined (dates, ids), the same facets and the same identifier matches."""

from __future__ import annotations

import itertools
import json
import os
import uuid
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from clew.analyze import analyze
from clew.collect.ingest import ingest
from clew.search.identifiers import lookup
from clew.search.text import SearchFilters, facets, search
from clew.store import Store, resolve_url
from clew.store.ads import get_ad

QUERIES = ["", "new", "gent*", '"new in town"', "tonight only", "555-0142", "café", "drop table", "zzzq"]
FILTERS = [
    SearchFilters(),
    SearchFilters(site="nightboard"),
    SearchFilters(since=date(2026, 2, 1)),
    SearchFilters(city="Denver"),
    SearchFilters(has=("phone",)),
]
TYPED = ["(702) 555-0142", "702.555.0142", "555-0142", "candy at gmail dot com", "$candyx", "candyxo", "nothing"]


def _records() -> list[dict]:
    from clew.synth import iter_ads

    odd = [
        {"id": "x1", "site": "Nightboard", "title": "Café girl new in town", "body": "new in town, call 555-0142",
         "location": "Denver, CO"},
        {"id": "x2", "site": "nightboard", "title": "Sweet new girl", "body": "text (702) 555-0142 tonight only",
         "location": "Denver, CO", "posted_at": "2026-02-01T12:00:00Z"},
        {"id": "x3", "site": "other", "title": "Mail", "body": "candy at gmail dot com, $candyx, sc: candyxo",
         "posted_at": "2026-02-01T12:00:00Z"},
    ]
    return [*(ad for ad, _ in itertools.islice(iter_ads(60, 5), 60)), *odd]


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Store]]:
    """The same ads in a SQLite store and in a PostgreSQL database of this module's own."""
    admin = os.environ.get("CLEW_TEST_POSTGRES_URL")
    if not admin:
        if os.environ.get("CI"):
            pytest.fail("CLEW_TEST_POSTGRES_URL is not set: PostgreSQL tests must run in CI, not skip")
        pytest.skip("CLEW_TEST_POSTGRES_URL not set")
    tmp = tmp_path_factory.mktemp("backends")
    corpus = tmp / "ads.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _records()), encoding="utf-8")
    name = f"clew_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(resolve_url(admin), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    lite = Store.open(f"sqlite:///{tmp / 'clew.db'}")
    pg = Store.open(resolve_url(admin).rsplit("/", 1)[0] + f"/{name}")
    try:
        for store in (lite, pg):
            ingest(store, [corpus])
            analyze(store, workers=1)
        yield lite, pg
    finally:
        lite.close()
        pg.close()
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def _pages(store: Store, q: str, f: SearchFilters, sort: str) -> list[str]:
    out, cursor = [], None
    while True:
        page = search(store, q, f, sort=sort, limit=17, cursor=cursor)
        out += [get_ad(store, h.id).source_id for h in page.hits]
        cursor = page.next_cursor
        if cursor is None:
            return out


def test_same_ads_in_the_same_order(stores: tuple[Store, Store]) -> None:
    lite, pg = stores
    for f in FILTERS:
        for q in QUERIES:
            assert sorted(_pages(lite, q, f, "relevance")) == sorted(_pages(pg, q, f, "relevance")), (q, f)
            for sort in ("newest", "oldest"):
                assert _pages(lite, q, f, sort) == _pages(pg, q, f, sort), (q, f, sort)


def test_same_facets(stores: tuple[Store, Store]) -> None:
    lite, pg = stores
    for f in FILTERS[:3]:
        for q in QUERIES[:4]:
            a, b = facets(lite, q, f, size=1000), facets(pg, q, f, size=1000)
            assert (a.total, a.city, a.site, a.month) == (b.total, b.city, b.site, b.month), (q, f)


def test_same_identifier_matches(stores: tuple[Store, Store]) -> None:
    lite, pg = stores
    for typed in TYPED:
        a, b = lookup(lite, typed, limit=200), lookup(pg, typed, limit=200)
        assert [(m.identifier, m.ad_count, m.partial, m.how) for m in a.matches] == [
            (m.identifier, m.ad_count, m.partial, m.how) for m in b.matches], typed
        assert [get_ad(lite, h.id).source_id for h in a.ads] == [get_ad(pg, h.id).source_id for h in b.ads], typed
        assert [h.snippet for h in a.ads] == [h.snippet for h in b.ads], typed
