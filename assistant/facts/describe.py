"""Plain-English descriptions of a request and of why a product fits it, written by code."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from assistant.facts.facet_phrases import facet_words
from assistant.facts.money import format_limit
from assistant.understanding.lexicon import FEATURE_WORDS, OCCASION_WORDS
from assistant.understanding.stemming import stem
from assistant.understanding.vocabulary import plural, singular
from catalog.models import Product
from catalog.request import SearchRequest

FEATURE_TERMS = frozenset(FEATURE_WORDS.values())
UNDERSTOOD_TERMS = FEATURE_TERMS | frozenset(OCCASION_WORDS.values())
PERSONS = re.compile(r"\d+-person")
AUDIENCE_LABELS = {"men": "men's", "women": "women's", "kids": "kids'", "unisex": "unisex"}


def category_label(path: str) -> str:
    """ "Shoes > Running" → "running shoes"; "Electronics > Headphones" → "headphones";
    "Sports & Outdoors > Camping" → "camping gear"; "Beauty > Skincare" → "skincare"."""
    levels = [level.strip().lower() for level in path.split(">")]
    leaf = levels[-1]
    if len(levels) == 1 or leaf.endswith("s") or not leaf.endswith("ing"):
        return leaf
    return f"{leaf} {levels[-2]}" if " " not in levels[-2] else f"{leaf} gear"


def borne_out_by_all(request: SearchRequest, products: Sequence[Product]) -> SearchRequest:
    """The request as an introduction may state it of `products`: free words only where every
    product's own text bears them out ("4-person tents" only when all are 4-person)."""
    texts = [own_words(product) for product in products]
    kept = tuple(term for term in request.terms if all(word_stems(term) <= t for t in texts))
    return request if kept == request.terms else request.but(terms=kept)


def borne_out_by_none(request: SearchRequest, texts: Iterable[frozenset[str]]) -> tuple[str, ...]:
    """The feature words asked for (not occasions or leftovers) that none of the products' own words
    (`own_words`) bear out: a constraint the results do not meet, to be said."""
    texts = list(texts)
    return tuple(
        term
        for term in request.terms
        if term in FEATURE_TERMS and not any(word_stems(term) <= t for t in texts)
    )


def own_words(product: Product) -> frozenset[str]:
    """The stems of everything the catalog says of a product; a yes/no attribute's name only
    when it is yes ("wireless": false says nothing wireless)."""
    attributes = [
        f"{key.replace('_', ' ')} {'' if value is True else value}"
        for key, value in (product.attributes or {}).items()
        if value not in (False, None, "", 0)
    ]
    fields = (product.name, product.brand, product.category, product.colour, product.material)
    text = " ".join([*(f or "" for f in fields), product.description or "", *attributes])
    return word_stems(text)


def word_stems(text: str) -> frozenset[str]:
    """The stems of a text's words and numbers ("4-Person" → {"4", "person"})."""
    return frozenset(stem(word) for word in re.findall(r"[a-z0-9]+", text.lower()))


def whole_limits(request: SearchRequest) -> tuple[Decimal | None, Decimal | None]:
    """Limits in whole units, rounded outwards so they stay true: ≤ 44.94 is "under $45"."""
    low = None if request.price_min is None else request.price_min.to_integral_value(ROUND_FLOOR)
    high = None if request.price_max is None else request.price_max.to_integral_value(ROUND_CEILING)
    return low, high


def stated_limits(request: SearchRequest) -> frozenset[Decimal]:
    """Every form of the shopper's limits that a reply may repeat."""
    values = (request.price_min, request.price_max, *whole_limits(request))
    return frozenset(v for v in values if v is not None)


def price_phrase(request: SearchRequest, currency: str = "USD") -> str:
    low, high = whole_limits(request)
    if low is not None and high is not None:
        return f"between {format_limit(low, currency)} and {format_limit(high, currency)}"
    if high is not None:
        return f"under {format_limit(high, currency)}"
    if low is not None:
        return f"over {format_limit(low, currency)}"
    return ""


def describe_request(request: SearchRequest, one: bool = False) -> str:
    """E.g. "men's black trail running shoes under $100, drop 8 mm or more, not Nike".

    Built from what was understood — kind, audience, colours, brands, feature words, facets,
    limits — never from the message's leftover words; `one` names the kind in the singular.
    """
    facets = [facet_words(f) for f in request.facets]
    words = [
        AUDIENCE_LABELS.get(request.audience or "", ""),
        " or ".join(request.colours),
        " ".join(request.brands),
    ]
    kind = category_label(request.category) if request.category else "products"
    if request.kind_words:
        kind = plural(request.kind_words[0])
    if one:  # "1 desk lamp"
        kind = " ".join([*kind.split()[:-1], singular(kind.split()[-1])])
    understood = [t for t in request.terms if is_understood_term(t) and t not in kind.split()]
    words += [" ".join(understood), " ".join(f.before for f in facets if f.before), kind]
    text = " ".join(w for w in words if w)
    extras = [price_phrase(request), *(f.after for f in facets if f.after)]
    if request.sizes:
        extras.append("in size " + " or ".join(request.sizes))
    if request.materials:
        extras.append("in " + " or ".join(request.materials))
    if request.min_rating is not None:
        extras.append(f"rated {request.min_rating}+")
    excluded = [
        *request.excluded_brands,
        *request.excluded_colours,
        *request.excluded_materials,
        *request.excluded_terms,
    ]
    if excluded:
        extras.append("not " + " or ".join(excluded))
    return ", ".join([text, *[e for e in extras if e]]).replace(", under", " under")


def is_understood_term(term: str) -> bool:
    """A ranking word the parser placed (a feature, an occasion, "4-person"), not a leftover."""
    return term in UNDERSTOOD_TERMS or PERSONS.fullmatch(term) is not None


def shoppers(count: int) -> str:
    return f"{count} shopper{'s' if count != 1 else ''}"


def fit_facts(product: Product, request: SearchRequest) -> list[str]:
    """The shopper's constraints this product meets, in words."""
    facts = []
    if request.audience and product.audience:
        facts.append(AUDIENCE_LABELS.get(product.audience, product.audience))
    if request.colours and product.colour:
        facts.append(product.colour)
    if request.sizes:
        facts.append("size " + "/".join(s for s in request.sizes if s in product.size_list))
    if request.brands and product.brand:
        facts.append(product.brand)
    if request.materials and product.material:
        facts.append(product.material)
    phrase = price_phrase(request, product.currency)
    if phrase:
        facts.append(phrase)
    return facts


def fit_reason(product: Product, request: SearchRequest, personal: str | None = None) -> str:
    """Which of the shopper's constraints this product meets, how others rated it, and how it
    relates to the shopper's own history (`personal`, e.g. "similar to … you liked")."""
    facts = fit_facts(product, request)
    if product.rating is not None and product.review_count:
        facts.append(f"rated {product.rating:.1f}/5 by {shoppers(product.review_count)}")
    elif request.terms and not facts:
        facts.append("closest match to " + " ".join(request.terms))
    if personal:
        facts.append(personal)
    return "Fits: " + ", ".join(facts) if facts else "A popular pick in this category"
