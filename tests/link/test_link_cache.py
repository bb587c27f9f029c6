"""Kept arrays: stored in pages, read back as written; a run rewrites only the pages that changed."""

from __future__ import annotations

import numpy as np
import pytest

from clew.link import cache
from clew.store import Store


def _bytes(rows: dict[str, bytes | np.ndarray]) -> dict[str, bytes]:
    return {name: data if isinstance(data, bytes) else data.tobytes() for name, data in rows.items()}


def test_pages_round_trip_and_only_changed_pages_are_written(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "PAGE", 64)
    keys = np.arange(100 * 4, dtype=np.uint64).reshape(100, 4)
    arrays = {"keys": keys, "ids": np.arange(100, dtype=np.int64), "none": np.empty(0, np.uint32)}
    rows = cache.encode("t", arrays)
    with store.transaction() as conn:
        assert cache.write(conn, {}, rows) == len(rows) == 1 + 50 + 13
    stored = cache.read(store, ["t"])
    assert stored == _bytes(rows)
    back = cache.decode(stored, "t")
    assert back is not None and all(np.array_equal(back[k], v) and back[k].dtype == v.dtype for k, v in arrays.items())
    # one key changed and two rows appended: that page, a new last one, the last ids page and the index
    grown = {"keys": np.concatenate([keys, keys[:2]]), "ids": np.arange(102, dtype=np.int64), "none": arrays["none"]}
    grown["keys"][10, 0] = 7
    after = cache.encode("t", grown)
    with store.transaction() as conn:
        assert cache.write(conn, stored, after) == 1 + 2 + 1  # index, keys pages 5 and 50, ids page 12
    assert cache.read(store, ["t"]) == _bytes(after)
    # fewer rows: the pages past the end go
    with store.transaction() as conn:
        cache.write(conn, after, cache.encode("t", {"ids": np.arange(3, dtype=np.int64)}))
    assert sorted(cache.read(store, ["t"])) == ["t.ids.00000", "t.index"]
    del stored["t.keys.00003"]
    assert cache.decode(stored, "t") is None
