"""How and where a date happens: incall, outcall, car dates, hotel or motel (with the chain named
when it is, "staying at the Marriott"); a mode the ad refuses ("no outcalls") is not read as offered.
"""

from __future__ import annotations

import re

from clew.extract import Context, register
from clew.extract._scan import lowered, matches_at, word_starts
from clew.model import Span

_MODES_BODY = (
    r"(?:(?P<in_out>in[ \t]?(?:&|and|/|n|\+)[ \t]?out[ \t]?calls?)|(?P<incall>in[ \t-]?calls?)"
    r"|(?P<outcall>out[ \t-]?calls?)|(?P<car>car[ \t-]?(?:dates?|fun|play|calls?))"
    r"|(?P<chain>marriott|hilton|hyatt|sheraton|westin|"
    r"holiday[ \t]inn|hampton[ \t]inn|motel[ \t]?6|super[ \t]?8|red[ \t]roof|la[ \t]quinta|"
    r"days[ \t]inn|comfort[ \t]inn|best[ \t]western|extended[ \t]stay|quality[ \t]inn|"
    r"motel[ \t]?\d{1,2}|embassy[ \t]suites|doubletree|radisson|wyndham|travelodge|econo[ \t]?lodge)|(?P<hotel>hotels?|motels?|inn|suites))"
    r"(?![A-Za-z])"
)
_MODES = re.compile(r"(?<![A-Za-z])" + _MODES_BODY, re.I)
#: the same on lower-cased text: it starts with one of a few letters, so the engine skips ahead to them
_MODES_LOW = re.compile(r"(?=[iocmhswdrlbeqt])(?<![a-z])" + _MODES_BODY)
#: the word every mode or venue above starts with ("in/out calls", "car dates", "motel 6", "red roof")
_FIRST_WORDS = frozenset(
    "in incall incalls out outcall outcalls car cardate cardates carfun carplay carcall carcalls "
    "marriott hilton hyatt sheraton westin holiday hampton motel super red la days comfort best "
    "extended quality embassy doubletree radisson wyndham travelodge econo econolodge hotel hotels "
    "motels inn suites".split()
)
_NEGATED = re.compile(r"(?:\bno|\bnot|\bn'?t|\bsin|\bsorry|\bwithout)[ \t]{1,2}(?:\w+[ \t]{1,2})?$", re.I)
_CHAINS_MOTEL = ("motel", "super", "red roof", "days inn", "econo", "travelodge", "la quinta")


def read_service_modes(text: str) -> list[Span]:
    """Every offered service mode or venue in ``text``, as spans (value incall/outcall/car/hotel/motel)."""
    if not text:
        return []
    spans: list[Span] = []
    starts = word_starts(text, _FIRST_WORDS)
    low = lowered(text)
    if starts is not None:
        found = matches_at(_MODES_LOW, starts, low)
    else:
        found = _MODES_LOW.finditer(low) if low is not None else _MODES.finditer(text)
    for m in found:
        # (a negation ends in blanks, "$" maybe before a newline: a mode right after anything else has none)
        if m.start() > 0 and text[m.start() - 1] in " \t\n" and _NEGATED.search(text, max(0, m.start() - 16), m.start()):
            continue
        surface = text[m.start() : m.end()]
        word = re.sub(r"[ \t]+", " ", surface.lower())
        if m.group("in_out"):
            modes = ["incall", "outcall"]
        elif m.group("incall"):
            modes = ["incall"]
        elif m.group("outcall"):
            modes = ["outcall"]
        elif m.group("car"):
            modes = ["car"]
        elif m.group("hotel"):
            if word in ("inn", "suites"):
                continue
            modes = ["motel" if word.startswith("motel") else "hotel"]
        else:
            modes = ["motel" if word.startswith(_CHAINS_MOTEL) else "hotel"]
        for mode in modes:
            detail: dict[str, object] = {"mode": mode}
            if m.group("chain"):
                detail["venue"] = word
            spans.append(Span("service_mode", mode, surface, m.start(), m.end(), 0.85, "service_mode",
                              detail=detail))
    return spans


@register("service_mode", ["service_mode"])
def extract(text: str, context: Context) -> list[Span]:
    """The service-mode extractor: incall, outcall, car dates, hotel and motel mentions."""
    return read_service_modes(text)
