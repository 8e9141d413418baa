"""Lexical ranking: BM25 (the `bm25s` library) over each product field, with field weights.

Each field (name, category, brand, description) has its own BM25 index, so a word in a short
name is not diluted by a long description; a product's score is the weighted sum of its field
scores, names and categories weighing more than descriptions (a simple BM25F).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

import bm25s
import numpy as np
import Stemmer

FIELD_WEIGHTS: Mapping[str, float] = {
    "name": 3.0,
    "category": 2.0,
    "brand": 1.5,
    "description": 1.0,
}
_WORD = re.compile(r"[a-z0-9]+")
_STOP_WORDS = frozenset(bm25s.stopwords.STOPWORDS_EN)
_stemmer = Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


def tokenize(text: str) -> list[str]:
    """Lower-case word stems, stop words dropped: "Running Shoes" -> ["run", "shoe"]."""
    return [_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP_WORDS]


class FieldIndex:
    """BM25 over one field of every document; documents are numbered by position."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.size = len(texts)
        self._bm25 = bm25s.BM25()
        self._bm25.index([tokenize(t) for t in texts], show_progress=False)

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        ids = self._bm25.get_tokens_ids(list(tokens))
        if not ids:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores_from_ids(ids), dtype=np.float32)


class LexicalIndex:
    """Weighted BM25 over several fields; `scores` has one entry per document position."""

    def __init__(
        self, fields: Mapping[str, Sequence[str]], weights: Mapping[str, float] = FIELD_WEIGHTS
    ) -> None:
        sizes = {len(texts) for texts in fields.values()}
        if len(sizes) > 1:
            raise ValueError(f"fields differ in length: {sizes}")
        self.size = sizes.pop() if sizes else 0
        self._weights = {name: weights[name] for name in fields}
        self._fields = {
            name: FieldIndex(texts) for name, texts in fields.items() if self.size and any(texts)
        }

    def scores(self, query: str) -> np.ndarray:
        tokens = tokenize(query)
        total = np.zeros(self.size, dtype=np.float32)
        for name, index in self._fields.items():
            total += self._weights[name] * index.scores(tokens)
        return total
