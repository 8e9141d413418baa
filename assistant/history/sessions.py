"""Chat sessions in the database: the dialogue events, the messages as shown, the shopper.

A session id is a random token the browser keeps; everything else lives here, so a reload (or
another worker) picks the conversation up where it was. `SessionStore` only stores and loads;
`assistant.history.chat.ChatService` decides what to store.

Several processes may append to one session: an append first marks the session active (a
write that waits for any other append to the session to commit), then numbers its rows, in
one transaction; should another process still take a number meanwhile, the database's
UNIQUE (session_id, position) refuses the append, which reads the numbers again and retries.
So a turn's rows stay together and none is lost. Storage is bounded by `StorageLimits`.
"""

from __future__ import annotations

import typing
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from assistant.dialogue.state import Event
from assistant.facts.cards import ProductCard
from assistant.history.codec import CodecError, decode, encode
from assistant.store.chat_session import SESSION_ID, chat_session, new_session_id
from catalog.db import write
from catalog.models import ChatEvent, ChatMessage, ChatSession, Shopper

EVENT_TYPES: dict[str, type] = {cls.__name__: cls for cls in typing.get_args(Event)}
TURN_MESSAGES = 2  # the shopper's and the assistant's


class UnknownShopper(LookupError):
    """No demo shopper has this handle."""


@dataclass(frozen=True)
class ShopperInfo:
    handle: str
    name: str


@dataclass(frozen=True)
class StorageLimits:
    """How much one session may store: a message's characters (longer ones, which the guard
    refuses, are cut and keep their original length), and its messages and events."""

    message_chars: int = 2000
    messages: int = 2000
    events: int = 10_000


@dataclass(frozen=True)
class StoredMessage:
    """One chat message; `position` numbers every message of the session from 0.

    `original_length` is the length of a message that was cut to the stored limit.
    """

    position: int
    role: str
    text: str
    cards: tuple[ProductCard, ...] = ()
    original_length: int | None = None


def utc_now() -> datetime:
    """Now in UTC, naive, as the database's timestamps are kept (and sessions expire by)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _event(row: ChatEvent) -> Event:
    kind = EVENT_TYPES.get(row.kind)
    if kind is None:
        raise CodecError(
            f"event {row.position} of session {row.session_id}: unknown kind {row.kind!r}"
        )
    return decode(kind, row.data)


class SessionStore:
    """Loads and appends a session's events and messages; each call is one transaction."""

    def __init__(
        self, sessions: sessionmaker[Session], limits: StorageLimits = StorageLimits()
    ) -> None:
        self._sessions = sessions
        self.limits = limits

    def create(self) -> str:
        session_id = new_session_id()
        write(
            self._sessions,
            lambda db: db.add(ChatSession(id=session_id, last_active_at=utc_now())),
        )
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
                    row.original_length,
                )
                for row in rows
            ]

    def is_full(self, session_id: str) -> bool:
        """Whether the session has no room for another turn's two messages, or holds as many
        events as its limits allow (a turn adds a handful, so that cap may be passed by one)."""
        with self._sessions() as db:
            messages, events = (
                db.scalar(select(func.count()).where(model.session_id == session_id)) or 0
                for model in (ChatMessage, ChatEvent)
            )
        return messages + TURN_MESSAGES > self.limits.messages or events >= self.limits.events

    def append(
        self,
        session_id: str,
        events: Sequence[Event],
        messages: Sequence[tuple[str, str, tuple[ProductCard, ...]]],
    ) -> None:
        """Add events and (role, text, cards) messages after the existing ones, together."""
        write(
            self._sessions,
            lambda db: self._append(db, session_id, events, messages),
            retry_also=(IntegrityError,),  # another process took these positions meanwhile
        )

    def _append(
        self,
        db: Session,
        session_id: str,
        events: Sequence[Event],
        messages: Sequence[tuple[str, str, tuple[ProductCard, ...]]],
    ) -> None:
        chat = chat_session(db, session_id)
        chat.last_active_at = utc_now()
        next_event = self._next_position(db, ChatEvent, session_id)
        db.add_all(
            ChatEvent(
                session_id=session_id,
                position=next_event + offset,
                kind=type(event).__name__,
                data=encode(event),
            )
            for offset, event in enumerate(events)
        )
        first = max(self._next_position(db, ChatMessage, session_id), chat.shown_from)
        limit = self.limits.message_chars
        db.add_all(
            ChatMessage(
                session_id=session_id,
                position=first + offset,
                role=role,
                text=text[:limit],
                cards=[encode(card) for card in cards],
                original_length=len(text) if len(text) > limit else None,
            )
            for offset, (role, text, cards) in enumerate(messages)
        )

    def hide_messages(self, session_id: str) -> None:
        """Start over on screen: later loads show only messages added from now on."""

        def hide(db: Session) -> None:
            chat = chat_session(db, session_id)
            chat.shown_from = max(self._next_position(db, ChatMessage, session_id), chat.shown_from)

        write(self._sessions, hide)

    def forget_hidden(self, session_id: str) -> None:
        """Delete the hidden messages and every event (after a start over, to make room);
        later messages keep counting on from the hidden ones' positions."""

        def forget(db: Session) -> None:
            chat = chat_session(db, session_id)
            db.execute(
                delete(ChatMessage).where(
                    ChatMessage.session_id == session_id, ChatMessage.position < chat.shown_from
                )
            )
            db.execute(delete(ChatEvent).where(ChatEvent.session_id == session_id))

        write(self._sessions, forget)

    def shopper(self, session_id: str) -> ShopperInfo | None:
        with self._sessions() as db:
            shopper = chat_session(db, session_id).shopper
            return ShopperInfo(shopper.handle, shopper.name) if shopper else None

    def set_shopper(self, session_id: str, handle: str | None) -> ShopperInfo | None:
        """Sign the session in as a demo shopper (`None` signs out)."""

        def sign_in(db: Session) -> ShopperInfo | None:
            chat = chat_session(db, session_id)
            if handle is None:
                chat.shopper_id = None
                return None
            shopper = db.scalar(select(Shopper).where(Shopper.handle == handle))
            if shopper is None:
                raise UnknownShopper(handle)
            chat.shopper_id = shopper.id
            return ShopperInfo(shopper.handle, shopper.name)

        return write(self._sessions, sign_in)

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
