"""Who the customer is: verified by the email on their account, or by their name and zip code.

The store's policy: a customer is identified before anything about their orders is said or
changed, and one conversation serves one customer.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from assistant.store.chat_session import UnknownSession, chat_session
from catalog.models import Shopper


class Accounts:
    """Looks customers up by what they tell about themselves."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def signed_in(self, session_id: str | None) -> int | None:
        """The shopper the chat session is signed in as, if any."""
        if session_id is None:
            return None
        with self._sessions() as db:
            try:
                return chat_session(db, session_id).shopper_id
            except UnknownSession:
                return None

    def by_email(self, email: str) -> int | None:
        with self._sessions() as db:
            return db.scalar(
                select(Shopper.id).where(func.lower(Shopper.email) == email.strip().lower())
            )

    def by_name_and_zip(self, name: str, zip_code: str) -> int | None:
        """The one customer with this full name whose default address has this zip code."""
        wanted = " ".join(name.lower().split())
        with self._sessions() as db:
            named = db.scalars(select(Shopper).where(func.lower(Shopper.name) == wanted))
            found = [s.id for s in named if (s.address or {}).get("zip") == zip_code.strip()]
        return found[0] if len(found) == 1 else None

    def first_name(self, shopper_id: int) -> str:
        with self._sessions() as db:
            return db.get_one(Shopper, shopper_id).name.split()[0]
