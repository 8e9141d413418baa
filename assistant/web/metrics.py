"""`/metrics` in Prometheus' text format, HTTP errors counted by route, and `/health`.

The metrics themselves are defined where they are measured: turn stages and fallbacks in
`assistant.dialogue.turn_metrics`, the model's queue, wait and rejections in
`assistant.llm.admission`, turn threads in `assistant.app.turn_executor`; this module adds
`assistant_http_errors_total` (responses ≥ 400, and requests that raised, by route template,
method and status) and serves them all. `/health` answers from the web server's worker pool
without touching the database or the model: slow answers there mean the pool is starved.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, generate_latest

HTTP_ERRORS = Counter(
    "assistant_http_errors_total",
    "HTTP responses with a status of 400 or more (500: the request raised), by route template.",
    ["route", "method", "status"],
)
UNMATCHED = "unmatched"  # a path no route serves


def add_metrics(app: FastAPI) -> None:
    """Serve `/metrics` and `/health`, and count every error response by its route."""

    @app.middleware("http")
    async def count_errors(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        try:
            response = await call_next(request)
        except Exception:
            HTTP_ERRORS.labels(route_of(request), request.method, "500").inc()
            raise
        if response.status_code >= 400:
            HTTP_ERRORS.labels(route_of(request), request.method, str(response.status_code)).inc()
        return response

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    @app.get("/health", include_in_schema=False)
    def health() -> dict[str, str]:
        return {"status": "ok"}


def route_of(request: Request) -> str:
    """The template of the route that served `request` ("/api/sessions/{session_id}/cart"),
    so a label never holds a session id or other caller-chosen text."""
    route = request.scope.get("route")  # set by the router once it has picked a route
    return str(getattr(route, "path_format", None) or getattr(route, "path", None) or UNMATCHED)
