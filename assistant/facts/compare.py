"""Side-by-side comparison of products from the database, with a one-line verdict citing it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.facts.describe import colour_name
from assistant.facts.money import format_price
from assistant.facts.product_facts import stock_phrase
from assistant.facts.quotes import plain
from assistant.translation.speaking import N_, _, ngettext
from catalog.boosts import quality
from catalog.models import Product

MAX_CELL_CHARS = 80
UNRATED = N_("unrated")
ROWS: tuple[tuple[str, Callable[[Product], str]], ...] = (
    (N_("Price"), lambda p: format_price(p.price, p.currency)),
    (
        N_("Rating"),
        lambda p: (
            _("{rating}/5 ({reviews})").format(rating=_stars(p), reviews=_reviews(p.review_count))
            if p.rating is not None and p.review_count
            else _("not rated yet")
        ),
    ),
    (N_("Brand"), lambda p: p.brand or ""),
    (N_("Colour"), lambda p: colour_name(p.colour) if p.colour else ""),
    (N_("Material"), lambda p: p.material or ""),
    (N_("Sizes"), lambda p: ", ".join(p.size_list)),
    (N_("Stock"), stock_phrase),
)


def comparison_table(products: Sequence[Product]) -> str:
    """A Markdown table: one column per product (numbered as the cards), one row per fact
    that at least one of them has."""
    header = "| | " + " | ".join(f"{i}. {_cell(p.name)}" for i, p in enumerate(products, 1)) + " |"
    rule = "|---" * (len(products) + 1) + "|"
    rows = [
        f"| **{_(label)}** | " + " | ".join(_cell(fact(p)) or "—" for p in products) + " |"
        for label, fact in ROWS
        if any(fact(p) for p in products)
    ]
    return "\n".join([header, rule, *rows])


def verdict(products: Sequence[Product]) -> str:
    """One line naming the cheapest and the best-rated product, with the figures."""
    cheapest = min(products, key=lambda p: p.price)
    best = max(products, key=quality)
    cost = _cost(products, cheapest)
    stars = {_stars(p) for p in products}
    if stars == {_(UNRATED)}:
        return _("Verdict: {cost}; none of them is rated yet.").format(cost=cost)
    if len(stars) == 1:
        return _("Verdict: {cost}; they are rated alike ({rating}/5, {counts} reviews).").format(
            cost=cost,
            rating=stars.pop(),
            counts=_(" vs ").join(str(p.review_count) for p in products),
        )
    rated = _("{rating}/5 from {reviews}").format(
        rating=_stars(best), reviews=_reviews(best.review_count)
    )
    starriest = max(products, key=lambda p: p.rating or 0)
    if (starriest.rating or 0) > (best.rating or 0):  # few reviews weigh less than many
        rated = _("{rated}; the {name}'s {rating}/5 rests on only {reviews}").format(
            rated=rated,
            name=starriest.name,
            rating=_stars(starriest),
            reviews=_reviews(starriest.review_count),
        )
    if best is cheapest:
        said = _("Verdict: {cost} and also the best rated ({rated}) — the clear pick.")
        return said.format(cost=cost, rated=rated)
    said = _(
        "Verdict: {cost}, while the {name} is better rated ({rated}) — "
        "pick it if quality matters more than price."
    )
    return said.format(cost=cost, name=best.name, rated=rated)


def _cost(products: Sequence[Product], cheapest: Product) -> str:
    """ "they cost the same ($20.00)", or "the X is the cheapest ($20.00 vs $25.00)"."""
    price = format_price(cheapest.price, cheapest.currency)
    if all(p.price == cheapest.price for p in products):
        return _("they cost the same ({price})").format(price=price)
    others = ", ".join(format_price(p.price, p.currency) for p in products if p is not cheapest)
    return _("the {name} is the cheapest ({price} vs {others})").format(
        name=cheapest.name, price=price, others=others
    )


def _reviews(count: int) -> str:
    return ngettext("{count} review", "{count} reviews", count).format(count=count)


def _stars(product: Product) -> str:
    return (
        f"{product.rating:.1f}"
        if product.rating is not None and product.review_count
        else _(UNRATED)
    )


def _cell(text: str) -> str:
    """Catalog text as one table cell: one line, bounded, no column breaks."""
    return plain(text, MAX_CELL_CHARS).replace("|", "/")
