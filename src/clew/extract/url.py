"""URLs and bare domains ("https://…", "www.candyxo.com", "candyxo.com", "candyxo dot com"),
normalized by :mod:`clew.identifiers.url`; the domain of an e-mail address is not a URL.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort

from clew.extract import Context, register
from clew.extract._scan import lowered
from clew.extract.email import read_emails
from clew.identifiers import url as url_id
from clew.identifiers.url import COMMON_TLDS
from clew.model import Span

_SCHEME = re.compile(r"(?<![\w@])(?:https?|hxxps?)://[^\s<>\"'`]{1,2000}", re.I)
_WWW = re.compile(r"(?<![\w@./])www\.[^\s<>\"'`]{1,2000}", re.I)
#: the first character of a name: what [a-z0-9] matches under re.I (with the letters that fold to
#: ASCII ones), written case-sensitively so the engine can skip ahead to it; what stands before it
#: is checked after it, in a lookbehind. Labels are taken whole (possessive: a label can only be
#: followed by a dot, so giving back a character never helps): no backtracking inside a word
_NAME_START = "(?-i:[A-Za-z0-9\u0130\u0131\u017f\u212a])"
_BARE = re.compile(
    _NAME_START + r"(?<![\w@./:\-].)[a-z0-9-]{0,62}+\.(?:[a-z0-9][a-z0-9-]{0,62}+\.){0,3}"
    r"(?P<tld>[a-z]{2,24}+)(?![\w@\-])(?P<path>/[^\s<>\"'`]{0,2000})?",
    re.I,
)
_SPOKEN = re.compile(
    r"(?P<name>" + _NAME_START + r"(?<![\w@.].)[a-z0-9-]{1,62}+)[ \t]{0,2}(?:\(dot\)|\[dot\]|\{dot\}|<dot>|\[\.\]|"
    r"\(\.\)|(?<=[ \t])dot(?=[ \t]))[ \t]{0,2}(?P<tld>com|net|org|xxx|info|biz|io|co|me)(?![\w@])",
    re.I,
)
#: every bare domain holds a dot and then a letter (its TLD's, as [a-z] matches under re.I): most
#: texts hold none ("5.5", "..." are no such) and are not scanned for domains
_DOT_LETTER = re.compile("\\.[A-Za-z\u0130\u0131\u017f\u212a]")
#: TLDs that are also words: a bare "new.me" or "go.to" needs more than the dot to be a domain
_WORDLIKE_TLDS = frozenset("me us to co is it at be no so do go my hi am an as by he if in of on or we".split())
_NOT_NAMES = frozenset("the a an my your our this that his her its at and or dot is in on".split())
_TRAILING = ".,;:!?'\")]}>*"


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _TRAILING:
        chunk = text[start:end]
        if chunk[-1] == ")" and chunk.count(")") <= chunk.count("("):
            break
        end -= 1
    return end


def read_urls(text: str) -> list[Span]:
    """Every URL or bare domain in ``text`` that is not part of an e-mail address, as spans."""
    if not text:
        return []
    low = lowered(text) or text.lower()
    if "." not in text and "dot" not in low:
        return []
    taken: list[tuple[int, int]] = []
    if "@" in text or "\uff20" in text or "at" in low:
        taken = [(s.start, s.end) for s in read_emails(text)]
    spans: list[Span] = []

    def add(start: int, end: int, raw: str, conf: float) -> None:
        if _overlaps(taken, start, end):
            return
        value = url_id.normalize(raw.replace("hxxp", "http").replace("HXXP", "http"))
        if value is None:
            return
        insort(taken, (start, end))
        spans.append(Span("url", value, text[start:end], start, end, conf, "url"))

    # each holds its literal ("://", "www."): a text without it is not scanned for it
    for pattern, conf, literal in ((_SCHEME, 0.95, "://"), (_WWW, 0.9, "www.")):
        if literal not in low:
            continue
        for m in pattern.finditer(text):
            end = _trim(text, m.start(), m.end())
            add(m.start(), end, text[m.start() : end], conf)
    for m in _BARE.finditer(text) if _DOT_LETTER.search(text) else ():
        tld = m.group("tld").lower()
        if tld not in COMMON_TLDS:
            continue
        end = _trim(text, m.start(), m.end())
        host = text[m.start() : m.start("tld") + len(tld)]
        first = host.split(".", 1)[0]
        conf = 0.8
        if tld in _WORDLIKE_TLDS and not m.group("path"):
            if host != host.lower() or len(first) < 4 or first.lower() in _NOT_NAMES:
                continue
            conf = 0.5
        if first.isdigit() or not any(c.isalpha() for c in first):
            continue
        add(m.start(), end, text[m.start() : end], conf)
    if "dot" in low or "[.]" in text or "(.)" in text:
        for m in _SPOKEN.finditer(text):
            if m.group("name").lower() in _NOT_NAMES or m.group("name").isdigit():
                continue
            add(m.start(), m.end(), f"{m.group('name')}.{m.group('tld')}", 0.7)
    spans.sort(key=lambda s: s.start)
    return spans


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps one of the sorted, disjoint spans in ``taken``."""
    i = bisect_left(taken, (end,))
    return i > 0 and taken[i - 1][1] > start


@register("url", ["url"])
def extract(text: str, context: Context) -> list[Span]:
    """The URL extractor: every URL and bare domain in the text."""
    return read_urls(text)
