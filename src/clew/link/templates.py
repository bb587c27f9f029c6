"""Templates: the wording a group of near-duplicate ads shares, and the slots where they differ.

A cheap alignment in the spirit of InfoShield: words present in most of the group's ads, in the order
of the ad that holds most of them; everything else (names, ages, cities, phones, varying words) is a slot.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

#: a word is part of the template when at least this share of the group's ads has it
CONSENSUS = 0.6
#: slot values kept per slot kind
SLOT_VALUES = 25


@dataclass(slots=True)
class Template:
    """Shared wording with ``{slot}`` markers, the ads it was read from and the values seen per slot."""

    id: str
    text: str
    ad_ids: list[int]
    slots: dict[str, list[str]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.ad_ids)


def consensus(tokens: Sequence[Sequence[str]]) -> str:
    """The template text of a group of masked token sequences (see the module docstring)."""
    if not tokens:
        return ""
    need = max(1, int(CONSENSUS * len(tokens) + 0.999))
    df = Counter(tok for seq in tokens for tok in set(seq))
    fixed = {tok for tok, n in df.items() if n >= need}
    reference = max(tokens, key=lambda seq: (sum(tok in fixed for tok in seq), -len(seq)))
    out: list[str] = []
    for tok in reference:
        word = tok if tok in fixed or tok.startswith("{") else "{…}"
        if word == "{break}":
            word = "|"
        if out and out[-1] == word and word.startswith("{"):
            continue
        out.append(word)
    return " ".join(out).replace("| ", "\n", 1).strip()


def build(template_id: str, members: Mapping[int, Sequence[str]],
          values: Mapping[int, Sequence[tuple[str, str]]]) -> Template:
    """The template of one group: ``members`` ad id -> masked tokens, ``values`` ad id -> (slot kind, value)."""
    ad_ids = sorted(members)
    seen: dict[str, Counter[str]] = {}
    for ad_id in ad_ids:
        for kind, value in values.get(ad_id, ()):
            seen.setdefault(kind, Counter())[value] += 1
    slots = {kind: [v for v, _ in counts.most_common(SLOT_VALUES)] for kind, counts in sorted(seen.items())}
    return Template(template_id, consensus([members[a] for a in ad_ids]), ad_ids, slots)
