"""Turn mechanics over the demo catalog: streaming order, model failures, grounding repair,
and where a turn's events are recorded."""

from dataclasses import dataclass, field

import pytest

from assistant.dialogue.state import (
    AssistantSaid,
    ClarificationAsked,
    Conversation,
    Event,
    ProductsDiscussed,
    RequestRefined,
    RequestStarted,
    ResultsShown,
    ShopperSaid,
    StartedOver,
)
from assistant.llm.base import LLMError


@dataclass
class RecordingConversation(Conversation):
    """A conversation that keeps the events of each `record` call apart."""

    calls: list[tuple[Event, ...]] = field(default_factory=list)

    def record(self, *events: Event) -> None:
        self.calls.append(events)
        super().record(*events)


def test_cards_and_true_introduction_come_first_then_the_models_sentence(harness):
    updates = harness.turn(
        "running shoes for men under $100",
        model_reply="These suit daily training. Extra words without an end",
    )
    first, last = updates[0], updates[-1]
    assert len(first.cards) == 4 and first.text == "Here are 4 men's running shoes under $100."
    assert last.cards == first.cards
    assert last.text == first.text + " These suit daily training."


def test_a_failing_or_silent_model_still_gives_a_sensible_turn(harness):
    for reply in (LLMError("timed out"), "", "```"):
        last = harness.turn(
            "wireless headphones", model_intent=LLMError("down"), model_reply=reply
        )[-1]
        assert last.cards and last.text.startswith(f"Here are {len(last.cards)} ")


def test_invented_price_or_unshown_product_is_dropped(harness):
    last = harness.turn(
        "running shoes for men",
        model_reply=("Great for runners. Today only $5.00 each! The Stridewell Kinetic 4 is best."),
    )[-1]
    shown_names = " ".join(c.name for c in last.cards)
    assert "Great for runners." in last.text
    assert "$5.00" not in last.text
    assert ("Kinetic 4" in last.text) == ("Kinetic 4" in shown_names)


def test_state_survives_a_turn_whose_model_fails(harness):
    harness.turn("sunglasses under $50")
    before = harness.conversation.state.request
    harness.turn("in black", model_intent=LLMError("timeout"), model_reply=LLMError("timeout"))
    after = harness.conversation.state.request
    assert after.colours == ("black",) and after.price_max == before.price_max


def test_gift_question_after_a_search_starts_a_new_topic(harness):
    harness.turn("running shoes for men")
    question = harness.turn("I need a gift")[-1]
    assert question.text.endswith("?") and not question.cards
    assert harness.conversation.state.request is None
    answer = harness.turn("for my sister, candles under $40")[-1]
    assert answer.cards
    assert harness.conversation.state.request.category == "Home & Kitchen > Candles"


def test_a_search_is_recorded_in_one_call_before_its_cards_show(harness):
    conversation = harness.conversation = RecordingConversation()
    harness.models.feed(None, "These suit daily training.")
    updates = harness.manager.respond(conversation, "running shoes for men")
    first = next(updates)
    ((said, started, shown),) = conversation.calls  # the client may leave now: all is recorded
    assert said == ShopperSaid("running shoes for men") and isinstance(started, RequestStarted)
    assert shown.product_ids == tuple(card.product_id for card in first.cards)
    last = list(updates)[-1]
    assert conversation.calls[1:] == [(AssistantSaid(last.text),)]
    assert last.text != first.text  # what was said includes the model's streamed sentence


@pytest.mark.parametrize(
    ("say", "events"),
    [
        ("compare the first two", [ProductsDiscussed]),
        ("compare 5 and 6", [ClarificationAsked]),  # four are shown: the move asks
        ("I need a gift", [ClarificationAsked]),
        ("start over", [StartedOver]),
        ("something different", [RequestRefined, ResultsShown]),
        ("hello", []),
    ],
)
def test_every_turn_records_its_events_in_one_call_then_what_was_said(harness, say, events):
    conversation = harness.conversation = RecordingConversation(session_id=None)
    harness.turn("running shoes for men")
    del conversation.calls[:]
    last = harness.turn(say)[-1]
    first, said = conversation.calls
    assert [type(e) for e in first] == [ShopperSaid, *events] and first[0].text == say
    assert said == (AssistantSaid(last.text),)
