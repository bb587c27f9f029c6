"""Phone precision/recall and speed on generated ads: Clew's phone extractor beside PhoneNumberMatcher.

Both get the region Clew infers for the ad; both run on one core over the same ads in the same
run. Goal: precision >= 0.995, recall >= 0.99. The generator is a check, not the target: real ad
text is scored by the hand-written adversarial suite in tests/extract/test_phone.py.

    python bench/extract_phone_eval.py [--ads 20000] [--seed 7] [--show 10]
"""

from __future__ import annotations

import argparse
import time

import phonenumbers

from clew.extract import context_for
from clew.extract.phone import read_phones


class _Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, found: set[str], truth: set[str]) -> None:
        self.tp += len(found & truth)
        self.fp += len(found - truth)
        self.fn += len(truth - found)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _matcher(text: str, region: str) -> set[str]:
    return {
        phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
        for m in phonenumbers.PhoneNumberMatcher(text, region)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ads", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=0, help="print up to N misses and false readings")
    args = parser.parse_args()
    try:
        from clew.synth import iter_ads
    except ImportError as exc:
        raise SystemExit(f"clew.synth is not available yet ({exc}); nothing to evaluate") from exc

    corpus = list(iter_ads(args.ads, args.seed))
    rows = []
    for ad, truth in corpus:
        region = context_for(location=ad.get("location"), url=ad.get("url"), title=ad.get("title")).region or "US"
        rows.append((ad.get("title") or "", ad.get("body") or "", region, set(truth.get("phones") or [])))

    clew, base = _Score(), _Score()
    shown = 0
    started = time.perf_counter()
    found_clew = [{s.value for t in (title, body) for s in read_phones(t, region)} for title, body, region, _ in rows]
    clew_seconds = time.perf_counter() - started
    started = time.perf_counter()
    found_base = [_matcher(f"{title}\n{body}", region) for title, body, region, _ in rows]
    base_seconds = time.perf_counter() - started
    for (title, body, region, truth), mine, theirs in zip(rows, found_clew, found_base, strict=True):
        clew.add(mine, truth)
        base.add(theirs, truth)
        if mine != truth and shown < args.show:
            shown += 1
            print(f"[{region}] missed {sorted(truth - mine)} extra {sorted(mine - truth)}: {(title + ' | ' + body)[-240:]!r}")

    n = len(rows)
    print(f"\nphones over {n:,} generated ads (seed {args.seed}), one core")
    print(f"{'method':<36}{'ads/s':>10}{'precision':>11}{'recall':>9}")
    print(f"{'phonenumbers.PhoneNumberMatcher':<36}{n / base_seconds:>10,.0f}{base.precision:>11.4f}{base.recall:>9.4f}")
    print(f"{'clew phone extractor':<36}{n / clew_seconds:>10,.0f}{clew.precision:>11.4f}{clew.recall:>9.4f}")
    print(f"speed ratio {base_seconds / clew_seconds:.2f}x; goal P >= 0.995 and R >= 0.99: "
          f"{'met' if clew.precision >= 0.995 and clew.recall >= 0.99 else 'NOT met'}")


if __name__ == "__main__":
    main()
