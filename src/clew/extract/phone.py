"""Phone numbers however posters hide them, validated with libphonenumber and normalized to E.164.

The text is read into runs of digit groups (:mod:`clew.extract._digits`); groups that belong to a
price, date, time, measurement or ID are set aside; in what remains, the best set of phone numbers
is chosen by dynamic programming over group-aligned candidates, each validated for the ad's region.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import phonenumbers

from clew.extract import Context, register
from clew.extract import _digits as d
from clew.model import Span

#: fewest and most digits a phone number can have once read (E.164 allows 15 after the country
#: code; a trunk or international prefix written in front adds up to four)
MIN_DIGITS, MAX_DIGITS = 7, 18
#: a run with more digits than this is a table or an ID dump, not phone numbers in prose
_MAX_RUN_DIGITS = 64
_MAX_RUN_GROUPS = 40

_CURRENCY = frozenset("$£€¥₱₹₩₽¢₺₴₦฿₫") | {"us$", "usd", "eur", "gbp", "aud", "cad", "mxn", "cop", "rs", "r$"}
#: words after a number that make it a price, a duration, a measurement or an age
_UNIT_WORDS = frozenset(
    {
        "roses", "rose", "hr", "hrs", "hour", "hours", "hh", "hhr", "qv", "qk", "min", "mins",
        "minutes", "minute", "lbs", "lb", "pounds", "kg", "kgs", "kilos", "cm", "mm", "ft", "feet",
        "inch", "inches", "usd", "dollars", "dollar", "bucks", "euros", "euro", "eur", "pesos",
        "peso", "dlls", "dls", "mxn", "gbp", "aud", "cad", "pm", "am", "yo", "yrs", "years", "year",
        "percent", "pct", "gifts", "gift", "donation", "donations", "horas", "hora", "rosas",
        "a\u00f1os", "anos", "kms", "km", "miles", "mph", "oz", "ml", "hz", "mb", "gb", "cup",
        "bust", "waist", "hips", "noches", "night", "nights", "day", "days", "times", "veces",
        "hrly", "half", "hs", "mn",
    }
)
#: letters that make a number something else only when glued to it (200r, 5k, 10h, 3rd, 34d)
_GLUED_UNITS = _UNIT_WORDS | frozenset(
    {"r", "k", "h", "m", "mi", "in", "y", "st", "nd", "rd", "th", "g", "gr", "l", "d", "dd", "ddd", "c", "s", "p", "a"}
)
_ID_WORDS = frozenset(
    {
        "id", "ref", "reference", "order", "invoice", "ticket", "case", "post", "posting",
        "listing", "sku", "item", "code", "zip", "zipcode", "postal", "postcode", "cp", "pin",
        "ad", "ads", "license", "licence", "lic", "account", "acct", "tracking", "confirmation",
        "serial", "isbn", "ein", "ssn", "passport", "folio", "expediente",
    }
)
_ID_FILLERS = frozenset({"#", ":", ".", "no", "nr", "nro", "num", "number", "\u2116", "n\u00ba", "n", "º"})
#: words and symbols that say a number is a phone (matched on lower-cased text). Every branch
#: opens with a literal (a word boundary is checked after the first letter, the emoji are spelled
#: out, not a class), so the engine skips ahead to the letters cues start with: ~6x faster
_CUES = re.compile(
    r"call|text|txt|tel\b|telf|tlf|phone|fone|ph\b|cell|cel\b|celular|mobile|mob\b|movil|m\u00f3vil|"
    r"llama|ll\u00e1mame|whats\s?app|wh?app|w(?<!\w.)a\b|sms|contact|n[u\u00fa]mero|n(?<!\w.)um\b|"
    r"n(?<!\w.)o\.|ring|dial|hmu|hit me|reach me|signal|telegram|viber|kik|"
    "\u260e|\u260f|\u2706|\U0001f4de|\U0001f4f1|\U0001f4f2|\U0001f4df|\U0001f4e9"
)


def _cue_near(text: str, start: int, end: int) -> bool:
    """Whether a call/text/tel/whatsapp cue stands within 40 characters before or 16 after."""
    return (
        _CUES.search(text[max(0, start - 40) : start].lower()) is not None
        or _CUES.search(text[end : end + 16].lower()) is not None
    )


_EXTENSION = re.compile(r"\s?(?:x|#|ext[.:]?|extn[.:]?|extension|int\.)\s?\d{1,6}(?!\d)", re.I)
_CUT_CHARS = frozenset(":,'\u2019\u2032\"\u2033;")


@lru_cache(maxsize=256)
def _lengths(region: str) -> frozenset[int]:
    """Digit counts a number written nationally in ``region`` can have, trunk prefix included."""
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region, None)
    if meta is None or meta.general_desc is None:
        return frozenset(range(MIN_DIGITS, MAX_DIGITS + 1))
    lengths = set(meta.general_desc.possible_length or ())
    prefix = meta.national_prefix or ""
    lengths |= {n + len(prefix) for n in lengths}
    return frozenset(n for n in lengths if n >= MIN_DIGITS - 1) or frozenset(range(MIN_DIGITS, 16))


@lru_cache(maxsize=65536)
def e164(digits: str, region: str, plus: bool = False) -> str | None:
    """The E.164 form of ``digits`` read in ``region`` (or after a '+'), None if not a valid number."""
    n = len(digits)
    if n < MIN_DIGITS or n > MAX_DIGITS:
        return None
    if plus:
        if n > 15 or digits[0] == "0":
            return None
    elif n not in _lengths(region) and not (digits[0] == "0" and n >= 10):
        return None
    try:
        number = phonenumbers.parse(("+" + digits) if plus else digits, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number) or _placeholder(str(number.national_number)):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _placeholder(national: str) -> bool:
    """Numbers posters write as examples or warnings, never as theirs: "555-555-5555", "123-456-7890"."""
    return len(set(national)) == 1 or national in "01234567890123" or national in "98765432109876"


def _is_latin_word(word: str) -> bool:
    return word[:1].isalpha() and word[0] < "\u0250"


#: short words that posters glue to a number without making it something else (call me at7025550142)
_GLUE_OK = frozenset(
    {"at", "on", "me", "to", "tel", "cel", "txt", "tx", "ph", "wa", "mob", "sms", "no", "nr", "num",
     "or", "fon", "tlf", "hmu", "dm", "al", "el", "en", "is", "my", "x", "ext", "and", "de", "now",
     "pls", "plz", "for", "xo", "xx", "xoxo", "bb", "hun", "asap", "ya"}
)


def _glued_word_blocks(word: str, digits: int) -> bool:
    """Whether letters glued to a number make it something else (34D, 120lbs, abc415, 10pm)."""
    if not word or not word[0].isalpha() or word in _GLUE_OK:
        return False
    if word in _GLUED_UNITS:
        return True
    if _CUES.match(word.lower()):
        return False
    return _is_latin_word(word) and len(word) <= 3


def _block(atoms: list[d.Atom], runs: list[d.Run], text: str) -> None:
    """Mark groups that read as prices, dates, times, measurements, heights or IDs."""
    chunks: dict[int, list[d.Group]] = {}
    for run in runs:
        for group in run.groups:
            chunks.setdefault(group.chunk, []).append(group)
    n = len(atoms)
    for groups in chunks.values():
        a, b = groups[0].first, groups[-1].last
        size = sum(len(g.digits) for g in groups)
        blocked = _shape_blocks(groups)
        # left of the chunk
        p = a - 1
        if not blocked and p >= 0:
            left = atoms[p]
            if left.kind == d.SEP and left.word == " " and left.place == 1 and p > 0:
                p -= 1
                spaced = atoms[p]
                if spaced.kind == d.BREAK and spaced.word in _CURRENCY:
                    blocked = True
            elif left.kind == d.BREAK:
                if left.word in _CURRENCY or (left.word in _CUT_CHARS and _digit_at(atoms, p - 1) and atoms[a].glued):
                    blocked = True
                elif (
                    left.word == "#"
                    and atoms[a].glued
                    and len(groups) == 1
                    and not _cue_near(text, left.start, left.start)
                ):
                    blocked = True
                elif atoms[a].glued and _glued_word_blocks(left.word, size):
                    blocked = True
            if not blocked and _id_before(atoms, a):
                blocked = True
        # right of the chunk
        q = b + 1
        if not blocked and q < n:
            right = atoms[q]
            if right.kind == d.BREAK:
                if right.word in _CURRENCY or right.word == "%" or right.word == "\u066a":
                    blocked = True
                elif right.word in _CUT_CHARS and right.glued and _digit_at(atoms, q + 1) and atoms[q + 1].glued:
                    blocked = True
                elif right.glued and _glued_word_blocks(right.word, size):
                    blocked = True
            elif right.kind == d.SEP and q + 1 < n and right.place == 1:
                after = atoms[q + 1]
                prefix_of_next = q + 2 < n and atoms[q + 2].kind == d.DIGIT and atoms[q + 2].glued
                if after.kind == d.BREAK and (
                    ((after.word in _CURRENCY or after.word == "%") and not prefix_of_next)
                    or (size <= 5 and after.word in _UNIT_WORDS)
                ):
                    blocked = True
        if blocked:
            for g in groups:
                g.blocked = True


def _digit_at(atoms: list[d.Atom], i: int) -> bool:
    return 0 <= i < len(atoms) and atoms[i].kind == d.DIGIT


def _id_before(atoms: list[d.Atom], a: int) -> bool:
    """Whether the words just before a number name it as an ID, zip code or reference."""
    p = a - 1
    steps = 0
    while p >= 0 and steps < 6:
        atom = atoms[p]
        if atom.kind == d.SEP:
            if atom.word not in (" ", ".", "-") and not atom.word.isspace():
                return False
        elif atom.kind == d.BREAK:
            if atom.word in _ID_WORDS:
                return True
            if atom.word not in _ID_FILLERS:
                return False
        else:
            return False
        p -= 1
        steps += 1
    return False


def _shape_blocks(groups: list[d.Group]) -> bool:
    """Dates (01/15/2026, 2026-01-15, 12/25), 24/7, year ranges, 34-24-36 stats."""
    if len(groups) < 2:
        return False
    seps = {g.sep_before for g in groups[1:]}
    if len(seps) != 1:
        return False
    sep = next(iter(seps))
    sizes = [len(g.digits) for g in groups]
    if len(groups) == 2:
        if sep == "." and sizes[0] <= 3 and sizes[1] <= 3:
            return True  # a decimal: 80.585, 1.5
        if sep == "/" and sizes[0] <= 2 and sizes[1] in (1, 2, 4):
            return True
        if sizes == [4, 4] and all(g.digits[:2] in ("19", "20") for g in groups):
            return True
        return False
    if len(groups) == 3 and sep in ("/", "-", ".", "\u2013"):
        if sizes[0] <= 2 and sizes[1] <= 2 and sizes[2] in (2, 4):
            return True
        if sizes[0] == 4 and sizes[1] <= 2 and sizes[2] <= 2:
            return True
    return False


def _plus_before(atoms: list[d.Atom], group: d.Group) -> int | None:
    """Where a '+' written just before the group stands (+44 7700 ..., + 52 55 ...), if one is."""
    p = group.first - 1
    if p >= 0 and atoms[p].kind == d.SEP and atoms[p].word in (" ", "(") and atoms[p].end - atoms[p].start == 1:
        p -= 1
    if p >= 0 and atoms[p].kind == d.BREAK and atoms[p].word in ("+", "\uff0b"):
        return atoms[p].start
    return None


def _candidates(run: d.Run, atoms: list[d.Atom], region: str) -> list[tuple[int, int, str]]:
    """The best non-overlapping phone readings of a run: (first group, last group, E.164)."""
    groups = run.groups
    m = len(groups)
    plus = [_plus_before(atoms, g) is not None for g in groups]
    # a reading starts and ends where a written number does: not inside "650-253-4561"
    # (a '/' inside a chunk is a list separator: 702-555-0142/702-555-0143)
    opens = [i == 0 or g.chunk != groups[i - 1].chunk or g.sep_before == "/" for i, g in enumerate(groups)]
    closes = [i == m - 1 or opens[i + 1] for i in range(m)]
    # best[i]: (score, choice) for groups i.. ; choice is (j, value) or None to skip group i
    best: list[tuple[float, tuple[int, str] | None]] = [(0.0, None)] * (m + 1)
    for i in range(m - 1, -1, -1):
        best[i] = (best[i + 1][0], None)
        if groups[i].blocked or not opens[i]:
            continue
        digits = ""
        # a number word or look-alike at the edge of an otherwise plain number is probably prose
        # ("I have one 702 555 0142"): such readings are kept, but lose ties
        wordy = [0, 0]
        for j in range(i, m):
            g = groups[j]
            if g.blocked or (j > i and plus[j]):
                break
            digits += g.digits
            wordy[g.obfuscated == 0] += 1
            if len(digits) > MAX_DIGITS:
                break
            if len(digits) < MIN_DIGITS or not closes[j]:
                continue
            value = e164(digits, region, plus[i])
            if value is None:
                continue
            edge = groups[i].obfuscated > 0 or groups[j].obfuscated > 0
            score = 100.0 + 0.1 * (j - i) - (1.0 if edge and wordy[1] else 0.0) + best[j + 1][0]
            if score > best[i][0]:
                best[i] = (score, (j, value))
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < m:
        choice = best[i][1]
        if choice is None:
            i += 1
            continue
        j, value = choice
        out.append((i, j, value))
        i = j + 1
    return out


def _confidence(groups: list[d.Group], plus: bool, text: str, start: int, end: int) -> float:
    obfuscated = sum(g.obfuscated for g in groups)
    forms = sum(g.forms for g in groups)
    confidence = 0.92
    if obfuscated:
        confidence -= 0.1 + 0.04 * min(obfuscated, 6)
    if forms:
        confidence -= 0.04
    if len(groups) >= 7 and max(len(g.digits) for g in groups) <= 2:
        confidence -= 0.08  # spaced-out single digits: could be any list of small numbers
    if plus:
        confidence += 0.03
    if _cue_near(text, start, end):
        confidence += 0.06
    return round(min(0.99, max(0.3, confidence)), 3)


def _windows(text: str) -> Iterator[tuple[int, int]]:
    """Where phone numbers can be: windows around digits and number words, found only outside
    stretches of digits too dense to hold one (floods of digits, separators, emoji and brackets
    are skipped at regex speed: linear time with a small constant)."""
    if len(text) < 2000:  # short texts cost little either way; the skip pays on long floods
        yield from d.windows(text)
        return
    at = 0
    for s, e in [*d.dense_stretches(text, 0, len(text)), (len(text), len(text))]:
        if s > at:
            piece = text if (at, s) == (0, len(text)) else text[at:s]
            for w_start, w_end in d.windows(piece):
                yield at + w_start, at + w_end
        at = e


def _readable(run: d.Run) -> bool:
    """Whether a run has enough digits for a phone number, and not so many it is a table or a dump."""
    total = sum(len(g.digits) for g in run.groups)
    return MIN_DIGITS <= total <= _MAX_RUN_DIGITS and len(run.groups) <= _MAX_RUN_GROUPS


#: a text longer than this can make hundreds of thousands of atoms, which the cycle collector would
#: walk again and again as they pile up (40% of the time on a 1 MB flood of prices and dates): it is
#: read with the collector paused. Atoms, groups and runs hold no reference cycles.
_PAUSE_COLLECTOR_AT = 20_000


@contextmanager
def _collector_paused(pause: bool) -> Iterator[None]:
    if not pause or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _open_digits(run: d.Run) -> int:
    """The most digits that groups next to each other and not blocked hold (a reading is made of such)."""
    most = total = 0
    for group in run.groups:
        total = 0 if group.blocked else total + len(group.digits)
        if total > most:
            most = total
    return most


def read_phones(text: str, region: str = "US") -> list[Span]:
    """Every phone number in ``text`` read for ``region`` (ISO 3166 alpha-2), in text order."""
    if not text:
        return []
    with _collector_paused(len(text) > _PAUSE_COLLECTOR_AT):
        return _read_phones(text, (region or "US").upper())


def _read_phones(text: str, region: str) -> list[Span]:
    spans: list[Span] = []
    for w_start, w_end in _windows(text):
        if d.too_few_digits(text, w_start, w_end, MIN_DIGITS):
            continue  # (told cheaply) no run of the window has digits enough for a phone number
        atoms, runs = d.runs(text, w_start, w_end)
        # only runs that can hold a phone number are looked at (blocking reads each chunk alone)
        runs = [run for run in runs if _readable(run)]
        if not runs:
            continue
        _block(atoms, runs, text)
        for run in runs:
            if _open_digits(run) < MIN_DIGITS:
                continue  # prices, dates, stats: too few digits left outside them for a phone number
            for i, j, value in _candidates(run, atoms, region):
                chosen = run.groups[i : j + 1]
                start, end = chosen[0].start, chosen[-1].end
                plus_at = _plus_before(atoms, chosen[0])
                if plus_at is not None:
                    start = plus_at
                    while start > 0 and text[start - 1] in "+\uff0b":
                        start -= 1
                elif start > 0 and text[start - 1] in "(\uff08[" and ")" in text[start:end]:
                    start -= 1
                ext = _EXTENSION.match(text, end)
                if ext:
                    end = ext.end()
                spans.append(
                    Span(
                        kind="phone",
                        value=value,
                        text=text[start:end],
                        start=start,
                        end=end,
                        confidence=_confidence(chosen, plus_at is not None, text, start, end),
                        extractor="phone",
                    )
                )
    return spans


@register("phone", kinds=["phone"])
def extract_phones(text: str, context: Context) -> Iterator[Span]:
    """Registered extractor: phone spans of one ad field, region from the context (default US)."""
    region = context.region
    if region is None:
        try:
            from clew.extract.context import infer_region

            region = infer_region(context)
        except Exception:  # region inference must never stop extraction
            region = "US"
    try:
        yield from read_phones(text, region)
    except Exception:  # an extractor never raises on ad text; a miss is better than a crash
        return
