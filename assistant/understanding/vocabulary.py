"""What the catalog knows, as the parser reads it: brands, and the phrases that name each
category — from the category paths themselves ("Shoes > Running" → "running shoes") and from
the nouns its product names end in ("… Dome Tent" → "tent" → Sports & Outdoors > Camping) —
plus spelling correction towards those words.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.understanding.choice_meaning_multilingual import ForeignChoiceMeanings
from assistant.understanding.facet_meaning import FacetMeanings
from assistant.understanding.facet_meaning_multilingual import ForeignFacetMeanings
from assistant.understanding.facet_reading import unit_words
from assistant.understanding.kind_meaning import KindMeanings
from assistant.understanding.kind_meaning_multilingual import ForeignKindMeanings
from assistant.understanding.languages import english_words
from assistant.understanding.lexicon import (
    AUDIENCE_WORDS,
    COLOUR_WORDS,
    FEATURE_WORDS,
    MATERIAL_WORDS,
    STOPWORDS,
    SYNONYMS,
)
from assistant.understanding.stemming import stem
from catalog.embedding import Embedder
from catalog.facets import FacetCatalog, FacetKind
from catalog.multilingual_embedding import shared_multilingual_embedder

IRREGULAR_SINGULARS = {"knives": "knife", "shelves": "shelf", "leaves": "leaf", "jeans": "jeans"}
AUDIENCE_NAMES = frozenset(w for words in AUDIENCE_WORDS.values() for w in words)
LEVEL_SPLIT = re.compile(r"\s*(?:&|,|/| and )\s*")
NAME_TAIL = re.compile(  # what follows a name's product noun: "… Paper, 8.5 x 11 | 500 Sheets"
    r"\s+(?:with|for|in|by|-|\u2013)\s.*$|\s*(?:\(|,\s|\|).*$",
    re.I,  # not "10,000mAh"
)
NOUN_MIN_PRODUCTS, NOUN_MIN_SHARE = 2, 0.75
TYPO_MIN_LENGTH = 4
DESCRIPTION_SHARE = 0.2  # a word in more descriptions than this says nothing distinctive


@dataclass(frozen=True)
class CatalogVocabulary:
    brands: tuple[str, ...] = ()
    category_phrases: tuple[tuple[str, str], ...] = ()  # (phrase, category path), longest first
    known_words: frozenset[str] = field(default_factory=frozenset)  # for spelling correction
    facets: FacetCatalog = field(default_factory=FacetCatalog)
    facet_phrases: tuple[str, ...] = ()  # yes/no keys of several words: "fragrance free"
    unit_words: Mapping[str, str] = field(default_factory=dict)  # "inch" → "in" (`facets`)
    catalog_stems: frozenset[str] = frozenset()  # stems of names, categories, brands, values
    described_stems: frozenset[str] = frozenset()  # distinctive words of descriptions only
    meanings: FacetMeanings | None = field(default=None, compare=False)  # needs an embedder
    kinds: KindMeanings | None = field(default=None, compare=False)  # needs an embedder
    choices: ForeignChoiceMeanings | None = field(default=None, compare=False)  # zh/es/fr values

    @classmethod
    def from_catalog(
        cls,
        brands: Iterable[str],
        categories: Iterable[str],
        products: Iterable[tuple[str, str]] = (),
        attributes: Iterable[tuple[str, Mapping[str, Any] | None]] = (),
        embedder: Embedder | None = None,
        descriptions: Iterable[str] = (),
        multilingual: Embedder | None = None,
    ) -> CatalogVocabulary:
        """From brand names, category paths, (product name, category path) pairs,
        (category path, attributes) pairs and product descriptions (their distinctive words
        count as the catalog's: "thriller", "crime"); with an `embedder`, kinds and yes/no
        attributes are also read by meaning (`kind_meaning`, `facet_meaning`), and both, with
        choice values, in Chinese, Spanish and French with the `multilingual` embedder (by
        default the shared one of `catalog.multilingual_embedding`, loaded at the first such
        message)."""
        categories = set(categories)
        products, attributes = list(products), list(attributes)
        facets = FacetCatalog.derive(attributes)
        texts = [*categories, *brands, *(name for name, _ in products)]
        texts += [
            f"{key.replace('_', ' ')} {value}"
            for _, values in attributes
            for key, value in (values or {}).items()
            if isinstance(value, str | bool)
        ]
        candidates: dict[str, set[str]] = defaultdict(set)
        for path in categories | {c.split(">")[0].strip() for c in categories}:
            for phrase in category_phrases(path):
                candidates[phrase].add(path)
        resolved = {phrase: _resolve(options) for phrase, options in candidates.items()}
        phrases = {phrase: path for phrase, path in resolved.items() if path}
        for phrase, noun_path in product_nouns(products).items():
            phrases.setdefault(phrase, noun_path)
        ordered = tuple(sorted(phrases.items(), key=lambda item: (-len(item[0]), item[0])))
        brands = tuple(sorted(set(brands), key=len, reverse=True))
        words = {w for phrase, _ in ordered for w in phrase.split()}
        words |= {w for b in brands for w in b.lower().split()} | set(COLOUR_WORDS)
        words |= {w for w in (*FEATURE_WORDS, *MATERIAL_WORDS) if " " not in w}
        for facet in facets.facets.values():  # "lugs" is no slip of "plugs" beside `lug_depth_mm`
            words |= {w for v in (*facet.values, *facet.words) for w in v.lower().split()}
            words |= {plural(w) for w in facet.words}
        facet_phrases = {
            sep.join(f.words)
            for f in facets.facets.values()
            if f.kind is FacetKind.YES_NO and len(f.words) > 1
            for sep in (" ", "-")
        }
        return cls(
            brands,
            ordered,
            frozenset(w for w in words if len(w) >= TYPO_MIN_LENGTH),
            facets,
            tuple(sorted(facet_phrases, key=len, reverse=True)),
            unit_words(facets),
            _stems(texts) if products else frozenset(),
            described_stems=distinctive_stems(descriptions),
            meanings=None if embedder is None else _facet_meanings(facets, embedder, multilingual),
            kinds=None
            if embedder is None
            else _kinds(ordered, embedder, multilingual, words, products),
            choices=None if embedder is None else _choices(facets, multilingual),
        )

    def knows(self, word: str) -> bool:
        """Whether the catalog uses the word (its stem) in a product name, a category, a brand,
        an attribute or distinctively in descriptions; every word counts for a vocabulary built
        without products."""
        return self.names(word) or stem(word) in self.described_stems

    def names(self, word: str) -> bool:
        """Whether a product name, a category, a brand or an attribute uses the word: what a
        product can be told apart by ("not too sporty"; not "it does not matter")."""
        if word in STOPWORDS:
            return False
        return not self.catalog_stems or stem(word) in self.catalog_stems

    def category_of(self, phrase: str) -> str | None:
        """The category a whole phrase names, if any."""
        wanted = phrase.strip().lower()
        return next((path for p, path in self.category_phrases if p == wanted), None)

    def normalise(self, text: str) -> str:
        """Lower-case, synonyms replaced ("kicks" → "sneakers"), misspellings corrected
        ("runnign" → "running") towards words the catalog uses."""

        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            if word in SYNONYMS:
                return SYNONYMS[word]
            if (
                len(word) < TYPO_MIN_LENGTH
                or word in STOPWORDS
                or word in self.known_words
                or word in english_words()
            ):
                return word
            return next((known for known in self.known_words if _slip_of(word, known)), word)

        return re.sub(r"[a-z][a-z'-]*", fix, text.lower().replace("\u2019", "'"))


def _kinds(
    phrases: tuple[tuple[str, str], ...],
    embedder: Embedder,
    multilingual: Embedder | None,
    catalog_words: set[str],
    products: Sequence[tuple[str, str]] = (),
) -> KindMeanings:
    """Kinds read by meaning; in other languages too when a multilingual embedder is at hand
    (with the `products`' names as more evidence of each category)."""
    multilingual = multilingual or shared_multilingual_embedder()
    foreign = None
    if multilingual is not None:
        known = english_words() | frozenset(catalog_words)
        foreign = ForeignKindMeanings(phrases, multilingual, known, products)
    return KindMeanings(phrases, embedder, foreign)


def _facet_meanings(
    facets: FacetCatalog, embedder: Embedder, multilingual: Embedder | None
) -> FacetMeanings:
    """Yes/no keys read by meaning; in other languages too when a multilingual embedder is at
    hand."""
    multilingual = multilingual or shared_multilingual_embedder()
    foreign = None if multilingual is None else ForeignFacetMeanings(facets, multilingual)
    return FacetMeanings(facets, embedder, foreign)


def _choices(facets: FacetCatalog, multilingual: Embedder | None) -> ForeignChoiceMeanings | None:
    """Choice values read by meaning in other languages, when a multilingual embedder is at
    hand."""
    multilingual = multilingual or shared_multilingual_embedder()
    return None if multilingual is None else ForeignChoiceMeanings(facets, multilingual)


def _stems(texts: Iterable[str]) -> frozenset[str]:
    return frozenset(stem(w) for text in texts for w in re.findall(r"[a-z0-9]+", text.lower()))


def distinctive_stems(descriptions: Iterable[str]) -> frozenset[str]:
    """Stems of the description words that tell products apart: in at most
    `DESCRIPTION_SHARE` of the descriptions ("thriller", not "quality" or "have")."""
    counts: Counter[str] = Counter()
    total = 0
    for text in descriptions:
        total += 1
        counts.update(_stems([text or ""]))
    limit = max(1, int(total * DESCRIPTION_SHARE))
    return frozenset(s for s, n in counts.items() if n <= limit and s not in STOPWORDS)


def _slip_of(typed: str, known: str) -> bool:
    """A slip of the keyboard: one letter missing, one extra, or two swapped ("blak",
    "runnign"). One letter *replaced* is not counted: too many real words are one
    replacement apart ("weather", "leather")."""
    if abs(len(typed) - len(known)) > 1 or typed == known:
        return False
    if len(typed) == len(known):
        diffs = [i for i, (a, b) in enumerate(zip(typed, known, strict=True)) if a != b]
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and typed[diffs[0]] == known[diffs[1]]
            and typed[diffs[1]] == known[diffs[0]]
        )
    shorter, longer = sorted((typed, known), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _resolve(paths: set[str]) -> str | None:
    """One category for a phrase several name: the most specific on one branch, else the
    top level ("toys" is Toys & Games, not Baby > Toys), else none (the phrase is ambiguous)."""
    specific = {p for p in paths if not any(o.startswith(p + " >") for o in paths)}
    if len(specific) == 1:
        return specific.pop()
    top_level = [p for p in paths if ">" not in p]
    return top_level[0] if len(top_level) == 1 else None


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


def plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word if word.endswith("s") else word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith("fe"):
        return word[:-2] + "ves"
    return word + "s"


def category_phrases(path: str) -> set[str]:
    """Ways a shopper names a category: "Shoes > Running" gives "running shoes", "running shoe".

    A leaf alone names the category unless it is an activity ("Running", "Hiking": kinds of
    shoes, not products; the occasion parser reads them; "camping gear" does name one) or an
    audience ("Kids").
    """
    levels = [level.strip().lower() for level in path.split(">") if level.strip()]
    leaf_words = [w for w in LEVEL_SPLIT.split(levels[-1]) if w]
    parent_words = [w for w in LEVEL_SPLIT.split(levels[-2]) if w] if len(levels) > 1 else []
    phrases: set[str] = set()
    for word in leaf_words:
        for parent_word in parent_words:
            phrases |= {f"{word} {parent_word}", f"{word} {singular(parent_word)}"}
        if not word.endswith("ing") and word not in AUDIENCE_NAMES:
            phrases |= {word, singular(word), word.removesuffix("s")}  # "hoodies": "hoodie"
        elif word.endswith("ing"):
            phrases |= {f"{word} gear", f"{word} equipment"}  # "camping gear"
    return {p for p in phrases if len(p) > 2}


def product_nouns(products: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Phrases product names end in ("tent", "dome tent"; "socks" of "… Socks 3-Pack") that
    point at one category.

    A phrase counts when at least two products end in it and three in four of those are in
    the same category; both singular and plural forms are returned.
    """
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for name, category in products:
        words = _without_pack_size(NAME_TAIL.sub("", name).lower().split())
        for size in (1, 2):
            if len(words) > size:
                counts[singular(" ".join(words[-size:]))][category] += 1
    nouns: dict[str, str] = {}
    for phrase, by_category in counts.items():
        category, hits = by_category.most_common(1)[0]
        total = sum(by_category.values())
        head = phrase.split()[-1]
        if (
            total >= NOUN_MIN_PRODUCTS
            and hits / total >= NOUN_MIN_SHARE
            and len(head) > 2
            and head not in STOPWORDS
            and head not in COLOUR_WORDS
            and not any(ch.isdigit() for ch in phrase)
        ):
            stem = phrase.rsplit(" ", 1)[0] + " " if " " in phrase else ""
            nouns |= {phrase: category, stem + plural(head): category}
    return nouns


def _without_pack_size(words: list[str]) -> list[str]:
    """A name's words without a trailing pack or size: "socks 3-pack", "toilette 100 ml"."""
    while words and (
        any(ch.isdigit() for ch in words[-1])
        or (len(words) > 1 and len(words[-1]) <= 3 and any(ch.isdigit() for ch in words[-2]))
    ):
        words = words[:-1]
    return words
