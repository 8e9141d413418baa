from decimal import Decimal

import pytest

from assistant.dialogue.next_action import Action, decide, new_request, refine_request
from assistant.dialogue.state import (
    ClarificationAsked,
    Conversation,
    DialogueState,
    RequestStarted,
    ResultsShown,
    ShopperSaid,
    StartedOver,
    apply,
)
from assistant.understanding.intent_rules import Context, rules_intent
from assistant.understanding.parsing import parse_message
from assistant.understanding.schema import Intent
from assistant.understanding.understander import Understanding
from assistant.understanding.vocabulary import CatalogVocabulary
from catalog.request import SearchRequest

VOCAB = CatalogVocabulary.from_catalog(["Nike"], ["Shoes > Running", "Apparel > Jackets"])
RUNNING = SearchRequest(category="Shoes > Running", audience="men", price_max=Decimal("100"))


def understood(text: str, state: DialogueState, intent: Intent | None = None):
    """What the rules make of `text` in `state`, or the given intent (as a model would say)."""
    parsed = parse_message(text, VOCAB)
    context = Context("men's running shoes" if state.request else None, len(state.shown_ids))
    return Understanding(
        parsed, intent or rules_intent(parsed, context, VOCAB).intent, intent is not None, None, 0.0
    )


def shown(request: SearchRequest, *prices: str) -> DialogueState:
    return Conversation.replay(
        [
            RequestStarted(request),
            ResultsShown(tuple(range(len(prices))), tuple(Decimal(p) for p in prices)),
        ]
    ).state


def test_first_request_is_a_new_search():
    assert (
        decide(understood("running shoes for men", DialogueState()), DialogueState())
        is Action.NEW_SEARCH
    )


def test_modifier_refines_the_current_request():
    state = shown(RUNNING, "80", "60")
    for text in ("in black", "cheaper", "under 60 instead", "not Nike", "size 10"):
        assert decide(understood(text, state), state) is Action.REFINE, text


def test_new_category_starts_a_new_topic():
    state = shown(RUNNING, "80")
    assert decide(understood("a rain jacket", state), state) is Action.NEW_SEARCH


def test_vague_request_gets_one_clarifying_question_then_a_search():
    state = DialogueState()
    gift = understood("I need a gift", state)
    assert decide(gift, state) is Action.CLARIFY
    asked = apply(state, ClarificationAsked("who is it for?", new_topic=True))
    assert decide(understood("for my dad, something for hiking", asked), asked) is Action.NEW_SEARCH


def test_unknown_words_follow_the_models_reading():
    state = shown(RUNNING, "80")
    assert decide(understood("a teapot", state, Intent.SEARCH), state) is Action.NEW_SEARCH
    assert decide(understood("a teapot", state), state) is Action.REFINE  # rules alone


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("compare the first two", Action.COMPARE),
        ("add it to my cart", Action.CART_ADD),
        ("take it out of my cart", Action.CART_REMOVE),
        ("what's in my cart?", Action.CART_SHOW),
        ("checkout", Action.CHECKOUT),
        ("does the second one come in blue?", Action.DESCRIBE),
        ("where is my order?", Action.ORDER_STATUS),
        ("what's your return policy?", Action.POLICY),
        ("thanks, great", Action.ACKNOWLEDGE),
        ("hello", Action.GREET),
        ("start over", Action.START_OVER),
        ("what's the weather tomorrow", Action.OUT_OF_SCOPE),
    ],
)
def test_other_intents_get_their_own_move(text, action):
    state = shown(RUNNING, "80", "60")
    assert decide(understood(text, state), state) is action


def test_cheaper_goes_below_the_cheapest_shown():
    state = shown(RUNNING, "89.99", "59.50", "74.00")
    refined = refine_request(RUNNING, parse_message("cheaper", VOCAB), state)
    assert refined.price_max == Decimal("59.49")
    assert refined.category == "Shoes > Running" and refined.audience == "men"


def test_a_named_amount_wins_over_cheaper():
    state = shown(RUNNING, "89.99", "59.50", "74.00")
    refined = refine_request(RUNNING, parse_message("a bit cheaper, like under 70?", VOCAB), state)
    assert refined.price_max == Decimal("70")


def test_pricier_goes_above_the_dearest_shown():
    state = shown(RUNNING, "89.99", "59.50")
    refined = refine_request(RUNNING, parse_message("more expensive", VOCAB), state)
    assert (refined.price_min, refined.price_max) == (Decimal("90.00"), None)


def test_refinements_accumulate_and_replace():
    state = shown(RUNNING, "80")
    black = refine_request(RUNNING, parse_message("in black", VOCAB), state)
    assert black.colours == ("black",) and black.price_max == Decimal("100")
    sixty = refine_request(black, parse_message("under 60 instead", VOCAB), state)
    assert sixty.price_max == Decimal("60") and sixty.colours == ("black",)
    no_nike = refine_request(sixty, parse_message("not Nike", VOCAB), state)
    assert no_nike.excluded_brands == ("Nike",)
    blue = refine_request(no_nike, parse_message("blue instead", VOCAB), state)
    assert blue.colours == ("blue",)
    rated = refine_request(blue, parse_message("4 stars and up, no leather", VOCAB), state)
    assert rated.min_rating == Decimal("4") and rated.excluded_materials == ("leather",)


def test_new_request_takes_every_parsed_slot():
    request = new_request(parse_message("black Nike running shoes size 10 over $40", VOCAB))
    assert request == SearchRequest(
        category="Shoes > Running",
        colours=("black",),
        brands=("Nike",),
        sizes=("10",),
        price_min=Decimal("40"),
    )


def test_state_is_rebuilt_from_events_and_start_over_clears_it():
    conversation = Conversation()
    conversation.record(
        ShopperSaid("running shoes"),
        RequestStarted(RUNNING),
        ResultsShown((1, 2), (Decimal("50"), Decimal("70"))),
    )
    assert conversation.state.cheapest_shown == Decimal("50")
    assert Conversation.replay(conversation.events).state == conversation.state
    conversation.record(StartedOver())
    assert conversation.state.request is None and conversation.state.shown_ids == ()
    assert conversation.state.transcript == (("user", "running shoes"),)


def test_a_vague_new_request_replaces_the_old_topic():
    state = apply(shown(RUNNING, "80"), ClarificationAsked("who is it for?", new_topic=True))
    assert state.request is None and state.clarification_pending
    kept = apply(shown(RUNNING, "80"), ClarificationAsked("what?", new_topic=False))
    assert kept.request == RUNNING


def test_unknown_event_is_an_error():
    with pytest.raises(TypeError):
        apply(DialogueState(), "not an event")  # type: ignore[arg-type]
