"""The indicator rulebook: YAML files an analyst reads and extends, and the matcher that applies them.

Each ad-level indicator has an id, name, description, category, weight, source and patterns.
Patterns and ad text pass through the same normalization (case, accents, look-alike digits such as
``y0ung``/``n3w``, repeated letters, punctuation and apostrophes), then one Aho-Corasick automaton
finds every pattern in a single pass: linear in the text, whatever the rulebook holds. A hit counts
only on whole words, and a negation just before it ("no underage", "not new") cancels it where the
indicator says negation matters.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import ahocorasick
import numpy as np
import yaml

from clew.errors import InputError

#: words that cancel a negatable cue when they stand in the few words before it
NEGATIONS = frozenset({
    "no", "not", "never", "non", "nothing", "zero", "without", "dont", "doesnt", "isnt", "arent", "aint",
    "im not", "sin", "nunca", "nada", "ni", "tampoco",
})
#: how many words before a hit are read for a negation
NEGATION_WINDOW = 3

# look-alike characters read as the letters they stand for (y0ung, n3w, $weet, @sian)
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
# characters that are dropped: apostrophes (daddy's = daddys) and emoji variation selectors
_DROP = frozenset("'’‘`´\ufe0f\ufe0e\u200d\u200b")
# clause breaks: a negation never reaches across them
_BREAK = frozenset(".!?;|•\n\r\t~*")
_BREAK_MARK = "\n"


@dataclass(slots=True, frozen=True)
class Source:
    id: str
    title: str


@dataclass(slots=True, frozen=True)
class Indicator:
    """One rule of the rulebook: what it means, where it comes from, how much it counts."""

    id: str
    name: str
    description: str
    category: str
    weight: float
    sources: tuple[str, ...]
    patterns: tuple[str, ...] = ()
    negatable: bool = True
    file: str = ""


@dataclass(slots=True, frozen=True)
class Match:
    """An indicator found in a text: ``text == source[start:end]``."""

    indicator_id: str
    category: str
    start: int
    end: int
    text: str


@dataclass(slots=True, frozen=True)
class Normalized:
    """Text as the matcher reads it, with each character's span in the original text."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]


def _fold(ch: str) -> str:
    """One character as the matcher reads it: lower case, no accents, look-alikes read as letters."""
    if ch in _LEET:
        return _LEET[ch]
    low = ch.lower()
    if len(low) != 1:
        low = ch
    if low.isascii():
        return low
    base = unicodedata.normalize("NFKD", low)
    if base and base[0].isascii() and base[0].isalnum():
        return _LEET.get(base[0], base[0])
    return low


class _FoldTable(dict[int, str]):
    """``str.translate`` table built as characters are met: each character to exactly one character."""

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        if ch in _DROP:
            mapped = "\x00"
        elif ch in _BREAK:
            mapped = _BREAK_MARK
        elif ch.isalnum() or ch in _LEET:
            mapped = _fold(ch)
            if not mapped.isalnum():
                mapped = " "
        elif ch.isspace() or (ch.isascii() and not ch.isalnum()) or unicodedata.category(ch).startswith("P"):
            mapped = " "
        elif ch == "\x00":
            mapped = " "
        else:
            mapped = ch  # emoji and other symbols are matched as they are
        self[cp] = mapped
        return mapped


_TABLE = _FoldTable()
_SPACE, _NEWLINE = 32, 10


def normalize(text: str) -> Normalized:
    """Fold ``text`` for matching; see the module docstring. Never raises, linear time.

    Each character is folded to one character (dropped ones to NUL), then NULs are removed and runs
    of one character (yooung = young), or of spaces and clause breaks, read as one.
    """
    folded = text.translate(_TABLE)
    cp = np.frombuffer(folded.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    idx = np.flatnonzero(cp)
    if len(idx) == 0:
        return Normalized("", (), ())
    c = cp[idx]
    blank = (c == _SPACE) | (c == _NEWLINE)
    same = np.zeros(len(c), dtype=bool)
    same[1:] = (c[1:] == c[:-1]) | (blank[1:] & blank[:-1])
    starts = np.flatnonzero(~same)
    out = c[starts].copy()
    out[np.maximum.reduceat((c == _NEWLINE).astype(np.int8), starts) > 0] = _NEWLINE
    last = np.empty(len(starts), dtype=np.int64)
    last[:-1] = starts[1:] - 1
    last[-1] = len(c) - 1
    return Normalized(
        out.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass"),
        tuple(idx[starts].tolist()), tuple((idx[last] + 1).tolist()),
    )


def _key(pattern: str) -> str:
    return normalize(pattern).text.strip(" \n")


@dataclass(slots=True)
class Rulebook:
    """Indicators loaded from YAML, the network features' weights, and one automaton over all patterns."""

    indicators: dict[str, Indicator]
    features: dict[str, Indicator]
    sources: dict[str, Source]
    digest: str
    _automaton: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        keys: dict[str, list[tuple[str, int]]] = {}
        for ind in self.indicators.values():
            for pattern in ind.patterns:
                key = _key(pattern)
                if key:
                    keys.setdefault(key, [])
                    if ind.id not in (i for i, _ in keys[key]):
                        keys[key].append((ind.id, len(key)))
        automaton = ahocorasick.Automaton()
        for key, owners in keys.items():
            automaton.add_word(key, tuple(owners))
        if keys:
            automaton.make_automaton()
        self._automaton = automaton if keys else None

    def match(self, text: str) -> list[Match]:
        """Every indicator found in ``text`` on whole words, negated cues left out, by position."""
        if not text or self._automaton is None:
            return []
        norm = normalize(text)
        t = norm.text
        found: dict[tuple[str, int, int], Match] = {}
        for end, owners in self._automaton.iter(t):
            for indicator_id, length in owners:
                start = end - length + 1
                if start > 0 and t[start].isalnum() and t[start - 1].isalnum():
                    continue
                if end + 1 < len(t) and t[end].isalnum() and t[end + 1].isalnum():
                    continue
                ind = self.indicators[indicator_id]
                if ind.negatable and _negated(t, start):
                    continue
                a, b = norm.starts[start], norm.ends[end]
                found[(indicator_id, a, b)] = Match(indicator_id, ind.category, a, b, text[a:b])
        # a hit inside a longer hit of the same indicator adds nothing ("young" in "so young")
        ordered = sorted(found.values(), key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[Match] = []
        reach: dict[str, int] = {}
        for m in ordered:
            if reach.get(m.indicator_id, -1) >= m.end:
                continue
            kept.append(m)
            reach[m.indicator_id] = max(reach.get(m.indicator_id, -1), m.end)
        return kept

    def source_titles(self, ids: Iterable[str]) -> list[str]:
        return [self.sources[s].title for s in ids if s in self.sources]


def _negated(t: str, start: int) -> bool:
    """True when a negation word stands among the few words before ``start`` in the same clause."""
    window_start = max(0, start - 40)
    before = t[window_start:start]
    cut = before.rfind(_BREAK_MARK)
    if cut >= 0:
        before = before[cut + 1 :]
    words = before.split()
    if window_start > 0 and words and len(before) == start - window_start:
        words = words[1:]  # the first word may be cut
    words = words[-NEGATION_WINDOW:]
    if any(w in NEGATIONS for w in words):
        return True
    return " ".join(words[-2:]) in NEGATIONS


def _problem(file: str, where: str, message: str) -> InputError:
    return InputError(f"rulebook {file}: {where}: {message}")


def _indicator(raw: Any, category: str, file: str, n: int, *, need_patterns: bool) -> Indicator:
    where = f"entry {n}" + (f" ({raw.get('id')})" if isinstance(raw, dict) and raw.get("id") else "")
    if not isinstance(raw, dict):
        raise _problem(file, where, "expected a mapping with id, name, description, weight, source")
    for key in ("id", "name", "description", "weight", "source"):
        if key not in raw:
            raise _problem(file, where, f"missing {key!r}")
    weight = raw["weight"]
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight < 0:
        raise _problem(file, where, f"weight must be a number >= 0, got {weight!r}")
    sources = raw["source"] if isinstance(raw["source"], list) else [raw["source"]]
    patterns = raw.get("patterns", [])
    if need_patterns and (not isinstance(patterns, list) or not patterns):
        raise _problem(file, where, "needs a non-empty list of patterns")
    if not all(isinstance(p, str) and p.strip() for p in patterns):
        raise _problem(file, where, "every pattern must be non-empty text")
    return Indicator(
        id=str(raw["id"]), name=str(raw["name"]), description=str(raw["description"]), category=category,
        weight=float(weight), sources=tuple(str(s) for s in sources), patterns=tuple(patterns),
        negatable=bool(raw.get("negatable", True)), file=file,
    )


def load_rulebook(folder: Path | str | None = None) -> Rulebook:
    """Read every ``*.yaml`` of ``folder`` (default: Clew's own rulebook); errors name the file and entry."""
    files: list[tuple[str, str]] = []
    if folder is None:
        root = resources.files("clew.score") / "rules"
        files = sorted((p.name, p.read_text(encoding="utf-8")) for p in root.iterdir() if p.name.endswith(".yaml"))
    else:
        path = Path(folder)
        if not path.is_dir():
            raise InputError(f"rulebook folder {str(path)!r} does not exist")
        files = sorted((p.name, p.read_text(encoding="utf-8")) for p in path.glob("*.yaml"))
    indicators: dict[str, Indicator] = {}
    features: dict[str, Indicator] = {}
    sources: dict[str, Source] = {}
    digest = hashlib.blake2b(digest_size=16)
    for name, body in files:
        digest.update(name.encode() + b"\0" + body.encode() + b"\0")
        try:
            doc = yaml.safe_load(body) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f"line {mark.line + 1}" if mark is not None else "?"
            raise _problem(name, line, f"not valid YAML: {getattr(exc, 'problem', exc)}") from None
        if not isinstance(doc, dict):
            raise _problem(name, "top level", "expected a mapping")
        for sid, src in (doc.get("sources") or {}).items():
            sources[str(sid)] = Source(str(sid), str((src or {}).get("title", sid)))
        category = str(doc.get("category", name.removesuffix(".yaml")))
        for key, target, need in (("indicators", indicators, True), ("features", features, False)):
            for n, raw in enumerate(doc.get(key) or [], 1):
                ind = _indicator(raw, category, name, n, need_patterns=need)
                if ind.id in indicators or ind.id in features:
                    raise _problem(name, f"entry {n}", f"indicator id {ind.id!r} is defined twice")
                target[ind.id] = ind
    for ind in [*indicators.values(), *features.values()]:
        unknown = [s for s in ind.sources if s not in sources]
        if unknown:
            raise _problem(ind.file, ind.id, f"unknown source {unknown[0]!r}: add it to sources.yaml")
    return Rulebook(indicators, features, sources, digest.hexdigest())


_DEFAULT: Rulebook | None = None


def default_rulebook() -> Rulebook:
    """Clew's own rulebook, read once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_rulebook()
    return _DEFAULT
