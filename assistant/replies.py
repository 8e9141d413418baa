"""The assistant's fixed sentences: written by code, so they are always true and always there."""

from __future__ import annotations

from assistant.describe import describe_request
from assistant.schema import Intent, Sentiment
from catalog.search import SearchRequest

GREETING = ("Hi! I'm your shopping assistant. Tell me what you're looking for — for example "
            "\"running shoes for men under $100\" — and I'll find it in our catalog.")
START_OVER = "Sure, let's start fresh. What are you looking for?"
OUT_OF_SCOPE = ("I can only help with shopping in our store. Tell me what you'd like to find — "
                "a product, a budget, a colour — and I'll show you some options.")
GIFT_QUESTION = ("Happy to help with a gift! Who is it for, what do they enjoy, and roughly "
                 "how much would you like to spend?")
VAGUE_QUESTION = ("Could you tell me a bit more? What kind of product are you after, and do you "
                  "have a budget in mind?")
NOT_YET = {
    Intent.COMPARE: "comparing products side by side",
    Intent.ASK_PRODUCT: "answering questions about a product on screen",
    Intent.CART_ADD: "adding to a cart",
    Intent.CART_REMOVE: "changing the cart",
    Intent.CART_SHOW: "showing a cart",
    Intent.CHECKOUT: "checking out",
    Intent.ORDER_STATUS: "looking up orders",
    Intent.POLICY_QUESTION: "answering questions about store policies",
}
EXAMPLE_PROMPTS = (
    "running shoes for men under $100",
    "summer sunglasses under $50, not too sporty",
    "wireless headphones for the gym",
    "I need a gift for my sister",
)


def not_yet(intent: Intent) -> str:
    what = NOT_YET.get(intent, "that")
    return (f"I understood that, but I can't help with {what} in this chat yet. I can find "
            "products and narrow them down by price, colour, size, brand and more.")


def acknowledgement(sentiment: Sentiment | None) -> str:
    if sentiment is Sentiment.NEGATIVE:
        return ("Sorry those weren't right. Tell me what to change — a colour, a budget, a brand "
                "to avoid — and I'll look again.")
    return "Glad that helps! Anything else you'd like to find?"


def clarifying_question(mentions_gift: bool) -> str:
    return GIFT_QUESTION if mentions_gift else VAGUE_QUESTION


def results_intro(request: SearchRequest, count: int) -> str:
    return f"Here {'is' if count == 1 else 'are'} {count} {describe_request(request)}."


def no_results(request: SearchRequest, refined: bool) -> str:
    what = describe_request(request)
    if refined:
        return (f"I couldn't find any {what} in stock, so I've kept your previous results. "
                "Try relaxing one of the conditions.")
    return (f"Sorry, I couldn't find any {what} in our catalog. Try other words, a wider budget "
            "or a different colour.")
