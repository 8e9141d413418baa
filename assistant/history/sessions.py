"""Chat sessions in the database: the dialogue events, the messages as shown, the shopper.

A session id is a random token the browser keeps; everything else lives here, so a reload (or
another worker) picks the conversation up where it was. `SessionStore` only stores and loads;
`assistant.history.chat.ChatService` decides what to store.
"""

from __future__ import annotations

import typing
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from assistant.dialogue.state import Event
from assistant.facts.cards import ProductCard
from assistant.history.codec import CodecError, decode, encode
from assistant.store.chat_session import SESSION_ID, chat_session, new_session_id
from catalog.models import ChatEvent, ChatMessage, ChatSession, Shopper

EVENT_TYPES: dict[str, type] = {cls.__name__: cls for cls in typing.get_args(Event)}


class UnknownShopper(LookupError):
    """No demo shopper has this handle."""


@dataclass(frozen=True)
class ShopperInfo:
    handle: str
    name: str


@dataclass(frozen=True)
class StoredMessage:
    """One chat message; `position` numbers every message of the session from 0."""

    position: int
    role: str
    text: str
    cards: tuple[ProductCard, ...] = ()


def _event(row: ChatEvent) -> Event:
    kind = EVENT_TYPES.get(row.kind)
    if kind is None:
        raise CodecError(
            f"event {row.position} of session {row.session_id}: unknown kind {row.kind!r}"
        )
    return decode(kind, row.data)


class SessionStore:
    """Loads and appends a session's events and messages; each call is one transaction."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def create(self) -> str:
        session_id = new_session_id()
        with self._sessions.begin() as db:
            db.add(ChatSession(id=session_id))
        return session_id

    def exists(self, session_id: str) -> bool:
        if not SESSION_ID.fullmatch(session_id or ""):
            return False
        with self._sessions() as db:
            return db.get(ChatSession, session_id) is not None

    def events(self, session_id: str) -> list[Event]:
        with self._sessions() as db:
            chat_session(db, session_id)
            rows = db.scalars(
                select(ChatEvent)
                .where(ChatEvent.session_id == session_id)
                .order_by(ChatEvent.position)
            )
            return [_event(row) for row in rows]

    def messages(self, session_id: str) -> list[StoredMessage]:
        """The messages shown since the last "start over", oldest first."""
        with self._sessions() as db:
            chat = chat_session(db, session_id)
            rows = db.scalars(
                select(ChatMessage)
                .where(
                    ChatMessage.session_id == session_id,
                    ChatMessage.position >= chat.shown_from,
                )
                .order_by(ChatMessage.position)
            )
            return [
                StoredMessage(
                    row.position,
                    row.role,
                    row.text,
                    tuple(decode(ProductCard, c) for c in row.cards),
                )
                for row in rows
            ]

    def append(
        self,
        session_id: str,
        events: Sequence[Event],
        messages: Sequence[tuple[str, str, tuple[ProductCard, ...]]],
    ) -> None:
        """Add events and (role, text, cards) messages after the existing ones."""
        with self._sessions.begin() as db:
            chat_session(db, session_id)
            next_event = self._next_position(db, ChatEvent, session_id)
            for offset, event in enumerate(events):
                db.add(
                    ChatEvent(
                        session_id=session_id,
                        position=next_event + offset,
                        kind=type(event).__name__,
                        data=encode(event),
                    )
                )
            first = self._next_position(db, ChatMessage, session_id)
            for offset, (role, text, cards) in enumerate(messages):
                db.add(
                    ChatMessage(
                        session_id=session_id,
                        position=first + offset,
                        role=role,
                        text=text,
                        cards=[encode(card) for card in cards],
                    )
                )

    def hide_messages(self, session_id: str) -> None:
        """Start over on screen: later loads show only messages added from now on."""
        with self._sessions.begin() as db:
            chat = chat_session(db, session_id)
            chat.shown_from = self._next_position(db, ChatMessage, session_id)

    def shopper(self, session_id: str) -> ShopperInfo | None:
        with self._sessions() as db:
            shopper = chat_session(db, session_id).shopper
            return ShopperInfo(shopper.handle, shopper.name) if shopper else None

    def set_shopper(self, session_id: str, handle: str | None) -> ShopperInfo | None:
        """Sign the session in as a demo shopper (`None` signs out)."""
        with self._sessions.begin() as db:
            chat = chat_session(db, session_id)
            if handle is None:
                chat.shopper_id = None
                return None
            shopper = db.scalar(select(Shopper).where(Shopper.handle == handle))
            if shopper is None:
                raise UnknownShopper(handle)
            chat.shopper_id = shopper.id
            return ShopperInfo(shopper.handle, shopper.name)

    def demo_shoppers(self) -> list[ShopperInfo]:
        with self._sessions() as db:
            return [
                ShopperInfo(s.handle, s.name)
                for s in db.scalars(select(Shopper).order_by(Shopper.name))
            ]

    @staticmethod
    def _next_position(
        db: Session, model: type[ChatEvent] | type[ChatMessage], session_id: str
    ) -> int:
        last = db.scalar(select(func.max(model.position)).where(model.session_id == session_id))
        return 0 if last is None else last + 1
