"""The services every front end works with: chat turns of stored sessions, carts, feedback."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from assistant.dialogue.state import Conversation
from assistant.dialogue.turns import Assistant
from assistant.history.chat import ChatService
from assistant.history.sessions import SessionStore
from assistant.store.cart import CartService
from assistant.store.feedback import FeedbackRecorder


@dataclass(frozen=True)
class Services:
    """What the chat page and the HTTP API work with."""

    chat: ChatService
    cart: CartService
    feedback: FeedbackRecorder

    @classmethod
    def over(cls, assistant: Assistant[Conversation], sessions: sessionmaker[Session]) -> Services:
        """`assistant`'s services; sessions, carts and feedback live in `sessions`' database."""
        return cls(
            ChatService(assistant, SessionStore(sessions)),
            CartService(sessions),
            FeedbackRecorder(sessions),
        )
