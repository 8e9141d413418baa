"""Product kinds said in other words, read by meaning: "purse" → handbags, "coat" → jackets,
"sweater" → hoodies & sweatshirts.

The catalog's category phrases (`vocabulary.category_phrases`) are embedded once; when no
phrase names a kind word for word, the message's leftover one- and two-word windows are
compared with them. A kind is read when the best window is similar enough and its category
clearly ahead of any other (measured with MiniLM on the demo catalog: right kinds scored 0.62
to 0.78 — "buds", "trail runners", "purse", "coat" — unrelated words at most 0.60).
A message in another language is read by a `ForeignReader` instead, when one is given and
takes the message (`kind_meaning_multilingual`); an English message is read as above.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from assistant.understanding.lexicon import STOPWORDS
from assistant.understanding.word_windows import word_windows
from catalog.embedding import Embedder

MIN_SIMILARITY = 0.62
MIN_MARGIN = 0.05  # over the best phrase of any other category
# The window means the phrase itself, which then narrows the kind: "mic" / "microphone" 0.83,
# "coat" / "jacket" 0.78, "trail runners" / "trail running shoe" 0.76; not "ink" / "pen" 0.70.
PHRASE_SIMILARITY = 0.75
WINDOW_WORDS = (1, 2)


@dataclass(frozen=True)
class KindMatch:
    category: str
    window: str  # the shopper's words that named it
    phrase: str | None = None  # the catalog's phrase they mean, when it names the product


class ForeignReader(Protocol):
    """Reads kinds from messages in languages the main embedder does not know."""

    def accepts(self, text: str) -> bool: ...

    def read(self, text: str) -> KindMatch | None: ...

    def overruling(self, text: str, category: str) -> str | None: ...


def leaf_phrases(phrases: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Only phrases of sub-categories: a top level ("Sports & Outdoors") is too broad to be
    read from a word's meaning ("football" is no request for one); a top level with no
    sub-categories is read ("Books", "Office Products": the MG-ShopDial items)."""
    parents = {path.split(">", 1)[0].strip() for _, path in phrases if ">" in path}
    return [(phrase, path) for phrase, path in phrases if ">" in path or path not in parents]


@dataclass(frozen=True)
class KindCandidate:
    window: int  # index of the best window
    category: str
    similarity: float
    margin: float  # over the best phrase of any other category for that window


def top_kind(similarity: np.ndarray, paths: Sequence[str]) -> KindCandidate:
    """The best window and phrase of a windows-by-phrases similarity matrix."""
    window, phrase = np.unravel_index(int(similarity.argmax()), similarity.shape)
    best = float(similarity[window, phrase])
    path = paths[int(phrase)]
    others = [float(s) for s, p in zip(similarity[window], paths, strict=True) if p != path]
    return KindCandidate(int(window), path, best, best - max(others, default=0.0))


def best_kind(
    similarity: np.ndarray,
    windows: Sequence[str],
    paths: Sequence[str],
    min_similarity: float,
    min_margin: float,
) -> KindMatch | None:
    """The best window's category, if it is similar enough and ahead of the best phrase of
    any other category by `min_margin`."""
    top = top_kind(similarity, paths)
    if top.similarity >= min_similarity and top.margin >= min_margin:
        return KindMatch(top.category, windows[top.window])
    return None


class KindMeanings:
    """The catalog's category phrases, embedded, and the reading of a message against them."""

    def __init__(
        self,
        phrases: Sequence[tuple[str, str]],
        embedder: Embedder,
        foreign: ForeignReader | None = None,
    ) -> None:
        self._embedder = embedder
        self.foreign = foreign  # the reader of other languages, if any
        leaves = leaf_phrases(phrases)
        self._paths = [path for _, path in leaves]
        self._texts = [phrase for phrase, _ in leaves]
        self._vectors = embedder.embed(self._texts) if self._texts else np.zeros((0, 1), np.float32)

    def read(self, text: str) -> KindMatch | None:
        """The category the text's words mean, if one stands out."""
        if self.foreign is not None and self.foreign.accepts(text):
            return self.foreign.read(text)
        windows = _windows(_before_the_use(text))
        if not windows or not self._paths:
            return None
        similarity = self._embedder.embed(windows) @ self._vectors.T  # windows by phrases
        found = best_kind(similarity, windows, self._paths, MIN_SIMILARITY, MIN_MARGIN)
        if found is None or similarity.max() < PHRASE_SIMILARITY:
            return found  # the category only: "ink" is near "pen", but asks for no pen
        phrase = self._texts[int(similarity.max(axis=0).argmax())]  # "mic" → "microphone"
        return replace(found, phrase=phrase)


def _before_the_use(text: str) -> str:
    """The words before "for …" when there are any: "headphones for the open plan office"
    names headphones, not office products; "something for the office" keeps its words."""
    head, _, use = text.partition(" for ")
    return head if use and _windows(head) else text


def _windows(text: str) -> list[str]:
    """Runs of one or two words, without stop words at either end."""
    return word_windows(
        text, WINDOW_WORDS, lambda run: run[0] not in STOPWORDS and run[-1] not in STOPWORDS
    )
