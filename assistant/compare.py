"""Side-by-side comparison of products from the database, with a one-line verdict citing it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.money import format_price
from assistant.product_facts import stock_phrase
from catalog.boosts import quality
from catalog.models import Product

ROWS: tuple[tuple[str, Callable[[Product], str]], ...] = (
    ("Price", lambda p: format_price(p.price, p.currency)),
    ("Rating", lambda p: f"{p.rating:.1f}/5 ({p.review_count} reviews)"
     if p.rating is not None and p.review_count else "not rated yet"),
    ("Brand", lambda p: p.brand or "—"),
    ("Colour", lambda p: p.colour or "—"),
    ("Material", lambda p: p.material or "—"),
    ("Sizes", lambda p: ", ".join(p.size_list) or "—"),
    ("Stock", stock_phrase),
)


def comparison_table(products: Sequence[Product]) -> str:
    """A Markdown table: one column per product (numbered as the cards), one row per fact."""
    header = "| | " + " | ".join(f"{i}. {_cell(p.name)}" for i, p in
                                  enumerate(products, 1)) + " |"
    rule = "|---" * (len(products) + 1) + "|"
    rows = [f"| **{label}** | " + " | ".join(_cell(fact(p)) for p in products) + " |"
            for label, fact in ROWS]
    return "\n".join([header, rule, *rows])


def verdict(products: Sequence[Product]) -> str:
    """One line naming the cheapest and the best-rated product, with the figures."""
    cheapest = min(products, key=lambda p: p.price)
    best = max(products, key=quality)
    price = format_price(cheapest.price, cheapest.currency)
    if all(p.price == cheapest.price for p in products):
        cost = f"they cost the same ({price})"
    else:
        others = ", ".join(format_price(p.price, p.currency) for p in products
                           if p is not cheapest)
        cost = f"the {cheapest.name} is the cheapest ({price} vs {others})"
    stars = {_stars(p) for p in products}
    if len(stars) == 1:
        counts = " vs ".join(str(p.review_count) for p in products)
        return f"Verdict: {cost}; they are rated alike ({stars.pop()}/5, {counts} reviews)."
    rated = f"{_stars(best)}/5 from {best.review_count} reviews"
    if best is cheapest:
        return f"Verdict: {cost} and also the best rated ({rated}) — the clear pick."
    return (f"Verdict: {cost}, while the {best.name} is better rated ({rated}) — "
            "pick it if quality matters more than price.")


def _stars(product: Product) -> str:
    return f"{product.rating:.1f}" if product.rating is not None and product.review_count \
        else "unrated"


def _cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")
