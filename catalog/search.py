"""Product search: SQL filters for every structured constraint, then embedding similarity."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

import numpy as np
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, undefer

from catalog.embedding import Embedder, from_bytes
from catalog.models import Product

EXCLUDED_TERM_PENALTY = 0.25
QUALITY_WEIGHT = 0.1  # how much a well-reviewed product gains over an equally similar one
PRIOR_RATING, PRIOR_REVIEWS = 3.5, 10  # a product with few reviews is pulled towards this


def quality(product: Product) -> float:
    """Bayesian-average rating scaled to 0..1, so 3 five-star reviews don't beat 300 at 4.7."""
    n = product.review_count if product.rating is not None else 0
    average = ((product.rating or 0) * n + PRIOR_RATING * PRIOR_REVIEWS) / (n + PRIOR_REVIEWS)
    return (average - 1) / 4


@dataclass(frozen=True)
class SearchRequest:
    """What the shopper asked for. Structured fields are filters; `terms` rank by similarity."""

    category: str | None = None
    terms: tuple[str, ...] = ()
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    colours: tuple[str, ...] = ()
    excluded_colours: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    excluded_brands: tuple[str, ...] = ()
    materials: tuple[str, ...] = ()
    excluded_materials: tuple[str, ...] = ()
    excluded_terms: tuple[str, ...] = ()
    audience: str | None = None
    min_rating: Decimal | None = None
    in_stock_only: bool = True

    def query_text(self) -> str:
        """The text embedded for similarity: product kind, free words, audience, colours."""
        parts = [*self.terms]
        if self.category:
            parts.append(self.category.replace(">", " "))
        parts += [*self.colours, self.audience or ""]
        return " ".join(p for p in parts if p).strip()

    def but(self, **changes: object) -> SearchRequest:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class SearchHit:
    product: Product
    score: float


ProductQuery = Select[Product]


def apply_filters(statement: ProductQuery, request: SearchRequest) -> ProductQuery:
    """Every structured constraint as SQL, so no similarity score can override it."""
    if request.category:
        statement = statement.where(
            or_(Product.category == request.category,
                Product.category.startswith(request.category + " >"))
        )
    if request.price_min is not None:
        statement = statement.where(Product.price >= request.price_min)
    if request.price_max is not None:
        statement = statement.where(Product.price <= request.price_max)
    if request.colours:
        statement = statement.where(Product.colour.in_(request.colours))
    if request.excluded_colours:
        statement = statement.where(
            or_(Product.colour.is_(None), Product.colour.not_in(request.excluded_colours))
        )
    if request.sizes:
        statement = statement.where(or_(*(Product.sizes.contains(f"|{s}|") for s in request.sizes)))
    if request.brands:
        wanted = [b.lower() for b in request.brands]
        statement = statement.where(func.lower(Product.brand).in_(wanted))
    if request.excluded_brands:
        excluded = [b.lower() for b in request.excluded_brands]
        statement = statement.where(
            or_(Product.brand.is_(None), func.lower(Product.brand).not_in(excluded))
        )
    for material in request.materials:
        statement = statement.where(Product.material.ilike(f"%{material}%"))
    for material in request.excluded_materials:
        statement = statement.where(
            or_(Product.material.is_(None), ~Product.material.ilike(f"%{material}%"))
        )
    if request.min_rating is not None:
        statement = statement.where(Product.rating >= request.min_rating)
    if request.audience:  # products for no audience in particular suit everyone
        suits = [request.audience]
        if request.audience in ("men", "women"):
            suits.append("unisex")
        statement = statement.where(or_(Product.audience.is_(None), Product.audience.in_(suits)))
    if request.in_stock_only:
        statement = statement.where(Product.stock > 0)
    return statement


class ProductSearch:
    """Filtered embedding search over the catalog, with the embedder injected."""

    def __init__(self, sessions: Callable[[], Session], embedder: Embedder,
                 min_similarity: float = 0.0) -> None:
        self._sessions = sessions
        self._embedder = embedder
        self._min_similarity = min_similarity

    def search(self, request: SearchRequest, limit: int) -> list[SearchHit]:
        """Best `limit` products meeting every filter, most similar to the request first.

        Similarity is nudged by review quality. Free-text requests with no category must
        reach `min_similarity`, so an unknown product finds nothing rather than something
        unrelated.
        """
        statement = apply_filters(select(Product).options(undefer(Product.embedding)), request)
        with self._sessions() as session:
            products = list(session.scalars(statement))
        if not products:
            return []
        text = request.query_text()
        similarities = (self._similarities(text, products) if text
                        else np.zeros(len(products), dtype=np.float32))
        scores = similarities.copy()
        for i, product in enumerate(products):
            haystack = f"{product.name} {product.description} {product.attributes}".lower()
            scores[i] += QUALITY_WEIGHT * quality(product)
            scores[i] -= EXCLUDED_TERM_PENALTY * sum(t in haystack for t in request.excluded_terms)
        order = [int(i) for i in np.argsort(-scores, kind="stable")[:limit]]
        if request.category is None:
            order = [i for i in order if similarities[i] >= self._min_similarity]
        return [SearchHit(products[i], float(scores[i])) for i in order]

    def _similarities(self, text: str, products: list[Product]) -> np.ndarray:
        query = self._embedder.embed([text])[0]
        matrix = np.stack([
            from_bytes(p.embedding) if p.embedding else np.zeros_like(query) for p in products
        ])
        return matrix @ query
