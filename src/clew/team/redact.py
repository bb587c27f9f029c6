"""Redaction for exports: phone digits, names, handles, e-mail and payment accounts masked.

A redacted export still shows the shape of a network (how many ads, which cities, that two ads
share a phone) without the identifiers themselves: a phone keeps its country code and last two
digits, a handle or e-mail its first character and its platform or domain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, TextIO

import orjson

MASK = "\u2022"
#: identifier kinds and extracted span kinds that name or reach a person
SENSITIVE = frozenset({"phone", "name", "handle", "email", "payment"})
_DIGIT = re.compile(r"\d")
#: export fields that hold identifier keys ("phone:+1...") or bare values of one kind
_KEY_FIELDS = ("identifiers",)
_VALUE_FIELDS = {"phones": "phone", "emails": "email", "handles": "handle", "names": "name", "payments": "payment"}


def redact_value(kind: str, value: str) -> str:
    """``value`` of identifier ``kind`` with what identifies a person masked."""
    if kind == "phone":
        digits = [i for i, c in enumerate(value) if c.isdigit()]
        keep = set(digits[-2:])
        if value.startswith("+") and len(digits) > 4:
            keep |= set(digits[:1])  # the country code's first digit: which country, not whose phone
        return "".join(c if (not c.isdigit() or i in keep) else MASK for i, c in enumerate(value))
    if kind == "email":
        local, at, domain = value.partition("@")
        return (local[:1] + MASK * max(len(local) - 1, 3) + at + domain) if at else _first(value)
    if kind in ("handle", "payment"):
        platform, sep, rest = value.rpartition(":")
        return platform + sep + _first(rest)
    if kind == "name":
        return MASK * max(len(value), 3)
    return value


def _first(text: str) -> str:
    return text[:1] + MASK * max(len(text) - 1, 3)


def redact_key(key: str) -> str:
    """An identifier key ``kind:value`` with its value redacted when the kind is sensitive."""
    kind, sep, value = key.partition(":")
    return kind + sep + redact_value(kind, value) if sep and kind in SENSITIVE else key


def redact_text(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """``text`` with every sensitive span (start, end, kind) masked; other text unchanged."""
    chars = list(text)
    for start, end, kind in spans:
        if kind in SENSITIVE:
            for i in range(max(start, 0), min(end, len(chars))):
                if not chars[i].isspace():
                    chars[i] = MASK
    return "".join(chars)


def redact_row(row: dict[str, Any]) -> dict[str, Any]:
    """One export row with identifier fields redacted (keys in ``identifiers``, values in ``phones``...)."""
    out = dict(row)
    for name in _KEY_FIELDS:
        if isinstance(out.get(name), list):
            out[name] = [redact_key(v) if isinstance(v, str) else v for v in out[name]]
    for name, kind in _VALUE_FIELDS.items():
        if isinstance(out.get(name), list):
            out[name] = [redact_value(kind, v) if isinstance(v, str) else v for v in out[name]]
    return out


class RedactingWriter:
    """Wraps a text file an exporter writes JSON lines to; each row is redacted on the way out."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            self._out.write((orjson.dumps(redact_row(orjson.loads(line))).decode() if line.strip() else line) + "\n")
        return len(text)

    def flush(self) -> None:
        if self._pending.strip():
            self._out.write(orjson.dumps(redact_row(orjson.loads(self._pending))).decode())
            self._pending = ""
        self._out.flush()
