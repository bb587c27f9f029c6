"""Near-duplicate text: MinHash LSH over word shingles of ads with contacts and slots masked.

Names, ages, prices, places, phones, e-mails, handles and numbers become slot markers, so a template
reused with the names swapped reads the same. Shingles that many ads share (stock phrases) are dropped
before hashing, and every candidate pair is verified, so stock wording alone never links two ads.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context

import numpy as np
from sqlalchemy import or_, select

from clew.store import Store
from clew.store.networks import insert_rows, text_features
from clew.store.schema import ads, spans

#: span kinds replaced by a slot marker before shingling
SLOT_KINDS = frozenset(
    {"phone", "email", "handle", "url", "payment", "age", "price", "stats", "name", "location", "ethnicity"}
)
#: words per shingle
SHINGLE = 3
#: MinHash permutations, LSH bands and rows per band (threshold about (1/BANDS)**(1/ROWS) = 0.5)
PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
#: a shingle on more ads than max(DF_FLOOR, DF_SHARE * ads) is stock wording, not evidence
DF_FLOOR = 50
DF_SHARE = 0.002
#: a verified pair: estimated Jaccard of the rare shingles at least this, sharing at least MIN_SHARED
MIN_SIMILARITY = 0.5
MIN_SHARED = 6

_TOKEN = re.compile(r"[^\W\d_]+|\d+|\{[a-z_]+\}", re.UNICODE)
#: a whole word with an @, or starting like a web address; tried only at word starts, so linear time
_EMAILISH = re.compile(r"(?<!\S)(?:\S*@|https?://|www\.)\S*", re.IGNORECASE)

_rng = np.random.default_rng(20210415)
_A = _rng.integers(1, 2**32, PERMUTATIONS, dtype=np.uint64).astype(np.uint32) | np.uint32(1)
_B = _rng.integers(0, 2**32, PERMUTATIONS, dtype=np.uint64).astype(np.uint32)


#: version of the shingle features: stored features of another version are computed again
FEATURES_VERSION = 2
#: ads read, shingled and written per transaction
_PAGE = 20_000

_C1, _C2, _C3 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9)
_HASHES: dict[str, int] = {}
_NUMBER = zlib.crc32(b"{number}")
_AD = zlib.crc32(b"{ad}")


def _masked(text: str, masks: Sequence[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end, kind) span a ``{kind}`` marker.

    Braces in the ad's own words are blanked first (offsets do not move), so ad text never forges a marker.
    """
    text = text.replace("{", " ")
    if not masks:
        return text
    parts, at = [], 0
    for start, end, kind in sorted(masks):
        if start < at:
            continue
        parts.append(text[at:start])
        parts.append(f" {{{kind}}} ")
        at = end
    parts.append(text[at:])
    return "".join(parts)


def _masked_text(text: str, masks: Sequence[tuple[int, int, str]]) -> str:
    """``text`` lower-cased, each (start, end, kind) span a ``{kind}`` marker, contacts ``{contact}``."""
    return _EMAILISH.sub(" {contact} ", _masked(text, masks)).lower()


def masked_tokens(text: str, masks: Sequence[tuple[int, int, str]]) -> list[str]:
    """Lower-case word tokens of ``text`` with each (start, end, kind) span and every number a slot."""
    return ["{number}" if tok.isdigit() else tok for tok in _TOKEN.findall(_masked_text(text, masks))]


def _token_hashes(tokens: list[str]) -> np.ndarray:
    """crc32 of each token (every number hashes as ``{number}``), remembered across calls."""
    if len(_HASHES) > 2_000_000:
        _HASHES.clear()
    for tok in set(tokens).difference(_HASHES):
        _HASHES[tok] = _NUMBER if tok.isdigit() else zlib.crc32(tok.encode())
    return np.fromiter(map(_HASHES.__getitem__, tokens), dtype=np.uint32, count=len(tokens))


def _shingle_rows(hashes: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(document, shingle) of every distinct ``SHINGLE``-token shingle, documents in order, shingles sorted.

    ``hashes`` holds the token hashes of all documents one after another, ``lengths`` their token counts;
    a document shorter than a shingle is one shingle of what it has.
    """
    n_docs = len(lengths)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    doc = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
    padded = np.concatenate([hashes.astype(np.uint64), np.zeros(SHINGLE, np.uint64)])
    pos = np.arange(len(hashes), dtype=np.int64)
    ok = pos + SHINGLE <= ends[doc] if len(hashes) else np.zeros(0, bool)
    short = np.flatnonzero(lengths < SHINGLE)
    take = np.concatenate([pos[ok], starts[short]])
    owner = np.concatenate([doc[ok], short])
    mixed = padded[take] * _C1
    for k, c in ((1, _C2), (2, _C3)):
        nxt = padded[take + k]
        if len(short):  # a short document's shingle stops at its own end
            nxt[len(take) - len(short):][k >= lengths[short]] = np.uint64(0)
        mixed ^= nxt * c
    values = (mixed >> np.uint64(32)).astype(np.uint64)
    keys = np.sort((owner.astype(np.uint64) << np.uint64(32)) | values)
    keys = keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys
    return (keys >> np.uint64(32)).astype(np.int64), (keys & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def shingles(tokens: Sequence[str]) -> np.ndarray:
    """Sorted distinct 32-bit hashes of the ``SHINGLE``-word shingles of ``tokens``."""
    if not tokens:
        return np.empty(0, np.uint32)
    _, values = _shingle_rows(_token_hashes(list(tokens)), np.array([len(tokens)], dtype=np.int64))
    return values


def ad_tokens(title: str, body: str, ad_spans: Iterable[tuple[str, int, int, str]]) -> list[str]:
    """Masked tokens of an ad's title then body, from its (field, start, end, kind) spans."""
    by_field: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for field, start, end, kind in ad_spans:
        if kind in SLOT_KINDS:
            by_field[field].append((start, end, kind))
    return masked_tokens(title or "", by_field["title"]) + ["{break}"] + masked_tokens(body or "", by_field["body"])


#: ads spread over more ids than this many times their number are read by id, not as one range
SPARSE = 4


def _read_range(store: Store, wanted: set[int], lo: int, hi: int) -> dict[int, list[tuple[str, int, int, str]]]:
    """Slot spans of the ads ``wanted`` with ids in [lo, hi]: read as one range when they fill most of
    it (a page of new ads), by id when they are scattered (a network's members)."""
    found: dict[int, list[tuple[str, int, int, str]]] = defaultdict(list)
    where = (spans.c.ad_id.in_(sorted(wanted)) if hi - lo + 1 > SPARSE * len(wanted)
             else spans.c.ad_id.between(lo, hi))
    with store.connect() as conn:
        for ad_id, field, start, end, kind in conn.execute(
            select(spans.c.ad_id, spans.c.field, spans.c.start, spans.c.end, spans.c.kind).where(
                where, spans.c.kind.in_(SLOT_KINDS)
            )
        ).all():
            if ad_id in wanted:
                found[ad_id].append((field, start, end, kind))
    return found


def read_tokens(store: Store, ad_ids: Sequence[int]) -> dict[int, list[str]]:
    """Masked tokens of each of ``ad_ids``, read from the store."""
    out: dict[int, list[str]] = {}
    ordered = sorted(set(ad_ids))
    for i in range(0, len(ordered), 2000):
        chunk = ordered[i : i + 2000]
        found = _read_range(store, set(chunk), chunk[0], chunk[-1])
        with store.connect() as conn:
            rows = conn.execute(select(ads.c.id, ads.c.title, ads.c.body).where(ads.c.id.in_(chunk))).all()
        for ad_id, title, body in rows:
            out[ad_id] = ad_tokens(title, body, found.get(ad_id, ()))
    return out


def _features(rows: Sequence[tuple[int, str | None, str | None]],
              found: dict[int, list[tuple[str, int, int, str]]]) -> list[np.ndarray]:
    """Shingles of each (id, title, body) row, its slot spans in ``found``.

    The masked texts of all rows are tokenized as one string, rows parted by an ``{ad}`` marker
    (ad text cannot forge one: its braces are blanked).
    """
    parts = []
    empty: dict[str, list[tuple[int, int, str]]] = {}
    for ad_id, title, body in rows:
        by_field: dict[str, list[tuple[int, int, str]]] = {"title": [], "body": []}
        for field, start, end, kind in found.get(ad_id, empty):
            if field in by_field:
                by_field[field].append((start, end, kind))
        parts.append(f" {_masked(title or '', by_field['title'])} {{break}} {_masked(body or '', by_field['body'])} {{ad}} ")
    tokens = _TOKEN.findall(_EMAILISH.sub(" {contact} ", "".join(parts)).lower())
    hashes = _token_hashes(tokens)
    marks = np.flatnonzero(hashes == _AD)
    lengths = np.diff(np.r_[-1, marks]) - 1
    keep = np.ones(len(hashes), bool)
    keep[marks] = False
    doc, values = _shingle_rows(hashes[keep], lengths)
    bounds = np.searchsorted(doc, np.arange(len(rows) + 1))
    return [values[bounds[i] : bounds[i + 1]] for i in range(len(rows))]


def _stale_pages(store: Store, after: int = 0) -> Iterator[tuple[list[tuple[int, str, bool]], list[tuple[int, str | None, str | None]],
                                               dict[int, list[tuple[str, int, int, str]]]]]:
    """Pages of ads past ``after`` whose shingles are missing or stale: (id, content key, had features),
    texts, slot spans."""
    while True:
        # the store picks the stale ads itself: an incremental run reads only the new ones into Python
        with store.connect() as conn:
            rows = conn.execute(
                select(ads.c.id, ads.c.content_key, text_features.c.content_key, text_features.c.version)
                .outerjoin(text_features, text_features.c.ad_id == ads.c.id)
                .where(ads.c.id > after, or_(text_features.c.ad_id.is_(None),
                                             text_features.c.content_key != ads.c.content_key,
                                             text_features.c.version != FEATURES_VERSION))
                .order_by(ads.c.id)
                .limit(_PAGE)
            ).all()
        if not rows:
            return
        after = rows[-1][0]
        stale = [(ad_id, key, had is not None) for ad_id, key, had, version in rows
                 if had != key or version != FEATURES_VERSION]
        if not stale:
            continue
        wanted = {ad_id for ad_id, _, _ in stale}
        lo, hi = stale[0][0], stale[-1][0]
        found = _read_range(store, wanted, lo, hi)
        where = ads.c.id.in_(sorted(wanted)) if hi - lo + 1 > SPARSE * len(wanted) else ads.c.id.between(lo, hi)
        with store.connect() as conn:
            texts = conn.execute(select(ads.c.id, ads.c.title, ads.c.body).where(where).order_by(ads.c.id)).all()
        texts = [tuple(r) for r in texts if r[0] in wanted]
        # ads deleted meanwhile are left out: each stale entry lines up with its text
        present = {r[0] for r in texts}
        yield [entry for entry in stale if entry[0] in present], texts, found


def _save(store: Store, stale: list[tuple[int, str, bool]], values: list[np.ndarray]) -> None:
    replaced = [ad_id for ad_id, _, had in stale if had]
    with store.transaction() as conn:
        for i in range(0, len(replaced), 5000):
            conn.execute(text_features.delete().where(text_features.c.ad_id.in_(replaced[i : i + 5000])))
        insert_rows(conn, text_features, ("ad_id", "content_key", "version", "shingles"), [
            (ad_id, key, FEATURES_VERSION, shingle_values.tobytes())
            for (ad_id, key, _), shingle_values in zip(stale, values, strict=True)
        ])


def update_features(store: Store, workers: int = 2, after: int = 0) -> list[int]:
    """Shingle every ad (past ``after``) whose text is new or changed since it was last shingled; returns their ids.

    Past the first page, pages are shingled by ``workers`` processes while this one reads and writes.
    """
    done: list[int] = []
    pool: ProcessPoolExecutor | None = None
    inflight: deque[tuple[Future[list[np.ndarray]], list[tuple[int, str, bool]]]] = deque()
    try:
        for stale, texts, found in _stale_pages(store, after):
            if done and pool is None and workers > 1:
                pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"))
            if pool is None:
                _save(store, stale, _features(texts, found))
            else:
                inflight.append((pool.submit(_features, texts, found), stale))
                while len(inflight) > workers:
                    future, ready = inflight.popleft()
                    _save(store, ready, future.result())
            done.extend(ad_id for ad_id, _, _ in stale)
        while inflight:
            future, ready = inflight.popleft()
            _save(store, ready, future.result())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return done


@dataclass(slots=True)
class TextEdges:
    """Verified near-duplicate pairs (as row numbers of ``ad_ids``) and their estimated similarity."""

    a: np.ndarray
    b: np.ndarray
    similarity: np.ndarray
    stock_shingles: int


def load_shingles(store: Store, ad_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All stored shingles as (values, offsets), in the row order of ``ad_ids`` (sorted).

    The blobs, read in ad order, are joined into one buffer: no array per ad.
    """
    lengths = np.zeros(len(ad_ids), dtype=np.int64)
    with store.connect() as conn:
        found = conn.execute(select(text_features.c.ad_id, text_features.c.shingles)
                             .order_by(text_features.c.ad_id)).all()
    blobs: list[bytes] = []
    if found and len(ad_ids):
        ids = np.fromiter((r[0] for r in found), dtype=np.int64, count=len(found))
        rows = np.minimum(np.searchsorted(ad_ids, ids), len(ad_ids) - 1)
        hit = ad_ids[rows] == ids
        sizes = np.fromiter((len(r[1]) for r in found), dtype=np.int64, count=len(found)) // 4
        lengths[rows[hit]] = sizes[hit]
        blobs = [found[i][1] for i in np.flatnonzero(hit).tolist()]
    offsets = np.zeros(len(ad_ids) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    values = np.frombuffer(b"".join(blobs), dtype=np.uint32)
    return values, offsets


def _signatures(values: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """MinHash signatures (rows x PERMUTATIONS, uint32) by 32-bit multiply-add hashing; empty rows get max.

    Hashes are laid out one permutation per row (PERMUTATIONS x values), so each minimum runs over
    contiguous memory: about ten times faster than reducing down the columns of values x PERMUTATIONS.
    """
    n = len(offsets) - 1
    out = np.full((n, PERMUTATIONS), np.iinfo(np.uint32).max, dtype=np.uint32)
    step = 4000
    for lo in range(0, n, step):
        hi = min(n, lo + step)
        vals = values[offsets[lo] : offsets[hi]]
        if not len(vals):
            continue
        hashed = vals[None, :] * _A[:, None]
        hashed += _B[:, None]
        starts = offsets[lo:hi] - offsets[lo]
        nonempty = offsets[lo + 1 : hi + 1] > offsets[lo:hi]
        out[lo:hi][nonempty] = np.minimum.reduceat(hashed, starts[nonempty], axis=1).T
    return out


def _band_keys(sig: np.ndarray) -> np.ndarray:
    """LSH band keys (rows x BANDS, uint64): each band's ``ROWS`` signature values folded into one."""
    keys = np.zeros((len(sig), BANDS), dtype=np.uint64)
    for band in range(BANDS):
        key = keys[:, band]
        for col in range(band * ROWS, (band + 1) * ROWS):
            key *= np.uint64(1_000_003)
            key += sig[:, col].astype(np.uint64)
    return keys


def _bucket_pairs(key: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Candidate pairs (k x 2 rows, a < b) of one band: rows of a bucket (ascending) as a chain and a star."""
    order = np.argsort(key, kind="stable")
    k, r = key[order], rows[order]
    same = np.flatnonzero(k[1:] == k[:-1]) + 1
    if not len(same):
        return np.empty((0, 2), dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    head = starts[np.searchsorted(starts, same, side="right") - 1]
    both = np.concatenate([np.stack([r[same - 1], r[same]], axis=1), np.stack([r[head], r[same]], axis=1)])
    return both.astype(np.int64)


def _candidates(keys: np.ndarray, usable: np.ndarray) -> np.ndarray:
    """Candidate pairs (k x 2 rows, a < b, distinct) from the LSH bands of the ``usable`` rows."""
    rows = np.flatnonzero(usable)
    pairs = [_bucket_pairs(keys[rows, band], rows) for band in range(BANDS)]
    both = np.concatenate(pairs) if pairs else np.empty((0, 2), dtype=np.int64)
    both.sort(axis=1)
    both = both[both[:, 0] != both[:, 1]]
    return np.unique(both, axis=0)


_LOW_BITS = 22


def _among(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Which of ``values`` are in ``sorted_set`` (sorted, distinct, same dtype): ``np.isin``, several times faster.

    A table of the set's low bits passes the few values that may be in it, and only those are looked up.
    """
    found = np.zeros(len(values), bool)
    if not len(sorted_set) or not len(values):
        return found
    low = values.dtype.type((1 << _LOW_BITS) - 1)
    table = np.zeros(1 << _LOW_BITS, bool)
    table[(sorted_set & low).astype(np.int64)] = True
    maybe = np.flatnonzero(table[(values & low).astype(np.int64)])
    if len(maybe):
        picked = values[maybe]
        pos = np.minimum(np.searchsorted(sorted_set, picked), len(sorted_set) - 1)
        found[maybe] = sorted_set[pos] == picked
    return found


def isin(values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """``np.isin(values, wanted)`` for ``wanted`` sorted and distinct: a few values compared one by one."""
    if len(wanted) > 16:
        return _among(values, wanted)
    found = np.zeros(len(values), bool)
    for value in wanted.tolist():
        found |= values == value
    return found


def _cut(n: int) -> int:
    """A shingle on more than this many of ``n`` ads is stock wording."""
    return max(DF_FLOOR, int(DF_SHARE * n))


def _kept(values: np.ndarray, offsets: np.ndarray, stock: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``values`` (rows by ``offsets``) without the ``stock`` shingles, as (values, offsets)."""
    n = len(offsets) - 1
    keep = ~_among(values, stock)
    doc = np.repeat(np.arange(n), np.diff(offsets))
    kept_offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(doc[keep], minlength=n), out=kept_offsets[1:])
    return values[keep], kept_offsets


def _similarity(sig_a: np.ndarray, sig_b: np.ndarray, kept_a: np.ndarray, kept_b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Estimated Jaccard of each pair of signatures, and whether the pair is a verified near-duplicate."""
    sim = (sig_a == sig_b).mean(axis=1) if len(sig_a) else np.empty(0)
    shared = sim / (1.0 + sim) * (kept_a + kept_b)
    return sim, (sim >= MIN_SIMILARITY) & (shared >= MIN_SHARED)


@dataclass(slots=True)
class TextIndex:
    """What text linking worked out over the ads ``ad_ids`` (rows, ascending), kept for the next run.

    Ads added later are linked by looking up the LSH buckets they fall in, not by hashing every ad again.
    """

    ad_ids: np.ndarray  # int64
    df_values: np.ndarray  # uint32, sorted: every shingle ...
    df_counts: np.ndarray  # int64 ... and on how many ads it is
    kept: np.ndarray  # int64 per row: shingles left once stock ones are dropped
    keys: np.ndarray  # uint64 rows x BANDS; a row with fewer than MIN_SHARED kept shingles is in no bucket
    a: np.ndarray  # verified pairs (rows, a < b, ascending) ...
    b: np.ndarray
    similarity: np.ndarray  # ... and their estimated similarity

    NAMES = ("ad_ids", "df_values", "df_counts", "kept", "keys", "a", "b", "similarity")

    def edges(self) -> TextEdges:
        return TextEdges(self.a, self.b, self.similarity, int((self.df_counts > _cut(len(self.ad_ids))).sum()))

    def arrays(self) -> dict[str, np.ndarray]:
        return {name: getattr(self, name) for name in self.NAMES}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> TextIndex:
        return cls(**{name: arrays[name] for name in cls.NAMES})


def build_index(ad_ids: np.ndarray, values: np.ndarray, offsets: np.ndarray) -> TextIndex:
    """Verified near-duplicate pairs among all ads, stock shingles (learned from ``values``) dropped."""
    n = len(offsets) - 1
    df_values, df_counts = np.unique(values, return_counts=True)
    kept_values, kept_offsets = _kept(values, offsets, df_values[df_counts > _cut(n)])
    kept = np.diff(kept_offsets)
    sig = _signatures(kept_values, kept_offsets)
    keys = _band_keys(sig)
    pairs = _candidates(keys, kept >= MIN_SHARED)
    sim = np.empty(len(pairs))
    ok = np.zeros(len(pairs), bool)
    for lo in range(0, len(pairs), 500_000):
        p = pairs[lo : lo + 500_000]
        sim[lo : lo + len(p)], ok[lo : lo + len(p)] = _similarity(sig[p[:, 0]], sig[p[:, 1]], kept[p[:, 0]], kept[p[:, 1]])
    return TextIndex(ad_ids, df_values, df_counts.astype(np.int64), kept.astype(np.int64), keys,
                     pairs[ok, 0], pairs[ok, 1], sim[ok])


def near_duplicates(values: np.ndarray, offsets: np.ndarray) -> TextEdges:
    """Verified near-duplicate pairs among all ads, with stock shingles (learned from ``values``) dropped."""
    return build_index(np.arange(len(offsets) - 1, dtype=np.int64), values, offsets).edges()


def read_shingles(store: Store, ad_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Stored shingles of ``ad_ids`` (ascending) as (values, offsets): one range read when they are
    dense (ads added since the last run), by id when scattered; an ad without features has none."""
    lengths = np.zeros(len(ad_ids), dtype=np.int64)
    blobs: dict[int, bytes] = {}
    if len(ad_ids):
        lo, hi = int(ad_ids[0]), int(ad_ids[-1])
        with store.connect() as conn:
            query = select(text_features.c.ad_id, text_features.c.shingles)
            if hi - lo + 1 <= SPARSE * len(ad_ids):
                blobs = dict(conn.execute(query.where(text_features.c.ad_id.between(lo, hi))).all())
            else:
                ids = ad_ids.tolist()
                for i in range(0, len(ids), 5000):
                    blobs.update(conn.execute(query.where(text_features.c.ad_id.in_(ids[i : i + 5000]))).all())
    parts = []
    for row, ad_id in enumerate(ad_ids.tolist()):
        blob = blobs.get(ad_id)
        if blob:
            parts.append(blob)
            lengths[row] = len(blob) // 4
    offsets = np.zeros(len(ad_ids) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    return np.frombuffer(b"".join(parts), dtype=np.uint32), offsets


def containing(store: Store, ad_ids: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Rows of ``ad_ids`` whose stored shingles hold any of ``wanted`` (sorted): one pass over all features."""
    found: list[np.ndarray] = []
    after = -1
    while True:
        with store.connect() as conn:
            rows = conn.execute(select(text_features.c.ad_id, text_features.c.shingles)
                                .where(text_features.c.ad_id > after).order_by(text_features.c.ad_id)
                                .limit(50_000)).all()
        if not rows:
            break
        after = rows[-1][0]
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        sizes = np.fromiter((len(r[1]) for r in rows), dtype=np.int64, count=len(rows)) // 4
        values = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.uint32)
        hit = isin(values, wanted)
        if hit.any():
            doc = np.repeat(np.arange(len(rows)), sizes)
            found.append(ids[np.unique(doc[hit])])
    hit_ids = np.concatenate(found) if found else np.empty(0, np.int64)
    rows_of = np.searchsorted(ad_ids, hit_ids)
    ok = rows_of < len(ad_ids)
    ok[ok] = ad_ids[rows_of[ok]] == hit_ids[ok]
    return rows_of[ok]


def _bucket_members(keys: np.ndarray, usable: np.ndarray, band: int, wanted: np.ndarray) -> np.ndarray:
    """Candidate pairs (k x 2 rows, a < b) of the band's buckets ``wanted`` (sorted keys)."""
    rows = np.flatnonzero(usable & _among(np.ascontiguousarray(keys[:, band]), wanted))
    pairs = _bucket_pairs(keys[rows, band], rows)
    pairs.sort(axis=1)
    return pairs[pairs[:, 0] != pairs[:, 1]]


def _codes(pairs: np.ndarray, n: int) -> np.ndarray:
    return np.unique(pairs[:, 0] * n + pairs[:, 1]) if len(pairs) else np.empty(0, np.int64)


Reader = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]
Finder = Callable[[np.ndarray, np.ndarray], np.ndarray]


def update_index(index: TextIndex, ad_ids: np.ndarray, new: tuple[np.ndarray, np.ndarray], read: Reader,
                 containing: Finder) -> TextIndex | None:
    """``index`` extended by the ads of ``ad_ids`` past its own: what ``build_index`` over all of them
    gives, worked out from the buckets the new ads (and ads whose stock shingles moved) fall in.

    ``new`` holds the shingles of the ads past the index's as (values, offsets), ``read(ids)`` gives those
    of ads ``ids`` alike, ``containing(ids, values)`` the
    rows of ``ids`` holding any of ``values``. None when ``ad_ids`` does not extend the index's ads (an ad
    removed or inserted between).
    """
    old_n, n = len(index.ad_ids), len(ad_ids)
    if n < old_n or not np.array_equal(ad_ids[:old_n], index.ad_ids):
        return None
    new_values, new_offsets = new
    # shingle counts, and the shingles whose stock status moved (new ads, or the cut moving with the ads)
    added_values, added = np.unique(new_values, return_counts=True)
    at = np.searchsorted(index.df_values, added_values)
    unseen = at >= len(index.df_values)
    unseen[~unseen] = index.df_values[at[~unseen]] != added_values[~unseen]
    df_values = np.insert(index.df_values, at[unseen], added_values[unseen])
    df_old = np.insert(index.df_counts, at[unseen], 0)
    df_counts = df_old.copy()
    df_counts[np.searchsorted(df_values, added_values)] += added
    stock = df_values[df_counts > _cut(n)]
    flipped = df_values[(df_old > _cut(old_n)) != (df_counts > _cut(n))]
    # D: the rows whose kept shingles (so signature and bucket) may differ, old rows first
    moved = containing(index.ad_ids, flipped) if len(flipped) else np.empty(0, np.int64)
    moved_values, moved_offsets = read(index.ad_ids[moved])
    d_rows = np.concatenate([moved, np.arange(old_n, n)])
    d_values = np.concatenate([moved_values, new_values])
    d_offsets = np.concatenate([moved_offsets[:-1], moved_offsets[-1] + new_offsets])
    kept_values, kept_offsets = _kept(d_values, d_offsets, stock)
    d_kept = np.diff(kept_offsets).astype(np.int64)
    d_sig = _signatures(kept_values, kept_offsets)
    d_keys = _band_keys(d_sig)
    kept = np.concatenate([index.kept, d_kept[len(moved):]])
    kept[moved] = d_kept[: len(moved)]
    keys = np.concatenate([index.keys, d_keys[len(moved):]])
    keys[moved] = d_keys[: len(moved)]
    usable_old = np.concatenate([index.kept >= MIN_SHARED, np.zeros(n - old_n, bool)])
    usable = kept >= MIN_SHARED
    in_d = np.zeros(n, bool)
    in_d[d_rows] = True
    old_keys = np.concatenate([index.keys, np.zeros((n - old_n, BANDS), np.uint64)])
    # the buckets D's rows leave or join, before and after: their candidate pairs
    before, after, touched = [], [], []
    for band in range(BANDS):
        wanted = np.unique(np.concatenate([old_keys[moved[usable_old[moved]], band], keys[d_rows[usable[d_rows]], band]]))
        touched.append(wanted)
        before.append(_bucket_members(old_keys, usable_old, band, wanted))
        after.append(_bucket_members(keys, usable, band, wanted))
    p_before = _codes(np.concatenate(before), n)
    p_after = _codes(np.concatenate(after), n)
    # the kept verified pairs: none of D's; a pair only touched buckets made is kept if one still makes it
    e_codes = index.a.astype(np.int64) * n + index.b
    keep = ~(in_d[index.a] | in_d[index.b])
    lost = keep & np.isin(e_codes, np.setdiff1d(p_before, p_after, assume_unique=True), assume_unique=True)
    if lost.any():
        la, lb = index.a[lost], index.b[lost]
        still = np.zeros(len(la), bool)
        for band in range(BANDS):
            same = keys[la, band] == keys[lb, band]
            elsewhere = np.setdiff1d(np.unique(keys[la[same], band]), touched[band], assume_unique=True)
            if len(elsewhere):
                made = _codes(_bucket_members(keys, usable, band, elsewhere), n)
                still |= same & np.isin(la * n + lb, made)
        keep[np.flatnonzero(lost)[~still]] = False
    # pairs to verify: all of D's, and others the touched buckets make now and did not before
    a_rows, b_rows = p_after // n, p_after % n
    check = (in_d[a_rows] | in_d[b_rows]) | ~np.isin(p_after, p_before, assume_unique=True)
    check &= ~np.isin(p_after, e_codes[keep], assume_unique=True)
    ca, cb = a_rows[check], b_rows[check]
    need = np.setdiff1d(np.union1d(ca, cb), d_rows)
    o_values, o_offsets = read(ad_ids[need])
    o_kept_values, o_kept_offsets = _kept(o_values, o_offsets, stock)
    sig_rows = np.concatenate([d_rows, need])
    sig = np.concatenate([d_sig, _signatures(o_kept_values, o_kept_offsets)])
    order = np.argsort(sig_rows)
    sig_rows, sig = sig_rows[order], sig[order]
    ia, ib = np.searchsorted(sig_rows, ca), np.searchsorted(sig_rows, cb)
    sim, ok = _similarity(sig[ia], sig[ib], kept[ca], kept[cb])
    codes = np.concatenate([e_codes[keep], p_after[check][ok]])
    similarity = np.concatenate([index.similarity[keep], sim[ok]])
    order = np.argsort(codes)
    codes = codes[order]
    return TextIndex(ad_ids, df_values, df_counts, kept, keys, codes // n, codes % n, similarity[order])
