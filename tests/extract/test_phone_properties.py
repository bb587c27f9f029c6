"""Properties of the phone extractor on untrusted text: never raises, spans name their text, floods read whole."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clew.extract import _digits
from clew.extract.phone import read_phones

_PIECES = st.sampled_from(
    [
        "7", "0", "2", "555", "0142", "-", ".", " ", "(", ")", "+", "+1", "/", "#", "$", ":", "'",
        "seven", "oh", "o", "O", "l", "I", "S", "B", "five", "twelve", "thirty", "-four", " y ",
        "cuarenta", "setecientos", "\u24ea", "\u2466", "\uff17", "\U0001d7ce", "7\ufe0f\u20e3",
        "\u20e3", "\ufe0f", "\u200b", "\U0001f48b", "\u260e", "call ", "ref ", "lbs", "hr", "pm",
        "\n", "\u0301", "\u0667", "\u00b2", "x", "ext", "\uff0b", "dash", "e\u0301",
    ]
)
_REGIONS = st.sampled_from(["US", "AU", "GB", "MX", "ES", "CO", "DE", "ZZ", "", "xx", "us"])


def _check(text: str, region: str) -> None:
    for span in read_phones(text, region):
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
        assert span.value.startswith("+") and span.value[1:].isdigit()
        assert 0.0 < span.confidence <= 1.0


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300), _REGIONS)
def test_never_raises_on_arbitrary_unicode(text: str, region: str) -> None:
    _check(text, region)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=60).map("".join), _REGIONS)
def test_never_raises_on_phone_like_soup(text: str, region: str) -> None:
    _check(text, region)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_digit_stream_offsets_point_into_the_text(text: str) -> None:
    digits, offsets = _digits.digit_stream(text)
    assert len(digits) == len(offsets)
    assert digits == "" or digits.isdigit()
    for start, end in offsets:
        assert 0 <= start < end <= len(text)


#: every flood family in one unit: long digit and separator runs, phone lists, emoji, nested
#: brackets, "oh oh oh", word digits, look-alikes, prices and dates
_ADVERSARIAL = (
    "7025550142" * 3 + " 1 2-3.4/5 6 7 8 9 0 call 702-555-0142 or 702 555 0199! "
    "\U0001f48b\u2764\ufe0f7\ufe0f\u20e3((((((7)))))) [[[[0]]]] oh oh oh "
    "seven oh two five five five oh one four two twelve thirty-four cuarenta y dos "
    "7o2 l0l O1S8 $200/hr 150hh 01/15/2026 11:30 34D-24-36 "
)


def test_reads_adversarial_floods_exactly() -> None:
    """Every flood family at once (timed by bench/extract_adversarial.py, not here)."""
    text = _ADVERSARIAL * (50_000 // len(_ADVERSARIAL))
    spans = read_phones(text, "US")
    assert spans, "the phones among the floods are still read"
    for span in spans:
        assert text[span.start : span.end] == span.text


def test_spoken_compound_flood_is_one_dense_stretch() -> None:
    """ "treinta y cuatro" reads as one number, so a flood of them is one run too long to read:
    skipped whole, while the number written after it is still read."""
    flood = "treinta y cuatro siete " * 200
    text = flood + "\ncall siete cero dos cinco cinco cinco cero uno cuatro dos"
    assert _digits.dense_stretches(text, 0, len(text)) == [(0, len(flood))]
    assert [s.value for s in read_phones(text, "US")] == ["+17025550142"]


def test_conjunction_that_joins_nothing_ends_the_dense_stretch() -> None:
    """ "treinta y cero" does not compound ("y" breaks the run), so the stretch stops there."""
    head = "treinta siete " * 50
    text = head + "treinta y cero " + "siete " * 50
    for s, e in _digits.dense_stretches(text, 0, len(text)):
        assert not s < len(head) + len("treinta y") <= e


_RUN_PIECES = st.sampled_from(
    [
        "7", "02", "555", "0142", "-", ".", " ", "  ", "(", ")", "/", "$", ":", ",", "'", "\n", "I'm",
        "o", "O", "l", "lol", "Is", "SOS", "B", "s", "five", "dash", "lbs", "hr", "size", "Candy",
        "\u2728", "\U0001f48b", "\u2764\ufe0f", "\u200b", "\u200b\u200b\u200b", "\ufe0f", "   ", "a\u0301",
        "\u00f1", "\u0430", "\uff17", "\u00e9s", "o\u200bk",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_RUN_PIECES, max_size=40).map("".join), st.integers(0, 6), st.integers(1, 9))
def test_too_few_digits_is_never_wrong(text: str, cut: int, need: int) -> None:
    """The cheap test that lets a window be passed over never passes over a run with the digits."""
    start = min(cut, len(text))
    if _digits.too_few_digits(text, start, len(text), need):
        _, runs = _digits.runs(text, start, len(text))
        assert all(sum(len(g.digits) for g in run.groups) < need for run in runs)


def test_too_few_digits_reads_plain_stretches_without_atoms() -> None:
    text = "5'1\" - 32A-25-40, 107 lbs \u2728 $300"
    assert _digits.too_few_digits(text, 0, len(text), 5)
    assert not _digits.too_few_digits(text, 0, len(text), 4)
    assert not _digits.too_few_digits("Is 702 555", 0, 10, 8)  # "Is" may read as 15
    assert _digits.too_few_digits("Is 702 555", 0, 10, 9)
    assert _digits.too_few_digits("I'm 702 555", 0, 11, 7)  # "I" may, but "'" ends its run
    assert not _digits.too_few_digits("seven oh two", 0, 12, 7)  # number words: atoms tell


def test_long_text_pauses_the_collector_and_restores_it() -> None:
    """A long text is read with the cycle collector paused; its state is restored either way."""
    import gc

    text = "$200/hr 150hh 11:30 01/15/2026 call 702-555-0142 " * 500
    assert gc.isenabled()
    assert {s.value for s in read_phones(text, "US")} == {"+17025550142"}
    assert gc.isenabled()
    gc.disable()
    try:
        read_phones(text, "US")
        assert not gc.isenabled()
    finally:
        gc.enable()
