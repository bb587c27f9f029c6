"""The database objects search adds beside the schema module's tables (migrations 0004, 0011), by name.

They are created with raw DDL (an FTS5 table, a generated tsvector column, expression indexes), so
Alembic's autogenerate must not take them for strays: pass :func:`include_name` to it.
"""

from __future__ import annotations

from collections.abc import Mapping

#: SQLite: the FTS5 table and the shadow tables FTS5 keeps beside it
FTS_TABLES = frozenset(
    {"ads_fts", "ads_fts_data", "ads_fts_idx", "ads_fts_docsize", "ads_fts_config", "ads_fts_content"}
)
#: PostgreSQL: the generated column that holds each ad's words
SEARCH_COLUMN = "search_vector"
INDEXES = frozenset({"ix_ads_search_vector", "ix_identifiers_phone_tail", "ix_ads_posted_at_id",
                     # migration 0011: location spans by place, in the expressions clew.search.text filters on
                     "ix_spans_place_city", "ix_spans_place_region", "ix_spans_place_country",
                     "ix_spans_place_value"})


def include_name(name: str | None, type_: str, parent_names: Mapping[str, str | None]) -> bool:
    """Alembic ``include_name`` hook: False for search's own objects, True for everything else."""
    if type_ == "table":
        return name not in FTS_TABLES
    if type_ == "column":
        return not (name == SEARCH_COLUMN and parent_names.get("table_name") == "ads")
    if type_ == "index":
        return name not in INDEXES
    return True
