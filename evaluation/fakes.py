"""Stand-ins for the model and the embedder: deterministic, instant, for tests and benchmarks."""

from __future__ import annotations

import hashlib
import itertools
import re
import threading
import time
from collections import deque
from collections.abc import Generator, Iterator, Sequence
from typing import Any

import numpy as np

from assistant.dialogue.state import AssistantSaid, Conversation, ShopperSaid
from assistant.dialogue.turns import TurnUpdate
from assistant.llm.base import LLM, LLMError, Message
from catalog.embedding import EMBEDDING_DTYPE


class FakeLLM:
    """Queue-driven stand-in: `enqueue()` answers (or exceptions); `.calls` records prompts."""

    def __init__(self, chunk_chars: int = 8) -> None:
        self._queue: deque[str | BaseException] = deque()
        self.calls: list[list[Message]] = []
        self.schemas: list[dict[str, Any] | None] = []  # the json_schema of each call
        self._chunk_chars = chunk_chars

    def enqueue(self, *answers: str | BaseException) -> None:
        self._queue.extend(answers)

    def clear(self) -> None:
        self._queue.clear()

    @property
    def pending(self) -> int:
        return len(self._queue)

    def generate(
        self,
        messages: Sequence[Message],
        *,
        max_new_tokens: int,
        timeout_s: float | None = None,
        json_schema: dict[str, Any] | None = None,
    ) -> Generator[str, None, None]:
        self.calls.append(list(messages))
        self.schemas.append(json_schema)
        if not self._queue:
            raise LLMError("FakeLLM has no queued answer")
        answer = self._queue.popleft()
        if isinstance(answer, BaseException):
            raise answer
        for start in range(0, len(answer), self._chunk_chars):
            yield answer[start : start + self._chunk_chars]


class SlowLLM:
    """Wraps an LLM and sleeps before each chunk: exercises timeouts in tests and benchmarks."""

    def __init__(self, inner: LLM, delay_s: float) -> None:
        self._inner, self._delay_s = inner, delay_s

    def generate(self, messages: Sequence[Message], **kwargs: Any) -> Generator[str, None, None]:
        for chunk in self._inner.generate(messages, **kwargs):  # type: ignore[arg-type]
            time.sleep(self._delay_s)
            yield chunk


class HangingLLM:
    """A model that hangs: each call blocks until `release()`, then fails (load and deadline
    tests). `calls` counts the calls that reached it."""

    def __init__(self) -> None:
        self._released = threading.Event()
        self._count = itertools.count(1)
        self.calls = 0

    def release(self) -> None:
        self._released.set()

    def generate(self, messages: Sequence[Message], **kwargs: Any) -> Generator[str, None, None]:
        self.calls = next(self._count)
        self._released.wait()
        yield from ()  # nothing, ever
        raise LLMError("the hanging model was released")


class HashingEmbedder:
    """Deterministic bag-of-words embedder: shared words give similar vectors."""

    def __init__(self, dimension: int = 64) -> None:
        self.dimension = dimension

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=EMBEDDING_DTYPE)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z0-9]+", text.lower()):
                bucket = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest())
                out[row, bucket % self.dimension] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1.0, norms)


class EchoAssistant:
    """An assistant that records the shopper's words and its echo, and shows the echo."""

    def new_conversation(self) -> Conversation:
        raise AssertionError("ChatService replays stored events instead")

    def respond(self, conversation: Conversation, message: str) -> Iterator[TurnUpdate]:
        conversation.record(ShopperSaid(message), AssistantSaid(f"echo {message}"))
        yield TurnUpdate((), f"echo {message}", True)
