"""URL identifiers: lower-case host, no scheme, www, trailing slash or tracking parameters."""

from __future__ import annotations

import pytest

from clew.identifiers import url


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("https://WWW.CandyXO.com/", "candyxo.com"),
        ("http://candyxo.com/p/Me?utm_source=x&id=3#top", "candyxo.com/p/Me?id=3"),
        ("candyxo.com:443/a/", "candyxo.com/a"),
        ("example.org:8080/x", "example.org:8080/x"),
        ("(www.example.org)", "example.org"),
    ],
)
def test_normalize(raw: str, value: str) -> None:
    assert url.normalize(raw) == value
    assert url.validate(value)


@pytest.mark.parametrize("raw", ["", "candyxo dot com", "x.notatld", "http://1.2.3.4/", "two words.com"])
def test_not_urls(raw: str) -> None:
    assert url.normalize(raw) is None


def test_host() -> None:
    assert url.host("candyxo.com/p?x=1") == "candyxo.com"
    assert not url.validate("www.candyxo.com")
