"""Bounded storage: refused over-long messages are stored cut, a session holds a capped number
of messages and events, and old anonymous sessions expire."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from assistant.app.settings import Settings
from assistant.app.wiring import open_database
from assistant.dialogue.state import ShopperSaid, StartedOver
from assistant.history.chat import FULL, ChatService
from assistant.history.sessions import SessionStore, StorageLimits
from catalog.cli import main as catalog_cli
from catalog.models import (
    CartLine,
    ChatEvent,
    ChatMessage,
    ChatSession,
    Interaction,
    InteractionKind,
    Product,
    Shopper,
)
from catalog.retention import expire_anonymous_sessions
from evaluation.fakes import EchoAssistant
from tests.conftest import Harness


def say(chat: ChatService, session_id: str, text: str) -> str:
    *_, last = chat.send(session_id, text)
    return last.text


def test_a_refused_over_long_message_is_stored_cut_with_its_length(demo_sessions) -> None:
    limits = StorageLimits(message_chars=2000)
    chat = ChatService(Harness(demo_sessions).manager, SessionStore(demo_sessions, limits))
    session_id, _ = chat.open(None)
    for length in (2000, 2001, 400_000):
        reply = say(chat, session_id, "a" * length)
        assert ("characters long" in reply) == (length > 2000)  # the guard's refusal
    stored = [m for m in chat.messages(session_id) if m.role == "user"]
    assert [(len(m.text), m.original_length) for m in stored] == [
        (2000, None),
        (2000, 2001),
        (2000, 400_000),
    ]
    with demo_sessions() as db:
        total = db.scalar(
            select(func.sum(func.length(ChatMessage.text))).where(
                ChatMessage.session_id == session_id
            )
        )
    assert total < 20_000  # the 400,000 characters are not in the database


def test_a_full_session_asks_to_start_over_and_starting_over_makes_room(sessions) -> None:
    store = SessionStore(sessions, StorageLimits(messages=6, events=1000))
    chat = ChatService(EchoAssistant(), store)
    session_id, _ = chat.open(None)
    for turn in range(3):
        assert say(chat, session_id, f"t{turn}") == f"echo t{turn}"
    assert say(chat, session_id, "one more") == FULL
    assert len(chat.messages(session_id)) == 6  # the refused turn was not stored
    assert len(store.events(session_id)) == 6

    chat.start_over(session_id)
    assert chat.messages(session_id) == []
    assert store.events(session_id) == [StartedOver()]
    assert say(chat, session_id, "again") == "echo again"
    # Positions go on from the deleted messages', so thumbs given earlier point nowhere new.
    assert [(m.position, m.text) for m in chat.messages(session_id)] == [
        (6, "again"),
        (7, "echo again"),
    ]
    with sessions() as db:
        stored = db.scalar(select(func.count()).where(ChatMessage.session_id == session_id))
    assert stored == 2


def test_the_event_cap_also_fills_a_session(sessions) -> None:
    store = SessionStore(sessions, StorageLimits(messages=1000, events=4))
    chat = ChatService(EchoAssistant(), store)
    session_id, _ = chat.open(None)
    say(chat, session_id, "t0")
    say(chat, session_id, "t1")
    assert say(chat, session_id, "t2") == FULL
    assert len(store.events(session_id)) == 4


def test_starting_over_a_session_that_is_not_full_keeps_its_history(sessions) -> None:
    store = SessionStore(sessions, StorageLimits(messages=100))
    chat = ChatService(EchoAssistant(), store)
    session_id, _ = chat.open(None)
    say(chat, session_id, "t0")
    chat.start_over(session_id)
    assert chat.messages(session_id) == []
    assert len(store.events(session_id)) == 3  # the turn's two events and StartedOver
    with sessions() as db:
        assert db.scalar(select(func.count()).where(ChatMessage.session_id == session_id)) == 2


def make_sessions(sessions, idle_days: dict[str, float]) -> dict[str, str]:
    """Sessions by name, each last active `idle_days[name]` days ago."""
    store = SessionStore(sessions)
    ids = {name: store.create() for name in idle_days}
    for name, session_id in ids.items():
        store.append(session_id, [ShopperSaid(name)], [("user", name, ())])
    now = datetime.now(UTC).replace(tzinfo=None)
    with sessions.begin() as db:
        for name, days in idle_days.items():
            db.execute(
                update(ChatSession)
                .where(ChatSession.id == ids[name])
                .values(last_active_at=now - timedelta(days=days))
            )
    return ids


def test_old_anonymous_sessions_expire_and_the_rest_stay(sessions) -> None:
    names = ("old guest", "recent guest", "old shopper", "old cart", "old thumbs")
    ids = make_sessions(sessions, {name: 0 if "recent" in name else 40 for name in names})
    with sessions.begin() as db:
        shopper = Shopper(handle="sam", name="Sam")
        product = Product(sku="P1", name="Mug", category="Kitchen", price=Decimal("5"))
        db.add_all([shopper, product])
        db.flush()
        db.get(ChatSession, ids["old shopper"]).shopper_id = shopper.id  # type: ignore[union-attr]
        db.add(CartLine(session_id=ids["old cart"], product_id=product.id, quantity=1))
        db.add(
            Interaction(
                product_id=product.id, kind=InteractionKind.LIKE, chat_session_id=ids["old thumbs"]
            )
        )

    assert expire_anonymous_sessions(sessions, timedelta(days=30)) == 2

    with sessions() as db:
        left = set(db.scalars(select(ChatSession.id)))
        orphans = [
            db.scalar(select(func.count()).where(model.session_id.not_in(left)))
            for model in (ChatEvent, ChatMessage)
        ]
        thumb = db.scalar(select(Interaction))
    assert left == {ids["recent guest"], ids["old shopper"], ids["old cart"]}
    assert orphans == [0, 0]
    assert thumb is not None and thumb.chat_session_id is None  # the thumb stays, unlinked
    assert expire_anonymous_sessions(sessions, timedelta(days=30)) == 0


def test_a_turn_keeps_a_session_alive(sessions) -> None:
    ids = make_sessions(sessions, {"guest": 40})
    chat = ChatService(EchoAssistant(), SessionStore(sessions))
    say(chat, ids["guest"], "still here")
    assert expire_anonymous_sessions(sessions, timedelta(days=30)) == 0
    in_a_month = datetime.now(UTC) + timedelta(days=31)
    assert expire_anonymous_sessions(sessions, timedelta(days=30), now=in_a_month) == 1


def test_start_up_and_catalog_db_prune_expire_sessions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'shop.sqlite'}"
    settings = Settings(database_url=url, anonymous_session_days=30, load_demo_catalog=False)
    sessions = open_database(settings)
    make_sessions(sessions, {"a": 40, "b": 20, "c": 5})

    open_database(settings)  # a restart
    with sessions() as db:
        assert db.scalar(select(func.count()).select_from(ChatSession)) == 2

    assert catalog_cli(["db", "prune", "--days", "10", "--database-url", url]) == 0
    assert "deleted 1 anonymous chat sessions idle for over 10 days" in capsys.readouterr().out
    with sessions() as db:
        assert db.scalar(select(func.count()).select_from(ChatSession)) == 1
