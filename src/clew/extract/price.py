"""Rates: an amount, its currency and the time it buys ("150hh", "200/hr", "qv 80", "1hr 250",
"overnight 1500", "$300"), read as durations and amounts paired in the order the ad writes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clew.extract import Context, register
from clew.extract._scan import lowered, matches_at, word_set, word_starts
from clew.model import Span

#: fewest and most an amount may be to be read as a rate (a "2 bills" is converted first)
MIN_AMOUNT, MAX_AMOUNT = 20, 50_000

#: durations written in words, matched on lower-cased text (no re.I: the engine skips ahead to
#: the few letters they start with); numbers with a unit are read by the patterns after it
_DURATION_WORDS = re.compile(
    r"(?:(?P<qv>q(?<![a-z].)(?:v|k|uick[ \t]?visit|uickie|uicky|\.v\.?|kv))"
    r"|(?P<hh>h(?<![a-z].)(?:hr|h|alf[ \t-]?(?:hour|hr))|m(?<![a-z].)edia[ \t]hora)"
    r"|(?P<on>o(?<![a-z].)ver(?:night|[ \t]night)|a(?<![a-z].)ll[ \t]night|f(?<![a-z].)ull[ \t]night"
    r"|t(?<![a-z].)oda[ \t]la[ \t]noche|n(?<![a-z].)ight)"
    r"|(?P<hr>h(?<![a-z].)(?:r|our|ora)?))(?![a-z])"
)
#: the word each duration above starts with ("quick visit", "half-hour", "all night", "150hh")
_DURATION_FIRST_WORDS = frozenset(
    "q qv qk qkv quick quickvisit quickie quicky h hh hhr half halfhour halfhr media over overnight "
    "all full toda night hr hour hora".split()
)
_DURATION_HALF = re.compile(r"(?:1(?<![A-Za-z].)/2|\u00bd(?<![A-Za-z].))[ \t]?(?:hr|hour|h)(?![A-Za-z])", re.I)
_DURATION_HOURS = re.compile(
    r"\d(?<![\d.A-Za-z].)\d?(?:\.5)?[ \t]{0,2}(?:hrs?|hours?|horas?|h)(?![A-Za-z])", re.I
)
_DURATION_MINUTES = re.compile(
    r"\d(?<![\d.A-Za-z].)\d{1,2}[ \t]{0,2}(?:minutes?|minutos?|mins?)(?![A-Za-z])", re.I
)
_HOUR_UNITS = frozenset({"h", "hr", "hrs", "hour", "hours", "hora", "horas"})
_HOURS_NUMBER = re.compile(r"\d{1,2}(?:\.5)?")
_MINUTES_NUMBER = re.compile(r"\d{2,3}")
_AMOUNT = re.compile(
    r"(?:(?P<pre>US\$|AU\$|A\$|C\$|CA\$|NZ\$|MX\$|\$|\u20ac|\u00a3|(?i:usd|eur|gbp|aud|cad)(?![A-Za-z]))[ \t]{0,2})?"
    r"(?<![\w.,/:'\u2019+#-])(?<!\d[ \t.])(?P<amt>\d{1,2}(?:\.\d)?[kK]|\d{1,3},\d{3}|\d{2,5}|\d(?=[ \t]{0,2}(?i:bills?)(?![A-Za-z])))(?!\d)(?:\.\d\d)?"
    r"(?![\d,.]\d|[/:'\u2019\u2032\"]\d|[ \t]?-[ \t]?\d|[ \t.]\d{3}|[ \t]?%|[kK])"
    r"(?:[ \t]{0,2}(?P<suf>(?:\$|\u20ac|\u00a3)(?![ \t]?\d)|(?i:usd|dollars?|bucks|roses?|rosas?|donations?|bills?|"
    r"eur|euros?|gbp|quid|aud|cad|nzd|mxn|pesos?|dlls?|dls)(?![A-Za-z]))|(?P<r>[rR])(?![A-Za-z0-9]))?"
)
#: the same amount found from its first digit (the engine skips ahead to digits), its currency
#: prefix then read backwards from there: one pass, no per-position alternation
_AMOUNT_DIGITS = re.compile(
    r"(?P<amt>\d(?<![\w.,/:'\u2019+#-].)(?<!\d[ \t.].)(?:\d?(?:\.\d)?[kK]|\d{0,2},\d{3}|\d{1,4}"
    r"|(?=[ \t]{0,2}(?i:bills?)(?![A-Za-z]))))(?!\d)(?:\.\d\d)?"
    + _AMOUNT.pattern[_AMOUNT.pattern.index("(?![\\d,.]\\d"):]
)
_PREFIX_BEFORE = re.compile(
    r"(?P<pre>US\$|AU\$|A\$|C\$|CA\$|NZ\$|MX\$|\$|\u20ac|\u00a3|(?i:usd|eur|gbp|aud|cad)(?![A-Za-z]))[ \t]{0,2}\Z"
)
_ANY_DIGIT = re.compile(r"\d")
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


def _word_minutes(m: re.Match[str]) -> int | None:
    if m.group("qv"):
        return 15
    if m.group("hh"):
        return 30
    if m.group("on"):
        return 600
    return 60


def _durations(text: str) -> list[_Token]:
    """Every duration, left to right and never overlapping (as one alternation would read them)."""
    found: list[tuple[int, int, int | None]] = []
    starts = word_starts(text, _DURATION_FIRST_WORDS)
    low = lowered(text)
    if starts is not None:
        found += [(m.start(), m.end(), _word_minutes(m)) for m in matches_at(_DURATION_WORDS, starts, low)]
    elif low is not None:
        found += [(m.start(), m.end(), _word_minutes(m)) for m in _DURATION_WORDS.finditer(low)]
    else:  # lower-casing moved offsets: read a copy with those characters blanked
        safe = "".join(c if len(c.lower()) == 1 else " " for c in text).lower()
        found += [(m.start(), m.end(), _word_minutes(m)) for m in _DURATION_WORDS.finditer(safe)]
    if "1/2" in text or "\u00bd" in text:
        found += [(m.start(), m.end(), 30) for m in _DURATION_HALF.finditer(text)]
    view = word_set(text)  # an hour's unit stands as a word of its own ("2hrs": "hrs")
    for m in _DURATION_HOURS.finditer(text) if view is None or not _HOUR_UNITS.isdisjoint(view[1]) else ():
        hours = _HOURS_NUMBER.match(text, m.start())
        found.append((m.start(), m.end(), (int(float(hours.group()) * 60) or None) if hours else None))
    # (starts is None also when case-insensitive matching would read "ı" as "i": scan then)
    for m in _DURATION_MINUTES.finditer(text) if starts is None or "min" in low else ():
        minutes = _MINUTES_NUMBER.match(text, m.start())
        found.append((m.start(), m.end(), int(minutes.group()) if minutes else None))
    found.sort(key=lambda f: (f[0], -f[1]))
    out: list[_Token] = []
    last = 0
    for start, end, minutes in found:
        if start >= last:
            out.append(_Token(start, end, minutes=minutes))
            last = end
    return out


#: the last character of every currency prefix (re.I folds no other character to d, r or p)
_PREFIX_ENDS = frozenset("$\u20ac\u00a3dDrRpP")


def _prefix_before(text: str, lo: int, at: int) -> re.Match[str] | None:
    """``_PREFIX_BEFORE.search(text, lo, at)``, passed over when the character before ``at`` (past
    at most two blanks) ends no currency prefix (most amounts that have none)."""
    p = at - 1
    for _ in range(2):
        if p >= lo and text[p] in " \t":
            p -= 1
    if p < lo or text[p] not in _PREFIX_ENDS:
        return None
    return _PREFIX_BEFORE.search(text, lo, at)


def _amount(m: re.Match[str], region: str, pre_match: re.Match[str] | None = None, pre_at: int = 0) -> _Token | None:
    raw = m.group("amt").lower().replace(",", "")
    amount = int(float(raw[:-1]) * 1000) if raw.endswith("k") else int(raw)
    suf = (m.group("suf") or "").lower()
    pre = pre_match.group("pre").lower() if pre_match is not None else ""
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
    start = pre_at if pre else m.start("amt")
    return _Token(start, m.end(), amount=amount, currency=currency)


def read_prices(text: str, region: str | None = None) -> list[Span]:
    """Every rate in ``text``: amount, currency (``region``'s for "$" and slang) and minutes."""
    if not text or _ANY_DIGIT.search(text) is None:
        return []
    region = (region or "US").upper()
    durations = _durations(text)
    tokens: list[_Token] = list(durations)
    d_iter = iter(durations)
    nxt = next(d_iter, None)
    last_end = 0
    for m in _AMOUNT_DIGITS.finditer(text):
        at = m.start()
        pre = _prefix_before(text, max(last_end, at - 8), at) if at else None
        last_end = m.end()
        while nxt is not None and nxt.end <= at:
            nxt = next(d_iter, None)
        if nxt is not None and nxt.start < m.end("amt"):
            continue  # the number of "2 hrs" is a duration, not an amount
        token = _amount(m, region, pre, pre.start() if pre else at)
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
