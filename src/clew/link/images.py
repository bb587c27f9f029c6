"""Images: perceptual hashes (pHash and dHash) of ads' pictures, so crops and re-encodes link ads.

Hashes are computed once per ad and kept. Lookup splits each 64-bit pHash into bands and compares
only pictures that agree on a whole band (multi-index hashing), never all pairs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from sqlalchemy import select

from clew.store import Store
from clew.store.networks import image_hashes, image_scans
from clew.store.schema import ads

#: bands the 64-bit pHash is split into for lookup (pictures within 3 bits always share one)
BANDS = 4
#: near-identical: pHash and dHash each within these many bits of 64
MAX_PHASH_BITS = 8
MAX_DHASH_BITS = 12


def hash_image(path: Path) -> tuple[str, str] | None:
    """(pHash, dHash) of one picture as hex, or None when it cannot be read as an image."""
    import imagehash
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image.load()
            return str(imagehash.phash(image)), str(imagehash.dhash(image))
    except (OSError, UnidentifiedImageError, ValueError):
        return None


def _inside(folder: Path, name: str) -> Path | None:
    path = (folder / name).resolve()
    return path if path.is_relative_to(folder) and path.is_file() else None


def update_hashes(store: Store, images_dir: Path, progress: Callable[[int, int], None] | None = None) -> int:
    """Hash the pictures of every ad not read yet (or changed) that are files under ``images_dir``."""
    folder = Path(images_dir).resolve()
    done, after = 0, 0
    while True:
        with store.connect() as conn:
            rows = conn.execute(
                select(ads.c.id, ads.c.content_key, ads.c.images, image_scans.c.content_key)
                .outerjoin(image_scans, image_scans.c.ad_id == ads.c.id)
                .where(ads.c.id > after)
                .order_by(ads.c.id)
                .limit(5000)
            ).all()
        if not rows:
            return done
        after = rows[-1][0]
        stale = [(ad_id, key, images or []) for ad_id, key, images, had in rows if had != key]
        if not stale:
            continue
        found = []
        for ad_id, _, images in stale:
            for name in images:
                path = _inside(folder, str(name)) if isinstance(name, str) else None
                hashed = hash_image(path) if path is not None else None
                if hashed is not None:
                    found.append({"ad_id": ad_id, "image": name, "phash": hashed[0], "dhash": hashed[1]})
        ids = [ad_id for ad_id, _, _ in stale]
        with store.transaction() as conn:
            conn.execute(image_hashes.delete().where(image_hashes.c.ad_id.in_(ids)))
            conn.execute(image_scans.delete().where(image_scans.c.ad_id.in_(ids)))
            if found:
                conn.execute(image_hashes.insert(), found)
            conn.execute(image_scans.insert(), [{"ad_id": a, "content_key": k} for a, k, _ in stale])
        done += len(stale)
        if progress is not None:
            progress(done, 0)


def load_hashes(store: Store) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """(ad ids, pHash, dHash as uint64, image names) of every hashed picture, by ad id."""
    with store.connect() as conn:
        rows = conn.execute(
            select(image_hashes.c.ad_id, image_hashes.c.phash, image_hashes.c.dhash, image_hashes.c.image)
            .order_by(image_hashes.c.ad_id, image_hashes.c.id)
        ).all()
    ad_ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    phash = np.fromiter((int(r[1], 16) for r in rows), dtype=np.uint64, count=len(rows))
    dhash = np.fromiter((int(r[2], 16) for r in rows), dtype=np.uint64, count=len(rows))
    return ad_ids, phash, dhash, [r[3] for r in rows]


def _bits(x: np.ndarray) -> np.ndarray:
    """Set bits per uint64 value."""
    as_bytes = x.view(np.uint8).reshape(-1, 8)
    return np.unpackbits(as_bytes, axis=1).sum(axis=1)


def near_identical(phash: np.ndarray, dhash: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (i, j, pHash distance) of near-identical pictures, found through pHash band buckets."""
    n = len(phash)
    pairs = []
    for band in range(BANDS):
        key = (phash >> np.uint64(16 * band)) & np.uint64(0xFFFF)
        order = np.argsort(key, kind="stable")
        k = key[order]
        starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]]) if n else np.empty(0, np.int64)
        ends = np.r_[starts[1:], n]
        for s, e in zip(starts, ends, strict=True):
            if e - s < 2:
                continue
            members = order[s:e]
            ii, jj = np.triu_indices(len(members), 1)
            pairs.append(np.stack([members[ii], members[jj]], axis=1))
    if not pairs:
        empty = np.empty(0, np.int64)
        return empty, empty, empty
    both = np.concatenate(pairs)
    both.sort(axis=1)
    both = np.unique(both, axis=0)
    dp = _bits(phash[both[:, 0]] ^ phash[both[:, 1]])
    dd = _bits(dhash[both[:, 0]] ^ dhash[both[:, 1]])
    ok = (dp <= MAX_PHASH_BITS) & (dd <= MAX_DHASH_BITS)
    return both[ok, 0], both[ok, 1], dp[ok]
