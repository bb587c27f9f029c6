"""Stats extractor: heights, weights, measurements and sizes, read as what they are."""

from __future__ import annotations

import pytest

from clew.extract import extract_text
from clew.extract.stats import read_stats


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("5'4", "5'4\"", "height"),
        ("5ft4", "5'4\"", "height"),
        ("5 foot 4", "5'4\"", "height"),
        ("5\u20194\u201d", "5'4\"", "height"),
        ("5 feet", "5'0\"", "height"),
        ("165cm", "165cm", "height"),
        ("120lbs", "120lbs", "weight"),
        ("130 lbs", "130lbs", "weight"),
        ("55kg", "55kg", "weight"),
        ("34D-24-36", "34D-24-36", "measurements"),
        ("34-24-36", "34-24-36", "measurements"),
        ("36dd/26/38", "36DD-26-38", "measurements"),
        ("36DD", "36DD", "cup"),
        ("dress size 4", "4", "dress_size"),
        ("Size: S", "s", "dress_size"),
        ("shoe size 7.5", "7.5", "shoe_size"),
    ],
)
def test_reads_stats(text: str, value: str, kind: str) -> None:
    spans = read_stats(text)
    assert [(s.value, s.detail["type"]) for s in spans] == [(value, kind)]
    assert text[spans[0].start : spans[0].end] == spans[0].text


def test_full_stat_line() -> None:
    spans = read_stats("36-24-36 5'6 130 lbs")
    assert [s.detail["type"] for s in spans] == ["measurements", "height", "weight"]
    assert spans[1].text == "5'6" and spans[1].detail["cm"] == 168


@pytest.mark.parametrize(
    "text",
    ["call 702-555-0142", "24/7", "12/24/23", "I'm 5'", "$200", "19yo", "2lbs", "900 lbs", "12-14-16", ""],
)
def test_hard_negatives(text: str) -> None:
    assert read_stats(text) == []


def test_measurements_are_not_also_cups() -> None:
    assert [s.detail["type"] for s in read_stats("34D-24-36")] == ["measurements"]


def test_registered() -> None:
    assert [s.value for s in extract_text("stats 34C-24-34", names=["stats"])] == ["34C-24-34"]
