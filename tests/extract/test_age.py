"""Age extractor: only the poster's stated age, never the numbers around it."""

from __future__ import annotations

import pytest

from clew.extract import extract_text
from clew.extract.age import read_ages


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("19yo", 19),
        ("sweet 19 y/o", 19),
        ("19 y.o. latina", 19),
        ("19 yrs", 19),
        ("age: 21", 21),
        ("Age 21", 21),
        ("21 years old", 21),
        ("a 21-year-old", 21),
        ("nineteen years young", 19),
        ("twenty-two years old", 22),
        ("I'm 22", 22),
        ("Hi I'm 22, new in town", 22),
        ("im 23 and ready", 23),
        ("MISTY I'm 18 in town this week", 18),
        ("IVY 19y/o in town this week", 19),
        ("I am 17 yo", 17),
        ("I am a 23 yo", 23),
        ("21 años", 21),
        ("tengo 19 años", 19),
        ("edad: 20", 20),
        ("veintidós años", 22),
        ("treinta y dos años", 32),
        ("She is 16yo", 16),
    ],
)
def test_reads_stated_ages(text: str, age: int) -> None:
    spans = read_ages(text)
    assert [s.value for s in spans] == [str(age)]
    assert text[spans[0].start : spans[0].end] == spans[0].text


@pytest.mark.parametrize(
    "text",
    [
        "34D-24-36",
        "36-24-36",
        "I'm 5'4",
        "5'4\" 120lbs",
        "I'm 24/7",
        "available 24/7",
        "24 hrs",
        "$200",
        "2 girls",
        "I'm 2 girls",
        "at 10:30",
        "12/21/2023",
        "100% real",
        "4 hours",
        "5 yrs experience",
        "21 yrs of experience",
        "15 yrs in the business",
        "I'm 20 minutes away",
        "Age 18+",
        "must be 18+",
        "ages 18-25",
        "massage 60",
        "page 21",
        "150hh 250/hr",
        "call 702-555-0142",
        "I'm 100 yrs old",
        "9yo",
        "",
    ],
)
def test_hard_negatives(text: str) -> None:
    assert read_ages(text) == []


def test_several_ages_for_two_girls() -> None:
    assert [s.value for s in read_ages("2 girls 19yo and 21yo")] == ["19", "21"]


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("Tonight: | Jewel, 19, surfer girl | Kendall (29) BBW", ["19", "29"]),
        ("Hope - 33 - Colombian. Roxy, 20, Japanese.", ["33", "20"]),
        ("Hoy: Sofía, 34, paisa. TIFFANY, 21, THAI * I'm 36 *", ["34", "21", "36"]),
        ("Suite (20) and Tonight (21) and Room 12, 24, ok", []),
    ],
)
def test_agency_roster_ages(text: str, ages: list[str]) -> None:
    assert [s.value for s in read_ages(text)] == ages


def test_registered() -> None:
    assert [s.value for s in extract_text("new 20yo", names=["age"])] == ["20"]
