from decimal import Decimal

import pytest

from assistant.llm.base import LLMError
from assistant.llm.prompts import PromptLibrary
from assistant.understanding.intent_rules import Context
from assistant.understanding.schema import Intent
from assistant.understanding.understander import Mode, Understander, repair_model_answer
from assistant.understanding.vocabulary import CatalogVocabulary
from evaluation.fakes import FakeLLM, SlowLLM

VOCAB = CatalogVocabulary.from_catalog(
    ["Stridewell"], ["Shoes > Hiking Boots", "Home & Kitchen > Teapots", "Shoes > Running"]
)
NEW, ONGOING = Context(), Context("men's running shoes", 4)


def understander(*answers, mode=Mode.COMBINED):
    llm = FakeLLM()
    llm.enqueue(*answers)
    return Understander(llm, PromptLibrary(), timeout_s=5, mode=mode), llm


def test_confident_rules_skip_the_model():
    u, llm = understander()
    for text, context, intent in [
        ("running shoes for men under $100", NEW, Intent.SEARCH),
        ("in black", ONGOING, Intent.REFINE),
        ("cheaper", ONGOING, Intent.REFINE),
        ("compare the first two", ONGOING, Intent.COMPARE),
        ("add the second one to my cart", ONGOING, Intent.CART_ADD),
        ("where is my order SA-100234?", NEW, Intent.ORDER_STATUS),
        ("hello", NEW, Intent.SMALLTALK),
        ("start over", ONGOING, Intent.RESET),
    ]:
        result = u.understand(text, VOCAB, context)
        assert (result.intent, result.model_called) == (intent, False), text
    assert llm.calls == []


def test_unsure_rules_ask_the_model_and_take_its_intent():
    u, llm = understander('{"intent":"out_of_scope"}')
    result = u.understand("recommend a good book about sailing", VOCAB, NEW)
    assert result.model_called and result.model_valid and result.intent is Intent.OUT_OF_SCOPE
    assert len(llm.calls) == 1


def test_code_slots_win_and_the_model_fills_gaps_only_with_the_shoppers_words():
    u, _ = understander(
        '{"intent":"search","product":"teapot","features":["cute","glass"],'
        '"audience":"women","price_max":5,"colours":["red"]}'
    )
    result = u.understand("something cute to brew tea in, below 40 dollars", VOCAB, NEW)
    slots = result.understood.slots
    assert result.model_called
    assert slots.price_max == Decimal("40")  # code's reading wins
    assert slots.colours == [] and slots.audience is None  # "red" and "women" were never said
    assert slots.features == []  # features are read by code only (see MODEL_FILLS)


@pytest.mark.parametrize(
    ("answer", "context", "intent"),
    [
        ('{"intent":"compare"}', ONGOING, Intent.REFINE),  # the rules track the conversation
        ('{"intent":"search"}', ONGOING, Intent.REFINE),
        ('{"intent":"policy_question"}', ONGOING, Intent.POLICY_QUESTION),  # not a product request
        ('{"intent":"out_of_scope"}', NEW, Intent.OUT_OF_SCOPE),
    ],
)
def test_the_model_settles_what_kind_of_message_it_is_not_search_against_refine(
    answer, context, intent
):
    u, _ = understander(answer)
    result = u.understand("the loopy kind", VOCAB, context)
    assert result.model_called and result.intent is intent


def test_a_model_question_reading_of_a_message_that_asks_nothing_is_refused():
    u, _ = understander('{"intent":"ask_product"}')
    result = u.understand("the loopy kind specifically", VOCAB, ONGOING)
    assert result.model_called and result.intent is Intent.REFINE
    u, _ = understander('{"intent":"ask_product"}')
    asked = u.understand("is the loopy kind any good?", VOCAB, ONGOING)
    assert asked.model_called and asked.intent is Intent.ASK_PRODUCT


def test_model_category_only_from_the_shoppers_own_words():
    u, _ = understander('{"intent":"search","product":"hiking boots"}')
    result = u.understand("a present for a hiker who has everything", VOCAB, NEW)
    assert result.understood.slots.category is None


@pytest.mark.parametrize(
    "answer",
    [
        "Sure! Here you go",
        '{"intent": "buy-now"}',
        '["search"]',
        LLMError("timed out"),
    ],
)
def test_bad_model_answers_fall_back_to_the_parse(answer):
    u, _ = understander(answer)
    result = u.understand("something cosy for a hiker under $50", VOCAB, NEW)
    assert result.model_called and result.model_valid is False
    assert result.intent is Intent.SEARCH
    assert result.understood.slots.price_max == Decimal("50")
    assert result.parsed.product_words == ["cosy", "hiker"]


def test_a_bug_outside_the_model_contract_is_not_hidden():
    u, _ = understander(ZeroDivisionError("bug"))
    with pytest.raises(ZeroDivisionError):
        u.understand("a xyzzy gadget", VOCAB, NEW)


def test_model_only_mode_uses_the_model_for_everything():
    u, llm = understander(
        '{"intent":"search","product":"running shoes","audience":"men"}', mode=Mode.MODEL
    )
    result = u.understand("running shoes for men under $100", VOCAB, NEW)
    assert result.understood.slots.price_max is None  # code's parse is not used
    assert result.understood.slots.category == "Shoes > Running"
    assert len(llm.calls) == 1


def test_model_only_mode_keeps_what_code_read_the_message_to_ask():
    u, _ = understander('{"intent":"cart_add"}', mode=Mode.MODEL)
    result = u.understand("make it 3, something different", VOCAB, ONGOING)
    assert result.parsed.quantity_to_set == 3 and result.parsed.wants_more


def test_rules_mode_needs_no_model():
    u = Understander(None, PromptLibrary(), timeout_s=5, mode=Mode.RULES)
    assert u.understand("xyzzy plugh", VOCAB, NEW).model_called is False
    with pytest.raises(ValueError, match="needs a language model"):
        Understander(None, PromptLibrary(), timeout_s=5)


def test_search_intents_drop_item_slots():
    u, _ = understander()
    result = u.understand("running shoes like the first one", VOCAB, NEW)
    assert result.intent is Intent.SEARCH and result.understood.slots.references == []


@pytest.mark.parametrize(
    ("raw", "intent", "slots"),
    [
        ('```json\n{"intent":"greeting"}\n```', Intent.SMALLTALK, {}),
        (
            '{"intent":"search","price_max":"$80","colours":"Black","shoe":1',
            Intent.SEARCH,
            {"price_max": Decimal("80"), "colours": ["black"]},
        ),
        (
            '{"intent":"refine","audience":"ladies","brands":["Stridewell"],"price_min":"cheap"}',
            Intent.REFINE,
            {"audience": "women", "brands": ["stridewell"]},
        ),
        (
            '{"intent":"ask_product","references":[2],"quantity":"many"}',
            Intent.ASK_PRODUCT,
            {"references": ["2"]},
        ),
    ],
)
def test_repair_makes_answers_schema_valid(raw, intent, slots):
    repaired = repair_model_answer(raw, VOCAB)
    assert repaired.intent is intent
    assert repaired.slots.model_dump(exclude_defaults=True) == slots


def test_hopeless_answers_are_refused():
    for raw in ("no json here", '{"intent": "dance"}', '{"colours": ["red"]}'):
        with pytest.raises(ValueError):
            repair_model_answer(raw, VOCAB)


@pytest.mark.parametrize(
    ("answer", "valid", "intent"),
    [
        ('{"intent":"out_of_scope","features":["long","list"]}', True, Intent.OUT_OF_SCOPE),
        ('{"intent":"out_of_scope_and_a_very_long_tail"}', False, Intent.SEARCH),
    ],
)
def test_an_answer_cut_at_the_deadline_keeps_its_complete_members(answer, valid, intent):
    llm = FakeLLM(chunk_chars=8)
    llm.enqueue(answer)
    u = Understander(SlowLLM(llm, 0.05), PromptLibrary(), timeout_s=0.18)
    result = u.understand("a xyzzy gadget", VOCAB, NEW)
    assert result.model_called and result.model_valid is valid
    assert result.intent is intent and result.seconds < 1.0
