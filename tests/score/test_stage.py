"""The scoring stage: explained scores for ads and networks, incremental re-runs, leads and export."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence
from pathlib import Path

import orjson

from clew.analyze import analyze
from clew.collect.ingest import ingest
from clew.score import ad_score, export_networks, leads, network_lead, update_scores
from clew.store import Store

AddAds = Callable[[Store, Sequence[dict[str, object]]], None]
Ads = list[dict[str, object]]


def _explained(indicators: list[dict[str, object]]) -> bool:
    return bool(indicators) and all({"id", "contribution", "evidence"} <= set(i) for i in indicators)


def test_scores_rank_the_controlled_circuit_first_with_reasons(store: Store, add_ads: AddAds, circuit_ads: Ads, local_ads: Ads) -> None:
    add_ads(store, circuit_ads + local_ads)
    ranked = leads(store)
    assert [lead.size for lead in ranked] == [8, 4]
    top, low = ranked
    assert top.score > 60 > low.score
    assert _explained(top.indicators)
    # contributions of the transparent model add up to the score
    assert abs(sum(i["contribution"] for i in top.indicators) - top.score) < 0.1
    fired = {i["id"]: i for i in top.indicators if i["contribution"] > 0}
    assert {"network.youth_share", "network.control_share", "network.circuit", "network.persons_per_phone"} <= set(fired)
    assert "Las Vegas → Phoenix → Denver → Salt Lake City" in fired["network.circuit"]["detail"]
    assert any(e["text"] == "young" for e in fired["network.youth_share"]["evidence"])
    assert "network.circuit" not in {i["id"] for i in low.indicators if i["contribution"] > 0}
    assert network_lead(store, top.network_id).ad_ids == sorted(top.ad_ids or network_lead(store, top.network_id).ad_ids)


def test_ad_score_names_the_words(store: Store, add_ads: AddAds, circuit_ads: Ads, local_ads: Ads) -> None:
    add_ads(store, circuit_ads[:1] + local_ads[:1])
    cued, plain = ad_score(store, 1), ad_score(store, 2)
    assert cued.score > 80 and _explained(cued.indicators)
    words = {e["text"] for i in cued.indicators for e in i["evidence"]}
    assert {"young", "fresh", "new in town", "My girls", "she will", "24/7"} <= words
    assert plain.score == 0 and plain.indicators == []  # "no rush" is a service phrase, not a cue


def test_rescoring_is_incremental(store: Store, add_ads: AddAds, circuit_ads: Ads, local_ads: Ads, tmp_path: Path) -> None:
    add_ads(store, circuit_ads + local_ads)
    again = update_scores(store)
    assert (again.ads_scored, again.networks_scored) == (0, 0)
    before = {lead.network_id: lead.score for lead in leads(store)}
    # the independent's ad now reads "barely legal": that ad and its network are scored again, nothing else
    edited = dict(local_ads[0], body="Hi I'm Rose, barely legal. Call (213) 555-0107 (0)")
    path = tmp_path / "edit.jsonl"
    path.write_bytes(orjson.dumps(edited) + b"\n")
    ingest(store, [path], source="test")
    summary = analyze(store, workers=1)
    assert (summary.ads_scored, summary.networks_scored) == (1, 1)
    after = {lead.network_id: lead.score for lead in leads(store)}
    changed = [n for n in after if after[n] != before.get(n)]
    assert len(changed) == 1 and after[changed[0]] > before[changed[0]]


def test_export_rows_carry_score_and_indicators(store: Store, add_ads: AddAds, circuit_ads: Ads, local_ads: Ads) -> None:
    add_ads(store, circuit_ads + local_ads)
    out = io.StringIO()
    assert export_networks(store, out) == 2
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    for row in rows:
        assert isinstance(row["score"], float)
        assert _explained(row["indicators"])
