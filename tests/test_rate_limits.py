"""Abuse limits: rate limits per address and per session (429 + Retry-After), a Host allow-list."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from assistant.app.services import Services
from assistant.app.settings import Settings
from assistant.web.app import build_api_app
from launch import parse_settings
from tests.conftest import Harness


def app_with(demo_sessions, **settings):
    services = Services.over(Harness(demo_sessions).manager, demo_sessions)
    return build_api_app(services, Settings(**settings))


def from_address(app, address: str) -> TestClient:
    return TestClient(app, client=(address, 50000))


def test_600_sessions_from_one_address_are_cut_off_while_others_are_served(
    demo_sessions,
) -> None:
    app = app_with(demo_sessions)  # the defaults: 60 sessions a minute per address
    flooder, neighbour = from_address(app, "203.0.113.7"), from_address(app, "198.51.100.2")
    started = time.monotonic()
    statuses = [flooder.post("/api/sessions", json={}).status_code for _ in range(600)]
    assert time.monotonic() - started < 60  # all within the one-minute window
    assert statuses.count(200) == 60 and statuses.count(429) == 540
    assert statuses[:60] == [200] * 60  # refused only once over the limit
    refused = flooder.post("/api/sessions", json={})
    assert refused.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.json()["detail"].startswith("Too many requests from your address")
    served = neighbour.post("/api/sessions", json={})
    assert served.status_code == 200 and served.json()["session_id"]
    assert neighbour.get("/api/shoppers").status_code == 200


def test_messages_are_limited_per_session(demo_sessions) -> None:
    client = TestClient(app_with(demo_sessions, rate_limit_messages="3/minute"))
    busy, quiet = (client.post("/api/sessions", json={}).json()["session_id"] for _ in range(2))
    said = [
        client.post(f"/api/sessions/{busy}/messages", json={"text": "red tent"}).status_code
        for _ in range(4)
    ]
    assert said == [200, 200, 200, 429]
    refused = client.post(f"/api/sessions/{busy}/messages", json={"text": "red tent"})
    assert "this chat session" in refused.json()["error"]["message"]
    assert int(refused.headers["Retry-After"]) >= 1
    assert client.post(f"/api/sessions/{quiet}/messages", json={"text": "hi"}).status_code == 200
    assert client.get(f"/api/sessions/{busy}/cart").status_code == 200  # other routes still work


def test_retry_after_says_when_the_next_request_is_served(demo_sessions) -> None:
    client = TestClient(app_with(demo_sessions, rate_limit_requests="2/second"))
    assert [client.get("/api/shoppers").status_code for _ in range(3)] == [200, 200, 429]
    refused = client.get("/api/shoppers")
    assert refused.status_code == 429
    time.sleep(int(refused.headers["Retry-After"]))
    assert client.get("/api/shoppers").status_code == 200


def test_rates_are_checked_when_the_settings_are_read() -> None:
    assert Settings(rate_limit_sessions="5 per second").rate_limit_sessions == "5 per second"
    with pytest.raises(ValidationError, match="rate_limit_sessions"):
        Settings(rate_limit_sessions="plenty")


def test_only_allowed_host_names_are_served(demo_sessions) -> None:
    client = TestClient(
        app_with(
            demo_sessions, host="192.0.2.10", allowed_hosts=["assistant.example", "*.shop.example"]
        )
    )
    for host in (
        "testserver", "localhost:7860", "127.0.0.1:7860", "[::1]:7860", "192.0.2.10:7860",
        "assistant.example", "chat.shop.example",
    ):  # fmt: skip
        assert client.get("/api/shoppers", headers={"Host": host}).status_code == 200, host
    for host in ("evil.example", "assistant.example.evil.example", "shop.example.evil", ""):
        refused = client.get("/api/shoppers", headers={"Host": host})
        assert refused.status_code == 400, host
        assert client.get("/store", headers={"Host": host}).status_code == 400, host


def test_a_server_on_every_interface_still_answers_only_to_listed_names(demo_sessions) -> None:
    client = TestClient(app_with(demo_sessions, host="0.0.0.0"))
    assert client.get("/api/shoppers", headers={"Host": "0.0.0.0:7860"}).status_code == 400
    assert client.get("/api/shoppers", headers={"Host": "localhost"}).status_code == 200


def test_allowed_hosts_from_flags_and_the_environment(monkeypatch) -> None:
    flags = parse_settings(["--allowed-host", "A.example", "--allowed-host", "b.example"])
    assert flags.allowed_hosts == ["a.example", "b.example"]
    monkeypatch.setenv("ASSISTANT_ALLOWED_HOSTS", "c.example, *.d.example")
    assert parse_settings([]).allowed_hosts == ["c.example", "*.d.example"]
