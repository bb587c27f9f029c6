"""Networks: ads joined by weighted evidence (shared identifiers, images, templates), each edge explained.

Identifiers and images link first; a text edge between two groups that already have several ads each
must be corroborated by a second edge or be very close. A network's id is its smallest ad id, so it
survives re-runs; a re-run rewrites only networks whose members or evidence changed. Templates
(shared wording and slots) are read from the member ads when a network is explained.

What a run works out (the near-duplicate index, identifier occurrences, hub counts, all ads' shingles)
is kept in ``link_cache``; when the ads it covers are as it saw them, the next run reads only the ads
added since and extends it, with the result a run from scratch gives.
"""

from __future__ import annotations

import hashlib
import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

import numpy as np
import orjson
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from sqlalchemy import BigInteger, Select, cast, func, select

from clew.errors import InputError, NotFound
from clew.link import cache
from clew.link import identifiers as ident
from clew.link import images as img
from clew.link import templates as tpl
from clew.link import text as txt
from clew.model import Identifier, Link, LinkReason, Network
from clew.store import Store
from clew.store.networks import (
    identifier_hubs,
    identifier_rules,
    image_hashes,
    image_scans,
    insert_rows,
    link_cache,
    link_state,
    links,
    network_members,
    networks,
    template_members,
    templates,
    text_features,
)
from clew.store.schema import ads, identifiers, spans

#: a text edge between two groups each of at least this many ads needs a second edge or ...
GUARD_SIZE = 3
#: ... a similarity of at least this (text) or at most this many differing hash bits (pictures)
GUARD_SIMILARITY = 0.85
GUARD_IMAGE_BITS = 2
#: bumped when linking itself changes, so a store linked by older code is linked again
_LINK_VERSION = 1
#: member ads of rewritten networks above which their dates and places are read by one scan of all ads
_SCAN_ABOVE = 50_000

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


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Label of each row 0..n-1 joined by edges (a, b): the smallest row of its component."""
    if n == 0:
        return np.empty(0, np.int64)
    graph = coo_matrix((np.ones(len(a), np.int8), (a, b)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    uniq, first = np.unique(labels, return_index=True)
    smallest = np.empty(len(uniq), np.int64)
    smallest[uniq] = first
    return smallest[labels]


_M1, _M2, _GOLDEN = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB), np.uint64(0x9E3779B97F4A7C15)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 of each value: order-free digests are sums and xors of these."""
    z = x.astype(np.uint64) + _GOLDEN
    z = (z ^ (z >> np.uint64(30))) * _M1
    z = (z ^ (z >> np.uint64(27))) * _M2
    return z ^ (z >> np.uint64(31))


@dataclass(slots=True)
class _Groups:
    """Ads (rows) by identifier: group ``g`` is ``keys[g]`` on rows ``rows[ptr[g]:ptr[g + 1]]`` (ascending)."""

    keys: list[str]
    ptr: np.ndarray
    rows: np.ndarray

    @classmethod
    def build(cls, keys: list[str], group: np.ndarray, rows: np.ndarray) -> _Groups:
        both = (group.astype(np.int64) << 32) | rows.astype(np.int64)
        if len(both) and not (both[1:] > both[:-1]).all():  # identifiers come sorted, pictures may not
            both = np.unique(both)
        group, rows = both >> 32, both & 0xFFFFFFFF
        ptr = np.zeros(len(keys) + 1, np.int64)
        np.cumsum(np.bincount(group, minlength=len(keys)), out=ptr[1:])
        return cls(keys, ptr, rows)

    def of(self, g: int) -> np.ndarray:
        return self.rows[self.ptr[g] : self.ptr[g + 1]]

    @property
    def sizes(self) -> np.ndarray:
        return np.diff(self.ptr)

    def star(self, chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Edges (first row, other row, group) joining the rows of each ``chosen`` group."""
        owner = np.repeat(np.arange(len(self.keys)), self.sizes)
        first = self.ptr[owner]
        take = chosen[owner] & (np.arange(len(self.rows)) != first)
        return self.rows[first[take]], self.rows[take], owner[take]


@dataclass(slots=True)
class _Pictures:
    """Pairs of ads (rows a < b) showing near-identical pictures of image group ``group``."""

    a: np.ndarray
    b: np.ndarray
    group: np.ndarray
    bits: np.ndarray
    evidence: list[str]


@dataclass(slots=True)
class _Evidence:
    """Everything linking found, by row number of ``ad_ids``."""

    ad_ids: np.ndarray
    groups: _Groups  # identifiers, then image groups ``image:<pHash>``
    pictures: _Pictures
    text: txt.TextEdges
    text_index: txt.TextIndex
    occurrences: ident.Occurrences
    base: np.ndarray  # per row: its group without any hub candidate (the smallest row of it)
    n_groups: np.ndarray  # per group: into how many groups a hub candidate's ads fall without it (-1: no candidate)
    hubs: list[tuple[str, int, int]]
    held: np.ndarray  # per group: blocked by an analyst or a hub, so it does not link
    is_image: np.ndarray  # per group: an image group, not an identifier
    shingle_rows: dict[str, bytes]  # kept shingles to write ...
    all_shingles: bool  # ... in place of all stored ones


def _rows(ad_ids: np.ndarray, found: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows of ad ids ``found`` in ``ad_ids`` (sorted), and which were there at all."""
    pos = np.minimum(np.searchsorted(ad_ids, found), max(len(ad_ids) - 1, 0))
    hit = ad_ids[pos] == found if len(ad_ids) else np.zeros(len(found), bool)
    return pos, hit


def _image_groups(store: Store, ad_ids: np.ndarray) -> tuple[list[str], np.ndarray, np.ndarray, _Pictures]:
    """Near-identical picture groups ``image:<pHash>`` as (keys, group, row), and the picture pairs."""
    pic_ads, phash, dhash, _ = img.load_hashes(store)
    empty = np.empty(0, np.int64)
    none = _Pictures(empty, empty, empty, empty, [])
    if not len(pic_ads):
        return [], empty, empty, none
    a, b, dist = img.near_identical(phash, dhash)
    label = _components(len(pic_ads), a, b)  # picture -> its group's smallest picture
    rows, hit = _rows(ad_ids, pic_ads)
    # a group counts when its pictures are on two ads or more
    roots = np.unique(label[hit])
    ads_per_root = {int(r): set() for r in roots.tolist()}
    for root, row in zip(label[hit].tolist(), rows[hit].tolist(), strict=True):
        ads_per_root[root].add(row)
    roots_kept = sorted(r for r, found in ads_per_root.items() if len(found) >= 2)
    keys = [f"image:{int(phash[r]):016x}" for r in roots_kept]
    group_of_root = {r: g for g, r in enumerate(roots_kept)}
    group, member = [], []
    for r in roots_kept:
        for row in sorted(ads_per_root[r]):
            group.append(group_of_root[r])
            member.append(row)
    best: dict[tuple[int, int], tuple[int, str, int]] = {}
    for i, j, d in zip(a.tolist(), b.tolist(), dist.tolist(), strict=True):
        g = group_of_root.get(int(label[i]))
        if g is None or not (hit[i] and hit[j]) or rows[i] == rows[j]:
            continue
        ra, rb = sorted((int(rows[i]), int(rows[j])))
        evidence = f"same image {int(phash[i]):016x} ~ {int(phash[j]):016x} ({d} of 64 bits differ)"
        current = best.get((ra, rb))
        if current is None or (int(d), evidence) < (current[2], current[1]):
            best[(ra, rb)] = (g, evidence, int(d))
    pairs = sorted(best.items())
    pictures = _Pictures(
        np.array([p[0][0] for p in pairs], np.int64), np.array([p[0][1] for p in pairs], np.int64),
        np.array([p[1][0] for p in pairs], np.int64), np.array([p[1][2] for p in pairs], np.int64),
        [p[1][1] for p in pairs],
    )
    return keys, np.array(group, np.int64), np.array(member, np.int64), pictures


def _text(store: Store, ad_ids: np.ndarray, kept: _Kept | None) -> tuple[txt.TextIndex, dict[str, bytes], bool]:
    """The text index over ``ad_ids``: the kept one extended by the ads added since, or built afresh.

    Also the rows of the kept shingles (all ads' shingles in ad order) to write, and whether they replace
    all stored ones. Ads whose stock shingles moved are found in those kept shingles (one read of a few
    hundred pages), or by reading every ad's stored shingles when they are not kept.
    """
    if kept is not None:
        index = kept.text
        new = txt.read_shingles(store, ad_ids[len(index.ad_ids) :])
        shingles = kept.shingles

        def containing(ids: np.ndarray, values: np.ndarray) -> np.ndarray:
            found = _kept_containing(store, shingles, values) if shingles is not None else None
            return found if found is not None and len(ids) == len(index.ad_ids) else txt.containing(store, ids, values)

        extended = txt.update_index(index, ad_ids, new, lambda ids: txt.read_shingles(store, ids), containing)
        if extended is not None:
            if shingles is None:
                return extended, {}, True
            return extended, _appended(store, shingles, {"values": new[0], "lengths": np.diff(new[1])}), False
    values, offsets = txt.load_shingles(store, ad_ids)
    index = txt.build_index(ad_ids, values, offsets)
    return index, cache.encode("shingles", {"values": values, "lengths": np.diff(offsets)}), True


def _kept_containing(store: Store, shapes: dict[str, Any], wanted: np.ndarray) -> np.ndarray | None:
    """Rows of the kept shingles (arrays of ``shapes``) holding any of ``wanted``, read page by page."""
    rows = cache.read(store, ["shingles"])
    lengths = cache.decode(rows, "shingles", ["lengths"])
    if lengths is None or "lengths" not in lengths:
        return None
    offsets = np.cumsum(lengths["lengths"])
    hits, at, page = [], 0, 0
    while (data := rows.get(f"shingles.values.{page:05d}")) is not None:
        values = np.frombuffer(data, dtype=np.uint32)
        hits.append(np.flatnonzero(txt.isin(values, wanted)) + at)
        at, page = at + len(values), page + 1
    if at != (offsets[-1] if len(offsets) else 0):
        return None
    return np.unique(np.searchsorted(offsets, np.concatenate([np.empty(0, np.int64), *hits]), side="right"))


def _appended(store: Store, shapes: dict[str, Any], added: dict[str, np.ndarray]) -> dict[str, bytes]:
    """Rows of the kept shingles (arrays of ``shapes``, not read) with ``added`` appended: the new index and
    the pages from the last kept one on."""
    rows = {"shingles.index": orjson.dumps({name: [dtype, [shape[0] + len(added[name])]]
                                            for name, (dtype, shape) in shapes.items()})}
    for name, (dtype, shape) in shapes.items():
        size = shape[0] * np.dtype(dtype).itemsize
        first = size // cache.PAGE
        with store.connect() as conn:
            head = conn.scalar(select(link_cache.c.data).where(link_cache.c.name == f"shingles.{name}.{first:05d}"))
        data = (head or b"")[: size - first * cache.PAGE] + added[name].astype(dtype).tobytes()
        for page, at in enumerate(range(0, len(data), cache.PAGE), start=first):
            rows[f"shingles.{name}.{page:05d}"] = data[at : at + cache.PAGE]
    return rows


@dataclass(slots=True)
class _Kept:
    """What the last run worked out over its ads (up to ad ``upto``), to extend by the ads added since."""

    upto: int
    text: txt.TextIndex
    occurrences: ident.Occurrences
    base: np.ndarray | None  # as _Evidence's, over the kept ads; None when pictures linked (groups not kept)
    n_groups: np.ndarray | None
    shingles: dict[str, Any] | None  # dtype and shape of the kept shingle arrays (read only when needed)
    rows: dict[str, bytes]  # the stored rows all this was read from


def _collect(store: Store, ad_ids: np.ndarray, kept: _Kept | None = None) -> _Evidence:
    n = len(ad_ids)
    occ = ident.extend_occurrences(kept.occurrences, store, kept.upto) if kept is not None else None
    occ = (occ or ident.read_occurrences(store)).within(ad_ids)
    keys, group = occ.keys, occ.group
    rows, hit = _rows(ad_ids, occ.ad)
    image_keys, image_group, image_rows, pictures = _image_groups(store, ad_ids)
    groups = _Groups.build(keys + image_keys, np.concatenate([group[hit], image_group + len(keys)]),
                           np.concatenate([rows[hit], image_rows]))
    text_index, shingle_rows, all_shingles = _text(store, ad_ids, kept)
    text_edges = text_index.edges()
    analyst = ident.rules(store)
    index = {k: g for g, k in enumerate(groups.keys)}
    blocked = np.zeros(len(groups.keys), bool)
    allowed = np.zeros(len(groups.keys), bool)
    for key, (rule, _) in analyst.items():
        if key in index:
            (blocked if rule == "block" else allowed)[index[key]] = True
    sizes = groups.sizes
    is_image = np.r_[np.zeros(len(keys), bool), np.ones(len(image_keys), bool)]
    placeholder = np.r_[occ.placeholder, np.zeros(len(image_keys), bool)]
    candidate = ((sizes >= np.where(is_image, ident.IMAGE_HUB_MIN_ADS, ident.HUB_MIN_ADS)) | placeholder) & ~allowed
    # hubs: identifiers whose ads otherwise fall into many separate groups
    a, b, _ = groups.star(~candidate & ~blocked)
    base = _components(n, np.concatenate([text_edges.a, a]), np.concatenate([text_edges.b, b]))
    # an ad counts toward a hub only if it names some other identifier too: a footer number sits
    # beside each poster's own contact, an operation's own phone mostly does not
    named = np.bincount(groups.rows, minlength=n)
    candidates = np.flatnonzero(candidate).tolist()
    fresh = _unchanged_candidates(ad_ids, groups, candidate, base, occ, kept) if not len(image_keys) else None
    # the candidates on each ad of the candidates counted again
    recount = candidate & (fresh < 0) if fresh is not None else candidate
    owner = np.repeat(np.arange(len(groups.keys)), groups.sizes)
    on = np.zeros(n, bool)
    on[groups.rows[recount[owner]]] = True
    pick = candidate[owner] & on[groups.rows]
    candidate_of_row: dict[int, list[int]] = defaultdict(list)
    for r, g in zip(groups.rows[pick].tolist(), owner[pick].tolist(), strict=True):
        candidate_of_row[r].append(g)
    hubs = []
    held = blocked.copy()
    n_groups_of = np.full(len(groups.keys), -1, np.int64)
    for g in candidates:
        if fresh is not None and fresh[g] >= 0:
            n_groups = int(fresh[g])
        else:
            n_groups = _groups_without(g, groups, named, base, candidate_of_row)
        n_groups_of[g] = n_groups
        if placeholder[g] or ident.is_hub(groups.keys[g], n_groups, int(sizes[g])):
            hubs.append((groups.keys[g], int(sizes[g]), n_groups))
            held[g] = True
    hub_keys = {h[0] for h in hubs}
    for key in sorted(k for k, (rule, _) in analyst.items() if rule == "block" and k not in hub_keys):
        g = index.get(key)
        members = groups.of(g) if g is not None else np.empty(0, np.int64)
        hubs.append((key, len(members), len(np.unique(base[members]))))
    return _Evidence(ad_ids, groups, pictures, text_edges, text_index, occ, base,
                     n_groups_of if not len(image_keys) else np.empty(0, np.int64), hubs, held, is_image,
                     shingle_rows, all_shingles)


def _unchanged_candidates(ad_ids: np.ndarray, groups: _Groups, candidate: np.ndarray, base: np.ndarray,
                          occ: ident.Occurrences, kept: _Kept | None) -> np.ndarray | None:
    """Per group, the kept count of groups of a hub candidate whose count cannot have moved (-1: count it).

    A candidate's count reads only how its own ads fall into groups without candidates, and which
    other candidates share its ads. It stands when it has no new ad, none of its ads' groups split or
    merged, and no group on its ads became or ceased to be a candidate.
    """
    if kept is None or kept.base is None or kept.n_groups is None or occ.shift is None:
        return None
    m, n = len(kept.base), len(base)
    if m > n or not np.array_equal(ad_ids[:m], kept.text.ad_ids) or len(kept.n_groups) != len(occ.shift):
        return None
    before = np.full(len(groups.keys), -1, np.int64)
    before[occ.shift] = kept.n_groups
    # rows whose group (as a set of rows) is not what it was: new rows, split or merged groups
    pairs = np.unique(kept.base * n + base[:m])
    old_of, new_of = pairs // n, pairs % n
    split = np.bincount(old_of, minlength=n) > 1
    merged = np.bincount(new_of, minlength=n) > 1
    merged[base[m:]] = True
    changed = np.ones(n, bool)
    changed[:m] = split[kept.base] | merged[base[:m]]
    owner = np.repeat(np.arange(len(groups.keys)), groups.sizes)
    moved = candidate != (before >= 0)
    changed[groups.rows[moved[owner]]] = True
    touched = np.zeros(len(groups.keys), bool)
    touched[owner[changed[groups.rows]]] = True
    return np.where(candidate & ~touched, before, -1)


def _groups_without(g: int, groups: _Groups, named: np.ndarray, base: np.ndarray,
                    candidate_of_row: dict[int, list[int]]) -> int:
    """Into how many groups ``g``'s ads that name another identifier fall, all evidence but ``g`` counted.

    ``base`` holds each row's group without any hub candidate; candidates other than ``g`` that share
    ads with ``g`` join those ads' groups (shared ads found by ``intersect1d``, joined by a union-find).
    """
    rows = groups.of(g)
    counted = base[rows[named[rows] >= 2]].tolist()
    others = {k for r in rows.tolist() for k in candidate_of_row.get(r, ()) if k != g}
    if not others:
        return len(set(counted))
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for other in others:
        shared = base[np.intersect1d(groups.of(other), rows, assume_unique=True)].tolist()
        for label in shared[1:]:
            ra, rb = find(shared[0]), find(label)
            if ra != rb:
                parent[rb] = ra
    return len({find(label) for label in counted})


@dataclass(slots=True)
class _Edges:
    """Accepted evidence edges (rows a, b), their reason code and detail (group, text edge or picture pair)."""

    a: np.ndarray
    b: np.ndarray
    reason: np.ndarray  # 0 identifier, 1 text, 2 image
    detail: np.ndarray


_REASONS = (LinkReason.SHARED_IDENTIFIER.value, LinkReason.TEMPLATE.value, LinkReason.IMAGE.value)


def _link(ev: _Evidence) -> tuple[np.ndarray, _Edges]:
    """Join the evidence with guards; returns each row's network label and the accepted edges.

    Shared identifiers link outright. Pictures and text are weaker (photos circulate, wording is
    copied): such an edge between two identifier groups that each hold ``GUARD_SIZE`` ads or more needs
    a second picture or text edge between the same two groups, unless it is very close.
    """
    n = len(ev.ad_ids)
    sa, sb, sg = ev.groups.star(~ev.held & ~ev.is_image)
    strong = _components(n, sa, sb)
    strong_size = np.bincount(strong, minlength=n)
    pics = ev.pictures
    usable = ~ev.held[pics.group] if len(pics.group) else np.zeros(0, bool)
    pic_index = np.flatnonzero(usable)
    n_text = len(ev.text.a)
    a = np.concatenate([ev.text.a, pics.a[pic_index]])
    b = np.concatenate([ev.text.b, pics.b[pic_index]])
    close = np.concatenate([ev.text.similarity >= GUARD_SIMILARITY, pics.bits[pic_index] <= GUARD_IMAGE_BITS])
    ra, rb = strong[a], strong[b]
    guarded = (strong_size[ra] >= GUARD_SIZE) & (strong_size[rb] >= GUARD_SIZE) & (ra != rb)
    pair = np.minimum(ra, rb) * n + np.maximum(ra, rb)
    support = np.zeros(len(a), np.int64)
    if guarded.any():
        _, inverse, counts = np.unique(pair[guarded], return_inverse=True, return_counts=True)
        support[guarded] = counts[inverse]
    ok = ~guarded | close | (support >= 2)
    text_ok = np.flatnonzero(ok[:n_text])
    pic_ok = pic_index[ok[n_text:]]
    edges = _Edges(
        np.concatenate([sa, ev.text.a[text_ok], pics.a[pic_ok]]),
        np.concatenate([sb, ev.text.b[text_ok], pics.b[pic_ok]]),
        np.concatenate([np.zeros(len(sa), np.int64), np.ones(len(text_ok), np.int64),
                        np.full(len(pic_ok), 2, np.int64)]),
        np.concatenate([sg, text_ok, pic_ok]),
    )
    return _components(n, edges.a, edges.b), edges


def _city(location: str | None) -> str | None:
    if not location:
        return None
    city = location.split(",")[0].strip()
    return city or None


def update_networks(store: Store, *, images_dir: Path | str | None = None,
                    progress: Progress | None = None) -> LinkSummary:
    """Link every ad in ``store`` into networks, reading only new or changed ads' text and pictures.

    The result equals a run from scratch; only networks whose members or evidence changed are rewritten.
    """
    began = time.perf_counter()
    summary = LinkSummary()
    note = progress or (lambda stage, done, total: None)
    note("text", 0, 0)
    # when the last run kept its work, the ads up to its last are checked below (and shingled again if
    # any changed): only the ads past it are looked at here
    upto = _kept_upto(store)
    summary.text_features = len(txt.update_features(store, after=upto or 0))
    if images_dir is not None:
        folder = Path(images_dir)
        if not folder.is_dir():
            raise InputError(f"images folder {str(folder)!r} does not exist: give the folder ads' images are in")
        note("images", 0, 0)
        img.update_hashes(store, folder)
    inputs = _read_inputs(store)
    with store.connect() as conn:
        last = conn.execute(select(link_state.c.inputs, link_state.c.summary)
                            .where(link_state.c.name == "networks")).first()
    if last is not None and last.inputs == _state(inputs.digest, store):
        # nothing the links are read from moved since the last run: its networks stand as written
        kept = LinkSummary(**{k: v for k, v in dict(last.summary).items() if k in LinkSummary.__slots__})
        kept.text_features = summary.text_features
        kept.networks_written = kept.networks_removed = 0
        kept.seconds = round(time.perf_counter() - began, 3)
        return kept
    # the ads as measured (ads added meanwhile are linked by the next run); past the kept index's, by id range
    kept = _load_cache(store, inputs)
    if kept is None and upto:
        # the ads the last run saw changed: shingle every stale ad, and measure the inputs again
        summary.text_features += len(txt.update_features(store))
        inputs = _read_inputs(store)
    with store.connect() as conn:
        known = kept.text.ad_ids if kept is not None else np.empty(0, np.int64)
        query = select(ads.c.id).where(ads.c.id <= inputs.upto).order_by(ads.c.id)
        if len(known):
            query = query.where(ads.c.id > int(known[-1]))
        ad_ids = np.concatenate([known, np.array(conn.scalars(query).all(), dtype=np.int64)])
    n = summary.ads = len(ad_ids)
    note("evidence", 0, 0)
    ev = _collect(store, ad_ids, kept)
    summary.hubs = len(ev.hubs)
    note("networks", 0, 0)
    label, edges = _link(ev)
    size = np.bincount(label, minlength=n)
    in_net = size[label] >= 2
    roots = np.flatnonzero((label == np.arange(n)) & (size >= 2))
    summary.networks = len(roots)
    summary.largest = int(size.max()) if n else 0
    summary.identifier_links, summary.text_links, summary.image_links = (
        int(x) for x in np.bincount(edges.reason, minlength=3))
    # templates: groups of ads joined by accepted text edges, named by their smallest ad
    text_sel = edges.reason == 1
    template = _components(n, edges.a[text_sel], edges.b[text_sel])
    templated = np.zeros(n, bool)
    templated[edges.a[text_sel]] = True
    templated[edges.b[text_sel]] = True
    # a digest of each network's members and edges, to rewrite only networks that changed
    detail = np.zeros(len(edges.a), np.uint64)
    group_hash = np.array([zlib.crc32(k.encode()) for k in ev.groups.keys], dtype=np.uint64)
    ident_sel = edges.reason == 0
    detail[ident_sel] = group_hash[edges.detail[ident_sel]]
    similarity = np.round(ev.text.similarity * 100).astype(np.uint64)
    detail[text_sel] = (ad_ids[template[edges.a[text_sel]]].astype(np.uint64) << np.uint64(8)) | similarity[edges.detail[text_sel]]
    pic_sel = edges.reason == 2
    detail[pic_sel] = np.array([zlib.crc32(ev.pictures.evidence[i].encode()) for i in edges.detail[pic_sel].tolist()],
                               dtype=np.uint64)
    contribution = np.concatenate([
        _mix(ad_ids[in_net]),
        _mix(_mix(_mix(ad_ids[edges.a]) ^ ad_ids[edges.b].astype(np.uint64))
             ^ (edges.reason.astype(np.uint64) << np.uint64(56)) ^ detail),
    ])
    owner = np.concatenate([label[in_net], label[edges.a]])
    order = np.argsort(owner, kind="stable")
    owner, contribution = owner[order], contribution[order]
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]]) if len(owner) else np.empty(0, np.int64)
    sums = np.add.reduceat(contribution, starts) if len(starts) else np.empty(0, np.uint64)
    xors = np.bitwise_xor.reduceat(_mix(contribution), starts) if len(starts) else np.empty(0, np.uint64)
    digest = {int(r): f"{int(s):016x}{int(x):016x}" for r, s, x in
              zip(owner[starts].tolist(), sums.tolist(), xors.tolist(), strict=True)}
    wanted = {f"net-{int(ad_ids[r])}": int(r) for r in roots.tolist()}
    with store.connect() as conn:
        stored = dict(conn.execute(select(networks.c.id, networks.c.fingerprint)).all())
    to_write = sorted(nid for nid, r in wanted.items() if stored.get(nid) != digest[r])
    rewritten = set(to_write)
    to_remove = sorted(nid for nid in stored if nid not in wanted or nid in rewritten)
    summary.networks_written = len(to_write)
    summary.networks_removed = len([nid for nid in to_remove if nid not in wanted])
    note("write", 0, len(to_write))
    _write(store, ev, label, edges, template, templated, to_remove,
           {wanted[nid]: (nid, digest[wanted[nid]]) for nid in to_write})
    summary.seconds = round(time.perf_counter() - began, 3)
    with store.transaction() as conn:
        # what linking worked out, kept for the next run: it extends it by the ads added meanwhile
        if kept is None:
            conn.execute(link_cache.delete())
        # only the pages that changed are written: new ads land in the last pages of most arrays
        cache.write(conn, kept.rows if kept is not None else {}, _cache_rows(inputs, ev))
        cache.write(conn, {}, ev.shingle_rows, ["shingles"] if ev.all_shingles and kept is not None else [])
        conn.execute(link_state.delete().where(link_state.c.name == "networks"))
        # the inputs as read before linking (ads added meanwhile move them), the networks as now written
        conn.execute(link_state.insert().values(name="networks", inputs=_state(inputs.digest, store),
                                                summary=summary.as_dict(),
                                                updated_at=datetime.now(UTC).replace(tzinfo=None)))
    return summary


def _measures() -> list[tuple[Any, list[tuple[str, Any]]]]:
    """What the inputs digest sums up, per table: the column rows are split on by ad (or None), and its
    (aggregate, column) pairs."""
    return [
        (ads.c.id, [("count", ads.c.id), ("max", ads.c.id), ("sum", ads.c.version),
                    ("sum", ads.c.extracted_version), ("sum", cast(ads.c.id, BigInteger) * ads.c.version)]),
        (spans.c.ad_id, [("count", spans.c.id), ("max", spans.c.id), ("sum", spans.c.identifier_id),
                         ("sum", spans.c.ad_id), ("sum", spans.c.id)]),
        (None, [("count", identifiers.c.id), ("max", identifiers.c.id)]),
        (text_features.c.ad_id, [("count", text_features.c.ad_id), ("sum", text_features.c.ad_id),
                                 ("sum", text_features.c.version),
                                 ("sum", cast(text_features.c.ad_id, BigInteger) * text_features.c.version)]),
        (image_hashes.c.ad_id, [("count", image_hashes.c.id), ("max", image_hashes.c.id),
                                ("sum", image_hashes.c.ad_id)]),
        (image_scans.c.ad_id, [("count", image_scans.c.ad_id), ("sum", image_scans.c.ad_id)]),
    ]


def _measure(store: Store, after: int | None = None) -> list[list[int | None]]:
    """Counts, highest ids and sums of each table of ``_measures``; with ``after``, of the rows of ads past it."""
    out = []
    with store.connect() as conn:
        for split, aggregates in _measures():
            if after is not None and split is None:
                continue
            query = select(*[getattr(func, kind)(column) for kind, column in aggregates])
            if split is spans.c.ad_id:
                # linking reads the spans that name an identifier (slots are read with the text, when it changes)
                query = query.where(spans.c.identifier_id.is_not(None))
            if after is not None:
                query = query.where(split > after)
            out.append([None if v is None else int(v) for v in conn.execute(query).one()])
    return out


@dataclass(slots=True)
class _Inputs:
    """What linking reads, measured before linking: its digest, the highest ad id and the table totals."""

    digest: str
    upto: int
    totals: list[list[int | None]]
    rules: str


def _read_inputs(store: Store) -> _Inputs:
    """A digest of everything linking reads: ads, their spans, shingles, picture hashes, analyst rules.

    Counts, highest ids and sums per table: any ad added, removed, re-read or re-extracted, or any rule
    set moves it. Aggregates over indexed columns: seconds at 1M ads, against a minute for reading the
    evidence again.
    """
    totals = _measure(store)
    with store.connect() as conn:
        rules = repr(conn.execute(select(identifier_rules.c.kind, identifier_rules.c.value, identifier_rules.c.rule)
                                  .order_by(identifier_rules.c.kind, identifier_rules.c.value)).all())
    digest = hashlib.sha256(f"link {_LINK_VERSION} {GUARD_SIZE} {GUARD_SIMILARITY} {GUARD_IMAGE_BITS}".encode())
    digest.update(repr(totals).encode())
    digest.update(rules.encode())
    return _Inputs(digest.hexdigest(), totals[0][1] or 0, totals, rules)


def _inputs(store: Store) -> str:
    return _read_inputs(store).digest


def _older(totals: list[list[int | None]], newer: list[list[int | None]]) -> list[list[int | None]]:
    """The measures of the rows up to the split (totals less ``newer``), highest ids left out."""
    split = [t for t, (column, _) in zip(totals, _measures(), strict=True) if column is not None]
    kinds = [[kind for kind, _ in aggregates] for column, aggregates in _measures() if column is not None]
    return [[None if kind == "max" else (t or 0) - (m or 0) for kind, t, m in zip(ks, tot, new, strict=True)]
            for ks, tot, new in zip(kinds, split, newer, strict=True)]


def _kept_upto(store: Store) -> int | None:
    """The last ad the last run kept its work for (None: nothing kept, or by other code)."""
    with store.connect() as conn:
        data = conn.scalar(select(link_cache.c.data).where(link_cache.c.name == "meta.json"))
    meta = orjson.loads(data) if data is not None else {}
    return int(meta["upto"]) if meta.get("version") == [_LINK_VERSION, txt.FEATURES_VERSION] else None


def _load_cache(store: Store, inputs: _Inputs) -> _Kept | None:
    """What the last run kept, when the ads it covers are as it saw them (only ads added since)."""
    rows = cache.read(store, ["meta", "text", "identifiers", "hubs"])
    if "meta.json" not in rows:
        return None
    meta = orjson.loads(rows["meta.json"])
    if meta.get("version") != [_LINK_VERSION, txt.FEATURES_VERSION] or meta.get("rules") != inputs.rules:
        return None
    upto = int(meta["upto"])
    if _older(inputs.totals, _measure(store, after=upto)) != meta["older"]:
        return None
    text, occurrences = cache.decode(rows, "text"), cache.decode(rows, "identifiers")
    if text is None or occurrences is None:
        return None
    hubs = cache.decode(rows, "hubs")
    with store.connect() as conn:
        shapes = conn.scalar(select(link_cache.c.data).where(link_cache.c.name == "shingles.index"))
    shingles = orjson.loads(shapes) if shapes is not None else None
    if shingles is not None and shingles.get("lengths", [None, [None]])[1][0] != len(text["ad_ids"]):
        shingles = None
    return _Kept(upto, txt.TextIndex.from_arrays(text), ident.Occurrences.from_arrays(occurrences),
                 hubs["base"] if hubs else None, hubs["n_groups"] if hubs else None, shingles, rows)


def _cache_rows(inputs: _Inputs, ev: _Evidence) -> dict[str, bytes | np.ndarray]:
    meta = {"version": [_LINK_VERSION, txt.FEATURES_VERSION], "rules": inputs.rules, "upto": inputs.upto,
            "older": _older(inputs.totals, [[0] * len(aggregates) for column, aggregates in _measures()
                                            if column is not None])}
    rows: dict[str, bytes | np.ndarray] = {"meta.json": orjson.dumps(meta)}
    rows.update(cache.encode("text", ev.text_index.arrays()))
    rows.update(cache.encode("identifiers", ev.occurrences.arrays()))
    if len(ev.n_groups):
        rows.update(cache.encode("hubs", {"base": ev.base, "n_groups": ev.n_groups}))
    return rows


def _state(inputs: str, store: Store) -> str:
    """``inputs`` joined with a digest of the networks' own rows, so rows touched by anything else are noticed."""
    return _digest(store, inputs, [
        select(func.count(), func.max(networks.c.updated_at)),
        select(func.count(), func.sum(network_members.c.ad_id)),
        select(func.count(), func.max(links.c.id)),
        select(func.count(), func.sum(template_members.c.ad_id)),
    ])


def _digest(store: Store, seed: str, queries: Sequence[Select[Any]]) -> str:
    digest = hashlib.sha256(seed.encode())
    with store.connect() as conn:
        for query in queries:
            for row in conn.execute(query).all():
                digest.update(repr(tuple(str(v) for v in row)).encode())
    return digest.hexdigest()


def _chunks(items: Sequence[object], size: int = 5000) -> Iterable[list[object]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


def _places(store: Store, wanted: set[int]) -> dict[int, tuple[datetime | None, str | None]]:
    """(posted at, city) of the ads ``wanted``."""
    info: dict[int, tuple[datetime | None, str | None]] = {}
    query = select(ads.c.id, ads.c.posted_at, ads.c.location)
    with store.connect() as conn:
        if len(wanted) > _SCAN_ABOVE:
            for ad_id, posted, location in conn.execute(query):
                if ad_id in wanted:
                    info[ad_id] = (posted, _city(location))
            return info
        for chunk in _chunks(sorted(wanted)):
            for ad_id, posted, location in conn.execute(query.where(ads.c.id.in_(chunk))):
                info[ad_id] = (posted, _city(location))
    return info


def _write(store: Store, ev: _Evidence, label: np.ndarray, edges: _Edges, template: np.ndarray,
           templated: np.ndarray, remove: list[str], write: dict[int, tuple[str, str]]) -> None:
    """Replace the stored rows of networks ``remove`` by those of ``write`` (label -> id, digest)."""
    ad_ids = ev.ad_ids
    n = len(ad_ids)
    chosen = np.zeros(n, bool)
    chosen[np.array(sorted(write), dtype=np.int64)] = True
    member_rows = np.flatnonzero(chosen[label])
    edge_sel = np.flatnonzero(chosen[label[edges.a]])
    info = _places(store, set(ad_ids[member_rows].tolist()))
    members: dict[int, list[int]] = defaultdict(list)
    for r, lab in zip(member_rows.tolist(), label[member_rows].tolist(), strict=True):
        members[lab].append(int(ad_ids[r]))
    net_links: dict[int, list[tuple[object, ...]]] = defaultdict(list)
    for k in edge_sel.tolist():
        x, y, reason, detail = int(edges.a[k]), int(edges.b[k]), int(edges.reason[k]), int(edges.detail[k])
        if reason == 0:
            kind, _, value = ev.groups.keys[detail].partition(":")
            evidence, weight = f"shares {kind} {value}", 1.0
        elif reason == 1:
            sim = float(ev.text.similarity[detail])
            evidence, weight = f"template tpl-{int(ad_ids[template[x]])}, similarity {sim:.2f}", round(sim, 2)
        else:
            evidence, weight = ev.pictures.evidence[detail], 0.9
        net_links[int(label[x])].append((int(ad_ids[x]), int(ad_ids[y]), _REASONS[reason], evidence, weight))
    net_keys: dict[int, list[str]] = defaultdict(list)
    linking = np.flatnonzero(~ev.held & ~ev.is_image & (ev.groups.sizes >= 1))
    owner = label[ev.groups.rows[ev.groups.ptr[linking]]] if len(linking) else np.empty(0, np.int64)
    picked = chosen[owner]
    for g, lab in zip(linking[picked].tolist(), owner[picked].tolist(), strict=True):
        net_keys[lab].append(ev.groups.keys[g])
    tpl_members: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for r in np.flatnonzero(templated & chosen[label]).tolist():
        tpl_members[int(label[r])][int(template[r])].append(int(ad_ids[r]))
    now = datetime.now(UTC).replace(tzinfo=None)
    net_rows, member_out, link_out, tpl_rows, tpl_member_rows = [], [], [], [], []
    for lab, (nid, digest) in sorted(write.items()):
        member_ids = members[lab]
        seen = [p for a in member_ids if (p := info.get(a, (None, None))[0]) is not None]
        cities = sorted({c for a in member_ids if (c := info.get(a, (None, None))[1])})
        tpl_ids = []
        for first, tpl_ads in sorted(tpl_members.get(lab, {}).items()):
            tid = f"tpl-{int(ad_ids[first])}"
            tpl_ids.append(tid)
            tpl_rows.append((tid, nid, len(tpl_ads)))
            tpl_member_rows.extend((a, tid) for a in tpl_ads)
        net_rows.append({
            "id": nid, "size": len(member_ids), "first_seen": min(seen) if seen else None,
            "last_seen": max(seen) if seen else None, "identifiers": sorted(net_keys.get(lab, [])),
            "cities": cities, "templates": sorted(tpl_ids), "fingerprint": digest, "updated_at": now,
        })
        member_out.extend((a, nid) for a in member_ids)
        link_out.extend((nid, *row) for row in net_links.get(lab, []))
    with store.transaction() as conn:
        conn.execute(identifier_hubs.delete())
        hub_rows = [{"kind": key.partition(":")[0], "value": key.partition(":")[2], "ads": n_ads, "groups": groups}
                    for key, n_ads, groups in ev.hubs]
        for chunk in _chunks(hub_rows, 10000):
            conn.execute(identifier_hubs.insert(), chunk)
        for chunk in _chunks(remove):
            conn.execute(template_members.delete().where(template_members.c.template_id.in_(
                select(templates.c.id).where(templates.c.network_id.in_(chunk)).scalar_subquery())))
            conn.execute(templates.delete().where(templates.c.network_id.in_(chunk)))
            conn.execute(links.delete().where(links.c.network_id.in_(chunk)))
            conn.execute(network_members.delete().where(network_members.c.network_id.in_(chunk)))
            conn.execute(networks.delete().where(networks.c.id.in_(chunk)))
        for chunk in _chunks(net_rows, 20000):
            conn.execute(networks.insert(), chunk)
        for table, columns, batch in (
            (network_members, ("ad_id", "network_id"), member_out),
            (links, ("network_id", "ad_a", "ad_b", "reason", "evidence", "weight"), link_out),
            (templates, ("id", "network_id", "size"), tpl_rows),
            (template_members, ("ad_id", "template_id"), tpl_member_rows),
        ):
            for chunk in _chunks(batch, 50000):
                insert_rows(conn, table, columns, chunk)


def _templates(store: Store, found: list[tuple[str, list[int]]]) -> list[tpl.Template]:
    """Build the template (shared wording, slot values) of each (template id, member ads) group."""
    ids = sorted({a for _, members in found for a in members})
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
    return [tpl.build(tid, {a: tokens.get(a, []) for a in members}, values) for tid, members in found]


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
        found = []
        for tid in conn.scalars(select(templates.c.id).where(templates.c.network_id == network_id)
                                .order_by(templates.c.id)).all():
            found.append((tid, list(conn.scalars(select(template_members.c.ad_id)
                                                 .where(template_members.c.template_id == tid)
                                                 .order_by(template_members.c.ad_id)))))
    tpls = _templates(store, found)
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
