"""Side-by-side comparison of products from the database, with a one-line verdict citing it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.facts.money import format_price
from assistant.facts.product_facts import stock_phrase
from assistant.facts.quotes import plain
from catalog.boosts import quality
from catalog.models import Product

MAX_CELL_CHARS = 80
ROWS: tuple[tuple[str, Callable[[Product], str]], ...] = (
    ("Price", lambda p: format_price(p.price, p.currency)),
    (
        "Rating",
        lambda p: (
            f"{_stars(p)}/5 ({_reviews(p.review_count)})"
            if p.rating is not None and p.review_count
            else "not rated yet"
        ),
    ),
    ("Brand", lambda p: p.brand or ""),
    ("Colour", lambda p: p.colour or ""),
    ("Material", lambda p: p.material or ""),
    ("Sizes", lambda p: ", ".join(p.size_list)),
    ("Stock", stock_phrase),
)


def comparison_table(products: Sequence[Product]) -> str:
    """A Markdown table: one column per product (numbered as the cards), one row per fact
    that at least one of them has."""
    header = "| | " + " | ".join(f"{i}. {_cell(p.name)}" for i, p in enumerate(products, 1)) + " |"
    rule = "|---" * (len(products) + 1) + "|"
    rows = [
        f"| **{label}** | " + " | ".join(_cell(fact(p)) or "—" for p in products) + " |"
        for label, fact in ROWS
        if any(fact(p) for p in products)
    ]
    return "\n".join([header, rule, *rows])


def verdict(products: Sequence[Product]) -> str:
    """One line naming the cheapest and the best-rated product, with the figures."""
    cheapest = min(products, key=lambda p: p.price)
    best = max(products, key=quality)
    price = format_price(cheapest.price, cheapest.currency)
    if all(p.price == cheapest.price for p in products):
        cost = f"they cost the same ({price})"
    else:
        others = ", ".join(format_price(p.price, p.currency) for p in products if p is not cheapest)
        cost = f"the {cheapest.name} is the cheapest ({price} vs {others})"
    stars = {_stars(p) for p in products}
    if stars == {"unrated"}:
        return f"Verdict: {cost}; none of them is rated yet."
    if len(stars) == 1:
        counts = " vs ".join(str(p.review_count) for p in products)
        return f"Verdict: {cost}; they are rated alike ({stars.pop()}/5, {counts} reviews)."
    rated = f"{_stars(best)}/5 from {_reviews(best.review_count)}"
    starriest = max(products, key=lambda p: p.rating or 0)
    if (starriest.rating or 0) > (best.rating or 0):  # few reviews weigh less than many
        rated += (
            f"; the {starriest.name}'s {_stars(starriest)}/5 rests on only "
            f"{_reviews(starriest.review_count)}"
        )
    if best is cheapest:
        return f"Verdict: {cost} and also the best rated ({rated}) — the clear pick."
    return (
        f"Verdict: {cost}, while the {best.name} is better rated ({rated}) — "
        "pick it if quality matters more than price."
    )


def _reviews(count: int) -> str:
    return f"{count} review{'s' if count != 1 else ''}"


def _stars(product: Product) -> str:
    return (
        f"{product.rating:.1f}"
        if product.rating is not None and product.review_count
        else "unrated"
    )


def _cell(text: str) -> str:
    """Catalog text as one table cell: one line, bounded, no column breaks."""
    return plain(text, MAX_CELL_CHARS).replace("|", "/")
