"""Several app processes on one database serve the same session: no turn is lost, duplicated or
interleaved with another, on a SQLite file (WAL) and on PostgreSQL.

Each process runs real `ChatService` turns (replay the stored events, answer, store) with an
assistant that echoes, so every stored row says which process and turn wrote it.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from assistant.dialogue.state import ShopperSaid
from assistant.history.chat import ChatService
from assistant.history.sessions import SessionStore
from catalog.db import create_schema, make_engine, session_factory, write
from catalog.models import ChatEvent, ChatMessage
from evaluation.fakes import EchoAssistant

PROCESSES = 2
TURNS_EACH = 500  # 1,000 turns on one session in all


def take_turns(url: str, session_id: str, worker: int, start: multiprocessing.Barrier) -> None:
    """One app process: its own engine and services, `TURNS_EACH` turns on the session."""
    chat = ChatService(EchoAssistant(), SessionStore(session_factory(make_engine(url))))
    start.wait()
    for turn in range(TURNS_EACH):
        *_, last = chat.send(session_id, f"w{worker} t{turn}")
        assert last.text == f"echo w{worker} t{turn}"


def test_two_processes_share_a_session_without_losing_or_interleaving_turns(
    catalog_url: str,
) -> None:
    engine = make_engine(catalog_url)
    create_schema(engine)
    sessions = session_factory(engine)
    session_id = SessionStore(sessions).create()
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(PROCESSES)
    workers = [
        context.Process(target=take_turns, args=(catalog_url, session_id, n, start))
        for n in range(PROCESSES)
    ]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=600)
    assert [p.exitcode for p in workers] == [0] * PROCESSES

    with sessions() as db:
        events = db.scalars(
            select(ChatEvent).where(ChatEvent.session_id == session_id).order_by(ChatEvent.position)
        ).all()
        messages = db.scalars(
            select(ChatMessage)
            .where(ChatMessage.session_id == session_id)
            .order_by(ChatMessage.position)
        ).all()
    turns = PROCESSES * TURNS_EACH
    assert [e.position for e in events] == list(range(2 * turns))
    assert [m.position for m in messages] == list(range(2 * turns))
    said = [e.data["text"] for e in events]
    shown = [m.text for m in messages]
    assert said == shown  # events and messages tell the same story, turn by turn
    # Each turn's two rows are together: the message, then its echo.
    asked, answered = said[0::2], said[1::2]
    assert answered == [f"echo {words}" for words in asked]
    assert [e.kind for e in events[0::2]] == ["ShopperSaid"] * turns
    # Every turn of every process is there once, in the order that process took them.
    for worker in range(PROCESSES):
        mine = [words for words in asked if words.startswith(f"w{worker} ")]
        assert mine == [f"w{worker} t{turn}" for turn in range(TURNS_EACH)]
    engine.dispose()


def test_an_append_that_loses_the_race_for_its_positions_retries_after_the_winner(
    sessions, monkeypatch
) -> None:
    store = SessionStore(sessions)
    session_id = store.create()
    store.append(session_id, [ShopperSaid("first")], [("user", "first", ())])
    original = SessionStore._next_position
    stale = [0, 0]  # the first attempt reads the positions as they were before "first"

    def next_position(db, model, sid):  # type: ignore[no-untyped-def]
        return stale.pop() if stale else original(db, model, sid)

    monkeypatch.setattr(SessionStore, "_next_position", staticmethod(next_position))
    store.append(session_id, [ShopperSaid("second")], [("user", "second", ())])

    assert store.events(session_id) == [ShopperSaid("first"), ShopperSaid("second")]
    assert [(m.position, m.text) for m in store.messages(session_id)] == [
        (0, "first"),
        (1, "second"),
    ]


def test_a_write_waits_out_a_locked_database_and_gives_up_after_its_attempts(sessions) -> None:
    calls: list[int] = []

    def locked_twice(db) -> str:  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) <= 2:
            raise OperationalError("INSERT", {}, Exception("database is locked"))
        return str(db.execute(text("SELECT 'written'")).scalar())

    assert write(sessions, locked_twice) == "written" and len(calls) == 3

    def always_conflicting(_db) -> None:  # type: ignore[no-untyped-def]
        calls.append(1)
        raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed"))

    calls.clear()
    with pytest.raises(IntegrityError):
        write(sessions, always_conflicting, retry_also=(IntegrityError,), attempts=3)
    assert len(calls) == 3
    calls.clear()
    with pytest.raises(IntegrityError):  # not a transient error unless the caller says so
        write(sessions, always_conflicting)
    assert len(calls) == 1


def test_a_sqlite_file_runs_in_wal_mode_with_a_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'shop.sqlite'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with make_engine("sqlite://").connect() as connection:  # in memory: no WAL to have
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "memory"
