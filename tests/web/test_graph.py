"""The network graph: every ad and shared identifier a node with labelled edges while small;
aggregated into groups past the node budget, with every ad still counted."""

from __future__ import annotations

from clew.model import Link
from clew.web.graph import network_graph


def _nodes(graph: object) -> dict[str, dict]:
    return {e["data"]["id"]: e["data"] for e in graph.elements if e["group"] == "nodes"}  # type: ignore[attr-defined]


def _edges(graph: object) -> list[dict]:
    return [e["data"] for e in graph.elements if e["group"] == "edges"]  # type: ignore[attr-defined]


def test_small_network_shows_every_ad_identifier_and_evidence() -> None:
    held = {1: {"phone:+17025550142"}, 2: {"phone:+17025550142"}, 3: set()}
    links = [Link(1, 2, "shared_identifier", "shares phone +17025550142", 1.0),
             Link(2, 3, "template", "near-duplicate text (0.91)", 0.9)]
    g = network_graph([1, 2, 3], held, links, {1: "#1 Las Vegas"})
    nodes = _nodes(g)
    assert set(nodes) == {"ad:1", "ad:2", "ad:3", "id:phone:+17025550142"}
    assert nodes["ad:1"]["label"] == "#1 Las Vegas" and nodes["ad:1"]["href"] == "/ads/1"
    assert nodes["id:phone:+17025550142"]["href"] == "/identifier?key=phone%3A%2B17025550142"
    edges = {(e["source"], e["target"]): e["label"] for e in _edges(g)}
    assert edges[("ad:2", "ad:3")] == "near-duplicate text (0.91)"
    assert edges[("ad:1", "id:phone:+17025550142")] == "names phone"
    assert not g.aggregated


def test_large_network_is_aggregated_within_the_budget() -> None:
    ads = list(range(1, 2001))
    held = {a: {f"phone:+1702555{a % 40:04d}"} for a in ads}
    held.update({a: set() for a in ads[:100]})
    links = [Link(a, a + 1, "template", "near-duplicate text", 0.9) for a in ads[:-1:7]]
    g = network_graph(ads, held, links, {}, max_nodes=30)
    nodes = _nodes(g)
    assert g.aggregated and len(nodes) <= 30
    groups = [n for n in nodes.values() if n["kind"] == "ads"]
    assert sum(n["ads"] for n in groups) == len(ads)
    assert all(e["source"] in nodes and e["target"] in nodes for e in _edges(g))
    assert g.notes and "2000 ads" in g.notes[0]
