"""Rates: an amount, its currency and the time it buys ("150hh", "200/hr", "qv 80", "1hr 250",
"overnight 1500", "$300"), read as durations and amounts paired in the order the ad writes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clew.extract import Context, register
from clew.model import Span

#: fewest and most an amount may be to be read as a rate (a "2 bills" is converted first)
MIN_AMOUNT, MAX_AMOUNT = 20, 50_000

_DURATION = re.compile(
    r"(?<![A-Za-z])(?:(?P<qv>qv|qk|quick[ \t]?visit|quickie|quicky|q\.v\.?|qkv)"
    r"|(?P<hh>hhr|hh|half[ \t-]?(?:hour|hr)|1/2[ \t]?(?:hr|hour|h)|\u00bd[ \t]?(?:hr|hour|h)|media[ \t]hora)"
    r"|(?P<on>overnight|over[ \t]night|all[ \t]night|full[ \t]night|toda[ \t]la[ \t]noche|night)"
    r"|(?P<nh>(?<![\d.])\d{1,2}(?:\.5)?)[ \t]{0,2}(?:hrs?|hours?|horas?|h)"
    r"|(?P<nm>(?<![\d.])\d{2,3})[ \t]{0,2}(?:minutes?|minutos?|mins?)"
    r"|(?P<hr>hr|hour|hora|h))(?![A-Za-z])",
    re.I,
)
_AMOUNT = re.compile(
    r"(?:(?P<pre>US\$|AU\$|A\$|C\$|CA\$|NZ\$|MX\$|\$|\u20ac|\u00a3|(?i:usd|eur|gbp|aud|cad)(?![A-Za-z]))[ \t]{0,2})?"
    r"(?<![\w.,/:'\u2019+#-])(?<!\d[ \t.])(?P<amt>\d{1,2}(?:\.\d)?[kK]|\d{1,3},\d{3}|\d{1,5})(?!\d)(?:\.\d\d)?"
    r"(?![\d,.]\d|[/:'\u2019\u2032\"]\d|[ \t]?-[ \t]?\d|[ \t.]\d{3}|[ \t]?%|[kK])"
    r"(?:[ \t]{0,2}(?P<suf>(?:\$|\u20ac|\u00a3)(?![ \t]?\d)|(?i:usd|dollars?|bucks|roses?|rosas?|donations?|bills?|"
    r"eur|euros?|gbp|quid|aud|cad|nzd|mxn|pesos?|dlls?|dls)(?![A-Za-z]))|(?P<r>[rR])(?![A-Za-z0-9]))?"
)
_GAP = re.compile(r"\s{0,3}(?:(?:/|@|:|=|-|\u2013|\u2014|,|per|for|a|an|each|por|x)\s{0,3}){0,2}", re.I)
_REGION_CURRENCY = {
    "US": "USD", "CA": "CAD", "AU": "AUD", "NZ": "NZD", "GB": "GBP", "MX": "MXN", "CO": "COP",
    "IE": "EUR", "ES": "EUR", "FR": "EUR", "DE": "EUR", "IT": "EUR", "NL": "EUR", "PT": "EUR",
    "BE": "EUR", "AT": "EUR", "GR": "EUR", "FI": "EUR",
}
_DOLLAR_REGIONS = frozenset({"US", "CA", "AU", "NZ", "MX", "CO"})
_CURRENCY_WORDS = {
    "us$": "USD", "au$": "AUD", "a$": "AUD", "c$": "CAD", "ca$": "CAD", "nz$": "NZD",
    "mx$": "MXN", "\u20ac": "EUR", "\u00a3": "GBP", "usd": "USD", "eur": "EUR", "euro": "EUR",
    "euros": "EUR", "gbp": "GBP", "quid": "GBP", "aud": "AUD", "cad": "CAD", "nzd": "NZD",
    "mxn": "MXN", "peso": "MXN", "pesos": "MXN", "dll": "USD", "dlls": "USD", "dls": "USD",
}


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    minutes: int | None = None  # a duration
    amount: int | None = None  # an amount
    currency: str | None = None


def _minutes(m: re.Match[str]) -> int | None:
    if m.group("qv"):
        return 15
    if m.group("hh"):
        return 30
    if m.group("on"):
        return 600
    if m.group("nh"):
        return int(float(m.group("nh")) * 60) or None
    if m.group("nm"):
        return int(m.group("nm"))
    return 60


def _amount(m: re.Match[str], region: str) -> _Token | None:
    raw = m.group("amt").lower().replace(",", "")
    amount = int(float(raw[:-1]) * 1000) if raw.endswith("k") else int(raw)
    suf = (m.group("suf") or "").lower()
    pre = (m.group("pre") or "").lower()
    if suf.startswith("bill") and amount < MIN_AMOUNT:
        amount *= 100  # "2 bills" is 200
    if not MIN_AMOUNT <= amount <= MAX_AMOUNT:
        return None
    mark = pre or suf or ("r" if m.group("r") else "")
    local = _REGION_CURRENCY.get(region, "USD")
    if not mark:
        currency = None
    elif mark == "$":
        currency = local if region in _DOLLAR_REGIONS else "USD"
    else:
        currency = _CURRENCY_WORDS.get(mark, local)
    start = m.start() if pre else m.start("amt")
    return _Token(start, m.end(), amount=amount, currency=currency)


def read_prices(text: str, region: str | None = None) -> list[Span]:
    """Every rate in ``text``: amount, currency (``region``'s for "$" and slang) and minutes."""
    if not text or not any(c.isdigit() for c in text):
        return []
    region = (region or "US").upper()
    durations = [_Token(m.start(), m.end(), minutes=_minutes(m)) for m in _DURATION.finditer(text)]
    tokens: list[_Token] = list(durations)
    d_iter = iter(durations)
    nxt = next(d_iter, None)
    for m in _AMOUNT.finditer(text):
        while nxt is not None and nxt.end <= m.start("amt"):
            nxt = next(d_iter, None)
        if nxt is not None and nxt.start < m.end("amt"):
            continue  # the number of "2 hrs" is a duration, not an amount
        token = _amount(m, region)
        if token is not None:
            tokens.append(token)
    tokens.sort(key=lambda t: t.start)
    spans: list[Span] = []
    i = 0
    while i < len(tokens):
        a = tokens[i]
        b = tokens[i + 1] if i + 1 < len(tokens) else None
        if (
            b is not None
            and (a.amount is None) != (b.amount is None)
            and b.start >= a.end
            and b.start - a.end <= 16
            and _GAP.fullmatch(text, a.end, b.start)
        ):
            amount, duration = (a, b) if a.amount is not None else (b, a)
            spans.append(_span(text, a.start, b.end, amount, duration.minutes, region, 0.9))
            i += 2
            continue
        if a.amount is not None and a.currency is not None:
            spans.append(_span(text, a.start, a.end, a, None, region, 0.75))
        i += 1
    return spans


def _span(text: str, start: int, end: int, amount: _Token, minutes: int | None, region: str, conf: float) -> Span:
    currency = amount.currency or _REGION_CURRENCY.get(region, "USD")
    return Span(
        "price", str(amount.amount), text[start:end], start, end, conf, "price",
        detail={"amount": amount.amount, "currency": currency, "minutes": minutes},
    )


@register("price", ["price"])
def extract(text: str, context: Context) -> list[Span]:
    """The price extractor: every rate in the text."""
    return read_prices(text, context.region)
