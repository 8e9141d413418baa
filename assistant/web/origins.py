"""Which web sites may use the assistant: the API refuses other origins, frames refuse them too.

The assistant's own origin is always allowed; others only when listed in the
`allowed_origins` setting. A listed origin gets CORS headers (and preflight answers) on the
API; the widget's frame carries a `frame-ancestors` policy so browsers refuse to show it
inside any other site.

Which host names the server answers to is decided here too (`trusted_hosts`): a page on a
foreign name that resolves to this machine (DNS rebinding) is refused before any route runs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import Response

from assistant.web.errors import error_response

REFUSED = "This site is not allowed to use the shopping assistant."
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "testserver")  # testserver: Starlette's client
ANY_INTERFACE = ("0.0.0.0", "::", "")
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
                return error_response(403, REFUSED, "origin_not_allowed")
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


def trusted_hosts(listed: Iterable[str], bind_host: str) -> list[str]:
    """Localhost's names, the interface the server binds (unless it is every interface) and the
    listed names (`*.example.com` patterns allowed)."""
    bound = () if bind_host in ANY_INTERFACE else (bind_host.lower(),)
    return list(dict.fromkeys(as_host_header(name) for name in (*LOCAL_HOSTS, *bound, *listed)))


def as_host_header(name: str) -> str:
    """An IPv6 address as a Host header writes it (in brackets: `[::1]`); other names as given."""
    return f"[{name}]" if ":" in name and not name.startswith("[") else name
