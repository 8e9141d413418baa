"""Messages that are no product request: acknowledgements, reactions, greetings, picks and
questions about the shop, read without the model and answered without re-running a search."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.dialogue import replies
from assistant.dialogue.choosing import offer_pending, offer_to_add, picked_product
from assistant.dialogue.state import (
    AssistantSaid,
    Conversation,
    ProductsDiscussed,
    ResultsShown,
    ShopperSaid,
)
from assistant.understanding.conversation_acts import Act, read_act
from assistant.understanding.intent_rules import Context, rules_intent
from assistant.understanding.parsing import parse_message
from assistant.understanding.schema import Intent
from assistant.understanding.vocabulary import CatalogVocabulary
from catalog.models import Product

VOCAB = CatalogVocabulary.from_catalog(["Stridewell"], ["Books", "Shoes > Running"])
ON_SCREEN = Context("books", 4)


@pytest.mark.parametrize(
    ("message", "act"),
    [
        ("Sure!", Act.AGREE),
        ("That is fine", Act.AGREE),
        ("ok", Act.AGREE),
        ("sounds good", Act.AGREE),
        ("Uummm, sure.", Act.AGREE),
        ("I do not have an author in mind", Act.AGREE),
        ("no particular preference", Act.AGREE),
        ("any colour is fine", Act.AGREE),
        ("it doesn't matter", Act.AGREE),
        ("that's totally fine", Act.AGREE),
        ("great, thanks", Act.THANKS),
        ("Paper looks good, thanks", Act.THANKS),
        ("thank you for all your help! hope you have a great day!", Act.THANKS),
        ("oh god", Act.DISLIKE),
        ("nah, they look ugly", Act.DISLIKE),
        ("thats lame!", Act.DISLIKE),
        ("It sounds interesting", Act.LIKE),
        ("WOW seems cool", Act.LIKE),
        ("hm, catchy title", Act.LIKE),
        ("No, thank you for the help.", Act.DECLINE),
        ("oh, I'm not interested then", Act.DECLINE),
        ("hmm", Act.MUSE),
        ("I see", Act.MUSE),
        ("Hi :)", Act.GREETING),
        ("Helloooo", Act.GREETING),
        ("Hi, I am hoping you can help me with some shopping!", Act.WANTS_TO_SHOP),
        ("And which currency is that? USD?", Act.ASKS_CURRENCY),
        ("Are those prices in euros?", Act.ASKS_CURRENCY),
        ("Am I right in saying those ratings are out of 5?", Act.ASKS_RATING_SCALE),
        ("Is that user rating?", Act.ASKS_RATING_SCALE),
    ],
)
def test_what_a_message_does_in_the_conversation(message, act):
    assert read_act(message) == (act, "")


@pytest.mark.parametrize(
    ("message", "picked"),
    [
        ("I think I would like to go for The Guest List then!", "the guest list"),
        ("then definitly I will go for pixel", "pixel"),
        ("I think I'll stick with the first option", "the first"),
        ("still prefer the google one", "the google"),
        ("I would like to buy 1922 then", "1922"),
    ],
)
def test_a_pick_keeps_the_words_that_name_the_product(message, picked):
    assert read_act(message) == (Act.CHOICE, picked)


@pytest.mark.parametrize(
    "message",
    [
        "Sure, but different colors.",  # a clause that is a request
        "sure, in red",
        "Sure. I want to video call with my grand children.",
        "cool, but do u have other designs",
        "I would like to buy a book in crime genre",  # a pick of no shown product: a search
        "something like the second one",  # "like" the preposition, no pick
        "I'm looking for some book",
        "my budget is 600$",
        "I would like to keep it under 12,000 nok",  # a currency, but no question about it
        "a tent where the weight does not matter",  # a request that says what does not matter
        "",
    ],
)
def test_requests_are_no_conversation_act(message):
    assert read_act(message) == (None, "")


def _intent(message: str, context: Context = ON_SCREEN) -> Intent:
    return rules_intent(parse_message(message, VOCAB), context, VOCAB).intent


def test_acts_have_their_intent_without_the_model():
    for message, intent in [
        ("Sure!", Intent.FEEDBACK),
        ("oh god", Intent.FEEDBACK),
        ("It sounds interesting", Intent.FEEDBACK),
        ("not interested", Intent.FEEDBACK),  # a decline, not an excluded word
        ("Hi, I am hoping you can help me with some shopping!", Intent.SMALLTALK),
        ("thanks a lot, have a great day", Intent.SMALLTALK),  # a goodbye
        ("I'd like to go for The Guest List then", Intent.CART_ADD),
        ("And which currency is that? USD?", Intent.POLICY_QUESTION),
    ]:
        verdict = rules_intent(parse_message(message, VOCAB), ON_SCREEN, VOCAB)
        assert (verdict.intent, verdict.sure) == (intent, True), message


def test_an_act_that_adds_a_constraint_refines_and_a_pick_needs_products_to_pick_from():
    assert _intent("sure, in red") is Intent.REFINE
    assert _intent("books are fine, under $20") is Intent.REFINE
    assert _intent("I'll go for the Stridewell running shoes", Context()) is Intent.SEARCH
    assert _intent("I'll go with the free shipping option") is Intent.POLICY_QUESTION


def _product(product_id: int, name: str, stock: int = 5) -> Product:
    return Product(id=product_id, name=name, price=Decimal("9.99"), currency="USD", stock=stock)


BOOKS = [
    _product(1, "The Guest List: A Novel by Lucy Foley"),
    _product(2, "1922 by Stephen King"),
    _product(3, "Billy Summers by Stephen King"),
    _product(4, "The Paris Apartment: A Novel by Lucy Foley"),
]


def _shown(*extra) -> Conversation:
    conversation = Conversation()
    conversation.record(ResultsShown((1, 2, 3), (Decimal("9.99"),) * 3), *extra)
    return conversation


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("I think I would like to go for The Guest List then!", 1),
        ("I would like to buy 1922 then", 2),
        ("I'll stick with the third one", 3),
        ("I'll go for the Stephen King one", None),  # two of them: asked, not guessed
        ("I'll go for the Lucy Foley Paris Apartment", 4),  # talked about earlier
        ("I'll go for it", None),  # three on screen, none in focus
    ],
)
def test_the_pick_is_read_by_position_then_by_the_most_words_of_a_name(message, expected):
    state = _shown(ProductsDiscussed((4,)), ResultsShown((1, 2, 3), (Decimal("9.99"),) * 3))
    picked = picked_product(parse_message(message, VOCAB), state.state, BOOKS)
    assert (picked.id if picked else None) == expected


def test_a_yes_adds_only_while_the_offer_is_the_last_thing_said():
    offer = offer_to_add("1922 by Stephen King", "$9.99")
    assert offer == "Shall I add 1922 by Stephen King ($9.99) to your cart?"
    conversation = _shown(ProductsDiscussed((2,)), AssistantSaid(offer))
    assert offer_pending(conversation.state)
    conversation.record(ShopperSaid("what about shipping?"), AssistantSaid("From our policy…"))
    assert not offer_pending(conversation.state)
    assert not offer_pending(_shown(AssistantSaid(offer)).state)  # no product in focus


def test_acknowledgements_offer_the_next_step_and_never_the_results_again():
    for act in (Act.THANKS, Act.AGREE, Act.LIKE, Act.MUSE):
        on_screen = replies.acknowledgement(None, act, shown=4)
        assert "compare" in on_screen and "cart" in on_screen and "Here are" not in on_screen
        assert "cart" in replies.acknowledgement(None, act, shown=1)
        assert replies.acknowledgement(None, act, shown=0).endswith("?")
    assert replies.acknowledgement(None, Act.DISLIKE, shown=4).startswith("Sorry")
    assert replies.acknowledgement(None, Act.DECLINE, shown=4).startswith("No problem")


def test_the_currency_answer_names_only_the_currencies_seen():
    assert replies.currency_answer(["USD", "USD"]) == "Prices here are in US dollars (USD)."
    both = replies.currency_answer(["EUR", "NOK"])
    assert both == "Prices here are in euros (EUR) and NOK (NOK)."
    assert "currency on the product card" in replies.currency_answer([])
