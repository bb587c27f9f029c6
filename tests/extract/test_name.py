"""Name extractor: the poster's name after a cue, never an adjective, a number or an ethnicity."""

from __future__ import annotations

import pytest

from clew.extract.name import read_names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hi I'm Candy", "Candy"),
        ("I am Jasmine", "Jasmine"),
        ("my name is Candy Rose", "Candy Rose"),
        ("ask for Bella", "Bella"),
        ("call me Mia", "Mia"),
        ("it's Roxy", "Roxy"),
        ("me llamo Valentina", "Valentina"),
        ("soy Camila", "Camila"),
        ("Hey guys, Candy here!", "Candy"),
        ("Hey Candy here", "Candy"),
        ("I'm Candy Available now", "Candy"),
        ("I'm CANDY", "Candy"),
    ],
)
def test_reads_names(text: str, name: str) -> None:
    spans = read_names(text)
    assert [s.value for s in spans] == [name]
    assert text[spans[0].start : spans[0].end] == spans[0].text


@pytest.mark.parametrize(
    "text",
    ["I'm new", "I'm available", "I'm 22", "I'm here", "I'm Latina", "Click here", "Right here",
     "Im Sweet", "Fun times here", "I'm Available Tonight", "i'm candy", ""],
)
def test_not_names(text: str) -> None:
    assert read_names(text) == []
