"""A run with nothing new returns the last run's networks without reading the evidence again."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, update

import clew.link.networks as nets
from clew.link import list_networks, set_identifier_rule, update_networks
from clew.store import Store
from clew.store.networks import link_state, networks
from clew.store.schema import ads, spans
from clew.synth import iter_ads


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, object]]:
    return [ad for ad, _ in iter_ads(300, 5)]


def _refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("the evidence was read again though nothing changed")


def test_nothing_new_skips_the_evidence_and_keeps_the_summary(store: Store, add_ads, corpus,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    add_ads(store, corpus)
    first = update_networks(store)
    assert first.networks > 0
    before = [(n.id, n.ad_ids) for n in list_networks(store)]
    monkeypatch.setattr(nets, "_collect", _refuse)
    again = update_networks(store)
    assert (again.networks_written, again.networks_removed, again.text_features) == (0, 0, 0)
    skip = {"seconds", "networks_written", "networks_removed", "text_features"}
    assert {k: v for k, v in again.as_dict().items() if k not in skip} == \
        {k: v for k, v in first.as_dict().items() if k not in skip}
    assert [(n.id, n.ad_ids) for n in list_networks(store)] == before


def test_new_ads_are_linked_after_a_skipped_run(store: Store, add_ads, corpus) -> None:
    add_ads(store, corpus[:200])
    update_networks(store)
    update_networks(store)
    add_ads(store, corpus[200:])
    summary = update_networks(store)
    assert summary.ads == len(corpus)
    assert summary.text_features == 100


def _now(store: Store) -> str:
    return nets._state(nets._inputs(store), store)


def _moves(store: Store, change) -> bool:  # type: ignore[no-untyped-def]
    before = _now(store)
    change()
    return _now(store) != before


def test_every_input_moves_the_digest(store: Store, add_ads, corpus) -> None:
    add_ads(store, corpus[:120])
    update_networks(store)
    with store.connect() as conn:
        stored = conn.execute(select(link_state.c.inputs)).scalar_one()
        ad_id, ident_id = conn.execute(select(spans.c.ad_id, spans.c.identifier_id)
                                       .where(spans.c.identifier_id.is_not(None)).limit(1)).one()
        net_id = conn.execute(select(networks.c.id).limit(1)).scalar_one()
        kind_value = conn.execute(select(spans.c.kind, spans.c.value)
                                  .where(spans.c.identifier_id == ident_id).limit(1)).one()
    assert stored == _now(store)

    def rule() -> None:
        set_identifier_rule(store, f"{kind_value.kind}:{kind_value.value}", "block")

    def respan() -> None:
        # a span pointed at another identifier, as a re-extraction by a changed extractor would
        with store.transaction() as conn:
            conn.execute(update(spans).where(spans.c.ad_id == ad_id).values(identifier_id=None))

    def new_version() -> None:
        with store.transaction() as conn:
            conn.execute(update(ads).where(ads.c.id == ad_id).values(version=ads.c.version + 1))

    def lost_network() -> None:
        with store.transaction() as conn:
            conn.execute(delete(networks).where(networks.c.id == net_id))

    for change in (rule, respan, new_version, lost_network):
        assert _moves(store, change), change.__name__
    add = corpus[120:130]
    assert _moves(store, lambda: add_ads(store, add))
    with store.connect() as conn:
        last = conn.execute(select(ads.c.id).order_by(ads.c.id.desc()).limit(1)).scalar_one()

    def removed() -> None:
        with store.transaction() as conn:
            conn.execute(delete(spans).where(spans.c.ad_id == last))
            conn.execute(delete(ads).where(ads.c.id == last))

    assert _moves(store, removed)
