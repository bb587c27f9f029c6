"""Hub identifiers: a number in every footer is listed and does not link; analyst rules override."""

from __future__ import annotations

import random

from clew.link import hub_identifiers, list_networks, set_identifier_rule, update_networks
from clew.model import Identifier
from clew.store import Store

_WORDS = ("amber velvet quiet harbor silver meadow bright candle golden river tender orchid lively "
          "sunset gentle marble crimson willow radiant canyon playful breeze elegant cherry").split()


def _posters(n: int, footer: str) -> list[dict[str, object]]:
    rows = []
    for p in range(n):
        rng = random.Random(p)
        prose = " ".join(rng.choice(_WORDS) for _ in range(18))
        for k in range(2):
            rows.append({
                "id": f"p{p}-{k}", "title": f"poster {p} ad {k}",
                "body": f"{prose}. call 702-555-{1000 + p:04d}. {footer}",
                "location": "Las Vegas, NV", "posted_at": f"2026-01-{1 + k:02d}T10:00:00Z",
            })
    return rows


SUPPORT = "Site support 800-555-0199"


def test_footer_number_is_a_listed_hub_and_does_not_link(store: Store, add_ads) -> None:
    add_ads(store, _posters(12, SUPPORT))
    summary = update_networks(store)
    hubs = hub_identifiers(store)
    assert [h.identifier.key for h in hubs] == ["phone:+18005550199"]
    assert hubs[0].ads == 24 and hubs[0].groups == 12 and "unrelated" in hubs[0].reason
    nets = list_networks(store)
    assert summary.networks == len(nets) == 12
    assert all(n.size == 2 for n in nets)
    assert all(Identifier("phone", "+18005550199") not in n.identifiers for n in nets)


def test_analyst_rules_override_and_are_respected(store: Store, add_ads) -> None:
    add_ads(store, _posters(12, SUPPORT))
    set_identifier_rule(store, "phone:+18005550199", "allow", "agency switchboard, checked by hand")
    update_networks(store)
    assert hub_identifiers(store) == []
    assert [n.size for n in list_networks(store)] == [24]
    set_identifier_rule(store, "phone:+18005550199", "block", "support line")
    set_identifier_rule(store, Identifier("phone", "+17025551000"), "block")
    update_networks(store)
    hubs = {h.identifier.key: h for h in hub_identifiers(store)}
    assert set(hubs) == {"phone:+18005550199", "phone:+17025551000"}
    assert hubs["phone:+18005550199"].rule == "block" and "support line" in hubs["phone:+18005550199"].reason
    # poster 0's two ads still share their text, so they stay together, but not through the blocked phone
    nets = list_networks(store)
    assert len(nets) == 12
    first = next(n for n in nets if n.id == "net-1")
    assert Identifier("phone", "+17025551000") not in first.identifiers
    set_identifier_rule(store, "phone:+18005550199", "clear")
    update_networks(store)
    assert {h.identifier.key for h in hub_identifiers(store)} == {"phone:+18005550199", "phone:+17025551000"}
    assert hub_identifiers(store)[0].rule is None


def test_few_ads_sharing_a_phone_link(store: Store, add_ads) -> None:
    add_ads(store, [
        {"id": "a", "title": "Mia", "body": "sweet and fun, text 702-555-0142"},
        {"id": "b", "title": "Zoe", "body": "completely different words here (702) 555-0142"},
        {"id": "c", "title": "Ana", "body": "nothing shared 702-555-0199"},
    ])
    update_networks(store)
    nets = list_networks(store)
    assert [(n.ad_ids, [i.key for i in n.identifiers]) for n in nets] == [([1, 2], ["phone:+17025550142"])]


def test_groups_without_counts_as_a_plain_union_find_does() -> None:
    import random
    from collections import defaultdict

    import numpy as np

    from clew.link.networks import _Groups, _groups_without

    def reference(g: int, groups: _Groups, named: np.ndarray, base: np.ndarray,
                  candidate_of_row: dict[int, list[int]]) -> int:
        rows = groups.of(g).tolist()
        inside = set(rows)
        parent: dict[int, int] = {}

        def find(x: int) -> int:
            parent.setdefault(x, x)
            while parent[x] != x:
                x = parent[x]
            return x

        for other in {k for r in rows for k in candidate_of_row.get(r, ()) if k != g}:
            shared = [int(base[r]) for r in groups.of(other).tolist() if r in inside]
            for r in shared[1:]:
                ra, rb = find(shared[0]), find(r)
                if ra != rb:
                    parent[rb] = ra
        return len({find(int(base[r])) for r in rows if named[r] >= 2})

    for seed in range(60):
        rng = random.Random(seed)
        n, n_groups = rng.randint(1, 60), rng.randint(1, 12)
        pairs = {(rng.randrange(n_groups), rng.randrange(n)) for _ in range(rng.randint(1, 150))}
        group = np.array([p[0] for p in pairs], np.int64)
        member = np.array([p[1] for p in pairs], np.int64)
        groups = _Groups.build([f"phone:{k}" for k in range(n_groups)], group, member)
        base = np.array([rng.randrange(max(1, n // 3)) for _ in range(n)], np.int64)
        named = np.bincount(groups.rows, minlength=n) + np.array([rng.randint(0, 1) for _ in range(n)])
        candidates = [k for k in range(n_groups) if rng.random() < 0.6]
        candidate_of_row: dict[int, list[int]] = defaultdict(list)
        for k in candidates:
            for r in groups.of(k).tolist():
                candidate_of_row[r].append(k)
        for k in candidates:
            assert _groups_without(k, groups, named, base, candidate_of_row) == \
                reference(k, groups, named, base, candidate_of_row), (seed, k)


def test_hubs_found_incrementally_equal_one_run(store: Store, add_ads, tmp_path) -> None:
    def _state(s: Store) -> tuple[object, ...]:
        return ([(n.id, n.ad_ids, n.identifiers) for n in list_networks(s)],
                [(h.identifier.key, h.ads, h.groups) for h in hub_identifiers(s)])

    join = {"id": "join", "title": "two of us", "body": "call 702-555-1000 or 702-555-1001",
            "location": "Las Vegas, NV", "posted_at": "2026-01-05T10:00:00Z"}
    batches = [_posters(3, SUPPORT), _posters(6, SUPPORT)[6:], [join], _posters(9, SUPPORT)[12:]]
    # 6 ads: not yet a candidate; 12 ads in 6 groups: a hub; two posters joined: 5 groups, no hub; 9 posters: hub
    hubs = []
    for k, batch in enumerate(batches):
        add_ads(store, batch)
        update_networks(store)
        hubs.append([h.identifier.key for h in hub_identifiers(store)])
        with Store.open(f"sqlite:///{tmp_path / f'whole-{k}.db'}") as whole:
            add_ads(whole, [row for b in batches[: k + 1] for row in b])
            update_networks(whole)
            assert _state(store) == _state(whole), k
    assert hubs == [[], ["phone:+18005550199"], [], ["phone:+18005550199"]]
