"""The learned model: labels train it, it changes the ranking, evaluation reports AP and calibration."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from clew.errors import InputError, NotFound
from clew.score import (
    active_model,
    evaluate_model,
    label_network,
    leads,
    network_labels,
    train_model,
    use_transparent,
)
from clew.store import Store

AddAds = Callable[[Store, Sequence[dict[str, object]]], None]

CUED = "young and fresh, new in town. My girls, 24/7"
PLAIN = "classy and discreet"
# each network writes its own words, so networks link by phone only, not by shared text
OWN = ("tall brunette who loves jazz and long talks", "green eyes, yoga teacher by day, wine lover",
       "redhead with freckles who reads poetry", "dancer from the south, laughs a lot at movies",
       "petite blonde, painter, collects old vinyl records", "curvy, tattooed, bakes the best cookies",
       "athletic runner, marathon medals, sushi fan", "quiet bookworm with glasses and a cat named Max")


def _networks() -> list[dict[str, object]]:
    """Eight networks of three ads, one phone each: four with youth and control cues, four without."""
    rows = []
    for n in range(8):
        for k in range(3):
            words = CUED if n % 2 == 0 else PLAIN
            rows.append({"id": f"n{n}-{k}", "title": f"Hi I'm {('Ann', 'Bea', 'Cat')[k]}", "location": "Denver, CO",
                         "body": f"{words}. {OWN[n]}. Call (303) 555-01{10 + n} (ad {k})", "posted_at": f"2026-02-0{1 + k}T10:00:00Z"})
    return rows


def test_labels_train_a_model_that_changes_the_ranking(store: Store, add_ads: AddAds) -> None:
    add_ads(store, _networks())
    before = leads(store, None)
    assert len(before) == 8
    cued = [lead.network_id for lead in before[:4]]
    plain = [lead.network_id for lead in before[4:]]
    assert all(any(i["id"] == "network.youth_share" and i["contribution"] > 0 for i in lead.indicators)
               for lead in before[:4])
    with pytest.raises(InputError, match="at least 3 networks labelled"):
        train_model(store)
    # these analysts judged the plain networks to be the trafficking ones: the model must follow them
    for nid in cued[:3]:
        label_network(store, nid, "not", note="checked: independent")
    for nid in plain[:3]:
        label_network(store, nid, "trafficking", note="same handler", by="analyst-2")
    label_network(store, cued[3], "unsure")
    assert [x.label for x in network_labels(store, plain[0])] == ["trafficking"]
    with pytest.raises(InputError):
        label_network(store, plain[0], "maybe")
    with pytest.raises(NotFound):
        label_network(store, "net-0", "not")

    metrics = evaluate_model(store)
    assert metrics["labels"] == 6 and metrics["positives"] == 3
    assert 0.0 <= metrics["average_precision"] <= 1.0
    assert metrics["transparent_average_precision"] < metrics["average_precision"]
    assert metrics["calibration"] and all({"predicted", "observed"} <= set(b) for b in metrics["calibration"])

    trained = train_model(store)
    assert trained.rescored.networks_scored == 8
    model = active_model(store)
    assert model is not None and trained.model == model.name
    after = leads(store, None)
    assert {lead.network_id for lead in after[:4]} == set(plain)
    for lead in after:
        assert lead.model == model.name
        assert lead.indicators and all({"id", "contribution", "log_odds", "evidence"} <= set(i) for i in lead.indicators)

    use_transparent(store)
    assert active_model(store) is None
    assert [lead.network_id for lead in leads(store, None)] == [lead.network_id for lead in before]


def test_a_label_follows_its_ads_when_networks_merge(store: Store, add_ads: AddAds, circuit_ads: list[dict[str, object]],
                                                     local_ads: list[dict[str, object]]) -> None:
    from clew.score.labels import _labelled

    add_ads(store, circuit_ads + local_ads)
    small = next(lead for lead in leads(store) if lead.size == 4)
    label_network(store, small.network_id, "trafficking", note="same handler as the circuit")
    assert _labelled(store) == {small.network_id: 1}
    # an ad naming both phones joins the two networks under the older one's id
    add_ads(store, [{"id": "both", "title": "Rose and Candy", "location": "Las Vegas, NV",
                     "body": "Call (702) 555-0142 or (213) 555-0107"}])
    merged = leads(store)
    assert [lead.size for lead in merged] == [13]
    assert _labelled(store) == {merged[0].network_id: 1} and merged[0].network_id != small.network_id
