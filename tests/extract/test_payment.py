"""Payment extractor: accounts and methods, and crypto addresses only with valid checksums."""

from __future__ import annotations

import pytest

from clew.extract.payment import read_payments

_P2PKH = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"  # Bitcoin wiki example addresses
_P2SH = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"
_P2WPKH = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"  # BIP 173 test vector
_P2TR = "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297"  # BIP 86 test vector
_ETH = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"  # EIP-55 test vector


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("cashapp $CandyXO", "cashapp:$candyxo"),
        ("$candyxo", "cashapp:$candyxo"),
        ("cash.app/$candyxo", "cashapp:$candyxo"),
        ("chime: $candyxo", "chime:$candyxo"),
        ("Venmo: @candy-xo", "venmo:candy-xo"),
        ("@candy-xo on venmo", "venmo:candy-xo"),
        ("Zelle me candy@example.com", "zelle:candy@example.com"),
        ("zelle 702-555-0142", "zelle:+17025550142"),
        ("Zelle to Candy Smith", "zelle:candy smith"),
        ("zelle accepted", "method:zelle"),
        ("paypal.me/CandyXO", "paypal:candyxo"),
        ("PayPal: candy@example.org", "paypal:candy@example.org"),
        ("Apple Pay", "method:applepay"),
        ("amazon gift card", "method:giftcard-amazon"),
        ("gift cards", "method:giftcard"),
        (f"btc {_P2PKH}", f"btc:{_P2PKH}"),
        (_P2SH, f"btc:{_P2SH}"),
        (_P2WPKH.upper(), f"btc:{_P2WPKH}"),
        (_P2TR, f"btc:{_P2TR}"),
        (_ETH, f"eth:{_ETH.lower()}"),
        ("0x" + "ab" * 20, "eth:0x" + "ab" * 20),
    ],
)
def test_reads_payments(text: str, value: str) -> None:
    spans = read_payments(text)
    assert [s.value for s in spans] == [value]
    assert text[spans[0].start : spans[0].end] == spans[0].text
    assert spans[0].detail and "kind" in spans[0].detail


@pytest.mark.parametrize(
    "text",
    [
        "$200",
        "$200/hr",
        "$USD",
        "$ 150",
        "cash only",
        _P2PKH[:-1] + "3",  # checksum broken
        _P2WPKH[:-1] + "5",
        "Bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",  # mixed case
        _ETH[:-1] + "D",  # EIP-55 checksum broken
        "0x" + "ab" * 19,
        "",
    ],
)
def test_not_payments(text: str) -> None:
    assert read_payments(text) == []


def test_checksummed_eth_is_surer_than_lower_case() -> None:
    [a] = read_payments(_ETH)
    [b] = read_payments(_ETH.lower())
    assert a.value == b.value and a.confidence > b.confidence
