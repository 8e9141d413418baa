"""The chat session that a cart, an order or a thumb belongs to, found by its token."""

from __future__ import annotations

import re
import secrets

from sqlalchemy.orm import Session

from catalog.models import ChatSession

SESSION_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")


class UnknownSession(LookupError):
    """No chat session has this id (it expired, or it never existed)."""


def new_session_id() -> str:
    return secrets.token_urlsafe(18)


def chat_session(db: Session, session_id: str) -> ChatSession:
    """The session's row; `UnknownSession` for an unknown or malformed id."""
    chat = db.get(ChatSession, session_id) if SESSION_ID.fullmatch(session_id or "") else None
    if chat is None:
        raise UnknownSession(session_id)
    return chat
