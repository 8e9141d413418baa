"""A product's variants in an import: each an orderable item with options, price, availability.

A source gives them as a list of objects or as an object keyed by item id (τ²-bench's shape).
A product with variants is priced from its cheapest available one, stocked with how many are
available and, without a description of its own, described by its options.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from catalog.mapping import parse_literal


class VariantRecord(BaseModel):
    """One variant as the catalog stores it."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, coerce_numbers_to_str=True)

    item_id: str = Field(min_length=1, max_length=64)
    options: dict[str, str] = Field(default_factory=dict)
    price: Decimal = Field(ge=0, lt=Decimal("1e10"))
    available: bool = True

    @field_validator("price")
    @classmethod
    def _cents(cls, value: Decimal) -> Decimal:
        return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def variant_list(value: Any) -> Any:
    """Variants as a list: JSON text parsed, an object keyed by item id turned into its values
    (each given its key as item_id when it has none)."""
    value = parse_literal(value)
    if isinstance(value, dict):
        return [
            {"item_id": key, **item} if isinstance(item, dict) else item
            for key, item in value.items()
        ]
    return value


def lowest_price(variants: list[VariantRecord]) -> Decimal:
    """The cheapest available variant's price (the cheapest of all when none is available)."""
    offered = [v for v in variants if v.available] or variants
    return min(v.price for v in offered)


def options_summary(variants: list[VariantRecord]) -> str:
    """ "Available options — color: blue, red; size: S, M" from the available variants."""
    values: dict[str, list[str]] = {}
    for variant in variants:
        if variant.available:
            for name, value in variant.options.items():
                values.setdefault(name, [])
                if value not in values[name]:
                    values[name].append(value)
    if not values:
        return ""
    return "Available options — " + "; ".join(
        f"{name}: {', '.join(choices)}" for name, choices in values.items()
    )
