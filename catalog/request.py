"""What a search asks for: the structured filters and the words to rank by.

The dialogue builds a `SearchRequest` turn by turn; `catalog.search` filters and ranks by it,
and the boosters (`catalog.boosts`) read it. It depends on nothing else in the project.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal


@dataclass(frozen=True)
class FacetFilter:
    """A constraint on one attribute (`catalog.facets`): `key` `op` `value`.

    `op` is "=" (yes/no, a choice, or a number within 10%), ">=", "<=", or "~" (a number
    inside a range value: age 5 within "4-7"). Where the attribute is stored as text (ranges,
    choices, "15.6 inch"), `accepted` lists the stored values that meet it, so SQL can test it.
    `unit` is a number's unit ("in", "hours"), for saying it.
    """

    key: str
    op: str
    value: str
    accepted: tuple[str, ...] = ()
    text_valued: bool = False
    unit: str | None = None

    def __str__(self) -> str:
        return f"{self.key}{self.op}{self.value}"


@dataclass(frozen=True)
class SearchRequest:
    """What the shopper asked for. Structured fields are filters; `terms` rank by relevance."""

    category: str | None = None
    kind_words: tuple[str, ...] = ()  # a product noun narrower than the category: "sunscreen"
    terms: tuple[str, ...] = ()
    # a Chinese, Spanish or French shopper's words for the product that the (English) catalog
    # does not use: not searched, but ranked by meaning (`boosts.CrossLanguageMatch`)
    foreign_words: tuple[str, ...] = ()
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    colours: tuple[str, ...] = ()
    excluded_colours: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    excluded_brands: tuple[str, ...] = ()
    materials: tuple[str, ...] = ()
    excluded_materials: tuple[str, ...] = ()
    excluded_terms: tuple[str, ...] = ()
    audience: str | None = None
    min_rating: Decimal | None = None
    facets: tuple[FacetFilter, ...] = ()
    in_stock_only: bool = True

    def query_text(self) -> str:
        """The text ranked against: product kind, free words, audience, colours."""
        parts = [*self.terms]
        if self.category:
            parts.append(self.category.replace(">", " "))
        parts += [*self.colours, self.audience or ""]
        return " ".join(p for p in parts if p).strip()

    def but(self, **changes: object) -> SearchRequest:
        return replace(self, **changes)  # type: ignore[arg-type]
