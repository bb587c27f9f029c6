"""Benchmark: Clew's full extraction suite beside phonenumbers.PhoneNumberMatcher alone.

Both run on one core over the same generated ads in the same run; accuracy is scored against the
generator's truth file. Goal (issue 3): Clew's full suite >= 3x the matcher's ads/s (aim 5x) with
its recall; phones precision >= 0.995 and recall >= 0.99; e-mails, handles and ages F1 >= 0.98.

    python bench/extract.py [--ads 100000] [--seed 3]
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Iterable

import phonenumbers

from clew.extract import context_for, extract_ad
from clew.synth import iter_ads


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, found: Iterable[object], truth: Iterable[object]) -> None:
        found_set, truth_set = set(found), set(truth)
        self.tp += len(found_set & truth_set)
        self.fp += len(found_set - truth_set)
        self.fn += len(truth_set - found_set)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _handles(spans: list) -> set[tuple[str, str]]:
    out = set()
    for s in spans:
        if s.kind == "handle" and s.detail:
            out.add((str(s.detail.get("platform", "")).lower(), str(s.detail.get("handle", "")).lower()))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ads", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    corpus = list(iter_ads(args.ads, args.seed))

    clew_phone, emails, handles, ages = Score(), Score(), Score(), Score()
    # the matcher gets the same region Clew infers, so it is not penalised for international ads
    regions = [context_for(location=ad.get("location"), url=ad.get("url"), title=ad.get("title")).region or "US" for ad, _ in corpus]
    extract_ad("Warm up", "in Las Vegas, NV: call 702 555 0142", location="Las Vegas, NV")  # gazetteer, patterns
    # Clew and the matcher take turns on chunks of 500 ads, so both see the same machine load
    results: list[list] = []
    found_all: list[list[str]] = []
    clew_seconds = matcher_seconds = 0.0
    for at in range(0, len(corpus), 500):
        chunk = corpus[at : at + 500]
        started = time.perf_counter()
        results.extend(
            extract_ad(ad.get("title"), ad.get("body"), location=ad.get("location"), url=ad.get("url"))
            for ad, _ in chunk
        )
        clew_seconds += time.perf_counter() - started
        started = time.perf_counter()
        for (ad, _), region in zip(chunk, regions[at : at + 500], strict=True):
            text = f"{ad.get('title') or ''}\n{ad.get('body') or ''}"
            found_all.append(
                [phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
                 for m in phonenumbers.PhoneNumberMatcher(text, region)]
            )
        matcher_seconds += time.perf_counter() - started
    for (_, truth), spans in zip(corpus, results, strict=True):
        clew_phone.add((s.value for s in spans if s.kind == "phone"), truth.get("phones", []))
        emails.add((s.value for s in spans if s.kind == "email"), [e.lower() for e in truth.get("emails", [])])
        handles.add(_handles(spans), {(h["platform"].lower(), h["handle"].lower()) for h in truth.get("handles", [])})
        ages.add((int(s.value) for s in spans if s.kind == "age" and s.value.isdigit()), truth.get("ages", []))
    matcher_phone = Score()
    for (_, truth), found in zip(corpus, found_all, strict=True):
        matcher_phone.add(found, truth.get("phones", []))

    n = len(corpus)
    print(f"\nextraction over {n:,} generated ads (seed {args.seed}), one core; load {os.getloadavg()[0]:.1f}")
    print(f"{'method':<44}{'ads/s':>10}{'phone P':>10}{'phone R':>10}{'ratio':>8}")
    base = n / matcher_seconds
    print(f"{'phonenumbers.PhoneNumberMatcher (baseline)':<44}{base:>10,.0f}{matcher_phone.precision:>10.4f}{matcher_phone.recall:>10.4f}{1:>8.2f}")
    rate = n / clew_seconds
    print(f"{'clew full extraction suite':<44}{rate:>10,.0f}{clew_phone.precision:>10.4f}{clew_phone.recall:>10.4f}{rate / base:>8.2f}")
    print(f"\n{'kind':<10}{'precision':>10}{'recall':>10}{'F1':>8}")
    for name, score in (("phone", clew_phone), ("email", emails), ("handle", handles), ("age", ages)):
        print(f"{name:<10}{score.precision:>10.4f}{score.recall:>10.4f}{score.f1:>8.4f}")
    print(f"\ngoals: speed >= 3x -> {'met' if rate / base >= 3 else 'NOT met'} ({rate / base:.2f}x); "
          f"phones P >= 0.995 and R >= 0.99 -> {'met' if clew_phone.precision >= 0.995 and clew_phone.recall >= 0.99 else 'NOT met'}; "
          f"e-mail/handle/age F1 >= 0.98 -> {'met' if min(emails.f1, handles.f1, ages.f1) >= 0.98 else 'NOT met'}")


if __name__ == "__main__":
    main()
