"""Policy: from what was understood and the state so far, decide the next move and the request."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from assistant.dialogue.choosing import offer_pending
from assistant.dialogue.state import DialogueState
from assistant.understanding.conversation_acts import SHOP_QUESTIONS, Act
from assistant.understanding.foreign_cues import FOREIGN
from assistant.understanding.parsing import ParsedMessage
from assistant.understanding.schema import Intent, PriceDirection
from assistant.understanding.understander import Understanding
from assistant.understanding.vocabulary import category_phrases, singular
from catalog.request import FacetFilter, SearchRequest

CENT = Decimal("0.01")


class Action(StrEnum):
    NEW_SEARCH = "new_search"
    REFINE = "refine"
    CLARIFY = "clarify"
    GREET = "greet"
    ACKNOWLEDGE = "acknowledge"
    START_OVER = "start_over"
    OUT_OF_SCOPE = "out_of_scope"
    COMPARE = "compare"
    DESCRIBE = "describe"  # a product's facts, "why this one?", its reviews
    CART_ADD = "cart_add"  # also a quantity change ("make it 3")
    CART_REMOVE = "cart_remove"
    CART_SHOW = "cart_show"
    CHECKOUT = "checkout"
    ORDER_STATUS = "order_status"
    POLICY = "policy"
    CHOOSE = "choose"  # a product picked ("I'll go for The Guest List"): offer to add it
    SHOP_QUESTION = "shop_question"  # "which currency is that?", "ratings out of 5?"
    SERVICE = "service"  # a change to an order, under the store's rules (the service desk)


FIXED_ACTIONS = {
    Intent.RESET: Action.START_OVER,
    Intent.SMALLTALK: Action.GREET,
    Intent.FEEDBACK: Action.ACKNOWLEDGE,
    Intent.COMPARE: Action.COMPARE,
    Intent.ASK_PRODUCT: Action.DESCRIBE,
    Intent.CART_ADD: Action.CART_ADD,
    Intent.CART_REMOVE: Action.CART_REMOVE,
    Intent.CART_SHOW: Action.CART_SHOW,
    Intent.CHECKOUT: Action.CHECKOUT,
    Intent.ORDER_STATUS: Action.ORDER_STATUS,
    Intent.POLICY_QUESTION: Action.POLICY,
}
STORE_MOVES = frozenset(
    (
        Action.COMPARE,
        Action.DESCRIBE,
        Action.CART_ADD,
        Action.CART_REMOVE,
        Action.CART_SHOW,
        Action.CHECKOUT,
        Action.ORDER_STATUS,
        Action.POLICY,
        Action.CHOOSE,
        Action.SHOP_QUESTION,
    )
)


def decide(understanding: Understanding, state: DialogueState) -> Action:
    intent, parsed, current = understanding.intent, understanding.parsed, state.request
    category = parsed.slots.category
    if intent is Intent.FEEDBACK and parsed.act is Act.AGREE and offer_pending(state):
        return Action.CART_ADD  # "yes" to "Shall I add … to your cart?"
    if intent is Intent.CART_ADD and parsed.act is Act.CHOICE:
        return Action.CHOOSE  # "I'll go for The Guest List": offered before it is added
    if intent is Intent.POLICY_QUESTION and parsed.act in SHOP_QUESTIONS:
        return Action.SHOP_QUESTION
    if intent in FIXED_ACTIONS:
        return FIXED_ACTIONS[intent]
    if intent is Intent.OUT_OF_SCOPE:
        vague = not parsed.product_words and not state.clarification_pending
        return Action.CLARIFY if vague else Action.OUT_OF_SCOPE
    if category and (current is None or category != current.category):
        return Action.NEW_SEARCH
    if current is not None and (intent is Intent.REFINE or category or parsed.has_constraints):
        return Action.REFINE
    names_something = (
        parsed.product_words or category or parsed.slots.occasion not in (None, "gift")
    )
    if not names_something and not state.clarification_pending:
        return Action.CLARIFY  # "I need a gift": too vague to search yet ("camping gear" is not)
    return Action.NEW_SEARCH


def new_request(parsed: ParsedMessage) -> SearchRequest:
    slots = parsed.slots
    return SearchRequest(
        category=slots.category,
        kind_words=_product_nouns(parsed),
        terms=tuple(
            dict.fromkeys(
                [
                    *parsed.keywords,
                    *slots.features,
                    *([slots.occasion] if slots.occasion else []),
                ]
            )
        ),
        foreign_words=_foreign_words(parsed),
        price_min=slots.price_min,
        price_max=slots.price_max,
        colours=tuple(slots.colours),
        excluded_colours=tuple(slots.excluded_colours),
        sizes=tuple(slots.sizes),
        brands=tuple(slots.brands),
        excluded_brands=tuple(slots.excluded_brands),
        materials=tuple(slots.materials),
        excluded_materials=tuple(slots.excluded_materials),
        excluded_terms=tuple(slots.excluded_terms),
        audience=slots.audience,
        min_rating=slots.min_rating,
        facets=tuple(parsed.facets),
    )


def _product_nouns(parsed: ParsedMessage) -> tuple[str, ...]:
    """The product noun that named the category without being its name ("sunscreen" for
    skincare, "socks" for running accessories), singular: only products named so are shown.
    A phrase made of the category's own name ("clothing gear", "camping equipment") names
    no product."""
    category = parsed.slots.category or ""
    phrase = parsed.kind_phrase
    if phrase is None or phrase in category_phrases(category):
        return ()
    if all(word in category.lower() for word in phrase.split()):
        return ()
    return (singular(phrase),)


def _foreign_words(parsed: ParsedMessage) -> tuple[str, ...]:
    """A Chinese, Spanish or French message's own words for the product: those that named its
    kind by meaning and those the catalog does not use ("反光" of "反光狗项圈")."""
    if parsed.language not in FOREIGN:
        return ()
    named = parsed.category_words if parsed.category_by_meaning else []
    return tuple(dict.fromkeys([*named, *parsed.unknown_words]))


def refine_request(
    current: SearchRequest, parsed: ParsedMessage, state: DialogueState
) -> SearchRequest:
    """Apply a refinement: given slots replace, exclusions add up, "cheaper" moves the limit."""
    change = new_request(parsed)
    excluded_brands = _union(current.excluded_brands, change.excluded_brands)
    excluded_colours = _union(current.excluded_colours, change.excluded_colours)
    excluded_materials = _union(current.excluded_materials, change.excluded_materials)
    price_min = change.price_min if change.price_min is not None else current.price_min
    price_max = change.price_max if change.price_max is not None else current.price_max
    direction = relative_price(parsed)
    if direction is PriceDirection.CHEAPER and state.cheapest_shown is not None:
        price_min, price_max = None, state.cheapest_shown - CENT
    elif direction is PriceDirection.PRICIER and state.dearest_shown is not None:
        price_min, price_max = state.dearest_shown + CENT, None
    elif change.price_max is not None and price_min is not None and price_min > change.price_max:
        price_min = None  # "under 30" after "over 50": the new limit wins
    other_kind = bool(change.kind_words) and change.kind_words != current.kind_words
    return current.but(  # the words said of another kind of product are not this one's
        terms=change.terms if other_kind else _union(current.terms, change.terms),
        foreign_words=(
            change.foreign_words
            if other_kind
            else _union(current.foreign_words, change.foreign_words)
        ),
        kind_words=change.kind_words or current.kind_words,
        price_min=price_min,
        price_max=price_max,
        colours=tuple(c for c in (change.colours or current.colours) if c not in excluded_colours),
        excluded_colours=excluded_colours,
        sizes=change.sizes or current.sizes,
        brands=tuple(b for b in (change.brands or current.brands) if b not in excluded_brands),
        excluded_brands=excluded_brands,
        materials=tuple(
            m for m in (change.materials or current.materials) if m not in excluded_materials
        ),
        excluded_materials=excluded_materials,
        excluded_terms=_union(current.excluded_terms, change.excluded_terms),
        audience=change.audience or current.audience,
        min_rating=change.min_rating if change.min_rating is not None else current.min_rating,
        facets=_merged_facets(current.facets, change.facets),
    )


def relative_price(parsed: ParsedMessage) -> PriceDirection | None:
    """ "Cheaper" or "pricier" relative to what was shown; a named amount wins over either."""
    slots = parsed.slots
    named = slots.price_min is not None or slots.price_max is not None
    return None if named else slots.price_direction


def _merged_facets(
    old: tuple[FacetFilter, ...], new: tuple[FacetFilter, ...]
) -> tuple[FacetFilter, ...]:
    """The facets of both, a key said again taking its new value ("only dishwasher safe")."""
    changed = {f.key for f in new}
    return tuple(f for f in old if f.key not in changed) + new


def _union(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*old, *new]))
