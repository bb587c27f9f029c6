"""Benchmark: synthetic corpus generation speed, ads/s on one core, streaming ads and truth to disk.

The baseline, measured in the same run, is the floor any generator pays: serialising ready-made
rows of the same shape with orjson and writing them. Goal: >= 20,000 ads/s for the generator.

    python bench/generate.py [--ads 100000] [--seed 1]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import orjson

from clew.synth import generate, iter_ads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ads", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out, truth = Path(tmp) / "ads.jsonl", Path(tmp) / "truth.jsonl"
        sample = list(iter_ads(2000, args.seed))
        started = time.perf_counter()
        with out.open("wb") as a, truth.open("wb") as t:
            for i in range(args.ads):
                ad, row = sample[i % len(sample)]
                a.write(orjson.dumps(ad) + b"\n")
                t.write(orjson.dumps(row) + b"\n")
        floor = time.perf_counter() - started
        started = time.perf_counter()
        summary = generate(args.ads, args.seed, out, truth=truth)
        seconds = time.perf_counter() - started
        size = out.stat().st_size + truth.stat().st_size
    print(f"{'step':<34}{'seconds':>10}{'ads/s':>12}")
    print(f"{'baseline: serialise + write rows':<34}{floor:>10.2f}{args.ads / floor:>12,.0f}")
    print(f"{'clew.synth.generate (+ truth)':<34}{seconds:>10.2f}{args.ads / seconds:>12,.0f}")
    print(f"\n{size / 1e6:.1f} MB written; {summary.as_dict()}")


if __name__ == "__main__":
    main()
