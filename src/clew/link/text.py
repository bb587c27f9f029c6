"""Near-duplicate text: MinHash LSH over word shingles of ads with contacts and slots masked.

Names, ages, prices, places, phones, e-mails, handles and numbers become slot markers, so a template
reused with the names swapped reads the same. Shingles that many ads share (stock phrases) are dropped
before hashing, and every candidate pair is verified, so stock wording alone never links two ads.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import select

from clew.store import Store
from clew.store.networks import text_features
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

_TOKEN = re.compile(r"\{[a-z_]+\}|\d+|[^\W\d_]+", re.UNICODE)
_EMAILISH = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|@\w+", re.IGNORECASE)

_rng = np.random.default_rng(20210415)
_A = (_rng.integers(1, 2**63, PERMUTATIONS, dtype=np.uint64) | np.uint64(1)).reshape(1, -1)
_B = _rng.integers(0, 2**63, PERMUTATIONS, dtype=np.uint64).reshape(1, -1)


def masked_tokens(text: str, masks: Sequence[tuple[int, int, str]]) -> list[str]:
    """Lower-case word tokens of ``text`` with each (start, end, kind) span and every number a slot."""
    parts, at = [], 0
    for start, end, kind in sorted(masks):
        if start < at:
            continue
        parts.append(text[at:start])
        parts.append(f" {{{kind}}} ")
        at = end
    parts.append(text[at:])
    masked = _EMAILISH.sub(" {contact} ", "".join(parts)).lower()
    return ["{number}" if tok.isdigit() else tok for tok in _TOKEN.findall(masked)]


def shingles(tokens: Sequence[str]) -> np.ndarray:
    """Sorted distinct 32-bit hashes of the ``SHINGLE``-word shingles of ``tokens``."""
    if len(tokens) < SHINGLE:
        grams = [" ".join(tokens)] if tokens else []
    else:
        grams = [" ".join(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)]
    return np.unique(np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint32, count=len(grams)))


def ad_tokens(title: str, body: str, ad_spans: Iterable[tuple[str, int, int, str]]) -> list[str]:
    """Masked tokens of an ad's title then body, from its (field, start, end, kind) spans."""
    by_field: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for field, start, end, kind in ad_spans:
        if kind in SLOT_KINDS:
            by_field[field].append((start, end, kind))
    return masked_tokens(title or "", by_field["title"]) + ["{break}"] + masked_tokens(body or "", by_field["body"])


def read_tokens(store: Store, ad_ids: Sequence[int]) -> dict[int, list[str]]:
    """Masked tokens of each of ``ad_ids``, read from the store."""
    out: dict[int, list[str]] = {}
    for i in range(0, len(ad_ids), 2000):
        chunk = list(ad_ids[i : i + 2000])
        found: dict[int, list[tuple[str, int, int, str]]] = defaultdict(list)
        with store.connect() as conn:
            for ad_id, field, start, end, kind in conn.execute(
                select(spans.c.ad_id, spans.c.field, spans.c.start, spans.c.end, spans.c.kind).where(
                    spans.c.ad_id.in_(chunk), spans.c.kind.in_(SLOT_KINDS)
                )
            ):
                found[ad_id].append((field, start, end, kind))
            rows = conn.execute(select(ads.c.id, ads.c.title, ads.c.body).where(ads.c.id.in_(chunk))).all()
        for ad_id, title, body in rows:
            out[ad_id] = ad_tokens(title, body, found.get(ad_id, ()))
    return out


def update_features(store: Store) -> list[int]:
    """Shingle every ad whose text is new or changed since it was last shingled; returns their ids."""
    done: list[int] = []
    after = 0
    while True:
        with store.connect() as conn:
            rows = conn.execute(
                select(ads.c.id, ads.c.content_key, text_features.c.content_key)
                .outerjoin(text_features, text_features.c.ad_id == ads.c.id)
                .where(ads.c.id > after)
                .order_by(ads.c.id)
                .limit(20000)
            ).all()
        if not rows:
            return done
        after = rows[-1][0]
        stale = [(ad_id, key) for ad_id, key, had in rows if had != key]
        if not stale:
            continue
        tokens = read_tokens(store, [ad_id for ad_id, _ in stale])
        keys = dict(stale)
        with store.transaction() as conn:
            conn.execute(text_features.delete().where(text_features.c.ad_id.in_(list(keys))))
            conn.execute(text_features.insert(), [
                {"ad_id": ad_id, "content_key": keys[ad_id], "shingles": shingles(toks).tobytes()}
                for ad_id, toks in tokens.items()
            ])
        done.extend(keys)


@dataclass(slots=True)
class TextEdges:
    """Verified near-duplicate pairs (as row numbers of ``ad_ids``) and their estimated similarity."""

    a: np.ndarray
    b: np.ndarray
    similarity: np.ndarray
    stock_shingles: int


def load_shingles(store: Store, index: dict[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """All stored shingles as (values, offsets) in the row order of ``index`` (ad id -> row)."""
    parts: list[np.ndarray] = [np.empty(0, np.uint32)] * len(index)
    with store.connect() as conn:
        for ad_id, blob in conn.execute(select(text_features.c.ad_id, text_features.c.shingles)):
            row = index.get(ad_id)
            if row is not None:
                parts[row] = np.frombuffer(blob, dtype=np.uint32)
    lengths = np.fromiter((len(p) for p in parts), dtype=np.int64, count=len(parts))
    offsets = np.zeros(len(parts) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    values = np.concatenate(parts) if parts else np.empty(0, np.uint32)
    return values, offsets


def _signatures(values: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """MinHash signatures (rows x PERMUTATIONS, uint32) by multiply-shift hashing; empty rows get max."""
    n = len(offsets) - 1
    out = np.full((n, PERMUTATIONS), np.iinfo(np.uint32).max, dtype=np.uint32)
    step = 20000
    for lo in range(0, n, step):
        hi = min(n, lo + step)
        vals = values[offsets[lo] : offsets[hi]].astype(np.uint64).reshape(-1, 1)
        if not len(vals):
            continue
        hashed = ((vals * _A + _B) >> np.uint64(32)).astype(np.uint32)
        starts = offsets[lo:hi] - offsets[lo]
        nonempty = offsets[lo + 1 : hi + 1] > offsets[lo:hi]
        reduced = np.minimum.reduceat(hashed, starts[nonempty], axis=0)
        out[lo:hi][nonempty] = reduced
    return out


def _candidates(sig: np.ndarray, usable: np.ndarray) -> np.ndarray:
    """Candidate pairs (k x 2 rows, a < b) from LSH bands: each bucket as a chain and a star."""
    rows = np.flatnonzero(usable)
    pairs = []
    for band in range(BANDS):
        part = np.ascontiguousarray(sig[rows, band * ROWS : (band + 1) * ROWS])
        key = np.zeros(len(rows), dtype=np.uint64)
        for col in range(ROWS):
            key = key * np.uint64(1_000_003) + part[:, col].astype(np.uint64)
        order = np.argsort(key, kind="stable")
        k, r = key[order], rows[order]
        same = np.flatnonzero(k[1:] == k[:-1]) + 1
        if not len(same):
            continue
        starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
        head = starts[np.searchsorted(starts, same, side="right") - 1]
        pairs.append(np.stack([r[same - 1], r[same]], axis=1))
        pairs.append(np.stack([r[head], r[same]], axis=1))
    if not pairs:
        return np.empty((0, 2), dtype=np.int64)
    both = np.concatenate(pairs).astype(np.int64)
    both.sort(axis=1)
    both = both[both[:, 0] != both[:, 1]]
    return np.unique(both, axis=0)


def near_duplicates(values: np.ndarray, offsets: np.ndarray) -> TextEdges:
    """Verified near-duplicate pairs among all ads, with stock shingles (learned from ``values``) dropped."""
    n = len(offsets) - 1
    cut = max(DF_FLOOR, int(DF_SHARE * n))
    uniq, df = np.unique(values, return_counts=True)
    stock = uniq[df > cut]
    keep = ~np.isin(values, stock, assume_unique=False) if len(stock) else np.ones(len(values), bool)
    kept_values = values[keep]
    doc = np.repeat(np.arange(n), np.diff(offsets))
    kept_counts = np.bincount(doc[keep], minlength=n).astype(np.int64)
    kept_offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(kept_counts, out=kept_offsets[1:])
    sig = _signatures(kept_values, kept_offsets)
    usable = kept_counts >= MIN_SHARED
    pairs = _candidates(sig, usable)
    if not len(pairs):
        empty = np.empty(0, np.int64)
        return TextEdges(empty, empty, np.empty(0), len(stock))
    sim = np.empty(len(pairs))
    for lo in range(0, len(pairs), 500_000):
        p = pairs[lo : lo + 500_000]
        sim[lo : lo + len(p)] = (sig[p[:, 0]] == sig[p[:, 1]]).mean(axis=1)
    size = kept_counts[pairs[:, 0]] + kept_counts[pairs[:, 1]]
    shared = sim / (1.0 + sim) * size
    ok = (sim >= MIN_SIMILARITY) & (shared >= MIN_SHARED)
    return TextEdges(pairs[ok, 0], pairs[ok, 1], sim[ok], len(stock))
