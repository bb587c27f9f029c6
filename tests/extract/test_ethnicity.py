"""Ethnicity extractor: advertised ethnicities and nationalities, not service slang or colours."""

from __future__ import annotations

import pytest

from clew.extract.ethnicity import read_ethnicities


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Sexy Latina", ["latina"]),
        ("hot Asian girl", ["asian"]),
        ("Ebony queen", ["black"]),
        ("Russian beauty", ["russian"]),
        ("Colombiana", ["colombian"]),
        ("new Thai girl", ["thai"]),
        ("mixed", ["mixed"]),
        ("exotic", ["exotic"]),
        ("white girl", ["white"]),
        ("Puerto Rican", ["puerto rican"]),
        ("black and latina", ["black", "latina"]),
        ("african american", ["black"]),
    ],
)
def test_reads_ethnicities(text: str, labels: list[str]) -> None:
    spans = read_ethnicities(text)
    assert [s.value for s in spans] == labels
    assert all(text[s.start : s.end] == s.text for s in spans)


@pytest.mark.parametrize(
    "text",
    ["French kiss", "Greek", "thai massage", "white sheets", "Black Friday", "spanish speaking",
     "mixed drinks", "brazilian wax", "Latinas-owned", ""],
)
def test_not_ethnicities(text: str) -> None:
    assert read_ethnicities(text) == []
