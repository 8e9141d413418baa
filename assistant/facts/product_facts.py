"""Facts about products already on screen, read from the database and written by code.

`ProductFacts` loads products (with their reviews) by id; `describe_product` and
`why_it_fits` answer "tell me about the second one" and "why this one?" from those facts only.
The description is quoted as the listing's words (`quotes.listing_quote`), never restated as
the shop's own.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from assistant.facts.claims import addresses_assistant, has_markup
from assistant.facts.describe import fit_facts, shoppers
from assistant.facts.money import format_price
from assistant.facts.quotes import listing_quote, plain
from catalog.models import Product
from catalog.request import SearchRequest

LOW_STOCK = 5
MAX_NAMED = 2  # more products than this hold the words: the message names none of them
ATTRIBUTES_SHOWN = 5


class ProductFacts:
    """Products by id, detached from the database so replies can read them freely."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def load(self, ids: Sequence[int]) -> list[Product]:
        """The products in the order given; ids no longer in the catalog are left out."""
        if not ids:
            return []
        with self._sessions() as db:
            rows = db.scalars(
                select(Product).options(selectinload(Product.reviews)).where(Product.id.in_(ids))
            )
            found = {p.id: p for p in rows}
            db.expunge_all()
        return [found[i] for i in dict.fromkeys(ids) if i in found]

    def named(self, words: Sequence[str]) -> list[Product]:
        """The products whose name holds every one of `words` (a message's model words:
        "Galaxy", "s20"), when at most `MAX_NAMED` do; else none."""
        if not words:
            return []
        with self._sessions() as db:
            query = select(Product.id)
            for word in words:
                query = query.where(Product.name.ilike(f"%{word}%"))
            ids = list(db.scalars(query.limit(MAX_NAMED + 1)))
        return self.load(ids) if 0 < len(ids) <= MAX_NAMED else []


def rating_phrase(product: Product) -> str:
    if product.rating is None or not product.review_count:
        return "not rated yet"
    return f"rated {product.rating:.1f}/5 by {shoppers(product.review_count)}"


def stock_phrase(product: Product) -> str:
    if product.stock <= 0:
        return "out of stock"
    return f"only {product.stock} left" if product.stock <= LOW_STOCK else "in stock"


def describe_product(product: Product, asked_colours: Sequence[str]) -> str:
    """The product's facts; a colour asked about that it lacks is answered first."""
    facts = [
        f"The {product.name} by {product.brand or 'an independent maker'} costs "
        f"{format_price(product.price, product.currency)}, is {rating_phrase(product)} "
        f"and is {stock_phrase(product)}."
    ]
    details = []
    if product.colour:
        details.append(f"it comes in {product.colour}")
    if product.size_list:
        details.append("sizes " + ", ".join(product.size_list))
    if product.material:
        details.append(f"it is made of {product.material}")
    if asked_colours and product.colour and product.colour not in asked_colours:
        details.insert(0, f"it only comes in {product.colour} in our catalog")
    if details:
        facts.append(_sentence("; ".join(dict.fromkeys(details))))
    attributes = attribute_facts(product)
    if attributes:
        facts.append(_sentence("Details — " + ", ".join(attributes[:ATTRIBUTES_SHOWN])))
    listing = listing_quote(product.description or "")
    if listing:
        facts.append(listing)
    return " ".join(facts)


def attribute_facts(product: Product) -> list[str]:
    """ "key: value" for the product's plain attributes; text aimed at an assistant, links and
    markup are left out, and long text is cut."""
    facts = []
    for key, value in (product.attributes or {}).items():
        if not isinstance(value, str | int | float):
            continue
        fact = plain(f"{key.replace('_', ' ')}: {value}")
        if not (addresses_assistant(fact) or has_markup(fact)):
            facts.append(fact)
    return facts


def why_it_fits(
    product: Product, request: SearchRequest | None, personal: str | None = None
) -> str:
    """ "Why this one?": the constraints it meets, its rating, and the shopper's history."""
    met = fit_facts(product, request) if request else []
    reasons = [
        f"it matches what you asked for ({', '.join(met)})"
        if met
        else "it was among the closest matches to your request",
        f"it is {rating_phrase(product)}",
    ]
    if personal:
        reasons.append(f"it is {personal}")
    price = format_price(product.price, product.currency)
    return (
        f"I suggested the {product.name} ({price}) because "
        + "; ".join(reasons)
        + f". It is {stock_phrase(product)}."
    )


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] + "."
