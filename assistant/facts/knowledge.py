"""What the assistant knows about the catalog as a whole: parser vocabulary and grounding index.

`CurrentKnowledge` keeps it per search revision, so products imported while the assistant runs
are known from the next turn on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session

from assistant.facts.claims import claim_terms
from assistant.facts.grounding import GroundingIndex
from assistant.understanding.vocabulary import CatalogVocabulary
from catalog.embedding import Embedder
from catalog.models import Policy, Product
from catalog.revision import read_revision

# A cheap SQL pre-filter for attributes that may state a claim; `claim_terms` decides.
CLAIM_FIELD_HINTS = (
    "warrant", "guarant", "lifetime", "ship", "deliver", "return", "refund", "exchange",
    "discount", "sale", "off", "coupon", "promo", "price", "free",
)  # fmt: skip


@dataclass(frozen=True)
class CatalogKnowledge:
    vocabulary: CatalogVocabulary
    grounding: GroundingIndex


def load_knowledge(session: Session, embedder: Embedder | None = None) -> CatalogKnowledge:
    """Read brands, categories, product names and attributes (`CurrentKnowledge` keeps
    them up to date)."""
    rows = session.execute(
        select(
            Product.brand, Product.category, Product.name, Product.attributes, Product.description
        )
    ).all()
    brands = sorted({brand for brand, _, _, _, _ in rows if brand})
    categories = sorted({category for _, category, _, _, _ in rows})
    return CatalogKnowledge(
        vocabulary=CatalogVocabulary.from_catalog(
            brands,
            categories,
            ((name, category) for _, category, name, _, _ in rows),
            ((category, attributes) for _, category, _, attributes, _ in rows),
            embedder,
            (description or "" for *_, description in rows),
        ),
        grounding=GroundingIndex.build(
            brands,
            (name for _, _, name, _, _ in rows),
            session.scalars(select(Policy.body)),
            claiming_fields(session),
        ),
    )


def fields_text(attributes: dict[str, object]) -> str:
    """A product's attributes written out: "warranty years: 5; hood: True"."""
    return "; ".join(f"{key.replace('_', ' ')}: {value}" for key, value in attributes.items())


def claiming_fields(session: Session) -> dict[int, str]:
    """The written-out attributes of the products whose attributes state a store claim."""
    text = func.lower(cast(Product.attributes, String))
    rows = session.execute(
        select(Product.id, Product.attributes).where(
            or_(*(text.contains(hint) for hint in CLAIM_FIELD_HINTS))
        )
    )
    written = {product_id: fields_text(attributes or {}) for product_id, attributes in rows}
    return {product_id: fields for product_id, fields in written.items() if claim_terms(fields)}


class CurrentKnowledge:
    """The catalog knowledge of the current search revision; thread-safe.

    Each call reads the one-row revision (a primary-key lookup) and reloads the knowledge only
    when an import or edit has moved it.
    """

    def __init__(self, sessions: Callable[[], Session], embedder: Embedder | None = None) -> None:
        self._sessions = sessions
        self._embedder = embedder
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
            return read_revision(session), load_knowledge(session, self._embedder)
