"""The poster's stated age ("19yo", "age: 21", "I'm 22", "nineteen years young", "tengo 19 años"),
never a number that only looks like one (measurements, heights, prices, hours, "24/7").
"""

from __future__ import annotations

import re

from clew.extract import Context, register
from clew.extract._scan import hint_text, hinted, lowered
from clew.model import Span

#: youngest and oldest age read as one (under 18 is kept: it is what investigators look for)
MIN_AGE, MAX_AGE = 14, 70

_UNITS_EN = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TENS_EN = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
_TEENS_EN = {
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "seventy": 70,
}
_UNITS_ES = {
    "uno": 1, "un": 1, "\u00fan": 1, "dos": 2, "d\u00f3s": 2, "tres": 3, "tr\u00e9s": 3,
    "cuatro": 4, "cinco": 5, "seis": 6, "s\u00e9is": 6, "siete": 7, "ocho": 8, "nueve": 9,
}
_TENS_ES = {"treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60}
_TEENS_ES = {
    "catorce": 14, "quince": 15, "diecis\u00e9is": 16, "dieciseis": 16, "diecisiete": 17,
    "dieciocho": 18, "diecinueve": 19, "veinte": 20, "setenta": 70,
}
_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty)(?:[ \t-]{1,2}(?:one|two|three|four|five|six|seven|"
    r"eight|nine)(?![a-z]))?|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|seventy|"
    r"catorce|quince|diecis[e\u00e9]is|diecisiete|dieciocho|diecinueve|veinte|"
    r"veinti(?:uno|\u00fan|un|d[o\u00f3]s|tr[e\u00e9]s|cuatro|cinco|s[e\u00e9]is|siete|ocho|nueve)|"
    r"(?:treinta|cuarenta|cincuenta|sesenta)(?:[ \t]y[ \t](?:uno|un|dos|tres|cuatro|cinco|seis|"
    r"siete|ocho|nueve))?|setenta)"
)
#: where an age's number can stand: two digits alone, or a number word
#: two digits standing alone (the lookbehind after the first digit lets the engine skip ahead)
_DIGITS = re.compile(r"\d(?<!\d.)\d(?!\d)")
_WORDS = re.compile(r"(?<![A-Za-z])" + _WORD + r"(?![A-Za-z])", re.I)
#: where a match of _WORDS can start, on lower-cased text (see clew.extract._scan.hinted)
_WORD_HINTS = re.compile("twen|thir|fort|fift|sixt|four|seve|eigh|nine|cato|quin|diec|vein|trei|cuar|cinc|sese|sete")
#: every age word holds one of these (lower-cased): a text without any is not scanned for words
_WORD_STEMS = re.compile(
    "teen|twenty|thirty|forty|fifty|sixty|seventy|veint|treinta|cuarenta|cincuenta|sesenta|setenta|catorce|quince|dieci"
)
#: characters that make the number part of something else when written just before it
_NOT_BEFORE = frozenset(".,$\u20ac\u00a3'\u2019/:#-+x*")
_SUFFIX = re.compile(
    r"[ \t]{0,2}-?[ \t]?(?:y/o|y\.o\.?|yo|yrs?\.?(?:[ \t]{0,2}old)?|years?(?:[ \t]{1,2}|-)(?:old|young)|"
    r"year-old|a\u00f1os|anos|a\u00f1itos|ans|jahre|anni)(?![A-Za-z0-9])",
    re.I,
)
_CUE = re.compile(
    r"(?:(?P<age>(?<![A-Za-z])(?:age|edad|\u00e2ge|idade|alter))[ \t]{0,2}(?:is[ \t]|[:=\-\u2014])?[ \t]{0,2}"
    r"|(?<![A-Za-z])(?:i'?m|i\u2019m|i[ \t]am|tengo)[ \t]{1,2}(?:only[ \t]{1,2}|just[ \t]{1,2}|a[ \t]{1,2})?)$",
    re.I,
)
#: every match of _CUE holds one of these, lower-cased; they open with literals, so looking for
#: them costs far less than trying _CUE (which opens with a lookbehind) at every position
_CUE_HINTS = re.compile("age|edad|\u00e2ge|idade|alter|i'?m|i\u2019m|i[ \t]am|tengo")
#: what may follow a bare number after "I'm" without making it an age ("I'm 5'4", "I'm 24/7")
_NOT_AFTER_IM = re.compile(
    r"[ \t]{0,2}(?:[\d'\u2019\u2032\"/:%$+]|[.,]\d|-[ \t]?\d|x\b|min|hr|hour|h\b|lb|kg|cm|inch|ft|foot|feet|dollar|"
    r"usd|rose|mile|am\b|pm\b|percent|k\b|th\b|st\b|nd\b|rd\b|[a-d]{1,3}\b|dd)",
    re.I,
)
#: what after "21 yrs" makes it a span of time, not an age
_NOT_AGE_AFTER = re.compile(
    r"[ \t]{0,2}(?:of|in[ \t](?:the[ \t])?(?:business|industry|game|biz|hobby)|exp|experience|ago|married|together|de[ \t]experiencia|en[ \t]el|doing|"
    r"working|since|experiencia|plus|\+)",
    re.I,
)


def _value(raw: str) -> int | None:
    if raw.isdigit():
        return int(raw)
    raw = raw.lower()
    words = re.split(r"[ \t\-]+", raw)
    if words[0] in _TENS_EN:
        return _TENS_EN[words[0]] + (_UNITS_EN.index(words[-1]) + 1 if len(words) > 1 else 0)
    if words[0] in _TEENS_EN:
        return _TEENS_EN[words[0]]
    if words[0] in _TEENS_ES:
        return _TEENS_ES[words[0]]
    if words[0] in _TENS_ES:
        return _TENS_ES[words[0]] + (_UNITS_ES[words[-1]] if len(words) > 1 else 0)
    if words[0].startswith("veinti"):
        return 20 + _UNITS_ES.get(words[0][6:], 0)
    return None


def read_ages(text: str) -> list[Span]:
    """Every stated age of the poster in ``text``, as spans whose value is the integer."""
    if not text:
        return []
    anchors = list(_DIGITS.finditer(text))
    low_text = hint_text(text)
    low = lowered(text) or text.lower()
    if _WORD_STEMS.search(low):
        anchors.extend(hinted(_WORDS, _WORD_HINTS, text, low_text))
        anchors.sort(key=lambda m: m.start())
    spans: list[Span] = []
    for m in anchors:
        if m.start() and text[m.start() - 1] in _NOT_BEFORE:
            continue
        span = _age_at(text, m.start(), m.end(), m.group(), low_text)
        if span is not None and not (spans and span.start < spans[-1].end):
            spans.append(span)
    return spans


def _age_at(text: str, start: int, end: int, raw: str, low: str | None) -> Span | None:
    """The age span around the number at ``start:end``, if a cue or unit makes it one (``low`` is
    the text's :func:`~clew.extract._scan.hint_text`)."""
    n = _value(raw)
    if n is None or not MIN_AGE <= n <= MAX_AGE:
        return None
    suffix = _SUFFIX.match(text, end)
    before = max(0, start - 24)
    if low is not None and _CUE_HINTS.search(low, before, start) is None:
        cue = None  # (most numbers: no cue word stands before them)
    else:
        cue = _CUE.search(text, before, start)
    if suffix is None and cue is None:
        return _roster_age(text, start, end, n)
    stop = suffix.end() if suffix else end
    if suffix is not None:
        if _NOT_AGE_AFTER.match(text, stop):
            return None
        conf = 0.95 if cue else 0.9
    elif cue.group("age"):
        if re.match(r"[ \t]{0,2}(?:\+|[-\u2013][ \t]{0,2}\d|\d|\.\d|s\b)", text[end : end + 6]):
            return None  # "age 18+", "ages 18-25"
        conf = 0.9
    else:
        if _NOT_AFTER_IM.match(text, end) or (raw.isdigit() and _word_follows(text, end)):
            return None
        conf = 0.7
    begin = cue.start() if cue else start
    return Span("age", str(n), text[begin:stop], begin, stop, conf, "age")


#: an agency roster line: "Jewel, 19, surfer girl", "Mei (30) college girl", "Hope - 33 - Colombian"
_ROSTER_BEFORE = re.compile(r"(?P<name>[A-Z\u00c0-\u00de](?<![^\W\d_].)[^\W\d_]{1,14})(?P<open>[ \t]?\(|,[ \t]|[ \t][-\u2013][ \t])$")
_ROSTER_CLOSE = {
    "(": re.compile(r"\)(?![ \t]?\d)"),
    ",": re.compile(r",(?![ \t]?\d)"),
    "-": re.compile(r"[ \t][-\u2013][ \t](?!\d)"),
}
_NOT_ROSTER_NAMES = frozenset(
    "tonight today now rates rate suite room apt unit age ages size hours hrs hr only from call text "
    "text me deal special price donation incall outcall hotel motel floor door exit highway route".split()
)


def _roster_age(text: str, start: int, end: int, n: int) -> Span | None:
    """An age in a roster of names ("Mei (30) college girl"), read only between a name and its close."""
    before = _ROSTER_BEFORE.search(text, max(0, start - 20), start)
    if before is None or before.group("name").lower() in _NOT_ROSTER_NAMES:
        return None
    opener = before.group("open").strip()[:1] or "-"
    close = _ROSTER_CLOSE[opener if opener in "(," else "-"].match(text, end)
    if close is None:
        return None
    return Span("age", str(n), text[start:end], start, end, 0.6, "age", detail={"name": before.group("name")})


_NOUNS_AFTER_IM = re.compile(
    r"[ \t]{1,2}(?:girls?|guys?|ladies|women|men|of|times|days|weeks|months|hours|more|miles|minutes)\b",
    re.I,
)


def _word_follows(text: str, end: int) -> bool:
    """Whether a counted noun follows ("I'm 2 girls", "im 20 minutes away")."""
    return _NOUNS_AFTER_IM.match(text, end) is not None


@register("age", ["age"])
def extract(text: str, context: Context) -> list[Span]:
    """The age extractor: every age the poster states."""
    return read_ages(text)
