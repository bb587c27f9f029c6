"""The rulebook: every indicator fires on its words and not beside them; obfuscation, negation, emoji."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clew.errors import InputError
from clew.score.rulebook import default_rulebook, load_rulebook, normalize

# indicator -> (a text it must fire on, a text it must not fire on)
CASES: dict[str, tuple[str, str]] = {
    "youth.young": ("so y0ung and sweet", "youngstown is a city; not young"),
    "youth.fresh": ("new to this, fr3sh face", "freshly baked and not new to this"),
    "youth.barely_legal": ("barely   legal cutie", "legally barely awake"),
    "youth.innocence": ("your daddy’s girl", "innocently asked"),
    "youth.emoji": ("sweet 🍒 treat", "sweet treat 🍷"),
    "control.third_person": ("she will make you happy", "I will make you happy"),
    "control.our_girls": ("all my girls are ready", "my girlsfriend club"),
    "control.we": ("we deliver to your hotel", "weddings and parties"),
    "control.deposit": ("deposit first via app", "no deposit required"),
    "control.no_talking": ("no talking to other men", "talking is fun"),
    "movement.new_in_town": ("n3w in town!!", "not new in town"),
    "movement.short_stay": ("last night here ✨", "the last night was great"),
    "movement.visiting": ("visiting this week", "visitation rights"),
    "movement.travel_emoji": ("just landed ✈️", "just landed"),
    "agency.always_available": ("available 24-7", "not available anytime"),
    "agency.no_breaks": ("no breaks, no limits", "no rush, take your time"),
    "persons.several": ("duo with my friend", "friendly duologue"),
    "product.ethnicity": ("exotic beauty", "exoticism"),
    "product.low_price": ("cheap specials today", "cheapskate"),
    "hotel.incall": ("hotel incall", "hotelier; no hotel"),
    "police.no_le": ("NO LE!! no cops", "nobody likes lemons"),
}


def _fired(text: str) -> set[str]:
    return {m.indicator_id for m in default_rulebook().match(text)}


def test_every_indicator_has_cases() -> None:
    assert set(CASES) == set(default_rulebook().indicators)


@pytest.mark.parametrize("indicator_id", sorted(CASES))
def test_indicator_fires_on_its_words_only(indicator_id: str) -> None:
    positive, negative = CASES[indicator_id]
    assert indicator_id in _fired(positive)
    assert indicator_id not in _fired(negative)


def test_span_is_the_original_words() -> None:
    text = "Hi!! I'm Y0UNG & fr3sh, daddy’s girl 🍒"
    found = default_rulebook().match(text)
    assert [(m.indicator_id, m.text) for m in found] == [
        ("youth.young", "Y0UNG"), ("youth.fresh", "fr3sh"), ("youth.innocence", "daddy’s girl"), ("youth.emoji", "🍒"),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)


@pytest.mark.parametrize("text", ["yooouuung", "yng", "yung", "YóUNG"])
def test_obfuscated_spellings(text: str) -> None:
    assert "youth.young" in _fired(f"so {text} girl")


@pytest.mark.parametrize("text", ["no young girls here", "I'm not a teen", "never underage, not young"])
def test_negation_cancels_a_cue(text: str) -> None:
    assert "youth.young" not in _fired(text)


def test_negation_does_not_reach_across_a_sentence() -> None:
    assert "youth.young" in _fired("No cops. Young and sweet")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(list("y0ung fr3sh 🍒✈️'’ .!24/7")), max_size=300))
def test_matching_never_raises_and_spans_index_the_text(text: str) -> None:
    for m in default_rulebook().match(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
    norm = normalize(text)
    assert len(norm.text) == len(norm.starts) == len(norm.ends)
    assert all(0 <= a < b <= len(text) for a, b in zip(norm.starts, norm.ends, strict=True))


def test_rulebook_errors_name_file_and_entry(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text("sources:\n  x:\n    title: X\n")
    (tmp_path / "bad.yaml").write_text("category: c\nindicators:\n  - id: c.one\n    name: One\n    description: d\n"
                                       "    source: [x]\n    patterns: [one]\n")
    with pytest.raises(InputError, match=r"bad.yaml: entry 1 \(c.one\): missing 'weight'"):
        load_rulebook(tmp_path)
    (tmp_path / "bad.yaml").write_text("category: c\nindicators: [\n")
    with pytest.raises(InputError, match=r"bad.yaml: line \d+: not valid YAML"):
        load_rulebook(tmp_path)
    (tmp_path / "bad.yaml").write_text("category: c\nindicators:\n  - {id: c.one, name: O, description: d, weight: 1,"
                                       " source: [nowhere], patterns: [one]}\n")
    with pytest.raises(InputError, match="unknown source 'nowhere'"):
        load_rulebook(tmp_path)


def test_an_analyst_can_extend_the_rulebook(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text("sources:\n  mine:\n    title: My unit's guide\n")
    (tmp_path / "mine.yaml").write_text("category: custom\nindicators:\n  - {id: custom.code, name: Code word,"
                                        " description: d, weight: 2, source: mine, patterns: [blue moon]}\n")
    book = load_rulebook(tmp_path)
    assert [m.indicator_id for m in book.match("Blue   Moon special")] == ["custom.code"]
    assert book.digest != default_rulebook().digest


def test_a_repeated_word_is_evidence_a_few_times_only() -> None:
    from clew.score.stage import HITS_KEPT, ad_matches

    found = ad_matches(default_rulebook(), "young", "young " * 500 + " 🍒")
    assert sum(1 for _, m in found if m.indicator_id == "youth.young") == HITS_KEPT
    assert [f for f, m in found if m.indicator_id == "youth.emoji"] == ["body"]
