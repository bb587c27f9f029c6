"""A network as graph elements for the page (cytoscape.js format): ads and the identifiers they
share, edges labelled by their evidence; past ``MAX_NODES`` nodes, ads that hold the same
identifiers collapse into one node, so a large operation reads as its structure, not a hairball.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from clew import identifiers as kinds
from clew.model import Identifier, Link

MAX_NODES = 300
MAX_IDENTIFIERS = 120


@dataclass(slots=True)
class Graph:
    elements: list[dict[str, Any]]
    aggregated: bool
    ad_nodes: int
    identifier_nodes: int
    notes: list[str] = field(default_factory=list)


def _display(key: str) -> str:
    try:
        return kinds.display(Identifier.parse(key))
    except (ValueError, KeyError):
        return key


def _node(node_id: str, label: str, kind: str, href: str | None, **extra: Any) -> dict[str, Any]:
    data = {"id": node_id, "label": label, "kind": kind, **extra}
    if href:
        data["href"] = href
    return {"group": "nodes", "data": data}


def _edge(source: str, target: str, label: str, kind: str, weight: int = 1) -> dict[str, Any]:
    return {"group": "edges", "data": {"id": f"{source}|{target}|{label}", "source": source, "target": target,
                                       "label": label, "kind": kind, "weight": weight}}


def _identifier_href(key: str) -> str:
    from urllib.parse import quote

    return "/identifier?key=" + quote(key, safe="")


def network_graph(ad_ids: Sequence[int], held: dict[int, set[str]], links: Sequence[Link],
                  labels: dict[int, str], *, max_nodes: int = MAX_NODES) -> Graph:
    """Graph of a network's ads (``labels``: a short caption per ad) and the identifiers in ``held``
    (ad -> identifier keys the network shares); ad-to-ad edges come from links other than shared
    identifiers (near-duplicate text, same image), labelled with their evidence.
    """
    notes: list[str] = []
    counts = Counter(k for keys in held.values() for k in keys)
    shared = sorted(counts, key=lambda k: (-counts[k], k))
    if len(shared) > MAX_IDENTIFIERS:
        notes.append(f"showing the {MAX_IDENTIFIERS} identifiers named by most ads of {len(shared)}")
        shared = shared[:MAX_IDENTIFIERS]
    small = len(ad_ids) + len(shared) <= max_nodes
    if not small and len(shared) > max_nodes // 2:
        notes.append(f"showing the {max_nodes // 2} identifiers named by most ads of {len(counts)}")
        shared = shared[:max(1, max_nodes // 2)]
    kept = set(shared)
    other_links = [x for x in links if x.reason != "shared_identifier"]
    elements: list[dict[str, Any]] = [
        _node(f"id:{k}", _display(k), k.partition(":")[0], _identifier_href(k), ads=counts[k]) for k in shared
    ]
    if small:
        for a in ad_ids:
            elements.append(_node(f"ad:{a}", labels.get(a, f"ad {a}"), "ad", f"/ads/{a}"))
            for k in sorted(held.get(a, ()) & kept):
                elements.append(_edge(f"ad:{a}", f"id:{k}", f"names {k.partition(':')[0]}", "identifier"))
        seen: set[tuple[int, int, str]] = set()
        for x in other_links:
            if (x.ad_a, x.ad_b, x.reason) not in seen:
                seen.add((x.ad_a, x.ad_b, x.reason))
                elements.append(_edge(f"ad:{x.ad_a}", f"ad:{x.ad_b}", x.evidence, x.reason))
        return Graph(elements, False, len(ad_ids), len(shared), notes)

    # aggregated: ads naming the same shared identifiers are one node; the rest by what links them
    group_of: dict[int, str] = {}
    members: dict[str, list[int]] = defaultdict(list)
    for a in ad_ids:
        keys = held.get(a, set()) & kept
        gid = "grp:" + ("|".join(sorted(keys)) if keys else "none")
        group_of[a] = gid
        members[gid].append(a)
    budget = max(1, max_nodes - len(shared))
    order = sorted(members, key=lambda g: (-len(members[g]), g))
    if len(order) > budget:
        rest = order[budget - 1:]
        merged = [a for g in rest for a in members.pop(g)]
        members["grp:other"] = merged
        for a in merged:
            group_of[a] = "grp:other"
        notes.append(f"{len(rest)} small groups of ads shown as one node")
    names = {g: f"g{i}" for i, g in enumerate(sorted(members, key=lambda g: (-len(members[g]), g)))}
    for g, ads_in in members.items():
        first = min(ads_in)
        label = f"{len(ads_in)} ads" if len(ads_in) > 1 else labels.get(first, f"ad {first}")
        href = f"/ads/{first}" if len(ads_in) == 1 else None
        elements.append(_node(names[g], label, "ads", href, ads=len(ads_in)))
        keys = held.get(first, set()) & kept if g not in ("grp:other", "grp:none") else set()
        for k in sorted(keys):
            elements.append(_edge(names[g], f"id:{k}", f"{len(ads_in)} name {k.partition(':')[0]}",
                                  "identifier", len(ads_in)))
    if "grp:other" in members:
        per: Counter[tuple[str, str]] = Counter()
        for a in members["grp:other"]:
            for k in held.get(a, set()) & kept:
                per[(names["grp:other"], f"id:{k}")] += 1
        for (s, t), n in per.items():
            elements.append(_edge(s, t, f"{n} name {t[3:].partition(':')[0]}", "identifier", n))
    pairs: Counter[tuple[str, str, str]] = Counter()
    for x in other_links:
        ga, gb = names[group_of.get(x.ad_a, "grp:other")], names[group_of.get(x.ad_b, "grp:other")]
        if ga != gb and x.ad_a in group_of and x.ad_b in group_of:
            s, t = sorted((ga, gb))
            pairs[(s, t, x.reason)] += 1
    for (s, t, reason), n in pairs.items():
        elements.append(_edge(s, t, f"{n} × {reason.replace('_', ' ')}", reason, n))
    notes.insert(0, f"{len(ad_ids)} ads in {len(members)} nodes: ads naming the same identifiers are one node")
    return Graph(elements, True, len(members), len(shared), notes)
