"""Payment identifiers: ``cashapp:$tag``, ``venmo:user``, ``zelle:…``, ``paypal:user``,
``btc:<address>`` (Base58Check or Bech32/Bech32m checked), ``eth:0x…`` (EIP-55 checked), and
``method:<name>`` for a method named without an account (never a link between ads by itself).
"""

from __future__ import annotations

import hashlib
import re

from Crypto.Hash import keccak

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {c: i for i, c in enumerate(_B58)}
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_INDEX = {c: i for i, c in enumerate(_BECH32)}
_BECH32_CONST, _BECH32M_CONST = 1, 0x2BC830A3
_CASHTAG = re.compile(r"\$[a-z][a-z0-9_-]{0,19}")
_VENMO = re.compile(r"[a-z0-9][a-z0-9_-]{4,29}")
_PAYPAL = re.compile(r"[a-z0-9]{1,20}")
_ETH = re.compile(r"0x[0-9a-fA-F]{40}")
#: every method a payment value may name, by the name ads use for it
KINDS: dict[str, str] = {
    "cashapp": "cashapp", "cash app": "cashapp", "cash": "cashapp", "venmo": "venmo",
    "zelle": "zelle", "paypal": "paypal", "applepay": "applepay", "apple pay": "applepay",
    "chime": "chime", "btc": "btc", "bitcoin": "btc", "eth": "eth", "ethereum": "eth",
    "giftcard": "giftcard", "gift card": "giftcard", "method": "method",
}


def btc_address(raw: str) -> str | None:
    """The canonical form of a valid Bitcoin address (Bech32 lower-cased), or None."""
    if not 14 <= len(raw) <= 90:
        return None
    if raw[:3].lower() == "bc1":
        return raw.lower() if _segwit_ok(raw) else None
    if raw[0] in "13" and 25 <= len(raw) <= 35 and _base58check_ok(raw):
        return raw
    return None


def _base58check_ok(s: str) -> bool:
    n = 0
    for c in s:
        i = _B58_INDEX.get(c)
        if i is None:
            return False
        n = n * 58 + i
    try:
        body = n.to_bytes(25, "big")
    except OverflowError:
        return False
    if len(s) - len(s.lstrip("1")) != len(body) - len(body.lstrip(b"\0")):
        return False
    check = hashlib.sha256(hashlib.sha256(body[:-4]).digest()).digest()[:4]
    return check == body[-4:] and body[0] in (0x00, 0x05)


def _polymod(values: list[int]) -> int:
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            if (top >> i) & 1:
                chk ^= gen[i]
    return chk


def _segwit_ok(s: str) -> bool:
    if s != s.lower() and s != s.upper():
        return False
    s = s.lower()
    hrp, _, data_part = s.rpartition("1")
    if hrp != "bc" or len(data_part) < 7:
        return False
    data = [_BECH32_INDEX.get(c, -1) for c in data_part]
    if -1 in data:
        return False
    const = _polymod([ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + data)
    version, program = data[0], _from_5bit(data[1:-6])
    if program is None or version > 16 or not 2 <= len(program) <= 40:
        return False
    if version == 0:
        return const == _BECH32_CONST and len(program) in (20, 32)
    return const == _BECH32M_CONST


def _from_5bit(data: list[int]) -> bytes | None:
    acc = bits = 0
    out = bytearray()
    for v in data:
        acc = (acc << 5) | v
        bits += 5
        while bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    if bits >= 5 or (acc << (8 - bits)) & 0xFF:
        return None
    return bytes(out)


def eth_address(raw: str) -> tuple[str, bool] | None:
    """The lower-case form of an Ethereum address and whether it carried an EIP-55 checksum;
    None when it is not one or its mixed case fails the checksum."""
    if not _ETH.fullmatch(raw):
        return None
    hexpart = raw[2:]
    if hexpart == hexpart.lower() or hexpart == hexpart.upper():
        return "0x" + hexpart.lower(), False
    digest = keccak.new(digest_bits=256, data=hexpart.lower().encode()).hexdigest()
    for c, h in zip(hexpart, digest[:40], strict=True):
        if c.isalpha() and c.isupper() != (int(h, 16) >= 8):
            return None
    return "0x" + hexpart.lower(), True


def cashtag(raw: str) -> str | None:
    """``$tag`` lower-cased if ``raw`` can be a Cash App $cashtag, else None."""
    tag = "$" + raw.strip().lstrip("$").lower()
    return tag if _CASHTAG.fullmatch(tag) else None


def normalize(raw: str, region: str | None = None) -> str | None:
    """The payment value ``raw`` names ("$Candy", "cashapp:$candy", a BTC or ETH address,
    "paypal.me/candy", "venmo:@candy"), or None."""
    if not isinstance(raw, str) or not raw.strip() or len(raw) > 200:
        return None
    s = raw.strip()
    if (btc := btc_address(s)) is not None:
        return f"btc:{btc}"
    if (eth := eth_address(s)) is not None:
        return f"eth:{eth[0]}"
    low = s.lower()
    for prefix in ("https://", "http://", "www."):
        low = low.removeprefix(prefix)
    if low.startswith("paypal.me/"):
        return _account("paypal", low[10:])
    if low.startswith("cash.app/"):
        return _account("cashapp", low[9:])
    if s.startswith("$"):
        return _account("cashapp", s)
    name, sep, rest = s.partition(":")
    kind = KINDS.get(name.strip().lower())
    if sep and kind:
        return _account(kind, rest.strip(), region)
    return None


def _account(kind: str, raw: str, region: str | None = None) -> str | None:
    raw = raw.strip()
    if kind in ("cashapp", "chime"):
        tag = cashtag(raw)
        return f"{kind}:{tag}" if tag else None
    if kind == "venmo":
        user = raw.lstrip("@").lower()
        return f"venmo:{user}" if _VENMO.fullmatch(user) else None
    if kind == "paypal":
        user = raw.lstrip("@").lower()
        if _PAYPAL.fullmatch(user) or "@" in user:
            return f"paypal:{user}"
        return None
    if kind in ("btc", "eth"):
        value = normalize(raw)
        return value if value and value.startswith(kind) else None
    if kind == "method":
        return f"method:{raw.lower()}" if re.fullmatch(r"[a-z0-9-]{2,30}", raw.lower()) else None
    account = raw.lower()
    return f"{kind}:{account}" if 2 <= len(account) <= 80 else None


def validate(value: str) -> bool:
    """Whether ``value`` is a canonical payment value."""
    if not isinstance(value, str):
        return False
    kind, sep, rest = value.partition(":")
    if not sep or kind not in KINDS.values() or not rest:
        return False
    if kind == "btc":
        return btc_address(rest) == rest
    if kind == "eth":
        return _ETH.fullmatch(rest) is not None and rest == rest.lower()
    return _account(kind, rest) == value


def display(value: str) -> str:
    """How a person reads it: ``Cash App $candy``."""
    names = {"cashapp": "Cash App", "venmo": "Venmo", "zelle": "Zelle", "paypal": "PayPal",
             "applepay": "Apple Pay", "chime": "Chime", "btc": "Bitcoin", "eth": "Ethereum",
             "giftcard": "Gift card", "method": "Payment method"}
    kind, _, rest = value.partition(":")
    return f"{names.get(kind, kind)} {rest}".strip()
