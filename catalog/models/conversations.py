"""The assistant's records: chat sessions, their events and messages, and their carts.

They live in the store's database beside the catalog because interactions, carts and orders
point at them (and they at shoppers and products).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalog.models.base import Base
from catalog.models.customers import Shopper
from catalog.models.products import Product


class ChatSession(Base):
    """One browser's conversation with the assistant; its id is kept in the browser."""

    __tablename__ = "chat_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    shopper_id: Mapped[int | None] = mapped_column(ForeignKey("shoppers.id"))
    shown_from: Mapped[int] = mapped_column(default=0)  # first message shown after "start over"
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    last_active_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    shopper: Mapped[Shopper | None] = relationship()


class ChatEvent(Base):
    """One dialogue event (assistant.dialogue.state), JSON-encoded, in the order it happened."""

    __tablename__ = "chat_events"
    __table_args__ = (UniqueConstraint("session_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id"), index=True)
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class ChatMessage(Base):
    """A message as the shopper saw it: the words and, for the assistant, the cards shown."""

    __tablename__ = "chat_messages"
    __table_args__ = (UniqueConstraint("session_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id"), index=True)
    position: Mapped[int]
    role: Mapped[str] = mapped_column(String(10))  # user / assistant
    text: Mapped[str] = mapped_column(Text)
    cards: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    original_length: Mapped[int | None]  # set when `text` was cut to the stored limit


class CartLine(Base):
    """A product and quantity in a chat session's cart; prices are read from products."""

    __tablename__ = "cart_lines"
    __table_args__ = (UniqueConstraint("session_id", "product_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int]
    added_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    product: Mapped[Product] = relationship()
