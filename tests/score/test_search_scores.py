"""Search reads the scoring stage: filter and sort ads by score, count ads per indicator."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from clew.score import ad_score
from clew.search.text import SearchFilters, facets, search
from clew.store import Store

AddAds = Callable[[Store, Sequence[dict[str, object]]], None]
Ads = list[dict[str, object]]


def test_score_filter_sort_and_indicator_facet(store: Store, add_ads: AddAds, circuit_ads: Ads, local_ads: Ads) -> None:
    add_ads(store, circuit_ads + local_ads)
    seen, cursor = [], None
    while True:
        page = search(store, "", sort="score", limit=5, cursor=cursor)
        seen += [h.id for h in page.hits]
        cursor = page.next_cursor
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 12
    scores = [ad_score(store, i).score for i in seen]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]
    high = search(store, "", SearchFilters(min_score=50), limit=50).hits
    low = search(store, "", SearchFilters(max_score=10), limit=50).hits
    assert len(high) == 8 and len(low) == 4
    assert all(ad_score(store, h.id).score >= 50 for h in high)
    counts = {c.value: c.count for c in facets(store, "", None).indicator}
    assert counts["youth.young"] == 8 and counts["control.our_girls"] == 8
    assert "agency.no_breaks" not in counts
    only_local = {c.value for c in facets(store, "Relaxing", None).indicator}
    assert only_local == set()
