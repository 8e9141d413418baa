"""Yes/no attributes said in other words, read by meaning: "block out engine noise" →
`noise_cancelling`, "can see in the dark" → `night_vision`, "lies flat when open" → `lay_flat`.

Each yes/no key of the catalog is embedded once (its words: "night vision"); a message's short
word windows left over after the word-for-word reading are embedded together and compared with
the keys of the category asked about. A key is read when its best window is similar enough
and clearly closer than any other key (measured with MiniLM on paraphrases written for the
project: the right key scored 0.56 to 0.85, unrelated phrases at most 0.48).
A Chinese, Spanish or French message is read by a `ForeignFacetReader` instead, when one is
given (`facet_meaning_multilingual`); an English message is read as above.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from assistant.understanding.foreign_cues import FOREIGN
from assistant.understanding.languages import Language
from assistant.understanding.lexicon import STOPWORDS
from assistant.understanding.word_windows import word_windows
from catalog.embedding import Embedder
from catalog.facets import Facet, FacetCatalog, FacetKind

MIN_SIMILARITY = 0.55
MIN_MARGIN = 0.08  # over the next-best key of the same scope
WINDOW_WORDS = (2, 3, 4)


@dataclass(frozen=True)
class MeaningMatch:
    facet: Facet
    window: str  # the shopper's words that said it


class ForeignFacetReader(Protocol):
    """Reads yes/no keys from messages in languages the main embedder does not know."""

    def read(
        self, text: str, scope: Sequence[Facet], already: Collection[str], kind: Collection[str]
    ) -> list[MeaningMatch]: ...


class FacetMeanings:
    """The catalog's yes/no keys, embedded, and the reading of a message against them."""

    def __init__(
        self, catalog: FacetCatalog, embedder: Embedder, foreign: ForeignFacetReader | None = None
    ) -> None:
        self._embedder = embedder
        self.foreign = foreign  # the reader of Chinese, Spanish and French, if any
        self._keys = [f for f in catalog.facets.values() if f.kind is FacetKind.YES_NO]
        phrases = [" ".join(f.words) for f in self._keys]
        self._vectors = embedder.embed(phrases) if phrases else np.zeros((0, 1), np.float32)

    def read(
        self,
        text: str,
        scope: Sequence[Facet],
        already: Collection[str],
        language: Language = "en",
        kind: Collection[str] = (),
    ) -> list[MeaningMatch]:
        """The yes/no keys of `scope` (not in `already`) that windows of `text` mean; of a
        message in `language` zh, es or fr by the foreign reader, when there is one (`kind`:
        the words that named the category)."""
        if self.foreign is not None and language in FOREIGN:
            return self.foreign.read(text, scope, already, kind)
        rows = [i for i, f in enumerate(self._keys) if f in scope and f.key not in already]
        windows = _windows(text)
        if not rows or not windows:
            return []
        similarity = self._embedder.embed(windows) @ self._vectors[rows].T  # windows by keys
        best_window = similarity.argmax(axis=0)
        best = similarity.max(axis=0)
        found = []
        for column, row in enumerate(rows):
            others = np.delete(similarity[best_window[column]], column)
            margin = best[column] - (others.max() if len(others) else 0.0)
            if best[column] >= MIN_SIMILARITY and margin >= MIN_MARGIN:
                found.append(MeaningMatch(self._keys[row], windows[best_window[column]]))
        return found


def _windows(text: str) -> list[str]:
    """Runs of two to four words, not all filler."""
    return word_windows(text, WINDOW_WORDS, lambda run: not all(w in STOPWORDS for w in run))
