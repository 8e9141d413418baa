"""A short code-written sentence about the products on screen, for when the model has none."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.facts.cards import ProductCard
from assistant.facts.describe import shoppers
from assistant.facts.money import format_price
from assistant.translation.speaking import _


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
        if best is None:
            return _("It costs {price}.").format(price=price)
        return _("It costs {price} and is rated {rating}/5 by {shoppers}.").format(
            price=price, **_rating(best)
        )
    if best is None:
        return _("The cheapest is the {name} at {price}.").format(name=cheapest.name, price=price)
    if best is cheapest:
        return _(
            "The {name} is both the cheapest, at {price}, and the best rated, "
            "{rating}/5 by {shoppers}."
        ).format(name=cheapest.name, price=price, **_rating(best))
    return _(
        "The cheapest is the {cheapest} at {price}; the best rated is the {best}, "
        "{rating}/5 by {shoppers}."
    ).format(cheapest=cheapest.name, price=price, best=best.name, **_rating(best))


def _rating(card: ProductCard) -> dict[str, str]:
    """The placeholders of a card's rating: "4.8" and "1200 shoppers"."""
    return {"rating": f"{card.rating:.1f}", "shoppers": shoppers(card.review_count)}
