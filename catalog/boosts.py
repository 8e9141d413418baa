"""The scoring stage after retrieval: business and personal adjustments to relevance.

A `Booster` looks at the request and the retrieved products (already filtered and ranked by
relevance, scores in 0..1) and returns one score change per product. Boosters are added
together; `ProductSearch` takes any list of them, so a personalisation or a merchandising rule
plugs in without touching retrieval.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from catalog.models import Product
from catalog.multilingual_embedding import shared_multilingual_embedder
from catalog.request import SearchRequest

QUALITY_WEIGHT = 0.1  # how much a well-reviewed product gains over an equally relevant one
PRIOR_RATING, PRIOR_REVIEWS = 3.5, 10  # a product with few reviews is pulled towards this
EXCLUDED_TERM_PENALTY = 0.25
# A product name's cosine similarity to a foreign shopper's words, times this: within the
# filters it is the only sign of which products their words describe ("反光" → "Reflective Dog
# Collar" first). On tests/data/multilingual_queries.yaml (`multilingual_search --pipeline`)
# 0.5 / 1 / 2 gave NDCG@10 zh 0.708 / 0.708 / 0.714, es 0.702 / 0.701 / 0.702: 1 was kept.
CROSS_LANGUAGE_WEIGHT = 1.0
CACHED_NAMES = 50_000  # product names whose vectors are kept


class Booster(Protocol):
    def __call__(self, request: SearchRequest, products: Sequence[Product]) -> np.ndarray:
        """One score change per product."""
        ...


def quality(product: Product) -> float:
    """Bayesian-average rating scaled to 0..1, so 3 five-star reviews don't beat 300 at 4.7."""
    n = product.review_count if product.rating is not None else 0
    average = ((product.rating or 0) * n + PRIOR_RATING * PRIOR_REVIEWS) / (n + PRIOR_REVIEWS)
    return (average - 1) / 4


class QualityBoost:
    """Well-reviewed products first among equally relevant ones."""

    def __init__(self, weight: float = QUALITY_WEIGHT) -> None:
        self.weight = weight

    def __call__(self, request: SearchRequest, products: Sequence[Product]) -> np.ndarray:
        return np.array([self.weight * quality(p) for p in products], dtype=np.float32)


class ExcludedTermPenalty:
    """Push down products mentioning words the shopper ruled out ("not sporty")."""

    def __init__(self, penalty: float = EXCLUDED_TERM_PENALTY) -> None:
        self.penalty = penalty

    def __call__(self, request: SearchRequest, products: Sequence[Product]) -> np.ndarray:
        changes = np.zeros(len(products), dtype=np.float32)
        if not request.excluded_terms:
            return changes
        for i, product in enumerate(products):
            haystack = f"{product.name} {product.description} {product.attributes}".lower()
            changes[i] -= self.penalty * sum(t in haystack for t in request.excluded_terms)
        return changes


class CrossLanguageMatch:
    """Products whose names mean what a Chinese, Spanish or French shopper said first (the
    multilingual embedder of `catalog.multilingual_embedding`; nothing when it is not
    installed). Name vectors are computed on first sight and kept."""

    def __init__(self, weight: float = CROSS_LANGUAGE_WEIGHT) -> None:
        self.weight = weight
        self._vectors: dict[str, np.ndarray] = {}

    def __call__(self, request: SearchRequest, products: Sequence[Product]) -> np.ndarray:
        embedder = shared_multilingual_embedder() if request.foreign_words else None
        if embedder is None or not products:
            return np.zeros(len(products), dtype=np.float32)
        names = [p.name for p in products]
        cache = self._vectors  # this call's own reference: another thread may start afresh
        missing = list(dict.fromkeys(n for n in names if n not in cache))
        if len(cache) + len(missing) > CACHED_NAMES:
            cache, missing = {}, list(dict.fromkeys(names))
        cache.update(zip(missing, embedder.embed(missing), strict=True))
        self._vectors = cache
        said = embedder.embed([" ".join(request.foreign_words)])[0]
        similarity = np.stack([cache[n] for n in names]) @ said
        return (self.weight * similarity).astype(np.float32)


class PreferredBrands:
    """A personal or business preference: listed brands gain `weight` (case-insensitive)."""

    def __init__(self, brands: Sequence[str], weight: float = 0.1) -> None:
        self.brands = {b.lower() for b in brands}
        self.weight = weight

    def __call__(self, request: SearchRequest, products: Sequence[Product]) -> np.ndarray:
        return np.array(
            [self.weight if (p.brand or "").lower() in self.brands else 0.0 for p in products],
            dtype=np.float32,
        )


DEFAULT_BOOSTERS: tuple[Booster, ...] = (
    QualityBoost(),
    ExcludedTermPenalty(),
    CrossLanguageMatch(),
)
