"""Thumbs up or down and clicks from the chat, stored as interactions.

A thumb on an assistant message or on one product card becomes an `Interaction` (LIKE or
DISLIKE) carrying the chat session, the message position or the product, and the session's
demo shopper when one is signed in (identity comes from the session, never from the text).
A click on a card's name or picture is a CLICK on the product, stored the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.store.chat_session import chat_session
from catalog.db import write
from catalog.models import ChatMessage, Interaction, InteractionKind, Product


@dataclass(frozen=True)
class GivenFeedback:
    """A session's latest thumb on each message (by position) and product (by id)."""

    messages: dict[int, bool] = field(default_factory=dict)
    products: dict[int, bool] = field(default_factory=dict)


class FeedbackError(ValueError):
    """Feedback about something that is not there; `str(error)` is written for the shopper."""


class FeedbackRecorder:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def given(self, session_id: str) -> GivenFeedback:
        """What the session's thumbs show now: the latest choice on each target."""
        given = GivenFeedback()
        with self._sessions() as db:
            rows = db.execute(
                select(Interaction.message_position, Interaction.product_id, Interaction.kind)
                .where(
                    Interaction.chat_session_id == session_id,
                    Interaction.kind.in_((InteractionKind.LIKE, InteractionKind.DISLIKE)),
                )
                .order_by(Interaction.id)
            )
            for position, product_id, kind in rows:
                liked = kind == InteractionKind.LIKE
                if position is not None:
                    given.messages[position] = liked
                elif product_id is not None:
                    given.products[product_id] = liked
        return given

    def on_message(self, session_id: str, position: int, liked: bool) -> None:
        """Thumb on the assistant message at `position` of the session."""

        def rate(db: Session) -> None:
            chat = chat_session(db, session_id)
            role = db.scalar(
                select(ChatMessage.role).where(
                    ChatMessage.session_id == session_id, ChatMessage.position == position
                )
            )
            if role != "assistant":
                raise FeedbackError("That message can't be rated.")
            db.add(
                Interaction(
                    shopper_id=chat.shopper_id,
                    kind=_kind(liked),
                    chat_session_id=session_id,
                    message_position=position,
                )
            )

        write(self._sessions, rate)

    def on_product(self, session_id: str, product_id: int, liked: bool) -> None:
        """Thumb on a product card."""
        self._on_product(session_id, product_id, _kind(liked))

    def on_click(self, session_id: str, product_id: int) -> None:
        """Click on a product card's name or picture."""
        self._on_product(session_id, product_id, InteractionKind.CLICK)

    def _on_product(self, session_id: str, product_id: int, kind: InteractionKind) -> None:
        def record(db: Session) -> None:
            chat = chat_session(db, session_id)
            if db.get(Product, product_id) is None:
                raise FeedbackError("That product is no longer in the shop.")
            db.add(
                Interaction(
                    shopper_id=chat.shopper_id,
                    product_id=product_id,
                    kind=kind,
                    chat_session_id=session_id,
                )
            )

        write(self._sessions, record)


def _kind(liked: bool) -> InteractionKind:
    return InteractionKind.LIKE if liked else InteractionKind.DISLIKE
