"""Networks: ads joined by weighted evidence (shared identifiers, images, templates), each edge explained.

Identifiers and images link first; a text edge between two groups that already have several ads each
must be corroborated by a second edge or be very close. A network's id is its smallest ad id, so it
survives re-runs; a re-run rewrites only networks whose members, evidence or text changed.
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

import numpy as np
import orjson
from sqlalchemy import select

from clew.errors import InputError, NotFound
from clew.link import identifiers as ident
from clew.link import images as img
from clew.link import templates as tpl
from clew.link import text as txt
from clew.model import Identifier, Link, LinkReason, Network
from clew.store import Store
from clew.store.networks import (
    identifier_hubs,
    links,
    network_members,
    networks,
    template_members,
    templates,
)
from clew.store.schema import ads, spans

#: a text edge between two groups each of at least this many ads needs a second edge or ...
GUARD_SIZE = 3
#: ... a similarity of at least this (text) or at most this many differing hash bits (pictures)
GUARD_SIMILARITY = 0.85
GUARD_IMAGE_BITS = 2

Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class LinkSummary:
    """What one run of the Networks stage did."""

    ads: int = 0
    text_features: int = 0
    image_ads: int = 0
    identifier_links: int = 0
    text_links: int = 0
    image_links: int = 0
    hubs: int = 0
    networks: int = 0
    networks_written: int = 0
    networks_removed: int = 0
    largest: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {name: getattr(self, name) for name in self.__slots__}  # type: ignore[attr-defined]


@dataclass(slots=True)
class NetworkExplanation(Network):
    """A network with every evidence edge and the templates its near-duplicate ads share."""

    templates: list[tpl.Template] = field(default_factory=list)


class _Forest:
    """Union-find over rows 0..n-1 (path halving, union by size)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]

    def roots(self) -> np.ndarray:
        return np.fromiter((self.find(i) for i in range(len(self.parent))), dtype=np.int64, count=len(self.parent))


@dataclass(slots=True, frozen=True)
class _ImagePair:
    """Two ads (rows) showing near-identical pictures of image group ``key``."""

    a: int
    b: int
    key: str
    evidence: str
    bits: int


@dataclass(slots=True)
class _Evidence:
    """Everything linking found, by row number of ``ad_ids``."""

    ad_ids: np.ndarray
    groups: dict[str, list[int]]  # identifier key (incl. image groups) -> rows
    image_pairs: list[_ImagePair]
    text: txt.TextEdges
    hubs: list[tuple[str, int, int]]
    blocked: set[str]


def _image_groups(store: Store, row_of: dict[int, int]) -> tuple[dict[str, list[int]], list[_ImagePair]]:
    """Near-identical picture groups as pseudo-identifiers ``image:<pHash>`` -> rows, and the picture pairs."""
    ad_ids, phash, dhash, _ = img.load_hashes(store)
    if not len(ad_ids):
        return {}, []
    a, b, dist = img.near_identical(phash, dhash)
    forest = _Forest(len(ad_ids))
    for i, j in zip(a.tolist(), b.tolist(), strict=True):
        forest.union(i, j)
    roots = forest.roots()
    members: dict[int, list[int]] = defaultdict(list)
    for i, root in enumerate(roots.tolist()):
        members[root].append(i)
    key_of_root: dict[int, str] = {}
    groups: dict[str, list[int]] = {}
    for root, pics in members.items():
        rows = sorted({row_of[int(ad_ids[i])] for i in pics if int(ad_ids[i]) in row_of})
        if len(rows) < 2:
            continue
        key = f"image:{int(phash[min(pics)]):016x}"
        key_of_root[root] = key
        groups[key] = rows
    pairs = []
    for i, j, d in zip(a.tolist(), b.tolist(), dist.tolist(), strict=True):
        ra, rb = row_of.get(int(ad_ids[i])), row_of.get(int(ad_ids[j]))
        key = key_of_root.get(int(roots[i]))
        if ra is None or rb is None or ra == rb or key is None:
            continue
        evidence = f"same image {int(phash[i]):016x} ~ {int(phash[j]):016x} ({d} of 64 bits differ)"
        pairs.append(_ImagePair(min(ra, rb), max(ra, rb), key, evidence, int(d)))
    pairs.sort(key=lambda p: (p.a, p.b, p.bits, p.evidence))
    best: dict[tuple[int, int], _ImagePair] = {}
    for pair in pairs:
        best.setdefault((pair.a, pair.b), pair)
    return groups, list(best.values())


def _collect(store: Store, ad_ids: np.ndarray) -> _Evidence:
    row_of = {int(a): i for i, a in enumerate(ad_ids.tolist())}
    groups = {
        key: [row_of[a] for a in found if a in row_of]
        for key, found in ident.occurrences(store).items()
    }
    image_groups, image_pairs = _image_groups(store, row_of)
    groups.update(image_groups)
    values, offsets = txt.load_shingles(store, row_of)
    text_edges = txt.near_duplicates(values, offsets)
    rules = ident.rules(store)
    blocked = {key for key, (rule, _) in rules.items() if rule == "block"}
    allowed = {key for key, (rule, _) in rules.items() if rule == "allow"}
    # hubs: identifiers whose ads otherwise fall into many separate groups
    candidates = {k for k, rows in groups.items() if ident.is_candidate(k, rows) and k not in allowed}
    base = _Forest(len(ad_ids))
    for i, j in zip(text_edges.a.tolist(), text_edges.b.tolist(), strict=True):
        base.union(i, j)
    for key, rows in groups.items():
        if key not in candidates and key not in blocked:
            for r in rows[1:]:
                base.union(rows[0], r)
    # an ad counts toward a hub only if it names some other identifier too: a footer number sits
    # beside each poster's own contact, an operation's own phone mostly does not
    named = np.zeros(len(ad_ids), dtype=np.int64)
    for rows in groups.values():
        named[rows] += 1
    candidate_keys: dict[int, list[str]] = defaultdict(list)
    for key in sorted(candidates):
        for r in groups[key]:
            candidate_keys[r].append(key)
    hubs = []
    for key in sorted(candidates):
        rows = groups[key]
        n_groups = _groups_without(key, rows, named, base, groups, candidate_keys)
        if ident.is_hub(key, n_groups, len(rows)):
            hubs.append((key, len(rows), n_groups))
    for key in sorted(blocked - {h[0] for h in hubs}):
        rows = groups.get(key, [])
        hubs.append((key, len(rows), len({base.find(r) for r in rows})))
    return _Evidence(ad_ids, groups, image_pairs, text_edges, hubs, blocked | {h[0] for h in hubs})


def _groups_without(key: str, rows: list[int], named: np.ndarray, base: _Forest,
                    groups: dict[str, list[int]], candidate_keys: dict[int, list[str]]) -> int:
    """Into how many groups ``key``'s ads that name another identifier fall, all evidence but ``key`` counted."""
    inside = set(rows)
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for other in {k for r in rows for k in candidate_keys.get(r, ()) if k != key}:
        shared = [base.find(r) for r in groups[other] if r in inside]
        for r in shared[1:]:
            ra, rb = find(shared[0]), find(r)
            if ra != rb:
                parent[rb] = ra
    return len({find(base.find(r)) for r in rows if named[r] >= 2})


def _describe(key: str) -> tuple[str, str]:
    kind, _, value = key.partition(":")
    if kind == "image":
        return LinkReason.IMAGE.value, f"same image {value}"
    return LinkReason.SHARED_IDENTIFIER.value, f"shares {kind} {value}"


def _link(ev: _Evidence) -> tuple[_Forest, list[tuple[int, int, str, str, float]], list[int]]:
    """Union the evidence with guards; returns the forest, accepted edges (rows) and text-edge indices.

    Shared identifiers link outright. Pictures and text are weaker (photos circulate, wording is
    copied): such an edge between two identifier groups that each hold ``GUARD_SIZE`` ads or more needs
    a second picture or text edge between the same two groups, unless it is very close.
    """
    n = len(ev.ad_ids)
    forest = _Forest(n)
    edges: list[tuple[int, int, str, str, float]] = []
    for key in sorted(ev.groups):
        rows = ev.groups[key]
        if key in ev.blocked or len(rows) < 2 or key.startswith("image:"):
            continue
        reason, evidence = _describe(key)
        for r in rows[1:]:
            forest.union(rows[0], r)
            edges.append((rows[0], r, reason, evidence, 1.0))
    strong_root = forest.roots()
    strong_size = np.bincount(strong_root, minlength=n)
    pics = [p for p in ev.image_pairs if p.key not in ev.blocked]
    a = np.concatenate([ev.text.a, np.array([p.a for p in pics], dtype=np.int64)])
    b = np.concatenate([ev.text.b, np.array([p.b for p in pics], dtype=np.int64)])
    close = np.concatenate([ev.text.similarity >= GUARD_SIMILARITY,
                            np.array([p.bits <= GUARD_IMAGE_BITS for p in pics], dtype=bool)])
    ra, rb = strong_root[a], strong_root[b]
    guarded = (strong_size[ra] >= GUARD_SIZE) & (strong_size[rb] >= GUARD_SIZE) & (ra != rb)
    lo, hi = np.minimum(ra, rb), np.maximum(ra, rb)
    support: dict[tuple[int, int], int] = defaultdict(int)
    for x, y in zip(lo[guarded].tolist(), hi[guarded].tolist(), strict=True):
        support[(x, y)] += 1
    ok = [not guarded[k] or close[k] or support[(int(lo[k]), int(hi[k]))] >= 2 for k in range(len(a))]
    n_text = len(ev.text.a)
    accepted = [k for k in range(n_text) if ok[k]]
    for k in accepted:
        forest.union(int(a[k]), int(b[k]))
    for k, pair in enumerate(pics, start=n_text):
        if ok[k]:
            forest.union(pair.a, pair.b)
            edges.append((pair.a, pair.b, LinkReason.IMAGE.value, pair.evidence, 0.9))
    return forest, edges, accepted


def _digest(parts: Iterable[object]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(repr(part).encode())
    return h.hexdigest()


def _chunks(items: Sequence[object], size: int = 5000) -> Iterable[list[object]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


def _city(location: str | None) -> str | None:
    if not location:
        return None
    city = location.split(",")[0].strip()
    return city or None


def update_networks(store: Store, *, images_dir: Path | str | None = None,
                    progress: Progress | None = None) -> LinkSummary:
    """Link every ad in ``store`` into networks, reading only new or changed ads' text and pictures.

    The result equals a run from scratch; only networks that changed are rewritten.
    """
    began = time.perf_counter()
    summary = LinkSummary()
    note = progress or (lambda stage, done, total: None)
    note("text", 0, 0)
    changed_ads = set(txt.update_features(store))
    summary.text_features = len(changed_ads)
    if images_dir is not None:
        folder = Path(images_dir)
        if not folder.is_dir():
            raise InputError(f"images folder {str(folder)!r} does not exist: give the folder ads' images are in")
        note("images", 0, 0)
        img.update_hashes(store, folder)
    with store.connect() as conn:
        ad_ids = np.fromiter(conn.scalars(select(ads.c.id).order_by(ads.c.id)), dtype=np.int64)
    summary.ads = len(ad_ids)
    note("evidence", 0, 0)
    ev = _collect(store, ad_ids)
    summary.hubs = len(ev.hubs)
    note("networks", 0, 0)
    forest, edges, accepted = _link(ev)
    roots = forest.roots()
    members: dict[int, list[int]] = defaultdict(list)
    for row, root in enumerate(roots.tolist()):
        members[root].append(row)
    components = [rows for rows in members.values() if len(rows) >= 2]
    net_of_row = np.full(len(ad_ids), -1, dtype=np.int64)
    for c, rows in enumerate(components):
        net_of_row[rows] = c
    net_edges: dict[int, list[tuple[int, int, str, str, float]]] = defaultdict(list)
    for e in edges:
        net_edges[int(net_of_row[e[0]])].append(e)
        if e[2] == LinkReason.SHARED_IDENTIFIER.value:
            summary.identifier_links += 1
        else:
            summary.image_links += 1
    # templates: groups of ads joined by accepted text edges
    text_forest = _Forest(len(ad_ids))
    for k in accepted:
        text_forest.union(int(ev.text.a[k]), int(ev.text.b[k]))
    text_groups: dict[int, list[int]] = defaultdict(list)
    touched = {int(ev.text.a[k]) for k in accepted} | {int(ev.text.b[k]) for k in accepted}
    for row in sorted(touched):
        text_groups[text_forest.find(row)].append(row)
    template_of_row = {row: f"tpl-{int(ad_ids[rows[0]])}" for rows in text_groups.values() for row in rows}
    for k in accepted:
        i, j = int(ev.text.a[k]), int(ev.text.b[k])
        evidence = f"template {template_of_row[i]}, similarity {ev.text.similarity[k]:.2f}"
        net_edges[int(net_of_row[i])].append((i, j, LinkReason.TEMPLATE.value, evidence, float(round(ev.text.similarity[k], 2))))
        summary.text_links += 1
    identifiers_of_row: dict[int, set[str]] = defaultdict(set)
    for key, rows in ev.groups.items():
        if key not in ev.blocked and not key.startswith("image:"):
            for r in rows:
                identifiers_of_row[r].add(key)
    changed_rows = {i for i, a in enumerate(ad_ids.tolist()) if a in changed_ads}
    # what each network is now, keyed by id, with a digest to compare with what is stored
    wanted: dict[str, tuple[list[int], str]] = {}
    stale: set[str] = set()
    for c, rows in enumerate(components):
        nid = f"net-{int(ad_ids[rows[0]])}"
        edge_rows = sorted(net_edges[c])
        digest = _digest([
            [int(ad_ids[r]) for r in rows],
            [(int(ad_ids[x]), int(ad_ids[y]), reason, evidence, w) for x, y, reason, evidence, w in edge_rows],
        ])
        # a network with an ad whose text changed is rewritten too: its template may read differently
        if changed_rows and any(r in changed_rows for r in rows):
            stale.add(nid)
        wanted[nid] = (rows, digest)
    with store.connect() as conn:
        stored = dict(conn.execute(select(networks.c.id, networks.c.fingerprint)).all())
    to_write = [nid for nid, (_, digest) in wanted.items() if stored.get(nid) != digest or nid in stale]
    to_remove = [nid for nid, digest in stored.items() if nid not in wanted or nid in to_write]
    summary.networks = len(components)
    summary.largest = max((len(r) for r in components), default=0)
    summary.networks_written = len(to_write)
    summary.networks_removed = len([n for n in to_remove if n not in wanted])
    net_index = {f"net-{int(ad_ids[rows[0]])}": c for c, rows in enumerate(components)}
    note("write", 0, len(to_write))
    _write(store, ad_ids, to_remove, [
        (nid, wanted[nid][0], wanted[nid][1], net_edges[net_index[nid]]) for nid in to_write
    ], identifiers_of_row, template_of_row, ev.hubs)
    summary.seconds = round(time.perf_counter() - began, 3)
    return summary


def _write(store: Store, ad_ids: np.ndarray, remove: list[str],
           write: list[tuple[str, list[int], str, list[tuple[int, int, str, str, float]]]],
           identifiers_of_row: dict[int, set[str]], template_of_row: dict[int, str],
           hubs: list[tuple[str, int, int]]) -> None:
    """Replace the stored rows of networks ``remove`` by those of ``write`` in one transaction."""
    all_rows = sorted({r for _, rows, _, _ in write for r in rows})
    ids = [int(ad_ids[r]) for r in all_rows]
    info: dict[int, tuple[datetime | None, str | None]] = {}
    for chunk in _chunks(ids):
        with store.connect() as conn:
            for ad_id, posted, location in conn.execute(
                select(ads.c.id, ads.c.posted_at, ads.c.location).where(ads.c.id.in_(chunk))
            ):
                info[ad_id] = (posted, _city(location))
    template_rows: dict[str, list[int]] = defaultdict(list)
    for _, rows, _, _ in write:
        for r in rows:
            if r in template_of_row:
                template_rows[template_of_row[r]].append(r)
    built = _templates(store, ad_ids, template_rows)
    now = datetime.now(UTC).replace(tzinfo=None)
    with store.transaction() as conn:
        conn.execute(identifier_hubs.delete())
        hub_rows = []
        for key, n_ads, groups in hubs:
            kind, _, value = key.partition(":")
            hub_rows.append({"kind": kind, "value": value, "ads": n_ads, "groups": groups})
        for chunk in _chunks(hub_rows, 10000):
            conn.execute(identifier_hubs.insert(), chunk)
        for chunk in _chunks(remove):
            conn.execute(template_members.delete().where(template_members.c.template_id.in_(
                select(templates.c.id).where(templates.c.network_id.in_(chunk)).scalar_subquery())))
            conn.execute(templates.delete().where(templates.c.network_id.in_(chunk)))
            conn.execute(links.delete().where(links.c.network_id.in_(chunk)))
            conn.execute(network_members.delete().where(network_members.c.network_id.in_(chunk)))
            conn.execute(networks.delete().where(networks.c.id.in_(chunk)))
        net_rows, member_rows, link_rows, tpl_rows, tpl_member_rows = [], [], [], [], []
        for nid, rows, digest, edges in write:
            member_ids = [int(ad_ids[r]) for r in rows]
            seen = [info[a][0] for a in member_ids if info.get(a, (None,))[0] is not None]
            cities = sorted({c for a in member_ids if (c := info.get(a, (None, None))[1])})
            keys = sorted({k for r in rows for k in identifiers_of_row.get(r, ())})
            tpl_ids = sorted({template_of_row[r] for r in rows if r in template_of_row})
            net_rows.append({
                "id": nid, "size": len(rows), "first_seen": min(seen) if seen else None,
                "last_seen": max(seen) if seen else None, "identifiers": keys, "cities": cities,
                "templates": tpl_ids, "fingerprint": digest, "updated_at": now,
            })
            member_rows.extend({"ad_id": a, "network_id": nid} for a in member_ids)
            link_rows.extend({
                "network_id": nid, "ad_a": int(ad_ids[x]), "ad_b": int(ad_ids[y]), "reason": reason,
                "evidence": evidence, "weight": w,
            } for x, y, reason, evidence, w in edges)
            for tid in tpl_ids:
                t = built[tid]
                tpl_rows.append({"id": tid, "network_id": nid, "text": t.text, "slots": t.slots, "size": t.size})
                tpl_member_rows.extend({"ad_id": a, "template_id": tid} for a in t.ad_ids)
        for table, batch in ((networks, net_rows), (network_members, member_rows), (links, link_rows),
                             (templates, tpl_rows), (template_members, tpl_member_rows)):
            for chunk in _chunks(batch, 10000):
                conn.execute(table.insert(), chunk)


def _templates(store: Store, ad_ids: np.ndarray, groups: dict[str, list[int]]) -> dict[str, tpl.Template]:
    """Build the template of each group (template id -> rows)."""
    ids = [int(ad_ids[r]) for rows in groups.values() for r in rows]
    tokens = txt.read_tokens(store, ids)
    values: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for chunk in _chunks(ids):
        with store.connect() as conn:
            for ad_id, kind, value in conn.execute(
                select(spans.c.ad_id, spans.c.kind, spans.c.value)
                .where(spans.c.ad_id.in_(chunk), spans.c.kind.in_(txt.SLOT_KINDS))
                .order_by(spans.c.ad_id, spans.c.id)
            ):
                values[ad_id].append((kind, value))
    out = {}
    for tid, rows in groups.items():
        members = {int(ad_ids[r]): tokens.get(int(ad_ids[r]), []) for r in rows}
        out[tid] = tpl.build(tid, members, values)
    return out


def _network(row: object) -> Network:
    return Network(
        id=row.id,  # type: ignore[attr-defined]
        ad_ids=[],
        identifiers=[Identifier.parse(k) for k in row.identifiers],  # type: ignore[attr-defined]
        cities=list(row.cities),  # type: ignore[attr-defined]
        first_seen=row.first_seen,  # type: ignore[attr-defined]
        last_seen=row.last_seen,  # type: ignore[attr-defined]
    )


def list_networks(store: Store, min_size: int = 1, limit: int | None = None) -> list[Network]:
    """Stored networks of at least ``min_size`` ads, largest first (ties: by id)."""
    query = select(networks).where(networks.c.size >= min_size).order_by(networks.c.size.desc(), networks.c.id)
    if limit is not None:
        query = query.limit(limit)
    with store.connect() as conn:
        rows = conn.execute(query).all()
        found = [_network(r) for r in rows]
        by_id = {n.id: n for n in found}
        for chunk in _chunks(list(by_id)):
            for ad_id, nid in conn.execute(
                select(network_members.c.ad_id, network_members.c.network_id)
                .where(network_members.c.network_id.in_(chunk)).order_by(network_members.c.ad_id)
            ):
                by_id[nid].ad_ids.append(ad_id)
    return found


def explain_network(store: Store, network_id: str) -> NetworkExplanation:
    """One network: its ads, every evidence edge with its reason, and its templates with their slots."""
    with store.connect() as conn:
        row = conn.execute(select(networks).where(networks.c.id == network_id)).first()
        if row is None:
            raise NotFound(f"no network {network_id!r}: list networks with `clew networks` to find an id")
        base = _network(row)
        ad_list = list(conn.scalars(select(network_members.c.ad_id)
                                    .where(network_members.c.network_id == network_id)
                                    .order_by(network_members.c.ad_id)))
        edges = [Link(r.ad_a, r.ad_b, r.reason, r.evidence, r.weight) for r in conn.execute(
            select(links).where(links.c.network_id == network_id).order_by(links.c.ad_a, links.c.ad_b, links.c.id))]
        tpls = []
        for t in conn.execute(select(templates).where(templates.c.network_id == network_id).order_by(templates.c.id)):
            members = list(conn.scalars(select(template_members.c.ad_id)
                                        .where(template_members.c.template_id == t.id)
                                        .order_by(template_members.c.ad_id)))
            tpls.append(tpl.Template(t.id, t.text, members, dict(t.slots)))
    return NetworkExplanation(base.id, ad_list, base.identifiers, base.cities, base.first_seen, base.last_seen,
                              edges, tpls)


def export_networks(store: Store, out: TextIO, min_size: int = 2) -> int:
    """Write one JSON line per network (id, ad ids, identifiers, cities, first/last seen, size); returns rows."""
    count = 0
    for n in list_networks(store, min_size=min_size):
        out.write(orjson.dumps({
            "network_id": n.id, "ad_ids": n.ad_ids, "identifiers": [i.key for i in n.identifiers],
            "cities": n.cities,
            "first_seen": n.first_seen.isoformat() if n.first_seen else None,
            "last_seen": n.last_seen.isoformat() if n.last_seen else None, "size": n.size,
        }).decode() + "\n")
        count += 1
    return count


def hub_identifiers(store: Store) -> list[ident.HubIdentifier]:
    """Identifiers the last run held back from linking (detected hubs and analyst blocks), most ads first."""
    with store.connect() as conn:
        found = [(f"{k}:{v}", n, g) for k, v, n, g in conn.execute(
            select(identifier_hubs.c.kind, identifier_hubs.c.value, identifier_hubs.c.ads, identifier_hubs.c.groups))]
    return ident.hub_list(found, ident.rules(store))
