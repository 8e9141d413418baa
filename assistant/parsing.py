"""Deterministic parsers: every slot code can read with certainty, from regular expressions,
the word lists in `assistant.lexicon` and the catalog's own brands and categories.

Exact where models are weak (numbers, negations, references) and fast (microseconds).
`parse_message` consumes what it recognises; the words left over are `keywords`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from assistant.lexicon import (
    AUDIENCE_WORDS,
    COLOUR_WORDS,
    FEATURE_WORDS,
    MATERIAL_WORDS,
    NUMBER_WORDS,
    OCCASION_WORDS,
    ORDINALS,
    POLICY_WORDS,
    SENTIMENT_WORDS,
    STOPWORDS,
)
from assistant.schema import PriceDirection, Slots

RESET_PHRASES = ("start over", "start again", "reset", "new search", "forget that",
                 "forget it", "clear everything", "from scratch")
GREETING = re.compile(r"^\s*(hi|hello|hey|hiya|howdy|yo|good (morning|afternoon|evening))\b"
                      r"[\s!.,]*(there|again)?[\s!.,]*$", re.I)
CHEAPER = re.compile(r"\b(cheaper|less expensive|more affordable|lower price[sd]?|"
                     r"inexpensive|too (expensive|pricey))\b", re.I)
PRICIER = re.compile(r"\b(pricier|more expensive|higher[- ]end|premium|fancier|better quality)\b",
                     re.I)
NEGATION = r"(?:not|no|non|except|without|excluding|anything but|other than|don't want|avoid)"
NEGATED_TERM = re.compile(rf"\b{NEGATION}\s+(?:too|so|very|really|overly|any)?\s*([a-z][a-z-]+)")
ORDER_NUMBER = re.compile(r"\b([a-z]{2}-\d{5,7})\b|\border\s*(?:#|no\.?|number)\s*(\d{4,})", re.I)
ORDINAL = "|".join(ORDINALS)
REFERENCES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:the\s+)?first\s+(two|three|2|3)\b"), "first_n"),
    (re.compile(rf"\b(?:the\s+)?({ORDINAL}|last)(?:\s+(?:one|pair|item|option|product|"
                rf"pick|of them|jacket|shoe|shoes|one's))?\b"), "ordinal"),
    (re.compile(r"(?:#|\bnumber\s+|\bno\.\s*)([1-9])\b"), "number"),
    (re.compile(r"\b(?:the\s+)?(cheaper|cheapest|less expensive)\s+(?:one|of (?:those|the|these)"
                r"(?:\s+(?:two|2))?|pair|option)\b"), "cheapest"),
    (re.compile(r"\b(?:the\s+)?(pricier|priciest|more expensive|most expensive|dearer)\s+"
                r"(?:one|of (?:those|the|these)(?:\s+(?:two|2))?|pair|option)\b"), "dearest"),
    (re.compile(r"\b(both|all of them|all of these|these|those|them)\b"), "all"),
    (re.compile(r"\b(that one|this one|the one|it)\b"), "it"),
]
MIN_RATING = re.compile(r"(?:\b(?:at least|minimum|min\.?|over|above|rated)\s+)?(?<![\w.$€£₹])"
                        r"([1-5](?:\.\d)?)\s*(?:\+\s*stars?|stars?(?:\s*(?:and up|or more|"
                        r"or higher|or better|\+|plus))?|\+)", re.I)
QUANTITY = re.compile(rf"\b(\d{{1,2}}|{'|'.join(NUMBER_WORDS)})\s+(?:of|x|pairs?|units?|more)\b"
                      r"|\b(\d{1,2})\s*x\b|\bx\s*(\d{1,2})\b")
MONEY = r"[$€£₹]?\s?(\d+(?:[.,]\d{1,2})?)\s?(?:k\b)?\s?(?:dollars?|bucks|usd|eur|euros?|inr)?"
PRICE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b(?:between|from)\s+{MONEY}\s*(?:and|to|-)\s*{MONEY}", re.I), "range"),
    (re.compile(r"(?<![\w.])[$€£₹]\s?(\d+(?:\.\d{1,2})?)\s*(?:-|to)\s*[$€£₹]?\s?"
                r"(\d+(?:\.\d{1,2})?)", re.I), "range"),
    (re.compile(rf"(?:\b(?:under|below|less than|cheaper than|at most|up to|upto|max(?:imum)?|"
                rf"no more than|within|not more than|not over|beneath)|<=?)\s*{MONEY}", re.I),
     "max"),
    (re.compile(rf"{MONEY}\s*(?:or less|max(?:imum)?|or under|tops|or cheaper)\b", re.I), "max"),
    (re.compile(rf"(?:\b(?:over|above|more than|at least|min(?:imum)?|starting at)|>=?)\s*{MONEY}",
                re.I), "min"),
    (re.compile(rf"{MONEY}\s*(?:or more|and up|plus|\+)", re.I), "min"),
    (re.compile(rf"\b(?:around|about|roughly|approximately|approx\.?|near|close to|~)\s*{MONEY}",
                re.I), "around"),
    (re.compile(r"(?<![\w.])[$€£₹]\s?(\d+(?:\.\d{1,2})?)\b"), "max"),
    (re.compile(r"\b(\d+(?:\.\d{1,2})?)\s?(?:dollars?|bucks|usd)\b", re.I), "max"),
]
SIZE_PATTERN = re.compile(
    r"\bsize\s+(\d{1,2}(?:\.5)?|xxs|xs|s|m|l|xl|xxl|xxxl|small|medium|large|extra large)\b"
    r"|\b(xxs|xs|xl|xxl|xxxl)\b|\bin (?:a |an )?(small|medium|large)\b", re.I)
SIZE_WORDS = {"small": "S", "medium": "M", "large": "L", "extra large": "XL"}
AROUND_TOLERANCE = Decimal("0.2")


@dataclass(frozen=True)
class CatalogVocabulary:
    """What the catalog knows: brands, colours and phrases that name each category path."""

    brands: tuple[str, ...] = ()
    category_phrases: tuple[tuple[str, str], ...] = ()  # (phrase, category path), longest first

    @classmethod
    def from_catalog(cls, brands: list[str], categories: list[str]) -> CatalogVocabulary:
        candidates: dict[str, set[str]] = {}
        paths = set(categories) | {c.split(">")[0].strip() for c in categories}
        for path in paths:
            for phrase in category_phrases(path):
                candidates.setdefault(phrase, set()).add(path)
        resolved = {phrase: _resolve(options) for phrase, options in candidates.items()}
        ordered = sorted(((phrase, path) for phrase, path in resolved.items() if path),
                         key=lambda item: (-len(item[0]), item[0]))
        return cls(tuple(sorted(set(brands), key=len, reverse=True)), tuple(ordered))


    def category_of(self, phrase: str) -> str | None:
        """The category a whole phrase names, if any."""
        wanted = phrase.strip().lower()
        return next((path for p, path in self.category_phrases if p == wanted), None)


def _resolve(paths: set[str]) -> str | None:
    """One category for a phrase several name: the most specific on one branch, else the
    top level ("toys" is Toys & Games, not Baby > Toys), else none (the phrase is ambiguous)."""
    specific = {p for p in paths if not any(o.startswith(p + " >") for o in paths)}
    if len(specific) == 1:
        return specific.pop()
    top_level = [p for p in paths if ">" not in p]
    return top_level[0] if len(top_level) == 1 else None


IRREGULAR_SINGULARS = {"knives": "knife", "shelves": "shelf", "leaves": "leaf", "jeans": "jeans"}
AUDIENCE_NAMES = frozenset(w for words in AUDIENCE_WORDS.values() for w in words)


def singular(word: str) -> str:
    if word in IRREGULAR_SINGULARS:
        return IRREGULAR_SINGULARS[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def category_phrases(path: str) -> set[str]:
    """Ways a shopper names a category: "Shoes > Running" gives "running shoes", "running shoe".

    A leaf alone names the category unless it is an activity ("Running", "Hiking": those are
    kinds of shoes, not products) or an audience ("Kids"), which other parsers read.
    """
    levels = [level.strip().lower() for level in path.split(">") if level.strip()]
    split = re.compile(r"\s*(?:&|,|/| and )\s*")
    leaf_words = [w for w in split.split(levels[-1]) if w]
    parent_words = [w for w in split.split(levels[-2]) if w] if len(levels) > 1 else []
    phrases: set[str] = set()
    for word in leaf_words:
        for parent_word in parent_words:
            phrases |= {f"{word} {parent_word}", f"{word} {singular(parent_word)}"}
        if not word.endswith("ing") and word not in AUDIENCE_NAMES:
            phrases |= {word, singular(word), word.removesuffix("s")}  # "hoodies": "hoodie"
    return {p for p in phrases if len(p) > 2}


@dataclass
class ParsedMessage:
    """What code read in a message: the slots, and the `keywords` it could not place."""

    text: str
    slots: Slots = field(default_factory=Slots)
    keywords: list[str] = field(default_factory=list)
    wants_reset: bool = False
    is_greeting: bool = False

    @property
    def has_constraints(self) -> bool:
        """Anything that narrows a search, besides the product kind itself."""
        s = self.slots
        return bool(
            s.price_min is not None or s.price_max is not None or s.price_direction
            or s.colours or s.excluded_colours or s.sizes or s.brands or s.excluded_brands
            or s.audience or s.materials or s.excluded_materials or s.features
            or s.min_rating is not None or s.excluded_terms
        )

    @property
    def mentions_gift(self) -> bool:
        return self.slots.occasion == "gift"


def _money(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


class _Scanner:
    """Finds patterns in a message and blanks out what was consumed."""

    def __init__(self, text: str) -> None:
        self.rest = " " + text + " "

    def take(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        matches = list(pattern.finditer(self.rest))
        for match in reversed(matches):
            start, end = match.span()
            self.rest = self.rest[:start] + " " * (end - start) + self.rest[end:]
        return matches

    def take_words(self, words: dict[str, str] | tuple[str, ...]) -> list[str]:
        """Whole-word matches, longest phrases first; returns the mapped values found."""
        found = []
        for word in sorted(words, key=len, reverse=True):
            if self.take(re.compile(_word_pattern(word))):
                found.append(words[word] if isinstance(words, dict) else word)
        return found


def _word_pattern(phrase: str) -> str:
    return r"(?<![\w'])" + re.escape(phrase) + r"(?![\w'])"


def parse_message(text: str, vocabulary: CatalogVocabulary) -> ParsedMessage:
    """Read every slot code can be sure of; what is left over becomes `keywords`."""
    lowered = text.lower().replace("\u2019", "'")  # typographic apostrophe
    parsed = ParsedMessage(text=text, is_greeting=bool(GREETING.match(lowered)))
    slots, scan = parsed.slots, _Scanner(lowered)
    parsed.wants_reset = bool(scan.take_words(RESET_PHRASES))
    for match in scan.take(ORDER_NUMBER):
        slots.order_number = (match.group(1) or match.group(2)).upper()
    _parse_policy_and_sentiment(scan, slots)
    _parse_references(scan, slots)
    _parse_sizes(scan, slots)
    for match in scan.take(MIN_RATING):
        slots.min_rating = Decimal(match.group(1))
    _parse_prices(scan, slots)
    _parse_quantity(scan, slots)
    _parse_named(scan, {b.lower(): b for b in vocabulary.brands}, slots.brands,
                 slots.excluded_brands)
    _parse_named(scan, COLOUR_WORDS, slots.colours, slots.excluded_colours)
    _parse_named(scan, MATERIAL_WORDS, slots.materials, slots.excluded_materials)
    for phrase, path in vocabulary.category_phrases:
        if scan.take(re.compile(_word_pattern(phrase))):
            slots.category = slots.category or path
    slots.features = scan.take_words(FEATURE_WORDS)
    slots.occasion = next(iter(scan.take_words(OCCASION_WORDS)), None)
    if slots.category and slots.occasion:  # "shoes for running" names "running shoes"
        narrower = vocabulary.category_of(f"{slots.occasion} {slots.category.split('>')[-1]}")
        slots.category = narrower if narrower and narrower.startswith(slots.category) \
            else slots.category
    slots.excluded_terms = [m.group(1) for m in scan.take(NEGATED_TERM)]
    for audience, words in AUDIENCE_WORDS.items():
        if scan.take_words(words):
            slots.audience = slots.audience or audience
    parsed.keywords = [
        w for w in re.findall(r"[a-z0-9][a-z0-9'-]*", scan.rest)
        if w not in STOPWORDS and not w.isdigit() and len(w) > 1
    ]
    return parsed


def _parse_policy_and_sentiment(scan: _Scanner, slots: Slots) -> None:
    for topic, words in POLICY_WORDS.items():
        if scan.take_words(words):
            slots.policy_topic = slots.policy_topic or topic
    for sentiment, words in SENTIMENT_WORDS.items():
        if scan.take_words(words):
            slots.sentiment = slots.sentiment or sentiment


def _parse_references(scan: _Scanner, slots: Slots) -> None:
    for pattern, kind in REFERENCES:
        for match in scan.take(pattern):
            value = match.group(1)
            if kind == "first_n":
                count = int(value) if value.isdigit() else NUMBER_WORDS[value]
                refs = [str(i) for i in range(1, count + 1)]
            elif kind == "ordinal":
                refs = ["last" if value == "last" else str(ORDINALS[value])]
            elif kind == "number":
                refs = [value]
            else:
                refs = [kind]
            slots.references += [r for r in refs if r not in slots.references]


def _parse_sizes(scan: _Scanner, slots: Slots) -> None:
    for match in scan.take(SIZE_PATTERN):
        raw = next(g for g in match.groups() if g).lower()
        slots.sizes.append(SIZE_WORDS.get(raw, raw.upper()))


def _parse_prices(scan: _Scanner, slots: Slots) -> None:
    for pattern, kind in PRICE_PATTERNS:
        for match in scan.take(pattern):
            values = [_money(g) for g in match.groups() if g]
            if kind == "range":
                slots.price_min, slots.price_max = min(values), max(values)
            elif kind == "max":
                slots.price_max = values[0]
            elif kind == "min":
                slots.price_min = values[0]
            else:
                slots.price_min = (values[0] * (1 - AROUND_TOLERANCE)).quantize(Decimal("1"))
                slots.price_max = (values[0] * (1 + AROUND_TOLERANCE)).quantize(Decimal("1"))
    if scan.take(CHEAPER):
        slots.price_direction = PriceDirection.CHEAPER
    elif scan.take(PRICIER):
        slots.price_direction = PriceDirection.PRICIER


def _parse_quantity(scan: _Scanner, slots: Slots) -> None:
    for match in scan.take(QUANTITY):
        raw = next(g for g in match.groups() if g)
        slots.quantity = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]


def _parse_named(scan: _Scanner, names: dict[str, str], wanted: list[str],
                 excluded: list[str]) -> None:
    """Brands, colours or materials, each either wanted or (after a negation) excluded."""
    for word in sorted(names, key=len, reverse=True):
        negated = re.compile(rf"\b{NEGATION}\s+(?:\w+\s+)?{_word_pattern(word)}")
        if scan.take(negated):
            excluded.append(names[word])
        elif scan.take(re.compile(_word_pattern(word))):
            wanted.append(names[word])
