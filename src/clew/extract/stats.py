"""Physical stats (height, weight, measurements, cup, dress and shoe size), read so that no other
extractor takes "34D-24-36" for an age or "5'4" for a phone digit.
"""

from __future__ import annotations

import re

from clew.extract import Context, register
from clew.extract._scan import hint_text, hinted, lowered, word_set
from clew.model import Span

_HEIGHT_FT = re.compile(
    r"(?P<ft>[4-6])(?<![\d.,$].)[ \t]{0,2}(?:'|\u2019|\u2032|ft\.?|feet|foot)[ \t]{0,2}"
    r"(?:(?P<inch>1[01]|[0-9])(?!\d)(?:\.5)?[ \t]{0,2}(?:\"|''|\u201d|\u2033|in(?:ch(?:es)?)?\.?(?![A-Za-z]))?)?",
    re.I,
)
_HEIGHT_CM = re.compile(r"(?P<cm>1(?<![\d.,$].)[4-9]\d)[ \t]{0,2}cm(?![A-Za-z])", re.I)
_WEIGHT = re.compile(
    r"(?P<n>\d(?<![\d.,$].)\d{1,2})[ \t]{0,2}(?P<unit>lbs?\.?|pounds|kgs?|kilos?)(?![A-Za-z])", re.I
)
_MEASURE = re.compile(
    r"(?P<b>[2-5](?<![\d.,$/:-].)\d)[ \t]{0,2}(?P<cup>[a-hA-H]{1,3}|[dD]{1,4})?[ \t]{0,2}[-/][ \t]{0,2}"
    r"(?P<w>[1-4]\d)[ \t]{0,2}[-/][ \t]{0,2}(?P<h>[2-6]\d)(?![\d/:-])"
)
_CUP = re.compile(r"(?P<b>[2-5](?<![\d.,$/:-].)\d)[ \t]?(?P<cup>AA|A|B|C|DD{0,3}|E|F|G|H|dd{0,3})(?![A-Za-z0-9'])(?:[ \t]?cup)?")
_SIZE = re.compile(
    r"(?<![A-Za-z])(?P<what>dress|shoe|clothing|clothes|pant|jeans?)?[ \t]{0,2}size[ \t]{0,2}[:=\-]?[ \t]{0,2}"
    r"(?P<n>\d{1,2}(?:\.5)?|xxs|xs|s|m|l|xl|xxl|small|medium|large)(?![A-Za-z0-9])",
    re.I,
)


_ANY_DIGIT = re.compile(r"\d")
_WEIGHT_UNITS = frozenset({"lb", "lbs", "pounds", "kg", "kgs", "kilo", "kilos"})
#: where a match of _SIZE can start, on lower-cased text (see clew.extract._scan.hinted): its garment
#: word, or the blanks before "size"
_SIZE_HINTS = re.compile("dress|shoe|cloth|pant|jean|[ \t]{0,2}size")


def _span(text: str, start: int, end: int, value: str, kind: str, conf: float, **detail: object) -> Span:
    while end > start and text[end - 1] in " \t":
        end -= 1
    return Span("stats", value, text[start:end], start, end, conf, "stats", detail={"type": kind, **detail})


def read_stats(text: str) -> list[Span]:
    """Every height, weight, measurement, cup and size in ``text``, as spans."""
    if not text:
        return []
    digits = _ANY_DIGIT.search(text) is not None
    size = "size" in (lowered(text) or text.lower())
    if not digits and not size:
        return []
    spans: list[Span] = []
    if not digits:
        text_digits = ""  # no number: only a written size can be read
    else:
        text_digits = text
    for m in _MEASURE.finditer(text_digits):
        b, w, h = int(m.group("b")), int(m.group("w")), int(m.group("h"))
        if not (28 <= b <= 56 and 18 <= w <= 48 and 28 <= h <= 64 and w < h):
            continue
        cup = (m.group("cup") or "").upper()
        value = f"{b}{cup}-{w}-{h}"
        spans.append(_span(text, m.start(), m.end(), value, "measurements", 0.95, bust=b, cup=cup or None, waist=w, hips=h))
    measured = [(s.start, s.end) for s in spans]  # in text order, disjoint
    j = 0
    for m in _CUP.finditer(text_digits):
        while j < len(measured) and measured[j][1] <= m.start():
            j += 1
        if j < len(measured) and measured[j][0] <= m.start() and m.end() <= measured[j][1]:
            continue  # the cup of measurements ("34D" of "34D-24-36"): the same reading, dropped below
        b = int(m.group("b"))
        if 28 <= b <= 56:
            cup = m.group("cup").upper()
            spans.append(_span(text, m.start(), m.end(), f"{b}{cup}", "cup", 0.8, bust=b, cup=cup))
    for m in _HEIGHT_FT.finditer(text_digits):
        ft, inch = int(m.group("ft")), m.group("inch")
        marker = text[m.end("ft") : m.end("ft") + 7].lstrip().lower()
        if inch is None and not marker.startswith(("ft", "feet", "foot")):
            continue  # a lone 5' is too often something else
        inches = ft * 12 + int(inch or 0)
        cm = round(inches * 2.54)
        value = f"{ft}'{inch or 0}\""
        spans.append(_span(text, m.start(), m.end(), value, "height", 0.9, cm=cm, feet=ft, inches=int(inch or 0)))
    for m in _HEIGHT_CM.finditer(text_digits):
        cm = int(m.group("cm"))
        spans.append(_span(text, m.start(), m.end(), f"{cm}cm", "height", 0.9, cm=cm))
    view = word_set(text)  # a weight's unit stands as a word of its own ("120lbs": "lbs")
    for m in _WEIGHT.finditer(text_digits) if view is None or not _WEIGHT_UNITS.isdisjoint(view[1]) else ():
        n, unit = int(m.group("n")), m.group("unit").lower()
        kg = n if unit.startswith("k") else round(n * 0.4536)
        if not 35 <= kg <= 180:
            continue
        value = f"{n}kg" if unit.startswith("k") else f"{n}lbs"
        spans.append(_span(text, m.start(), m.end(), value, "weight", 0.9, kg=kg))
    for m in hinted(_SIZE, _SIZE_HINTS, text, hint_text(text)) if size else ():
        what = (m.group("what") or "").lower()
        size = m.group("n").lower()
        kind = "shoe_size" if what == "shoe" else "dress_size"
        if kind == "shoe_size" and not size.replace(".5", "").isdigit():
            continue
        if not what and size.isdigit() and int(size) > 24:
            continue
        start = m.start("what") if what else m.start() + len(m.group()) - len(m.group().lstrip())
        spans.append(_span(text, start, m.end(), size, kind, 0.8))
    spans.sort(key=lambda s: (s.start, -s.end))
    out: list[Span] = []
    for s in spans:  # a cup inside measurements is the same reading
        if out and s.start < out[-1].end and s.end <= out[-1].end:
            continue
        out.append(s)
    return out


@register("stats", ["stats"])
def extract(text: str, context: Context) -> list[Span]:
    """The stats extractor: every physical stat in the text."""
    return read_stats(text)
