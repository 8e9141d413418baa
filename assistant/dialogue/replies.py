"""The assistant's fixed sentences: written by code, so they are always true and always there.

Constants are marked with `N_` and said with `_()`; functions return their sentence in the
language being spoken (see `assistant.translation`).
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.dialogue.next_action import Action
from assistant.facts.describe import describe_request, names_nothing
from assistant.translation.lists import both, either, in_a_row
from assistant.translation.speaking import N_, _, ngettext
from assistant.understanding.conversation_acts import Act
from assistant.understanding.schema import PriceDirection, Sentiment
from catalog.models import OrderStatus
from catalog.request import SearchRequest

GREETING = N_(
    "Hi! I'm your shopping assistant. Tell me what you're looking for — for example "
    '"running shoes for men under $100" — and I\'ll find it in our catalog.'
)
FAREWELL = N_(
    "Thanks for stopping by — bye for now! Your cart and our chat will be here if you come back."
)
START_OVER = N_("Sure, let's start fresh. What are you looking for?")
SHOPPING_WELCOME = N_("Hi! I'd be glad to help you shop. What are you looking for today?")
NEXT_STEPS = N_(
    "Would you like to narrow these down (a budget, a colour, a brand), compare two of them, "
    "or add one to your cart?"
)
NEXT_STEP_ONE = N_("Would you like to know more about it, or add it to your cart?")
ANYTHING_ELSE = N_("Anything else you'd like to find?")
GLAD = N_("Glad that helps!")
GLAD_TO_HEAR = N_("Glad to hear it!")
WELCOME = N_("You're welcome!")
NO_PROBLEM = N_("No problem. If you'd like anything else, just tell me what you're looking for.")
WHAT_TO_FIND = N_("What kind of product are you looking for?")
NOT_RIGHT = N_(
    "Sorry those weren't right. Tell me what to change — a colour, a budget, a brand "
    "to avoid — and I'll look again."
)
SORRY_ASK_AGAIN = N_("Sorry about that. Tell me what you're looking for and I'll find it.")
RATING_SCALE = N_(
    "Ratings are out of 5, where 5 is the best, given by the shoppers who reviewed each product."
)
CURRENCY_NAMES = {
    "USD": N_("US dollars"),
    "EUR": N_("euros"),
    "GBP": N_("British pounds"),
    "INR": N_("Indian rupees"),
}
OUT_OF_SCOPE = N_(
    "I can only help with shopping in our store. Tell me what you'd like to find — "
    "a product, a budget, a colour — and I'll show you some options."
)
GIFT_QUESTION = N_(
    "Happy to help with a gift! Who is it for, what do they enjoy, and roughly "
    "how much would you like to spend?"
)
VAGUE_QUESTION = N_(
    "Could you tell me a bit more? What kind of product are you after, and do you "
    "have a budget in mind?"
)
ORDINAL_WORDS = {
    1: N_("first"),
    2: N_("second"),
    3: N_("third"),
    4: N_("fourth"),
    5: N_("fifth"),
    6: N_("sixth"),
}
WHICH_PRODUCT = N_(
    'Which product do you mean? Say, for example, "the second one" — or tell me '
    "what you're looking for and I'll show you some options."
)


def ordinal(position: int) -> str:
    """ "second", or "number 7" past the words."""
    word = ORDINAL_WORDS.get(position)
    return _(word) if word else _("number {position}").format(position=position)


def beyond_shown(position: int, shown: int) -> str:
    """ "the fifth one" when four are on screen."""
    if shown == 0:
        return _("I haven't shown you any products yet — tell me what you're looking for.")
    return ngettext(
        "I've only shown you one product, so there is no {ordinal} one. Which do you mean?",
        "I've only shown you {shown} products, so there is no {ordinal} one. Which do you mean?",
        shown,
    ).format(shown=shown, ordinal=ordinal(position))


def gone_from_catalog(position: int) -> str:
    """A product shown earlier that the catalog no longer has."""
    return _(
        "The {ordinal} product I showed you is no longer in our catalog, so I can't tell you "
        "more about it. Shall I look for something similar?"
    ).format(ordinal=ordinal(position))


WHICH_TO_COMPARE = N_(
    'Which products should I compare? Say, for example, "compare the first '
    "two\" once I've shown you some options."
)
WHICH_TO_ADD = N_(
    'Which one should I add to your cart? Say, for example, "add the second one" '
    "— or tell me what you're looking for first."
)
WHICH_PICKED = N_(
    'Which one would you like: "the first one", "the second one", or one by its name?'
)
WHICH_TO_REMOVE = N_("Which item should I take out? Your cart has:")
WHICH_QUANTITY = N_(
    'Which item\'s quantity should I change? Say, for example, "make the first one 2".'
)
EMPTY_CART = N_("Your cart is empty. Tell me what you're looking for and I'll find it.")
NO_SESSION = N_(
    "Sorry, I can only keep a cart and orders in a saved chat — please reload the page."
)
SIGN_IN = {  # a real shop signs its customers in; the demo has its "Demo sign-in" menu
    Action.CHECKOUT: N_(
        "To check out, please sign in to the shop (on the demo: pick a shopper in the "
        '"Demo sign-in" menu), then say "checkout" again. Your cart is kept.'
    ),
    Action.ORDER_STATUS: N_(
        "I can only look up orders of a signed-in customer. Please sign in to the shop (on "
        'the demo: pick a shopper in the "Demo sign-in" menu) and ask again.'
    ),
}
POLICY_NOT_COVERED = N_("Our store policies don't cover that, so I'd rather not guess.")


def policy_not_covered(unmentioned: Sequence[str]) -> str:
    """The lead of an answer the policy text does not give: what it does not mention."""
    if not unmentioned:
        return _(POLICY_NOT_COVERED)
    said = either([f"“{w}”" for w in unmentioned[:3]])
    return _("Our store policies don't mention {said}, so I'd rather not guess.").format(said=said)


ORDER_STATUS = {
    OrderStatus.PLACED: N_("placed, not shipped yet"),
    OrderStatus.ITEMS_MODIFIED: N_("placed (items changed), not shipped yet"),
    OrderStatus.SHIPPED: N_("shipped"),
    OrderStatus.DELIVERED: N_("delivered"),
    OrderStatus.CANCELLED: N_("cancelled"),
    OrderStatus.RETURNED: N_("returned"),
    OrderStatus.RETURN_REQUESTED: N_("delivered; a return is requested"),
    OrderStatus.EXCHANGE_REQUESTED: N_("delivered; an exchange is requested"),
}
EXAMPLE_PROMPTS = (  # offered to a new chat, in its language: each one the assistant reads
    N_("running shoes for men under $100"),
    N_("summer sunglasses under $50, not too sporty"),
    N_("wireless headphones for the gym"),
    N_("I need a gift for my sister"),
)


def small_talk(says_goodbye: bool, act: Act | None) -> str:
    """A goodbye for a goodbye; a welcome and one question for "can you help me shop?";
    otherwise the greeting, which says what the assistant does."""
    if says_goodbye:
        return _(FAREWELL)
    return _(SHOPPING_WELCOME if act is Act.WANTS_TO_SHOP else GREETING)


def hand_off(contact: str | None) -> str:
    """Passing the shopper to a person, with the contact details from the policy text."""
    if contact:
        return _(
            "A member of our customer care team can help — from our Contact policy: “{contact}”"
        ).format(contact=contact)
    return _("A member of our customer care team can help — please ask them.")


def order_not_found(number: str) -> str:
    return _(
        "I couldn't find an order numbered {number} on your account. Please check the "
        "number — I can only look up the orders of the shopper signed in to this chat."
    ).format(number=number)


def acknowledgement(sentiment: Sentiment | None, act: Act | None, shown: int) -> str:
    """The answer to thanks, "sure", "no thanks" or a reaction: never the results again, but
    the next step when there are `shown` products on screen to take it with."""
    if act is None:  # a verdict the feeling words carry: "these are ugly", "love these!"
        if sentiment is Sentiment.NEGATIVE:
            return _(NOT_RIGHT)
        return in_a_row((_(GLAD), _(ANYTHING_ELSE)))
    if act is Act.DISLIKE:
        return _(NOT_RIGHT if shown else SORRY_ASK_AGAIN)
    if act is Act.DECLINE:
        return _(NO_PROBLEM)
    if shown:
        opening = {
            Act.THANKS: N_("You're welcome — glad that helps!"),
            Act.LIKE: GLAD_TO_HEAR,
            Act.AGREE: N_("Great."),
        }.get(act)
        step = _(NEXT_STEP_ONE if shown == 1 else NEXT_STEPS)
        return in_a_row((_(opening), step)) if opening else step
    if act is Act.THANKS:
        return in_a_row((_(WELCOME), _(ANYTHING_ELSE)))
    if act is Act.LIKE:
        return in_a_row((_(GLAD_TO_HEAR), _(ANYTHING_ELSE)))
    return _(WHAT_TO_FIND)


def currency_answer(currencies: Sequence[str]) -> str:
    """ "Which currency is that?": the currencies of the products the shopper has seen."""
    if not currencies:
        return _(
            "Every price is shown with its currency on the product card. Tell me what you're "
            "looking for and I'll show you some."
        )
    named = [
        f"{_(CURRENCY_NAMES[c]) if c in CURRENCY_NAMES else c} ({c})"
        for c in dict.fromkeys(currencies)
    ]
    return _("Prices here are in {currencies}.").format(currencies=both(named))


def limit_read_in(currency: str) -> str:
    """A price limit said in another currency, read in the shop's."""
    named = _(CURRENCY_NAMES[currency]) if currency in CURRENCY_NAMES else currency
    return _("Our prices are in {currency}, so I've read your limit in {currency} too.").format(
        currency=named
    )


def clarifying_question(mentions_gift: bool) -> str:
    return _(GIFT_QUESTION if mentions_gift else VAGUE_QUESTION)


def results_intro(request: SearchRequest, count: int) -> str:
    return ngettext("Here is {count} {what}.", "Here are {count} {what}.", count).format(
        count=count, what=describe_request(request, count == 1)
    )


def which_way(words: list[str]) -> str:
    """A constraint asked for both ways ("waterproof but not waterproof")."""
    return _("Should it be {words} or not? You asked for both.").format(words=both(words))


def none_listed_as(words: tuple[str, ...], count: int) -> str:
    """What was asked that no shown product is listed as."""
    return ngettext(
        "It isn't listed as {words}.", "None of them is listed as {words}.", count
    ).format(words=either(words))


def relaxed_intro(asked: SearchRequest, shown: SearchRequest, missed: str, count: int) -> str:
    """Nothing met every constraint: say so, what is shown instead and what it misses."""
    return _("I couldn't find any {asked}. The closest: {count} {shown}, but {missed}.").format(
        asked=describe_request(asked),
        count=count,
        shown=describe_request(shown, count == 1),
        missed=missed,
    )


def not_in_catalog(words: list[str]) -> str:
    """A request in words the catalog never uses: say so, quoting them, and ask."""
    return _(
        "Sorry, I couldn't find anything matching “{words}” in our catalog. Tell "
        "me what kind of product you're after — and a budget, a colour or a brand if you "
        "like — and I'll show you what we have."
    ).format(words=" ".join(words))


def unchanged(words: list[str], request: SearchRequest) -> str:
    """A refinement in words the catalog never uses: the results stand, and it says why."""
    return _(
        "Our listings don't mention “{words}”, so I've kept the {what} above. "
        "Tell me a budget, a colour, a brand or a feature and I'll narrow them down."
    ).format(words=" ".join(words), what=describe_request(request))


def not_narrowed(request: SearchRequest) -> str:
    """A refinement in words that leave the same products the best matches: say so rather
    than show them again as if they were new."""
    return _(
        "That doesn't narrow down the {what} above: they're still the best matches I have. "
        "Tell me a budget, a colour, a brand or a feature and I'll narrow them down."
    ).format(what=describe_request(request))


def no_results(request: SearchRequest, refined: bool) -> str:
    what = describe_request(request)
    if names_nothing(request) and request.terms:  # only words: quote them
        return not_in_catalog(list(request.terms))
    if refined:
        return _(
            "I couldn't find any {what} in stock, so I've kept your previous results. "
            "Try relaxing one of the conditions."
        ).format(what=what)
    return _(
        "Sorry, I couldn't find any {what} in our catalog. Try other words, a wider budget "
        "or a different colour."
    ).format(what=what)


def nothing_beyond(direction: PriceDirection, previous: SearchRequest) -> str:
    """ "Cheaper" or "pricier" found nothing past what was shown for the `previous` request."""
    if direction is PriceDirection.CHEAPER:
        sentence = N_(
            "Those were the cheapest {what} in stock, so I've kept them on screen. "
            "Try another colour, brand or style."
        )
    else:
        sentence = N_(
            "Those were the priciest {what} in stock, so I've kept them on screen. "
            "Try another colour, brand or style."
        )
    return _(sentence).format(what=describe_request(previous))


def nothing_else(request: SearchRequest) -> str:
    return _(
        "That's every {what} I have that you haven't seen yet. Try "
        "changing a condition — another colour, brand or budget."
    ).format(what=describe_request(request))
