"""E-mail, handle and age precision/recall/F1 on generated ads, against the generator's truth.

Goal F1 >= 0.98. The generator is a check, not the target: real ad text is scored by the
hand-written suites in tests/extract/.

    python bench/extract_eval.py [--ads 5000] [--seed 11] [--show 10]
"""

from __future__ import annotations

import argparse
import time

from clew.extract import extract_ad
from clew.synth import iter_ads


class _Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.misses: list[tuple[str, str, str]] = []

    def add(self, found: set[str], truth: set[str], text: str, show: int) -> None:
        self.tp += len(found & truth)
        self.fp += len(found - truth)
        self.fn += len(truth - found)
        for tag, values in (("extra", found - truth), ("missed", truth - found)):
            for v in sorted(values):
                if len(self.misses) < show:
                    key = v.split(":")[-1].split("@")[0].lower()
                    i = max(0, text.lower().find(key))
                    self.misses.append((tag, v, text[max(0, i - 40) : i + 40].replace("\n", " ")))

    def row(self, name: str) -> str:
        p = self.tp / max(1, self.tp + self.fp)
        r = self.tp / max(1, self.tp + self.fn)
        f = 2 * p * r / max(1e-9, p + r)
        return f"{name:<8} {p:>9.3f} {r:>7.3f} {f:>6.3f} {self.tp:>6} {self.fp:>5} {self.fn:>5}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ads", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--show", type=int, default=10)
    args = ap.parse_args()
    scores = {k: _Score() for k in ("emails", "handles", "ages")}
    t0 = time.perf_counter()
    n = 0
    for ad, truth in iter_ads(args.ads, args.seed):
        n += 1
        text = f"{ad.get('title') or ''}\n{ad.get('body') or ''}"
        spans = extract_ad(ad.get("title"), ad.get("body"), location=ad.get("location"))
        found = {
            "emails": {s.value for s in spans if s.kind == "email"},
            "handles": {s.value for s in spans if s.kind == "handle"},
            "ages": {s.value for s in spans if s.kind == "age"},
        }
        want = {
            "emails": {e.lower() for e in truth.get("emails") or []},
            "handles": {f"{h['platform']}:{h['handle']}".lower() for h in truth.get("handles") or []},
            "ages": {str(a) for a in truth.get("ages") or []},
        }
        for k, score in scores.items():
            score.add(found[k], want[k], text, args.show)
    elapsed = time.perf_counter() - t0
    print(f"{n} ads, all extractors, {elapsed:.1f}s ({n / elapsed:.0f} ads/s)\n")
    print(f"{'kind':<8} {'precision':>9} {'recall':>7} {'F1':>6} {'tp':>6} {'fp':>5} {'fn':>5}")
    for k, score in scores.items():
        print(score.row(k))
    for k, score in scores.items():
        for tag, value, context in score.misses:
            print(f"  {k} {tag}: {value!r} in ...{context}...")


if __name__ == "__main__":
    main()
