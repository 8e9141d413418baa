"""Load test: many shoppers at once over HTTP against the real stack, light routes watched.

Starts the app (chat page, API, widget) with uvicorn in a child process on a free port, over
a fresh SQLite copy of the demo catalog with the MiniLM embedder, and a model chosen by flag:

- default: a slow stand-in that answers every call (`SlowLLM` over a steady fake: one chunk of
  8 characters every `--slow-delay-s`);
- `--hanging-model`: a model that never answers (`HangingLLM`);
- `--real-model`: the packaged model as `launch.py` loads it (slow on 2 CPU cores).

Then `--sessions` shoppers each send `--turns` varied messages (searches, refinements,
comparisons, cart moves, policy and order questions, small talk) one after another, all
shoppers at once, with httpx; meanwhile one poller keeps calling the light routes (health,
shoppers, a session, a cart). It prints: turns, lost turns (no `done`, or not stored), 5xx,
429s, search turns with cards, replies with products that were only the introduction, turn
p50/p90/max, turns slower than the turn deadline (`ASSISTANT_TURN_DEADLINE_S`, read from the
same environment as the server's), time to cards p50/p90, light-route p50/p95/p99/max, and the
fallbacks the server counted (from /metrics). The server takes its settings from ASSISTANT_*
environment variables, e.g. ASSISTANT_TURN_WORKERS=32 ASSISTANT_TURN_RESERVE_S=0 for the
settings before the turn reserve.

    .venv/bin/python -m benchmarks.load_test --sessions 50 --turns 10 --hanging-model
    .venv/bin/python -m benchmarks.load_test --sessions 10 --turns 5 --real-model
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from prometheus_client.parser import text_string_to_metric_families

from assistant.app.settings import Settings
from assistant.llm.base import LLM, Message

# Each shopper runs one of these, starting at a different turn; they wrap around.
CONVERSATIONS = [
    [
        "running shoes for men under $100",
        "in black",
        "cheaper",
        "compare the first two",
        "add the second one to my cart",
        "what's in my cart?",
        "what's your return policy?",
        "wireless headphones",
        "tell me about the first one",
        "thanks, bye",
    ],
    [
        "summer sunglasses under $50, not too sporty",
        "something different",
        "why the second one?",
        "a warm winter jacket for women",
        "in navy",
        "what do people say about it?",
        "how long does shipping take?",
        "a chef knife",
        "add 2 of those",
        "hello",
    ],
    [
        "a tent for camping",
        "under 200",
        "show me more",
        "the cheaper of those two",
        "scented candles as a gift",
        "where is my order SA-123456?",
        "a yoga mat",
        "not too expensive",
        "compare 1 and 3",
        "what's the weather like?",
    ],
]
SEARCHES = {
    "running shoes for men under $100", "wireless headphones",
    "summer sunglasses under $50, not too sporty", "a warm winter jacket for women",
    "a chef knife", "a tent for camping", "scented candles as a gift", "a yoga mat",
}  # fmt: skip
RESULTS = re.compile(r"Here (is|are) \d+ ")  # a reply that shows products opens so
SECOND_SENTENCE = re.compile(r"[.!?]\s+\S")  # without one, the reply is the introduction alone
LIGHT_ROUTES = ("/health", "/api/shoppers", "/api/sessions/{id}", "/api/sessions/{id}/cart")
REPLY = "These are popular picks in our shop."
INTENT = '{"intent": "search"}'


class SteadyLLM:
    """Answers every call at once: a neutral sentence, or a search intent when JSON is asked."""

    def generate(
        self,
        messages: Sequence[Message],
        *,
        max_new_tokens: int,
        timeout_s: float | None = None,
        json_schema: dict[str, Any] | None = None,
    ) -> Generator[str, None, None]:
        answer = INTENT if json_schema else REPLY
        for start in range(0, len(answer), 8):
            yield answer[start : start + 8]


# --- the server (child process) -----------------------------------------------------------------


def serve(port: int, data_dir: Path, model: str, slow_delay_s: float) -> None:
    """Build the app as `launch.py` does, with the chosen model, and serve it on `port`."""
    import uvicorn

    from assistant.app.identity import SignIn
    from assistant.app.log_context import configure_logging
    from assistant.app.services import Services
    from assistant.app.wiring import (
        build_assistant,
        load_llm,
        open_database,
        storage_limits,
        turn_executor,
    )
    from assistant.web.app import build_web_app
    from evaluation.fakes import HangingLLM, SlowLLM

    configure_logging()
    settings = Settings(
        port=port,
        data_dir=data_dir,
        demo_sign_in=True,
        # one client address plays every shopper here: the per-address limits would refuse it
        rate_limit_requests="1000000/minute",
        rate_limit_sessions="1000000/minute",
    )
    sessions = open_database(settings)
    llm: LLM
    if model == "real":
        llm = load_llm(settings)
    elif model == "hanging":
        llm = HangingLLM()
    else:
        llm = SlowLLM(SteadyLLM(), slow_delay_s)
    assistant = build_assistant(settings, llm=llm, sessions=sessions)
    services = Services.over(
        assistant,
        sessions,
        SignIn.from_settings(settings),
        storage_limits(settings),
        turn_executor(settings),
    )
    app = build_web_app(services, settings, list(assistant.example_prompts))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(args: argparse.Namespace, data_dir: Path) -> tuple[subprocess.Popen, str, Path]:
    port = free_port()
    log_path = data_dir / "server.log"
    command = [
        sys.executable, "-m", "benchmarks.load_test", "--serve", str(port),
        "--data-dir", str(data_dir), "--model", model_name(args),
        "--slow-delay-s", str(args.slow_delay_s),
    ]  # fmt: skip
    with log_path.open("w") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + args.start_timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited; see {log_path}")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return server, base, log_path
        except httpx.TransportError:
            pass  # not listening yet
        time.sleep(0.5)
    server.send_signal(signal.SIGTERM)
    raise SystemExit(f"the server did not start in {args.start_timeout_s} s; see {log_path}")


def model_name(args: argparse.Namespace) -> str:
    return "real" if args.real_model else "hanging" if args.hanging_model else "slow"


# --- the shoppers (this process) ----------------------------------------------------------------


@dataclass
class Turn:
    text: str
    seconds: float
    to_cards_s: float | None = None
    status: int = 0
    done: bool = False
    stored_position: int | None = None
    cards: int = 0
    reply: str = ""


@dataclass
class Tally:
    turns: list[Turn] = field(default_factory=list)
    light: list[float] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sessions: dict[str, int] = field(default_factory=dict)  # id -> turns that got a position


async def shopper(client: httpx.AsyncClient, number: int, turns: int, tally: Tally) -> None:
    response = await client.post("/api/sessions", json={})
    tally.statuses.append(response.status_code)
    if response.status_code != 200:
        tally.errors.append(f"open session: {response.status_code}")
        return
    session_id = response.json()["session_id"]
    tally.sessions[session_id] = 0
    script = CONVERSATIONS[number % len(CONVERSATIONS)]
    for index in range(turns):
        text = script[(index + number) % len(script)]
        turn = await one_turn(client, session_id, text, tally)
        tally.turns.append(turn)
        if turn.stored_position is not None:
            tally.sessions[session_id] += 1


async def one_turn(client: httpx.AsyncClient, session_id: str, text: str, tally: Tally) -> Turn:
    started = time.monotonic()
    turn = Turn(text, 0.0)
    try:
        async with client.stream(
            "POST", f"/api/sessions/{session_id}/messages", json={"text": text}
        ) as response:
            turn.status = response.status_code
            async for line in response.aiter_lines():
                if not line:
                    continue
                event = json.loads(line)
                if event["type"] == "products" and turn.to_cards_s is None:
                    turn.to_cards_s = time.monotonic() - started
                    turn.cards = len(event["products"])
                elif event["type"] == "done":
                    turn.done = True
                    turn.reply = event["message"]["text"]
                    turn.cards = len(event["message"]["products"])
                    turn.stored_position = event["message"]["position"]
    except httpx.HTTPError as exc:
        tally.errors.append(f"turn {text!r}: {exc!r}")
    tally.statuses.append(turn.status)
    turn.seconds = time.monotonic() - started
    return turn


async def poll_light_routes(client: httpx.AsyncClient, tally: Tally, stop: asyncio.Event) -> None:
    """Call the light routes one after another, about 20 a second, until `stop`."""
    index = 0
    while not stop.is_set():
        await asyncio.sleep(0.05)
        ids = list(tally.sessions)
        route = LIGHT_ROUTES[index % len(LIGHT_ROUTES)]
        index += 1
        if "{id}" in route:
            if not ids:
                continue
            route = route.replace("{id}", ids[index % len(ids)])
        started = time.monotonic()
        try:
            response = await client.get(route)
            tally.statuses.append(response.status_code)
            tally.light.append(time.monotonic() - started)
        except httpx.HTTPError as exc:
            tally.errors.append(f"light {route}: {exc!r}")


async def drive(base: str, sessions: int, turns: int) -> Tally:
    tally = Tally()
    limits = httpx.Limits(max_connections=sessions + 10, max_keepalive_connections=sessions + 10)
    timeout = httpx.Timeout(300.0)
    async with (
        httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as client,
        httpx.AsyncClient(base_url=base, timeout=timeout) as light_client,
    ):
        stop = asyncio.Event()
        poller = asyncio.create_task(poll_light_routes(light_client, tally, stop))
        await asyncio.gather(*(shopper(client, n, turns, tally) for n in range(sessions)))
        stop.set()
        await poller
        for session_id, answered in tally.sessions.items():  # what the database kept
            stored = (await client.get(f"/api/sessions/{session_id}")).json()["messages"]
            kept = sum(1 for m in stored if m["role"] == "assistant")
            if kept != answered:
                tally.errors.append(f"session {session_id}: {answered} answered, {kept} stored")
                tally.sessions[session_id] = kept
    return tally


def fallbacks(base: str) -> dict[str, float]:
    """The server's fallback and model-rejection counters, by kind."""
    text = httpx.get(f"{base}/metrics", timeout=10).text
    counts: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        if family.name in ("assistant_fallbacks", "assistant_model_rejected"):
            for sample in family.samples:
                if sample.name.endswith("_total"):
                    key = sample.labels.get("kind") or f"rejected_{sample.labels.get('reason')}"
                    counts[key] = sample.value
    return counts


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(
    tally: Tally, sessions: int, turns: int, counts: dict[str, float], deadline_s: float
) -> dict[str, Any]:
    seconds = [t.seconds for t in tally.turns]
    to_cards = [t.to_cards_s for t in tally.turns if t.to_cards_s is not None]
    searches = [t for t in tally.turns if t.text in SEARCHES]
    results = [t for t in tally.turns if RESULTS.match(t.reply)]
    stored = sum(tally.sessions.values())
    return {
        "turns_sent": sessions * turns,
        "turns_done": sum(t.done for t in tally.turns),
        "lost_turns": sessions * turns - stored,
        "http_5xx": sum(1 for s in tally.statuses if s >= 500),
        "http_429": sum(1 for s in tally.statuses if s == 429),
        "search_turns": len(searches),
        "search_turns_with_cards": sum(1 for t in searches if t.done and t.cards),
        "result_replies": len(results),
        "result_replies_intro_only": sum(1 for t in results if not SECOND_SENTENCE.search(t.reply)),
        "turn_p50_s": round(statistics.median(seconds), 2) if seconds else None,
        "turn_p90_s": round(percentile(seconds, 0.9), 2),
        "turn_max_s": round(max(seconds, default=float("nan")), 2),
        "turns_over_deadline": sum(1 for s in seconds if s > deadline_s),
        "to_cards_p50_s": round(statistics.median(to_cards), 2) if to_cards else None,
        "to_cards_p90_s": round(percentile(to_cards, 0.9), 2),
        "light_requests": len(tally.light),
        "light_p50_ms": round(1000 * percentile(tally.light, 0.5), 1),
        "light_p95_ms": round(1000 * percentile(tally.light, 0.95), 1),
        "light_p99_ms": round(1000 * percentile(tally.light, 0.99), 1),
        "light_max_ms": round(1000 * max(tally.light, default=float("nan")), 1),
        "fallbacks": counts,
        "errors": tally.errors[:10],
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--turns", type=int, default=10)
    model = parser.add_mutually_exclusive_group()
    model.add_argument("--hanging-model", action="store_true", help="a model that never answers")
    model.add_argument("--real-model", action="store_true", help="the packaged model (slow)")
    parser.add_argument(
        "--slow-delay-s", type=float, default=0.5, help="the slow stand-in's delay per chunk"
    )
    parser.add_argument("--start-timeout-s", type=float, default=600.0)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)  # the child process
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--model", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve, args.data_dir, args.model, args.slow_delay_s)
        return
    with tempfile.TemporaryDirectory(prefix="load-test-") as folder:
        server, base, log_path = start_server(args, Path(folder))
        try:
            started = time.monotonic()
            tally = asyncio.run(drive(base, args.sessions, args.turns))
            elapsed = time.monotonic() - started
            deadline_s = Settings().turn_deadline_s  # the server's (same environment)
            result = report(tally, args.sessions, args.turns, fallbacks(base), deadline_s)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        warnings = sum(" WARNING " in line for line in log_path.read_text().splitlines())
        result |= {
            "model": model_name(args),
            "sessions": args.sessions,
            "turns_per_session": args.turns,
            "wall_s": round(elapsed, 1),
            "server_warnings": warnings,
            "cpu_count": os.cpu_count(),
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
