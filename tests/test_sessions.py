"""Chat sessions in the database: events and messages survive, sessions stay apart, feedback."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import select

from assistant.dialogue.state import Conversation, ResultsShown, ShopperSaid
from assistant.dialogue.turns import TurnUpdate
from assistant.facts.cards import ProductCard
from assistant.history.chat import SORRY, ChatService
from assistant.history.codec import CodecError, decode, encode
from assistant.history.sessions import SessionStore, UnknownShopper
from assistant.store.chat_session import UnknownSession
from assistant.store.feedback import FeedbackError, FeedbackRecorder
from catalog.models import Interaction, InteractionKind
from catalog.request import SearchRequest
from tests.conftest import Harness


def test_codec_round_trips_nested_frozen_dataclasses() -> None:
    request = SearchRequest(
        category="Shoes > Running",
        price_max=Decimal("99.50"),
        colours=("black",),
        in_stock_only=False,
    )
    assert decode(SearchRequest, encode(request)) == request
    shown = ResultsShown((3, 4), (Decimal("1.10"), Decimal("20")))
    assert decode(ResultsShown, encode(shown)) == shown


@pytest.mark.parametrize("data", [
    {"text": 5}, {"words": "x"}, {}, ["text"],
])  # fmt: skip
def test_codec_refuses_data_that_does_not_fit(data) -> None:
    with pytest.raises(CodecError):
        decode(ShopperSaid, data)


@pytest.fixture
def chat(demo_sessions) -> ChatService:
    return ChatService(Harness(demo_sessions).manager, SessionStore(demo_sessions))


def run(chat: ChatService, session_id: str, text: str) -> TurnUpdate:
    *_, last = chat.send(session_id, text)
    return last


def test_a_conversation_resumes_from_the_database(chat, demo_sessions) -> None:
    session_id, resumed = chat.open(None)
    assert not resumed
    first = run(chat, session_id, "running shoes for men under $100")
    assert first.cards

    # A new process (a reload, another worker) sees the same conversation and continues it.
    again = ChatService(Harness(demo_sessions).manager, SessionStore(demo_sessions))
    assert again.open(session_id) == (session_id, True)
    shown = again.messages(session_id)
    assert [(m.role, m.position) for m in shown] == [("user", 0), ("assistant", 1)]
    assert shown[1].cards == first.cards and shown[1].text == first.text
    black = run(again, session_id, "in black")
    assert black.cards and all(c.price <= 100 for c in black.cards)  # the budget carried over


def test_two_sessions_never_share_a_conversation(chat) -> None:
    shoes, _ = chat.open(None)
    lamps, _ = chat.open(None)
    run(chat, shoes, "running shoes for men under $100")
    run(chat, lamps, "a desk lamp")
    assert [m.text for m in chat.messages(shoes) if m.role == "user"] == [
        "running shoes for men under $100"
    ]
    assert [m.text for m in chat.messages(lamps) if m.role == "user"] == ["a desk lamp"]


def test_unknown_or_malformed_ids_start_a_new_session(chat) -> None:
    for bad in ("", "nope", "x" * 30, "../../etc/passwd"):
        session_id, resumed = chat.open(bad)
        assert not resumed and session_id != bad
    with pytest.raises(UnknownSession):
        chat.messages("x" * 30)
    with pytest.raises(UnknownSession):
        chat.require("x" * 30)


def test_start_over_hides_messages_and_forgets_the_request(chat, demo_sessions) -> None:
    store = SessionStore(demo_sessions)
    session_id, _ = chat.open(None)
    run(chat, session_id, "running shoes for men under $100")
    assert Conversation.replay(store.events(session_id)).state.request is not None
    chat.start_over(session_id)
    assert chat.messages(session_id) == []
    assert Conversation.replay(store.events(session_id)).state.request is None
    run(chat, session_id, "a desk lamp")
    assert [m.position for m in chat.messages(session_id)] == [2, 3]


class Failing:
    """An assistant that shows cards and then breaks."""

    def new_conversation(self):
        raise AssertionError("ChatService replays stored events instead")

    def respond(self, conversation, message: str) -> Iterator[TurnUpdate]:
        card = ProductCard(1, "S", "Tee", None, Decimal("5"), "USD", None, 0, 3, None, "")
        yield TurnUpdate((card,), "", False)
        raise RuntimeError("database is down")


def test_a_failed_turn_is_stored_as_the_apology_the_shopper_saw(demo_sessions, caplog) -> None:
    chat = ChatService(Failing(), SessionStore(demo_sessions))
    session_id, _ = chat.open(None)
    last = run(chat, session_id, "tee")
    assert last.text == SORRY and "database is down" in caplog.text
    assert [(m.role, m.text) for m in chat.messages(session_id)] == [
        ("user", "tee"),
        ("assistant", SORRY),
    ]


def test_thumbs_are_interactions_with_the_sessions_shopper(chat, demo_sessions) -> None:
    feedback = FeedbackRecorder(demo_sessions)
    session_id, _ = chat.open(None)
    reply = run(chat, session_id, "running shoes for men under $100")
    [shopper, *_] = chat.demo_shoppers()
    assert chat.set_shopper(session_id, shopper.handle) == shopper
    assert chat.shopper(session_id) == shopper
    feedback.on_message(session_id, 1, liked=True)
    feedback.on_product(session_id, reply.cards[0].product_id, liked=False)
    assert chat.set_shopper(session_id, None) is None
    assert chat.shopper(session_id) is None
    feedback.on_product(session_id, reply.cards[1].product_id, liked=True)

    with demo_sessions() as db:
        rows = db.scalars(
            select(Interaction)
            .where(Interaction.chat_session_id == session_id)
            .order_by(Interaction.id)
        ).all()
    assert [(r.kind, r.message_position, r.product_id) for r in rows] == [
        (InteractionKind.LIKE, 1, None),
        (InteractionKind.DISLIKE, None, reply.cards[0].product_id),
        (InteractionKind.LIKE, None, reply.cards[1].product_id),
    ]
    assert rows[0].shopper_id == rows[1].shopper_id is not None and rows[2].shopper_id is None


def test_feedback_on_nothing_is_refused(chat, demo_sessions) -> None:
    feedback = FeedbackRecorder(demo_sessions)
    session_id, _ = chat.open(None)
    run(chat, session_id, "hello")
    with pytest.raises(FeedbackError):
        feedback.on_message(session_id, 0, liked=True)  # the shopper's own message
    with pytest.raises(FeedbackError):
        feedback.on_message(session_id, 7, liked=True)
    with pytest.raises(FeedbackError):
        feedback.on_product(session_id, 10**6, liked=True)
    with pytest.raises(UnknownShopper):
        chat.set_shopper(session_id, "nobody")


def test_a_turn_left_mid_stream_stores_what_was_shown(chat) -> None:
    session_id, _ = chat.open(None)
    turn = chat.send(session_id, "running shoes for men under $100")
    cards_only = next(turn)  # the cards are on screen when the browser goes away
    turn.close()
    user, answer = chat.messages(session_id)
    assert (user.role, answer.role) == ("user", "assistant")
    assert answer.cards == cards_only.cards and answer.text == cards_only.text


class Silent:
    """An assistant whose first update shows nothing yet."""

    def new_conversation(self):
        raise AssertionError("ChatService replays stored events instead")

    def respond(self, conversation, message: str) -> Iterator[TurnUpdate]:
        yield TurnUpdate((), "", False)
        yield TurnUpdate((), "Hello!", True)


def test_a_turn_left_before_anything_was_shown_stores_only_the_message(demo_sessions) -> None:
    chat = ChatService(Silent(), SessionStore(demo_sessions))
    session_id, _ = chat.open(None)
    turn = chat.send(session_id, "hi")
    next(turn)
    turn.close()
    assert [(m.role, m.text) for m in chat.messages(session_id)] == [("user", "hi")]


def test_the_latest_thumb_on_each_target_is_what_shows(chat, demo_sessions) -> None:
    feedback = FeedbackRecorder(demo_sessions)
    session_id, _ = chat.open(None)
    reply = run(chat, session_id, "running shoes for men under $100")
    first, second = (card.product_id for card in reply.cards[:2])
    feedback.on_product(session_id, first, liked=True)
    feedback.on_product(session_id, first, liked=False)  # changed their mind
    feedback.on_product(session_id, second, liked=True)
    feedback.on_message(session_id, 1, liked=True)
    given = feedback.given(session_id)
    assert given.products == {first: False, second: True} and given.messages == {1: True}
    assert feedback.given(chat.open(None)[0]).products == {}


def test_the_apology_is_in_the_language_of_the_message(demo_sessions) -> None:
    chat = ChatService(Failing(), SessionStore(demo_sessions))
    session_id, _ = chat.open(None)
    assert run(chat, session_id, "我想买跑鞋").text == "抱歉，我们这边出了点问题，请再试一次。"  # noqa: RUF001
    assert run(chat, session_id, "busco zapatillas").text.startswith("Lo siento, algo ha fallado")
