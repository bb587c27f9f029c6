"""The kept text index: extending it by new ads gives exactly what building it over all ads gives."""

from __future__ import annotations

import numpy as np
import pytest

import clew.link.text as txt


def _corpus(seed: int, n: int) -> list[np.ndarray]:
    """Shingle sets of ``n`` ads: templates reused with words dropped, own words, and stock shingles whose
    counts sit around the cut, so adding ads moves some of them in and out of stock."""
    rng = np.random.default_rng(seed)
    templates = [rng.integers(0, 2**32, 30, dtype=np.uint64).astype(np.uint32) for _ in range(n // 12)]
    stock = rng.integers(0, 2**32, 40, dtype=np.uint64).astype(np.uint32)
    share = rng.uniform(0.02, 0.2, len(stock))
    out = []
    for _ in range(n):
        parts = [rng.integers(0, 2**32, rng.integers(0, 8), dtype=np.uint64).astype(np.uint32),
                 stock[rng.random(len(stock)) < share]]
        if rng.random() < 0.85:
            words = templates[rng.integers(len(templates))]
            parts.append(words[rng.random(len(words)) < rng.uniform(0.5, 1.0)])
        out.append(np.unique(np.concatenate(parts)))
    return out


def _arrays(sets: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    offsets = np.zeros(len(sets) + 1, np.int64)
    np.cumsum([len(s) for s in sets], out=offsets[1:])
    return np.concatenate([np.empty(0, np.uint32), *sets]).astype(np.uint32), offsets


def _same(got: txt.TextIndex, want: txt.TextIndex) -> None:
    for name in txt.TextIndex.NAMES:
        assert np.array_equal(getattr(got, name), getattr(want, name)), name


@pytest.mark.parametrize("seed", range(6))
def test_extending_the_index_equals_building_it(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # a cut that moves with the number of ads (the real one does past 25,000 ads)
    monkeypatch.setattr(txt, "DF_FLOOR", 5)
    monkeypatch.setattr(txt, "DF_SHARE", 0.06)
    sets = _corpus(seed, 900)
    ad_ids = np.arange(1, 3 * len(sets) + 1, 3, dtype=np.int64)  # ids with gaps, as deleted ads leave
    by_id = dict(zip(ad_ids.tolist(), sets, strict=True))

    def read(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return _arrays([by_id[i] for i in ids.tolist()])

    def containing(ids: np.ndarray, values: np.ndarray) -> np.ndarray:
        return np.array([r for r, i in enumerate(ids.tolist()) if np.isin(by_id[i], values).any()], np.int64)

    want = txt.build_index(ad_ids, *_arrays(sets))
    assert len(want.a) > 100
    flips = 0
    for steps in ((600, 900), (300, 700, 701, 900), (899, 900)):
        index = txt.build_index(ad_ids[: steps[0]], *_arrays(sets[: steps[0]]))
        for end in steps[1:]:
            cut_before = txt._cut(len(index.ad_ids))
            before = index.df_values[index.df_counts > cut_before]
            index = txt.update_index(index, ad_ids[:end], read(ad_ids[len(index.ad_ids) : end]), read, containing)
            assert index is not None
            flips += len(np.setxor1d(before, index.df_values[index.df_counts > txt._cut(end)]))
            _same(index, txt.build_index(ad_ids[:end], *_arrays(sets[:end])))
        _same(index, want)
    assert flips > 0


def test_an_index_is_extended_only_by_ads_after_its_own() -> None:
    sets = _corpus(1, 50)
    ad_ids = np.arange(1, 51, dtype=np.int64)
    index = txt.build_index(ad_ids[::2], *_arrays(sets[::2]))

    def refuse(*args: object) -> tuple[np.ndarray, np.ndarray]:
        raise AssertionError("read")

    nothing = (np.empty(0, np.uint32), np.zeros(1, np.int64))
    assert txt.update_index(index, ad_ids, nothing, refuse, refuse) is None  # ads between the kept ones
    assert txt.update_index(index, ad_ids[::2][1:], nothing, refuse, refuse) is None  # the first ad gone
    _same(txt.TextIndex.from_arrays(index.arrays()), index)
