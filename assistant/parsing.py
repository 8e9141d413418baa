"""Deterministic parsers: prices, colours, sizes, audiences, brands and catalog categories.

Everything here is plain code over regular expressions and the catalog's own vocabulary, so it
is exact where models are weak (numbers, negations) and runs in microseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

COLOUR_WORDS = {
    "black": "black", "white": "white", "grey": "grey", "gray": "grey", "navy": "navy",
    "blue": "blue", "red": "red", "green": "green", "pink": "pink", "purple": "purple",
    "brown": "brown", "beige": "beige", "tan": "beige", "yellow": "yellow", "orange": "orange",
    "silver": "silver", "gold": "gold", "multicolour": "multicolour", "multicolor": "multicolour",
}
AUDIENCE_WORDS = {
    "men": ("men", "men's", "mens", "man", "male", "him", "guy", "guys", "husband", "dad",
            "father", "boyfriend", "brother", "gentleman", "gentlemen"),
    "women": ("women", "women's", "womens", "woman", "ladies", "lady", "female", "her", "wife",
              "mom", "mum", "mother", "girlfriend", "sister"),
    "kids": ("kids", "kid's", "kid", "children", "child", "toddler", "boy", "girl", "boys",
             "girls", "son", "daughter", "baby"),
    "unisex": ("unisex",),
}
RESET_PHRASES = ("start over", "start again", "reset", "new search", "forget that",
                 "forget it", "clear everything", "from scratch")
GREETING = re.compile(r"^\s*(hi|hello|hey|hiya|howdy|good (morning|afternoon|evening))\b[\s!.,]*"
                      r"(there)?[\s!.,]*$", re.IGNORECASE)
CHEAPER = re.compile(r"\b(cheaper|less expensive|more affordable|lower price[sd]?|"
                     r"budget|cheapest|inexpensive|too (expensive|pricey))\b", re.I)
PRICIER = re.compile(r"\b(pricier|more expensive|higher[- ]end|premium|fancier|better quality)\b",
                     re.I)
NEGATION = r"(?:not|no|non|except|without|excluding|anything but|other than|don't want|avoid)"
STOPWORDS = frozenset((
    "a", "an", "the", "i", "i'm", "im", "me", "my", "we", "our", "you", "your", "please", "pls",
    "show", "find", "get", "want", "wanted", "need", "needs", "looking", "look", "search",
    "for", "some", "something", "any", "anything", "with", "in", "on", "of", "to", "and", "or",
    "but", "is", "are", "be", "it", "its", "that", "this", "those", "these", "one", "ones",
    "can", "could", "would", "like", "do", "does", "have", "has", "got", "there", "here",
    "just", "also", "instead", "maybe", "really", "very", "more", "less", "thing", "things",
    "stuff", "item", "items", "buy", "buying", "price", "priced", "cost", "costs", "dollars",
    "dollar", "bucks", "usd", "around", "about", "under", "over", "below", "above", "between",
    "from", "than", "up", "at", "most", "least", "max", "min", "maximum", "minimum", "budget",
    "gift", "gifts", "present", "presents", "idea", "ideas", "what", "which", "who", "good",
    "nice", "new", "size", "sizes", "colour", "color", "not", "too", "let", "see", "give",
    "recommend", "recommendation", "likes", "loves", "love", "enjoys", "enjoy", "into", "wants",
    "suggest", "hey", "hi", "hello", "thanks", "thank", "ok", "okay",
))
NEGATED_TERM = re.compile(rf"\b{NEGATION}\s+(?:too|so|very|really|overly|any)?\s*([a-z][a-z-]+)")
GIFT_WORDS = re.compile(r"\b(gifts?|presents?|birthday|christmas|anniversary)\b", re.I)

MONEY = r"[$€£₹]?\s?(\d+(?:[.,]\d{1,2})?)\s?(?:k\b)?\s?(?:dollars?|bucks|usd|eur|euros?|inr)?"
PRICE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b(?:between|from)\s+{MONEY}\s*(?:and|to|-)\s*{MONEY}", re.I), "range"),
    (re.compile(r"(?<![\w.])[$€£₹]\s?(\d+(?:\.\d{1,2})?)\s*(?:-|to)\s*[$€£₹]?\s?"
                r"(\d+(?:\.\d{1,2})?)", re.I), "range"),
    (re.compile(rf"(?:\b(?:under|below|less than|cheaper than|at most|up to|upto|max(?:imum)?|"
                rf"no more than|within|not more than|not over)|<=?)\s*{MONEY}", re.I), "max"),
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
    r"|\b(xxs|xs|xl|xxl|xxxl)\b", re.I)
SIZE_WORDS = {"small": "S", "medium": "M", "large": "L", "extra large": "XL"}
AROUND_TOLERANCE = Decimal("0.2")


class PriceDirection(StrEnum):
    CHEAPER = "cheaper"
    PRICIER = "pricier"


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
    """What code can read in a message with certainty; `keywords` are the words left over."""

    text: str
    category: str | None = None
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    price_direction: PriceDirection | None = None
    colours: list[str] = field(default_factory=list)
    excluded_colours: list[str] = field(default_factory=list)
    sizes: list[str] = field(default_factory=list)
    brands: list[str] = field(default_factory=list)
    excluded_brands: list[str] = field(default_factory=list)
    audience: str | None = None
    keywords: list[str] = field(default_factory=list)
    excluded_terms: list[str] = field(default_factory=list)
    wants_reset: bool = False
    is_greeting: bool = False
    mentions_gift: bool = False

    @property
    def has_constraints(self) -> bool:
        """Anything that narrows a search, besides the product kind itself."""
        return bool(
            self.price_min is not None or self.price_max is not None or self.price_direction
            or self.colours or self.excluded_colours or self.sizes or self.brands
            or self.excluded_brands or self.audience
        )


def _money(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


class _Scanner:
    """Finds patterns in a message and blanks out what was consumed."""

    def __init__(self, text: str) -> None:
        self.rest = " " + text + " "

    def take(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        matches = list(pattern.finditer(self.rest))
        for match in matches:
            start, end = match.span()
            self.rest = self.rest[:start] + " " * (end - start) + self.rest[end:]
        return matches


def _word_pattern(phrase: str) -> str:
    return r"(?<![\w'])" + re.escape(phrase) + r"(?![\w'])"


def parse_message(text: str, vocabulary: CatalogVocabulary) -> ParsedMessage:
    """Read prices, colours, sizes, audience, brands, category and negations from a message."""
    lowered = text.lower().replace("\u2019", "'")  # typographic apostrophe
    parsed = ParsedMessage(text=text)
    scan = _Scanner(lowered)
    parsed.wants_reset = bool(scan.take(re.compile(
        "|".join(_word_pattern(p) for p in RESET_PHRASES))))
    parsed.is_greeting = bool(GREETING.match(lowered))
    parsed.mentions_gift = bool(GIFT_WORDS.search(lowered))
    _parse_sizes(scan, parsed)
    _parse_prices(scan, parsed)
    _parse_named(scan, parsed, {b.lower(): b for b in vocabulary.brands}, "brands")
    _parse_named(scan, parsed, COLOUR_WORDS, "colours")
    for phrase, path in vocabulary.category_phrases:
        if scan.take(re.compile(_word_pattern(phrase))):
            parsed.category = parsed.category or path
    for match in scan.take(NEGATED_TERM):
        parsed.excluded_terms.append(match.group(1))
    for audience, words in AUDIENCE_WORDS.items():
        if scan.take(re.compile("|".join(_word_pattern(w) for w in words))):
            parsed.audience = parsed.audience or audience
    parsed.keywords = [
        w for w in re.findall(r"[a-z0-9][a-z0-9'-]*", scan.rest)
        if w not in STOPWORDS and not w.isdigit() and len(w) > 1
    ]
    return parsed


def _parse_sizes(scan: _Scanner, parsed: ParsedMessage) -> None:
    for match in scan.take(SIZE_PATTERN):
        raw = (match.group(1) or match.group(2)).lower()
        parsed.sizes.append(SIZE_WORDS.get(raw, raw.upper()))


def _parse_prices(scan: _Scanner, parsed: ParsedMessage) -> None:
    for pattern, kind in PRICE_PATTERNS:
        for match in scan.take(pattern):
            values = [_money(g) for g in match.groups() if g]
            if kind == "range":
                parsed.price_min, parsed.price_max = min(values), max(values)
            elif kind == "max":
                parsed.price_max = values[0]
            elif kind == "min":
                parsed.price_min = values[0]
            else:
                parsed.price_min = (values[0] * (1 - AROUND_TOLERANCE)).quantize(Decimal("1"))
                parsed.price_max = (values[0] * (1 + AROUND_TOLERANCE)).quantize(Decimal("1"))
    if scan.take(CHEAPER):
        parsed.price_direction = PriceDirection.CHEAPER
    elif scan.take(PRICIER):
        parsed.price_direction = PriceDirection.PRICIER


def _parse_named(scan: _Scanner, parsed: ParsedMessage, names: dict[str, str], slot: str) -> None:
    """Brands or colours, each either wanted or (after a negation) excluded."""
    for word in sorted(names, key=len, reverse=True):
        negated = re.compile(rf"\b{NEGATION}\s+(?:\w+\s+)?{_word_pattern(word)}")
        excluded_slot = getattr(parsed, f"excluded_{slot}")
        if scan.take(negated):
            excluded_slot.append(names[word])
        elif scan.take(re.compile(_word_pattern(word))):
            getattr(parsed, slot).append(names[word])
