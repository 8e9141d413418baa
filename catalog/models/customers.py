"""Customers and what they did: shoppers, their interactions with products, their orders."""

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
    Numeric,
    String,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalog.models.base import Base
from catalog.models.products import Product, Variant


class Shopper(Base):
    """A customer. `address` is the default shipping address: address1, address2, city,
    state, country, zip."""

    __tablename__ = "shoppers"

    id: Mapped[int] = mapped_column(primary_key=True)
    handle: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(200), index=True)
    address: Mapped[dict[str, str] | None] = mapped_column(JSON)

    payment_methods: Mapped[list[PaymentMethod]] = relationship(
        back_populates="shopper", order_by="PaymentMethod.id"
    )


class PaymentKind(enum.StrEnum):
    CREDIT_CARD = "credit_card"
    PAYPAL = "paypal"
    GIFT_CARD = "gift_card"


class PaymentMethod(Base):
    """A shopper's saved way to pay; a gift card carries its balance."""

    __tablename__ = "payment_methods"

    id: Mapped[int] = mapped_column(primary_key=True)
    shopper_id: Mapped[int] = mapped_column(ForeignKey("shoppers.id"), index=True)
    method_id: Mapped[str] = mapped_column(String(64), unique=True)  # "gift_card_7245904"
    kind: Mapped[PaymentKind] = mapped_column(Enum(PaymentKind, native_enum=False, length=20))
    brand: Mapped[str | None] = mapped_column(String(40))
    last_four: Mapped[str | None] = mapped_column(String(4))
    balance: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))

    shopper: Mapped[Shopper] = relationship(back_populates="payment_methods")


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
    """Where an order stands. PLACED is pending (it may still be cancelled or changed);
    SHIPPED is processed; the requested ones wait for the parcel to come back."""

    PLACED = "placed"
    ITEMS_MODIFIED = "pending (item modified)"  # still pending, but changed once already
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    RETURNED = "returned"
    RETURN_REQUESTED = "return requested"
    EXCHANGE_REQUESTED = "exchange requested"


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
    address: Mapped[dict[str, str] | None] = mapped_column(JSON)  # shipping address
    cancel_reason: Mapped[str | None] = mapped_column(String(40))
    # A requested return or exchange: the item ids going back, the ones coming instead, the
    # payment method refunded or charged and the price difference (new minus old).
    return_item_ids: Mapped[list[str] | None] = mapped_column(JSON)
    exchange_item_ids: Mapped[list[str] | None] = mapped_column(JSON)
    exchange_new_item_ids: Mapped[list[str] | None] = mapped_column(JSON)
    request_payment_method: Mapped[str | None] = mapped_column(String(64))
    exchange_price_difference: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))

    lines: Mapped[list[OrderLine]] = relationship(
        cascade="all, delete-orphan", order_by="OrderLine.id"
    )
    payments: Mapped[list[OrderPayment]] = relationship(
        cascade="all, delete-orphan", order_by="OrderPayment.id"
    )

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
    variant_id: Mapped[int | None] = mapped_column(ForeignKey("variants.id"))

    product: Mapped[Product] = relationship()
    variant: Mapped[Variant | None] = relationship()


class OrderPayment(Base):
    """One payment or refund of an order, in the order they happened."""

    __tablename__ = "order_payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # "payment" | "refund"
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    method_id: Mapped[str] = mapped_column(String(64))  # a PaymentMethod.method_id


class OrderChange(Base):
    """The record of one change made for a customer: who, what, when. `key` makes a change
    idempotent: a confirmation already carried out is not carried out again."""

    __tablename__ = "order_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    shopper_id: Mapped[int | None] = mapped_column(ForeignKey("shoppers.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    chat_session_id: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
