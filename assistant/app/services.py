"""The services every front end works with: chat turns of stored sessions, carts, feedback."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from assistant.app.identity import SignIn
from assistant.app.turn_executor import TurnExecutor
from assistant.dialogue.state import Conversation
from assistant.dialogue.turns import Assistant
from assistant.history.chat import ChatService
from assistant.history.sessions import SessionStore, StorageLimits
from assistant.store.cart import CartService
from assistant.store.feedback import FeedbackRecorder


@dataclass(frozen=True)
class Services:
    """What the chat page and the HTTP API work with."""

    chat: ChatService
    cart: CartService
    feedback: FeedbackRecorder
    sign_in: SignIn = field(default_factory=SignIn)
    turns: TurnExecutor = field(default_factory=TurnExecutor)  # where turns run, their deadline

    @classmethod
    def over(
        cls,
        assistant: Assistant[Conversation],
        sessions: sessionmaker[Session],
        sign_in: SignIn | None = None,
        limits: StorageLimits | None = None,
        turns: TurnExecutor | None = None,
    ) -> Services:
        """`assistant`'s services; sessions, carts and feedback live in `sessions`' database."""
        return cls(
            ChatService(assistant, SessionStore(sessions, limits or StorageLimits())),
            CartService(sessions),
            FeedbackRecorder(sessions),
            sign_in or SignIn(),
            turns or TurnExecutor(),
        )
