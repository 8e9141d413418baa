"""What one turn shows the shopper: product cards and streamed text, and who produces them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol, TypeVar

from assistant.facts.cards import ProductCard


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
