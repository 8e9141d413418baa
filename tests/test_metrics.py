"""`/metrics` exposes turn stages, the model's queue and wait, fallbacks and errors by route;
log lines carry the session id and never the shopper's words above debug level."""

from __future__ import annotations

import json
import logging

import pytest
from fastapi.testclient import TestClient
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from assistant.app.log_context import SessionIdFilter
from assistant.app.services import Services
from assistant.app.settings import Settings
from assistant.app.turn_executor import TurnExecutor
from assistant.app.wiring import admitted, dialogue_manager
from assistant.history.chat import ChatService
from assistant.llm.base import LLMError
from assistant.web.app import build_api_app
from evaluation.dialogue_suite import FAKE_EMBEDDER, FAKE_MIN_SIMILARITY, FakeModels

SECRET_WORDS = "zorblax quintessence flibbertigibbet"  # words no rule knows: the model is asked


@pytest.fixture
def app(demo_sessions) -> tuple[TestClient, FakeModels]:
    models, settings = FakeModels(), Settings(load_demo_catalog=False)
    manager = dialogue_manager(
        settings,
        demo_sessions,
        FAKE_EMBEDDER,
        admitted(models.reply, settings),
        intent_llm=admitted(models.intent, settings),
        min_similarity=FAKE_MIN_SIMILARITY,
    )
    services = Services.over(manager, demo_sessions, turns=TurnExecutor(4, 10.0))
    return TestClient(build_api_app(services, settings)), models


def value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def turn(client: TestClient, text: str) -> tuple[str, list[dict]]:
    session_id = client.post("/api/sessions", json={}).json()["session_id"]
    response = client.post(f"/api/sessions/{session_id}/messages", json={"text": text})
    assert response.status_code == 200, response.text
    return session_id, [json.loads(line) for line in response.text.splitlines()]


def test_metrics_expose_stages_queue_fallbacks_and_errors_by_route(app) -> None:
    client, models = app
    stages = ("understand", "search", "first_text", "turn")
    before = {stage: value("assistant_turn_stage_seconds_count", stage=stage) for stage in stages}
    failed = value("assistant_fallbacks_total", kind="reply_failed")
    waits = value("assistant_model_wait_seconds_count")
    not_found = value(
        "assistant_http_errors_total",
        route="/api/sessions/{session_id}",
        method="GET",
        status="404",
    )
    models.feed(None, LLMError("the reply model is down"))
    _, lines = turn(client, "running shoes for men under $100")
    assert lines[-1]["type"] == "done"
    assert client.get("/api/sessions/no-such-session").status_code == 404

    assert client.get("/health").json() == {"status": "ok"}
    response = client.get("/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    families = {family.name for family in text_string_to_metric_families(response.text)}
    assert {
        "assistant_turn_stage_seconds",
        "assistant_model_queue_depth",
        "assistant_model_wait_seconds",
        "assistant_model_rejected",
        "assistant_fallbacks",
        "assistant_http_errors",
        "assistant_turns_in_flight",
    } <= families
    for stage in stages:
        assert value("assistant_turn_stage_seconds_count", stage=stage) == before[stage] + 1
    assert value("assistant_fallbacks_total", kind="reply_failed") == failed + 1
    assert value("assistant_model_wait_seconds_count") == waits + 1  # the reply call
    assert value("assistant_model_queue_depth") == 0
    assert (
        value(
            "assistant_http_errors_total",
            route="/api/sessions/{session_id}",
            method="GET",
            status="404",
        )
        == not_found + 1
    )


def test_a_turn_that_fails_after_its_answer_ends_with_an_error_line(app, monkeypatch) -> None:
    client, _ = app
    labels = {"route": "/api/sessions/{session_id}/messages", "method": "POST"}
    before = value("assistant_http_errors_total", **labels, status="stream_error")
    session_id = client.post("/api/sessions", json={}).json()["session_id"]

    def database_down(self: ChatService, _session_id: str) -> None:
        raise RuntimeError("database is down")

    monkeypatch.setattr(ChatService, "messages", database_down)  # read after the answer
    response = client.post(f"/api/sessions/{session_id}/messages", json={"text": "hello"})
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert response.status_code == 200 and lines[-1]["type"] == "error"
    assert lines[-1]["error"]["code"] == "turn_failed" and "database" not in response.text
    assert value("assistant_http_errors_total", **labels, status="stream_error") == before + 1


def test_a_session_id_is_on_the_turns_log_lines_and_the_shoppers_words_are_not(
    app, caplog: pytest.LogCaptureFixture
) -> None:
    client, models = app
    models.feed(f"no JSON here, only {SECRET_WORDS}", None)  # the unusable answer echoes them
    caplog.handler.addFilter(SessionIdFilter())
    with caplog.at_level(logging.DEBUG):
        session_id, lines = turn(client, f"do you have {SECRET_WORDS}")
    assert lines[-1]["type"] == "done"
    turn_records = [r for r in caplog.records if getattr(r, "session_id", "-") == session_id]
    assert any(r.name == "assistant.dialogue.manager" for r in turn_records)
    loud = [r.getMessage() for r in caplog.records if r.levelno > logging.DEBUG]
    assert loud and not any("zorblax" in message for message in loud), loud
    quiet = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG]
    assert any("zorblax" in message for message in quiet)  # kept for debugging, at debug
