"""Near-duplicate text: stock phrases never link unrelated posters; a reused template does, with its slots."""

from __future__ import annotations

import random

import numpy as np

from clew.link import explain_network, list_networks, update_networks
from clew.link.templates import consensus
from clew.link.text import PERMUTATIONS, _among, _signatures, isin, masked_tokens, shingles
from clew.store import Store

STOCK = "new in town 100% real pics no rush"
_WORDS = ("amber velvet quiet harbor silver meadow bright candle golden river tender orchid lively sunset "
          "gentle marble crimson willow radiant canyon playful breeze elegant cherry cozy spark").split()
_NAMES = ("Mia", "Zoe", "Luna", "Ivy", "Nina", "Eva", "Lola", "Ruby")
_CITIES = ("Denver, CO", "Phoenix, AZ", "Dallas, TX", "Reno, NV", "Tulsa, OK", "Austin, TX", "Omaha, NE", "Boise, ID")


def _stock_posters(n: int) -> list[dict[str, object]]:
    rows = []
    for p in range(n):
        rng = random.Random(1000 + p)
        own = " ".join(rng.choice(_WORDS) for _ in range(6))
        rows.append({"id": f"s{p}", "title": f"{STOCK}",
                     "body": f"{STOCK} {own} call 303-555-{2000 + p:04d}", "location": _CITIES[p % 8]})
        rows.append({"id": f"t{p}", "title": f"{_NAMES[p % 8]} here", "body": f"{STOCK}. text me 303-555-{5000 + p:04d}",
                     "location": _CITIES[p % 8]})
    return rows


TEMPLATE = ("{name} {age} {movement} sweet petite sweetheart ready to play, upscale and discreet, "
            "incall in {city} near the strip, ask about my two hour special, serious gentlemen only, {phone}")


def _operation(n: int) -> list[dict[str, object]]:
    rows = []
    for k in range(n):
        city = _CITIES[k % 8]
        body = TEMPLATE.format(name=_NAMES[k % 8], age=19 + k % 4, city=city.split(",")[0],
                               movement=("just landed", "last night here")[k % 2], phone=f"720-555-{3000 + k:04d}")
        rows.append({"id": f"op{k}", "title": f"{_NAMES[k % 8]} new in {city.split(',')[0]}", "body": body,
                     "location": city, "posted_at": f"2026-02-{1 + k:02d}T10:00:00Z"})
    return rows


def test_stock_phrases_never_link_unrelated_posters(store: Store, add_ads) -> None:
    add_ads(store, _stock_posters(70))
    summary = update_networks(store)
    assert summary.networks == 0 and list_networks(store) == []


def test_a_template_with_names_swapped_links_and_shows_its_slots(store: Store, add_ads) -> None:
    add_ads(store, _stock_posters(40) + _operation(8))
    update_networks(store)
    nets = list_networks(store)
    assert len(nets) == 1
    op_ids = set(range(81, 89))
    assert set(nets[0].ad_ids) == op_ids
    explained = explain_network(store, nets[0].id)
    assert {link.reason for link in explained.links} == {"template"}
    assert all("similarity" in link.evidence and link.evidence.startswith("template tpl-81") for link in explained.links)
    [template] = explained.templates
    assert template.id == "tpl-81" and set(template.ad_ids) == op_ids
    # the shared wording stays; names, cities and phones become slots with the values seen
    assert "sweet petite sweetheart ready to play" in template.text
    assert "{phone}" in template.text and "{location}" in template.text and "{…}" in template.text
    assert set(template.slots["phone"]) == {f"+1720555{3000 + k}" for k in range(8)}


def test_masking_makes_swapped_slots_read_the_same() -> None:
    a = masked_tokens("Mia 21, call 702-555-0142", [(0, 3, "name"), (4, 6, "age"), (13, 25, "phone")])
    b = masked_tokens("Zoe 24, call 303 555 0199", [(0, 3, "name"), (4, 6, "age"), (13, 25, "phone")])
    assert a == b == ["{name}", "{age}", "call", "{phone}"]
    assert list(shingles(a)) == list(shingles(b))
    assert masked_tokens("room 214 or mail me at x@y.com", []) == ["room", "{number}", "or", "mail", "me", "at", "{contact}"]


def test_consensus_keeps_shared_words_and_slots_the_rest() -> None:
    text = consensus([["hi", "{name}", "sweet", "red"], ["hi", "{name}", "sweet", "blue"], ["hi", "{name}", "sweet", "green"]])
    assert text == "hi {name} sweet {…}"


def test_signatures_are_each_rows_minimum_hash_per_permutation() -> None:
    from clew.link.text import _A, _B

    rng = np.random.default_rng(5)
    # empty rows first, between and last, and more rows than one chunk of 4,000
    lengths = rng.integers(0, 12, 9001)
    lengths[[0, 1, 17, 4000, 4001, 9000]] = 0
    offsets = np.zeros(len(lengths) + 1, np.int64)
    np.cumsum(lengths, out=offsets[1:])
    values = rng.integers(0, 2**32, int(offsets[-1]), dtype=np.uint64).astype(np.uint32)
    sig = _signatures(values, offsets)
    assert sig.shape == (len(lengths), PERMUTATIONS)
    for row in (0, 1, 2, 17, 3999, 4000, 4001, 4002, 8999, 9000, *rng.integers(0, 9001, 200).tolist()):
        vals = values[offsets[row] : offsets[row + 1]].astype(np.uint64)
        if not len(vals):
            assert (sig[row] == np.iinfo(np.uint32).max).all()
            continue
        want = ((vals[:, None] * _A.astype(np.uint64) + _B.astype(np.uint64)) & 0xFFFFFFFF).min(axis=0)
        assert (sig[row] == want).all(), row


def test_among_is_isin() -> None:
    rng = np.random.default_rng(9)
    values = rng.integers(0, 2**32, 50_000, dtype=np.uint64).astype(np.uint32)
    # set members, values sharing their low bits but not in the set, and the extremes
    members = np.unique(np.concatenate([values[:300], np.array([0, 2**32 - 1], np.uint32)]))
    near = (members[:100] ^ np.uint32(1 << 30)).astype(np.uint32)
    probe = np.concatenate([values, near, np.array([0, 2**32 - 1, 1], np.uint32)])
    for chosen in (members, members[:1], members[:16], np.empty(0, np.uint32)):
        assert (_among(probe, chosen) == np.isin(probe, chosen)).all()
        assert (isin(probe, chosen) == np.isin(probe, chosen)).all()
    assert not _among(np.empty(0, np.uint32), members).any()


def test_only_stale_features_are_computed_again_even_when_scattered(store: Store, add_ads) -> None:
    from sqlalchemy import select, update

    from clew.link.text import update_features
    from clew.store.networks import text_features

    add_ads(store, _stock_posters(30))
    assert len(update_features(store, workers=1)) == 60
    with store.connect() as conn:
        first = dict(conn.execute(select(text_features.c.ad_id, text_features.c.shingles)).all())
    ids = sorted(first)
    old_version, missing = ids[3::17], ids[10::23]
    with store.transaction() as conn:
        conn.execute(update(text_features).where(text_features.c.ad_id.in_(old_version)).values(version=1))
        conn.execute(text_features.delete().where(text_features.c.ad_id.in_(missing)))
    assert sorted(update_features(store, workers=1)) == sorted(set(old_version) | set(missing))
    with store.connect() as conn:
        assert dict(conn.execute(select(text_features.c.ad_id, text_features.c.shingles)).all()) == first
    assert update_features(store, workers=1) == []
