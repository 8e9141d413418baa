"""SQLAlchemy 2 models: catalog, shoppers, interactions, orders, policies, chat sessions, carts."""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from catalog.embedding import EmbeddingType


class Base(DeclarativeBase):
    """Declarative base for every catalog table."""


class Product(Base):
    """One sellable item (one colour variant); `embedding` is float32 bytes from the embedder."""

    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(300))
    brand: Mapped[str | None] = mapped_column(String(100), index=True)
    category: Mapped[str] = mapped_column(String(300), index=True)  # "Shoes > Running"
    price: Mapped[Decimal] = mapped_column(Numeric(12, 2), index=True)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    colour: Mapped[str | None] = mapped_column(String(40), index=True)  # lower-case
    sizes: Mapped[str | None] = mapped_column(String(300))  # "|S|M|L|": LIKE '%|M|%'
    material: Mapped[str | None] = mapped_column(String(100))
    audience: Mapped[str | None] = mapped_column(String(20), index=True)  # men/women/kids/unisex
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    description: Mapped[str] = mapped_column(Text, default="")
    rating: Mapped[float | None]
    review_count: Mapped[int] = mapped_column(default=0)
    stock: Mapped[int] = mapped_column(default=0)
    image: Mapped[str | None] = mapped_column(String(500))
    embedding: Mapped[bytes | None] = mapped_column(EmbeddingType, deferred=True)
    content_hash: Mapped[str | None] = mapped_column(String(64))

    reviews: Mapped[list[Review]] = relationship(
        back_populates="product", cascade="all, delete-orphan"
    )

    @property
    def size_list(self) -> list[str]:
        return [s for s in (self.sizes or "").split("|") if s]


Index("ix_products_brand_lower", func.lower(Product.brand))  # brand filters ignore case


class Review(Base):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    author: Mapped[str] = mapped_column(String(100))
    rating: Mapped[int]
    text: Mapped[str] = mapped_column(Text)

    product: Mapped[Product] = relationship(back_populates="reviews")


class Shopper(Base):
    __tablename__ = "shoppers"

    id: Mapped[int] = mapped_column(primary_key=True)
    handle: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(200))


class InteractionKind(enum.StrEnum):
    VIEW = "view"
    CLICK = "click"
    LIKE = "like"
    DISLIKE = "dislike"
    CART = "cart"
    PURCHASE = "purchase"
    RATING = "rating"


class Interaction(Base):
    """A shopper's signal about a product, or (thumbs in the chat) about an assistant message.

    Chat feedback carries the chat session and, for a message, its position; the shopper is
    the session's demo shopper, or none for a guest.
    """

    __tablename__ = "interactions"

    id: Mapped[int] = mapped_column(primary_key=True)
    shopper_id: Mapped[int | None] = mapped_column(ForeignKey("shoppers.id"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"), index=True)
    kind: Mapped[InteractionKind] = mapped_column(Enum(InteractionKind, native_enum=False))
    value: Mapped[float | None]  # the stars for a rating
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    chat_session_id: Mapped[str | None] = mapped_column(
        ForeignKey("chat_sessions.id"), index=True
    )
    message_position: Mapped[int | None]


class OrderStatus(enum.StrEnum):
    PLACED = "placed"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    RETURNED = "returned"


class Order(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    shopper_id: Mapped[int] = mapped_column(ForeignKey("shoppers.id"), index=True)
    status: Mapped[OrderStatus] = mapped_column(Enum(OrderStatus, native_enum=False))
    placed_at: Mapped[datetime] = mapped_column(DateTime)
    carrier: Mapped[str | None] = mapped_column(String(50))
    tracking_number: Mapped[str | None] = mapped_column(String(64))
    estimated_delivery: Mapped[datetime | None] = mapped_column(DateTime)

    lines: Mapped[list[OrderLine]] = relationship(cascade="all, delete-orphan")

    @property
    def total(self) -> Decimal:
        return sum((line.unit_price * line.quantity for line in self.lines), Decimal("0"))


class OrderLine(Base):
    __tablename__ = "order_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int]
    unit_price: Mapped[Decimal] = mapped_column(Numeric(12, 2))

    product: Mapped[Product] = relationship()


class Policy(Base):
    """One section of the store policy text (shipping, returns, warranty, payment)."""

    __tablename__ = "policies"

    id: Mapped[int] = mapped_column(primary_key=True)
    topic: Mapped[str] = mapped_column(String(50), index=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)


class ChatSession(Base):
    """One browser's conversation with the assistant; its id is kept in the browser."""

    __tablename__ = "chat_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    shopper_id: Mapped[int | None] = mapped_column(ForeignKey("shoppers.id"))
    shown_from: Mapped[int] = mapped_column(default=0)  # first message shown after "start over"
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

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

