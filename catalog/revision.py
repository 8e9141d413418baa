"""The search revision: a counter of changes to what the search indexes hold.

A product's searched text or embedding changing, or products being added or removed, bumps
the one-row `search_revision` table in the same transaction (a `before_flush` hook on every
ORM session), so an in-process index knows when to rebuild. Price and stock are SQL filters
and never need a rebuild. Writes that bypass the ORM call `bump_search_revision` themselves.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, insert, inspect, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from catalog.models import Base, Product

SEARCHED_FIELDS = ("name", "brand", "category", "description", "embedding")


class SearchRevision(Base):
    """One row (id 1): how many times the searchable part of the catalog has changed."""

    __tablename__ = "search_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(default=0)


def read_revision(session: Session) -> int:
    return session.scalar(select(SearchRevision.value).where(SearchRevision.id == 1)) or 0


def bump_search_revision(session: Session) -> None:
    """Mark the search indexes stale."""
    bumped = session.execute(update(SearchRevision).values(value=SearchRevision.value + 1))
    if not bumped.rowcount:  # type: ignore[attr-defined]
        session.execute(insert(SearchRevision).values(id=1, value=1))


def _searched_text_changed(product: Product) -> bool:
    state = inspect(product)
    return any(state.attrs[name].history.has_changes() for name in SEARCHED_FIELDS)


@event.listens_for(Session, "before_flush")
def _bump_on_product_changes(session: Session, _context: Any, _instances: Any) -> None:
    if any(isinstance(o, Product) for o in (*session.new, *session.deleted)) or any(
        isinstance(o, Product) and _searched_text_changed(o) for o in session.dirty
    ):
        bump_search_revision(session)
