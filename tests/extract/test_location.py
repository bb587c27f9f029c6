"""Location extractor: the location field leniently, prose only with a cue or a big unambiguous city."""

from __future__ import annotations

import pytest

from clew.extract import Context, extract_ad
from clew.extract.location import read_locations


@pytest.mark.parametrize(
    ("text", "context", "value"),
    [
        ("Las Vegas, NV", Context(location="Las Vegas, NV"), "Las Vegas, NV, US"),
        ("Toronto, ON", Context(location="Toronto, ON"), "Toronto, ON, CA"),
        ("Texas", Context(location="Texas"), "TX, US"),
        ("visiting Houston this week", Context(), "Houston, TX, US"),
        ("in Mobile, AL", Context(), "Mobile, AL, US"),
        ("just arrived in Vegas", Context(), "Las Vegas, NV, US"),
        ("new in London", Context(location="Toronto, ON"), "London, ON, CA"),
        ("new in London", Context(region="GB"), "London, ENG, GB"),
        ("in Portland", Context(location="Portland, ME"), "Portland, ME, US"),
        ("Chicago girl", Context(), "Chicago, IL, US"),
        ("in Texas", Context(), "TX, US"),
    ],
)
def test_reads_places(text: str, context: Context, value: str) -> None:
    spans = read_locations(text, context)
    assert [s.value for s in spans] == [value]
    assert text[spans[0].start : spans[0].end] == spans[0].text


@pytest.mark.parametrize(
    "text",
    ["my Mobile number", "Reading is fun", "Nice to meet you", "Orange you glad", "I'm Madison",
     "Charlotte is my name", "call me Austin", "", "mobile"],
)
def test_ambiguous_names_need_a_cue(text: str) -> None:
    assert read_locations(text, Context()) == []


def test_detail_and_field() -> None:
    spans = [s for s in extract_ad("new", "hi", location="Houston, TX") if s.kind == "location"]
    assert spans[0].field == "location"
    assert spans[0].detail == {"city": "Houston", "region": "TX", "country": "US"}
