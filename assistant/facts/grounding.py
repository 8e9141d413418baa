"""Grounding: the model's words may only state prices and name products that are on screen.

Text is checked sentence by sentence as it streams. A sentence that states a price no shown
card has, or names a brand or product-name word from the catalog that no shown card carries,
is dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from assistant.facts.cards import ProductCard
from assistant.understanding.lexicon import STOPWORDS

PRICE = re.compile(
    r"(?:[$€£₹]\s?(\d[\d,]*(?:\.\d+)?))|(?:(\d[\d,]*(?:\.\d+)?)\s?"
    r"(?:dollars?|bucks|usd|eur|euros?|inr|rupees?)\b)",
    re.I,
)
WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]+")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
DISTINCTIVE_SHARE = 0.02


@dataclass(frozen=True)
class GroundingIndex:
    """Brands and distinctive product-name words of the whole catalog, lower-cased."""

    brands: frozenset[str]
    name_words: frozenset[str]

    @classmethod
    def build(cls, brands: Iterable[str], names: Iterable[str]) -> GroundingIndex:
        names = list(names)
        counts = Counter(w for name in names for w in {w.lower() for w in WORD.findall(name)})
        limit = max(3, int(len(names) * DISTINCTIVE_SHARE))
        distinctive = {
            w for w, n in counts.items() if n <= limit and len(w) > 2 and w not in STOPWORDS
        }
        return cls(frozenset(b.lower() for b in brands if b), frozenset(distinctive))


def _shown_words(cards: Iterable[ProductCard]) -> set[str]:
    words: set[str] = set()
    for card in cards:
        words |= {w.lower() for w in WORD.findall(f"{card.name} {card.brand or ''}")}
        words.add((card.brand or "").lower())
    return words


def _stated_prices(sentence: str) -> list[Decimal]:
    prices = []
    for match in PRICE.finditer(sentence):
        try:
            prices.append(Decimal((match.group(1) or match.group(2)).replace(",", "")))
        except InvalidOperation:
            prices.append(Decimal(-1))
    return prices


def is_grounded(
    sentence: str,
    cards: tuple[ProductCard, ...],
    index: GroundingIndex,
    limits: frozenset[Decimal] = frozenset(),
) -> bool:
    """`limits` are the shopper's own price limits, which the text may repeat."""
    allowed_prices = {card.price for card in cards} | limits
    if any(price not in allowed_prices for price in _stated_prices(sentence)):
        return False
    shown = _shown_words(cards)
    lowered = sentence.lower()
    for brand in index.brands - shown:
        if re.search(rf"(?<!\w){re.escape(brand)}(?!\w)", lowered):
            return False
    capitalised = {w.lower() for w in WORD.findall(sentence) if w[0].isupper()}
    return not (capitalised & index.name_words) - shown


def grounded_sentences(
    chunks: Iterable[str],
    cards: tuple[ProductCard, ...],
    index: GroundingIndex,
    limits: frozenset[Decimal] = frozenset(),
) -> Iterator[str]:
    """Re-chunk streamed text into whole sentences and yield only the grounded ones.

    A trailing fragment without end punctuation (the model ran out of tokens) is dropped.
    """
    buffer = ""
    for chunk in chunks:
        buffer += chunk
        *complete, buffer = SENTENCE_END.split(buffer)
        for sentence in complete:
            if sentence.strip() and is_grounded(sentence, cards, index, limits):
                yield sentence.strip()
    last = buffer.strip()
    if last.endswith((".", "!", "?")) and is_grounded(last, cards, index, limits):
        yield last
