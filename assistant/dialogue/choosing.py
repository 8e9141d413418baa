"""A shopper picking a product among those shown ("I think I'd like to go for The Guest List
then!"): which product that is, the offer to add it to the cart, and whether that offer is
still open when the shopper answers "yes".

The pick is read by position or "it" first (the project's references), then by name: the
product, on screen or talked about before, whose name shares the most of the picked words
(of equals, the one on screen); a tie left is no pick, so the assistant asks, never guesses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from assistant.dialogue.references import resolve
from assistant.dialogue.state import DialogueState
from assistant.translation.speaking import N_, _, speaking
from assistant.understanding.languages import SUPPORTED
from assistant.understanding.lexicon import ORDINALS, STOPWORDS
from assistant.understanding.parsing import ParsedMessage
from assistant.understanding.stemming import stem
from catalog.models import Product

OFFER = N_("Shall I add {name} ({price}) to your cart?")


def offer_to_add(name: str, price: str) -> str:
    """ "Shall I add The Guest List ($27.99) to your cart?" """
    return _(OFFER).format(name=name, price=price)


def offer_pending(state: DialogueState) -> bool:
    """Whether the assistant's last words offered to add the one product in focus (in any
    language: the shopper may answer in another one)."""
    if len(state.focus_ids) != 1 or not state.transcript:
        return False
    speaker, said = state.transcript[-1]
    return speaker == "assistant" and any(offer.fullmatch(said) for offer in _offers())


@cache
def _offers() -> tuple[re.Pattern[str], ...]:
    """The offer in every language, its name and price matching anything."""
    patterns = []
    for language in SUPPORTED:
        with speaking(language):
            pieces = re.split(r"\{\w+\}", _(OFFER))
        patterns.append(re.compile(".+".join(re.escape(piece) for piece in pieces), re.DOTALL))
    return tuple(patterns)


def picked_product(
    parsed: ParsedMessage, state: DialogueState, known: Sequence[Product]
) -> Product | None:
    """The one product the message picks among `known` (the shown and discussed ones)."""
    by_id = {p.id: p for p in known}
    ids = resolve(
        parsed.slots.references,
        (),
        state,
        {p.id: p.name for p in known},
        {p.id: p.price for p in known},
    )
    if len(ids) == 1 and ids[0] in by_id:
        return by_id[ids[0]]
    if ids:
        return None  # "both of them": not one pick
    words = _stems(parsed.chosen)
    on_screen = [
        by_id[i] for i in dict.fromkeys((*state.focus_ids, *state.shown_ids)) if i in by_id
    ]
    earlier = [by_id[i] for i in state.discussed_ids if i in by_id and by_id[i] not in on_screen]
    return _best_named(words, on_screen, earlier)


def _best_named(
    words: set[str], on_screen: Sequence[Product], earlier: Sequence[Product]
) -> Product | None:
    """The product whose name holds the most of `words`; of equals, the one on screen; none
    when that leaves more than one."""
    scores = {p.id: len(words & _stems(p.name)) for p in (*on_screen, *earlier)}
    best = max(scores.values(), default=0)
    for group in (on_screen, earlier):
        winners = [p for p in group if scores[p.id] == best]
        if winners:
            return winners[0] if best and len(winners) == 1 else None
    return None


def _stems(text: str) -> set[str]:
    """The stems of the words and numbers of `text` that can name a product ("1922" can: it
    is a title; "the" and "second" cannot)."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {stem(word) for word in words if word not in STOPWORDS and word not in ORDINALS}
