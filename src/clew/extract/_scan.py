"""Shared, cheap views of one text for every extractor: its lower-cased form (computed once per
text) and word lists compiled as tries, so that a regex costs about one branch per character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache


@lru_cache(maxsize=32)
def lowered(text: str) -> str | None:
    """``text.lower()`` when it keeps every offset (same length), else None: callers fall back to re.I."""
    low = text.lower()
    return low if len(low) == len(text) else None


def trie(words: Iterable[str], space: str = r"[ \t]", not_after: str | None = None) -> str:
    """A regex alternation of ``words`` shaped as a trie (one branch per letter); spaces in a word
    match ``space``. Words must be lower-case when matched against lower-cased text.

    ``not_after`` (a character class) is checked as a lookbehind *after* each word's first letter:
    the same as a leading ``(?<!class)`` but the pattern still starts with literals, so the regex
    engine skips ahead to candidate letters instead of trying every position (~10x faster).
    """
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict[str, dict]) -> str:
        branches = [
            (space if ch == " " else re.escape(ch)) + render(child) for ch, child in sorted(node.items()) if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    if not_after is None:
        return render(root)
    branches = []
    for ch, child in sorted(root.items()):
        if not ch:
            continue
        head = space if ch == " " else re.escape(ch)
        branches.append(f"{head}(?<!{not_after}.){render(child)}")
    return "(?:" + "|".join(branches) + ")"


#: letters a re.I pattern reads as ASCII letters though ``str.lower`` leaves them alone (ı, ſ, K)
_FOLD_TRAPS = re.compile("[\u0131\u017f\u212a]")


@lru_cache(maxsize=32)
def hint_text(text: str) -> str | None:
    """The text :func:`hinted` looks for hints in: ``text`` lower-cased, or None when lower-casing
    would move offsets or hide a letter a case-insensitive pattern matches (then scan in full).
    Computed once per text: most extractors ask."""
    low = lowered(text)
    if low is None or _FOLD_TRAPS.search(text) is not None:
        return None
    return low


def hinted(pattern: re.Pattern[str], hints: re.Pattern[str], text: str, low: str | None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, trying the pattern only where ``hints`` match in ``low``.

    ``hints`` is a plain alternation of literals (which the regex engine finds far faster than a
    pattern opening with a lookbehind or case-folding); every match of ``pattern`` must start where
    a hint does, and ``pattern`` must never match empty. ``low`` is :func:`hint_text`; when it is
    None, this is plain ``finditer``. Linear: each position is searched once, each hint tried once.
    """
    if low is None:
        yield from pattern.finditer(text)
        return
    search, match = hints.search, pattern.match
    pos, n = 0, len(text)
    tries = 0
    while pos < n:
        h = search(low, pos)
        if h is None:
            return
        s = h.start()
        m = match(text, s)
        pos = s + 1 if m is None else max(m.end(), s + 1)
        if m is not None:
            yield m
        tries += 1
        if tries > _TRIES + s // _TRY_SPACING:
            # hints too dense to pay (a flood of '@' or 'x'): the engine scans the rest itself
            yield from pattern.finditer(text, pos)
            return


#: hinted scans give way to a full scan after more tries than this, plus one per so many characters
_TRIES, _TRY_SPACING = 16, 16


_ASCII_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=32)
def word_set(text: str) -> tuple[str, frozenset[str]] | None:
    """The lower-cased text and its set of words (runs of ASCII letters), computed once per text and
    shared by every extractor; None when :func:`hint_text` refuses the text."""
    low = hint_text(text)
    return None if low is None else (low, frozenset(_ASCII_WORD.findall(low)))


def word_starts(text: str, vocabulary: frozenset[str]) -> list[int] | None:
    """Where a whole word of ``vocabulary`` (lower-case ASCII letters) starts in the lower-cased
    text, in order; None when :func:`hint_text` refuses the text (then scan in full).

    The text's set of words is computed once and shared by every extractor; a word of the
    vocabulary the text lacks costs nothing, one it holds costs a ``str.find`` per occurrence (or,
    for a word of one or two letters, a pattern that stops only where it stands whole: not at every
    "i" of the text for the word "i").
    """
    view = word_set(text)
    if view is None:
        return None
    low, words = view
    present = vocabulary & words
    if not present:
        return []
    out: list[int] = []
    budget = _TRIES + len(low) // _TRY_SPACING  # places looked at before a full scan is cheaper
    for word in present:
        n = len(word)
        if n <= 2:  # "i", "me", "sc": inside many words, found whole by a pattern
            for m in _whole_word(word).finditer(low):
                budget -= 1
                if budget < 0:
                    return None  # the words are everywhere (a flood)
                out.append(m.start())
        else:  # a longer word mostly stands whole where it stands at all
            p = low.find(word)
            while p >= 0:
                budget -= 1
                if budget < 0:
                    return None
                if (p == 0 or not "a" <= low[p - 1] <= "z") and not "a" <= low[p + n : p + n + 1] <= "z":
                    out.append(p)
                p = low.find(word, p + n)
    out.sort()
    return out


@lru_cache(maxsize=4096)
def _whole_word(word: str) -> re.Pattern[str]:
    """``word`` standing whole in lower-cased text: no ASCII letter on either side (the check
    before it comes after its first letter, so the engine skips ahead to that letter)."""
    return re.compile(re.escape(word[0]) + "(?<![a-z].)" + re.escape(word[1:]) + "(?![a-z])")


def matches_at(pattern: re.Pattern[str], starts: list[int] | None, text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` tried only at ``starts`` (every match must start at one; the
    pattern never matches empty), or in full when ``starts`` is None."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    match = pattern.match
    for s in starts:
        if s < end:
            continue
        m = match(text, s)
        if m is not None:
            yield m
            end = m.end()
