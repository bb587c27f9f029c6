"""E-mail extractor: plain and obfuscated addresses, and the prose that only looks like one."""

from __future__ import annotations

import pytest

from clew.extract import extract_text
from clew.extract.email import read_emails


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("write candy.xo@Example.com now", "candy.xo@example.com"),
        ("candy at gmail dot com", "candy@gmail.com"),
        ("candy[at]gmail(dot)com", "candy@gmail.com"),
        ("candy @ gmail . com", "candy@gmail.com"),
        ("candy (at) gmail", "candy@gmail.com"),
        ("candy AT gmail DOT com", "candy@gmail.com"),
        ("candy{at}example{dot}org.", "candy@example.org"),
        ("email: kitty_22 at yahoo", "kitty_22@yahoo.com"),
        ("candy at gmaildotcom", "candy@gmail.com"),
        ("c a n d y @ g m a i l . c o m", "candy@gmail.com"),
        ("CANDY.XO@EXAMPLE.ORG", "candy.xo@example.org"),
        ("mail me: sweet-kitty+ads@mail.example.co.uk!", "sweet-kitty+ads@mail.example.co.uk"),
        ("candy＠example.com", "candy@example.com"),
        ("candy -at- protonmail -dot- com", "candy@protonmail.com"),
        ("mail candy.xo @ gmail. com. candyxo.example.net", "candy.xo@gmail.com"),
        ("mail candy_xo at outlook[dot]com. sexy and sweet", "candy_xo@outlook.com"),
    ],
)
def test_reads_addresses(text: str, value: str) -> None:
    spans = read_emails(text)
    assert [s.value for s in spans] == [value]
    s = spans[0]
    assert text[s.start : s.end] == s.text and s.extractor == "email" and s.kind == "email"


@pytest.mark.parametrize(
    "text",
    [
        "meet at 5 dot 30",
        "at the hotel dot",
        "text me at candy dot com",
        "stay at home tonight",
        "@candyxo on ig",
        "me@x",
        "available at night. dot your i's",
        "I'm at the Hilton",
        "rates at 150 hh",
        "",
        "@@@@",
        "ig @candyxo. wa.me/5550142",
    ],
)
def test_prose_is_not_an_address(text: str) -> None:
    assert read_emails(text) == []


def test_stops_at_the_last_tld() -> None:
    [s] = read_emails("foo@bar.example.com.hello")
    assert s.value == "foo@bar.example.com" and s.text == "foo@bar.example.com"


def test_two_addresses_and_confidence_order() -> None:
    spans = read_emails("a.b@example.com or candy at gmail dot com")
    assert [s.value for s in spans] == ["a.b@example.com", "candy@gmail.com"]
    assert spans[0].confidence > spans[1].confidence


def test_registered() -> None:
    spans = extract_text("x: candy@example.com", names=["email"])
    assert [s.value for s in spans] == ["candy@example.com"]
