"""kill -9 under load loses nothing that was acknowledged, and the server starts again as is.

The app runs as its own process (`tests.crash_server`: `launch.py` with instant stand-ins for
the model and embedder) on a SQLite file or a PostgreSQL database. Shoppers on threads send
turns, add to their carts and give thumbs over HTTP, one call at a time each, and remember
what the server acknowledged: a turn whose stream ended with `done` (and a position), a cart
or thumb call answered 2xx. The server is killed with SIGKILL mid-load and started again on
the same database; then every acknowledged turn, cart line and thumb must be stored, no
session may hold half a turn or a gap in its positions, the schema must be at head, SQLite's
`PRAGMA integrity_check` must say ok, and every session must take another turn.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from catalog.db import make_engine
from catalog.schema import alembic_config, current_revision
from tests.web_server import free_port

ROOT = Path(__file__).resolve().parents[1]
SHOPPERS = 6  # with two server starts, about 20 s per database on 2 cores
ACKED_TURNS_BEFORE_KILL = 60  # then SIGKILL, with every shopper mid-call or about to be
STARTUP_TIMEOUT_S = 90.0
# Turns that leave the cart alone, so a shopper's cart is exactly what its calls acknowledged.
MESSAGES = [
    "running shoes for men under $100",
    "in black",
    "cheaper",
    "wireless headphones",
    "tell me about the first one",
    "compare the first two",
    "what's your return policy?",
    "a tent for 4 people",
    "how long does shipping take?",
    "thanks!",
]
UNLIMITED = "1000000/minute"  # one client address plays every shopper


class ServerGone(Exception):
    """The server stopped answering: the call in flight may or may not have been applied."""


@dataclass
class Tally:
    """A shopper's acknowledged state, and the one call in flight when the server died."""

    session_id: str
    turns: list[tuple[int, str, str]] = field(default_factory=list)  # (position, user, reply)
    cart: dict[int, int] = field(default_factory=dict)
    carts_acked: int = 0
    message_thumbs: dict[int, bool] = field(default_factory=dict)
    product_thumbs: dict[int, bool] = field(default_factory=dict)
    pending: tuple[Any, ...] | None = None
    refused: list[str] = field(default_factory=list)  # 4xx answers, with their bodies


@contextmanager
def running_server(database_url: str, data_dir: Path, log_path: Path) -> Iterator[Any]:
    """The crash server on a free port: yields (process, base URL); stopped afterwards."""
    port = free_port()
    env = {
        **os.environ,
        "ASSISTANT_RATE_LIMIT_REQUESTS": UNLIMITED,
        "ASSISTANT_RATE_LIMIT_SESSIONS": UNLIMITED,
        "ASSISTANT_RATE_LIMIT_MESSAGES": UNLIMITED,
    }
    command = [
        sys.executable, "-m", "tests.crash_server", "--port", str(port),
        "--database-url", database_url, "--data-dir", str(data_dir),
    ]  # fmt: skip
    with log_path.open("a") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, process, log_path)
        yield process, base
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(30)


def wait_until_serving(base: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}:\n{log_tail(log_path)}")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass  # not listening yet
        time.sleep(0.2)
    pytest.fail(f"the server did not serve within {STARTUP_TIMEOUT_S:.0f} s:\n{log_tail(log_path)}")


def log_tail(log_path: Path) -> str:
    return "\n".join(log_path.read_text(errors="replace").splitlines()[-40:])


def call(client: httpx.Client, tally: Tally, method: str, path: str, body: dict) -> Any:
    """One JSON call; its JSON on 2xx, None on 4xx (noted); `ServerGone` when the server is."""
    try:
        response = client.request(method, path, json=body)
    except httpx.TransportError as error:
        raise ServerGone from error
    assert response.status_code < 500, f"{method} {path}: {response.status_code} {response.text}"
    if response.status_code >= 400:
        tally.refused.append(f"{method} {path} {body}: {response.text}")
        return None
    return response.json()


def send_turn(client: httpx.Client, session_id: str, text: str) -> dict[str, Any]:
    """The turn's last NDJSON line; `ServerGone` when the stream broke off."""
    try:
        with client.stream(
            "POST", f"/api/sessions/{session_id}/messages", json={"text": text}
        ) as r:
            assert r.status_code == 200, f"turn {text!r}: {r.status_code} {r.read()!r}"
            lines = [json.loads(line) for line in r.iter_lines() if line]
    except httpx.TransportError as error:
        raise ServerGone from error
    assert lines, f"turn {text!r}: an empty stream"
    return lines[-1]


def shop(base: str, tally: Tally, number: int, acked_turns: list[int]) -> None:
    """Turns, a thumb on each reply, a thumb and a cart add for its first new card, until the
    server goes away; each call is `tally.pending` until acknowledged."""
    with httpx.Client(base_url=base, timeout=60) as client:
        for turn in range(10_000):
            text = MESSAGES[(number + turn) % len(MESSAGES)]
            try:
                tally.pending = ("turn", text)
                last = send_turn(client, tally.session_id, text)
                assert last["type"] == "done", f"turn {text!r} ended with {last}"
                message = last["message"]
                assert message["position"] is not None, f"turn {text!r} was not stored"
                tally.turns.append((message["position"], text, message["text"]))
                tally.cart = cart_lines(last["cart"])
                tally.pending = None
                acked_turns.append(1)
                thumb = {"message_position": message["position"], "liked": turn % 2 == 0}
                tally.pending = ("message_thumb", message["position"], thumb["liked"])
                if call(client, tally, "POST", feedback_path(tally), thumb) is not None:
                    tally.message_thumbs[message["position"]] = thumb["liked"]
                tally.pending = None
                fresh = [
                    p["id"] for p in message["products"] if p["id"] not in tally.product_thumbs
                ]
                if fresh:
                    shop_product(client, tally, fresh[0], liked=turn % 3 != 0)
            except ServerGone:
                return


def shop_product(client: httpx.Client, tally: Tally, product_id: int, liked: bool) -> None:
    tally.pending = ("product_thumb", product_id, liked)
    body = {"product_id": product_id, "liked": liked}
    if call(client, tally, "POST", feedback_path(tally), body) is not None:
        tally.product_thumbs[product_id] = liked
    tally.pending = ("cart", product_id, 1)
    path = f"/api/sessions/{tally.session_id}/cart"
    cart = call(client, tally, "POST", path, {"product_id": product_id, "quantity": 1})
    if cart is not None:
        tally.cart = cart_lines(cart)
        tally.carts_acked += 1
    tally.pending = None


def feedback_path(tally: Tally) -> str:
    return f"/api/sessions/{tally.session_id}/feedback"


def cart_lines(cart: dict[str, Any]) -> dict[int, int]:
    return {item["product_id"]: item["quantity"] for item in cart["items"]}


def open_sessions(base: str) -> list[Tally]:
    with httpx.Client(base_url=base, timeout=30) as client:
        return [
            Tally(client.post("/api/sessions", json={}).raise_for_status().json()["session_id"])
            for _ in range(SHOPPERS)
        ]


def load_then_kill(base: str, process: subprocess.Popen, tallies: list[Tally]) -> None:
    """Shoppers at work until enough turns are acknowledged, then SIGKILL the server."""
    acked_turns: list[int] = []
    failures: list[BaseException] = []

    def run(number: int, tally: Tally) -> None:
        try:
            shop(base, tally, number, acked_turns)
        except BaseException as error:  # reported by the test below, not lost in a thread
            failures.append(error)

    threads = [threading.Thread(target=run, args=(n, t)) for n, t in enumerate(tallies)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 120
    while len(acked_turns) < ACKED_TURNS_BEFORE_KILL and time.monotonic() < deadline:
        assert not failures, failures
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(30)
    for thread in threads:
        thread.join(90)
    if failures:
        raise failures[0]
    assert len(acked_turns) >= ACKED_TURNS_BEFORE_KILL, "the load did not get going"


def check_session(client: httpx.Client, tally: Tally) -> dict[str, int]:
    """The stored session holds exactly what was acknowledged, plus at most the call in
    flight at the kill, whole; returns the counts stored."""
    stored = client.get(f"/api/sessions/{tally.session_id}").raise_for_status().json()
    messages = stored["messages"]
    assert [m["position"] for m in messages] == list(range(len(messages))), "a gap in positions"
    assert [m["role"] for m in messages] == ["user", "assistant"] * (len(messages) // 2), (
        "half a turn or messages out of order"
    )
    pairs = [
        (reply["position"], user["text"], reply["text"])
        for user, reply in zip(messages[::2], messages[1::2], strict=True)
    ]
    pending = tally.pending or ("none",)
    assert pairs[: len(tally.turns)] == tally.turns, "an acknowledged turn is missing or changed"
    extra = pairs[len(tally.turns) :]
    if extra:  # only the turn in flight, whole, may have been stored besides
        assert len(extra) == 1 and pending == ("turn", extra[0][1]), (extra, pending)

    cart = cart_lines(stored["cart"])
    if pending[0] == "cart" and cart != tally.cart:
        product_id, quantity = pending[1:]
        added = {**tally.cart, product_id: tally.cart.get(product_id, 0) + quantity}
        assert cart == added, f"cart {cart}, acknowledged {tally.cart} (+ {pending})"
    else:
        assert cart == tally.cart, f"cart {cart}, acknowledged {tally.cart}"

    for kind, target, acked in (
        ("message_thumb", "messages", tally.message_thumbs),
        ("product_thumb", "products", tally.product_thumbs),
    ):
        given = {int(k): v for k, v in stored["feedback"][target].items()}
        may_add = {pending[1]: pending[2]} if pending[0] == kind else {}
        assert given in (acked, {**acked, **may_add}), f"{kind}s {given}, acknowledged {acked}"
    return {
        "turns": len(pairs),
        "cart_units": sum(cart.values()),
        "thumbs": len(stored["feedback"]["messages"]) + len(stored["feedback"]["products"]),
    }


def take_another_turn(client: httpx.Client, tally: Tally, stored_turns: int) -> None:
    last = send_turn(client, tally.session_id, "wireless headphones")
    assert last["type"] == "done", last
    assert last["message"]["position"] == 2 * stored_turns + 1, last["message"]


def check_database(database_url: str) -> None:
    """Schema at head; on SQLite, the file passes its integrity and foreign key checks."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            head = ScriptDirectory.from_config(alembic_config(connection)).get_current_head()
        assert current_revision(engine) == head
    finally:
        engine.dispose()
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        with sqlite3.connect(str(url.database)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def test_kill_9_under_load_loses_nothing_acknowledged(catalog_url: str, tmp_path: Path) -> None:
    log_path = tmp_path / "server.log"
    with running_server(catalog_url, tmp_path, log_path) as (process, base):
        tallies = open_sessions(base)
        load_then_kill(base, process, tallies)

    with (
        running_server(catalog_url, tmp_path, log_path) as (_process, base),
        httpx.Client(base_url=base, timeout=60) as client,
    ):
        stored = [check_session(client, tally) for tally in tallies]
        for tally, counts in zip(tallies, stored, strict=True):
            take_another_turn(client, tally, counts["turns"])
    check_database(catalog_url)

    acked = {
        "turns": sum(len(t.turns) for t in tallies),
        "cart_adds": sum(t.carts_acked for t in tallies),
        "thumbs": sum(len(t.message_thumbs) + len(t.product_thumbs) for t in tallies),
    }
    in_flight = [t.pending[0] for t in tallies if t.pending]
    print(
        f"\n[{make_url(catalog_url).get_backend_name()}] kill -9 after {acked['turns']} "
        f"acknowledged turns: stored {sum(s['turns'] for s in stored)} turns "
        f"(acknowledged {acked['turns']}); cart adds acknowledged {acked['cart_adds']}, cart "
        f"units stored {sum(s['cart_units'] for s in stored)}; thumbs acknowledged "
        f"{acked['thumbs']}, stored {sum(s['thumbs'] for s in stored)}; calls in flight at "
        f"the kill: {in_flight}; 4xx answers: {sum(len(t.refused) for t in tallies)}"
    )
