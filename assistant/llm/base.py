"""The one narrow language-model interface every backend implements, and its error."""

from __future__ import annotations

from collections.abc import Generator, Sequence
from typing import Any, Protocol, TypedDict


class Message(TypedDict):
    role: str
    content: str


class LLMError(RuntimeError):
    """The model could not produce an answer (failed, timed out, nothing queued)."""


class LLM(Protocol):
    """Streams the model's answer to a chat, piece by piece.

    With `json_schema`, the answer is JSON valid against it where the backend can enforce that
    (constrained decoding locally, `response_format` on OpenAI-compatible servers); callers
    still validate it. Past `timeout_s` the stream ends, or raises LLMError if nothing came.
    """

    def generate(
        self,
        messages: Sequence[Message],
        *,
        max_new_tokens: int,
        timeout_s: float | None = None,
        json_schema: dict[str, Any] | None = None,
    ) -> Generator[str, None, None]: ...


def complete(llm: LLM, messages: Sequence[Message], **kwargs: Any) -> str:
    """The whole answer as one string."""
    return "".join(llm.generate(messages, **kwargs))
