"""What one turn shows the shopper: product cards (facts from the database) and streamed text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol, TypeVar


@dataclass(frozen=True)
class ProductCard:
    """A product as shown: every field comes from the database, `reason` from the constraints."""

    product_id: int
    sku: str
    name: str
    brand: str | None
    price: Decimal
    currency: str
    rating: float | None
    review_count: int
    stock: int
    image: str | None
    reason: str


@dataclass(frozen=True)
class TurnUpdate:
    """One step of a streamed reply: the cards (shown first) and the text written so far.

    `intent` is what the message was understood as (a `schema.Intent` value) and `move` what
    the assistant did about it (a `policy.Action` value such as "compare" or "cart_add"); both
    are empty when the message was refused before it was understood.
    """

    cards: tuple[ProductCard, ...]
    text: str
    done: bool
    intent: str = ""
    move: str = ""


ConversationT = TypeVar("ConversationT")


class Assistant(Protocol[ConversationT]):
    """What a front end needs: conversations (of whatever type) and streamed turns."""

    def new_conversation(self) -> ConversationT: ...

    def respond(self, conversation: ConversationT, message: str) -> Iterator[TurnUpdate]: ...
