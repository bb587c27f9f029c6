"""Reading the dates ads carry: ISO 8601, epoch seconds or milliseconds, and common ad formats."""

from __future__ import annotations

import math
from datetime import UTC, datetime

from dateutil import parser as _dateutil

# formats seen on ad sites, tried before the general (slower) parser; chosen by the first character,
# since each failed strptime costs as much as a successful one
_NUMERIC_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
    "%d %b %Y",
)
_NAMED_FORMATS = (
    "%b %d, %Y %I:%M %p",
    "%B %d, %Y %I:%M %p",
    "%b %d, %Y",
    "%B %d, %Y",
    "%a %d %b %Y %I:%M %p",
    "%a, %d %b %Y %H:%M:%S",
    "%A, %B %d, %Y %I:%M %p",
)

_MIN_YEAR = 1990
_MAX_YEAR = 2100


def _to_naive_utc(value: datetime) -> datetime:
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value


def _from_epoch(number: float) -> datetime:
    if math.isnan(number) or math.isinf(number):
        raise ValueError("not a number")
    if abs(number) >= 1e11:  # milliseconds
        number /= 1000.0
    try:
        return datetime.fromtimestamp(number, UTC).replace(tzinfo=None)
    except (OverflowError, OSError, ValueError):
        raise ValueError(f"epoch time {number!r} is out of range") from None


def parse_date(value: object) -> datetime | None:
    """The moment ``value`` names, as naive UTC; None for an empty value.

    Raises ValueError, naming the value, when it is not a date Clew can read.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"expected a date, got {value!r}")
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:
            raise ValueError(f"epoch time {str(value)[:30]}... is out of range") from None
        result = _from_epoch(number)
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if len(text) > 100:
            raise ValueError(f"cannot read date {text[:40]!r}...: too long")
        result = _parse_text(text)
    else:
        raise ValueError(f"expected a date, got {type(value).__name__}")
    if not _MIN_YEAR <= result.year <= _MAX_YEAR:
        raise ValueError(f"date {value!r} is outside {_MIN_YEAR}-{_MAX_YEAR}")
    return result


def _parse_text(text: str) -> datetime:
    if text.isdigit() and 9 <= len(text) <= 13:
        return _from_epoch(float(text))
    try:
        value = datetime.fromisoformat(text)  # ISO 8601, "Z" included: the common case
    except ValueError:
        pass
    else:
        return value if value.tzinfo is None else _to_naive_utc(value)
    for fmt in _NAMED_FORMATS if text[0].isalpha() else _NUMERIC_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        return _to_naive_utc(_dateutil.parse(text))
    except (ValueError, OverflowError, TypeError):
        raise ValueError(f"cannot read date {text!r}") from None
