"""Price extractor: amounts, currencies and the minutes they buy, in the order ads write them."""

from __future__ import annotations

import pytest

from clew.extract import Context, extract_text
from clew.extract.price import read_prices


@pytest.mark.parametrize(
    ("text", "amount", "currency", "minutes"),
    [
        ("150hh", 150, "USD", 30),
        ("200/hr", 200, "USD", 60),
        ("$300 hour", 300, "USD", 60),
        ("qv 80", 80, "USD", 15),
        ("hhr 120", 120, "USD", 30),
        ("1hr 250", 250, "USD", 60),
        ("2 hrs 500", 500, "USD", 120),
        ("overnight 1500", 1500, "USD", 600),
        ("1.5k overnight", 1500, "USD", 600),
        ("150 for 30 mins", 150, "USD", 30),
        ("200 roses", 200, "USD", None),
        ("150 donations", 150, "USD", None),
        ("2 bills", 200, "USD", None),
        ("250R", 250, "USD", None),
        ("€200 per hour", 200, "EUR", 60),
        ("£150", 150, "GBP", None),
        ("$200", 200, "USD", None),
        ("$1,000", 1000, "USD", None),
        ("150 AUD half hour", 150, "AUD", 30),
    ],
)
def test_reads_rates(text: str, amount: int, currency: str, minutes: int | None) -> None:
    spans = read_prices(text)
    assert [s.detail for s in spans] == [{"amount": amount, "currency": currency, "minutes": minutes}]
    assert spans[0].value == str(amount)
    assert text[spans[0].start : spans[0].end] == spans[0].text


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("qv 80 hh 150 h 250", [(80, 15), (150, 30), (250, 60)]),
        ("80qv 150hh 250h", [(80, 15), (150, 30), (250, 60)]),
        ("$80 qv, hh $150", [(80, 15), (150, 30)]),
        ("hh 150 $200 hr", [(150, 30), (200, 60)]),
        ("Rates: QV: 80\nHH: 150\nH: 250", [(80, 15), (150, 30), (250, 60)]),
        ("1hr 250 2hr 450", [(250, 60), (450, 120)]),
    ],
)
def test_rate_lists_pair_in_order(text: str, pairs: list[tuple[int, int]]) -> None:
    assert [(s.detail["amount"], s.detail["minutes"]) for s in read_prices(text)] == pairs


@pytest.mark.parametrize(
    "text",
    [
        "34D-24-36",
        "5'4 120lbs",
        "24/7",
        "available 24 hrs",
        "100% real",
        "call 702-555-0142",
        "every hour 702 555 0142",
        "2 girls",
        "19yo",
        "at 10:30",
        "4 hours",
        "in 2024",
        "$5",
        "",
    ],
)
def test_hard_negatives(text: str) -> None:
    assert read_prices(text) == []


def test_dollar_follows_the_region() -> None:
    [s] = read_prices("$300 hr", "AU")
    assert s.detail == {"amount": 300, "currency": "AUD", "minutes": 60}
    [s] = extract_text("200 roses", Context(region="CA"), names=["price"])
    assert s.detail["currency"] == "CAD"
