"""Snippets: cut around a span's place without searching, exactly as a search for its text cuts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from clew.search.text import snippet, snippet_at

_TEXT = st.text(alphabet=st.sampled_from("ab c\n\t  (7)-5.é🙂İ"), max_size=900)


@given(before=_TEXT, after=_TEXT, width=st.sampled_from([200, 60, 7]))
def test_snippet_at_a_span_is_the_snippet_of_its_text(before: str, after: str, width: int) -> None:
    surface = "7025550142"
    text = f"{before} {surface} {after}"
    start = len(before) + 1
    if text.find(surface) != start:
        return  # an earlier copy of the number: snippet() shows that one
    assert snippet_at(text, start, start + len(surface), width) == snippet(text, [surface], width)


def test_a_far_span_is_cut_around() -> None:
    text = "word " * 400 + "(702) 555-0142 tonight " + "more " * 400
    start = text.index("(702)")
    cut = snippet_at(text, start, start + 14)
    assert cut.startswith("…") and cut.endswith("…") and "(702) 555-0142 tonight" in cut
