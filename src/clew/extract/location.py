"""Where the ad is: city, region and country from its location field and its text, through the
offline gazetteer; in prose a place needs a capital and a cue ("in", "visiting") unless it is big.
"""

from __future__ import annotations

import re
from functools import lru_cache

from clew.extract import Context, register
from clew.extract import gazetteer as gz
from clew.model import Span

_WORD = re.compile(r"[A-Za-z\u00c0-\u00ff][A-Za-z\u00c0-\u00ff.'\-]{0,24}")
#: a word of ``_WORD`` that starts with a capital: not glued after letters (or letters and one of .'-)
_CAPITALIZED = re.compile(
    r"[A-Z\u00c0-\u00d6\u00d8-\u00de](?<![A-Za-z\u00c0-\u00ff].)(?<![A-Za-z\u00c0-\u00ff][.'\-].)[A-Za-z\u00c0-\u00ff.'\-]{0,24}"
)
_CUE = re.compile(
    r"(?:(?<![A-Za-z])(?:in|visiting|at|near|from|located|around|to|of|out[ \t]of|serving|downtown|"
    r"arriving|arrived|touring|area|city|en|desde)|\U0001f4cd|@|:)[ \t]{1,3}$",
    re.I,
)
_REGION_AFTER = re.compile(r"[ \t]{0,2}[,\-/][ \t]{0,2}(?P<r>[A-Za-z][A-Za-z .]{1,24}?)(?=[^A-Za-z .]|$| [a-z])")
#: city names that are also words or first names: never read from prose without a cue
_AMBIGUOUS = frozenset(
    """mobile reading nice orange independence victoria florence aurora austin madison charlotte
    jackson eugene tyler lincoln chelsea hope paradise sandy kent bath derby split mesa
    pueblo glendale phoenix denton temple plano lafayette jasmine asia china lima angel
    troy marion clinton georgia virginia carolina dakota washington columbia santa clara
    warren monroe layton logan parker rose ruby summit universal concord salem camden union
    normal ventura cary irving garland mission pearl provo orem""".split()
)
_MAX_WORDS = 4
#: words joined by single spaces or hyphens: the only shape a place of several words has
_JOINED = re.compile(r"[A-Za-z\u00c0-\u00ff.'\-]+(?:[ \-][A-Za-z\u00c0-\u00ff.'\-]+)*")


def read_locations(text: str, context: Context | None = None) -> list[Span]:
    """Every city, region or country in ``text``: from the ad's location field (``text`` equal to
    ``context.location``) leniently, from prose with a cue."""
    if not text:
        return []
    context = context or Context()
    is_field = context.location is not None and text == context.location
    if is_field:  # many ads share a location field: read once, each ad gets its own copies
        return [
            Span(s.kind, s.value, s.text, s.start, s.end, s.confidence, s.extractor, s.field, dict(s.detail or {}))
            for s in _field_spans(text, context.region)
        ]
    return _read(text, is_field, _hint(context, is_field))


@lru_cache(maxsize=4096)
def _field_spans(location: str, region: str | None) -> tuple[Span, ...]:
    return tuple(_read(location, True, _hint(Context(region=region, location=location), True)))


def _read(text: str, is_field: bool, hint: tuple[str | None, str | None]) -> list[Span]:
    # in prose only capitalized words can start a place: found by a pattern that starts with a capital
    words = list(_WORD.finditer(text)) if is_field else list(_CAPITALIZED.finditer(text))
    known = gz.first_words()
    spans: list[Span] = []
    i = 0
    while i < len(words):
        head = words[i].group().lower().split("-", 1)[0]
        if head not in known and (head.isascii() or gz.fold(head) not in known):
            i += 1
            continue
        found = _match_at(text, words, i, is_field, hint)
        if found is None:
            i += 1
            continue
        span, used = found
        spans.append(span)
        i += used
        while i < len(words) and words[i].start() < span.end:
            i += 1
    return spans


def _hint(context: Context, is_field: bool) -> tuple[str | None, str | None]:
    """(country, region) the ad's location field or region suggests, to pick among namesakes."""
    if not is_field and context.location:
        return _field_hint(context.location, context.region)
    return (context.region.upper() if context.region else None), None


@lru_cache(maxsize=4096)
def _field_hint(location: str, region: str | None) -> tuple[str | None, str | None]:
    """The hint of one location field (many ads share one): read once."""
    for s in read_locations(location, Context(location=location, region=region)):
        d = s.detail or {}
        return d.get("country"), d.get("region")  # type: ignore[return-value]
    return (region.upper() if region else None), None


@lru_cache(maxsize=1)
def _most_words() -> dict[str, int]:
    """For each first word of a place name, the most words (parts between spaces and hyphens) a
    name starting with it has: a phrase of more capitalized words than that is no place."""
    most: dict[str, int] = {}
    for name in gz.names():
        parts = [p for p in re.split(r"[ \-]", name) if p]
        first = name.split(" ", 1)[0].split("-", 1)[0]
        most[first] = max(most.get(first, 0), len(parts))
    return most


def _match_at(text: str, words: list[re.Match[str]], i: int, is_field: bool,
              hint: tuple[str | None, str | None]) -> tuple[Span, int] | None:
    known = gz.names()
    head = words[i].group().lower().split("-", 1)[0]
    most = _most_words()
    longest = most.get(head) or most.get(gz.fold(head), _MAX_WORDS)
    for n in range(min(_MAX_WORDS, len(words) - i, longest), 0, -1):
        first, last = words[i], words[i + n - 1]
        between = text[first.start() : last.end()]
        if n > 1 and not _JOINED.fullmatch(between):
            continue
        phrase = between.rstrip(".'")
        if gz.fold(phrase.strip()) not in known:
            continue  # no place is called that: skip the lookups
        end = first.start() + len(phrase)
        span = _place(text, phrase, first.start(), end, is_field, hint)
        if span is not None:
            return span, n
    return None


def _place(text: str, phrase: str, start: int, end: int, is_field: bool,
           hint: tuple[str | None, str | None]) -> Span | None:
    key = gz.fold(phrase)
    # (a cue ends in blanks, "$" maybe before a newline: a place right after anything else has none)
    cued = is_field or (start > 0 and text[start - 1] in " \t\n" and _CUE.search(text, max(0, start - 14), start) is not None)
    candidates = gz.cities(phrase)
    if candidates and len(key) >= 2:
        after = _REGION_AFTER.match(text, end)
        region = gz.region(after.group("r")) if after else None
        country_after = gz.country(after.group("r")) if after and not region else None
        pool = candidates
        if region:
            pool = [c for c in candidates if (c.country, c.region) == region] or []
        elif country_after:
            pool = [c for c in candidates if c.country == country_after]
        elif hint[0]:
            pool = [c for c in candidates if c.country == hint[0] and (not hint[1] or c.region == hint[1])] or [
                c for c in candidates if c.country == hint[0]] or candidates
        if pool:
            city = pool[0]
            ambiguous = key in _AMBIGUOUS or len(key) <= 3
            if region or country_after:
                stop = after.end("r") if after else end
                conf = 0.9
            elif cued and not (ambiguous and not is_field and len(key) <= 3 and key not in gz.ALIASES):
                stop, conf = end, (0.9 if is_field else 0.75)
            elif not ambiguous and city.population >= 500_000 and not is_field:
                stop, conf = end, 0.6
            else:
                return None
            if ambiguous and not is_field and not (region or country_after or cued):
                return None
            return _span(text, start, stop, city.name, city.region, city.country, conf)
    region = gz.region(phrase)
    if region and (is_field or (cued and len(key) > 3)) and (len(key) > 2 or phrase.isupper()):
        if key in _AMBIGUOUS and not is_field and not phrase[0].isupper():
            return None
        return _span(text, start, end, None, region[1], region[0], 0.8 if is_field else 0.6)
    country = gz.country(phrase)
    if country and (is_field or cued) and len(key) > 3:
        return _span(text, start, end, None, None, country, 0.7 if is_field else 0.5)
    return None


def _span(text: str, start: int, end: int, city: str | None, region: str | None, country: str, conf: float) -> Span:
    value = ", ".join(p for p in (city, region, country) if p)
    return Span("location", value, text[start:end], start, end, conf, "location",
                detail={"city": city, "region": region, "country": country})


@register("location", ["location"], fields=("title", "body", "location"))
def extract(text: str, context: Context) -> list[Span]:
    """The location extractor: places in the location field and in the ad's text."""
    return read_locations(text, context)
