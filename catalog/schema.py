"""The store's schema belongs to Alembic (`catalog/migrations`): bring a database up to date.

- A new database gets today's tables (`create_all`, the Alembic recipe) and is stamped at head.
- A database with an `alembic_version` table is upgraded to head.
- A database made before migrations existed is stamped at the first revision when its tables
  and columns are exactly that revision's, then upgraded. Any other one is refused with
  `SchemaMismatch`, which names `catalog db upgrade`: that command (`adopt`) adds the missing
  tables, columns and indexes and lengthens too-short text columns, keeping every row, and
  stamps the database at head, or says which differences it cannot mend.
"""

from __future__ import annotations

import functools
import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import (
    Column,
    Connection,
    Engine,
    ForeignKeyConstraint,
    String,
    create_engine,
    inspect,
)

from catalog.models import Base

FIRST_REVISION = "0001"

log = logging.getLogger(__name__)
logging.getLogger("alembic").setLevel(logging.WARNING)  # its every step, at every start: noise
# Applied in this order: tables, then columns and their references, then indexes.
ADDITIVE = ("add_table", "add_column", "add_fk", "add_index")


class SchemaMismatch(RuntimeError):
    """The database's tables are not ones a migration knows; nothing was changed."""


def alembic_config(connection: Connection) -> Config:
    """Alembic's configuration for the packaged migrations, working on `connection`."""
    config = Config()
    config.set_main_option("script_location", "catalog:migrations")
    config.attributes["connection"] = connection
    return config


def upgrade_schema(engine: Engine) -> None:
    """Bring the database to the newest revision, or raise `SchemaMismatch` untouched."""
    with _migrating(engine) as connection:
        config = alembic_config(connection)
        tables = set(inspect(connection).get_table_names())
        before = MigrationContext.configure(connection).get_current_revision()
        if "alembic_version" in tables:
            command.upgrade(config, "head")
        elif not tables & set(Base.metadata.tables):
            _create_new(connection)
            command.stamp(config, "head")
        elif _described(connection) == _described_at_first_revision():
            before = FIRST_REVISION
            command.stamp(config, FIRST_REVISION)
            command.upgrade(config, "head")
        else:
            unknown = sorted(_described(connection) ^ _described_at_first_revision())
            url = engine.url.render_as_string(hide_password=True)
            raise SchemaMismatch(
                "The database was made by an older version of the assistant, before "
                f"migrations, and differs from the first revision ({'; '.join(unknown[:6])}). "
                f"Back it up, then run `catalog db upgrade --database-url {url}` to bring it "
                "up to date."
            )
        after = MigrationContext.configure(connection).get_current_revision()
        if before not in (None, after):
            log.info("Upgraded the database schema from revision %s to %s", before, after)


@contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """One transaction; on SQLite with foreign keys off, since altering a table copies it
    (Alembic's batch mode) and dropping the old copy must not trip its references."""
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()  # a pragma outside any transaction, or SQLite ignores it
        try:
            with connection.begin():
                yield connection
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def adopt(engine: Engine) -> list[str]:
    """Upgrade the database; one made before migrations whose tables differ from the first
    revision gets the missing tables, columns and indexes (and longer text columns) and is
    stamped at head.

    Returns what was added or lengthened; raises `SchemaMismatch` for differences it cannot add.
    """
    try:
        upgrade_schema(engine)
        return []
    except SchemaMismatch:
        pass
    with _migrating(engine) as connection:
        differences = _differences(connection)
        unmendable = [d for d in differences if d[0] not in ADDITIVE and not _widens(d)]
        if unmendable:
            raise SchemaMismatch(
                "These differences cannot be mended by adding tables or columns: "
                + "; ".join(_describe(d) for d in unmendable)
            )
        with _quiet_reflection():
            _add_all(Operations(MigrationContext.configure(connection)), differences)
        command.stamp(alembic_config(connection), "head")
    return [_describe(d) for d in differences]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _create_new(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS vector")
    Base.metadata.create_all(connection)


def _described(connection: Connection) -> frozenset[str]:
    return frozenset(_describe(difference) for difference in _differences(connection))


@functools.cache
def _described_at_first_revision() -> frozenset[str]:
    """How a database made by the first revision differs from the models (found on a scratch
    in-memory SQLite); the descriptions name tables and columns, not dialects' types."""
    engine = create_engine("sqlite://")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), FIRST_REVISION)
        return _described(connection)


def _differences(connection: Connection) -> list[tuple[Any, ...]]:
    """What separates the database from the models (extra tables and columns are ignored)."""
    with _quiet_reflection():
        found = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    flat = [d if isinstance(d, tuple) else tuple(d[0]) for d in found]
    return [d for d in flat if not d[0].startswith("remove_")]


@contextmanager
def _quiet_reflection() -> Iterator[None]:
    """SQLite cannot reflect the lower(brand) index; a known gap, not news at every start."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*expression-based index")
        yield


def _add_all(operations: Operations, differences: list[tuple[Any, ...]]) -> None:
    bind = operations.get_bind()
    for kind, item, *_ in differences:
        if kind == "add_table":
            item.create(bind)
    altered = {d[2] for d in differences if d[0] == "add_column" or _widens(d)} | {
        d[1].table.name for d in differences if d[0] == "add_fk"
    }
    recreate: Literal["always", "auto"] = "always" if bind.dialect.name == "sqlite" else "auto"
    for table in sorted(altered):
        with operations.batch_alter_table(table, recreate=recreate) as batch:
            for kind, *rest in differences:
                if kind == "add_column" and rest[1] == table:
                    batch.add_column(_bare(rest[2]))
            for kind, *rest in differences:
                if _widens((kind, *rest)) and rest[1] == table:
                    batch.alter_column(rest[2], type_=rest[-1], existing_type=rest[-2])
            for kind, *rest in differences:
                if kind == "add_fk" and rest[0].table.name == table:
                    _add_foreign_key(batch, rest[0])
    for kind, item, *_ in differences:
        if kind == "add_index":
            item.create(bind)


def _widens(difference: tuple[Any, ...]) -> bool:
    """A text column that the models make longer (a status enum that gained longer members)."""
    if difference[0] != "modify_type":
        return False
    old, new = difference[-2:]
    return (
        isinstance(old, String)
        and isinstance(new, String)
        and old.length is not None
        and new.length is not None
        and new.length >= old.length
    )


def _bare(column: Column[Any]) -> Column[Any]:
    """The column alone: its foreign keys and indexes are differences of their own."""
    default = column.server_default
    return Column(
        column.name,
        column.type,
        nullable=column.nullable,
        server_default=default._copy() if default is not None else None,
    )


def _add_foreign_key(batch: Any, key: ForeignKeyConstraint) -> None:
    columns = [column.name for column in key.columns]
    batch.create_foreign_key(
        key.name or f"fk_{key.table.name}_{'_'.join(columns)}",
        key.referred_table.name,
        columns,
        [element.column.name for element in key.elements],
    )


def _describe(difference: tuple[Any, ...]) -> str:
    kind, *rest = difference
    if kind in ("add_table", "add_index"):
        return f"{kind.replace('_', ' ')} {rest[0].name}"
    if kind == "add_column":
        return f"add column {rest[1]}.{rest[2].name}"
    if kind == "add_fk":
        columns = ", ".join(column.name for column in rest[0].columns)
        return f"add foreign key {rest[0].table.name}({columns})"
    return f"{kind.replace('_', ' ')} {' '.join(str(part) for part in rest[:3] if part)}"
