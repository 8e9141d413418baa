"""Chat turns for a stored session: replay its events, run the turn, store what happened.

`ChatService` is what every front end (the Gradio page, the HTTP API and so the widget) calls.
It rebuilds the conversation from the session's events in the database, streams the
assistant's `TurnUpdate`s, and when the turn ends (or fails, or the client goes away) stores
the new events and both messages as the shopper saw them. One turn at a time per session.

A session that holds as many messages or events as `StorageLimits` allow gets no more turns:
the reply (not stored) asks the shopper to start over, and starting over a full session
deletes its hidden messages and its events; the cart, the shopper and thumbs stay.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Iterator

from assistant.dialogue.reply_language import reply_language
from assistant.dialogue.state import Conversation, StartedOver
from assistant.dialogue.turns import Assistant, TurnUpdate
from assistant.history.sessions import SessionStore, ShopperInfo, StoredMessage
from assistant.store.chat_session import UnknownSession
from assistant.translation.speaking import N_, _, speaking

log = logging.getLogger(__name__)

SORRY = N_("Sorry, something went wrong on our side — please try again.")
BUSY = N_(
    "I'm still answering your previous message in another window. Please try again in a moment."
)
FULL = N_(
    "Our conversation has grown too long for me to keep track of. Please press Start over "
    "to carry on; your cart stays as it is."
)


class ChatService:
    """Sessions, their shopper, turns and "start over", backed by a `SessionStore`."""

    def __init__(
        self, assistant: Assistant[Conversation], store: SessionStore, busy_timeout_s: float = 60.0
    ) -> None:
        self._assistant = assistant
        self._store = store
        self._busy_timeout_s = busy_timeout_s
        self._locks: weakref.WeakValueDictionary[str, threading.Lock] = (
            weakref.WeakValueDictionary()
        )
        self._locks_guard = threading.Lock()

    def open(self, session_id: str | None) -> tuple[str, bool]:
        """(session id, resumed): the given session when it exists, otherwise a new one."""
        if session_id and self._store.exists(session_id):
            return session_id, True
        return self._store.create(), False

    def require(self, session_id: str) -> None:
        """`UnknownSession` unless the session exists."""
        if not self._store.exists(session_id):
            raise UnknownSession(session_id)

    def messages(self, session_id: str) -> list[StoredMessage]:
        return self._store.messages(session_id)

    def shopper(self, session_id: str) -> ShopperInfo | None:
        """The demo shopper the session is signed in as, if any."""
        return self._store.shopper(session_id)

    def set_shopper(self, session_id: str, handle: str | None) -> ShopperInfo | None:
        """Sign the session in as a demo shopper (`None` signs out)."""
        return self._store.set_shopper(session_id, handle)

    def demo_shoppers(self) -> list[ShopperInfo]:
        """The demo shoppers a session may sign in as."""
        return self._store.demo_shoppers()

    def send(self, session_id: str, text: str) -> Iterator[TurnUpdate]:
        """Stream one turn; its events and messages are stored however the stream ends."""
        lock = self._lock(session_id)
        if not lock.acquire(timeout=self._busy_timeout_s):
            yield TurnUpdate((), said_in(text, BUSY), True)
            return
        try:
            if self._store.is_full(session_id):
                yield TurnUpdate((), said_in(text, FULL), True)
                return
            yield from self._turn(session_id, text)
        finally:
            lock.release()

    def start_over(self, session_id: str) -> None:
        """Forget the request and hide the messages so far; the cart and shopper stay."""
        with self._lock(session_id):
            full = self._store.is_full(session_id)
            self._store.hide_messages(session_id)
            if full:
                self._store.forget_hidden(session_id)
            self._store.append(session_id, [StartedOver()], [])

    def _turn(self, session_id: str, text: str) -> Iterator[TurnUpdate]:
        conversation = Conversation.replay(self._store.events(session_id), session_id)
        known = len(conversation.events)
        shown = TurnUpdate((), "", False)
        updates = self._assistant.respond(conversation, text)
        try:
            for update in updates:
                shown = update
                yield update
            if not (shown.cards or shown.text.strip()):
                raise RuntimeError("the assistant finished a turn without cards or text")
        except Exception:
            log.exception("The assistant failed to answer a message of %d characters", len(text))
            shown = TurnUpdate(shown.cards, said_in(text, SORRY), True)
            yield shown
        finally:
            close = getattr(updates, "close", None)
            if close is not None:
                close()
            answer = [("assistant", shown.text, shown.cards)] if shown.cards or shown.text else []
            self._store.append(
                session_id, conversation.events[known:], [("user", text, ()), *answer]
            )

    def _lock(self, session_id: str) -> threading.Lock:
        with self._locks_guard:
            lock = self._locks.get(session_id)
            if lock is None:
                lock = threading.Lock()
                self._locks[session_id] = lock
            return lock


def said_in(message: str, sentence: str) -> str:
    """One of the chat's own sentences in the language of the shopper's `message`."""
    with speaking(reply_language([message])):
        return _(sentence)
