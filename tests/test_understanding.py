import pytest

from assistant.llm import FakeLLM, LLMError
from assistant.parsing import CatalogVocabulary
from assistant.prompts import PromptLibrary
from assistant.understanding import Intent, Understander, parse_model_intent

VOCAB = CatalogVocabulary.from_catalog([], ["Shoes > Hiking Boots", "Home & Kitchen > Teapots"])


def understander(*answers):
    llm = FakeLLM()
    llm.enqueue(*answers)
    return Understander(llm, PromptLibrary(), timeout_s=5), llm


def test_valid_model_json_is_used():
    u, llm = understander('{"intent":"search","product":"teapot"}')
    result = u.understand("something to brew tea in", VOCAB, None)
    assert result.intent is Intent.SEARCH and result.model_intent.product == "teapot"
    assert len(llm.calls) == 1


def test_model_category_only_from_the_shoppers_own_words():
    u, _ = understander('{"intent":"search","product":"hiking boots"}')
    assert u.understand("a present for a hiker", VOCAB, None).parsed.category is None
    u, _ = understander('{"intent":"search","product":"teapots"}')
    assert u.understand("do you sell teapots", VOCAB, None).parsed.category == \
        "Home & Kitchen > Teapots"


@pytest.mark.parametrize("answer", [
    "Sure! Here you go", '{"intent": "buy-now"}', '{"intent": ', LLMError("timed out"),
])
def test_bad_model_answers_fall_back_to_the_parse(answer):
    u, _ = understander(answer)
    result = u.understand("hiking boots under $90", VOCAB, None)
    assert result.model_intent is None
    assert result.intent is Intent.SEARCH and result.parsed.category == "Shoes > Hiking Boots"


def test_a_bug_outside_the_model_contract_is_not_hidden():
    u, _ = understander(ZeroDivisionError("bug"))
    with pytest.raises(ZeroDivisionError):
        u.understand("hiking boots", VOCAB, None)


def test_greeting_and_reset_need_no_model():
    u, llm = understander()
    assert u.understand("hello", VOCAB, None).intent is Intent.GREETING
    assert u.understand("start over", VOCAB, "boots").intent is Intent.RESET
    assert llm.calls == []


def test_parse_model_intent_takes_the_first_object():
    parsed = parse_model_intent('```json\n{"intent":"refine","product":""}\n``` extra {"x":1}')
    assert parsed.intent is Intent.REFINE and parsed.product is None
