"""Turns run on threads of their own and stream to the event loop asynchronously.

A turn's work (database, search, waiting for the model) blocks, so it never runs on the web
server's shared worker pool, where it would starve light routes (session, cart, shoppers).
`TurnExecutor.stream` runs a sync iterator (a turn's stream) on one of `workers` dedicated
threads, with its session id on every log line and inside a model deadline
(`assistant.llm.admission.turn_deadline`): counted from when the turn was submitted, the model
work ends `reserve_s` before the turn's deadline, the time the rest of the turn (search, cards,
storing) needs, so a turn that waited for a thread or for the model still answers in time,
and one that starts later than that skips the model. It hands the iterator's items to an async
consumer (a StreamingResponse, a Gradio handler). When the consumer goes away the iterator is
closed at its next item, so `ChatService` still stores the turn.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import threading
import time
from collections.abc import AsyncIterator, Callable, Generator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from typing import TypeVar, cast

from prometheus_client import Gauge, Histogram

from assistant.app.log_context import session_logging
from assistant.llm.admission import turn_deadline

log = logging.getLogger(__name__)

T = TypeVar("T")

TURNS_IN_FLIGHT = Gauge("assistant_turns_in_flight", "Turns submitted and not yet finished.")
TURN_QUEUE_SECONDS = Histogram(
    "assistant_turn_queue_seconds",
    "Time a turn waited for a free turn thread.",
    buckets=(0.001, 0.01, 0.05, 0.25, 1, 4, 16),
)


class TurnExecutor:
    """Up to `workers` turns at once; each turn's model work ends `deadline_s - reserve_s`
    after submission."""

    def __init__(self, workers: int = 8, deadline_s: float = 8.0, reserve_s: float = 0.0) -> None:
        if not 0 <= reserve_s < deadline_s:
            raise ValueError("reserve_s must be ≥ 0 and less than deadline_s")
        self.workers, self.deadline_s, self.reserve_s = workers, deadline_s, reserve_s
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="turn")

    async def stream(
        self, produce: Callable[[], Generator[T, None, None]], session_id: str
    ) -> AsyncIterator[T]:
        """The items of `produce()`, which runs on a turn thread."""
        loop = asyncio.get_running_loop()
        items: asyncio.Queue[tuple[str, object]] = asyncio.Queue()
        left = threading.Event()  # the consumer went away
        submitted = time.monotonic()

        def send(kind: str, value: object) -> None:
            try:
                loop.call_soon_threadsafe(items.put_nowait, (kind, value))
            except RuntimeError:  # the event loop is closed: nobody is reading any more
                log.info("a turn's reader is gone (event loop closed); the turn ends")
                left.set()

        def run() -> None:
            TURN_QUEUE_SECONDS.observe(time.monotonic() - submitted)
            try:
                with (
                    session_logging(session_id),
                    turn_deadline(submitted + self.deadline_s - self.reserve_s),
                    closing(produce()) as updates,
                ):
                    for update in updates:
                        send("item", update)
                        if left.is_set():
                            break
                send("end", None)
            except Exception as exc:  # raised again in the consumer
                send("error", exc)
            finally:
                TURNS_IN_FLIGHT.dec()

        TURNS_IN_FLIGHT.inc()
        self._pool.submit(contextvars.copy_context().run, run)
        try:
            while True:
                kind, value = await items.get()
                if kind == "end":
                    return
                if kind == "error":
                    assert isinstance(value, Exception)
                    raise value
                yield cast(T, value)
        finally:
            left.set()
