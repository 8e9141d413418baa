"""Request bodies the API will read: at most `max_bytes`, UTF-8, and strict JSON.

Checked once, before any route runs, so a hostile body is a 4xx with a clear message and never
reaches a handler: over the cap → 413; bytes that are not UTF-8 → 400; JSON that Python would
accept but JSON does not (`NaN`, `Infinity`), that is malformed, or nested beyond reason → 400.
The body is read into memory (it is small by then) and handed on unchanged.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.web.errors import error_response

DEFAULT_MAX_BODY_BYTES = 64 * 1024
WITH_BODY = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class BodyRefused(ValueError):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class RequestGuard:
    """ASGI middleware checking the bodies of requests under `prefix`."""

    def __init__(
        self, app: ASGIApp, prefix: str = "/api", max_bytes: int = DEFAULT_MAX_BODY_BYTES
    ) -> None:
        self.app, self.prefix, self.max_bytes = app, prefix, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in WITH_BODY
            or not scope["path"].startswith(self.prefix)
        ):
            await self.app(scope, receive, send)
            return
        try:
            body = await self.read_body(scope, receive)
            if body:
                check_json(body, content_type(scope))
        except BodyRefused as refused:
            await error_response(refused.status, refused.message, refused.code)(
                scope, receive, send
            )
            return
        await self.app(scope, replay(body, receive), send)

    async def read_body(self, scope: Scope, receive: Receive) -> bytes:
        too_large = BodyRefused(
            413,
            "body_too_large",
            f"The request body is larger than {self.max_bytes // 1024} KiB.",
        )
        declared = header(scope, b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            raise too_large
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                raise too_large
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


def check_json(body: bytes, media_type: str) -> None:
    """Refuse a body that is not UTF-8, or JSON beyond what JSON allows; other media pass."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BodyRefused(
            400, "not_utf8", f"The request body is not UTF-8 text (byte {error.start})."
        ) from error
    if media_type and not (media_type == "application/json" or media_type.endswith("+json")):
        return
    try:
        json.loads(text, parse_constant=refuse_constant)
    except json.JSONDecodeError as error:
        raise BodyRefused(
            400, "invalid_json", f"The request body is not valid JSON: {error.msg} "
            f"(line {error.lineno}, column {error.colno})."
        ) from error  # fmt: skip
    except RecursionError as error:
        raise BodyRefused(400, "invalid_json", "The request body is nested too deeply.") from error
    except ValueError as error:  # NaN or Infinity, or an integer with thousands of digits
        raise BodyRefused(
            400, "invalid_json", f"The request body is not valid JSON: {error}."
        ) from error


def refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key.lower() == name:
            return value.decode("latin-1").strip()
    return None


def content_type(scope: Scope) -> str:
    """The media type alone, lower case; empty when the header is missing."""
    return (header(scope, b"content-type") or "").split(";")[0].strip().lower()


def replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that gives the whole body once, then whatever the client sends next."""
    sent = False

    async def receive_again() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive_again
