"""Batched decoding gives each concurrent caller exactly the answer it would get alone."""

import threading

import pytest

from assistant.llm.base import complete
from assistant.llm.local import TransformersLLM
from assistant.understanding.understander import MODEL_ANSWER_SCHEMA
from tests.toy_model import save_toy_model

PROMPTS = [
    [{"role": "user", "content": text}]
    for text in ("rain jacket", "a black rain jacket under 80", "it", "compare 2 and 3 please")
]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    return save_toy_model(tmp_path_factory.mktemp("toy-model"))


def answers_alone(model_dir, **kwargs) -> list[str]:
    llm = TransformersLLM(model_dir, device="cpu", quantization="none", max_batch=1)
    return [complete(llm, p, max_new_tokens=24, **kwargs) for p in PROMPTS]


def answers_together(llm: TransformersLLM, **kwargs) -> list[str]:
    """All prompts sent at once from their own threads, while a first call keeps the model busy."""
    results: list[str | None] = [None] * len(PROMPTS)
    busy = llm.generate(PROMPTS[0], max_new_tokens=24, **kwargs)
    next(busy)  # the first batch is running; the next calls queue up behind it

    def ask(i: int) -> None:
        results[i] = complete(llm, PROMPTS[i], max_new_tokens=24, **kwargs)

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(len(PROMPTS))]
    for thread in threads:
        thread.start()
    "".join(busy)
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.parametrize("schema", [None, MODEL_ANSWER_SCHEMA])
def test_concurrent_calls_are_batched_and_answer_as_alone(model_dir, schema):
    kwargs = {"json_schema": schema} if schema else {}
    expected = answers_alone(model_dir, **kwargs)
    assert all(expected) and len(set(expected)) > 1  # real, differing answers to compare
    llm = TransformersLLM(model_dir, device="cpu", quantization="none", max_batch=4)
    assert answers_together(llm, **kwargs) == expected
    assert max(llm._batches.batch_sizes) > 1  # some calls really shared forward passes


def test_a_reader_that_leaves_early_does_not_hold_up_the_batch(model_dir):
    llm = TransformersLLM(model_dir, device="cpu", quantization="none", max_batch=4)
    stream = llm.generate(PROMPTS[1], max_new_tokens=400)
    next(stream)
    stream.close()
    assert complete(llm, PROMPTS[2], max_new_tokens=8, timeout_s=30)
