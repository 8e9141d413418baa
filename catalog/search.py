"""Product search: SQL filters for every structured constraint, hybrid ranking, then boosts.

Retrieval fuses two rankers by reciprocal-rank fusion: BM25 over product fields
(`catalog.lexical`) and embedding similarity (`catalog.vectors`). Each ranker proposes its best
`depth` products and SQL keeps those meeting every filter. When too few survive, filters that
match at most `FEW` products have all of those scored; otherwise the depth grows, and past
`EXACT_AFTER` every filtered product is scored, so a page is always as full as the catalog
allows. The fused relevance (0..1) then passes through the boosters
(`catalog.boosts`: review quality, ruled-out words, any personal or business rule).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import numpy as np
from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from catalog.boosts import DEFAULT_BOOSTERS, Booster
from catalog.embedding import Embedder
from catalog.models import Product
from catalog.request import FacetFilter, SearchRequest
from catalog.search_index import IndexSnapshot, SearchIndex
from catalog.vectors import ANN_THRESHOLD, top_k

RANKERS = ("lexical", "dense")
RRF_K = 60  # the usual reciprocal-rank-fusion constant
MIN_DEPTH, DEPTH_PER_RESULT = 100, 4  # candidates each ranker proposes per round
FEW = 5_000  # filters matching at most this many products: score them all
EXACT_AFTER = 20_000  # past this depth, score every filtered product instead
BOOST_POOL = 50  # how many of the best fused products the boosters may reorder
BROWSE_POOL = 500  # products without query text: the best-rated this many are boosted


@dataclass(frozen=True)
class SearchHit:
    product: Product
    score: float


ProductQuery: TypeAlias = Select[*tuple[Any, ...]]  # any columns


def apply_filters(statement: ProductQuery, request: SearchRequest) -> ProductQuery:
    """Every structured constraint as SQL, so no similarity score can override it."""
    if request.category:
        statement = statement.where(
            or_(
                Product.category == request.category,
                Product.category.startswith(request.category + " >"),
            )
        )
    for noun in request.kind_words:  # "sunscreen" within skincare
        statement = statement.where(Product.name.ilike(f"%{noun}%"))
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
    for facet in request.facets:
        statement = statement.where(facet_condition(facet))
    if request.in_stock_only:
        statement = statement.where(Product.stock > 0)
    return statement


NUMBER_TOLERANCE = 0.1  # "a 15 inch laptop": 13.5 to 16.5


def facet_condition(facet: FacetFilter) -> ColumnElement[bool]:
    """One attribute constraint as SQL; a product without the attribute does not meet it."""
    stored = Product.attributes[facet.key]
    if facet.text_valued:
        return stored.as_string().in_(facet.accepted)
    if facet.value in ("true", "false"):
        return stored.as_boolean() == (facet.value == "true")
    number, value = stored.as_float(), float(facet.value)
    if facet.op == ">=":
        return number >= value
    if facet.op == "<=":
        return number <= value
    low, high = sorted((value * (1 - NUMBER_TOLERANCE), value * (1 + NUMBER_TOLERANCE)))
    return number.between(low, high)  # "-30 °C": -33 to -27


class ProductSearch:
    """Filtered hybrid search over the catalog, with the embedder and boosters injected.

    `rankers` picks lexical, dense or both (fused); `weights` weigh them in the fusion; an
    `index` built elsewhere may be shared.
    """

    def __init__(
        self,
        sessions: Callable[[], Session],
        embedder: Embedder | None,
        min_similarity: float = 0.0,
        *,
        rankers: Sequence[str] = RANKERS,
        weights: Mapping[str, float] | None = None,
        boosters: Sequence[Booster] = DEFAULT_BOOSTERS,
        ann_threshold: int = ANN_THRESHOLD,
        index: SearchIndex | None = None,
    ) -> None:
        unknown = set(rankers) - set(RANKERS)
        if unknown or not rankers:
            raise ValueError(f"rankers must be some of {RANKERS}, got {tuple(rankers)}")
        if "dense" in rankers and embedder is None:
            raise ValueError("dense ranking needs an embedder")
        self._sessions = sessions
        self._embedder = embedder
        self._min_similarity = min_similarity
        self._rankers = tuple(rankers)
        self._weights = {name: (weights or {}).get(name, 1.0) for name in self._rankers}
        self._boosters = tuple(boosters)
        dimension = embedder.dimension if embedder is not None and "dense" in rankers else None
        self.index = index or SearchIndex(sessions, dimension, ann_threshold)

    def search(
        self, request: SearchRequest, limit: int, boosters: Sequence[Booster] = ()
    ) -> list[SearchHit]:
        """Best `limit` products meeting every filter, most relevant first.

        Free-text requests with no category must reach `min_similarity` (cosine to the query),
        so an unknown product finds nothing rather than something unrelated. `boosters` (a
        shopper's personalisation, say) apply in this call after the search's own.
        """
        text = request.query_text()
        if not text:
            return self._browse(request, limit, boosters)
        relevance = self._retrieve(self.index.current(), request, text, limit)
        return self._boost(request, relevance, limit, boosters)

    def _retrieve(
        self, snapshot: IndexSnapshot, request: SearchRequest, text: str, limit: int
    ) -> dict[int, float]:
        """Fused relevance (0..1) of the filtered candidates, best first."""
        lexical = snapshot.lexical.scores(text) if "lexical" in self._rankers else None
        vector = (
            self._embedder.embed([text])[0]
            if self._embedder is not None and snapshot.dense is not None
            else None
        )
        lists = self._candidates(snapshot, request, lexical, vector, limit)
        return self._finish(snapshot, request, vector, lists)

    def _candidates(
        self,
        snapshot: IndexSnapshot,
        request: SearchRequest,
        lexical: np.ndarray | None,
        vector: np.ndarray | None,
        limit: int,
    ) -> dict[str, np.ndarray]:
        """Each ranker's best products meeting the filters, at least `limit` where possible.

        The rankers' best `depth` are checked against the filters in SQL. When too few pass,
        filters matching at most `FEW` products have all of them scored; otherwise the depth
        grows, and past `EXACT_AFTER` every filtered product is scored.
        """
        filters = _filter_by(request)
        depth = first_depth = max(MIN_DEPTH, DEPTH_PER_RESULT * limit)
        while True:
            lists: dict[str, np.ndarray] = {}
            if lexical is not None:
                lists["lexical"] = _best(snapshot.ids, lexical, depth)
            if vector is not None and snapshot.dense is not None:
                lists["dense"] = snapshot.dense.nearest(vector, depth, filters)[0]
            allowed = self._allowed(filters, np.unique(np.concatenate(list(lists.values()))))
            exhausted = all(len(ranked) < depth for ranked in lists.values())
            if len(allowed) >= limit or exhausted:
                return {name: ranked[np.isin(ranked, allowed)] for name, ranked in lists.items()}
            few = self._few_filtered(request) if depth == first_depth else None
            if few is not None:
                return self._exhaustive(snapshot, few, lexical, vector, first_depth)
            if depth >= EXACT_AFTER:
                return self._exhaustive(
                    snapshot, self._filtered(request), lexical, vector, first_depth
                )
            depth *= 4

    def _finish(
        self,
        snapshot: IndexSnapshot,
        request: SearchRequest,
        vector: np.ndarray | None,
        lists: Mapping[str, np.ndarray],
    ) -> dict[int, float]:
        """Fuse the filtered lists; without a category, drop what is not similar enough."""
        fused = self._fuse(lists)
        if vector is not None and snapshot.dense is not None and request.category is None:
            ids = np.fromiter(fused, dtype=np.int64, count=len(fused))
            similar = snapshot.dense.similarities(vector, ids) >= self._min_similarity
            fused = {int(i): fused[int(i)] for i in ids[similar]}
        return fused

    def _ids(self, statement: ProductQuery) -> np.ndarray:
        """The product ids a query selects (through the connection: no ORM rows)."""
        with self._sessions() as session:
            rows = session.connection().execute(statement).scalars().all()
        return np.array(rows, dtype=np.int64)

    def _filtered(self, request: SearchRequest) -> np.ndarray:
        """Ids of every product meeting the filters."""
        return self._ids(apply_filters(select(Product.id), request))

    def _few_filtered(self, request: SearchRequest) -> np.ndarray | None:
        """Ids of the products meeting the filters if there are at most `FEW`, else None."""
        statement = apply_filters(select(Product.id), request)
        if statement.whereclause is None:
            return None
        ids = self._ids(statement.limit(FEW + 1))
        return ids if len(ids) <= FEW else None

    def _allowed(
        self, filters: Callable[[ProductQuery], ProductQuery], candidates: np.ndarray
    ) -> np.ndarray:
        """Those of the candidate ids that meet the filters."""
        return self._ids(
            filters(select(Product.id).where(Product.id.in_([int(i) for i in candidates])))
        )

    def _exhaustive(
        self,
        snapshot: IndexSnapshot,
        ids: np.ndarray,
        lexical: np.ndarray | None,
        vector: np.ndarray | None,
        depth: int,
    ) -> dict[str, np.ndarray]:
        """The best `depth` of the given (indexed) products by each ranker, scored exactly."""
        ids = ids[snapshot.indexed(ids)]
        lists: dict[str, np.ndarray] = {}
        if lexical is not None:
            lists["lexical"] = _best(ids, lexical[snapshot.positions(ids)], depth)
        if vector is not None and snapshot.dense is not None:
            lists["dense"] = _best(
                ids, snapshot.dense.similarities(vector, ids), depth, positive_only=False
            )
        return lists

    def _fuse(self, lists: Mapping[str, np.ndarray]) -> dict[int, float]:
        """Reciprocal-rank fusion, scaled so first place in every list scores 1."""
        scores: dict[int, float] = {}
        for name, ranked in lists.items():
            weight = self._weights[name]
            for rank, product_id in enumerate(ranked.tolist(), start=1):
                scores[product_id] = scores.get(product_id, 0.0) + weight / (RRF_K + rank)
        best = sum(self._weights[name] for name in lists) / (RRF_K + 1)
        return {i: s / best for i, s in sorted(scores.items(), key=lambda kv: -kv[1])}

    def _boost(
        self,
        request: SearchRequest,
        relevance: Mapping[int, float],
        limit: int,
        boosters: Sequence[Booster],
    ) -> list[SearchHit]:
        """Boosters reorder the best `BOOST_POOL` (at least `limit`) by relevance."""
        pool = list(relevance)[: max(BOOST_POOL, limit)]
        with self._sessions() as session:
            found = {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(pool)))}
        products = [found[i] for i in pool if i in found]
        return self._ranked(request, products, [relevance[p.id] for p in products], limit, boosters)

    def _browse(
        self, request: SearchRequest, limit: int, boosters: Sequence[Booster]
    ) -> list[SearchHit]:
        """No words to match: the filtered products, best-reviewed first."""
        statement = (
            apply_filters(select(Product), request)
            .order_by(Product.rating.desc().nulls_last(), Product.review_count.desc(), Product.id)
            .limit(max(BROWSE_POOL, limit))
        )
        with self._sessions() as session:
            products = list(session.scalars(statement))
        return self._ranked(request, products, [0.0] * len(products), limit, boosters)

    def _ranked(
        self,
        request: SearchRequest,
        products: Sequence[Product],
        relevance: Sequence[float],
        limit: int,
        boosters: Sequence[Booster],
    ) -> list[SearchHit]:
        scores = np.asarray(relevance, dtype=np.float32)
        for booster in (*self._boosters, *boosters):
            scores = scores + booster(request, products)
        order = np.argsort(-scores, kind="stable")[:limit]
        return [SearchHit(products[i], float(scores[i])) for i in order]


def _filter_by(request: SearchRequest) -> Callable[[ProductQuery], ProductQuery]:
    return lambda statement: apply_filters(statement, request)


def _best(ids: np.ndarray, scores: np.ndarray, k: int, positive_only: bool = True) -> np.ndarray:
    """The ids of the `k` highest scores (only positive ones unless told), best first."""
    if positive_only:
        ids, scores = ids[scores > 0], scores[scores > 0]
    return top_k(ids, scores, k)[0]
