"""What the assistant knows about the catalog as a whole: parser vocabulary and grounding index.

`CurrentKnowledge` keeps it per search revision, so products imported while the assistant runs
are known from the next turn on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.facts.grounding import GroundingIndex
from assistant.understanding.vocabulary import CatalogVocabulary
from catalog.models import Product
from catalog.revision import read_revision


@dataclass(frozen=True)
class CatalogKnowledge:
    vocabulary: CatalogVocabulary
    grounding: GroundingIndex


def load_knowledge(session: Session) -> CatalogKnowledge:
    """Read brands, categories and product names (`CurrentKnowledge` keeps it up to date)."""
    rows = session.execute(select(Product.brand, Product.category, Product.name)).all()
    brands = sorted({brand for brand, _, _ in rows if brand})
    categories = sorted({category for _, category, _ in rows})
    return CatalogKnowledge(
        vocabulary=CatalogVocabulary.from_catalog(
            brands, categories, ((name, category) for _, category, name in rows)
        ),
        grounding=GroundingIndex.build(brands, (name for _, _, name in rows)),
    )


class CurrentKnowledge:
    """The catalog knowledge of the current search revision; thread-safe.

    Each call reads the one-row revision (a primary-key lookup) and reloads the knowledge only
    when an import or edit has moved it.
    """

    def __init__(self, sessions: Callable[[], Session]) -> None:
        self._sessions = sessions
        self._loaded: tuple[int, CatalogKnowledge] | None = None
        self._lock = threading.Lock()

    def __call__(self) -> CatalogKnowledge:
        with self._sessions() as session:
            revision = read_revision(session)
        loaded = self._loaded
        if loaded is not None and loaded[0] == revision:
            return loaded[1]
        with self._lock:
            if self._loaded is None or self._loaded[0] != revision:
                self._loaded = self._load()
            return self._loaded[1]

    def _load(self) -> tuple[int, CatalogKnowledge]:
        # The revision before the rows: a change in between costs one more reload, never a
        # stale cache.
        with self._sessions() as session:
            return read_revision(session), load_knowledge(session)
