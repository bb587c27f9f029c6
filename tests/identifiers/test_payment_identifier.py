"""Payment identifiers: canonical accounts and checksum-validated crypto addresses."""

from __future__ import annotations

import pytest

from clew.identifiers import payment


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("$Candy", "cashapp:$candy"),
        ("cashapp:$Candy", "cashapp:$candy"),
        ("venmo:@Candy-X", "venmo:candy-x"),
        ("paypal.me/Candy", "paypal:candy"),
        ("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "btc:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"),
        ("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "btc:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
        ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),
    ],
)
def test_normalize(raw: str, value: str) -> None:
    assert payment.normalize(raw) == value
    assert payment.validate(value)
    assert payment.display(value)


@pytest.mark.parametrize(
    "raw",
    ["", "$200", "cashapp:$200", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3",
     "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5"],
)
def test_invalid(raw: str) -> None:
    assert payment.normalize(raw) is None


def test_checksums() -> None:
    assert payment.btc_address("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy")
    assert payment.eth_address("0x" + "AB" * 20) == ("0x" + "ab" * 20, False)
    assert not payment.validate("btc:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3")
