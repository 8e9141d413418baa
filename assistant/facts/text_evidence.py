"""The sentence of a product's listing or reviews that best answers a question.

Sentences are ranked by meaning (the catalog's embedder) and by the question's words they
share; only sentences `quotes.quotable_sentences` allows are candidates, so what is quoted is
never a price claim, an instruction to the assistant or a link. Whether a sentence says yes
is decided by code: every word the question asks about is in it, and none of them is negated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import simplemma
import Stemmer

from assistant.facts.quotes import MAX_QUOTE_CHARS, quotable_sentences
from assistant.understanding.facet_reading import UNIT_WORDS, facet_stems
from assistant.understanding.lexicon import STOPWORDS
from catalog.embedding import Embedder
from catalog.models import Product

ENGLISH = Stemmer.Stemmer("english")
MEANING_WEIGHT = 0.7  # the rest is the share of the question's words the sentence holds
RELATED = 0.45  # a sentence scoring below this does not answer the question
NEGATION = re.compile(
    r"\b(?:not|no|never|without|nor|isn't|aren't|doesn't|don't|won't|can't|cannot)\b"
)
NEGATION_REACH = 4  # words after a negation that it covers: "not fully waterproof"
UNAVAILABLE = re.compile(
    r"\b(?:not included|sold separately|not compatible|removed from|no longer|not available|"
    r"(?:is|are)n't included|excluded)\b",
    re.I,
)
CLAUSE_BREAK = re.compile(r"\s+[/|•✔]\s*|;\s+|\s+[-\u2013]\s+|(?=【)|(?<=】)|\s*\[\d{1,2}\]\s*")
MIN_CLAUSE_WORDS = 2
NEAR_WORDS = 3
POSSESSION = re.compile(  # not "can we paint rocks with it?"
    r"\b(?:come|comes|include|includes|included|have|has|with(?! (?:it|them|this|these)\b)|"
    r"there)\b",
    re.I,
)  # asked words this close together describe one thing

LENGTHS = ("in", "cm", "mm", "m", "ft")
MEASURE_UNITS = {  # what a value question measures ("how heavy" → weight), in which units
    "weight": ("kg", "g", "lb", "oz"),
    "length": LENGTHS,
    "height": LENGTHS,
    "width": LENGTHS,
    "thickness": LENGTHS,
    "size": LENGTHS,
    "distance": LENGTHS,  # "how far does the remote work?": "up to 10 meters"
    "hours": ("hours", "minutes", "days"),
    "capacity": ("l", "ml", "oz"),
    "lumens": ("lumens",),
    "range": LENGTHS,
}

DATE = re.compile(
    r"\b(?:(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?\s+(?:\d{1,2},?\s+)?"
    r"(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)\b",
    re.I,
)  # "November 8, 2022", "June 2024", "2022-11-08"; not a bare year, which may be a model


@dataclass(frozen=True)
class Passage:
    """A sentence of the listing (`rating` None) or of a review."""

    text: str
    rating: int | None = None


@dataclass(frozen=True)
class Found:
    """The best passage for a question, its score, and which of the question's words it has."""

    passage: Passage
    score: float
    missing: frozenset[str]  # question stems it lacks (asked of a possession: as things)
    negated: bool  # a question word in it is negated ("not waterproof")
    shared: float  # the share of the question's stems it holds in any role (1.0 for none)
    meaning: float  # cosine similarity of the passage and the question


def passages(product: Product) -> list[Passage]:
    """The product's quotable listing sentences (long ones in clauses), then its reviews'
    (with their stars)."""
    found = [Passage(c) for s in quotable_sentences(product.description or "") for c in clauses(s)]
    for review in product.reviews:
        found += [Passage(s, review.rating) for s in quotable_sentences(review.text)]
    return found


def clauses(sentence: str) -> list[str]:
    """A sentence too long to quote, cut where listings list ("Genre: … / Hardcover: 384
    pages", "【NO BATTERY】 …", "a; b", "a - b"); a short one whole."""
    if len(sentence) <= MAX_QUOTE_CHARS:
        return [sentence]
    parts = [p.strip(" -\u2013|/;•✔") for p in CLAUSE_BREAK.split(sentence)]
    return [p for p in parts if len(p.split()) >= MIN_CLAUSE_WORDS] or [sentence]


class TextEvidence:
    """Finds the passage that best answers a question about one product."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder

    def best(
        self,
        question: str,
        words: Sequence[str],
        candidates: Sequence[Passage],
        product_name: str = "",
    ) -> Found | None:
        """The candidate most related to `question` (its content `words`); None without
        candidates. Below `RELATED` it is only the closest thing the listing says."""
        if not candidates:
            return None
        vectors = self._embedder.embed([question, *(p.text for p in candidates)])
        meaning = vectors[1:] @ vectors[0]
        asked = _stems(words)
        context = _stems([question, product_name])
        possession = POSSESSION.search(question) is not None  # "does it come with a …?"
        scores = []
        for passage, similarity in zip(candidates, meaning, strict=True):
            overlap = len(asked & _stems([passage.text])) / len(asked) if asked else 0.0
            scores.append(MEANING_WEIGHT * float(similarity) + (1 - MEANING_WEIGHT) * overlap)
        best = int(np.argmax(scores))
        passage = candidates[best]
        held = asked & _stems([passage.text])
        named = _named(passage.text, asked, context) if possession else held
        return Found(
            passage,
            scores[best],
            frozenset(asked - named),
            _negated(passage.text, asked),
            len(held) / len(asked) if asked else 1.0,
            float(meaning[best]),
        )


def _stems(texts: Sequence[str]) -> frozenset[str]:
    """Snowball stems of the words' lemmas ("shrank" → "shrink", "runs" → "run"), a number
    apart from its unit ("7inches"), waterproof-style compounds split (`facet_stems`)."""
    lemmas = [_lemma(w) for text in texts for w in re.findall(r"\d+(?:\.\d+)?|[^\W\d]+", text)]
    words = facet_stems(" ".join(lemmas))
    return frozenset(w for w in ENGLISH.stemWords(words) if len(w) > 1 or w.isdigit())


@cache
def _lemma(word: str) -> str:
    """The dictionary form of an English word: "wrote" → "write", "batteries" → "battery"."""
    return str(simplemma.lemmatize(word.lower(), lang="en"))


def _named(text: str, asked: frozenset[str], context: frozenset[str]) -> frozenset[str]:
    """The asked stems `text` names as things, not only as a modifier of a noun the question
    never mentions (`context`: its words and the product's): a "keyboard connector" is no
    keyboard, but "a dangling pom-pom toy" is a toy and "an adjustable internal belt" an
    adjustable belt (another asked word follows closely)."""
    words = list(re.finditer(r"[\w']+", text.lower()))
    stems = [_stems([w.group()]) for w in words]
    named: set[str] = set()
    for i, word in enumerate(words):
        if not stems[i] & asked:
            continue
        following = words[i + 1] if i + 1 < len(words) else None
        modifies = (
            following is not None
            and re.fullmatch(r"[\s-]+", text[word.end() : following.start()]) is not None
            and following.group() not in STOPWORDS
            and not stems[i + 1] & (asked | context)
            and not any(s & asked for s in stems[i + 1 : i + 1 + NEAR_WORDS])
        )
        if not modifies:
            named |= stems[i] & asked
    return frozenset(named)


def _negated(text: str, asked: frozenset[str]) -> bool:
    """Whether a negation in `text` comes shortly before one of the asked words, or the text
    says what it names is not there ("adapter (not included)", "removed from Google Play")."""
    if UNAVAILABLE.search(text) and asked & _stems([text]):
        return True
    words = re.findall(r"[\w'-]+", text.lower())
    for i, word in enumerate(words):
        if NEGATION.fullmatch(word):
            reach = words[i + 1 : i + 1 + NEGATION_REACH]
            if asked & _stems(reach):
                return True
    return False


def holds_every_word(text: str, words: Sequence[str]) -> bool:
    """Whether `text` holds every one of `words`, by stem ("cords" holds "cord")."""
    return _stems(words) <= _stems([text])


def measured(text: str, measure: str) -> bool:
    """Whether `text` gives a number in a unit of `measure` ("weight": "weighing only 309g",
    "length": "Power Cord(1.5m)", "7 inches"), or a date for "date"."""
    if "date" in measure.split() and DATE.search(text):
        return True
    pattern = _figure_pattern(measure)
    return pattern is not None and pattern.search(text) is not None


@cache
def _figure_pattern(measure: str) -> re.Pattern[str] | None:
    """A number followed by a unit of `measure`; None when it has no units."""
    units = {u for word in measure.split() for u in MEASURE_UNITS.get(word, ())}
    spellings = sorted(
        {s for u in units for s in UNIT_WORDS[u] if s != "in"},  # "5 in the box"
        key=len,
        reverse=True,
    )
    if not spellings:
        return None
    said = "|".join(map(re.escape, spellings))
    return re.compile(r"\d(?:[\d.,]*\d)?\s*(?:" + said + r")(?![a-z])", re.I)
