"""E-mail identifiers: one canonical address from any surface form."""

from __future__ import annotations

import pytest

from clew.identifiers import email


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("Candy.XO@Example.com", "candy.xo@example.com"),
        ("mailto:candy@example.org", "candy@example.org"),
        ("candy at gmail dot com", "candy@gmail.com"),
        ("candy[at]example(dot)org", "candy@example.org"),
        ("<candy@example.com>", "candy@example.com"),
    ],
)
def test_normalize(raw: str, value: str) -> None:
    assert email.normalize(raw) == value
    assert email.validate(value)
    assert email.display(value) == value


@pytest.mark.parametrize("raw", ["", "   ", "candy", "candy@", "@example.com", "meet at 5 dot 30", "a@b.notatld"])
def test_not_addresses(raw: str) -> None:
    assert email.normalize(raw) is None


def test_validate_rejects_non_canonical() -> None:
    assert not email.validate("Candy@Example.com")
    assert not email.validate("a..b@example.com")
    assert email.domain("candy@example.com") == "example.com"
