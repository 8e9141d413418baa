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
from assistant.facts.describe import colour_name, fit_facts, rated_by, shoppers
from assistant.facts.money import format_price
from assistant.facts.product_details import capitalised, clauses, comes_in, made_of
from assistant.facts.quotes import listing_quote, plain
from assistant.translation.lists import series
from assistant.translation.speaking import _, ngettext
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
        return _("not rated yet")
    return rated_by(product.rating, product.review_count)


def stock_phrase(product: Product) -> str:
    if product.stock <= 0:
        return _("out of stock")
    if product.stock <= LOW_STOCK:
        left = ngettext("only {count} left", "only {count} left", product.stock)
        return left.format(count=product.stock)
    return _("in stock")


def describe_product(product: Product, asked_colours: Sequence[str]) -> str:
    """The product's facts; a colour asked about that it lacks is answered first."""
    said = (
        _("The {name} by {brand} costs {price}, is {rating} and is {stock}.")
        if product.brand
        else _("The {name} by an independent maker costs {price}, is {rating} and is {stock}.")
    )
    facts = [
        said.format(
            name=product.name,
            brand=product.brand,
            price=format_price(product.price, product.currency),
            rating=rating_phrase(product),
            stock=stock_phrase(product),
        )
    ]
    details = []
    if product.colour:
        details.append(comes_in(product.colour))
    if product.size_list:
        details.append(_("sizes {sizes}").format(sizes=", ".join(product.size_list)))
    if product.material:
        details.append(made_of(product.material))
    if asked_colours and product.colour and product.colour not in asked_colours:
        only = _("it only comes in {colour} in our catalog")
        details.insert(0, only.format(colour=colour_name(product.colour)))
    if details:
        facts.append(_sentence(clauses(list(dict.fromkeys(details)))))
    attributes = attribute_facts(product)
    if attributes:
        shown = series(attributes[:ATTRIBUTES_SHOWN])
        facts.append(_("Details — {details}.").format(details=shown))
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
        if isinstance(value, bool):  # "polarised: yes", not "polarised: True"
            said = _("{key}: yes") if value else _("{key}: no")
            fact = said.format(key=key.replace("_", " "))
        else:
            fact = plain(_("{key}: {value}").format(key=key.replace("_", " "), value=value))
        if not (addresses_assistant(fact) or has_markup(fact)):
            facts.append(fact)
    return facts


def why_it_fits(
    product: Product, request: SearchRequest | None, personal: str | None = None
) -> str:
    """ "Why this one?": the constraints it meets, its rating, and the shopper's history."""
    met = fit_facts(product, request) if request else []
    reasons = [
        _("it matches what you asked for ({facts})").format(facts=", ".join(met))
        if met
        else _("it was among the closest matches to your request"),
        _rated(product),
    ]
    if personal:
        reasons.append(_("it is {personal}").format(personal=personal))
    price = format_price(product.price, product.currency)
    suggested = _("I suggested the {name} ({price}) because {reasons}.").format(
        name=product.name, price=price, reasons=clauses(reasons)
    )
    return f"{suggested} {_in_stock(product)}"


def _rated(product: Product) -> str:
    if product.rating is None or not product.review_count:
        return _("it is not rated yet")
    return _("it is rated {rating}/5 by {shoppers}").format(
        rating=f"{product.rating:.1f}", shoppers=shoppers(product.review_count)
    )


def _in_stock(product: Product) -> str:
    """The stock as a sentence of its own: "It is only 3 left."."""
    if product.stock <= 0:
        return _("It is out of stock.")
    if product.stock <= LOW_STOCK:
        left = ngettext("It is only {count} left.", "It is only {count} left.", product.stock)
        return left.format(count=product.stock)
    return _("It is in stock.")


def _sentence(text: str) -> str:
    return _("{sentence}.").format(sentence=capitalised(text))
