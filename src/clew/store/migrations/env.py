"""Alembic environment: runs migrations on the connection Clew's store hands over."""

from __future__ import annotations

from alembic import context

from clew.search.index import include_name
from clew.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    include_name=include_name,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
