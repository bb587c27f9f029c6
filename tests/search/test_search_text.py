"""Full-text search: results, filters and facets agree with a brute-force reading of the same ads,
on SQLite and PostgreSQL alike; pages never repeat or skip; hostile input is only text."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clew.errors import InputError
from clew.model import Span
from clew.search.query import TextQuery, clean, parse, tokens
from clew.search.text import SearchFilters, facets, search
from clew.store import Store
from clew.store.ads import iter_ads
from clew.store.spans import spans_of

QUERIES = [
    "gentlemen", "new in town", '"new in town"', "new girl", "gent*", '"new gi"*', "555-0142",
    "café", "CAFÉ", "o'brien", "tonight only", "nothing-at-all-xyz", "", "drop table", "ne*",
]


class _Ad:
    __slots__ = ("id", "site", "posted_at", "title_tokens", "body_tokens", "spans")

    def __init__(self, ad, spans: list[Span]) -> None:
        self.id, self.site, self.posted_at = ad.id, ad.site, ad.posted_at
        self.title_tokens, self.body_tokens = tokens(ad.title), tokens(ad.body)
        self.spans = spans


@pytest.fixture(scope="module")
def truth(corpus_store: Store) -> list[_Ad]:
    return [_Ad(ad, spans_of(corpus_store, ad.id)) for ad in iter_ads(corpus_store)]


def _field_has(words: list[str], term) -> bool:
    n = len(term.words)
    for i in range(len(words) - n + 1):
        head, last = words[i : i + n - 1], words[i + n - 1]
        if head == list(term.words[:-1]) and (last.startswith(term.words[-1]) if term.prefix else last == term.words[-1]):
            return True
    return False


def _matches(ad: _Ad, query: TextQuery, f: SearchFilters) -> bool:
    for term in query.terms:
        if not (_field_has(ad.title_tokens, term) or _field_has(ad.body_tokens, term)):
            return False
    if f.since and (ad.posted_at is None or ad.posted_at.date() < f.since):
        return False
    if f.until and (ad.posted_at is None or ad.posted_at.date() > f.until):
        return False
    if f.site and (ad.site or "").lower() != f.site.lower():
        return False
    places = [s for s in ad.spans if s.kind == "location"]
    if f.city and not any(
        ((s.detail or {}).get("city") or "").lower() == f.city.lower() or s.value.lower() == f.city.lower() for s in places
    ):
        return False
    if f.region and not any(((s.detail or {}).get("region") or "").lower() == f.region.lower() for s in places):
        return False
    if f.country and not any(((s.detail or {}).get("country") or "").lower() == f.country.lower() for s in places):
        return False
    for kind in f.has:
        if not any(s.kind == kind for s in ad.spans):
            return False
    return True


def _all_pages(store: Store, q: str, f: SearchFilters, sort: str, limit: int) -> list:
    hits, cursor = [], None
    for _ in range(1000):
        page = search(store, q, f, sort=sort, limit=limit, cursor=cursor)
        hits += page.hits
        cursor = page.next_cursor
        if cursor is None:
            return hits
    raise AssertionError("pages never ended")


def _filters(truth: list[_Ad]) -> list[SearchFilters]:
    dated = sorted(a.posted_at for a in truth if a.posted_at)
    mid = dated[len(dated) // 2].date()
    cities = Counter((s.detail or {}).get("city") for a in truth for s in a.spans if s.kind == "location")
    city = next(c for c, _ in cities.most_common() if c)
    return [
        SearchFilters(),
        SearchFilters(since=mid),
        SearchFilters(until=mid),
        SearchFilters(since=mid, until=mid + timedelta(days=3)),
        SearchFilters(site="NIGHTBOARD"),
        SearchFilters(city=city),
        SearchFilters(city=city.upper(), since=mid),
        SearchFilters(region="CO"),
        SearchFilters(country="us"),
        SearchFilters(has=("phone",)),
        SearchFilters(has=("email", "phone")),
    ]


def test_results_agree_with_brute_force(corpus_store: Store, truth: list[_Ad]) -> None:
    for f in _filters(truth):
        for q in QUERIES:
            query = parse(q)
            expected = {a.id for a in truth if _matches(a, query, f)}
            got = [h.id for h in _all_pages(corpus_store, q, f, "relevance", 200)]
            assert len(got) == len(set(got))
            assert set(got) == expected, (q, f)


def test_date_order_is_exact(corpus_store: Store, truth: list[_Ad]) -> None:
    query = parse("new")
    chosen = [a for a in truth if _matches(a, query, SearchFilters())]
    newest = sorted(chosen, key=lambda a: (a.posted_at is None, -(a.posted_at.timestamp() if a.posted_at else 0), -a.id))
    assert [h.id for h in _all_pages(corpus_store, "new", SearchFilters(), "newest", 7)] == [a.id for a in newest]
    oldest = sorted(chosen, key=lambda a: (a.posted_at is None, a.posted_at.timestamp() if a.posted_at else 0, a.id))
    assert [h.id for h in _all_pages(corpus_store, "new", SearchFilters(), "oldest", 7)] == [a.id for a in oldest]


def test_facets_agree_with_brute_force(corpus_store: Store, truth: list[_Ad]) -> None:
    for f in _filters(truth)[:6]:
        for q in ("", "new", "gent*", "nothing-at-all-xyz"):
            query = parse(q)
            chosen = [a for a in truth if _matches(a, query, f)]
            got = facets(corpus_store, q, f, size=1000)
            assert got.total == len(chosen)
            assert {c.value: c.count for c in got.site} == dict(Counter(a.site for a in chosen if a.site))
            assert {c.value: c.count for c in got.month} == dict(
                Counter(a.posted_at.strftime("%Y-%m") for a in chosen if a.posted_at)
            )
            cities: Counter[str] = Counter()
            for a in chosen:
                cities.update({s.value for s in a.spans if s.kind == "location" and (s.detail or {}).get("city")})
            assert {c.value: c.count for c in got.city} == dict(cities), (q, f)


def test_facets_of_many_matches_count_the_newest_and_say_so(corpus_store: Store, truth: list[_Ad]) -> None:
    """Past ``sample`` ads holding the words, facets count the matches among the newest ``sample`` of
    those; the total is exact without filters and an estimate, flagged, with them."""
    for q, f in (("new", SearchFilters()), ("gent*", SearchFilters()), ("", SearchFilters(has=("phone",))),
                 ("new", SearchFilters(site="nightboard"))):
        holding = sorted((a for a in truth if _matches(a, parse(q), SearchFilters())), key=lambda a: -a.id)
        sample = len(holding) // 3
        newest = [a for a in holding[:sample] if _matches(a, parse(q), f)]
        chosen = [a for a in holding if _matches(a, parse(q), f)]
        got = facets(corpus_store, q, f, size=1000, sample=sample)
        assert {c.value: c.count for c in got.site} == dict(Counter(a.site for a in newest if a.site)), (q, f)
        assert {c.value: c.count for c in got.month} == dict(
            Counter(a.posted_at.strftime("%Y-%m") for a in newest if a.posted_at))
        assert got.notes and f"newest {sample:,}" in got.notes[0]
        if f == SearchFilters():
            assert got.total == len(chosen) and not got.estimated
        else:
            assert got.estimated and got.total == round(len(newest) * len(holding) / sample)
            assert got.notes[0].startswith(f"about {got.total:,} ads match")
        whole = facets(corpus_store, q, f, size=1000, sample=len(holding))
        assert not whole.notes and not whole.estimated and whole.total == len(chosen)


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(limit=st.integers(1, 40), q=st.sampled_from(["", "new", "gent*", "tonight", '"in town"']),
       sort=st.sampled_from(["relevance", "newest", "oldest"]))
def test_pages_never_repeat_or_skip(corpus_store: Store, truth: list[_Ad], limit: int, q: str, sort: str) -> None:
    query = parse(q)
    expected = {a.id for a in truth if _matches(a, query, SearchFilters())}
    got = [h.id for h in _all_pages(corpus_store, q, SearchFilters(), sort, limit)]
    assert len(got) == len(set(got))
    assert set(got) == expected


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(block=st.integers(1, 30), limit=st.integers(1, 25), q=st.sampled_from(["new", "gent*", "in town", "tonight"]))
def test_relevance_ranks_block_by_block_when_many_match(corpus_store: Store, truth: list[_Ad], block: int,
                                                        limit: int, q: str) -> None:
    """Many matches are ranked a block at a time, newest block first: every match exactly once, each
    block's ads the newest not shown yet, in rank order within it, and the search says so."""
    from clew.search import text as module

    saved, module.RANK_BLOCK = module.RANK_BLOCK, block
    try:
        hits = _all_pages(corpus_store, q, SearchFilters(), "relevance", limit)
        first = search(corpus_store, q, limit=limit)
    finally:
        module.RANK_BLOCK = saved
    expected = sorted((a.id for a in truth if _matches(a, parse(q), SearchFilters())), reverse=True)
    assert sorted((h.id for h in hits), reverse=True) == expected and len(hits) == len(expected)
    for at in range(0, len(expected), block):
        shown = hits[at : at + block]
        assert {h.id for h in shown} == set(expected[at : at + block]), (q, block, at)
        assert [(h.rank, h.id) for h in shown] == sorted((h.rank, h.id) for h in shown)
    assert any("ranks the" in n for n in first.notes) == (len(expected) > block)


def test_a_wider_cursor_key_is_refused_cleanly(corpus_store: Store) -> None:
    from clew.search import cursor

    page = search(corpus_store, "new", limit=2)
    assert page.next_cursor is not None
    for key in ([1, 2], [1.5, 2, 0.1], ["a", 2, 0.1], [True, 2, 0.1], [[1], 2, 3], 0.5):
        forged = cursor.encode(_scope(page.next_cursor), key, 5)
        with pytest.raises(InputError, match="cursor"):
            search(corpus_store, "new", limit=2, cursor=forged)


def _scope(raw: str) -> str:
    import base64

    import orjson

    return str(orjson.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))[0])


HOSTILE = [
    "'; DROP TABLE ads; --", '" OR 1=1 --', 'NEAR(a b, 2)', "a OR b", "NOT a", "a AND", "*", "**", '"', '""',
    "title:candy", "^start", "a:*", "!a", "a & b | c", "(a <-> b)", "'", "\\", "%", "_", "\x00", "a\x00b",
    "\ud800", "🙂🙂", "{a b}", "a + b", "-a", "col:(a OR b)", "rank MATCH 'x'", "1e999",
]


def test_hostile_text_is_only_text(corpus_store: Store) -> None:
    for q in HOSTILE:
        page = search(corpus_store, q, limit=5)
        facets(corpus_store, q)
        assert isinstance(page.hits, list)
    drop = search(corpus_store, "DROP TABLE ads")
    assert [h.title for h in drop.hits] == ["DROP TABLE ads"]
    for value in HOSTILE:
        if not clean(value).strip():
            continue  # nothing left to filter by
        f = SearchFilters(city=value, region=value, country=value, site=value)
        assert search(corpus_store, "new", f).hits == []


def test_bad_requests_say_what_is_wrong(corpus_store: Store) -> None:
    with pytest.raises(InputError, match="cursor"):
        search(corpus_store, "new", cursor="not-a-cursor")
    page = search(corpus_store, "new", limit=1)
    with pytest.raises(InputError, match="another search"):
        search(corpus_store, "girl", limit=1, cursor=page.next_cursor)
    with pytest.raises(InputError, match="limit"):
        search(corpus_store, "new", limit=0)
    with pytest.raises(InputError, match="sort"):
        search(corpus_store, "new", sort="random")
    with pytest.raises(InputError, match="after"):
        search(corpus_store, "", SearchFilters(since=date(2026, 2, 2), until=date(2026, 2, 1)))
    with pytest.raises(InputError, match="500"):
        search(corpus_store, "a" * 501)
    search(corpus_store, "", SearchFilters(until=date.max, since=date.min))


def test_new_versions_are_searchable(corpus_store: Store, tmp_path) -> None:
    """Runs last in this module: it adds an ad the brute-force truth above does not know."""
    from clew.collect.ingest import ingest

    path = tmp_path / "edit.jsonl"
    path.write_text('{"id": "x9", "site": "other", "title": "Edited", "body": "zebracorn arrivals"}\n')
    ingest(corpus_store, [path])
    assert [h.title for h in search(corpus_store, "zebracorn").hits] == ["Edited"]
    path.write_text('{"id": "x9", "site": "other", "title": "Edited", "body": "unicornfish arrivals"}\n')
    ingest(corpus_store, [path])
    assert search(corpus_store, "zebracorn").hits == []
    assert [h.title for h in search(corpus_store, "unicornfish").hits] == ["Edited"]
