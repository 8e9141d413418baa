"""The store's database tables, one module per domain: the catalog (`products`), customers and
their orders (`customers`), and the assistant's conversations and carts (`conversations`).

Importing this package registers every table, so `Base.metadata` always holds the whole schema.
"""

from catalog.models.base import Base
from catalog.models.conversations import CartLine, ChatEvent, ChatMessage, ChatSession
from catalog.models.customers import (
    Interaction,
    InteractionKind,
    Order,
    OrderChange,
    OrderLine,
    OrderPayment,
    OrderStatus,
    PaymentKind,
    PaymentMethod,
    Shopper,
)
from catalog.models.products import Policy, Product, Review, Variant

__all__ = [
    "Base",
    "CartLine",
    "ChatEvent",
    "ChatMessage",
    "ChatSession",
    "Interaction",
    "InteractionKind",
    "Order",
    "OrderChange",
    "OrderLine",
    "OrderPayment",
    "OrderStatus",
    "PaymentKind",
    "PaymentMethod",
    "Policy",
    "Product",
    "Review",
    "Shopper",
    "Variant",
]
