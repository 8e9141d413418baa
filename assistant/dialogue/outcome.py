"""What handling one message came to, before any of it is shown or recorded."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from assistant.dialogue.next_action import Action
from assistant.dialogue.state import Event
from assistant.facts.cards import ProductCard


@dataclass(frozen=True)
class Outcome:
    """The events a turn causes, the cards and text it shows, and the move it made.

    `move` is set when it differs from the action decided (a move that had to ask instead).
    `sentences` are the model's, streamed after `text`; None when `text` is the whole reply.
    """

    text: str
    events: tuple[Event, ...] = ()
    cards: tuple[ProductCard, ...] = ()
    move: Action | None = None
    sentences: Iterator[str] | None = None
