"""Grounding: the model's words may only state prices and name products that are on screen.

Text is checked sentence by sentence as it streams. A sentence that states a price no shown
card has, names a brand or product-name word from the catalog that no shown card carries,
claims a warranty, shipping, returns, a discount or a price deal that neither the store policy
nor a shown product's structured fields state, puts a rating off the 5-point scale or states
one no card has (`claim_check`), claims a feature ("wireless") of a product whose own text
does not bear it out (`feature_claims`), or carries a link or markup, is dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from assistant.facts.cards import ProductCard
from assistant.facts.claim_check import ClaimEvidence, claim_problems
from assistant.facts.claims import has_markup
from assistant.facts.feature_claims import unfounded_features
from assistant.understanding.lexicon import STOPWORDS

PRICE = re.compile(
    r"(?:[$€£₹]\s?(\d[\d,]*(?:\.\d+)?))|(?:(\d[\d,]*(?:\.\d+)?)\s?"
    r"(?:dollars?|bucks|usd|eur|euros?|inr|rupees?)\b)",
    re.I,
)
WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]+")
REPEAT_WINDOW = 3  # a word may not come again within this many words after it
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
DISTINCTIVE_SHARE = 0.02


@dataclass(frozen=True)
class GroundingIndex:
    """Brands and distinctive product-name words of the whole catalog, lower-cased; what the
    store policy states (`policy`); and the structured fields, written out, of the products
    whose fields make a claim (`product_fields`, by product id)."""

    brands: frozenset[str]
    name_words: frozenset[str]
    policy: ClaimEvidence = field(default_factory=ClaimEvidence)
    product_fields: Mapping[int, str] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        brands: Iterable[str],
        names: Iterable[str],
        policies: Iterable[str] = (),
        product_fields: Mapping[int, str] | None = None,
    ) -> GroundingIndex:
        names = list(names)
        counts = Counter(w for name in names for w in {w.lower() for w in WORD.findall(name)})
        limit = max(3, int(len(names) * DISTINCTIVE_SHARE))
        distinctive = {
            w for w, n in counts.items() if n <= limit and len(w) > 2 and w not in STOPWORDS
        }
        return cls(
            frozenset(b.lower() for b in brands if b),
            frozenset(distinctive),
            ClaimEvidence.from_texts(policies),
            dict(product_fields or {}),
        )

    def evidence(self, cards: Iterable[ProductCard]) -> ClaimEvidence:
        """What backs claims about `cards`: the policy, their fields, ratings and names."""
        cards = list(cards)
        return self.policy.with_products(
            (self.product_fields.get(card.product_id, "") for card in cards),
            (card.rating for card in cards if card.rating is not None and card.review_count),
            (card.name for card in cards),
        )


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
    facts: Mapping[int, frozenset[str]] | None = None,
) -> bool:
    """`limits` are the shopper's own price limits, which the text may repeat; `facts` the
    shown products' own word stems by id (without them, features are not checked)."""
    allowed_prices = {card.price for card in cards} | limits
    if any(price not in allowed_prices for price in _stated_prices(sentence)):
        return False
    shown = _shown_words(cards)
    lowered = sentence.lower()
    for brand in index.brands - shown:
        if re.search(rf"(?<!\w){re.escape(brand)}(?!\w)", lowered):
            return False
    capitalised = {w.lower() for w in WORD.findall(sentence) if w[0].isupper()}
    if (capitalised & index.name_words) - shown or has_markup(sentence):
        return False
    if facts is not None and unfounded_features(sentence, cards, facts):
        return False
    if repeats_itself(sentence):
        return False
    return not claim_problems(sentence, index.evidence(cards))


def repeats_itself(sentence: str) -> bool:
    """A word joined to itself ("a classic and timeless classic", "for both reading and
    reading books", "high-quality, high-quality", "boots are suitable for boots"): a small
    model's slip, not a comparison ("the Apex jacket beats the Summit jacket")."""
    tokens = re.findall(r"[A-Za-z][A-Za-z0-9'-]+|,", sentence.lower())
    for i, word in enumerate(tokens):
        if len(word) <= 3:
            continue
        following = tokens[i + 1 : i + 2 + REPEAT_WINDOW]
        if word in following and {",", "and", "or", "for"} & set(
            following[: following.index(word)]
        ):
            return True
    return False


def grounded_sentences(
    chunks: Iterable[str],
    cards: tuple[ProductCard, ...],
    index: GroundingIndex,
    limits: frozenset[Decimal] = frozenset(),
    facts: Mapping[int, frozenset[str]] | None = None,
) -> Iterator[str]:
    """Re-chunk streamed text into whole sentences and yield only the grounded ones.

    A trailing fragment without end punctuation (the model ran out of tokens) is dropped.
    """
    buffer = ""
    for chunk in chunks:
        buffer += chunk
        *complete, buffer = SENTENCE_END.split(buffer)
        for sentence in complete:
            if sentence.strip() and is_grounded(sentence, cards, index, limits, facts):
                yield sentence.strip()
    last = buffer.strip()
    if last.endswith((".", "!", "?")) and is_grounded(last, cards, index, limits, facts):
        yield last
