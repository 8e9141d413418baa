"""The in-process search indexes (BM25 per field, embeddings), rebuilt when the catalog changes.

`SearchIndex.current()` reads the one-row search revision (a primary-key lookup) and rebuilds
the snapshot when it moved, so a product added, renamed or deleted is found by the next query.
Above `SYNC_REBUILD_UP_TO` products a rebuild takes long (about 100 s at a million), so there
the old snapshot keeps serving while a background thread builds the new one; deleted products
drop out at once all the same (every result passes through SQL), new words show up when the
rebuild is done.
On PostgreSQL the embeddings stay in the database (pgvector); elsewhere they are loaded into
`MemoryVectors`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.lexical import LexicalIndex
from catalog.models import Product
from catalog.revision import read_revision
from catalog.vectors import ANN_THRESHOLD, DenseRanker, MemoryVectors, PgVectorIndex

LOAD_BATCH = 20_000
SYNC_REBUILD_UP_TO = 50_000
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IndexSnapshot:
    """The indexes of one catalog revision; document positions follow `ids`."""

    revision: int
    ids: np.ndarray
    lexical: LexicalIndex
    dense: DenseRanker | None

    def positions(self, ids: np.ndarray) -> np.ndarray:
        """Positions of product ids in this snapshot (all ids must be indexed)."""
        return np.searchsorted(self.ids, ids)

    def indexed(self, ids: np.ndarray) -> np.ndarray:
        """Which of the ids this snapshot holds (O(m log n), unlike np.isin's full sort)."""
        positions = np.minimum(np.searchsorted(self.ids, ids), max(len(self.ids) - 1, 0))
        return (self.ids[positions] == ids) if len(self.ids) else np.zeros(len(ids), bool)


class SearchIndex:
    """Builds and caches the snapshot; thread-safe; `dimension=None` means lexical only."""

    def __init__(
        self,
        sessions: Callable[[], Session],
        dimension: int | None,
        ann_threshold: int = ANN_THRESHOLD,
        sync_rebuild_up_to: int = SYNC_REBUILD_UP_TO,
    ) -> None:
        self._sessions = sessions
        self._dimension = dimension
        self._ann_threshold = ann_threshold
        self._sync_rebuild_up_to = sync_rebuild_up_to
        self._snapshot: IndexSnapshot | None = None
        self._lock = threading.Lock()
        self._rebuilding: threading.Thread | None = None

    def current(self) -> IndexSnapshot:
        """The snapshot of the catalog's current revision (or, for a large catalog being
        rebuilt in the background, the previous one)."""
        with self._sessions() as session:
            revision = read_revision(session)
        snapshot = self._snapshot
        if snapshot is not None and snapshot.revision == revision:
            return snapshot
        if snapshot is not None and len(snapshot.ids) > self._sync_rebuild_up_to:
            self._rebuild_in_background()
            return snapshot
        with self._lock:
            if self._snapshot is None or self._snapshot.revision != revision:
                self._snapshot = self._build()
            return self._snapshot

    def wait_for_rebuild(self, timeout_s: float | None = None) -> None:
        """Block until a background rebuild, if any, has finished."""
        thread = self._rebuilding
        if thread is not None:
            thread.join(timeout_s)

    def _rebuild_in_background(self) -> None:
        with self._lock:
            if self._rebuilding is not None and self._rebuilding.is_alive():
                return
            self._rebuilding = threading.Thread(
                target=self._rebuild, name="search-index", daemon=True
            )
            self._rebuilding.start()

    def _rebuild(self) -> None:
        try:
            snapshot = self._build()
        except Exception:  # the next query starts another rebuild
            log.exception("rebuilding the search index failed")
            return
        with self._lock:
            self._snapshot = snapshot

    def _build(self) -> IndexSnapshot:
        with self._sessions() as session:
            revision = read_revision(session)
            postgres = session.get_bind().dialect.name == "postgresql"
            load_vectors = self._dimension is not None and not postgres
            columns = [
                Product.id,
                Product.name,
                Product.category,
                Product.brand,
                Product.description,
            ]
            if load_vectors:
                columns.append(Product.embedding)
            rows = session.execute(
                select(*columns).order_by(Product.id).execution_options(yield_per=LOAD_BATCH)
            )
            ids, names, categories, brands, descriptions, vectors = [], [], [], [], [], []
            for row in rows:
                ids.append(row.id)
                names.append(row.name)
                categories.append(row.category)
                brands.append(row.brand or "")
                descriptions.append(row.description or "")
                if load_vectors:
                    vectors.append(row.embedding)
        id_array = np.array(ids, dtype=np.int64)
        lexical = LexicalIndex(
            {"name": names, "category": categories, "brand": brands, "description": descriptions}
        )
        dense: DenseRanker | None = None
        if self._dimension is not None and postgres:
            dense = PgVectorIndex(self._sessions, self._dimension)
        elif self._dimension is not None:
            dense = MemoryVectors(id_array, _matrix(vectors, self._dimension), self._ann_threshold)
        return IndexSnapshot(revision, id_array, lexical, dense)


def _matrix(blobs: list[bytes | None], dimension: int) -> np.ndarray:
    """Stack float32 blobs; a missing or differently sized one becomes a zero row."""
    matrix = np.zeros((len(blobs), dimension), dtype=np.float32)
    width = dimension * 4
    for row, blob in enumerate(blobs):
        if blob is not None and len(blob) == width:
            matrix[row] = np.frombuffer(blob, dtype=np.float32)
    return matrix
