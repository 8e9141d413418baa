"""Attribute constraints in plain words, written by code from the filter itself.

A yes/no key reads as an adjective before the product kind when its last word is one
("water-resistant backpacks", "noise-cancelling headphones") and as "with …" otherwise
("desk lamps with a usb port"); a choice value is an adjective ("trail running shoes"); a
number or a range follows the kind ("with a laptop sleeve of 15 in or more", "for age 5").
In Chinese, Spanish and French the key stays the catalog's and the words around it are the
language's ("con usb port", "laptop sleeve: 15 in o más").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.translation.speaking import N_, SOURCE, _, language
from catalog.request import FacetFilter

ADJECTIVE_ENDINGS = re.compile(
    r"(?:able|ible|less|proof|ed|ic|al|ive|ous|ful|ant|ent|ing|safe|free|friendly|ready|"
    r"compatible|on|off)$"
)
UNIT_NAMES = {"in": "in", "c": "°C"}
COMPARISONS = {">=": N_("{amount} or more"), "<=": N_("{amount} or less"), "=": "{amount}"}


@dataclass(frozen=True)
class FacetWords:
    """How one constraint reads: an adjective before the kind, or words after it."""

    before: str = ""
    after: str = ""


def facet_words(facet: FacetFilter) -> FacetWords:
    """The constraint in words."""
    unit = facet.unit
    words = key_words(facet.key, unit)
    english = language() == SOURCE
    if facet.value in ("true", "false"):
        yes = facet.value == "true"
        if ADJECTIVE_ENDINGS.search(words.split()[-1]):
            adjective = words.replace(" ", "-")
            if yes:
                return FacetWords(before=adjective)
            return FacetWords(after=_("not {adjective}").format(adjective=adjective))
        feature = f"{_article(words)}{words}" if english else words
        sentence = N_("with {feature}") if yes else N_("without {feature}")
        return FacetWords(after=_(sentence).format(feature=feature))
    if facet.op == "~":
        if "age" in words.split():
            return FacetWords(after=_("for age {age}").format(age=facet.value))
        return FacetWords(after=_("for {value} {key}").format(value=facet.value, key=words))
    if unit is not None and facet.op in COMPARISONS:
        amount = f"{facet.value} {UNIT_NAMES.get(unit, unit)}"
        compared = _(COMPARISONS[facet.op]).format(amount=amount)
        if english and words.split()[-1] in ENDING_PREPOSITIONS:  # not "with a rated to of"
            return FacetWords(after=f"{words} {compared}")
        if english:
            return FacetWords(after=f"with {_article(words)}{words} of {compared}")
        return FacetWords(after=_("{key}: {value}").format(key=words, value=compared))
    return FacetWords(before=facet.value)


ENDING_PREPOSITIONS = frozenset({"to", "for", "from", "at", "up", "down"})  # "rated to"


def key_words(key: str, unit: str | None = None) -> str:
    """A key in words, without the unit it ends in: `laptop_sleeve_in` → "laptop sleeve"."""
    words = [w for w in key.lower().split("_") if w]
    if unit is not None and len(words) > 1 and words[-1] == unit:
        words = words[:-1]
    return " ".join(words)


def _article(words: str) -> str:
    return "" if words.endswith("s") else ("an " if words[0] in "aeio" else "a ")  # "a usb"
