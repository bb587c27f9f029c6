"""Service-mode extractor: incall, outcall, car dates and venues; refused modes are not offered."""

from __future__ import annotations

import pytest

from clew.extract.service_mode import read_service_modes


@pytest.mark.parametrize(
    ("text", "modes"),
    [
        ("incall only", ["incall"]),
        ("Outcalls", ["outcall"]),
        ("in & out calls", ["incall", "outcall"]),
        ("car dates", ["car"]),
        ("hotel incall", ["hotel", "incall"]),
        ("staying at the Marriott", ["hotel"]),
        ("Motel 6", ["motel"]),
        ("super 8", ["motel"]),
    ],
)
def test_reads_modes(text: str, modes: list[str]) -> None:
    spans = read_service_modes(text)
    assert [s.value for s in spans] == modes
    assert all(text[s.start : s.end] == s.text for s in spans)


@pytest.mark.parametrize("text", ["no outcalls", "sorry no car dates", "inn", "intercall", "recall", ""])
def test_not_modes(text: str) -> None:
    assert read_service_modes(text) == []


def test_venue_detail() -> None:
    [s] = read_service_modes("staying at the Marriott")
    assert s.detail == {"mode": "hotel", "venue": "marriott"}
