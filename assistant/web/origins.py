"""Which web sites may use the assistant: the API refuses other origins, frames refuse them too.

The assistant's own origin is always allowed; others only when listed in the
`allowed_origins` setting. A listed origin gets CORS headers (and preflight answers) on the
API; the widget's frame carries a `frame-ancestors` policy so browsers refuse to show it
inside any other site.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import JSONResponse, Response

REFUSED = "This site is not allowed to use the shopping assistant."
Handler = Callable[[Request], Awaitable[Response]]


class OriginPolicy:
    def __init__(self, allowed: Iterable[str]) -> None:
        self.allowed = tuple(origin.rstrip("/") for origin in allowed)

    def allows(self, origin: str | None, host: str) -> bool:
        """No Origin header (not a browser's cross-site call), our own host, or a listed origin.

        Our own pages are recognised by host alone: behind a TLS proxy the request arrives as
        plain http while the browser's Origin says https."""
        return origin is None or same_host(origin, host) or origin in self.allowed

    def frame_ancestors(self) -> str:
        return " ".join(["frame-ancestors 'self'", *self.allowed])

    def middleware(self, prefix: str = "/api") -> Callable[[Request, Handler], Awaitable[Response]]:
        """An HTTP middleware guarding the routes under `prefix`."""

        async def guard(request: Request, call_next: Handler) -> Response:
            if not request.url.path.startswith(prefix):
                return await call_next(request)
            origin = request.headers.get("origin")
            host = request.headers.get("host", "")
            if not self.allows(origin, host):
                return JSONResponse({"detail": REFUSED}, status_code=403)
            cross_site = origin is not None and not same_host(origin, host)
            if cross_site and request.method == "OPTIONS":
                response: Response = Response(
                    status_code=204,
                    headers={
                        "Access-Control-Allow-Methods": "GET, POST, PUT",
                        "Access-Control-Allow-Headers": "Content-Type",
                        "Access-Control-Max-Age": "600",
                    },
                )
            else:
                response = await call_next(request)
            if cross_site:
                assert origin is not None
                response.headers["Access-Control-Allow-Origin"] = origin
                response.headers["Vary"] = "Origin"
            return response

        return guard


def same_host(origin: str, host: str) -> bool:
    return bool(host) and urlsplit(origin).netloc == host
