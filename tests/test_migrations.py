"""Alembic owns the schema: new databases, databases made before migrations (a dump of one
made by the code of commit 31ea8a4, `tests/data/schema_before_migrations.sql`), older
ones that differ, and `catalog db upgrade`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

from assistant.app.settings import Settings
from assistant.app.wiring import open_database
from assistant.dialogue.state import AssistantSaid, ShopperSaid
from assistant.history.sessions import SessionStore
from catalog.cli import main as catalog_cli
from catalog.db import create_schema, make_engine, session_factory
from catalog.models import Order, OrderStatus
from catalog.schema import SchemaMismatch, _differences, alembic_config, current_revision

DUMP = Path(__file__).parent / "data" / "schema_before_migrations.sql"
HEAD = "0003"
OLD_SESSION = "FixtureSession0000000001"


def database_from_dump(path: Path, *, without_feedback_columns: bool = False) -> str:
    """A SQLite file made from the dump; optionally as it was before chat feedback existed."""
    script = DUMP.read_text(encoding="utf-8")
    if without_feedback_columns:
        script = script.replace(
            "\tchat_session_id VARCHAR(64), \n\tmessage_position INTEGER, \n", ""
        )
        script = script.replace(",'FixtureSession0000000001',NULL);", ");")
        script = script.replace(
            "\tFOREIGN KEY(chat_session_id) REFERENCES chat_sessions (id)\n", ""
        ).replace("REFERENCES products (id), \n);", "REFERENCES products (id)\n);")
        script = script.replace(
            "CREATE INDEX ix_interactions_chat_session_id ON interactions (chat_session_id);\n", ""
        )
    connection = sqlite3.connect(path)
    connection.executescript(script)
    connection.close()
    return f"sqlite:///{path}"


def test_the_dump_is_the_schema_before_migrations_and_has_no_version(tmp_path: Path) -> None:
    engine = make_engine(database_from_dump(tmp_path / "old.sqlite"))
    tables = set(inspect(engine).get_table_names())
    assert "alembic_version" not in tables and {"chat_sessions", "products"} <= tables
    assert "last_active_at" not in {c["name"] for c in inspect(engine).get_columns("chat_sessions")}


def test_a_database_made_before_migrations_is_stamped_and_upgraded_keeping_its_rows(
    tmp_path: Path,
) -> None:
    engine = make_engine(database_from_dump(tmp_path / "old.sqlite"))
    create_schema(engine)

    assert current_revision(engine) == HEAD
    with engine.connect() as connection:
        assert _differences(connection) == []  # exactly the models' schema now
        assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
        created, active = connection.execute(
            text("SELECT created_at, last_active_at FROM chat_sessions WHERE id = :id"),
            {"id": OLD_SESSION},
        ).one()
        counts = {
            table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar()
            for table in ("products", "shoppers", "chat_sessions", "cart_lines", "interactions")
        }
    assert active == created
    assert counts == {
        "products": 1,
        "shoppers": 1,
        "chat_sessions": 2,
        "cart_lines": 1,
        "interactions": 1,
    }
    store = SessionStore(session_factory(engine))
    assert store.events(OLD_SESSION) == [ShopperSaid("a tent"), AssistantSaid("Here is a tent.")]
    assert [(m.position, m.text, m.original_length) for m in store.messages(OLD_SESSION)] == [
        (0, "a tent", None),
        (1, "Here is a tent.", None),
    ]
    store.append(OLD_SESSION, [ShopperSaid("and a stove")], [("user", "and a stove", ())])
    assert store.messages(OLD_SESSION)[-1].position == 2
    create_schema(engine)  # a second start changes nothing
    assert current_revision(engine) == HEAD


def test_the_migrations_make_the_same_schema_as_the_models(catalog_url: str) -> None:
    engine = make_engine(catalog_url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
        assert _differences(connection) == []
        if connection.dialect.name == "postgresql":
            extensions = connection.execute(text("SELECT extname FROM pg_extension")).scalars()
            assert "vector" in set(extensions)
    assert current_revision(engine) == HEAD
    engine.dispose()


def test_a_new_database_is_created_at_the_newest_revision(catalog_url: str) -> None:
    engine = make_engine(catalog_url)
    create_schema(engine)
    assert current_revision(engine) == HEAD
    with engine.connect() as connection:
        assert _differences(connection) == []
    engine.dispose()


def test_a_database_at_the_first_revision_is_upgraded_at_start_up(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'shop.sqlite'}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
        connection.execute(text("INSERT INTO chat_sessions (id, shown_from) VALUES ('s1', 0)"))
    create_schema(engine)
    assert current_revision(engine) == HEAD
    with engine.connect() as connection:
        assert connection.execute(text("SELECT last_active_at FROM chat_sessions")).scalar()


def test_an_older_database_that_differs_is_refused_untouched_and_the_command_mends_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = database_from_dump(tmp_path / "older.sqlite", without_feedback_columns=True)
    engine = make_engine(url)
    with pytest.raises(SchemaMismatch, match="catalog db upgrade") as refused:
        create_schema(engine)
    assert "interactions.chat_session_id" in str(refused.value)
    assert "alembic_version" not in inspect(engine).get_table_names()  # nothing changed
    with pytest.raises(SchemaMismatch, match="catalog db upgrade"):  # what the app meets
        open_database(Settings(database_url=url, load_demo_catalog=False))

    assert catalog_cli(["db", "upgrade", "--database-url", url]) == 0
    printed = capsys.readouterr().out
    assert "add column interactions.chat_session_id" in printed
    assert f"revision {HEAD}" in printed
    engine = make_engine(url)
    assert current_revision(engine) == HEAD
    with engine.connect() as connection:
        assert _differences(connection) == []
        assert connection.execute(text("SELECT count(*) FROM interactions")).scalar() == 1
    create_schema(engine)  # the app starts now


def test_differences_that_adding_cannot_mend_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = database_from_dump(tmp_path / "odd.sqlite")
    connection = sqlite3.connect(tmp_path / "odd.sqlite")
    connection.executescript(
        "ALTER TABLE shoppers RENAME TO shoppers_old;"
        "CREATE TABLE shoppers (id INTEGER PRIMARY KEY, handle TEXT, name TEXT, email TEXT);"
    )
    connection.close()
    assert catalog_cli(["db", "upgrade", "--database-url", url]) == 1
    assert "modify type shoppers handle" in capsys.readouterr().err
    assert current_revision(make_engine(url)) is None


def test_catalog_db_upgrade_on_a_new_database(tmp_path: Path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    assert catalog_cli(["db", "upgrade", "--database-url", url]) == 0
    assert capsys.readouterr().out.strip() == f"the database is at revision {HEAD}"


def test_orders_kept_at_revision_0002_take_the_longer_statuses_after_0003(
    catalog_url: str,
) -> None:
    engine = make_engine(catalog_url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0002")
        connection.execute(text("INSERT INTO shoppers (id, handle, name) VALUES (1, 'ann', 'Ann')"))
        connection.execute(
            text(
                "INSERT INTO orders (id, number, shopper_id, status, placed_at) "
                "VALUES (1, '#1', 1, 'DELIVERED', '2026-01-01 00:00:00')"
            )
        )
    create_schema(engine)
    assert current_revision(engine) == HEAD
    with session_factory(engine)() as session:
        order = session.get(Order, 1)
        assert order is not None and order.status is OrderStatus.DELIVERED
        assert order.address is None and order.payments == []
        order.status = OrderStatus.EXCHANGE_REQUESTED  # longer than any status of 0002
        session.commit()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT status FROM orders")).scalar() == (
            "EXCHANGE_REQUESTED"
        )
    engine.dispose()


def test_revision_0003_downgrades_to_0002(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'shop.sqlite'}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
        command.downgrade(alembic_config(connection), "0002")
    tables = set(inspect(engine).get_table_names())
    assert not tables & {"variants", "payment_methods", "order_payments", "order_changes"}
    assert "address" not in {c["name"] for c in inspect(engine).get_columns("orders")}
