"""Incremental runs: adding ads in batches gives exactly what one run over all of them gives."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select

import clew.link.identifiers as ident
import clew.link.text as txt
from clew.link import cache, explain_network, export_networks, list_networks, update_networks
from clew.store import Store
from clew.store.networks import identifier_hubs, link_cache
from clew.synth import iter_ads

N_ADS = 700


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, object]]:
    return [ad for ad, _ in iter_ads(N_ADS, 11)]


def _state(store: Store) -> tuple[object, ...]:
    nets = list_networks(store)
    explained = [explain_network(store, n.id) for n in nets]
    with store.connect() as conn:
        hubs = sorted(tuple(r) for r in conn.execute(select(identifier_hubs)))
    out = io.StringIO()
    export_networks(store, out)
    return (
        [(n.id, n.ad_ids, n.identifiers, n.cities, n.first_seen, n.last_seen) for n in nets],
        [sorted((x.ad_a, x.ad_b, x.reason, x.evidence, x.weight) for x in e.links) for e in explained],
        [[(t.id, t.text, t.ad_ids, t.slots) for t in e.templates] for e in explained],
        hubs,
        out.getvalue(),
    )


def _refuse(*args: object) -> None:
    raise AssertionError("every ad's evidence was read again")


def test_batches_equal_one_run_and_ids_are_stable(store: Store, add_ads, corpus, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "PAGE", 1000)  # kept arrays of many pages, new ads' shingles across pages
    add_ads(store, corpus[:400])
    update_networks(store)
    before = {n.id: n.ad_ids for n in list_networks(store)}
    for lo, hi in ((400, 550), (550, N_ADS)):
        add_ads(store, corpus[lo:hi])
        with monkeypatch.context() as patched:
            # the new ads are linked through the kept index, not by reading every ad's shingles and identifiers
            patched.setattr(txt, "load_shingles", _refuse)
            patched.setattr(ident, "read_occurrences", _refuse)
            summary = update_networks(store)
        assert summary.text_features == hi - lo
    # networks no new ad touched keep their id and are not rewritten
    after = {n.id: n.ad_ids for n in list_networks(store)}
    untouched = [nid for nid, ads in before.items() if after.get(nid) == ads]
    assert untouched
    with Store.open(f"sqlite:///{tmp_path / 'whole.db'}") as whole:
        add_ads(whole, corpus)
        update_networks(whole)
        assert _state(store) == _state(whole)
    again = update_networks(store)
    assert (again.networks_written, again.networks_removed, again.text_features) == (0, 0, 0)


def test_an_edited_old_ad_relinks_from_scratch_and_equals_one_run(store: Store, add_ads, corpus,
                                                                    tmp_path: Path) -> None:
    add_ads(store, corpus[:300])
    update_networks(store)
    edited = {**corpus[5], "body": f"{corpus[5]['body']} now with a new line of text"}
    add_ads(store, [edited, *corpus[300:350]])
    with store.connect() as conn:
        kept = conn.execute(select(link_cache.c.name)).scalars().all()
    assert {name.partition(".")[0] for name in kept} == {"hubs", "identifiers", "meta", "shingles", "text"}
    # the new ads, then (the ads the last run saw having changed) the edited one
    assert update_networks(store).text_features == 51
    with Store.open(f"sqlite:///{tmp_path / 'whole.db'}") as whole:
        add_ads(whole, corpus[:300])
        add_ads(whole, [edited, *corpus[300:350]])
        update_networks(whole)
        assert _state(store) == _state(whole)
