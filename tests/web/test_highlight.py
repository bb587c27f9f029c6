"""Ad text cut for highlighting: nothing lost or reordered, every fitting span inside one mark,
hidden characters written out."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clew.model import Span
from clew.web.highlight import pieces
from clew.web.pages import slot_parts, visible


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[Span]]:
    text = draw(st.text(min_size=0, max_size=80))
    spans = []
    for _ in range(draw(st.integers(0, 6))):
        if not text:
            break
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        field = draw(st.sampled_from(["body", "body", "title"]))
        # a span from an older version: offsets that do not fit the text
        wrong = draw(st.booleans()) and draw(st.booleans())
        spans.append(Span(kind=draw(st.sampled_from(["phone", "email", "age"])), value="v",
                          text=text[start:end] + ("x" if wrong else ""), start=start, end=end,
                          confidence=0.5, extractor="t", field=field))
    return text, spans


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(text_and_spans())
def test_pieces_keep_the_text_and_mark_each_fitting_span(case: tuple[str, list[Span]]) -> None:
    text, spans = case
    cut = pieces(text, spans, "body")
    assert "".join(p.text for p in cut) == text
    fitting = [s for s in spans if s.field == "body" and text[s.start:s.end] == s.text]
    offsets, at = [], 0
    for p in cut:
        offsets.append((at, at + len(p.text), p))
        at += len(p.text)
    for s in fitting:
        holders = [p for a, b, p in offsets if a <= s.start and s.end <= b and s in p.spans]
        assert len(holders) == 1
    marked = [s for p in cut for s in p.spans]
    assert sorted(map(id, marked)) == sorted(map(id, fitting))
    assert all(p.text for p in cut)


def test_overlapping_spans_share_one_mark_with_both_readings() -> None:
    text = "see instagram.com/candy now"
    a = Span("handle", "instagram:candy", "instagram.com/candy", 4, 23, 0.95, "handle", "body")
    b = Span("url", "instagram.com/candy", "instagram.com/candy", 4, 23, 0.8, "url", "body")
    cut = pieces(text, [a, b], "body")
    assert [p.text for p in cut] == ["see ", "instagram.com/candy", " now"]
    assert cut[1].kinds == ["handle", "url"]
    assert cut[1].tip == "handle: instagram:candy (confidence 0.95)\nurl: instagram.com/candy (confidence 0.80)"


@settings(deadline=None)
@given(st.text(max_size=60))
def test_visible_writes_out_every_direction_override(text: str) -> None:
    shown = visible(text)
    assert not any(c in shown for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
    assert visible("a\u202eb") == "a⟨U+202E⟩b"


@settings(deadline=None)
@given(st.text(max_size=60))
def test_slot_parts_keep_the_template_text(text: str) -> None:
    assert "".join("{" + p.text + "}" if p.slot else p.text for p in slot_parts(text)) == text
