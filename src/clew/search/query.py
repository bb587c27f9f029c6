"""What an analyst types into the search box, read into terms: words, "quoted phrases", prefix*.

The text is never handed to a database as query syntax: each backend's query (FTS5 on SQLite,
tsquery on PostgreSQL) is built here from plain alphanumeric tokens and bound as one parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clew.errors import InputError

#: the longest query and the most terms a search takes (longer ones are mistakes or abuse)
MAX_QUERY_CHARS = 500
MAX_TERMS = 24
MAX_TOKEN_CHARS = 100

# a token is a run of letters and digits: the way SQLite's unicode61 tokenizer and the PostgreSQL
# index (punctuation turned to spaces, then the "simple" parser) both cut text into words
_TOKEN = re.compile(r"[^\W_]+")


def clean(text: str) -> str:
    """``text`` without NUL characters or lone surrogates, which no database column can hold."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


def tokens(text: str) -> list[str]:
    """The lower-cased words of ``text`` as both full-text indexes see them."""
    return [t.lower() for t in _TOKEN.findall(text)]


@dataclass(slots=True, frozen=True)
class Term:
    """Words that must appear one after another; with ``prefix`` the last is only a beginning."""

    words: tuple[str, ...]
    prefix: bool = False

    def fts5(self) -> str:
        quoted = '"' + " ".join(w.replace('"', '""') for w in self.words) + '"'
        return quoted + " *" if self.prefix else quoted

    def tsquery(self) -> str:
        parts = ["'" + w.replace("\\", "\\\\").replace("'", "''") + "'" for w in self.words]
        if self.prefix:
            parts[-1] += ":*"
        return " <-> ".join(parts)

    def __str__(self) -> str:
        text = " ".join(self.words)
        if len(self.words) > 1:
            text = f'"{text}"'
        return text + "*" if self.prefix else text


@dataclass(slots=True, frozen=True)
class TextQuery:
    """Terms that must all match (AND), in the order typed."""

    terms: tuple[Term, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.terms

    def fts5(self) -> str:
        """The FTS5 MATCH expression: every term a quoted string, so no input is FTS syntax."""
        return " AND ".join(t.fts5() for t in self.terms)

    def tsquery(self) -> str:
        """The text for ``to_tsquery('simple', ...)``: quoted lexemes joined by & and <->."""
        return " & ".join(f"({t.tsquery()})" for t in self.terms)

    def words(self) -> list[str]:
        return [w for t in self.terms for w in t.words]

    def __str__(self) -> str:
        return " ".join(str(t) for t in self.terms)


_CHUNK = re.compile(r'"(?P<phrase>[^"]*)(?:"|$)(?P<pstar>\*?)|(?P<word>[^\s"]+)')


def parse(text: str | None) -> TextQuery:
    """Read a search box: ``candy "new in town" vega*`` gives three terms, all required.

    Punctuation inside a word splits it into a phrase (``555-0142`` is ``"555 0142"``), exactly as
    the indexes split ad text; an unmatched quote runs to the end. Raises InputError when the query
    is too long to be a search.
    """
    text = clean(text or "")
    if len(text) > MAX_QUERY_CHARS:
        raise InputError(
            f"search text is {len(text)} characters long; at most {MAX_QUERY_CHARS} are allowed"
        )
    terms: list[Term] = []
    for m in _CHUNK.finditer(text):
        if m.group("phrase") is not None:
            words, prefix = tokens(m.group("phrase")), bool(m.group("pstar"))
        else:
            chunk = m.group("word")
            words, prefix = tokens(chunk), chunk.endswith("*")
        if not words:
            continue
        if any(len(w) > MAX_TOKEN_CHARS for w in words):
            raise InputError(f"a search word is longer than {MAX_TOKEN_CHARS} characters")
        term = Term(tuple(words), prefix)
        if term not in terms:
            terms.append(term)
    if len(terms) > MAX_TERMS:
        raise InputError(f"search has {len(terms)} terms; at most {MAX_TERMS} are allowed")
    return TextQuery(tuple(terms))
