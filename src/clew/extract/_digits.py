"""Read digits however posters write them: a linear scanner from ad text to digit groups.

Every digit form (any script's decimal digits, circled, parenthesized, super/subscript, keycap
emoji), number words in English and Spanish (units, teens, tens, "treinta y cuatro", Spanish
hundreds) and look-alike letters (``7o2``, ``l234``) become digits; each group keeps the offsets of
the original text it was read from, so a reading can always be shown as ``text[start:end]``.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from clew.extract._scan import lowered, word_set

# --- atom kinds -------------------------------------------------------------------------------
DIGIT = 0  # one or more digits read from one token
SEP = 1  # a separator that may sit inside a phone number (space, dash, dot, emoji, "dash")
BREAK = 2  # anything that ends a run of digit groups (prose, newline, ':' ...)
LOOK = 3  # look-alike letters, resolved to DIGIT or BREAK by their neighbours

# how a DIGIT atom was written: plain ASCII, another script/form, a number word, a look-alike
PLAIN, FORM, WORD, LOOKALIKE = 0, 1, 2, 3

# --- number words -----------------------------------------------------------------------------
_UNITS = {
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9",
    "cero": "0", "uno": "1", "dos": "2", "tres": "3", "cuatro": "4", "cinco": "5", "seis": "6",
    "siete": "7", "ocho": "8", "nueve": "9",
}
_TEENS = {
    "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
    "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19",
    "diez": "10", "once": "11", "doce": "12", "trece": "13", "catorce": "14", "quince": "15",
    "dieciseis": "16", "diecisiete": "17", "dieciocho": "18", "diecinueve": "19",
    "veintiuno": "21", "veintidos": "22", "veintitres": "23", "veinticuatro": "24",
    "veinticinco": "25", "veintiseis": "26", "veintisiete": "27", "veintiocho": "28",
    "veintinueve": "29",
}
_TENS = {
    "twenty": "2", "thirty": "3", "forty": "4", "fourty": "4", "fifty": "5", "sixty": "6",
    "seventy": "7", "eighty": "8", "ninety": "9",
    "veinte": "2", "treinta": "3", "cuarenta": "4", "cincuenta": "5", "sesenta": "6",
    "setenta": "7", "ochenta": "8", "noventa": "9",
}
_HUNDREDS = {
    "cien": "1", "ciento": "1", "doscientos": "2", "trescientos": "3", "cuatrocientos": "4",
    "quinientos": "5", "seiscientos": "6", "setecientos": "7", "ochocientos": "8",
    "novecientos": "9",
}
#: word -> (digits, place): place 1 = a unit, 2 = teen (complete), 20 = tens, 300 = hundreds
NUMBER_WORDS: dict[str, tuple[str, int]] = {
    **{w: (d, 1) for w, d in _UNITS.items()},
    **{w: (d, 2) for w, d in _TEENS.items()},
    **{w: (d, 20) for w, d in _TENS.items()},
    **{w: (d, 300) for w, d in _HUNDREDS.items()},
}
_CONJUNCTIONS = frozenset({"y", "and", "e"})
#: words posters put between digit groups instead of a dash or a dot
_FILLERS = frozenset({"dash", "dot", "hyphen", "space", "punto", "guion", "raya"})
_MAX_WORD = max(map(len, NUMBER_WORDS))

_ACCENTS = str.maketrans("áéíóúüÁÉÍÓÚÜ", "aeiouuAEIOUU")

# --- look-alike letters -----------------------------------------------------------------------
#: letters read as a digit when glued to a digit on either side (7o2, l234)
_STRONG_LOOKALIKES = {
    "o": "0", "O": "0", "\u03bf": "0", "\u039f": "0", "\u043e": "0", "\u041e": "0",
    "\u0585": "0", "\u0555": "0", "\u1d0f": "0", "\u00f8": "0", "\u00d8": "0",
    "l": "1", "I": "1", "\u0131": "1", "\u0456": "1", "\u0406": "1", "\u04cf": "1",
    "\u04c0": "1", "\u01c0": "1", "\u0399": "1", "\u2113": "1",
}
#: letters read as a digit only between two digits (5S5, 7Z2, 1B0)
_WEAK_LOOKALIKES = {"Z": "2", "z": "2", "S": "5", "s": "5", "B": "8", "L": "1", "\u0417": "3", "\u0431": "6"}
#: a lone letter read as zero beside spelled-out digits ("seven o two", "O-ONE-EIGHT")
_LONE_ZEROS = frozenset({"o", "O", "\u043e", "\u041e", "\u03bf", "\u039f"})
LOOKALIKES = {**_STRONG_LOOKALIKES, **_WEAK_LOOKALIKES}


def _digit_forms() -> tuple[dict[str, str], frozenset[str]]:
    """Characters with a digit value that are not decimal digits (①, ⓪, ⑴, ⒈, ❶, ², ₃, 🄂 ...) with
    their digits, and the decimal digits of every script but ASCII (٣, ３, 𝟕 ...)."""
    table: dict[str, str] = {}
    decimals: set[str] = set()
    for cp in range(0x80, sys.maxunicode + 1):
        ch = chr(cp)
        if unicodedata.decimal(ch, None) is None:
            value = unicodedata.digit(ch, None)
            if value is not None:
                table[ch] = str(value)
        else:
            decimals.add(ch)
    table["\U0001f51f"] = "10"  # keycap ten
    return table, frozenset(decimals)


def _class_ranges(chars: set[str]) -> str:
    """A compact regex character class body (a-z ranges) for a set of characters: much faster to match."""
    points = sorted(map(ord, chars))
    parts: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        lo, hi = re.escape(chr(points[i])), re.escape(chr(points[j]))
        parts.append(lo if i == j else f"{lo}-{hi}")
        i = j + 1
    return "".join(parts)


_SYMBOLS, _DECIMALS = _digit_forms()
_SYMBOL_CLASS = _class_ranges(set(_SYMBOLS))
#: digits in any form but ASCII: a run of other characters holding none has only ASCII digits
_OTHER_DIGITS = frozenset(_SYMBOLS) | _DECIMALS

_SPACE_CLASS = r" \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_ZERO_WIDTH_CLASS = r"\u00ad\u034f\u180e\u200b-\u200f\u2060-\u2064\ufe00-\ufe0f\ufeff\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"
_EMOJI_CLASS = (
    r"\U0001f000-\U0001faff\u2190-\u21ff\u2300-\u23ff\u25a0-\u27bf\u2b00-\u2bff"
    r"\u2900-\u297f\u2640-\u2642\u3030\u303d\u3297\u3299\u2122\u2139\u00a9\u00ae\u2665\u2661"
)
_SOFT_CLASS = (
    r"\-\u2010-\u2015\u2212.\u00b7\u2022\u2024\u2027\u2219/\\()\[\]{}<>*_~|=^\u30fb\uff0d\uff0e"
    r"\uff0f\uff08\uff09\u3001\u3002\u300c\u300d"
)
#: separators that join two digit groups "tightly" (702-555, 555.0142, 12/25)
TIGHT = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212./\u00b7\u2022()\uff0d\uff0e\uff0f")

_TOKEN = re.compile(
    r"(?P<key>[0-9]\ufe0f?\u20e3)"
    r"|(?P<dig>\d+)"
    rf"|(?P<sym>[{_SYMBOL_CLASS}])"
    r"|(?P<word>[^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*)"
    rf"|(?P<sp>[{_SPACE_CLASS}]+)"
    rf"|(?P<zw>[{_ZERO_WIDTH_CLASS}]+)"
    rf"|(?P<emo>[{_EMOJI_CLASS}])"
    rf"|(?P<soft>[{_SOFT_CLASS}]+)"
    r"|(?P<nl>[\n\r\v\f\u2028\u2029\x85]+)"
    r"|(?P<oth>.)",
    re.S,
)


def _word_trie(words: list[str]) -> str:
    """A regex alternation shaped as a trie, so matching costs one branch per letter."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(trie)


#: the same tokens for pure-ASCII text, where a much simpler pattern means the same and is faster
_ASCII_TOKEN = re.compile(
    r"(?P<dig>[0-9]+)|(?P<word>[A-Za-z]+)|(?P<sp>[ \t]+)|(?P<soft>[-.\\/()\[\]{}<>*_~|=^]+)"
    r"|(?P<nl>[\n\r\v\f]+)|(?P<oth>.)",
    re.S,
)

#: a stretch that can only read as one run of more than 64 digits (a digit, maybe look-alikes glued
#: between two digits, then at most six separator characters; 65 times or more): such a run is a
#: table or an ID dump, never read for phones, so it is skipped before any token is made of it.
#: Possessive quantifiers: no backtracking, linear time.
_DENSE = re.compile(
    rf"(?:[\d{_SYMBOL_CLASS}](?:[{_class_ranges(set(LOOKALIKES))}]{{1,4}}+(?=[\d{_SYMBOL_CLASS}]))?+"
    rf"[{_SPACE_CLASS}{_SOFT_CLASS}{_EMOJI_CLASS}{_ZERO_WIDTH_CLASS}]{{0,6}}+){{65,}}+"
)


def dense_stretches(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where in ``text[start:end]`` digits are packed too long and too close to be phone numbers:
    dense digits, or more than 80 number words in a row (over 40 groups: never read either)."""
    found = [m.span() for m in _DENSE.finditer(text, start, end)]
    low = text.lower()
    if len(low) == len(text) and _word_hints(low[start:end]):
        words = [m.span() for m in _DENSE_WORDS.finditer(low, start, end)]
        if words:
            found = sorted(found + words)
            merged: list[tuple[int, int]] = []
            for s, e in found:
                if merged and s <= merged[-1][1]:
                    merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
                else:
                    merged.append((s, e))
            found = merged
    return found


_NUMBER_WORD_TRIE = _word_trie(list(NUMBER_WORDS))
_TENS_TRIE = _word_trie([w for w, (_, place) in NUMBER_WORDS.items() if place == 20])
_UNITS_TRIE = _word_trie([w for w, (digit, place) in NUMBER_WORDS.items() if place == 1 and digit != "0"])
#: more than 80 whole number words with at most six spaces or dashes between them (lower-cased
#: text); a tens word joined to a unit by a conjunction ("treinta y cuatro") is read as one number
#: (see _compound), so it counts as one word here: a flood of them is one run too long to read
_DENSE_WORDS = re.compile(
    rf"(?:(?<![^\W\d_])"
    rf"(?:(?:{_TENS_TRIE})(?:[ \t]{{1,6}}+|-)(?:y|and|e)[ \t]{{1,6}}+(?:{_UNITS_TRIE})|(?:{_NUMBER_WORD_TRIE}))"
    rf"(?![^\W\d_])[ \t\-]{{1,6}}+){{81,}}+"
)
#: where a phone reading could start: a run of digit-like characters
_DIGIT_ANCHOR = re.compile(rf"[\d{_SYMBOL_CLASS}]+")
#: a cheap first pass: ASCII digits and non-ASCII runs (digit forms hide among the latter)
_FAST_ANCHOR = re.compile(r"[0-9\x80-\U0010ffff]+")
_ASCII_DIGITS = re.compile(r"[0-9]+")
#: ... or a run of letters starting with a number word (matched on lower-cased text)
_WORD_ANCHOR = re.compile(rf"(?:{_NUMBER_WORD_TRIE})[^\W\d_]*")
_WORD_ANCHOR_ANY_CASE = re.compile(rf"(?i:{_NUMBER_WORD_TRIE})[^\W\d_]*")


_NUMBER_WORD_SET = frozenset(NUMBER_WORDS)
#: number words glued together ("sevenohtwo fivefivefive") split into no clean word: one of these
#: is looked for anywhere (one pass: every branch opens with a literal)
_GLUED_HINTS = re.compile("seven|five|four|three|nine|eight|zero|cero|cinco|siete|nueve|cuatro")


def _word_hints(low: str, text: str | None = None) -> bool:
    """Whether any whitespace- or hyphen-separated word of ``low`` (lower-cased ``text``) is a number
    word, or number words may be glued together (cheap C-level tests)."""
    if _GLUED_HINTS.search(low) is not None:
        return True
    # such a word is also a whole run of letters: most texts hold none, as their shared set of words tells
    view = word_set(text) if text is not None else None
    if view is not None and _NUMBER_WORD_SET.isdisjoint(view[1]):
        return False
    return not _NUMBER_WORD_SET.isdisjoint(low.replace("-", " ").split())


@dataclass(slots=True)
class Atom:
    """One token of the text: a digit reading, a separator or a break, with its offsets."""

    kind: int
    start: int
    end: int
    digits: str = ""
    form: int = PLAIN
    place: int = 1  # number words: 1 unit, 2 complete, 20 tens, 300 hundreds; separators: width
    glued: bool = False  # nothing but zero-width characters between this atom and the one before
    word: str = ""  # lower-cased text of word and punctuation atoms


@dataclass(slots=True)
class Group:
    """Digits written together (no separator between them), and where they stand."""

    digits: str
    start: int
    end: int
    first: int  # index of its first atom
    last: int  # index of its last atom
    obfuscated: int = 0  # atoms read from words or look-alike letters
    forms: int = 0  # atoms read from non-ASCII digit forms
    chunk: int = 0  # groups joined by one tight separator (702-555-0142) share a chunk
    sep_before: str = ""  # the separator text between the previous group of the run and this one
    blocked: bool = False  # part of a price, date, time, measurement or ID: never in a phone


@dataclass(slots=True)
class Run:
    """Digit groups separated only by separators: where phone numbers are looked for."""

    groups: list[Group] = field(default_factory=list)


def _fold(word: str) -> str:
    low = word.lower()
    return low if low.isascii() else low.translate(_ACCENTS)


@lru_cache(maxsize=4096)
def segment_number_words(word: str) -> tuple[tuple[str, int], ...] | None:
    """Split a run of letters wholly into number words ("fivefive", "sevenohtwo"), else None."""
    folded = _fold(word)
    if folded in NUMBER_WORDS:
        return (NUMBER_WORDS[folded],)
    if len(folded) > 80:
        return None
    # shortest-first would misread "fourteen" as four+teen? "teen" is no word, so longest-first
    # greedy with a one-step fallback is enough for these short vocabularies
    out: list[tuple[str, int]] = []
    i = 0
    while i < len(folded):
        for size in range(min(_MAX_WORD, len(folded) - i), 1, -1):
            piece = folded[i : i + size]
            if piece in NUMBER_WORDS:
                out.append(NUMBER_WORDS[piece])
                i += size
                break
        else:
            return None
    return tuple(out)


def worth_reading(text: str) -> bool:
    """Whether the text holds anything a phone number could be read from (cheap)."""
    return _FAST_ANCHOR.search(text) is not None and _DIGIT_ANCHOR.search(text) is not None or _word_hints(text.lower())


def _looks_beside(text: str, s: int, e: int) -> int:
    """Look-alike letters glued to a digit run ("SOS-5S5-OL1B"): they may be digits too."""
    n = 0
    i = s - 1
    while i >= 0 and s - i <= 4 and text[i] in LOOKALIKES:
        n += 1
        i -= 1
    i = e
    while i < len(text) and i - e < 4 and text[i] in LOOKALIKES:
        n += 1
        i += 1
    return n


def _anchors(text: str) -> list[tuple[int, int, int]]:
    """(start, end, weight) of digit runs and number words, in order; weight ~ digits they hold."""
    found: list[tuple[int, int, int]] = []
    n = len(text)
    for m in _FAST_ANCHOR.finditer(text):
        s, e = m.span()
        run = m.group()
        if run.isascii():  # ASCII digits (most runs)
            if (s and text[s - 1] in LOOKALIKES) or (e < n and text[e] in LOOKALIKES):
                found.append((s, e, e - s + _looks_beside(text, s, e)))
            else:  # no look-alike letter beside the digits (most runs): nothing to count
                found.append((s, e, e - s))
            continue
        # emoji and other characters (most such runs hold no digit: passed over at set speed)
        if not _OTHER_DIGITS.isdisjoint(run):
            digits = _DIGIT_ANCHOR.finditer(text, s, e)
        elif "0" <= run[0] <= "9" or "0" <= run[-1] <= "9" or _ASCII_DIGITS.search(run):
            digits = _ASCII_DIGITS.finditer(text, s, e)  # ASCII digits among emoji: "7\u27280"
        else:
            continue
        found.extend((d.start(), d.end(), d.end() - d.start() + _looks_beside(text, d.start(), d.end())) for d in digits)
    return _with_words(text, found)


def _with_words(text: str, found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The digit anchors ``found`` and the number words of the text, in order."""
    low = lowered(text) or text.lower()
    if not _word_hints(low, text):
        return found
    pattern = _WORD_ANCHOR
    if len(low) != len(text):  # a few characters change length when lower-cased
        low, pattern = text, _WORD_ANCHOR_ANY_CASE
    words = []
    for m in pattern.finditer(low):
        s, e = m.span()
        if s == 0 or not low[s - 1].isalpha():
            words.append((s, e, 2 if e - s <= 8 else (e - s) // 3))
    if not words:
        return found
    return sorted(found + words)


def windows(text: str, margin: int = 14, gap: int = 14, min_digits: int = 4) -> list[tuple[int, int]]:
    """Stretches of the text dense enough in digits and number words to hold a phone number."""
    out: list[tuple[int, int]] = []
    c_start = c_end = -1
    count = 0
    for s, e, weight in _anchors(text):
        if c_start >= 0 and s - c_end <= gap:
            c_end = max(c_end, e)
            count += weight
            continue
        if c_start >= 0 and count >= min_digits:
            out.append((c_start, c_end))
        c_start, c_end, count = s, e, weight
    if c_start >= 0 and count >= min_digits:
        out.append((c_start, c_end))
    merged: list[tuple[int, int]] = []
    n = len(text)
    for s, e in out:
        s, e = max(0, s - margin), min(n, e + margin)
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def atoms(text: str, start: int = 0, end: int | None = None) -> list[Atom]:
    """The atoms of ``text[start:end]``: digit readings, separators and breaks, left to right."""
    end = len(text) if end is None else end
    out: list[Atom] = []
    glue = start  # end of the last real token: zero-width characters are transparent
    first = True
    looks = words = spoken = False
    window = text[start:end]
    if window.isascii():
        return _settled(*_ascii_atoms(text, window, start))
    if _NOT_PLAIN.search(window) is None:
        # letters other than ASCII need the Unicode word pattern; emoji and marks alone do not
        split = _MIXED_SPLIT if _OTHER_LETTERS.search(window) else _ASCII_SPLIT
        return _settled(*_ascii_atoms(text, window, start, split))
    for m in _TOKEN.finditer(text, start, end):
        kind = m.lastgroup
        s, e = m.span()
        glued = s == glue and bool(out)
        if kind == "zw":
            if s == glue:
                glue = e
            continue
        glue = e
        if kind == "dig":
            chunk = m.group()
            if chunk.isascii():
                out.append(Atom(DIGIT, s, e, chunk, PLAIN, 1, glued))
            else:
                digits = "".join(str(unicodedata.decimal(c)) for c in chunk)
                out.append(Atom(DIGIT, s, e, digits, FORM, 1, glued))
        elif kind == "key":
            out.append(Atom(DIGIT, s, e, text[s], FORM, glued=glued))
        elif kind == "sym":
            out.append(Atom(DIGIT, s, e, _SYMBOLS[text[s]], FORM, glued=glued))
        elif kind == "word":
            if first and s > 0 and s == start and text[s - 1].isalnum():
                out.append(Atom(BREAK, s, e, word="", glued=glued))  # a word cut by the window
            else:
                added = _word_atoms(m.group(), s, e, glued)
                out.extend(added)
                looks = looks or added[0].kind == LOOK
                words = words or (added[0].kind == DIGIT and added[0].place >= 20)
                spoken = spoken or added[0].form == WORD
        elif kind == "sp":
            out.append(Atom(SEP, s, e, glued=glued, word=" ", place=e - s))
        elif kind == "emo":
            out.append(Atom(SEP, s, e, glued=glued, word=m.group(), place=1))
        elif kind == "soft":
            out.append(Atom(SEP, s, e, glued=glued, word=m.group(), place=e - s))
        elif kind == "nl":
            out.append(Atom(BREAK, s, e, glued=glued, word="\n"))
        else:
            out.append(Atom(BREAK, s, e, glued=glued, word=m.group()))
        first = False
    return _settled(out, looks, words, spoken)


def _settled(out: list[Atom], looks: bool, words: bool, spoken: bool) -> list[Atom]:
    """``out`` after the passes its tokens call for: look-alike letters, compound and spoken numbers."""
    if looks:
        _resolve_lookalikes(out)
    if words:
        _compound(out)
    if spoken:
        _spoken_commas(out)
    return out


#: ASCII text as tokens and the characters between them (each of those a break)
_ASCII_SPLIT = re.compile(r"([0-9]+|[A-Za-z]+|[ \t]+|[-.\\/()\[\]{}<>*_~|=^]+|[\n\r\v\f]+)")
_ASCII_SOFT = frozenset("-.\\/()[]{}<>*_~|=^")



#: the same split for windows with non-ASCII letters: words as the full tokenizer reads them
_MIXED_SPLIT = re.compile(
    r"([0-9]+|[^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*|[ \t]+|[-.\\/()\[\]{}<>*_~|=^]+|[\n\r\v\f]+)"
)


def _plain_characters() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Non-ASCII characters the split paths read exactly as the full tokenizer does: letters (in
    words), emoji it reads as a one-character separator, and zero-width characters it passes over
    (no keycap mark); every other character it reads alone is a break. Digit forms, symbols,
    keycaps, non-ASCII spaces, dashes and newlines are none of these: they need the full tokenizer."""
    letters: set[str] = set()
    emoji: set[str] = set()
    invisible: set[str] = set()
    alone: set[str] = set()
    others = re.compile(rf"[{_SOFT_CLASS}\n\r\v\f\u2028\u2029\x85{_SPACE_CLASS}]")
    for cp in (*range(0x80, 0x3300), *range(0xFE00, 0xFE10), 0xFEFF, *range(0x1F000, 0x1FB00)):
        ch = chr(cp)
        token = _TOKEN.fullmatch(ch)
        if token is None or ch in _SYMBOLS or others.match(ch):
            continue
        if token.lastgroup == "word" and ch.isalpha():
            letters.add(ch)
        elif token.lastgroup == "emo" and not ch.isalnum():
            emoji.add(ch)
        elif token.lastgroup == "zw" and ch != "\u20e3":
            invisible.add(ch)
        elif token.lastgroup == "oth":
            alone.add(ch)
    return frozenset(letters | emoji | invisible | alone), frozenset(emoji), frozenset(invisible), frozenset(letters)


_PLAIN, _PLAIN_EMOJI, _PLAIN_INVISIBLE, _PLAIN_LETTERS = _plain_characters()
#: a character that is neither ASCII nor plain: the window needs the full tokenizer
_NOT_PLAIN = re.compile(rf"[^\x00-\x7f{_class_ranges(set(_PLAIN))}]")
#: what makes the words of a plain window other than runs of ASCII letters: its other letters, and
#: marks that join letters into one word (all in the BMP: a fast class)
_OTHER_LETTERS = re.compile(f"[{_class_ranges(set(_PLAIN_LETTERS))}\u0300-\u036f]")


def _ascii_atoms(
    text: str, window: str, start: int, split: re.Pattern[str] = _ASCII_SPLIT
) -> tuple[list[Atom], bool, bool, bool]:
    """The atoms of a pure-ASCII window (most windows): split once, no match objects; tokens are
    contiguous, so every atom but the first is glued to the one before."""
    out: list[Atom] = []
    append = out.append
    looks = words = spoken = False
    pos = start
    pieces = split.split(window)  # the characters no token takes, a token, ..., the characters no token takes
    for k in range(1, len(pieces), 2):
        if pieces[k - 1]:
            pos = _untokened(pieces[k - 1], pos, out)
        piece = pieces[k]
        end = pos + len(piece)
        if not out and pos > 0 and piece[0].isalpha() and text[pos - 1].isalnum():
            append(Atom(BREAK, pos, end, "", PLAIN, 1, False, ""))  # a word cut by the window
            pos = end
            continue
        kind, digits, form, place, word = _token_reading(piece)
        append(Atom(kind, pos, end, digits, form, place, len(out) > 0, word))
        if kind == LOOK:
            looks = True
        elif form == WORD:
            spoken = True
            if place >= 20:
                words = True
        pos = end
    if pieces[-1]:
        _untokened(pieces[-1], pos, out)
    return out, looks, words, spoken


def _untokened(chars: str, pos: int, out: list[Atom]) -> int:
    """Atoms of characters no token takes (':', ',', '$', '#', '!', '@', '%', emoji ...) from ``pos``;
    where the next token starts."""
    for ch in chars:
        if ch < "\x80":
            out.append(Atom(BREAK, pos, pos + 1, "", PLAIN, 1, bool(out), ch))
        elif ch in _PLAIN_EMOJI:  # an emoji between digits separates them like a dash
            out.append(Atom(SEP, pos, pos + 1, "", PLAIN, 1, bool(out), ch))
        elif ch not in _PLAIN_INVISIBLE:  # zero-width characters make no atom
            out.append(Atom(BREAK, pos, pos + 1, "", PLAIN, 1, bool(out), ch))
        pos += 1
    return pos


@lru_cache(maxsize=65536)
def _token_reading(piece: str) -> tuple[int, str, int, int, str]:
    """How a token of the split paths reads wherever it stands (cached: ads repeat their tokens):
    (kind, digits, form, place, word)."""
    c = piece[0]
    if "0" <= c <= "9":
        return DIGIT, piece, PLAIN, 1, ""
    if c.isalpha():
        return _word_reading(piece)
    if c == " " or c == "\t":
        return SEP, "", PLAIN, len(piece), " "
    if c in _ASCII_SOFT:
        return SEP, "", PLAIN, len(piece), piece
    return BREAK, "", PLAIN, 1, "\n"


def _spelled(atom: Atom) -> bool:
    return atom.kind == DIGIT and atom.form in (WORD, LOOKALIKE)


def _spoken_commas(out: list[Atom]) -> None:
    """A comma between spelled-out digit groups separates them like a dash ("seven two five, five
    five five, o one seven seven"); between written numbers it still ends the run ("3, 4 or 5")."""
    n = len(out)
    for i in range(1, n - 2):
        atom = out[i]
        if atom.kind != BREAK or atom.word not in (",", "\uff0c", "\u3001"):
            continue
        before, k = out[i - 1], i + 1
        if out[k].kind == SEP and out[k].word == " ":
            k += 1
        # each side a group of two or more spelled digits: "one, two, three" stays a list
        if (
            k + 2 < n
            and _spelled(before) and _spelled(out[k])
            and WORD in (before.form, out[k].form)
            and i >= 3 and _spelled(out[i - 3]) and out[i - 2].kind == SEP and out[i - 2].word in (" ", "-")
            and _spelled(out[k + 2]) and out[k + 1].kind == SEP and out[k + 1].word in (" ", "-")
        ):
            atom.kind = SEP
            atom.place = 1


def _word_atoms(word: str, s: int, e: int, glued: bool) -> list[Atom]:
    kind, digits, form, place, folded = _word_reading(word)
    return [Atom(kind, s, e, digits, form, place, glued, folded)]


@lru_cache(maxsize=16384)
def _word_reading(word: str) -> tuple[int, str, int, int, str]:
    """How a word reads, the same wherever it stands (cached: ads repeat their words)."""
    folded = _fold(word)
    reading = NUMBER_WORDS.get(folded)
    if reading is not None:
        return DIGIT, reading[0], WORD, reading[1], folded
    if len(word) <= 4 and all(c in LOOKALIKES for c in word):
        return LOOK, "", PLAIN, 1, word
    if folded in _FILLERS:
        return SEP, "", PLAIN, 1, folded
    if len(folded) >= 6:
        pieces = segment_number_words(word)
        if pieces:
            return DIGIT, _join_pieces(pieces), WORD, 2, folded
    return BREAK, "", PLAIN, 1, folded


def _join_pieces(pieces: tuple[tuple[str, int], ...]) -> str:
    """Digits of number words written together: "thirtyfour" is 34, "fivefive" is 55."""
    out: list[str] = []
    k = 0
    while k < len(pieces):
        digits, place = pieces[k]
        nxt = pieces[k + 1] if k + 1 < len(pieces) else None
        if place == 20 and nxt is not None and nxt[1] == 1 and nxt[0] != "0":
            out.append(digits + nxt[0])
            k += 2
            continue
        out.append(digits + ("0" if place == 20 else "00" if place == 300 else ""))
        k += 1
    return "".join(out)


def _resolve_lookalikes(out: list[Atom]) -> None:
    """Read look-alike letters as digits where their neighbours make them part of a number.

    Resolved in a few passes, since one reading decides the next: in "2l3-SS5-01B9" the "5" makes
    "SS" digits, and "SOS-5S5-OL1B" becomes a number group by group.
    """
    pending = [i for i, atom in enumerate(out) if atom.kind == LOOK]
    for _ in range(4):
        changed = False
        for i in pending:
            atom = out[i]
            if atom.kind == LOOK and _reads_as_digit(out, i):
                atom.kind = DIGIT
                atom.digits = "".join(LOOKALIKES[c] for c in atom.word)
                atom.form = LOOKALIKE
                changed = True
        if not changed:
            break
    for i in pending:
        atom = out[i]
        if atom.kind == LOOK:
            atom.kind = BREAK
            atom.word = _fold(atom.word)


def _digitish(atom: Atom) -> bool:
    return atom.kind == DIGIT or atom.kind == LOOK


def _reads_as_digit(out: list[Atom], i: int) -> bool:
    n = len(out)
    atom = out[i]
    left = i > 0 and atom.glued and out[i - 1].kind == DIGIT
    right = i + 1 < n and out[i + 1].glued and out[i + 1].kind == DIGIT
    strong = all(c in _STRONG_LOOKALIKES for c in atom.word)
    if (left and right) or (strong and (left or right)):
        return True
    if left or right:
        # weak letters glued to digits (5S5, SS5, 01B): only capitals, only inside a number written
        # in groups, never a cup size ("34B"), a plural ("80S") or a unit ("7oz") on its own
        if "s" in atom.word or "z" in atom.word:
            return False
        first, last = i, i  # the glued group around it (a phone's group is short: bounded walk)
        while first > 0 and i - first < 8 and out[first].glued and _digitish(out[first - 1]):
            first -= 1
        while last + 1 < n and last - i < 8 and out[last + 1].glued and _digitish(out[last + 1]):
            last += 1
        width = out[last].end - out[first].start
        if width < 2 or width == 2 and not (_group_beside(out, first, -1, True) and _group_beside(out, last, 1, True)):
            return False
        if atom.word == "B" and i == last and out[i - 1].kind == DIGIT and len(out[i - 1].digits) == 2 and first == i - 1:
            return False
        return _group_beside(out, first, -1) or _group_beside(out, last, 1)
    if len(atom.word) > 4:
        return False
    # a look-alike group between separators: "816.SSS.O1OB", "+44-о-2о-7946"
    if len(atom.word) == 1 and atom.word in _LONE_ZEROS and (_word_beside(out, i, -1) or _word_beside(out, i, 1)):
        return True
    tight_left = _group_beside(out, i, -1, tight=True)
    tight_right = _group_beside(out, i, 1, tight=True)
    if tight_left and tight_right:
        return True
    if strong and (tight_left or tight_right) and len(atom.word) <= 2:
        return _spaced_between(out, i)
    if tight_left or tight_right:
        # the first or last group of a number written in three or more groups: "SOS-5S5-OL1B"
        step = -1 if tight_left else 1
        far = i + 2 * step  # the neighbouring group's first atom: walk to its far end
        walked = 0
        while 0 <= far + step < n and walked < 8 and _digitish(out[far + step]) and out[max(far, far + step)].glued:
            far += step
            walked += 1
        return 0 <= far < n and _group_beside(out, far, step, tight=True)
    return _spaced_between(out, i)


def _spaced_between(out: list[Atom], i: int) -> bool:
    """ "seven o two", "702 555 O142": a short strong look-alike between digits, spaces around."""
    n = len(out)
    atom = out[i]
    return (
        len(atom.word) <= 2
        and all(c in _STRONG_LOOKALIKES for c in atom.word)
        and 1 < i < n - 2
        and out[i - 1].kind == SEP and out[i - 1].word == " "
        and out[i + 1].kind == SEP and out[i + 1].word == " "
        and out[i - 2].kind == DIGIT and out[i + 2].kind == DIGIT
    )


def _group_beside(out: list[Atom], i: int, step: int, tight: bool = False) -> bool:
    """Whether one separator character (a dash, a dot, a slash; or a space unless ``tight``) stands
    beside atom ``i`` with digits (or look-alikes) beyond it."""
    j, k = i + step, i + 2 * step
    if not (0 <= k < len(out)):
        return False
    sep = out[j]
    if sep.kind != SEP or sep.end - sep.start != 1:
        return False
    if sep.word not in ("-", ".", "/", "\u2013", "\u2010", "\u2011") and (tight or sep.word != " "):
        return False
    return _digitish(out[k])


def _word_beside(out: list[Atom], i: int, step: int) -> bool:
    """Whether a spelled-out digit stands beside atom ``i`` across one space or dash."""
    j, k = i + step, i + 2 * step
    if not (0 <= k < len(out)):
        return False
    return out[j].kind == SEP and out[j].word in (" ", "-") and out[k].kind == DIGIT and out[k].form in (WORD, LOOKALIKE)


def _compound(out: list[Atom]) -> None:
    """Join "thirty-four", "treinta y cuatro", "setecientos dos" into one multi-digit atom."""
    for place in (20, 300):
        dead: list[int] = []  # atoms joined into the one before: dropped once, at the end (linear)
        i = 0
        while i < len(out):
            atom = out[i]
            if atom.kind == DIGIT and atom.form == WORD and atom.place == place:
                nxt_at = _next_word_number(out, i)
                if nxt_at is not None:
                    nxt = out[nxt_at]
                    tail = None
                    if place == 20 and nxt.place == 1 and nxt.digits != "0":
                        tail = nxt.digits
                    elif place == 300 and nxt.place == 2:
                        tail = nxt.digits
                    elif place == 300 and nxt.place == 1 and nxt.digits != "0":
                        tail = "0" + nxt.digits
                    if tail is not None:
                        atom.digits += tail
                        atom.place = 2
                        atom.end = nxt.end
                        dead.extend(range(i + 1, nxt_at + 1))
                        i = nxt_at + 1
                        continue
                # a lone tens or hundreds word stands for its round number
                atom.digits += "0" if place == 20 else "00"
                atom.place = 2
            i += 1
        if dead:
            gone = set(dead)
            out[:] = [a for k, a in enumerate(out) if k not in gone]


def _next_word_number(out: list[Atom], i: int) -> int | None:
    """Index of the number word that completes ``out[i]``: glued, after " "/"-", or after " y "."""
    j = i + 1
    n = len(out)
    if j >= n:
        return None
    if out[j].kind == SEP and out[j].word in (" ", "-"):
        j += 1
        if (
            j + 1 < n
            and out[j].kind == BREAK
            and out[j].word in _CONJUNCTIONS
            and out[j + 1].kind == SEP
            and out[j + 1].word == " "
        ):
            j += 2
    elif not out[j].glued:
        return None
    if j < n and out[j].kind == DIGIT and out[j].form == WORD and out[j].place in (1, 2, 20):
        return j
    return None


#: the longest separator (in characters) that may stand between two groups of one phone number
MAX_GAP = 6
#: a group of more digits than this holds no phone number; it is kept only as "too long"
_MAX_GROUP_DIGITS = 64


#: digits chained as one run of digit groups in text read by the split paths (see :func:`atoms`)
#: whose every word reads as prose: each digit followed by the next, or by up to MAX_GAP separator
#: characters and the next. Every non-ASCII character is taken for a one-character separator, as
#: emoji are: that may join runs that a letter ends, never split one, so a chain is never missed.
#: (The separators are written as a negated class of ASCII characters: a bitmap, matched fast.)
_CHAIN_SEPARATOR = "[^" + _class_ranges({chr(c) for c in range(128)} - {" ", "\t"} - _ASCII_SOFT) + "]"
_CHAINED_DIGIT = rf"[0-9](?:{_CHAIN_SEPARATOR}{{1,{MAX_GAP}}}(?=[0-9]))?"


@lru_cache(maxsize=8)
def _chain_of(need: int) -> re.Pattern[str]:
    """A chain of ``need`` digits in one run (each step tries at most MAX_GAP lengths: linear time)."""
    return re.compile(f"(?:{_CHAINED_DIGIT}){{{need}}}")


_ASCII_WORDS = re.compile(r"[A-Za-z]+")
_WORDS = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*")
_INVISIBLE = re.compile(f"[{_class_ranges(set(_PLAIN_INVISIBLE))}]")


def too_few_digits(text: str, start: int, end: int, need: int) -> bool:
    """Whether no run of ``text[start:end]`` can hold ``need`` digits, told without making atoms
    when no word of the stretch reads as a digit or a separator (most stretches around prices,
    stats and dates); False when only :func:`runs` can tell."""
    window = text[start:end]
    if window.isascii():
        letters, mixed = _ASCII_WORDS, False
    elif _NOT_PLAIN.search(window) is None:
        # (emoji and other marks between ASCII words, most often: the words are runs of ASCII letters)
        letters, mixed = (_WORDS if _OTHER_LETTERS.search(window) else _ASCII_WORDS), True
    else:
        return False
    if _has_chain(window, mixed, need):
        return False  # (most windows that hold a phone number: no word need be read)
    looks = False
    for word in letters.findall(window):
        kind = _word_reading(word)[0]
        if kind == LOOK:
            looks = True
        elif kind != BREAK:
            return False
    # look-alike letters may read as digits: counted as digits, the count is at least the runs'
    return not looks or not _has_chain(letters.sub(_look_as_digits, window), mixed, need)


def _has_chain(window: str, mixed: bool, need: int) -> bool:
    """Whether ``need`` digits of ``window``, read as digits and separators only, form one run."""
    if mixed:  # zero-width characters make no atom: the digits around one are glued
        window = _INVISIBLE.sub("", window)
    return _chain_of(need).search(window) is not None


def _look_as_digits(m: re.Match[str]) -> str:
    word = m.group()
    return "0" * len(word) if _word_reading(word)[0] == LOOK else word


def runs(text: str, start: int = 0, end: int | None = None) -> tuple[list[Atom], list[Run]]:
    """The atoms of a stretch of text and its runs of digit groups."""
    found = atoms(text, start, end)
    out: list[Run] = []
    run = Run()
    group: Group | None = None
    gap = ""
    gap_len = 0
    chunk = 0
    for i, atom in enumerate(found):
        kind = atom.kind
        if kind == DIGIT:
            obf = 1 if atom.form in (WORD, LOOKALIKE) else 0
            forms = 1 if atom.form == FORM else 0
            if group is not None and atom.glued and found[i - 1].kind == DIGIT:
                if len(group.digits) <= _MAX_GROUP_DIGITS:  # longer is no phone: don't grow it (linear time)
                    group.digits += atom.digits
                group.end = atom.end
                group.last = i
                group.obfuscated += obf
                group.forms += forms
                continue
            if group is not None:
                if not (len(gap) == 1 and gap in TIGHT):
                    chunk += 1
            else:
                chunk += 1
            group = Group(atom.digits, atom.start, atom.end, i, i, obf, forms, chunk, gap)
            run.groups.append(group)
            gap, gap_len = "", 0
        elif kind == SEP:
            if group is None:
                continue
            gap += atom.word
            gap_len += atom.place  # a separator atom's width: emoji and filler words count one
            if gap_len > MAX_GAP:
                group = None
                if run.groups:
                    out.append(run)
                run = Run()
                gap, gap_len = "", 0
        else:
            if run.groups:
                out.append(run)
                run = Run()
            group = None
            gap, gap_len = "", 0
    if run.groups:
        out.append(run)
    return found, out


def digit_stream(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Every digit read from the text, in order, with the (start, end) in the text each came from.

    Multi-digit readings (a number word like "twelve", a run of ASCII digits) map each of their
    digits to the whole token's offsets, except ASCII/script digit runs, which map one to one.
    """
    digits: list[str] = []
    offsets: list[tuple[int, int]] = []
    for atom in atoms(text):
        if atom.kind != DIGIT:
            continue
        if atom.form in (PLAIN, FORM) and len(atom.digits) == atom.end - atom.start:
            for k, d in enumerate(atom.digits):
                digits.append(d)
                offsets.append((atom.start + k, atom.start + k + 1))
        else:
            for d in atom.digits:
                digits.append(d)
                offsets.append((atom.start, atom.end))
    return "".join(digits), offsets
