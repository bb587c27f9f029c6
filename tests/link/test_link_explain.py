"""Every network explains itself: each edge names its reason and evidence; exports and tables hold up."""

from __future__ import annotations

import io

import orjson
import pytest

from clew.errors import NotFound
from clew.link import explain_network, export_networks, list_networks, update_networks
from clew.model import LinkReason
from clew.store import Store
from clew.synth import iter_ads


def test_every_edge_is_explained_and_joins_members(sqlite_store: Store, add_ads) -> None:
    add_ads(sqlite_store, [ad for ad, _ in iter_ads(400, 5)])
    update_networks(sqlite_store)
    nets = list_networks(sqlite_store, min_size=2)
    assert nets and sum(n.size for n in nets) > 100
    for n in nets:
        e = explain_network(sqlite_store, n.id)
        assert e.id == n.id == f"net-{min(e.ad_ids)}" and e.ad_ids == n.ad_ids
        members = set(e.ad_ids)
        assert e.links
        # the edges alone connect the whole network
        parent = {a: a for a in members}

        def find(x: int, parent: dict[int, int] = parent) -> int:
            while parent[x] != x:
                x = parent[x]
            return x

        for link in e.links:
            assert {link.ad_a, link.ad_b} <= members and link.ad_a != link.ad_b
            assert link.reason in set(LinkReason) and 0 < link.weight <= 1
            if link.reason == LinkReason.SHARED_IDENTIFIER:
                assert link.evidence.startswith("shares ")
            elif link.reason == LinkReason.TEMPLATE:
                assert link.evidence.startswith("template tpl-") and "similarity" in link.evidence
            parent[find(link.ad_a)] = find(link.ad_b)
        assert len({find(a) for a in members}) == 1
        for t in e.templates:
            assert set(t.ad_ids) <= members and t.text


def test_export_rows_and_missing_network(sqlite_store: Store, add_ads) -> None:
    add_ads(sqlite_store, [
        {"id": "a", "title": "Mia", "body": "text 702-555-0142", "location": "Reno, NV", "posted_at": "2026-01-02T10:00:00Z"},
        {"id": "b", "title": "Zoe", "body": "call 702.555.0142", "location": "Las Vegas, NV", "posted_at": "2026-01-05T10:00:00Z"},
    ])
    update_networks(sqlite_store)
    out = io.StringIO()
    assert export_networks(sqlite_store, out) == 1
    row = orjson.loads(out.getvalue())
    assert row == {"network_id": "net-1", "ad_ids": [1, 2], "identifiers": ["phone:+17025550142"],
                   "cities": ["Las Vegas", "Reno"], "first_seen": "2026-01-02T10:00:00",
                   "last_seen": "2026-01-05T10:00:00", "size": 2}
    with pytest.raises(NotFound, match="no network 'net-9'"):
        explain_network(sqlite_store, "net-9")

