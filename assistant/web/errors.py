"""One error shape for every refusal: `{"error": {"code": ..., "message": ...}, "detail": ...}`.

`code` is a stable word for programs (`not_found`, `rate_limited`, ...), `message` is written
for people, and `detail` repeats the message for clients written before `error` existed (the
widget shows it). A malformed request also lists its `fields`. The caller's input is never
echoed back, so nothing it sent (NaN, lone surrogates, megabytes) can break the answer.
Messages of our own are in the language of the request's `Accept-Language` (`spoken_in`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from assistant.translation.speaking import N_, _, speaking
from assistant.web.shopper_language import accepted_language

log = logging.getLogger(__name__)

LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
UNEXPECTED = N_("Something went wrong on our side. Please try again.")
MAX_LISTED_FIELDS = 5


def spoken_in(request: Request) -> str:
    """The language the caller reads: its `Accept-Language` (the widget sends its own)."""
    return accepted_language(request.headers.get("accept-language"))


def status_code_word(status: int) -> str:
    """`not_found` for 404, `too_many_requests` for 429: the status's phrase as one word."""
    return status_phrase(status).lower().replace(" ", "_").replace("-", "_")


def status_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:  # a status Python does not name
        return "Error"


def readable(text: str) -> str:
    """`text` with lone surrogates (which no UTF-8 text can hold) replaced by U+FFFD."""
    return LONE_SURROGATE.sub("\ufffd", text)


def error_body(status: int, message: str, code: str | None = None, **extra: Any) -> dict[str, Any]:
    message = readable(message)
    error = {"code": code or status_code_word(status), "message": message, **extra}
    return {"error": error, "detail": message}


def error_response(
    status: int,
    message: str,
    code: str | None = None,
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    return JSONResponse(error_body(status, message, code, **extra), status, headers=headers)


def field_problems(errors: Sequence[Any]) -> list[dict[str, str]]:
    """Pydantic's errors as `{"field": "quantity", "message": "..."}`, without the input."""
    problems = []
    for error in errors:
        where = [str(part) for part in error.get("loc", ()) if part not in ("body", "path")]
        problems.append({"field": ".".join(where) or "body", "message": str(error.get("msg"))})
    return problems


def add_generic_error_handlers(app: FastAPI) -> None:
    """Malformed requests, HTTP errors and anything unexpected answer in the one shape."""

    async def invalid(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        problems = field_problems(exc.errors())
        listed = "; ".join(f"{p['field']}: {p['message']}" for p in problems[:MAX_LISTED_FIELDS])
        with speaking(spoken_in(request)):
            message = _("The request is not valid: {problems}.").format(problems=listed)
        return error_response(422, message, "invalid_request", fields=problems)

    async def http_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        message = exc.detail if isinstance(exc.detail, str) else status_phrase(exc.status_code)
        return error_response(exc.status_code, message, headers=exc.headers)

    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path, exc_info=exc)
        with speaking(spoken_in(request)):
            return error_response(500, _(UNEXPECTED), "internal_error")

    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, unexpected)
