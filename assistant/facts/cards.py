"""A product card: one product as a turn shows it, every fact read from the database."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class ProductCard:
    """A product as shown: every field comes from the database, `reason` from the constraints."""

    product_id: int
    sku: str
    name: str
    brand: str | None
    price: Decimal
    currency: str
    rating: float | None
    review_count: int
    stock: int
    image: str | None
    reason: str
