"""The assistant's fixed sentences: written by code, so they are always true and always there."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.dialogue.next_action import Action
from assistant.facts.describe import describe_request
from assistant.understanding.conversation_acts import Act
from assistant.understanding.schema import PriceDirection, Sentiment
from catalog.models import OrderStatus
from catalog.request import SearchRequest

GREETING = (
    "Hi! I'm your shopping assistant. Tell me what you're looking for — for example "
    '"running shoes for men under $100" — and I\'ll find it in our catalog.'
)
FAREWELL = (
    "Thanks for stopping by — bye for now! Your cart and our chat will be here if you come back."
)
START_OVER = "Sure, let's start fresh. What are you looking for?"
SHOPPING_WELCOME = "Hi! I'd be glad to help you shop. What are you looking for today?"
NEXT_STEPS = (
    "Would you like to narrow these down (a budget, a colour, a brand), compare two of them, "
    "or add one to your cart?"
)
NEXT_STEP_ONE = "Would you like to know more about it, or add it to your cart?"
ANYTHING_ELSE = "Anything else you'd like to find?"
GLAD = f"Glad that helps! {ANYTHING_ELSE}"
NO_PROBLEM = "No problem. If you'd like anything else, just tell me what you're looking for."
WHAT_TO_FIND = "What kind of product are you looking for?"
NOT_RIGHT = (
    "Sorry those weren't right. Tell me what to change — a colour, a budget, a brand "
    "to avoid — and I'll look again."
)
SORRY_ASK_AGAIN = "Sorry about that. Tell me what you're looking for and I'll find it."
RATING_SCALE = (
    "Ratings are out of 5, where 5 is the best, given by the shoppers who reviewed each product."
)
CURRENCY_NAMES = {
    "USD": "US dollars",
    "EUR": "euros",
    "GBP": "British pounds",
    "INR": "Indian rupees",
}
OUT_OF_SCOPE = (
    "I can only help with shopping in our store. Tell me what you'd like to find — "
    "a product, a budget, a colour — and I'll show you some options."
)
GIFT_QUESTION = (
    "Happy to help with a gift! Who is it for, what do they enjoy, and roughly "
    "how much would you like to spend?"
)
VAGUE_QUESTION = (
    "Could you tell me a bit more? What kind of product are you after, and do you "
    "have a budget in mind?"
)
ORDINAL_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth"}
WHICH_PRODUCT = (
    'Which product do you mean? Say, for example, "the second one" — or tell me '
    "what you're looking for and I'll show you some options."
)


def beyond_shown(position: int, shown: int) -> str:
    """ "the fifth one" when four are on screen."""
    if shown == 0:
        return "I haven't shown you any products yet — tell me what you're looking for."
    ordinal = ORDINAL_WORDS.get(position, f"number {position}")
    listed = "one product" if shown == 1 else f"{shown} products"
    return f"I've only shown you {listed}, so there is no {ordinal} one. Which do you mean?"


def gone_from_catalog(position: int) -> str:
    """A product shown earlier that the catalog no longer has."""
    ordinal = ORDINAL_WORDS.get(position, f"number {position}")
    return (
        f"The {ordinal} product I showed you is no longer in our catalog, so I can't tell you "
        "more about it. Shall I look for something similar?"
    )


WHICH_TO_COMPARE = (
    'Which products should I compare? Say, for example, "compare the first '
    "two\" once I've shown you some options."
)
WHICH_TO_ADD = (
    'Which one should I add to your cart? Say, for example, "add the second one" '
    "— or tell me what you're looking for first."
)
WHICH_PICKED = 'Which one would you like: "the first one", "the second one", or one by its name?'
WHICH_TO_REMOVE = "Which item should I take out? Your cart has:"
WHICH_QUANTITY = 'Which item\'s quantity should I change? Say, for example, "make the first one 2".'
EMPTY_CART = "Your cart is empty. Tell me what you're looking for and I'll find it."
NO_SESSION = "Sorry, I can only keep a cart and orders in a saved chat — please reload the page."
SIGN_IN = {  # a real shop signs its customers in; the demo has its "Demo sign-in" menu
    Action.CHECKOUT: (
        "To check out, please sign in to the shop (on the demo: pick a shopper in the "
        '"Demo sign-in" menu), then say "checkout" again. Your cart is kept.'
    ),
    Action.ORDER_STATUS: (
        "I can only look up orders of a signed-in customer. Please sign in to the shop (on "
        'the demo: pick a shopper in the "Demo sign-in" menu) and ask again.'
    ),
}
POLICY_NOT_COVERED = "Our store policies don't cover that, so I'd rather not guess."


def policy_not_covered(unmentioned: Sequence[str]) -> str:
    """The lead of an answer the policy text does not give: what it does not mention."""
    if not unmentioned:
        return POLICY_NOT_COVERED
    said = " or ".join(f"“{w}”" for w in unmentioned[:3])
    return f"Our store policies don't mention {said}, so I'd rather not guess."


ORDER_STATUS = {
    OrderStatus.PLACED: "placed, not shipped yet",
    OrderStatus.ITEMS_MODIFIED: "placed (items changed), not shipped yet",
    OrderStatus.SHIPPED: "shipped",
    OrderStatus.DELIVERED: "delivered",
    OrderStatus.CANCELLED: "cancelled",
    OrderStatus.RETURNED: "returned",
    OrderStatus.RETURN_REQUESTED: "delivered; a return is requested",
    OrderStatus.EXCHANGE_REQUESTED: "delivered; an exchange is requested",
}
EXAMPLE_PROMPTS = (
    "running shoes for men under $100",
    "summer sunglasses under $50, not too sporty",
    "wireless headphones for the gym",
    "I need a gift for my sister",
)


def small_talk(says_goodbye: bool, act: Act | None) -> str:
    """A goodbye for a goodbye; a welcome and one question for "can you help me shop?";
    otherwise the greeting, which says what the assistant does."""
    if says_goodbye:
        return FAREWELL
    return SHOPPING_WELCOME if act is Act.WANTS_TO_SHOP else GREETING


def hand_off(contact: str | None) -> str:
    """Passing the shopper to a person, with the contact details from the policy text."""
    if contact:
        return f"A member of our customer care team can help — from our Contact policy: “{contact}”"
    return "A member of our customer care team can help — please ask them."


def order_not_found(number: str) -> str:
    return (
        f"I couldn't find an order numbered {number} on your account. Please check the "
        "number — I can only look up the orders of the shopper signed in to this chat."
    )


def acknowledgement(sentiment: Sentiment | None, act: Act | None, shown: int) -> str:
    """The answer to thanks, "sure", "no thanks" or a reaction: never the results again, but
    the next step when there are `shown` products on screen to take it with."""
    if act is None:  # a verdict the feeling words carry: "these are ugly", "love these!"
        return NOT_RIGHT if sentiment is Sentiment.NEGATIVE else GLAD
    if act is Act.DISLIKE:
        return NOT_RIGHT if shown else SORRY_ASK_AGAIN
    if act is Act.DECLINE:
        return NO_PROBLEM
    if shown:
        opening = {Act.THANKS: "You're welcome — glad that helps!", Act.LIKE: "Glad to hear it!"}
        step = NEXT_STEP_ONE if shown == 1 else NEXT_STEPS
        return f"{opening.get(act, 'Great.' if act is Act.AGREE else '')} {step}".strip()
    if act is Act.THANKS:
        return f"You're welcome! {ANYTHING_ELSE}"
    return f"Glad to hear it! {ANYTHING_ELSE}" if act is Act.LIKE else WHAT_TO_FIND


def currency_answer(currencies: Sequence[str]) -> str:
    """ "Which currency is that?": the currencies of the products the shopper has seen."""
    if not currencies:
        return (
            "Every price is shown with its currency on the product card. Tell me what you're "
            "looking for and I'll show you some."
        )
    named = [f"{CURRENCY_NAMES.get(c, c)} ({c})" for c in dict.fromkeys(currencies)]
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return f"Prices here are in {listed}."


def clarifying_question(mentions_gift: bool) -> str:
    return GIFT_QUESTION if mentions_gift else VAGUE_QUESTION


def results_intro(request: SearchRequest, count: int) -> str:
    return f"Here {'is' if count == 1 else 'are'} {count} {describe_request(request, count == 1)}."


def which_way(words: list[str]) -> str:
    """A constraint asked for both ways ("waterproof but not waterproof")."""
    return f"Should it be {' and '.join(words)} or not? You asked for both."


def none_listed_as(words: tuple[str, ...], count: int) -> str:
    """What was asked that no shown product is listed as."""
    subject = "It isn't" if count == 1 else "None of them is"
    return f"{subject} listed as {' or '.join(words)}."


def relaxed_intro(asked: SearchRequest, shown: SearchRequest, missed: str, count: int) -> str:
    """Nothing met every constraint: say so, what is shown instead and what it misses."""
    return (
        f"I couldn't find any {describe_request(asked)}. The closest: {count} "
        f"{describe_request(shown, count == 1)}, but {missed}."
    )


def not_in_catalog(words: list[str]) -> str:
    """A request in words the catalog never uses: say so, quoting them, and ask."""
    return (
        f"Sorry, I couldn't find anything matching “{' '.join(words)}” in our catalog. Tell "
        "me what kind of product you're after — and a budget, a colour or a brand if you "
        "like — and I'll show you what we have."
    )


def unchanged(words: list[str], request: SearchRequest) -> str:
    """A refinement in words the catalog never uses: the results stand, and it says why."""
    return (
        f"Our listings don't mention “{' '.join(words)}”, so I've kept the "
        f"{describe_request(request)} above. "
        "Tell me a budget, a colour, a brand or a feature and I'll narrow them down."
    )


def no_results(request: SearchRequest, refined: bool) -> str:
    what = describe_request(request)
    if what == "products" and request.terms:  # only words it searched for: quote them
        return not_in_catalog(list(request.terms))
    if refined:
        return (
            f"I couldn't find any {what} in stock, so I've kept your previous results. "
            "Try relaxing one of the conditions."
        )
    return (
        f"Sorry, I couldn't find any {what} in our catalog. Try other words, a wider budget "
        "or a different colour."
    )


def nothing_beyond(direction: PriceDirection, previous: SearchRequest) -> str:
    """ "Cheaper" or "pricier" found nothing past what was shown for the `previous` request."""
    extreme = "cheapest" if direction is PriceDirection.CHEAPER else "priciest"
    return (
        f"Those were the {extreme} {describe_request(previous)} in stock, so I've kept them "
        "on screen. Try another colour, brand or style."
    )


def nothing_else(request: SearchRequest) -> str:
    return (
        f"That's every {describe_request(request)} I have that you haven't seen yet. Try "
        "changing a condition — another colour, brand or budget."
    )
