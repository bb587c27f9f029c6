"""E-mail addresses, plain or hidden ("candy at gmail dot com", "candy[at]gmail(dot)com",
"c a n d y @ g m a i l . c o m"), read only where the domain is plausible (a known provider or TLD).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

from clew.extract import Context, register
from clew.extract._scan import hint_text, hinted
from clew.identifiers import email as email_id
from clew.identifiers.url import COMMON_TLDS, TLDS
from clew.model import Span

#: providers whose name alone, without a TLD, says which domain is meant ("candy (at) gmail")
PROVIDERS: dict[str, str] = {
    "gmail": "gmail.com", "googlemail": "googlemail.com", "yahoo": "yahoo.com", "ymail": "ymail.com",
    "rocketmail": "rocketmail.com", "hotmail": "hotmail.com", "outlook": "outlook.com",
    "icloud": "icloud.com", "protonmail": "protonmail.com", "aol": "aol.com", "gmx": "gmx.com",
    "yandex": "yandex.com", "comcast": "comcast.net", "sbcglobal": "sbcglobal.net",
    "tutanota": "tutanota.com", "zoho": "zoho.com", "mailfence": "mailfence.com",
}
#: further first labels that make an obfuscated domain plausible (they also need a TLD)
_KNOWN_LABELS = frozenset(PROVIDERS) | {
    "live", "msn", "mail", "me", "mac", "proton", "pm", "att", "verizon", "cox", "charter",
    "earthlink", "bellsouth", "qq", "163", "126", "naver", "daum", "web", "yahoomail", "tuta",
}
_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
#: words that stand before a spoken "at" without being an address's local part ("text me at ...")
_NOT_LOCAL = frozenset(
    """me us you him her them it i we they text call email mail contact reach find meet meeting
    see located available here there be is are am was were out home in on up arrive arriving
    stay staying look looking hit get got start starting starts open opens back come coming
    only just rates rate price from cost costs and or but not now today tonight later me.
    dm message msg write ping txt hmu visit visiting live living work working stop stopping
    pics photos pic photo ad ads posted post check""".split()
)
_AT = re.compile(
    r"[@\uff20]|[\[\(\{<][ \t]{0,2}(?:at|@|\uff20)[ \t]{0,2}[\]\)\}>]|(?<=[ \t])at(?=[ \t])|-at-|_at_",
    re.I,
)
#: where a match of _AT can start, on lower-cased text (see clew.extract._scan.hinted): a spoken
#: "at" only between blanks, so the "at" of "that" or "rates" and the dashes of phones cost nothing
_AT_HINTS = re.compile(r"[@\uff20\[({<]|-at-|_at_|a(?<=[ \t]a)t(?=[ \t])")
_LABEL = re.compile(r"[a-z0-9][a-z0-9-]{0,62}", re.I)
_DOT = re.compile(
    r"[ \t]{0,3}(?:\.|[\[\(\{<][ \t]{0,2}(?:dot|\.)[ \t]{0,2}[\]\)\}>]|(?<=[ \t])dot(?=[ \t])|-dot-)[ \t]{0,3}",
    re.I,
)
_GLUED_DOT = re.compile(r"([a-z0-9-]{2,63}?)dot(com|net|org|info|ru|uk|co)$", re.I)
#: letters written one by one with single spaces: "c a n d y @ g m a i l . c o m"
_SPACED = re.compile(r"(?<!\S)(?:\S ){4,400}\S(?!\S)")
#: what every match of _SPACED holds; it opens with a literal, so a text without one is passed over fast
_SPACED_HINT = re.compile(r" \S \S \S ")


def read_emails(text: str) -> list[Span]:
    """Every e-mail address in ``text``, plain or obfuscated, as spans."""
    return list(_emails(text))


@lru_cache(maxsize=4)
def _emails(text: str) -> tuple[Span, ...]:
    """The addresses of the text last read: the URL and payment extractors read the same text's
    addresses after this one (spans are immutable, so they can be shared)."""
    if not text or ("@" not in text and "\uff20" not in text and "at" not in text.lower()):
        return ()
    spans = list(_scan(text, text, 0, 1))
    if _SPACED_HINT.search(text) and _SPACED.search(text):
        taken = [(s.start, s.end) for s in spans]
        for m in _SPACED.finditer(text):
            for s in _scan(m.group()[::2], text, m.start(), 2):
                if not _overlaps(taken, s.start, s.end):
                    spans.append(s)
        spans.sort(key=lambda s: s.start)
    return tuple(spans)


def _scan(text: str, original: str, base: int, step: int) -> Iterator[Span]:
    """Addresses in ``text``; offsets map back as ``base + step * i`` (step 2 for spaced letters)."""
    last_end = 0
    for m in hinted(_AT, _AT_HINTS, text, hint_text(text)):
        if m.start() < last_end:
            continue
        found = _address(text, m.start(), m.end(), m.group())
        if found is None:
            continue
        start, end, value, confidence = found
        last_end = end
        o_start, o_end = base + step * start, base + step * (end - 1) + 1
        yield Span("email", value, original[o_start:o_end], o_start, o_end, confidence, "email")


def _address(text: str, at_start: int, at_end: int, sep: str) -> tuple[int, int, str, float] | None:
    spoken = sep.lower() not in ("@", "\uff20")
    # "@x" after a space and before a word is how handles are written
    handle_like = not spoken and at_start > 0 and text[at_start - 1] in " \t" and text[at_end : at_end + 1] not in (" ", "\t")
    word_at = sep.lower() == "at"
    # local part: the address characters just before the separator (a few spaces allowed)
    j = at_start
    k = 0
    while k < 3 and j > 0 and text[j - 1] in " \t":
        j -= 1
        k += 1
    if k and not spoken and not word_at:
        spoken = True
    i = j
    lo = max(0, j - 64)
    while i > lo and text[i - 1] in _LOCAL_CHARS:
        i -= 1
    while i < j and text[i] in ".-":
        i += 1
    local = text[i:j].rstrip(".")
    if not local or (i > 0 and text[i - 1] in _LOCAL_CHARS):
        return None
    if word_at and (len(local) < 2 or local.lower() in _NOT_LOCAL or local.isdigit()):
        return None
    # domain: labels joined by dots, plain or spoken
    pos = at_end
    k = 0
    while k < 3 and pos < len(text) and text[pos] in " \t":
        pos += 1
        k += 1
    if k and not spoken:
        spoken = True
    labels: list[tuple[int, int, bool]] = []  # (start, end, reached by a spoken dot)
    dot_spoken = False
    while len(labels) < 8:
        lm = _LABEL.match(text, pos)
        if lm is None:
            break
        labels.append((lm.start(), lm.end(), dot_spoken))
        dm = _DOT.match(text, lm.end())
        if dm is None:
            break
        d = dm.group()
        if len(labels) > 1 and lm.group().lower() in TLDS and d[-1] in " \t":
            break  # "outlook[dot]com. sexy" ends the address at "com"
        if d.strip() == "." and (d[0] in " \t") != (d[-1] in " \t"):
            # "gmail. com" may be a spaced dot; "gmail. Call me" is the end of a sentence
            nxt = _LABEL.match(text, dm.end())
            after = _DOT.match(text, nxt.end()) if nxt else None
            tight_after = after is not None and (after.group()[0] in " \t") == (after.group()[-1] in " \t")
            if nxt is None or nxt.group() != nxt.group().lower() or nxt.group() not in COMMON_TLDS or tight_after:
                break
        dot_spoken = dm.group().strip() != "."
        pos = dm.end()
    if not labels:
        return None
    names = [text[a:b].lower().rstrip("-") for a, b, _ in labels]
    last = 0
    for n in range(1, len(labels)):
        if names[n] in TLDS and names[n].isalpha():
            last = n
    if last == 0:
        glued = _GLUED_DOT.match(names[0])
        if glued and (spoken or word_at):
            domain, end = f"{glued.group(1)}.{glued.group(2)}", labels[0][1]
            conf = 0.8
        elif names[0] in PROVIDERS and len(labels) == 1:
            domain, end, conf = PROVIDERS[names[0]], labels[0][1], 0.7
        else:
            return None
    else:
        domain = ".".join(names[: last + 1])
        end = labels[last][1]
        used_spoken = spoken or any(s for _, _, s in labels[1 : last + 1])
        if used_spoken and names[0] not in _KNOWN_LABELS and names[last] not in COMMON_TLDS:
            return None
        if word_at and names[0] not in _KNOWN_LABELS and (len(names[0]) < 2 or names[0].isdigit()):
            return None
        if handle_like and names[0] not in _KNOWN_LABELS:
            return None  # "kik @destiny.vip" names a handle, not an address
        conf = 0.95 if not used_spoken else (0.75 if word_at else 0.85)
    value = f"{local.lower()}@{domain}"
    if not email_id.validate(value):
        return None
    return i, end, value, conf


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps one of the sorted, disjoint spans in ``taken``."""
    i = bisect_left(taken, (end,))
    return i > 0 and taken[i - 1][1] > start


@register("email", ["email"])
def extract(text: str, context: Context) -> list[Span]:
    """The e-mail extractor: every address in the text."""
    return read_emails(text)
