"""Descriptions of a request and of why a product fits it, written by code.

English builds a noun phrase ("men's black running shoes under $100"); Chinese, Spanish and
French name the kind as the catalog does and list the conditions after it in their own words
("running shoes (para hombre, negro, menos de 100 US$)").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from assistant.facts.facet_phrases import facet_words
from assistant.facts.money import format_limit
from assistant.translation.lists import both, either, series
from assistant.translation.speaking import N_, SOURCE, _, language, ngettext
from assistant.understanding.lexicon import FEATURE_WORDS, OCCASION_WORDS
from assistant.understanding.stemming import stem
from assistant.understanding.vocabulary import plural, singular
from catalog.models import Product
from catalog.request import SearchRequest

FEATURE_TERMS = frozenset(FEATURE_WORDS.values())
UNDERSTOOD_TERMS = FEATURE_TERMS | frozenset(OCCASION_WORDS.values())
PERSONS = re.compile(r"\d+-person")
AUDIENCE_LABELS = {"men": "men's", "women": "women's", "kids": "kids'", "unisex": "unisex"}
AUDIENCE_PHRASES = {  # the audience as a condition, in the languages that list conditions
    "men": N_("for men"),
    "women": N_("for women"),
    "kids": N_("for kids"),
    "unisex": N_("unisex"),
}
COLOUR_NAMES = (  # the lexicon's colours, for translators; a catalog's other colours stay
    N_("black"), N_("white"), N_("grey"), N_("navy"), N_("blue"), N_("red"), N_("green"),
    N_("pink"), N_("purple"), N_("brown"), N_("beige"), N_("yellow"), N_("orange"),
    N_("silver"), N_("gold"), N_("multicolour"),
)  # fmt: skip


TERM_NAMES = (  # the lexicon's feature and occasion words, for translators
    N_("adjustable"), N_("beach"), N_("birthday"), N_("bluetooth"), N_("breathable"),
    N_("camping"), N_("christmas"), N_("cordless"), N_("cushioned"), N_("date"),
    N_("dishwasher-safe"), N_("dot-grid"), N_("ergonomic"), N_("everyday"), N_("foldable"),
    N_("fragrance-free"), N_("gift"), N_("grain-free"), N_("gym"), N_("hiking"), N_("hooded"),
    N_("hypoallergenic"), N_("induction-compatible"), N_("insulated"), N_("lightweight"),
    N_("long-lasting"), N_("long-sleeve"), N_("machine-washable"), N_("noise-cancelling"),
    N_("non-slip"), N_("non-stick"), N_("organic"), N_("packable"), N_("party"), N_("plain"),
    N_("polarized"), N_("portable"), N_("rain"), N_("rechargeable"), N_("reflective"),
    N_("running"), N_("scented"), N_("school"), N_("short-sleeve"), N_("sleeveless"),
    N_("slim-fit"), N_("solar"), N_("striped"), N_("sulfate-free"), N_("summer"), N_("trail"),
    N_("travel"), N_("usb-c"), N_("vegan"), N_("water-resistant"), N_("waterproof"), N_("wedding"),
    N_("wide-fit"), N_("windproof"), N_("winter"), N_("wireless"), N_("work"),
)  # fmt: skip


def category_label(path: str) -> str:
    """ "Shoes > Running" → "running shoes"; "Garden > Lighting" → "garden lighting";
    "Electronics > Headphones" → "headphones"; "Sports & Outdoors > Camping" → "camping
    gear"; "Beauty > Skincare" → "skincare"."""
    levels = [level.strip().lower() for level in path.split(">")]
    leaf, parent = levels[-1], levels[-2] if len(levels) > 1 else ""
    if not parent or leaf.endswith("s") or not leaf.endswith("ing"):
        return leaf
    if " " in parent:
        return f"{leaf} gear"
    return f"{leaf} {parent}" if parent.endswith("s") else f"{parent} {leaf}"  # "baby clothing"


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
        return _("between {low} and {high}").format(
            low=format_limit(low, currency), high=format_limit(high, currency)
        )
    if high is not None:
        return _("under {price}").format(price=format_limit(high, currency))
    if low is not None:
        return _("over {price}").format(price=format_limit(low, currency))
    return ""


def colour_name(colour: str) -> str:
    """A colour in the language being spoken, when the catalogs have it ("noir")."""
    return _(colour) if colour in COLOUR_NAMES else colour


def term_name(term: str) -> str:
    """A lexicon feature or occasion word in the language being spoken ("impermeable")."""
    return _(term) if term in TERM_NAMES else term


def names_nothing(request: SearchRequest) -> bool:
    """Whether a description of the request would only say "products": no kind, nothing
    understood, no condition."""
    with_kind = request.category or request.kind_words
    return not with_kind and _conditions(request) == [] and not _understood(request, "")


def describe_request(request: SearchRequest, one: bool = False) -> str:
    """E.g. "men's black trail running shoes under $100, drop 8 mm or more, not Nike".

    Built from what was understood — kind, audience, colours, brands, feature words, facets,
    limits — never from the message's leftover words; `one` names the kind in the singular.
    """
    kind = category_label(request.category) if request.category else "products"
    if request.kind_words:
        kind = plural(request.kind_words[0])
    if language() != SOURCE:
        return _listed(request, kind)
    if one:  # "1 desk lamp"
        kind = " ".join([*kind.split()[:-1], singular(kind.split()[-1])])
    facets = [facet_words(f) for f in request.facets]
    words = [
        AUDIENCE_LABELS.get(request.audience or "", ""),
        " or ".join(request.colours),
        " ".join(request.brands),
        " ".join(_understood(request, kind)),
        " ".join(f.before for f in facets if f.before),
        kind,
    ]
    text = " ".join(w for w in words if w)
    return ", ".join([text, *_conditions(request)]).replace(", under", " under")


def _listed(request: SearchRequest, kind: str) -> str:
    """The kind as the catalog names it, then every condition in the language being spoken:
    "running shoes (para hombre, negro, menos de 100 US$)"."""
    facets = [facet_words(f) for f in request.facets]
    details = [
        _(AUDIENCE_PHRASES[request.audience]) if request.audience in AUDIENCE_PHRASES else "",
        either([colour_name(c) for c in request.colours]),
        " ".join(request.brands),
        *(term_name(t) for t in _understood(request, kind)),
        *(term_name(f.before) for f in facets if f.before),
        *_conditions(request),
    ]
    details = [d for d in details if d]
    shown = kind if kind != "products" else _("products")
    return _("{kind} ({details})").format(kind=shown, details=both(details)) if details else shown


def _understood(request: SearchRequest, kind: str) -> list[str]:
    """The feature and occasion words the parser placed, not already in the kind."""
    return [t for t in request.terms if is_understood_term(t) and t not in kind.split()]


def _conditions(request: SearchRequest) -> list[str]:
    """The conditions said after the kind: limits, numeric facets, sizes, materials, rating,
    exclusions."""
    facets = [facet_words(f) for f in request.facets]
    extras = [price_phrase(request), *(f.after for f in facets if f.after)]
    if request.sizes:
        extras.append(_("in size {sizes}").format(sizes=either(request.sizes)))
    if request.materials:
        extras.append(_("in {materials}").format(materials=either(request.materials)))
    if request.min_rating is not None:
        extras.append(_("rated {rating}+").format(rating=request.min_rating))
    excluded = [
        *request.excluded_brands,
        *(colour_name(c) for c in request.excluded_colours),
        *request.excluded_materials,
        *request.excluded_terms,
    ]
    if excluded:
        extras.append(_("not {excluded}").format(excluded=either(excluded)))
    return [e for e in extras if e]


def is_understood_term(term: str) -> bool:
    """A ranking word the parser placed (a feature, an occasion, "4-person"), not a leftover."""
    return term in UNDERSTOOD_TERMS or PERSONS.fullmatch(term) is not None


def shoppers(count: int) -> str:
    return ngettext("{count} shopper", "{count} shoppers", count).format(count=count)


def rated_by(rating: float, count: int) -> str:
    """ "rated 4.5/5 by 12 shoppers"."""
    return _("rated {rating}/5 by {shoppers}").format(
        rating=f"{rating:.1f}", shoppers=shoppers(count)
    )


def fit_facts(product: Product, request: SearchRequest) -> list[str]:
    """The shopper's constraints this product meets, in words."""
    facts = []
    if request.audience and product.audience:
        audience = AUDIENCE_LABELS.get(product.audience, product.audience)
        facts.append(
            audience
            if language() == SOURCE
            else _(AUDIENCE_PHRASES.get(product.audience, audience))
        )
    if request.colours and product.colour:
        facts.append(colour_name(product.colour))
    if request.sizes:
        sizes = "/".join(s for s in request.sizes if s in product.size_list)
        facts.append(_("size {sizes}").format(sizes=sizes))
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
        facts.append(rated_by(product.rating, product.review_count))
    elif request.terms and not facts:
        facts.append(_("closest match to {words}").format(words=" ".join(request.terms)))
    if personal:
        facts.append(personal)
    if not facts:
        return _("A popular pick in this category")
    return _("Fits: {facts}").format(facts=series(facts))
