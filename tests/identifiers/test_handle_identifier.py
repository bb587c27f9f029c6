"""Handle identifiers: ``platform:handle`` with canonical platform names."""

from __future__ import annotations

import pytest

from clew.identifiers import handle


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("snapchat:CandyXO", "snapchat:candyxo"),
        ("sc: candyxo", "snapchat:candyxo"),
        ("IG @candy.xo", "instagram:candy.xo"),
        ("t.me/candyxo", "telegram:candyxo"),
        ("https://onlyfans.com/candyxo", "onlyfans:candyxo"),
    ],
)
def test_normalize(raw: str, value: str) -> None:
    assert handle.normalize(raw) == value
    assert handle.validate(value)


@pytest.mark.parametrize("raw", ["", "candyxo", "myspace:candyxo", "snapchat:", "telegram:ab", "snapchat:12345"])
def test_not_handles(raw: str) -> None:
    assert handle.normalize(raw) is None


def test_platform_and_display() -> None:
    assert handle.platform("Snap Chat") == "snapchat"
    assert handle.platform("nope") is None
    assert handle.display("snapchat:candyxo") == "snapchat @candyxo"
    assert not handle.validate("snapchat:CandyXO")
