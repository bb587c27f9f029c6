"""Reference check: Clew's phone extractor against libphonenumber's matcher test cases.

Agreement per task is the share of cases where Clew reads exactly the expected substrings (and,
where the case gives one, the expected span). libphonenumber's own PhoneNumberMatcher runs on the
same cases as a baseline. Upstream validity comes from test metadata, so validity disagreements
are expected; boundaries and context rejects are what this checks.

    python bench/phone_reference.py ../shared/data/libphonenumber_matcher.jsonl [--show N]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict

import phonenumbers

from clew.extract.phone import read_phones


def _expected(case: dict) -> list[str]:
    if case.get("task") == "phone_leniency":
        return list(case["expected"]) if case["expected_found_at_leniency"]["VALID"] else []
    return list(case.get("expected") or [])


def _matcher(text: str, region: str) -> list[tuple[str, int, int]]:
    leniency = phonenumbers.Leniency.VALID
    try:
        return [(m.raw_string, m.start, m.end) for m in phonenumbers.PhoneNumberMatcher(text, region, leniency)]
    except Exception:
        return []


def _really_valid(text: str, region: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(text, region))
    except phonenumbers.NumberParseException:
        return False


def _agrees(found: list[tuple[str, int, int]], case: dict, expected: list[str]) -> bool:
    if sorted(t for t, _, _ in found) != sorted(expected):
        return False
    span = case.get("expected_span")
    return not span or (len(found) == 1 and [found[0][1], found[0][2]] == list(span))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path")
    parser.add_argument("--show", type=int, default=0, help="print up to N disagreements per task")
    args = parser.parse_args()
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    shown: dict[str, int] = defaultdict(int)
    with open(args.path, encoding="utf-8") as lines:
        for line in lines:
            case = json.loads(line)
            task = case["task"]
            region = case.get("region") or "ZZ"
            expected = _expected(case)
            clew = [(s.text, s.start, s.end) for s in read_phones(case["text"], region)]
            base = _matcher(case["text"], region)
            ok = _agrees(clew, case, expected)
            if task == "phone_in_context":
                # upstream validity is test metadata: split out the cases real metadata agrees on
                task += " (real-valid)" if all(_really_valid(e, region) for e in expected) else " (test-only)"
            row = totals[task]
            row[0] += 1
            row[1] += ok
            row[2] += _agrees(base, case, expected)
            if not ok and shown[task] < args.show:
                shown[task] += 1
                print(f"[{task}] {region} {case['text']!r}: expected {expected} got {[t for t, _, _ in clew]}")
    print(f"\n{'task':<24}{'cases':>7}{'clew':>9}{'matcher':>9}")
    all_n = all_ok = all_base = 0
    for task, (n, ok, base) in sorted(totals.items()):
        print(f"{task:<24}{n:>7}{ok / n:>9.3f}{base / n:>9.3f}")
        all_n, all_ok, all_base = all_n + n, all_ok + ok, all_base + base
    print(f"{'all':<24}{all_n:>7}{all_ok / all_n:>9.3f}{all_base / all_n:>9.3f}")


if __name__ == "__main__":
    main()
