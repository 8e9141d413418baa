"""The options (variants) a product is sold in, with their prices and availability, read for
the service desk's answers ("how many t-shirt options are there?")."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from catalog.models import Product, Variant


@dataclass(frozen=True)
class OptionFacts:
    options: tuple[tuple[str, str], ...]
    price: Decimal
    available: bool


@dataclass(frozen=True)
class ProductOptionFacts:
    name: str
    options: tuple[OptionFacts, ...]


class ProductOptions:
    """Reads the catalog's products that have options."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def names(self) -> tuple[str, ...]:
        """The names of the products sold in options."""
        with self._sessions() as db:
            query = select(Product.name).where(Product.variants.any()).distinct()
            return tuple(db.scalars(query))

    def of(self, name: str) -> ProductOptionFacts | None:
        """The named product's options, cheapest first."""
        with self._sessions() as db:
            product = db.scalar(
                select(Product)
                .where(Product.name == name, Product.variants.any())
                .options(selectinload(Product.variants))
                .limit(1)
            )
            if product is None:
                return None
            variants = sorted(product.variants, key=_by_price)
            return ProductOptionFacts(
                product.name,
                tuple(
                    OptionFacts(tuple(v.options.items()), v.price, v.available) for v in variants
                ),
            )


def _by_price(variant: Variant) -> tuple[Decimal, str]:
    return variant.price, variant.item_id
