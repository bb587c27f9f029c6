"""The shared text views of clew.extract._scan: hinted scans find exactly what a full scan finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clew.extract import email, handle
from clew.extract._scan import hint_text, hinted, matches_at, word_starts

_PIECES = st.sampled_from(
    [
        "snap", "Snap", "SNAPCHAT", "chat", " ", "\t", ":", "@", "sc", "of", "OF", "x", "X", "ig", "ıg", "ſnap",
        "\u212aik", "İ", "whats app", "we chat", "tik tok", "only fans", "\U0001f47b", "\u5fae\u4fe1", "add",
        "ADD me", "follow", "find", " on ", "candy_xo", "t.me/", "www.", "https://", "instagram.com/",
        "atiktok.com/@", "x.com/", "m.", "/", ".", "-", "7", "a", "\n", "AT", "[at]", "( @ )", "{AT}", "<at>",
        "-at-", "_at_", "\uff20", "[", "gmail",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_hinted_finds_what_finditer_finds(text: str) -> None:
    low = hint_text(text)
    for pattern, hints in (
        (handle._BEFORE, handle._BEFORE_HINTS),
        (handle._URL, handle._URL_HINTS),
        (email._AT, email._AT_HINTS),
    ):
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in hinted(pattern, hints, text, low)] == expected
    starts = word_starts(text, handle._CUE_WORDS)
    if starts is not None:  # the way read_handles finds its cues
        starts = sorted(starts + [m.start() for m in handle._CUE_SYMBOLS.finditer(text)])
    assert [m.span() for m in matches_at(handle._CUE, starts, text)] == [m.span() for m in handle._CUE.finditer(text)]


def test_hint_text_refuses_letters_that_case_folding_hides() -> None:
    assert hint_text("Snap: x") == "snap: x"
    assert hint_text("\u017fnap: x") is None  # long s: re.I reads it as "s", lower() keeps it
    assert hint_text("\u0130g") is None  # lower-casing changes its length


_WORD_PIECES = st.sampled_from(
    [
        "in", "In", "out", "call", "calls", "&", "/", "n", "+", "-", " ", "\t", "car", "dates", "motel", "6",
        "Super", "8", "red roof", "la quinta", "hotel", "inn", "suites", "qv", "q.v.", "quick visit", "hh",
        "half", "hour", "hr", "h", "over", "night", "all", "full", "toda la noche", "media hora", "150",
        "latina", "Latin", "african", "american", "middle eastern", "puerto rican", "thai", "é", "ñ", "ß",
        "ı", "İ", "a", "x", "super 8", "in/out calls", "in n out call", "carplay", "motel6", "overnight", "hhr", "I'm ", "i am ", "IM ", "Im", "it's ", "its", "it\u2019s ", "my name is ", "Name: ", "ask for ",
        "call me ", "AKA ", "soy ", "me llamo ", "they call me ", "known as ", "Candy", "CANDY", "Ms. ", "its Candy", "I am Lola",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORD_PIECES, max_size=14).map("".join))
def test_matches_at_word_starts_finds_what_finditer_finds(text: str) -> None:
    from clew.extract import ethnicity, name, price, service_mode

    low = text.lower()
    if len(low) != len(text):
        assert word_starts(text, service_mode._FIRST_WORDS) is None
        return
    for pattern, words, read in (
        (ethnicity._PATTERN_LOW, ethnicity._FIRST_WORDS, low),
        (price._DURATION_WORDS, price._DURATION_FIRST_WORDS, low),
        (service_mode._MODES_LOW, service_mode._FIRST_WORDS, low),
        (name._CUED, name._CUE_WORDS, text),
    ):
        starts = word_starts(text, words)
        if starts is None:
            continue
        assert [m.span() for m in matches_at(pattern, starts, read)] == [m.span() for m in pattern.finditer(read)]


def test_hinted_and_word_starts_give_way_to_a_full_scan_on_floods() -> None:
    from clew.extract import service_mode

    for text in ("@" * 3000 + " candy on sc", "(" * 3000 + "candy[at]gmail.com", "@" * 3000 + " a@b.co"):
        low = hint_text(text)
        for pattern, hints in ((handle._BEFORE, handle._BEFORE_HINTS), (email._AT, email._AT_HINTS)):
            assert [m.span() for m in hinted(pattern, hints, text, low)] == [m.span() for m in pattern.finditer(text)]
    flood = "in " * 2000 + "incall"
    assert word_starts(flood, service_mode._FIRST_WORDS) is None  # every third character a start: scan in full
    assert word_starts("in town, incall only", service_mode._FIRST_WORDS) == [0, 9]
