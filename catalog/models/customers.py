"""Customers and what they did: shoppers, their interactions with products, their orders."""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    DateTime,
    Enum,
    ForeignKey,
    Numeric,
    String,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalog.models.base import Base
from catalog.models.products import Product


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
    chat_session_id: Mapped[str | None] = mapped_column(ForeignKey("chat_sessions.id"), index=True)
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
