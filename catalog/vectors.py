"""Dense ranking: nearest products to a query vector, in process or in PostgreSQL.

`MemoryVectors` holds every product's embedding in one matrix: an exact scan up to
`ANN_THRESHOLD` products, a FAISS IVF index (approximate, inner product = cosine on normalised
vectors) above it. `PgVectorIndex` asks pgvector, with the request's SQL filters in the same
query, through an HNSW index and pgvector 0.8's iterative scans, so filtered lists come back
full. Both answer `nearest` (best first) and `similarities` (cosine for given product ids).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Protocol

import numpy as np
from pgvector.sqlalchemy import VECTOR
from sqlalchemy import Float, Select, bindparam, cast, func, literal_column, select, text
from sqlalchemy.orm import Session

from catalog.models import Product

ANN_THRESHOLD = 50_000  # below this an exact scan is fast enough (a few ms at 384 dims)
IVF_PROBES = 32
PG_EF_SEARCH = 100


class DenseRanker(Protocol):
    def nearest(
        self, query: np.ndarray, k: int, filters: Callable | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(product ids, cosines), best first; `filters` may be applied here (pgvector)."""
        ...

    def similarities(self, query: np.ndarray, ids: np.ndarray) -> np.ndarray: ...


class MemoryVectors:
    """Embeddings in RAM, searched exactly or through FAISS IVF for large catalogs."""

    def __init__(
        self, ids: np.ndarray, matrix: np.ndarray, ann_threshold: int = ANN_THRESHOLD
    ) -> None:
        self.ids = ids  # sorted product ids, one per matrix row
        self.matrix = np.ascontiguousarray(matrix, dtype=np.float32)
        self._ann = _ivf_index(self.matrix) if len(ids) > ann_threshold else None

    @property
    def approximate(self) -> bool:
        return self._ann is not None

    def nearest(
        self, query: np.ndarray, k: int, filters: Callable | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        if self._ann is not None and 0 < k < len(self.ids) // 10:
            sims, positions = self._ann.search(query.reshape(1, -1).astype(np.float32), k)
            found = positions[0] >= 0
            return self.ids[positions[0][found]], sims[0][found]
        return top_k(self.ids, self.matrix @ query, k)

    def exact_nearest(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The brute-force answer, for measuring the approximate one."""
        return top_k(self.ids, self.matrix @ query, k)

    def similarities(self, query: np.ndarray, ids: np.ndarray) -> np.ndarray:
        positions = np.searchsorted(self.ids, ids)
        if len(positions) > len(self.ids) // 8:  # many rows: one pass beats a big gather
            return (self.matrix @ query)[positions]
        return self.matrix[positions] @ query


def top_k(ids: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The `k` highest-scoring ids and their scores, best first."""
    k = min(k, len(ids))
    if k == 0:
        return ids[:0], scores[:0]
    best = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
    best = best[np.argsort(-scores[best], kind="stable")]
    return ids[best], scores[best]


def _ivf_index(matrix: np.ndarray):  # type: ignore[no-untyped-def]
    """An inverted-file index with ~2·√n lists, trained on a seeded sample."""
    import faiss

    n, dim = matrix.shape
    lists = int(2 * math.sqrt(n))
    index = faiss.index_factory(dim, f"IVF{lists},Flat", faiss.METRIC_INNER_PRODUCT)
    sample = np.random.default_rng(0).choice(n, size=min(n, lists * 40), replace=False)
    index.train(matrix[np.sort(sample)])
    index.add(matrix)
    faiss.extract_index_ivf(index).nprobe = IVF_PROBES
    return index


class PgVectorIndex:
    """pgvector search over `products.embedding` through an HNSW index per dimension."""

    def __init__(self, sessions: Callable[[], Session], dimension: int) -> None:
        self._sessions = sessions
        self._dimension = dimension
        self._vector = cast(Product.embedding, VECTOR(dimension))
        ensure_hnsw_index(sessions, dimension)

    def _distance(self, query: np.ndarray):  # type: ignore[no-untyped-def]
        value = bindparam("query", query.astype(np.float32), type_=VECTOR(self._dimension))
        return self._vector.op("<=>", return_type=Float)(value)

    def _same_dimension(self):  # type: ignore[no-untyped-def]
        return func.vector_dims(Product.embedding) == literal_column(str(self._dimension))

    def nearest_statement(
        self, query: np.ndarray, k: int, filters: Callable | None = None
    ) -> Select[int, float]:
        """The k nearest (id, cosine distance) meeting the filters, in one SQL query."""
        distance = self._distance(query)
        statement = select(Product.id, distance).where(self._same_dimension())
        if filters is not None:
            statement = filters(statement)
        return statement.order_by(distance).limit(k)

    def nearest(
        self, query: np.ndarray, k: int, filters: Callable | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        with self._sessions() as session:
            session.execute(text("SET LOCAL hnsw.iterative_scan = relaxed_order"))
            session.execute(text(f"SET LOCAL hnsw.ef_search = {max(PG_EF_SEARCH, min(k, 1000))}"))
            found = session.execute(self.nearest_statement(query, k, filters)).all()
        rows = sorted(found, key=lambda row: row[1])  # relaxed order: re-sort the few out of place
        ids = np.array([r[0] for r in rows], dtype=np.int64)
        return ids, 1.0 - np.array([r[1] for r in rows], dtype=np.float32)

    def similarities(self, query: np.ndarray, ids: np.ndarray) -> np.ndarray:
        statement = select(Product.id, self._distance(query)).where(
            Product.id.in_([int(i) for i in ids]), self._same_dimension()
        )
        with self._sessions() as session:
            distances = {row[0]: row[1] for row in session.execute(statement)}
        return np.array([1.0 - distances.get(int(i), 2.0) for i in ids], dtype=np.float32)


def ensure_hnsw_index(sessions: Callable[[], Session], dimension: int) -> None:
    """A partial HNSW index over the embeddings of one dimension (cosine distance)."""
    with sessions() as session:
        session.execute(
            text(
                f"CREATE INDEX IF NOT EXISTS ix_products_embedding_hnsw_{dimension} ON products "
                f"USING hnsw ((embedding::vector({dimension})) vector_cosine_ops) "
                f"WHERE vector_dims(embedding) = {dimension}"
            )
        )
        session.commit()
