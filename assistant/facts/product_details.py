"""The facts of one product a question is checked against, and how each reads.

A yes/no question is checked against the product's attributes through the facets the
question names (in the product's own polarity: "will it rust?" asks the opposite of
`rust_resistant`), its colour, material, sizes and audience; a value question finds the
attribute or field it names. Each fact reads as plain words written by code: "it is
dishwasher-safe", "laptop sleeve: 16 in", "gps: yes", "it comes in sizes S, M, L".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.facts.describe import colour_name
from assistant.facts.facet_phrases import facet_words, key_words
from assistant.translation.speaking import N_, _
from assistant.understanding.facet_reading import facet_stems
from assistant.understanding.lexicon import STOPWORDS
from assistant.understanding.product_question import ProductQuestion
from catalog.facets import filter_holds, key_unit, value_number, yes_or_no
from catalog.models import Product
from catalog.request import FacetFilter

UNIT_NAMES = {"c": "°C"}
IMITATION = r"(?:vegan|faux|fake|imitation|synthetic|pu)"  # "vegan leather" is no leather
WORD_NUMBERS = frozenset(("one", "two", "three", "four"))  # "two king": no size "two king"
FLIPPING = re.compile(r"resist|proof|free\b|less\b")  # key words that negate what they follow
NEEDING = re.compile(r"\b(?:need|needs|require|requires|required|have to|has to|must)\b", re.I)
MAX_VALUE_CHARS = 40  # a longer attribute value is text, not a detail to read out
FIELD_WORDS = {  # the product's own fields, as a question names them
    "colour": "colour color colours colors",
    "material": "material made fabric",
    "sizes": "size sizes sizing",
    "brand": "brand maker make",
}
MADE_FOR = {  # the catalog's audiences; another audience is named as the catalog has it
    "men": N_("it is made for men"),
    "women": N_("it is made for women"),
    "kids": N_("it is made for kids"),
    "unisex": N_("it is made for unisex"),
}


@dataclass(frozen=True)
class Fact:
    """One checked fact: whether it answers yes, and how it reads ("it is dishwasher-safe")."""

    yes: bool
    words: str


def checked_facts(product: Product, question: ProductQuestion) -> tuple[list[Fact], list[Fact]]:
    """The facts that answer a yes/no question, checked against what the product has: those
    it names (attributes whose every word it says, colours, materials, sizes), and those of
    attributes it only means ("can it go in the dishwasher" → `dishwasher_safe`)."""
    named: list[Fact] = []
    meant: list[Fact] = []
    attributes = product.attributes or {}
    said = set(facet_stems(question.text))
    for facet in question.facets:
        if facet.key in attributes:
            holds = filter_holds(facet, attributes[facet.key])
            if holds is not None:
                holds = holds != (
                    facet.value in ("true", "false") and inverted(facet.key, question)
                )
                fact = Fact(holds, _stored_words(facet, attributes[facet.key]))
                key_stems = set(facet_stems(key_words(facet.key, facet.unit)))
                (named if key_stems <= said or facet.unit else meant).append(fact)
    if question.colours and product.colour:
        yes = any(c in product.colour.lower() for c in question.colours)
        named.append(Fact(yes, comes_in(product.colour)))
    if question.materials and product.material:
        yes = any(_made_of(product.material, m) for m in question.materials)
        named.append(Fact(yes, made_of(product.material)))
    if question.audience and product.audience:
        yes = product.audience in (question.audience, "unisex")
        named.append(Fact(yes, made_for(product.audience)))
    sizes = question.sizes or _size_words(product, question.text)
    if sizes and product.size_list:
        yes = all(s in product.size_list for s in sizes)
        named.append(Fact(yes, sized(product.size_list)))
    return named, meant


def comes_in(colour: str) -> str:
    return _("it comes in {colour}").format(colour=colour_name(colour))


def made_of(material: str) -> str:
    return _("it is made of {material}").format(material=material)


def made_for(audience: str) -> str:
    if audience in MADE_FOR:
        return _(MADE_FOR[audience])
    return _("it is made for {audience}").format(audience=audience)


def sized(sizes: list[str]) -> str:
    return _("it comes in sizes {sizes}").format(sizes=", ".join(sizes))


def clauses(parts: list[str]) -> str:
    """Clauses of one sentence: "it comes in black; it is made of cotton"."""
    return _("; ").join(parts)


def capitalised(text: str) -> str:
    return text[0].upper() + text[1:]


def _size_words(product: Product, text: str) -> list[str]:
    """Sizes named in words ("king", "california king", "twin xl") where the product's sizes
    are words: the size the question names, or the words it shares with one."""
    lowered = f" {text.lower()} "
    worded = [s for s in product.size_list if re.fullmatch(r"[A-Za-z][A-Za-z ]{2,}", s)]
    for size in sorted(worded, key=len, reverse=True):
        match = re.search(rf"(?:(\w+) )?{re.escape(size.lower())}\b", lowered)
        if match is None:
            continue
        before = match.group(1)
        longer = before and any(f"{before} {size}".lower() in w.lower() for w in worded)
        if before and before not in STOPWORDS and not longer and before not in WORD_NUMBERS:
            return [f"{before} {size}".title()]  # "california king": no size of it
        return [size]
    return []


def _made_of(material: str, asked: str) -> bool:
    """Whether `material` is `asked` itself: "vegan leather" is no leather."""
    lowered = material.lower()
    for match in re.finditer(rf"\b{re.escape(asked)}", lowered):
        before = lowered[: match.start()].split()
        if not before or not re.fullmatch(IMITATION, before[-1]):
            return True
    return False


def inverted(key: str, question: ProductQuestion) -> bool:
    """Whether a yes/no key says the opposite of the question's words: "will it rust?" asks
    the opposite of `rust_resistant`, "does it have fragrance?" of `fragrance_free`. A zh/es/fr
    question's attributes are read by the meaning of the whole key ("¿es impermeable?" means
    `waterproof`), never its opposite."""
    if question.language != "en":
        return False
    words = key.lower().split("_")
    flips = [w for w in words if FLIPPING.search(w)]
    if "required" in words and NEEDING.search(question.text) is None:
        done = facet_stems(" ".join(re.findall(r"[a-z]{4,}ed\b", question.text.lower())))
        needed = facet_stems(" ".join(words))  # "comes assembled?" ≠ `assembly_required`
        return any(k.startswith(d) for d in done for k in needed)
    return bool(flips) and FLIPPING.search(question.text.lower()) is None


def attribute_values(product: Product) -> dict[str, Any]:
    return {
        k: v
        for k, v in (product.attributes or {}).items()
        if isinstance(v, str | int | float) and len(str(v)) <= MAX_VALUE_CHARS
    }


def attribute_keys(product: Product) -> dict[str, str]:
    """The product's attribute keys in words (`battery_hours` → "battery hours")."""
    return {k: k.replace("_", " ") for k in attribute_values(product)}


def field_keys(product: Product) -> dict[str, str]:
    have = {"colour": product.colour, "material": product.material, "brand": product.brand}
    have["sizes"] = ", ".join(product.size_list)
    return {k: FIELD_WORDS[k] for k, v in have.items() if v}


def value_answer(product: Product, key: str) -> str:
    """ "Battery: 30 hours (from the product details)." for the key or field asked about."""
    said = _field_words(product, key) or detail(key, product.attributes[key])
    return _("{fact} (from the product details).").format(fact=capitalised(said))


def _field_words(product: Product, key: str) -> str | None:
    """One of the product's own fields in words ("it is made by Acme"); None for an attribute."""
    match key:
        case "colour":
            return comes_in(product.colour or "")
        case "material":
            return made_of(product.material or "")
        case "sizes":
            return sized(product.size_list)
        case "brand":
            return _("it is made by {brand}").format(brand=product.brand)
    return None


def _stored_words(facet: FacetFilter, value: Any) -> str:
    """The product's own value of the facet's key, in words: "it is not dishwasher-safe",
    "it comes with a usb port", "laptop sleeve: 16 in", "it is for ages 6-9"."""
    if facet.op == "~" and "age" in key_words(facet.key).split():
        return _("it is for ages {ages}").format(ages=value)
    return detail(facet.key, value)


def detail(key: str, value: Any) -> str:
    """One attribute in words: "it is dishwasher-safe", "it comes without a usb port",
    "battery: 30 hours", "terrain: trail"."""
    has = yes_or_no(value) if isinstance(value, bool) or not value_number(value) else None
    if has is not None:
        adjective = facet_words(FacetFilter(key, "=", "true")).before
        if adjective and not adjective.endswith("ed"):  # not "it is batteries-included"
            said = _("it is {quality}") if has else _("it is not {quality}")
            return said.format(quality=adjective)
        said = _("{key}: yes") if has else _("{key}: no")
        return said.format(key=key_words(key))
    unit = key_unit(key) if value_number(value) is not None else None
    amount = value
    if isinstance(value, int | float) and unit and unit != key.lower():
        amount = f"{value:g} {UNIT_NAMES.get(unit, unit)}"
    return _("{key}: {value}").format(key=key_words(key, unit), value=amount)
