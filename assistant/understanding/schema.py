"""The understanding schema: what a shopper can ask for (intents) and the details (slots).

One pydantic model serves the deterministic parser, the model's JSON answer and the labelled
evaluation set, so all three are compared on the same fields. Every field is optional; an
unknown field is an error, so a typo in a label or a model answer cannot pass silently.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Intent(StrEnum):
    SEARCH = "search"  # "running shoes under $100"
    REFINE = "refine"  # "in black", "cheaper", "not Nike"
    COMPARE = "compare"  # "compare the first two"
    ASK_PRODUCT = "ask_product"  # "does the second one come in blue?"
    CART_ADD = "cart_add"  # "add the first one to my cart"
    CART_REMOVE = "cart_remove"  # "take the headphones out of my cart"
    CART_SHOW = "cart_show"  # "what's in my cart?"
    CHECKOUT = "checkout"  # "I'm ready to pay"
    ORDER_STATUS = "order_status"  # "where is my order?"
    POLICY_QUESTION = "policy_question"  # "what's your return policy?"
    FEEDBACK = "feedback"  # "thanks, these are great" / "I don't like these"
    SMALLTALK = "smalltalk"  # "hi", "how are you?"
    RESET = "reset"  # "start over"
    OUT_OF_SCOPE = "out_of_scope"  # "what's the weather tomorrow?"


class PriceDirection(StrEnum):
    CHEAPER = "cheaper"
    PRICIER = "pricier"


class PolicyTopic(StrEnum):
    SHIPPING = "shipping"
    RETURNS = "returns"
    WARRANTY = "warranty"
    PAYMENT = "payment"
    PRICE_MATCH = "price-match"
    CONTACT = "contact"


class Sentiment(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"


class Slots(BaseModel):
    """The details of a request. Lists hold every value named; `excluded_*` the negated ones.

    `references` point at products already shown: "1", "2", … by position ("the second one"),
    "it" for the one last talked about ("that one", "it"), "cheapest" and "dearest"
    ("the cheaper one"), "all" ("these").
    """

    model_config = ConfigDict(extra="forbid")

    category: str | None = None  # a catalog path, e.g. "Shoes > Running"
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    price_direction: PriceDirection | None = None
    colours: list[str] = Field(default_factory=list)
    excluded_colours: list[str] = Field(default_factory=list)
    sizes: list[str] = Field(default_factory=list)
    brands: list[str] = Field(default_factory=list)
    excluded_brands: list[str] = Field(default_factory=list)
    materials: list[str] = Field(default_factory=list)
    excluded_materials: list[str] = Field(default_factory=list)
    audience: str | None = None  # men, women, kids, unisex
    occasion: str | None = None  # from OCCASIONS
    min_rating: Decimal | None = None
    features: list[str] = Field(default_factory=list)  # "waterproof", "wireless"…
    facets: list[str] = Field(default_factory=list)  # "laptop_sleeve_in>=15", "age_range~5"
    excluded_terms: list[str] = Field(default_factory=list)  # "not too sporty" → "sporty"
    references: list[str] = Field(default_factory=list)
    quantity: int | None = None
    order_number: str | None = None
    policy_topic: PolicyTopic | None = None
    sentiment: Sentiment | None = None

    def pairs(self) -> set[tuple[str, str]]:
        """(slot, value) pairs for scoring: one per list element, values normalised."""
        pairs: set[tuple[str, str]] = set()
        for name, value in self.model_dump(exclude_none=True).items():
            values: list[Any] = value if isinstance(value, list) else [value]
            pairs |= {(name, _normalise(v)) for v in values}
        return pairs


class Understood(BaseModel):
    """A labelled or predicted reading of one message."""

    model_config = ConfigDict(extra="forbid")

    intent: Intent
    slots: Slots = Field(default_factory=Slots)


OCCASIONS = (
    "wedding",
    "party",
    "work",
    "gym",
    "running",
    "hiking",
    "camping",
    "travel",
    "beach",
    "summer",
    "winter",
    "rain",
    "birthday",
    "christmas",
    "gift",
    "school",
    "date",
    "everyday",
)


def _normalise(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value).strip().lower()
