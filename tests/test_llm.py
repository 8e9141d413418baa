import time

import pytest

from assistant.llm.base import LLMError, complete
from assistant.llm.local import pick_device
from evaluation.fakes import FakeLLM, SlowLLM


def test_fake_streams_queued_answers_in_order_and_records_calls():
    llm = FakeLLM(chunk_chars=3)
    llm.enqueue("hello world", "second")
    messages = [{"role": "user", "content": "hi"}]
    assert list(llm.generate(messages, max_new_tokens=5)) == ["hel", "lo ", "wor", "ld"]
    assert complete(llm, messages, max_new_tokens=5) == "second"
    assert llm.calls == [messages, messages] and llm.pending == 0


def test_fake_raises_queued_errors_and_when_empty():
    llm = FakeLLM()
    llm.enqueue(LLMError("down"))
    with pytest.raises(LLMError, match="down"):
        complete(llm, [], max_new_tokens=5)
    with pytest.raises(LLMError, match="no queued answer"):
        complete(llm, [], max_new_tokens=5)


def test_slow_wrapper_delays_each_chunk():
    llm = FakeLLM(chunk_chars=1)
    llm.enqueue("abc")
    started = time.perf_counter()
    assert complete(SlowLLM(llm, 0.02), [], max_new_tokens=5) == "abc"
    assert time.perf_counter() - started >= 0.06


def test_explicit_device_is_kept():
    assert pick_device("cpu") == "cpu"
