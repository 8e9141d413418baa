"""What the assistant knows about the catalog as a whole: parser vocabulary and grounding index."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.facts.grounding import GroundingIndex
from assistant.understanding.vocabulary import CatalogVocabulary
from catalog.models import Product


@dataclass(frozen=True)
class CatalogKnowledge:
    vocabulary: CatalogVocabulary
    grounding: GroundingIndex


def load_knowledge(session: Session) -> CatalogKnowledge:
    """Read brands, categories and product names once; rebuild after an import."""
    rows = session.execute(select(Product.brand, Product.category, Product.name)).all()
    brands = sorted({brand for brand, _, _ in rows if brand})
    categories = sorted({category for _, category, _ in rows})
    return CatalogKnowledge(
        vocabulary=CatalogVocabulary.from_catalog(
            brands, categories, ((name, category) for _, category, name in rows)),
        grounding=GroundingIndex.build(brands, (name for _, _, name in rows)),
    )
