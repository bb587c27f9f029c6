"""Search's own database objects (migration 0004) hide from autogenerate through include_name,
so the schema module and the migrations still compare equal."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import clew.store.networks  # noqa: F401  (the tables of later stages join the shared metadata)
import clew.store.scores  # noqa: F401
import clew.store.team  # noqa: F401
from clew.search.index import include_name
from clew.store import Store
from clew.store.schema import metadata


def test_search_objects_are_ignored_by_autogenerate(store: Store, load_ads) -> None:
    load_ads(store, [{"id": "1", "title": "t", "body": "b"}])
    with store.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        assert compare_metadata(context, metadata) == []


def test_place_filters_are_index_seeks(sqlite_store: Store) -> None:
    """A place filter is written in the expressions of migration 0011's indexes, so each test is a
    seek, never a read of every matching ad's places (a reworded expression would lose the index)."""
    from sqlalchemy import select

    from clew.search.query import parse
    from clew.search.text import SearchFilters, _cleaned, _plan

    with sqlite_store.connect() as conn:
        for key, index in (("city", "ix_spans_place_city"), ("region", "ix_spans_place_region"),
                           ("country", "ix_spans_place_country")):
            plan = _plan(conn, parse("new"), _cleaned(SearchFilters(**{key: "Dallas"})))
            sql = str(select(plan.match_id).select_from(plan.source).where(*plan.conds)
                      .compile(conn, compile_kwargs={"literal_binds": True}))
            steps = " ".join(str(row[3]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
            assert f"USING INDEX {index} (<expr>=? AND ad_id=?)" in steps, steps
            if key == "city":
                assert "USING INDEX ix_spans_place_value (<expr>=? AND ad_id=?)" in steps, steps
