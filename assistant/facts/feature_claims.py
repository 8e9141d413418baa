"""Features the model's sentence claims, checked against the products it speaks of.

A feature is one of the words shoppers ask for ("wireless", "waterproof", "noise cancelling":
the parser's own feature list). A sentence that claims one of a product it names — or, naming
none, of the products on screen — is true only when each such product's own text (name,
description, yes-valued attributes) bears the feature out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from assistant.facts.cards import ProductCard
from assistant.facts.describe import word_stems
from assistant.understanding.lexicon import FEATURE_WORDS

_FEATURES = tuple(
    (re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", re.I), phrase, feature)
    for phrase, feature in sorted(FEATURE_WORDS.items(), key=lambda item: -len(item[0]))
)
MIN_NAME_WORD = 4  # shorter name words ("Pro", "X2") name nothing on their own


def claimed_features(sentence: str) -> dict[str, str]:
    """The features a sentence mentions: canonical name → the words it used ("light")."""
    return {feature: phrase for pattern, phrase, feature in _FEATURES if pattern.search(sentence)}


def unfounded_features(
    sentence: str, cards: Sequence[ProductCard], facts: Mapping[int, frozenset[str]]
) -> set[str]:
    """The features the sentence claims that a product it speaks of does not have; `facts`
    are the products' own word stems by product id (`describe.own_words`)."""
    claimed = claimed_features(sentence)
    if not claimed:
        return set()
    described = _named(sentence, cards) or list(cards)
    return {
        feature
        for feature, phrase in claimed.items()
        if any(not _bears(facts.get(c.product_id, frozenset()), feature, phrase) for c in described)
    }


def _bears(own: frozenset[str], feature: str, phrase: str) -> bool:
    """The product's words state the feature, in its canonical name or in the words used."""
    return word_stems(feature) <= own or word_stems(phrase) <= own


def _named(sentence: str, cards: Sequence[ProductCard]) -> list[ProductCard]:
    """The cards the sentence names by a word of the name no other shown card has."""
    said = word_stems(sentence)
    names = {card.product_id: word_stems(card.name) for card in cards}
    named = []
    for card in cards:
        others = set().union(*(w for pid, w in names.items() if pid != card.product_id))
        own = {w for w in names[card.product_id] - others if len(w) >= MIN_NAME_WORD}
        if own & said:
            named.append(card)
    return named
