"""The OpenAI-compatible backend against a real HTTP server on 127.0.0.1 (tests/openai_fixture.py).

The last test talks to a real llama.cpp server: set LLAMA_SERVER_URL to one that is running,
or install llama-cpp-python[server] in the interpreter running the tests to have one started.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time

import httpx
import pytest

from assistant.llm.base import LLMError, complete
from assistant.llm.openai_compatible import OpenAICompatibleLLM
from tests.openai_fixture import FakeOpenAIServer, Status, Stream, chunks, closed_port_url

MESSAGES = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "hi"}]


@pytest.fixture
def server():
    server = FakeOpenAIServer().start()
    yield server
    server.stop()


def make_llm(url: str, **kwargs) -> OpenAICompatibleLLM:
    """Tiny back-off; a plain-HTTP transport that skips loading CA certificates (~0.3 s here)."""
    kwargs = {"backoff_s": 0.02, "transport": httpx.HTTPTransport(verify=False), **kwargs}
    return OpenAICompatibleLLM(url, "qwen-test", **kwargs)


def test_streams_pieces_in_order_and_sends_an_openai_request(server):
    server.enqueue(Stream(chunks("Hel", "lo", " world")))
    llm = OpenAICompatibleLLM(server.url + "/", "qwen-test", api_key="sk-test")  # default client
    assert list(llm.generate(MESSAGES, max_new_tokens=7, timeout_s=5)) == ["Hel", "lo", " world"]
    [request] = server.requests
    assert request.path == "/v1/chat/completions"
    assert request.body == {
        "model": "qwen-test",
        "messages": MESSAGES,
        "stream": True,
        "temperature": 0,
        "max_tokens": 7,
    }
    assert request.headers["authorization"] == "Bearer sk-test"
    assert request.headers["accept"] == "text/event-stream"


def test_a_json_schema_is_sent_as_a_structured_output_response_format(server):
    server.enqueue(Stream(chunks('{"intent":', '"search"}')))
    schema = {"type": "object", "properties": {"intent": {"enum": ["search"]}}}
    answer = complete(make_llm(server.url), MESSAGES, max_new_tokens=9, json_schema=schema)
    assert answer == '{"intent":"search"}'
    assert server.requests[0].body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "answer", "schema": schema, "strict": True},
    }


def test_skips_events_without_text_and_sends_no_key_when_none_is_set(server):
    usage = "data: " + json.dumps({"choices": [], "usage": {"completion_tokens": 1}})
    null_content = "data: " + json.dumps({"choices": [{"delta": {"content": None}}]})
    server.enqueue(Stream([": keep-alive", "event: message", *chunks("ok"), null_content, usage]))
    assert complete(make_llm(server.url), MESSAGES, max_new_tokens=5) == "ok"
    assert "authorization" not in server.requests[0].headers


def test_pieces_are_yielded_as_they_arrive(server):
    server.enqueue(Stream(chunks("a", "b", "c")[1:4], delay_s=0.3))  # "a" at once, then 0.3 s apart
    llm = make_llm(server.url)
    started = time.monotonic()
    arrivals = [
        time.monotonic() - started for _ in llm.generate(MESSAGES, max_new_tokens=5, timeout_s=5)
    ]
    assert len(arrivals) == 3
    assert arrivals[0] < 0.25 and arrivals[2] > 0.5


def test_a_slow_first_token_within_the_deadline_is_fine(server):
    server.enqueue(Stream(chunks("late"), first_delay_s=0.3))
    assert complete(make_llm(server.url), MESSAGES, max_new_tokens=5, timeout_s=3) == "late"


def test_no_first_token_before_the_deadline_raises_in_time(server):
    server.enqueue(Stream(chunks("too late"), first_delay_s=5))
    started = time.monotonic()
    with pytest.raises(LLMError, match=r"no first token within 0\.5 s"):
        complete(make_llm(server.url), MESSAGES, max_new_tokens=5, timeout_s=0.5)
    assert 0.45 <= time.monotonic() - started < 1.0
    assert len(server.requests) == 1


def test_a_stream_stalling_midway_raises_at_the_deadline_without_retrying(server):
    server.enqueue(Stream(chunks("a", "b"), end="stall"), Stream(chunks("retried")))
    got, started = [], time.monotonic()
    with pytest.raises(LLMError, match=r"did not finish within 0\.6 s"):
        for piece in make_llm(server.url).generate(MESSAGES, max_new_tokens=5, timeout_s=0.6):
            got.append(piece)
    assert got == ["a", "b"]
    assert 0.55 <= time.monotonic() - started < 1.1
    assert len(server.requests) == 1


@pytest.mark.parametrize("code", [500, 503, 429])
def test_retryable_statuses_are_retried_with_exponential_backoff(server, code):
    server.enqueue(
        Status(code, {"error": {"message": "busy"}}),
        Status(code, {"error": {"message": "busy"}}),
        Stream(chunks("ok")),
    )
    llm = make_llm(server.url, backoff_s=0.1, max_retries=2)
    assert complete(llm, MESSAGES, max_new_tokens=5, timeout_s=5) == "ok"
    first, second, third = (r.at for r in server.requests)
    assert 0.1 <= second - first < 0.5  # backoff_s, then twice that
    assert 0.2 <= third - second < 0.6
    assert [r.body for r in server.requests] == [server.requests[0].body] * 3


def test_retry_after_from_the_server_is_honoured(server):
    server.enqueue(
        Status(429, {"error": {"message": "slow down"}}, {"Retry-After": "0.4"}),
        Stream(chunks("ok")),
    )
    assert complete(make_llm(server.url), MESSAGES, max_new_tokens=5, timeout_s=5) == "ok"
    assert server.requests[1].at - server.requests[0].at >= 0.4


def test_retries_stop_after_max_retries_with_the_last_error(server):
    server.enqueue(*[Status(503, {"error": {"message": "overloaded"}})] * 4)
    with pytest.raises(LLMError, match=r"HTTP 503: overloaded \(gave up after 3 attempt"):
        complete(make_llm(server.url, max_retries=2), MESSAGES, max_new_tokens=5, timeout_s=5)
    assert len(server.requests) == 3


def test_retries_that_would_pass_the_deadline_give_up_early(server):
    server.enqueue(*[Status(500, {"error": {"message": "down"}})] * 3)
    started = time.monotonic()
    with pytest.raises(LLMError, match="HTTP 500: down"):
        complete(make_llm(server.url, backoff_s=2), MESSAGES, max_new_tokens=5, timeout_s=1)
    assert time.monotonic() - started < 0.5 and len(server.requests) == 1


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (
            400,
            {"error": {"message": "max_tokens is too large", "type": "invalid_request_error"}},
            "HTTP 400: max_tokens is too large",
        ),
        (401, {"detail": "bad key"}, "HTTP 401: bad key"),
        (404, b"no such route", "HTTP 404: no such route"),
    ],
)
def test_other_client_errors_fail_at_once_with_the_servers_message(server, status, body, message):
    server.enqueue(Status(status, body), Stream(chunks("never")))
    with pytest.raises(LLMError, match=message):
        complete(make_llm(server.url), MESSAGES, max_new_tokens=5, timeout_s=5)
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    ("events", "before_error"),
    [
        (["data: {not json"], []),
        (['data: {"choices": "none"}'], []),
        ([*chunks("a")[:2], 'data: {"choices": [{"delta": {"content": 7}}]}'], ["a"]),
    ],
)
def test_a_malformed_event_raises_without_retrying(server, events, before_error):
    server.enqueue(Stream(events), Stream(chunks("never")))
    got = []
    with pytest.raises(LLMError, match="malformed event"):
        got.extend(make_llm(server.url).generate(MESSAGES, max_new_tokens=5, timeout_s=5))
    assert got == before_error and len(server.requests) == 1


def test_an_error_event_mid_stream_raises_the_servers_message(server):
    error = "data: " + json.dumps({"error": {"message": "CUDA out of memory", "code": 500}})
    server.enqueue(Stream([*chunks("a")[:2], error]))
    with pytest.raises(LLMError, match="CUDA out of memory"):
        complete(make_llm(server.url), MESSAGES, max_new_tokens=5, timeout_s=5)


def test_a_stream_that_ends_without_done_raises(server):
    server.enqueue(Stream(chunks("a"), end="close"))
    with pytest.raises(LLMError, match="without \\[DONE\\]"):
        complete(make_llm(server.url), MESSAGES, max_new_tokens=5, timeout_s=5)


def test_a_connection_lost_after_text_is_not_retried(server):
    server.enqueue(Stream(chunks("a"), end="drop"), Stream(chunks("retried")))
    got = []
    with pytest.raises(LLMError, match="connection lost mid-answer"):
        got.extend(make_llm(server.url).generate(MESSAGES, max_new_tokens=5, timeout_s=5))
    assert got == ["a"] and len(server.requests) == 1


def test_a_connection_lost_before_text_is_retried(server):
    server.enqueue(Stream([], end="drop"), Stream(chunks("ok")))
    assert complete(make_llm(server.url), MESSAGES, max_new_tokens=5, timeout_s=5) == "ok"
    assert len(server.requests) == 2


def test_connection_refused_is_retried_then_fails():
    started = time.monotonic()
    with pytest.raises(LLMError, match=r"ConnectError.*gave up after 3 attempt"):
        complete(
            make_llm(closed_port_url(), backoff_s=0.05, max_retries=2),
            MESSAGES,
            max_new_tokens=5,
            timeout_s=5,
        )
    assert 0.15 <= time.monotonic() - started < 2  # 0.05 + 0.1 of back-off


def test_closing_the_generator_early_ends_the_servers_stream(server):
    server.enqueue(Stream(chunks(*["x"] * 200), delay_s=0.02))
    answer = make_llm(server.url).generate(MESSAGES, max_new_tokens=200, timeout_s=30)
    assert [next(answer), next(answer)] == ["x", "x"]
    answer.close()
    assert server.client_went_away.wait(3)
    assert server.events_sent < 100


def test_a_mock_transport_can_stand_in_for_the_network():
    def handle(request: httpx.Request) -> httpx.Response:
        body = "".join(f"{e}\n\n" for e in [*chunks("mock"), "data: [DONE]"])
        return httpx.Response(200, text=body, headers={"Content-Type": "text/event-stream"})

    llm = make_llm("http://model.invalid/v1", transport=httpx.MockTransport(handle))
    assert complete(llm, MESSAGES, max_new_tokens=5) == "mock"


# A real OpenAI-compatible server (llama.cpp) -----------------------------------------------------


@pytest.fixture(scope="module")
def llama_server_url(tmp_path_factory):
    """LLAMA_SERVER_URL if set; else llama-cpp-python's server on the packaged 0.5B GGUF."""
    if url := os.environ.get("LLAMA_SERVER_URL"):
        yield url.rstrip("/")
        return
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("set LLAMA_SERVER_URL or install llama-cpp-python[server]")
    from assistant.llm.provisioning import PACKAGED_MODELS, assemble_gguf

    gguf = assemble_gguf(
        PACKAGED_MODELS["qwen2.5-coder-0.5b"], tmp_path_factory.mktemp("llama") / "model.gguf"
    )
    url = closed_port_url()
    port = url.split(":")[2].split("/")[0]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(gguf),
            "--host",
            "127.0.0.1",
            "--port",
            port,
            "--n_ctx",
            "2048",
            "--model_alias",
            "qwen2.5-coder-0.5b",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if httpx.get(f"{url}/models", timeout=1).is_success:
                    break
            except httpx.TransportError:
                time.sleep(0.5)
        else:
            pytest.fail("the llama.cpp server did not start")
        yield url
    finally:
        process.terminate()
        process.wait(10)


@pytest.mark.slow
def test_streams_from_a_real_llama_cpp_server(llama_server_url):
    model = os.environ.get("LLAMA_SERVER_MODEL", "qwen2.5-coder-0.5b")
    llm = OpenAICompatibleLLM(llama_server_url, model)
    messages = [{"role": "user", "content": "Name three colours, comma-separated."}]
    pieces = list(llm.generate(messages, max_new_tokens=24, timeout_s=60))
    assert len(pieces) > 1 and "".join(pieces).strip()
    # Greedy decoding: the same prompt gives the same answer.
    assert complete(llm, messages, max_new_tokens=24, timeout_s=60) == "".join(pieces)
    # Stopping early and asking again works (the server is not left busy).
    answer = llm.generate(messages, max_new_tokens=200, timeout_s=60)
    next(answer)
    answer.close()
    assert complete(llm, messages, max_new_tokens=8, timeout_s=60).strip()
    llm.close()


def test_settings_select_the_openai_backend(monkeypatch):
    from assistant.app.settings import Settings
    from assistant.app.wiring import load_llm

    monkeypatch.setenv("ASSISTANT_LLM_BACKEND", "openai")
    monkeypatch.setenv("ASSISTANT_OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("ASSISTANT_OPENAI_API_KEY", "secret-key")
    settings = Settings()
    assert "secret-key" not in repr(settings)
    llm = load_llm(settings)
    assert isinstance(llm, OpenAICompatibleLLM)
