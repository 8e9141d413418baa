"""Every log line names the chat session it was written for ("-" outside a turn)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [session %(session_id)s]: %(message)s"

_session_id: ContextVar[str] = ContextVar("session_id", default="-")


@contextmanager
def session_logging(session_id: str) -> Iterator[None]:
    """Log records written inside the block carry `session_id`."""
    token = _session_id.set(session_id)
    try:
        yield
    finally:
        _session_id.reset(token)


class SessionIdFilter(logging.Filter):
    """Adds `session_id` to each record a handler formats."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.session_id = _session_id.get()
        return True


def configure_logging(level: int = logging.INFO) -> None:
    """Root logging for the app: `LOG_FORMAT`, with the session id on every line."""
    logging.basicConfig(level=level, format=LOG_FORMAT)
    for handler in logging.getLogger().handlers:
        handler.addFilter(SessionIdFilter())
