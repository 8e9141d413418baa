"""Policy: from what was understood and the state so far, decide the next move and the request."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from assistant.parsing import ParsedMessage, PriceDirection
from assistant.state import DialogueState
from assistant.understanding import Intent, Understanding
from catalog.search import SearchRequest

CENT = Decimal("0.01")


class Action(StrEnum):
    NEW_SEARCH = "new_search"
    REFINE = "refine"
    CLARIFY = "clarify"
    GREET = "greet"
    START_OVER = "start_over"
    OUT_OF_SCOPE = "out_of_scope"


def decide(understanding: Understanding, state: DialogueState) -> Action:
    parsed, intent, current = understanding.parsed, understanding.intent, state.request
    if intent is Intent.RESET:
        return Action.START_OVER
    if intent is Intent.GREETING:
        return Action.GREET
    if parsed.category and (current is None or parsed.category != current.category):
        return Action.NEW_SEARCH
    if current is not None and (parsed.category or intent is Intent.REFINE
                                or parsed.has_constraints or parsed.excluded_terms):
        return Action.REFINE
    if intent is Intent.OTHER:
        return Action.OUT_OF_SCOPE if parsed.keywords or state.clarification_pending \
            else Action.CLARIFY
    if current is not None and parsed.keywords and not _names_new_product(understanding):
        return Action.REFINE
    if not parsed.keywords and not state.clarification_pending:
        return Action.CLARIFY  # "I need a gift": too vague to search yet
    return Action.NEW_SEARCH


def _names_new_product(understanding: Understanding) -> bool:
    """The model named a kind of item, in the shopper's own words: a new topic."""
    model = understanding.model_intent
    if model is None or not model.product:
        return False
    text = understanding.parsed.text.lower()
    return model.intent is Intent.SEARCH and all(w in text for w in model.product.split())


def new_request(parsed: ParsedMessage) -> SearchRequest:
    return SearchRequest(
        category=parsed.category,
        terms=tuple(parsed.keywords),
        price_min=parsed.price_min,
        price_max=parsed.price_max,
        colours=tuple(parsed.colours),
        excluded_colours=tuple(parsed.excluded_colours),
        sizes=tuple(parsed.sizes),
        brands=tuple(parsed.brands),
        excluded_brands=tuple(parsed.excluded_brands),
        excluded_terms=tuple(parsed.excluded_terms),
        audience=parsed.audience,
    )


def refine_request(current: SearchRequest, parsed: ParsedMessage,
                   state: DialogueState) -> SearchRequest:
    """Apply a refinement: given slots replace, exclusions add up, "cheaper" moves the limit."""
    excluded_brands = _union(current.excluded_brands, parsed.excluded_brands)
    excluded_colours = _union(current.excluded_colours, parsed.excluded_colours)
    price_min = parsed.price_min if parsed.price_min is not None else current.price_min
    price_max = parsed.price_max if parsed.price_max is not None else current.price_max
    if parsed.price_direction is PriceDirection.CHEAPER and state.cheapest_shown is not None:
        price_min, price_max = None, state.cheapest_shown - CENT
    elif parsed.price_direction is PriceDirection.PRICIER and state.dearest_shown is not None:
        price_min, price_max = state.dearest_shown + CENT, None
    elif parsed.price_max is not None and price_min is not None and price_min > parsed.price_max:
        price_min = None  # "under 30" after "over 50": the new limit wins
    return current.but(
        terms=_union(current.terms, parsed.keywords),
        price_min=price_min,
        price_max=price_max,
        colours=tuple(c for c in (parsed.colours or current.colours) if c not in excluded_colours),
        excluded_colours=excluded_colours,
        sizes=tuple(parsed.sizes) or current.sizes,
        brands=tuple(b for b in (parsed.brands or current.brands) if b not in excluded_brands),
        excluded_brands=excluded_brands,
        excluded_terms=_union(current.excluded_terms, parsed.excluded_terms),
        audience=parsed.audience or current.audience,
    )


def _union(old: tuple[str, ...], new: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*old, *new]))
