"""A short code-written sentence about the products on screen, for when the model has none."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.facts.cards import ProductCard
from assistant.facts.describe import shoppers
from assistant.facts.money import format_price


def cards_summary(cards: Sequence[ProductCard]) -> str:
    """Which shown product is the cheapest and which is the best rated, from the cards' own
    facts ("" without cards); one product gets its price and rating."""
    if not cards:
        return ""
    cheapest = min(cards, key=lambda card: card.price)
    price = format_price(cheapest.price, cheapest.currency)
    rated = [card for card in cards if card.rating is not None and card.review_count]
    best = max(rated, key=lambda card: (card.rating or 0.0, card.review_count), default=None)
    if len(cards) == 1:
        return f"It costs {price}" + (f" and is rated {_rating(best)}." if best else ".")
    if best is None:
        return f"The cheapest is the {cheapest.name} at {price}."
    if best is cheapest:
        return (
            f"The {cheapest.name} is both the cheapest, at {price}, and the best rated, "
            f"{_rating(best)}."
        )
    return (
        f"The cheapest is the {cheapest.name} at {price}; the best rated is the "
        f"{best.name}, {_rating(best)}."
    )


def _rating(card: ProductCard) -> str:
    return f"{card.rating:.1f}/5 by {shoppers(card.review_count)}"
