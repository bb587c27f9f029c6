"""URL extractor: URLs and bare domains, normalized, never an e-mail's domain or prose."""

from __future__ import annotations

import pytest

from clew.extract.url import read_urls


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("see https://WWW.CandyXO.example.com/Pics/?utm_source=x&id=4.", "candyxo.example.com/Pics?id=4"),
        ("www.candyxo.com", "candyxo.com"),
        ("candyxo.com", "candyxo.com"),
        ("candyxo dot com", "candyxo.com"),
        ("candyxo[.]net", "candyxo.net"),
        ("(http://candyxo.xxx/a_(b))", "candyxo.xxx/a_(b)"),
        ("see (candyxo.com).", "candyxo.com"),
        ("onlyfans.com/candyxo", "onlyfans.com/candyxo"),
        ("hxxp://bad.example.org/x", "bad.example.org/x"),
        ("http://example.org/page/?fbclid=abc", "example.org/page"),
    ],
)
def test_reads_urls(text: str, value: str) -> None:
    spans = read_urls(text)
    assert [s.value for s in spans] == [value]
    assert text[spans[0].start : spans[0].end] == spans[0].text


@pytest.mark.parametrize(
    "text",
    [
        "meet at 5 dot 30",
        "at the hotel dot",
        "candy@example.com",
        "candy at gmail dot com",
        "I'm new.Me and",
        "e.g. this",
        "a.m. or p.m.",
        "new.me",
        "Call me.ok",
        "1.50",
        "the dot com era",
        "",
    ],
)
def test_not_urls(text: str) -> None:
    assert read_urls(text) == []
