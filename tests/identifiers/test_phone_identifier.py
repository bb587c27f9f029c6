"""Phone identifiers: one number typed fifteen-plus ways normalizes to one E.164 value."""

from __future__ import annotations

import pytest

from clew.identifiers import Identifier, display, normalize, phone, validate

SURFACES = [
    "(702) 555-0142",
    "702-555-0142",
    "702.555.0142",
    "702 555 0142",
    "7025550142",
    "17025550142",
    "1-702-555-0142",
    "+1 702 555 0142",
    "+1 (702) 555-0142",
    "+17025550142",
    "seven 0 two 555 oh one four two",
    "seven oh two five five five oh one four two",
    "7o2.555.Ol42",
    "\uff17\uff10\uff12\uff15\uff15\uff15\uff10\uff11\uff14\uff12",
    "\u2466\u24ea\u2461 \u2464\u2464\u2464 \u24ea\u2460\u2463\u2461",
    "7\ufe0f\u20e30\ufe0f\u20e32\ufe0f\u20e3 555 0142",
    "siete cero dos cinco cinco cinco cero uno cuatro dos",
    "call me at 702 555 0142",
    "011 1 702 555 0142",
]


@pytest.mark.parametrize("raw", SURFACES)
def test_every_surface_form_normalizes_to_one_value(raw: str) -> None:
    assert phone.normalize(raw) == "+17025550142"
    assert normalize("phone", raw) == Identifier("phone", "+17025550142")


def test_region_reads_national_numbers() -> None:
    assert phone.normalize("0491 570 006", "AU") == "+61491570006"
    assert phone.normalize("0491 570 006", "au") == "+61491570006"
    assert phone.normalize("0491 570 006") is None
    assert phone.normalize("+61 491 570 006") == "+61491570006"


@pytest.mark.parametrize("raw", ["", "   ", "hello", "555-0142", "$200", "12345678901234567890", "01/15/2026"])
def test_non_numbers_normalize_to_none(raw: str) -> None:
    assert phone.normalize(raw) is None


def test_validate_and_display() -> None:
    assert phone.validate("+17025550142")
    assert validate(Identifier("phone", "+61491570006"))
    assert not phone.validate("7025550142")
    assert not phone.validate("+1702555")
    assert not phone.validate("+1234")
    assert phone.display("+17025550142") == "+1 702-555-0142"
    assert display(Identifier("phone", "+61491570006")) == "+61 491 570 006"


def test_last_digits_for_partial_search() -> None:
    assert phone.last_digits("(702) 555-0142") == "5550142"
    assert phone.last_digits("seven oh two 555 oh one four two", n=4) == "0142"
    assert phone.last_digits("555-0142") == "5550142"
    assert phone.last_digits("0142") is None
