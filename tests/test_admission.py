"""Admission control and isolation: the model's gate, turn threads, and light routes that stay
fast while a hanging model holds every turn until its deadline."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import threading
import time
from collections.abc import Generator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import httpx
import pytest

from assistant.app.services import Services
from assistant.app.settings import Settings
from assistant.app.turn_executor import TurnExecutor
from assistant.app.wiring import admitted, dialogue_manager, turn_executor
from assistant.dialogue.card_summary import cards_summary
from assistant.dialogue.turns import TurnUpdate
from assistant.facts.cards import ProductCard
from assistant.llm.admission import AdmittedLLM, turn_deadline
from assistant.llm.base import LLMError, Message, complete
from assistant.web.app import build_api_app
from evaluation.dialogue_suite import FAKE_EMBEDDER, FAKE_MIN_SIMILARITY
from evaluation.fakes import FakeLLM, HangingLLM, SlowLLM
from tests.web_server import serve

PROMPT: list[Message] = [{"role": "user", "content": "hello"}]


class CountingLLM:
    """Answers "ok." after `hold_s`, noting how many of its generations ran at once."""

    def __init__(self, hold_s: float) -> None:
        self._hold_s, self._guard = hold_s, threading.Lock()
        self.running = self.most_at_once = 0

    def generate(self, messages, **kwargs) -> Generator[str, None, None]:
        with self._guard:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        try:
            time.sleep(self._hold_s)
            yield "ok."
        finally:
            with self._guard:
                self.running -= 1


def call_in_thread(llm, **kwargs) -> threading.Thread:
    def run() -> None:
        with contextlib.suppress(LLMError):  # these calls only occupy the gate
            complete(llm, PROMPT, max_new_tokens=8, **kwargs)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def wait_until(condition, timeout_s: float = 5.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.01)


# --- the model's gate -------------------------------------------------------------------------


def test_no_more_generations_run_at_once_than_the_gate_allows() -> None:
    inner = CountingLLM(hold_s=0.05)
    gate = AdmittedLLM(inner, max_concurrent=2, max_waiting=10)
    with ThreadPoolExecutor(8) as pool:
        answers = list(
            pool.map(lambda _: complete(gate, PROMPT, max_new_tokens=8, timeout_s=10), range(8))
        )
    assert answers == ["ok."] * 8 and inner.most_at_once == 2


def test_a_full_queue_fails_at_once() -> None:
    model = HangingLLM()
    gate = AdmittedLLM(model, max_concurrent=1, max_waiting=1)
    try:
        call_in_thread(gate, timeout_s=30)  # holds the only slot
        wait_until(lambda: model.calls == 1)
        call_in_thread(gate, timeout_s=30)  # waits in the queue
        wait_until(lambda: gate._waiting == 1)
        started = time.monotonic()
        with pytest.raises(LLMError, match="busy"):
            complete(gate, PROMPT, max_new_tokens=8, timeout_s=30)
        assert time.monotonic() - started < 0.5
    finally:
        model.release()


def test_a_call_waiting_for_a_slot_gives_up_at_the_turns_deadline() -> None:
    model = HangingLLM()
    gate = AdmittedLLM(model, max_concurrent=1, max_waiting=4)
    try:
        call_in_thread(gate, timeout_s=30)
        wait_until(lambda: model.calls == 1)
        started = time.monotonic()
        with turn_deadline(started + 0.4), pytest.raises(LLMError, match="deadline"):
            complete(gate, PROMPT, max_new_tokens=8, timeout_s=30)  # the turn's deadline wins
        assert 0.35 < time.monotonic() - started < 1.5
    finally:
        model.release()


def test_a_turn_past_its_deadline_does_not_reach_the_model() -> None:
    model = HangingLLM()
    gate = AdmittedLLM(model, max_concurrent=1, max_waiting=1)
    with turn_deadline(time.monotonic() - 0.1), pytest.raises(LLMError, match="passed"):
        complete(gate, PROMPT, max_new_tokens=8, timeout_s=30)
    assert model.calls == 0


def test_a_hanging_model_is_left_at_the_deadline_and_keeps_its_slot() -> None:
    model = HangingLLM()
    gate = AdmittedLLM(model, max_concurrent=1, max_waiting=0)
    try:
        started = time.monotonic()
        with pytest.raises(LLMError, match="no answer"):
            complete(gate, PROMPT, max_new_tokens=8, timeout_s=0.3)
        assert time.monotonic() - started < 1.0
        with pytest.raises(LLMError, match="busy"):  # still hanging: the next call fails fast
            complete(gate, PROMPT, max_new_tokens=8, timeout_s=5)
    finally:
        model.release()
    wait_until(lambda: gate._slots.acquire(blocking=False))  # released: the slot comes back


def test_words_that_came_before_the_deadline_are_kept() -> None:
    fake = FakeLLM(chunk_chars=3)
    fake.enqueue("abcdefghijkl")
    gate = AdmittedLLM(SlowLLM(fake, delay_s=0.2), max_concurrent=1, max_waiting=0)
    started = time.monotonic()
    text = complete(gate, PROMPT, max_new_tokens=8, timeout_s=0.5)
    assert text in ("abc", "abcdef") and time.monotonic() - started < 1.0


def test_the_gate_passes_failures_and_the_time_left_on() -> None:
    fake = FakeLLM()
    fake.enqueue(LLMError("model down"))
    gate = AdmittedLLM(fake, max_concurrent=1, max_waiting=0)
    with pytest.raises(LLMError, match="model down"):
        complete(gate, PROMPT, max_new_tokens=8, timeout_s=5)
    seen: list[float | None] = []

    class Recorder:
        def generate(self, messages, *, timeout_s=None, **kwargs):
            seen.append(timeout_s)
            yield "x"

    complete(AdmittedLLM(Recorder(), 1, 0), PROMPT, max_new_tokens=8, timeout_s=2)
    assert seen[0] is not None and 1.5 < seen[0] <= 2


def test_the_gate_follows_the_settings_and_the_local_batch_size() -> None:
    gate = admitted(FakeLLM(), Settings(model_concurrency=3))
    assert (gate.max_concurrent, gate.max_waiting) == (3, 6)
    gate = admitted(FakeLLM(), Settings(model_concurrency=2, model_queue_limit=0))
    assert (gate.max_concurrent, gate.max_waiting) == (2, 0)


# --- the turn executor's deadline ---------------------------------------------------------------


def run_turns(turns: TurnExecutor, *produces) -> list[list[object]]:
    """The items of each `produce`, all submitted at once to `turns`."""

    async def consume(produce) -> list[object]:
        return [item async for item in turns.stream(produce, "session")]

    async def all_at_once() -> list[list[object]]:
        return await asyncio.gather(*(consume(produce) for produce in produces))

    return asyncio.run(all_at_once())


def asks_the_model(gate: AdmittedLLM, submitted: float):
    """A turn that asks the model once and says how long after `submitted` the call ended."""

    def produce() -> Generator[object, None, None]:
        try:
            outcome: object = complete(gate, PROMPT, max_new_tokens=8, timeout_s=30)
        except LLMError as exc:
            outcome = exc
        yield outcome, time.monotonic() - submitted

    return produce


def test_a_turns_model_work_ends_its_reserve_before_the_deadline() -> None:
    model = HangingLLM()
    gate = AdmittedLLM(model, max_concurrent=1, max_waiting=0)
    turns = TurnExecutor(workers=1, deadline_s=1.0, reserve_s=0.6)
    try:
        [[(outcome, ended_s)]] = run_turns(turns, asks_the_model(gate, time.monotonic()))
    finally:
        model.release()
    assert isinstance(outcome, LLMError) and "no answer" in str(outcome)
    assert 0.35 < ended_s < 0.7  # the model deadline: 1.0 - 0.6 s after submission


def test_a_turn_that_waited_past_its_model_deadline_skips_the_model() -> None:
    model = CountingLLM(hold_s=0.0)
    gate = AdmittedLLM(model, max_concurrent=1, max_waiting=0)
    turns = TurnExecutor(workers=1, deadline_s=1.0, reserve_s=0.5)
    submitted = time.monotonic()

    def busy() -> Generator[object, None, None]:  # holds the only turn thread for 0.7 s
        time.sleep(0.7)
        yield "busy"

    _, [(outcome, ended_s)] = run_turns(turns, busy, asks_the_model(gate, submitted))
    assert isinstance(outcome, LLMError) and "passed" in str(outcome)
    assert model.most_at_once == 0  # never reached the model
    assert ended_s < 0.9  # answered at once, before the turn's deadline


def test_the_reserve_is_shorter_than_the_deadline() -> None:
    with pytest.raises(ValueError, match="reserve_s"):
        TurnExecutor(workers=1, deadline_s=2.0, reserve_s=2.0)
    turns = turn_executor(Settings(turn_deadline_s=5, turn_reserve_s=1, turn_workers=3))
    assert (turns.workers, turns.deadline_s, turns.reserve_s) == (3, 5, 1)
    assert turn_executor(Settings()).workers == 4 * (os.cpu_count() or 1)  # a few per core


# --- turns under a hanging model, over HTTP ---------------------------------------------------

TURN_DEADLINE_S = 9.0  # room on 2 busy cores: 48 turns parsed before the window, searched after
HANGING_TURNS = 48  # more than AnyIO's 40 shared worker threads
SEARCHES = [
    "running shoes for men under $100",
    "wireless headphones",
    "sunglasses under $50",
    "a warm winter jacket for women",
    "a chef knife",
    "a tent for camping",
]
LIGHT_ROUTES_BOUND_S = 2.0
TURN_RESERVE_S = 3.0  # the model work ends 6 s after submission: 48 turns then search and store


@pytest.fixture
def hanging_app(demo_sessions):
    """The API over the demo catalog with a model that never answers, behind the gate: one
    slot, and room for every turn to wait in the queue until its model deadline."""
    model = HangingLLM()
    settings = Settings(model_concurrency=1, model_queue_limit=2 * HANGING_TURNS)
    manager = dialogue_manager(
        settings,
        demo_sessions,
        FAKE_EMBEDDER,
        admitted(model, settings),
        min_similarity=FAKE_MIN_SIMILARITY,
    )
    turns = TurnExecutor(
        workers=HANGING_TURNS, deadline_s=TURN_DEADLINE_S, reserve_s=TURN_RESERVE_S
    )
    services = Services.over(manager, demo_sessions, turns=turns)
    try:
        with serve(build_api_app(services, settings)) as url:
            yield url, model
    finally:
        model.release()


def run_turn(url: str, session_id: str, text: str) -> tuple[float, list[dict]]:
    started = time.monotonic()
    with httpx.Client(base_url=url, timeout=30) as client:
        response = client.post(f"/api/sessions/{session_id}/messages", json={"text": text})
    assert response.status_code == 200, response.text
    return time.monotonic() - started, [json.loads(line) for line in response.text.splitlines()]


def test_light_routes_stay_fast_and_every_turn_ends_by_its_deadline(hanging_app) -> None:
    url, model = hanging_app
    with httpx.Client(base_url=url, timeout=30) as client:
        session_ids = [
            client.post("/api/sessions", json={}).json()["session_id"] for _ in range(HANGING_TURNS)
        ]
        with ThreadPoolExecutor(HANGING_TURNS) as pool:
            turns = [
                pool.submit(run_turn, url, session_id, SEARCHES[i % len(SEARCHES)])
                for i, session_id in enumerate(session_ids)
            ]
            wait_until(lambda: model.calls >= 1)
            time.sleep(0.5)  # the turns reach the model's queue
            light = []
            while not any(turn.done() for turn in turns):  # every turn is in flight
                for path in (
                    "/health",
                    "/api/shoppers",
                    f"/api/sessions/{session_ids[0]}",
                    f"/api/sessions/{session_ids[1]}/cart",
                ):
                    started = time.monotonic()
                    assert client.get(path).status_code == 200
                    light.append(time.monotonic() - started)
            results = [turn.result() for turn in turns]
    assert len(light) >= 6, "the turns ended before the light routes could be measured"
    assert max(light) < LIGHT_ROUTES_BOUND_S, f"slowest light request {max(light):.2f} s"
    for elapsed, lines in results:
        assert elapsed < TURN_DEADLINE_S, f"a turn took {elapsed:.1f} s"
        assert lines[-1]["type"] == "done"
        message = lines[-1]["message"]
        products = [line for line in lines if line["type"] == "products"][-1]["products"]
        assert products and message["products"] == products and message["position"] is not None
        assert message["text"].startswith(f"Here are {len(products)} ")
        assert message["text"].endswith(cards_summary(_cards(products))), message["text"]


def _cards(products: list[dict]) -> tuple[ProductCard, ...]:
    """The cards the shopper saw, rebuilt from the stream for the code-written sentence."""
    return tuple(
        ProductCard(
            product_id=p["id"], sku=p["sku"], name=p["name"], brand=p["brand"],
            price=Decimal(p["price"]), currency=p["currency"], rating=p["rating"],
            review_count=p["review_count"], stock=p["stock"], image=None, reason=p["reason"],
        )
        for p in products
    )  # fmt: skip


def card(name: str, price: str, rating: float | None, reviews: int) -> ProductCard:
    return ProductCard(
        product_id=hash(name) % 1000, sku=name, name=name, brand=None, price=Decimal(price),
        currency="USD", rating=rating, review_count=reviews, stock=3, image=None, reason="",
    )  # fmt: skip


def test_the_code_written_sentence_names_the_cheapest_and_the_best_rated() -> None:
    cheap, rated, plain = (
        card("Trail Runner", "49.99", 4.1, 30),
        card("Road Glide", "89.00", 4.8, 1200),
        card("Park Shoe", "60.00", None, 0),
    )
    assert cards_summary([rated, cheap, plain]) == (
        "The cheapest is the Trail Runner at $49.99; the best rated is the Road Glide, "
        "4.8/5 by 1200 shoppers."
    )
    assert cards_summary([cheap, plain]) == (
        "The Trail Runner is both the cheapest, at $49.99, and the best rated, "
        "4.1/5 by 30 shoppers."
    )
    assert cards_summary([plain]) == "It costs $60.00."
    assert cards_summary([rated]) == "It costs $89.00 and is rated 4.8/5 by 1200 shoppers."
    assert cards_summary([]) == ""


def test_turns_run_on_turn_threads_not_the_servers_pool(demo_sessions) -> None:
    names: list[str] = []

    class Recording:
        def new_conversation(self):
            return None

        def respond(self, conversation, message):
            names.append(threading.current_thread().name)
            yield TurnUpdate((), "Hello.", True)

    services = Services.over(Recording(), demo_sessions, turns=TurnExecutor(2, 5.0))
    with serve(build_api_app(services, Settings())) as url:
        session_id = httpx.post(f"{url}/api/sessions", json={}).json()["session_id"]
        _, lines = run_turn(url, session_id, "hi")
    assert lines[-1]["type"] == "done" and lines[-1]["message"]["text"] == "Hello."
    assert names and names[0].startswith("turn")
