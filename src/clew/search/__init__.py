"""Search: identifier lookup (any written form of a phone, e-mail, handle or payment account),
full-text search with filters, facets and keyset pages, and similar ads.
"""

from clew.search.identifiers import IdentifierResult, lookup
from clew.search.similar import SimilarResult, similar_ads
from clew.search.text import Facets, SearchFilters, SearchPage, facets, search

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
