"""Search: identifier lookup (any written form of a phone, e-mail, handle or payment account),
full-text search with filters, facets and keyset pages, and similar ads.

The names below load on first use, so that light parts (``clew.search.index``, which the store's
migrations read) do not pull in extraction.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clew.search.identifiers import IdentifierResult, lookup
    from clew.search.similar import SimilarResult, similar_ads
    from clew.search.text import Facets, SearchFilters, SearchPage, facets, search

_HOME = {
    "IdentifierResult": "clew.search.identifiers",
    "lookup": "clew.search.identifiers",
    "SimilarResult": "clew.search.similar",
    "similar_ads": "clew.search.similar",
    "Facets": "clew.search.text",
    "SearchFilters": "clew.search.text",
    "SearchPage": "clew.search.text",
    "facets": "clew.search.text",
    "search": "clew.search.text",
}

__all__ = [
    "Facets",
    "IdentifierResult",
    "SearchFilters",
    "SearchPage",
    "SimilarResult",
    "facets",
    "lookup",
    "search",
    "similar_ads",
]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'clew.search' has no attribute {name!r}")
    value = getattr(import_module(_HOME[name]), name)
    globals()[name] = value
    return value
