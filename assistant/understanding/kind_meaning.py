"""Product kinds said in other words, read by meaning: "purse" → handbags, "coat" → jackets,
"sweater" → hoodies & sweatshirts.

The catalog's category phrases (`vocabulary.category_phrases`) are embedded once; when no
phrase names a kind word for word, the message's leftover one- and two-word windows are
compared with them. A kind is read when the best window is similar enough and its category
clearly ahead of any other (measured with MiniLM on the demo catalog: right kinds scored 0.62
to 0.78 — "buds", "trail runners", "purse", "coat" — unrelated words at most 0.60).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.understanding.lexicon import STOPWORDS
from assistant.understanding.word_windows import word_windows
from catalog.embedding import Embedder

MIN_SIMILARITY = 0.62
MIN_MARGIN = 0.05  # over the best phrase of any other category
WINDOW_WORDS = (1, 2)


@dataclass(frozen=True)
class KindMatch:
    category: str
    window: str  # the shopper's words that named it


class KindMeanings:
    """The catalog's category phrases, embedded, and the reading of a message against them."""

    def __init__(self, phrases: Sequence[tuple[str, str]], embedder: Embedder) -> None:
        """Only phrases of sub-categories: a top level ("Sports & Outdoors") is too broad to
        be read from a word's meaning ("football" is no request for one)."""
        self._embedder = embedder
        leaves = [(phrase, path) for phrase, path in phrases if ">" in path]
        self._paths = [path for _, path in leaves]
        texts = [phrase for phrase, _ in leaves]
        self._vectors = embedder.embed(texts) if texts else np.zeros((0, 1), np.float32)

    def read(self, text: str) -> KindMatch | None:
        """The category the text's words mean, if one stands out."""
        windows = _windows(text)
        if not windows or not self._paths:
            return None
        similarity = self._embedder.embed(windows) @ self._vectors.T  # windows by phrases
        window, phrase = np.unravel_index(int(similarity.argmax()), similarity.shape)
        best = float(similarity[window, phrase])
        path = self._paths[phrase]
        others = [s for s, p in zip(similarity[window], self._paths, strict=True) if p != path]
        if best >= MIN_SIMILARITY and best - max(others, default=0.0) >= MIN_MARGIN:
            return KindMatch(path, windows[window])
        return None


def _windows(text: str) -> list[str]:
    """Runs of one or two words, without stop words at either end."""
    return word_windows(
        text, WINDOW_WORDS, lambda run: run[0] not in STOPWORDS and run[-1] not in STOPWORDS
    )
