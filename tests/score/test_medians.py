"""Cities' median prices: computed from each ad's headline rate and city, kept between runs, and
computed again once the store has grown enough (or when asked)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import func, select, update

from clew.score.features import MEDIAN_REFRESH, city_medians
from clew.store import Store
from clew.store.schema import spans
from clew.store.scores import score_state

AddAds = Callable[[Store, Sequence[dict[str, object]]], None]


def _ads(prefix: str, city: str, rates: Sequence[str]) -> list[dict[str, object]]:
    return [{"id": f"{prefix}{i}", "title": "Sweet company", "location": city, "posted_at": "2026-01-05T12:00:00Z",
             "body": f"Hi I'm Rose. {rate}. Call (213) 555-01{10 + i:02d}"} for i, rate in enumerate(rates)]


def test_medians_per_city_from_each_ads_headline_rate(store: Store, add_ads: AddAds) -> None:
    # hourly: 200, 150 a half hour, 250, 300, 100 a quick visit (15 min); an ad's second rate is not its headline
    add_ads(store, _ads("d", "Dallas, TX", ["$200/hr then $500 overnight", "$150 hh", "$250/hr", "$300/hr", "$100 qv"]))
    add_ads(store, _ads("p", "Phoenix, AZ", ["$180/hr", "$180/hr", "$180/hr", "$180/hr"]))  # too few for a median
    medians = city_medians(store)
    assert medians == {("Dallas", "USD"): 300.0}


def test_medians_are_kept_and_computed_again_when_the_store_grew(store: Store, add_ads: AddAds) -> None:
    add_ads(store, _ads("d", "Dallas, TX", ["$200/hr"] * 5))
    assert city_medians(store) == {("Dallas", "USD"): 200.0}
    with store.connect() as conn:
        kept = conn.execute(select(score_state)).one()
        assert kept.name == "price_medians" and kept.basis == conn.scalar(select(func.max(spans.c.id)))
    add_ads(store, _ads("e", "Dallas, TX", ["$400/hr"] * 6))  # more than doubles the spans: computed again
    assert city_medians(store) == {("Dallas", "USD"): 400.0}
    # nothing new since the basis: the kept medians answer, until asked to compute again
    with store.transaction() as conn:
        top = conn.scalar(select(func.max(spans.c.id)))
        conn.execute(update(score_state).values(value=[["Dallas", "USD", 123.0, 11]]))
    assert city_medians(store) == {("Dallas", "USD"): 123.0}
    assert city_medians(store, refresh=True) == {("Dallas", "USD"): 400.0}
    # grown by more than MEDIAN_REFRESH since the basis: computed again
    with store.transaction() as conn:
        conn.execute(update(score_state).values(basis=int(top / (1 + 2 * MEDIAN_REFRESH)) - 1,
                                                value=[["Dallas", "USD", 123.0, 11]]))
    assert city_medians(store) == {("Dallas", "USD"): 400.0}
