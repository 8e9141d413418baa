"""τ²-bench retail records (db.json's `users` and `orders`) as validated on import, and the
order statuses of τ² beside the catalog's own."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from catalog.models import OrderStatus

# τ²'s order status -> the catalog's; the reverse for export.
TAU2_STATUSES = {
    "pending": OrderStatus.PLACED,
    "pending (item modified)": OrderStatus.ITEMS_MODIFIED,
    "processed": OrderStatus.SHIPPED,
    "delivered": OrderStatus.DELIVERED,
    "cancelled": OrderStatus.CANCELLED,
    "return requested": OrderStatus.RETURN_REQUESTED,
    "exchange requested": OrderStatus.EXCHANGE_REQUESTED,
}
STATUS_NAMES = {status: name for name, status in TAU2_STATUSES.items()}


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Address(_Record):
    address1: str
    address2: str
    city: str
    country: str
    state: str
    zip: str


class Name(_Record):
    first_name: str = Field(min_length=1)
    last_name: str = Field(min_length=1)


class PaymentSource(_Record):
    """A saved payment method: a card has a brand and last four digits, a gift card a balance."""

    source: Literal["credit_card", "paypal", "gift_card"]
    id: str = Field(min_length=1, max_length=64)
    brand: str | None = Field(None, max_length=40)
    last_four: str | None = Field(None, pattern=r"^\d{4}$")
    balance: Decimal | None = Field(None, ge=0)


class User(_Record):
    user_id: str = Field(min_length=1, max_length=64)
    name: Name
    address: Address
    email: str = Field(max_length=200)
    payment_methods: dict[str, PaymentSource]
    orders: list[str] = Field(default_factory=list)  # derived from the orders on export


class Item(_Record):
    name: str
    product_id: str
    item_id: str
    price: Decimal = Field(ge=0)
    options: dict[str, str]


class Fulfilment(_Record):
    tracking_id: list[str]
    item_ids: list[str]


class Payment(_Record):
    transaction_type: Literal["payment", "refund"]
    amount: Decimal
    payment_method_id: str = Field(min_length=1, max_length=64)


class Order(_Record):
    order_id: str = Field(min_length=1, max_length=32)
    user_id: str
    address: Address
    items: list[Item] = Field(min_length=1)
    status: Literal[
        "pending",
        "pending (item modified)",
        "processed",
        "delivered",
        "cancelled",
        "return requested",
        "exchange requested",
    ]
    fulfillments: list[Fulfilment] = Field(default_factory=list)
    payment_history: list[Payment] = Field(default_factory=list)
    cancel_reason: str | None = Field(None, max_length=40)
    exchange_items: list[str] | None = None
    exchange_new_items: list[str] | None = None
    exchange_payment_method_id: str | None = None
    exchange_price_difference: Decimal | None = None
    return_items: list[str] | None = None
    return_payment_method_id: str | None = None
