"""Engine and session setup for any SQLAlchemy URL (SQLite file by default), and writes that
retry when another process holds the database for a moment."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from catalog import revision  # noqa: F401  (its table and flush hook must always exist)
from catalog.schema import upgrade_schema

log = logging.getLogger(__name__)

T = TypeVar("T")

SQLITE_BUSY_TIMEOUT_S = 30.0  # how long a SQLite write waits for another writer's lock
WRITE_ATTEMPTS = 5
RETRY_BACKOFF_S = 0.05  # doubled after each failed attempt, with jitter
# SQLite's lock errors; PostgreSQL's serialization failure and deadlock (SQLSTATE 40001, 40P01).
TRANSIENT_MESSAGES = ("database is locked", "database is busy")
TRANSIENT_SQLSTATES = ("40001", "40P01")


def make_engine(url: str) -> Engine:
    """Create the engine, making the SQLite folder and enabling foreign keys where needed.

    A SQLite file runs in WAL mode (readers never wait for the writer) and waits up to
    `SQLITE_BUSY_TIMEOUT_S` for another writer's lock. A plain `postgresql://` URL uses
    psycopg 3 (the driver this project installs).
    """
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    in_memory = url in ("sqlite://", "sqlite:///:memory:") or url.endswith(":memory:")
    if url.startswith("sqlite:///") and not in_memory:
        Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(parents=True, exist_ok=True)
    sqlite_file = url.startswith("sqlite") and not in_memory
    engine = create_engine(
        url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S} if sqlite_file else {}
    )
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas(wal=sqlite_file))
    return engine


def _sqlite_pragmas(wal: bool) -> Callable[..., None]:
    def on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
        cursor.close()

    return on_connect


def create_schema(engine: Engine) -> None:
    """Bring the database to the newest schema (see `catalog.schema.upgrade_schema`)."""
    upgrade_schema(engine)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def is_transient(error: BaseException) -> bool:
    """A lock or serialization error that the same transaction may not meet again."""
    if isinstance(error, OperationalError) and any(
        text in str(error.orig).lower() for text in TRANSIENT_MESSAGES
    ):
        return True
    return isinstance(error, DBAPIError) and (
        getattr(error.orig, "sqlstate", None) in TRANSIENT_SQLSTATES
    )


def write(
    sessions: sessionmaker[Session],
    work: Callable[[Session], T],
    *,
    retry_also: tuple[type[Exception], ...] = (),
    attempts: int = WRITE_ATTEMPTS,
) -> T:
    """Run `work` in one transaction, again (after a short, growing pause) when it meets a
    transient lock error or one of `retry_also`; the last attempt's error propagates."""
    for attempt in range(1, attempts):
        try:
            with sessions.begin() as db:
                return work(db)
        except Exception as error:
            if not (is_transient(error) or isinstance(error, retry_also)):
                raise
            pause = RETRY_BACKOFF_S * 2 ** (attempt - 1) * (0.5 + random.random())
            log.info(
                "write attempt %d met %s; again in %.2f s", attempt, type(error).__name__, pause
            )
            time.sleep(pause)
    with sessions.begin() as db:
        return work(db)
