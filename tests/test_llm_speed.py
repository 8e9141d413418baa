"""The fast CPU path of the local model: quantised weights and the prompt-prefix KV cache."""

import json
import time

import pytest

from assistant.app.settings import Settings
from assistant.llm.base import complete
from assistant.llm.local import TransformersLLM
from assistant.llm.prompts import PromptLibrary
from assistant.llm.provisioning import provision
from assistant.understanding.schema import Understood
from assistant.understanding.understander import INTENT_MAX_NEW_TOKENS, MODEL_ANSWER_SCHEMA

pytestmark = pytest.mark.slow


def load(quantization: str) -> TransformersLLM:
    settings = Settings()
    return TransformersLLM(
        provision(settings.model, settings.model_cache_dir), device="cpu", quantization=quantization
    )


@pytest.fixture(scope="module")
def int8_llm() -> TransformersLLM:
    return load("int8")


def intent(message: str, previous_request: str = "", shown: int = 0) -> list:
    return PromptLibrary().render(
        "intent", message=message, previous_request=previous_request, shown=shown
    )


# int8 quantises each forward pass's activations with one scale for all its tokens, so a prompt
# prefilled in two parts (prefix from the cache, then the rest) cannot match one prefilled
# whole token for token; fp32 and fp16 weights (fp32 activations) must match exactly.
@pytest.mark.parametrize("quantization", ["none", "fp16"])
def test_prefix_cache_gives_the_same_greedy_text(quantization):
    llm = load(quantization)
    first, second = intent("a warm winter jacket for women"), intent("in navy", "jackets", 4)
    assert first[0] == second[0]  # the same system prompt
    llm.prefix_cache_size = 0
    expected = [complete(llm, m, max_new_tokens=24) for m in (first, second)]
    assert llm.cached_prefixes == 0
    llm.prefix_cache_size = 4
    assert [complete(llm, m, max_new_tokens=24) for m in (first, second)] == expected
    assert llm.cached_prefixes == 1  # computed once, reused by the second prompt


MESSAGES = [
    "running shoes for men under $100",
    "does the second one come in red?",
    "hi there",
    "where is my order 1042?",
    "compare the first two",
    "something for a beach holiday",
]


def test_int8_constrained_answers_are_schema_valid_json(int8_llm):
    assert int8_llm.quantization == "int8"
    for message in MESSAGES:
        answer = complete(
            int8_llm,
            intent(message),
            max_new_tokens=INTENT_MAX_NEW_TOKENS,
            json_schema=MODEL_ANSWER_SCHEMA,
        )
        parsed = json.loads(answer)
        assert set(parsed) <= set(MODEL_ANSWER_SCHEMA["properties"]), answer
        Understood(intent=parsed["intent"])  # which intent is the scorer's business
    assert int8_llm.cached_prefixes == 1


def test_a_deadline_ends_the_answer_early(int8_llm):
    started = time.perf_counter()
    answer = complete(int8_llm, intent("a warm winter jacket"), max_new_tokens=400, timeout_s=0.8)
    assert time.perf_counter() - started < 2.0
    assert answer  # what came before the deadline


def test_closing_a_stream_early_frees_the_model(int8_llm):
    stream = int8_llm.generate(intent("hiking boots"), max_new_tokens=400)
    next(stream)
    started = time.perf_counter()
    stream.close()
    closed_after = time.perf_counter() - started
    answer = complete(int8_llm, intent("hi there"), max_new_tokens=4, timeout_s=20)
    assert answer and closed_after < 2.0
    assert time.perf_counter() - started < 10.0


def test_unknown_quantization_is_refused():
    with pytest.raises(ValueError, match="quantization"):
        TransformersLLM(
            provision(Settings().model, Settings().model_cache_dir), quantization="int4"
        )
