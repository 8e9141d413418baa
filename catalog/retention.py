"""Old anonymous chat sessions expire: no shopper signed in, nothing in the cart, and no turn
for a while. Their events and messages go with them; thumbs they gave stay, unlinked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, exists, select, update
from sqlalchemy.orm import Session, sessionmaker

from catalog.db import write
from catalog.models import CartLine, ChatEvent, ChatMessage, ChatSession, Interaction


def expire_anonymous_sessions(
    sessions: sessionmaker[Session], idle: timedelta, now: datetime | None = None
) -> int:
    """Delete anonymous sessions idle for longer than `idle`; how many were deleted."""
    cutoff = (now or datetime.now(UTC)).replace(tzinfo=None) - idle  # stored times are UTC
    expired = select(ChatSession.id).where(
        ChatSession.shopper_id.is_(None),
        ChatSession.last_active_at < cutoff,
        ~exists().where(CartLine.session_id == ChatSession.id),
    )

    def expire(db: Session) -> int:
        ids = list(db.scalars(expired))
        for chunk in (ids[start : start + 500] for start in range(0, len(ids), 500)):
            db.execute(
                update(Interaction)
                .where(Interaction.chat_session_id.in_(chunk))
                .values(chat_session_id=None)
            )
            for model in (ChatEvent, ChatMessage):
                db.execute(delete(model).where(model.session_id.in_(chunk)))
            db.execute(delete(ChatSession).where(ChatSession.id.in_(chunk)))
        return len(ids)

    return write(sessions, expire)
