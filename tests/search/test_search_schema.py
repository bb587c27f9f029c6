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
