"""Hostile and malformed requests get a 4xx in the API's one error shape, never a 500."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.app.services import Services
from assistant.app.settings import Settings
from assistant.web.app import build_api_app
from benchmarks.fuzz_api import fuzz, fuzz_server
from tests.conftest import Harness

JSON = {"Content-Type": "application/json"}
UNLIMITED = {f"rate_limit_{n}": "1000000/minute" for n in ("requests", "sessions", "messages")}


@pytest.fixture
def client(demo_sessions) -> TestClient:
    services = Services.over(Harness(demo_sessions).manager, demo_sessions)
    return TestClient(build_api_app(services, Settings(**UNLIMITED)))


@pytest.fixture
def session_id(client: TestClient) -> str:
    return client.post("/api/sessions", json={}).json()["session_id"]


def assert_error(response, status: int, code: str | None = None) -> dict:
    """The response is `status` in the one error shape; its error object."""
    assert response.status_code == status, response.text
    body = response.json()
    error = body["error"]
    assert error["message"] and error["message"] == body["detail"]
    if code is not None:
        assert error["code"] == code
    return error


@pytest.mark.parametrize(
    ("route", "raw", "status", "code"),
    [
        ("cart", '{"product_id": true}', 422, "invalid_request"),
        ("cart", '{"product_id": 1.0}', 422, "invalid_request"),
        ("cart", '{"product_id": "1"}', 422, "invalid_request"),
        ("cart", f'{{"product_id": {2**63}}}', 422, "invalid_request"),
        ("cart", f'{{"product_id": {10**400}}}', 422, "invalid_request"),
        ("cart", '{"product_id": 1, "quantity": 100}', 422, "invalid_request"),
        ("cart", '{"product_id": 1, "quantity": -1}', 422, "invalid_request"),
        ("clicks", f'{{"product_id": {2**63}}}', 422, "invalid_request"),
        ("clicks", '{"product_id": 0}', 422, "invalid_request"),
        ("feedback", '{"liked": "yes", "product_id": 1}', 422, "invalid_request"),
        ("feedback", '{"liked": 1, "product_id": 1}', 422, "invalid_request"),
        ("feedback", f'{{"liked": true, "message_position": {2**64}}}', 422, "invalid_request"),
        ("cart", '{"product_id": NaN}', 400, "invalid_json"),
        ("cart", '{"product_id": 1, "quantity": Infinity}', 400, "invalid_json"),
        ("messages", '{"text": "hi", "extra": -Infinity}', 400, "invalid_json"),
        ("messages", '{"text": "hi"', 400, "invalid_json"),
        ("messages", "[" * 30_000, 400, "invalid_json"),
        ("messages", b'{"text": "caf\xe9"}', 400, "not_utf8"),
        ("messages", b'{"text": "\xff\xfe"}', 400, "not_utf8"),
        ("messages", '{"text": 42}', 422, "invalid_request"),
        ("shopper", '{"handle": "' + "a" * 65 + '"}', 422, "invalid_request"),
    ],
)
def test_malformed_bodies_are_refused_with_a_4xx(
    client, session_id, route, raw, status, code
) -> None:
    method = "PUT" if route == "shopper" else "POST"
    response = client.request(
        method, f"/api/sessions/{session_id}/{route}", content=raw, headers=JSON
    )
    error = assert_error(response, status, code)
    if status == 422:
        assert error["fields"] and "The request is not valid" in error["message"]


def test_the_cart_is_untouched_by_refused_requests(client, session_id) -> None:
    for raw in ('{"product_id": true}', '{"product_id": 1, "quantity": NaN}'):
        client.post(f"/api/sessions/{session_id}/cart", content=raw, headers=JSON)
    assert client.get(f"/api/sessions/{session_id}/cart").json()["items"] == []


def test_a_body_over_the_cap_is_413_with_or_without_its_length(client, session_id) -> None:
    url = f"/api/sessions/{session_id}/messages"
    big = json.dumps({"text": "a" * (64 * 1024)}).encode()
    assert_error(client.post(url, content=big, headers=JSON), 413, "body_too_large")

    def chunks():  # no Content-Length: the size is counted as the body arrives
        for start in range(0, len(big), 4096):
            yield big[start : start + 4096]

    assert_error(client.post(url, content=chunks(), headers=JSON), 413, "body_too_large")
    fits = client.post(url, json={"text": "running shoes " * 100})
    assert fits.status_code == 200


def test_lone_surrogates_and_nul_are_cleaned_from_text(client, session_id) -> None:
    raw = '{"text": "red \\ud800tent\\u0000 \\ud83d\\ude00"}'
    response = client.post(f"/api/sessions/{session_id}/messages", content=raw, headers=JSON)
    assert response.status_code == 200
    assert json.loads(response.text.splitlines()[-1])["type"] == "done"
    stored = client.get(f"/api/sessions/{session_id}").json()["messages"][0]
    assert stored["role"] == "user" and stored["text"] == "red \ufffdtent \U0001f600"
    resumed = client.post("/api/sessions", content='{"session_id": "\\udfff"}', headers=JSON)
    assert resumed.status_code == 200 and resumed.json()["resumed"] is False


def test_every_error_has_the_one_shape(client, session_id) -> None:
    unknown = client.post("/api/sessions/no-such-session-0000/messages", json={"text": "hi"})
    assert "Start a new one" in assert_error(unknown, 404, "not_found")["message"]
    assert_error(client.get("/api/nothing-here"), 404, "not_found")
    assert_error(client.delete(f"/api/sessions/{session_id}/cart"), 405, "method_not_allowed")
    refused = client.post(
        f"/api/sessions/{session_id}/cart", json={"product_id": 10**9, "quantity": 1}
    )
    assert (
        assert_error(refused, 409, "conflict")["message"]
        == "That product is no longer in the shop."
    )
    foreign = client.post("/api/sessions", json={}, headers={"Origin": "https://evil.example"})
    assert_error(foreign, 403, "origin_not_allowed")


def test_an_unexpected_failure_is_a_500_in_the_same_shape_without_internals(
    demo_sessions,
) -> None:
    services = Services.over(Harness(demo_sessions).manager, demo_sessions)

    def broken(_session_id: str):
        raise RuntimeError("secret internals")

    services.cart.view = broken  # type: ignore[method-assign]
    client = TestClient(build_api_app(services, Settings()), raise_server_exceptions=False)
    response = client.get("/api/sessions/AAAAAAAAAAAAAAAAAAAAAAAA/cart")
    error = assert_error(response, 500, "internal_error")
    assert "secret" not in response.text and "try again" in error["message"]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=st.one_of(
        st.text(),  # any code points, lone surrogates included
        st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)),
        st.just(""),
        st.integers(1, 70_000).map(lambda n: "x" * n),  # up to past the body cap
        st.text(min_size=1).map(lambda t: t * 2000),
    )
)
def test_any_message_text_is_answered_without_a_5xx(client, session_id, text) -> None:
    raw = json.dumps({"text": text})  # ensure_ascii: a lone surrogate travels as \udXXX
    response = client.post(f"/api/sessions/{session_id}/messages", content=raw, headers=JSON)
    assert response.status_code < 500
    if response.status_code == 200:
        last = json.loads(response.text.splitlines()[-1])
        assert last["type"] in ("done", "error")
    else:
        assert_error(response, response.status_code)


def test_the_schema_driven_fuzzer_finds_no_5xx_and_no_hang(tmp_path: Path) -> None:
    with fuzz_server(tmp_path) as base_url:
        report = fuzz(base_url, examples=20)
    assert report.requests > 250
    assert (report.server_errors, report.hangs) == (0, 0), report.failures
    assert any(status >= 400 for status in report.statuses)  # negative cases were refused
