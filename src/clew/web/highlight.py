"""Ad text cut into plain pieces and marked pieces, one mark per run of overlapping spans, so a page
can highlight every extracted span while the text itself stays data (escaped by the template).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from clew.model import Span


@dataclass(slots=True)
class Piece:
    """A run of text; ``spans`` is empty for plain text, else the spans read from this run."""

    text: str
    spans: list[Span] = field(default_factory=list)

    @property
    def kinds(self) -> list[str]:
        return sorted({s.kind for s in self.spans})

    @property
    def tip(self) -> str:
        """What hovering shows: kind, normalized value and confidence of each span."""
        return "\n".join(f"indicator: {s.value}" if s.kind == "indicator"
                         else f"{s.kind}: {s.value} (confidence {s.confidence:.2f})" for s in self.spans)


def pieces(text: str, spans: Sequence[Span], field_name: str) -> list[Piece]:
    """``text`` (one field of an ad) cut at the spans read from it; spans that overlap share a mark.

    Spans whose offsets do not fit the text (read from an earlier version) are left out rather than
    cutting the text in a wrong place.
    """
    fitting = sorted(
        (s for s in spans if s.field == field_name and 0 <= s.start < s.end <= len(text)
         and text[s.start:s.end] == s.text),
        key=lambda s: (s.start, -s.end),
    )
    out: list[Piece] = []
    at = 0
    i = 0
    while i < len(fitting):
        start, end = fitting[i].start, fitting[i].end
        group = [fitting[i]]
        i += 1
        while i < len(fitting) and fitting[i].start < end:
            end = max(end, fitting[i].end)
            group.append(fitting[i])
            i += 1
        if start > at:
            out.append(Piece(text[at:start]))
        out.append(Piece(text[start:end], group))
        at = end
    if at < len(text):
        out.append(Piece(text[at:]))
    return out
