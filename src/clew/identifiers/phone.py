"""Phone identifiers: any surface form a user types to E.164, through the extractor's own reader.

``normalize("seven 0 two 555 oh one four two")`` and ``normalize("(702) 555-0142")`` both give
``+17025550142``, exactly as extraction reads the same text in an ad, so a search finds every ad.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

from clew.extract import _digits
from clew.extract.phone import e164, read_phones

_E164 = re.compile(r"\+[1-9]\d{6,14}")


def normalize(raw: str, region: str | None = None) -> str | None:
    """The E.164 value of the phone number ``raw`` names (read in ``region``, default US), or None."""
    if not raw or not raw.strip():
        return None
    region = (region or "US").upper()
    try:
        spans = read_phones(raw, region)
        if spans:
            # the reading that covers most of what was typed is the one meant
            return max(spans, key=lambda s: (s.end - s.start, -s.start)).value
        # a bare digit string typed without context (no prose, no cue) is read as is
        digits, _ = _digits.digit_stream(raw)
        plus = raw.lstrip()[:1] in ("+", "\uff0b")
        return e164(digits, region, plus) if digits else None
    except Exception:
        return None


def validate(value: str) -> bool:
    """Whether ``value`` is a valid E.164 phone number."""
    if not isinstance(value, str) or not _E164.fullmatch(value):
        return False
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(value, None))
    except phonenumbers.NumberParseException:
        return False


@lru_cache(maxsize=65_536)
def display(value: str) -> str:
    """The international format a person reads: ``+1 702-555-0142`` (kept: pages show the same
    numbers again and again, and formatting one is parsing it)."""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def last_digits(raw: str, n: int = 7) -> str | None:
    """The last ``n`` digits of a (possibly partial or obfuscated) number, for partial search."""
    value = normalize(raw)
    digits = value[1:] if value else _digits.digit_stream(raw)[0]
    if len(digits) < n:
        return None
    return digits[-n:]
