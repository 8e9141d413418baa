"""A cheap, deterministic stand-in for embedding very many products in a real model's space.

Each distinct word is embedded once by the real embedder; a text's vector is the normalised
mean of its words' vectors. It is thousands of times faster than running MiniLM on every
product, and its vectors live in the same space as MiniLM query vectors, so ranking and
approximate search behave realistically at scale (the exact relevance is not MiniLM's).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from catalog.embedding import Embedder

_WORD = re.compile(r"[a-z][a-z'-]+")


class WordAverageEmbedder:
    """Mean of per-word vectors from `base`, each word embedded once and cached."""

    def __init__(self, base: Embedder) -> None:
        self.base = base
        self.dimension = base.dimension
        self._words: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        tokenised = [_WORD.findall(text.lower()) for text in texts]
        new = sorted({w for words in tokenised for w in words} - self._words.keys())
        if new:
            self._words.update(zip(new, self.base.embed(new), strict=True))
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, words in enumerate(tokenised):
            if words:
                out[row] = np.mean([self._words[w] for w in words], axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1.0, norms)
