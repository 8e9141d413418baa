"""Alembic's environment: runs the revisions on the connection `catalog.schema` hands over.

The models' metadata (`Base.metadata`, the search revision's table included) is the target
that `alembic revision --autogenerate` compares a database with.
"""

from __future__ import annotations

from alembic import context

from catalog import revision  # noqa: F401  (registers the search_revision table)
from catalog.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
