"""Rate limits on the API: per client address and per chat session, answered with 429.

Each rule names the requests it counts (a method and a path pattern) and what it counts them
by: the client's address, or the session id in the path. A request over any of its rules is
refused with `Retry-After` (whole seconds until the window lets it through). Counts live in
this process's memory (the `limits` package's moving window), so each app process limits on
its own. Behind a reverse proxy the address comes from its `X-Forwarded-For` when uvicorn
trusts the proxy (one on this machine by default; others: `FORWARDED_ALLOW_IPS`).
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.app.settings import Settings
from assistant.web.errors import error_response

API_PATH = re.compile(r"/api/.*")
OPEN_PATH = re.compile(r"/api/sessions")
SESSION_PATH = re.compile(r"/api/sessions/(?P<session>[^/]+)/messages")


@dataclass(frozen=True)
class Rule:
    name: str
    method: str | None  # None: every method
    path: re.Pattern[str]
    limit: RateLimitItem
    per: Literal["address", "session"]

    def key(self, scope: Scope) -> str | None:
        """Who this request is counted against, or None when the rule does not count it."""
        if self.method is not None and scope["method"] != self.method:
            return None
        match = self.path.fullmatch(scope["path"])
        if match is None:
            return None
        if self.per == "session":
            return match.group("session")
        client = scope.get("client")
        return client[0] if client else "unknown"


def rules_from(settings: Settings) -> list[Rule]:
    """All API calls and opening sessions per address; turns per session."""
    return [
        Rule("requests", None, API_PATH, parse(settings.rate_limit_requests), "address"),
        Rule("sessions", "POST", OPEN_PATH, parse(settings.rate_limit_sessions), "address"),
        Rule("messages", "POST", SESSION_PATH, parse(settings.rate_limit_messages), "session"),
    ]


class RateLimits:
    """ASGI middleware: count each request against its rules; refuse it over any of them."""

    def __init__(self, app: ASGIApp, rules: Sequence[Rule]) -> None:
        self.app, self.rules = app, tuple(rules)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            for rule in self.rules:
                key = rule.key(scope)
                if key is not None and not self.limiter.hit(rule.limit, rule.name, key):
                    await self.refusal(rule, key)(scope, receive, send)
                    return
        await self.app(scope, receive, send)

    def refusal(self, rule: Rule, key: str) -> ASGIApp:
        reset_at = self.limiter.get_window_stats(rule.limit, rule.name, key).reset_time
        wait_s = max(1, math.ceil(reset_at - time.time()))
        what = "this chat session" if rule.per == "session" else "your address"
        return error_response(
            429,
            f"Too many requests from {what}. Please try again in {wait_s} seconds.",
            "rate_limited",
            headers={"Retry-After": str(wait_s)},
        )
