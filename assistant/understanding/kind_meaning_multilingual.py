"""Product kinds named in Chinese, Spanish or French, read by meaning against the catalog's own
(English) category phrases: "跑鞋", "zapatillas para correr", "chaussures de course" → running
shoes; "lunettes de soleil" → sunglasses. No translation lists: a multilingual embedder
(`catalog.multilingual_embedding`) puts the shopper's words and the catalog's phrases in one
space.

A message is taken when `languages.detect` reads it as Chinese, Spanish or French, or when
it is two words or more that neither English nor the catalog knows ("velas aromaticas"). It is
compared whole and by its windows: runs of two to four characters of CJK text (Chinese has no
spaces; runs break at particles and pronouns) and runs of one to three words otherwise,
without function words at either end. The thresholds were chosen on the labelled zh/es/fr
utterances (tests/data/utterances_{zh,es,fr}.yaml, items i % 4 != 3) and checked on the
rest (`python -m benchmarks.multilingual_search --kinds`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from assistant.understanding.foreign_cues import FOREIGN
from assistant.understanding.kind_meaning import KindCandidate, KindMatch, leaf_phrases, top_kind
from assistant.understanding.languages import FUNCTION_WORDS, detect
from catalog.embedding import Embedder

# Chosen on the dev split (best category accuracy, ties to the stricter pair): 284/360 dev,
# 96/117 holdout. A margin over other categories did not help there: the right reading is
# often only just ahead of a neighbour ("双肩包" backpacks over tote bags).
MIN_SIMILARITY = 0.67
MIN_MARGIN = 0.0  # over the best phrase of any other category
CJK_SIZES = (2, 3, 4)
WORD_SIZES = (1, 2, 3)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RUN = re.compile(f"[{CJK}]+")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
CLAUSE_BREAK = re.compile(
    r"[,.;:!?()¿¡\u3001\u3002\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f]|\s{2,}"
)
# Characters inside no product word: particles, pronouns, demonstratives; runs break there.
CJK_BREAK = re.compile(
    "[的了吗嗎呢吧啊呀么麼个個些这這那我你他她它们們是和也还還就都给給要想把款]+"
)
# Words that open or end no product word in Spanish or French: the languages' own words
# (`languages.FUNCTION_WORDS`) and elided or one-letter ones.
ROMANCE_FUNCTION = (
    FUNCTION_WORDS["es"] | FUNCTION_WORDS["fr"] | _word_set("a à o d j l m n s t u qu me te son")
)


def is_foreign(text: str, known: frozenset[str]) -> bool:
    """Whether the message is Chinese, Spanish or French (`languages.detect`), or, read as
    English only for want of a sign, is two words or more that neither English nor the catalog
    knows ("velas aromaticas"; `known`: those words). A lone unknown word ("dumbbells") and a
    language the shop does not read stay on the English path."""
    language = detect(text)
    if language != "en":
        return language in FOREIGN
    words = WORD.findall(text.lower())
    return bool(known) and len(words) >= 2 and all(word not in known for word in words)


def foreign_windows(text: str) -> list[str]:
    """The whole text, then runs of its CJK characters and of its words, each once; none when
    the text has no content (only function characters or words)."""
    windows: dict[str, None] = {}
    for clause in CLAUSE_BREAK.split(text.lower()):
        for run in CJK_RUN.findall(clause):
            for part in CJK_BREAK.split(run):  # "笔记本的双肩包": 的 joins two nouns
                windows.update(dict.fromkeys("".join(w) for w in _runs(list(part), CJK_SIZES)))
        words = WORD.findall(CJK_RUN.sub(" ", clause))
        windows.update(dict.fromkeys(" ".join(w) for w in _runs(words, WORD_SIZES)))
    whole = " ".join(text.lower().split())
    return [whole, *(w for w in windows if w != whole)] if windows else []


def _runs(items: Sequence[str], sizes: Sequence[int]) -> list[Sequence[str]]:
    """Runs of each size with no Spanish or French function word at either end."""
    return [
        run
        for size in sizes
        for start in range(len(items) - size + 1)
        if (run := items[start : start + size])[0] not in ROMANCE_FUNCTION
        and run[-1] not in ROMANCE_FUNCTION
    ]


def _specific(leaves: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Without the phrases that only add the top level's word to another phrase of their
    category ("boots shoe" beside "boots"): they draw any mention of the top level ("chaussures")
    to one of its sub-categories."""
    known = set(leaves)

    def redundant(phrase: str, path: str) -> bool:
        head, _, last = phrase.rpartition(" ")
        top = path.split(">")[0].lower()
        return (head, path) in known and any(w.startswith(last[:4]) for w in top.split())

    return [(phrase, path) for phrase, path in leaves if not redundant(phrase, path)]


class ForeignKindMeanings:
    """The catalog's category phrases embedded with a multilingual embedder (on first use),
    and the reading of a Chinese, Spanish or French message against them."""

    def __init__(
        self,
        phrases: Sequence[tuple[str, str]],
        embedder: Embedder,
        known: frozenset[str] = frozenset(),
    ) -> None:
        """`known`: English and catalog words, for recognising Spanish and French."""
        leaves = _specific(leaf_phrases(phrases))
        self._texts = [phrase for phrase, _ in leaves]
        self._paths = [path for _, path in leaves]
        self._embedder = embedder
        self._known = known
        self._vectors: np.ndarray | None = None

    def accepts(self, text: str) -> bool:
        return is_foreign(text, self._known)

    def read(self, text: str) -> KindMatch | None:
        """The category the text's words mean, if one stands out."""
        found = self.candidate(text)
        if found is None:
            return None
        window, top = found
        if top.similarity >= MIN_SIMILARITY and top.margin >= MIN_MARGIN:
            return KindMatch(top.category, window)
        return None

    def candidate(self, text: str) -> tuple[str, KindCandidate] | None:
        """The best window and its category, before any threshold."""
        windows = foreign_windows(text)
        if not windows or not self._paths:
            return None
        top = top_kind(self._embedder.embed(windows) @ self._phrase_vectors().T, self._paths)
        return windows[top.window], top

    def _phrase_vectors(self) -> np.ndarray:
        if self._vectors is None:
            self._vectors = self._embedder.embed(self._texts)
        return self._vectors
