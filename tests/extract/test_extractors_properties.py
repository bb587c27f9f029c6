"""Properties of every extractor but phone on untrusted text: never raises, spans name their exact
text, offsets in range, also on adversarial floods (timed by bench/extract_adversarial.py).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clew.extract import Context, extractors

_NAMES = sorted(n for n in extractors() if n != "phone")
_CONTEXTS = [Context(), Context(region="AU", location="Mobile, AL"), Context(region="GB", location="")]

_PIECES = st.sampled_from(
    [
        "candy", "Candy", "xo", "@", " at ", "[at]", "(dot)", " dot ", ".", "com", "gmail", "sc:", "ig",
        "\U0001f47b", "t.me/", "/", "$", "200", "19", "yo", "y/o", "hh", "qv", "hr", "'", "\"", "5'4",
        "34D-24-36", "-", "lbs", "cm", "I'm ", "my name is ", "Latina", "Asian", "in ", "Las Vegas",
        "Mobile", ", NV", "incall", "outcall", "hotel", "http://", "www.", "example.org", "0x",
        "bc1", "1A", "cashapp", "venmo", "zelle", "paypal.me/", " ", "\n", "\u200b", "\u0301",
        "\uff20", "años", "tengo ", "I", "ı", "İ", "ß", "\U0001d400", "\ufe0f", "👉",
    ]
)


def _check(text: str, context: Context) -> None:
    table = extractors()
    for name in _NAMES:
        for span in table[name].fn(text, context):
            assert 0 <= span.start < span.end <= len(text), (name, span)
            assert text[span.start : span.end] == span.text, (name, span)
            assert span.value and isinstance(span.value, str), (name, span)
            assert 0.0 < span.confidence <= 1.0, (name, span)
            assert span.extractor == name


def test_every_extractor_is_here() -> None:
    expected = {"email", "handle", "url", "payment", "age", "price", "stats", "name", "ethnicity",
                "location", "service_mode"}
    assert expected <= set(_NAMES)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200), st.sampled_from(_CONTEXTS))
def test_never_raises_on_arbitrary_unicode(text: str, context: Context) -> None:
    _check(text, context)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=40).map("".join), st.sampled_from(_CONTEXTS))
def test_never_raises_on_ad_like_soup(text: str, context: Context) -> None:
    _check(text, context)


#: floods that make naive patterns backtrack: separators without ends, long runs, repeated cues
_FLOODS = {
    "mixed": (
        "candy at gmail dot com at at at dot dot a.a.a.a @@@@ a@a@a@ sc: sc: ig ig \U0001f47b\U0001f47b "
        "$$$ $a$a 200 200/hr hh qv 1hr 34-24-34-24 5'5'5' I'm I'm I am my name is Ask for "
        "Latina Asian in in Las Vegas, NV Mobile Mobile incall hotel motel http://a.b/ www.www. "
        "0x0x0x bc1bc1 111111111111 a a a a a a a a y/o yo 19 19 19 años soy Soy 👉👉 Aa Bb In "
    ),
    "runs": "a" * 300 + "." + "a.a-a_a@a.a at a dot a [at] (dot) a/a:a " * 8 + "Aa " * 100 + "9" * 200 + " ",
}


@pytest.mark.parametrize("name", _NAMES)
def test_reads_adversarial_floods(name: str) -> None:
    """Floods that make naive patterns backtrack: read whole, spans exact. (Their time is measured
    by bench/extract_adversarial.py, not asserted here: timings are no test on a shared machine.)"""
    fn = extractors()[name].fn
    context = Context(location="Las Vegas, NV")
    for unit in _FLOODS.values():
        text = (unit * (50_000 // len(unit) + 1))[:50_000]
        for span in fn(text, context):
            assert text[span.start : span.end] == span.text
