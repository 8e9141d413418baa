"""The assistant's fixed sentences: written by code, so they are always true and always there."""

from __future__ import annotations

from assistant.dialogue.next_action import Action
from assistant.facts.describe import describe_request
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
WHICH_PRODUCT = (
    'Which product do you mean? Say, for example, "the second one" — or tell me '
    "what you're looking for and I'll show you some options."
)
WHICH_TO_COMPARE = (
    'Which products should I compare? Say, for example, "compare the first '
    "two\" once I've shown you some options."
)
WHICH_TO_ADD = (
    'Which one should I add to your cart? Say, for example, "add the second one" '
    "— or tell me what you're looking for first."
)
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
ORDER_STATUS = {
    OrderStatus.PLACED: "placed, not shipped yet",
    OrderStatus.SHIPPED: "shipped",
    OrderStatus.DELIVERED: "delivered",
    OrderStatus.CANCELLED: "cancelled",
    OrderStatus.RETURNED: "returned",
}
EXAMPLE_PROMPTS = (
    "running shoes for men under $100",
    "summer sunglasses under $50, not too sporty",
    "wireless headphones for the gym",
    "I need a gift for my sister",
)


def small_talk(says_goodbye: bool) -> str:
    """A goodbye for a goodbye; otherwise the greeting, which says what the assistant does."""
    return FAREWELL if says_goodbye else GREETING


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


def acknowledgement(sentiment: Sentiment | None) -> str:
    if sentiment is Sentiment.NEGATIVE:
        return (
            "Sorry those weren't right. Tell me what to change — a colour, a budget, a brand "
            "to avoid — and I'll look again."
        )
    return "Glad that helps! Anything else you'd like to find?"


def clarifying_question(mentions_gift: bool) -> str:
    return GIFT_QUESTION if mentions_gift else VAGUE_QUESTION


def results_intro(request: SearchRequest, count: int) -> str:
    return f"Here {'is' if count == 1 else 'are'} {count} {describe_request(request)}."


def relaxed_intro(asked: SearchRequest, shown: SearchRequest, dropped: str, count: int) -> str:
    """Nothing met every constraint: say so, what is shown instead and which one it misses."""
    them = "it is" if count == 1 else "they are"
    return (
        f"I couldn't find any {describe_request(asked)}. The closest: "
        f"{count} {describe_request(shown)} — but {them} not {dropped.removeprefix('not ')}"
        if not dropped.startswith("not ")
        else f"I couldn't find any {describe_request(asked)}. The closest: "
        f"{count} {describe_request(shown)} — but {them} {dropped.removeprefix('not ')}"
    ) + "."


def no_results(request: SearchRequest, refined: bool) -> str:
    what = describe_request(request)
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
