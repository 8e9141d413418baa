"""Constrained decoding: whatever the model prefers, the answer is JSON valid for the schema."""

import json

import numpy as np
import pytest
from transformers import PreTrainedTokenizerFast

from assistant.llm.constrained import ConstraintError, ConstraintFactory
from assistant.llm.detokenize import IncrementalText
from assistant.understanding.schema import Understood
from assistant.understanding.understander import MODEL_ANSWER_SCHEMA
from tests.toy_model import toy_tokenizer


@pytest.fixture(scope="module")
def tokenizer() -> PreTrainedTokenizerFast:
    return toy_tokenizer()


@pytest.fixture(scope="module")
def factory(tokenizer) -> ConstraintFactory:
    return ConstraintFactory(tokenizer, len(tokenizer), [tokenizer.eos_token_id])


def decode_greedily(factory, tokenizer, scores: np.ndarray, budget: int = 200) -> str:
    """Greedy decoding of a 'model' whose preference for each token is fixed by `scores`."""
    constraint = factory.for_schema(MODEL_ANSWER_SCHEMA)
    ids = constraint.take([])
    while len(ids) < budget:
        allowed = constraint.allowed(len(tokenizer))
        if constraint.only_stop_allowed(allowed):
            break
        token = int(np.where(allowed, scores[len(ids) % len(scores)], -np.inf).argmax())
        if token == tokenizer.eos_token_id:
            break
        ids += constraint.take([token])
    return tokenizer.decode(ids)


@pytest.mark.parametrize("seed", range(25))
def test_any_model_preference_yields_a_schema_valid_answer(factory, tokenizer, seed):
    scores = np.random.default_rng(seed).normal(size=(7, len(tokenizer)))
    answer = json.loads(decode_greedily(factory, tokenizer, scores))
    assert set(answer) <= set(MODEL_ANSWER_SCHEMA["properties"])
    Understood(intent=answer["intent"])  # one of the schema's intents
    for name in ("colours", "brands", "features", "references"):
        assert len(answer.get(name, [])) <= 4


def test_the_forced_start_is_the_intent_key(factory):
    constraint = factory.for_schema(MODEL_ANSWER_SCHEMA)
    assert constraint.forced()  # '{"intent":"' needs no model step


def test_a_token_outside_the_grammar_is_refused(factory, tokenizer):
    constraint = factory.for_schema(MODEL_ANSWER_SCHEMA)
    constraint.accept(constraint.forced())
    with pytest.raises(ConstraintError, match="refused"):
        constraint.accept(tokenizer("}", add_special_tokens=False)["input_ids"])


def test_incremental_text_never_splits_a_character(tokenizer):
    text = IncrementalText(tokenizer)
    ids = tokenizer("café ☕ ok", add_special_tokens=False)["input_ids"]
    pieces = [text.add([i]) for i in ids]
    assert "".join(pieces) == "café ☕ ok"
    assert all("\ufffd" not in p for p in pieces)
    assert text.ids == ids
