"""An LLM backend for any OpenAI-compatible chat server: vLLM, llama.cpp's server, hosted APIs.

It keeps the `LLM.generate()` contract of `assistant.llm.local`: it POSTs
`{base_url}/chat/completions` with `stream: true` and greedy decoding (`temperature: 0`),
parses the server-sent events (`data: {...}` lines, then `data: [DONE]`) and yields each
`choices[0].delta.content` as it arrives.

- `timeout_s` is the deadline for the whole answer: no first token, or a stream that stalls,
  past it raises `LLMError`.
- Connection errors, 429 and 5xx are retried with exponential back-off (or the server's
  `Retry-After`), within the deadline and only before the first piece of text: once text has
  been yielded the caller has shown it, so a later failure raises instead.
- Any other 4xx raises at once with the server's message; so does a malformed event.

The HTTP exchange runs in a short-lived reader thread that hands pieces over a queue, so the
deadline holds even while a socket read blocks. When the caller stops reading (closes the
generator), the reader closes the HTTP response at the next event, which ends the server's work.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections.abc import Generator, Iterator, Sequence
from typing import Any

import httpx

from assistant.llm.base import LLMError, Message

log = logging.getLogger(__name__)

MAX_RETRY_AFTER_S = 30.0  # a server's Retry-After is honoured up to this


class _Retryable(Exception):
    """A failure before the first token that another attempt may cure."""

    def __init__(self, message: str, retry_after_s: float = 0.0) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class OpenAICompatibleLLM:
    """Streams chat completions from an OpenAI-compatible HTTP server."""

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        *,
        connect_timeout_s: float = 5.0,
        max_retries: int = 2,
        backoff_s: float = 0.5,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self.connect_timeout_s = connect_timeout_s
        self.max_retries = max_retries
        self.backoff_s = backoff_s
        headers = {"Accept": "text/event-stream"}
        if api_key:
            headers["Authorization"] = f"Bearer {api_key}"
        self._client = httpx.Client(headers=headers, transport=transport)

    def close(self) -> None:
        """Close the pooled connections."""
        self._client.close()

    def generate(
        self,
        messages: Sequence[Message],
        *,
        max_new_tokens: int,
        timeout_s: float | None = None,
        json_schema: dict[str, Any] | None = None,
    ) -> Generator[str, None, None]:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": m["role"], "content": m["content"]} for m in messages],
            "stream": True,
            "temperature": 0,
            "max_tokens": max_new_tokens,
        }
        if json_schema is not None:  # structured outputs: vLLM, llama.cpp server, OpenAI
            body["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "answer", "schema": json_schema, "strict": True},
            }
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        pieces: queue.Queue[str | LLMError | None] = queue.Queue()  # None: the answer is complete
        stop = threading.Event()
        reader = threading.Thread(
            target=self._read,
            args=(body, deadline, pieces, stop),
            daemon=True,
            name="openai-llm-reader",
        )
        reader.start()
        started = False
        try:
            while True:
                try:
                    item = pieces.get(timeout=_left(deadline))
                except queue.Empty:
                    what = "answer did not finish" if started else "no first token"
                    raise LLMError(f"{what} within {timeout_s} s from {self.url}") from None
                if item is None:
                    return
                if isinstance(item, LLMError):
                    raise item
                started = True
                yield item
        finally:  # also when the caller stops reading early: the reader closes the response
            stop.set()

    def _read(
        self,
        body: dict[str, Any],
        deadline: float | None,
        out: queue.Queue[str | LLMError | None],
        stop: threading.Event,
    ) -> None:
        """Reader thread: every piece, then None, or the one error, into `out`."""
        try:
            for piece in self._stream(body, deadline, stop):
                out.put(piece)
            out.put(None)
        except LLMError as exc:
            out.put(exc)
        except Exception as exc:  # anything unexpected still reaches the caller as an LLMError
            error = LLMError(f"{self.url}: {exc!r}")
            error.__cause__ = exc
            out.put(error)

    def _stream(
        self, body: dict[str, Any], deadline: float | None, stop: threading.Event
    ) -> Iterator[str]:
        """The answer's pieces, retrying failures that happen before the first one."""
        attempt = 0
        while True:
            try:
                yield from self._attempt(body, deadline, stop)
                return
            except _Retryable as exc:
                failure = exc
            attempt += 1
            delay = max(self.backoff_s * 2 ** (attempt - 1), failure.retry_after_s)
            out_of_time = deadline is not None and time.monotonic() + delay >= deadline
            if attempt > self.max_retries or out_of_time:
                raise LLMError(
                    f"{self.url}: {failure} (gave up after {attempt} attempt(s))"
                ) from failure
            log.warning(
                "%s: %s; retry %d of %d in %.2f s",
                self.url,
                failure,
                attempt,
                self.max_retries,
                delay,
            )
            if stop.wait(delay):
                return

    def _attempt(
        self, body: dict[str, Any], deadline: float | None, stop: threading.Event
    ) -> Iterator[str]:
        """One request; raises `_Retryable` only while no text has been yielded."""
        left = _left(deadline)
        connect = self.connect_timeout_s if left is None else min(self.connect_timeout_s, left)
        started = False
        try:
            with self._client.stream(
                "POST", self.url, json=body, timeout=httpx.Timeout(left, connect=connect)
            ) as response:
                _check_status(response)
                for line in response.iter_lines():
                    if stop.is_set():
                        return
                    # One `data:` line per event; blank lines, `: comments`, `event:`... skipped.
                    if not line.startswith("data:"):
                        continue
                    data = line.removeprefix("data:").strip()
                    if data == "[DONE]":
                        return
                    piece = _content(data)
                    if piece:
                        started = True
                        yield piece
                raise LLMError(f"{self.url}: the stream ended without [DONE]")
        except httpx.TransportError as exc:  # connection refused/reset, timeouts, broken chunks
            if started:
                raise LLMError(f"{self.url}: connection lost mid-answer: {exc!r}") from exc
            raise _Retryable(f"{type(exc).__name__}: {exc}") from exc


def _left(deadline: float | None) -> float | None:
    return None if deadline is None else max(0.0, deadline - time.monotonic())


def _check_status(response: httpx.Response) -> None:
    """Raise for a non-2xx answer: `_Retryable` for 429 and 5xx, `LLMError` for the rest."""
    if response.is_success:
        return
    response.read()
    status = response.status_code
    message = f"HTTP {status}: {_server_message(response)}"
    if status == 429 or status >= 500:
        raise _Retryable(message, _retry_after_s(response))
    raise LLMError(f"{response.request.url} answered {message}")


def _server_message(response: httpx.Response) -> str:
    """The error text of an OpenAI-style body (`{"error": {"message": ...}}`), else the body."""
    try:
        text = _error_text(response.json())
    except ValueError:
        text = None
    return text or response.text.strip()[:500] or response.reason_phrase


def _error_text(body: object) -> str | None:
    if isinstance(body, dict):
        error = body.get("error", body)
        if isinstance(error, dict):
            error = error.get("message") or error.get("detail")
        if isinstance(error, str) and error:
            return error
    return None


def _retry_after_s(response: httpx.Response) -> float:
    try:
        return min(float(response.headers.get("Retry-After", 0)), MAX_RETRY_AFTER_S)
    except ValueError:  # an HTTP date: fall back to our own back-off
        return 0.0


def _content(data: str) -> str:
    """The text of one streamed chunk; "" for chunks without any (role, finish, usage)."""
    try:
        event = json.loads(data)
        if isinstance(event, dict) and "error" in event:
            raise LLMError(f"the server failed mid-answer: {_error_text(event) or data[:500]}")
        choices = event["choices"]
        content = choices[0]["delta"].get("content") if choices else None
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise LLMError(f"malformed event from the server: {data[:200]!r}") from exc
    if content is not None and not isinstance(content, str):
        raise LLMError(f"malformed event from the server: {data[:200]!r}")
    return content or ""
