"""Attribute constraints in plain words, written by code from the filter itself.

A yes/no key reads as an adjective before the product kind when its last word is one
("water-resistant backpacks", "noise-cancelling headphones") and as "with …" otherwise
("desk lamps with a usb port"); a choice value is an adjective ("trail running shoes"); a
number or a range follows the kind ("with a laptop sleeve of 15 in or more", "for age 5").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from catalog.request import FacetFilter

ADJECTIVE_ENDINGS = re.compile(
    r"(?:able|ible|less|proof|ed|ic|al|ive|ous|ful|ant|ent|ing|safe|free|friendly|ready|"
    r"compatible|on|off)$"
)
UNIT_NAMES = {"in": "in", "c": "°C"}
COMPARISONS = {">=": "{} or more", "<=": "{} or less", "=": "{}"}


@dataclass(frozen=True)
class FacetWords:
    """How one constraint reads: an adjective before the kind, or words after it."""

    before: str = ""
    after: str = ""


def facet_words(facet: FacetFilter) -> FacetWords:
    """The constraint in words."""
    unit = facet.unit
    words = key_words(facet.key, unit)
    if facet.value in ("true", "false"):
        yes = facet.value == "true"
        if ADJECTIVE_ENDINGS.search(words.split()[-1]):
            adjective = words.replace(" ", "-")
            return FacetWords(before=adjective) if yes else FacetWords(after=f"not {adjective}")
        return FacetWords(after=f"{'with' if yes else 'without'} {_article(words)}{words}")
    if facet.op == "~":
        if "age" in words.split():
            return FacetWords(after=f"for age {facet.value}")
        return FacetWords(after=f"for {facet.value} {words}")
    if unit is not None and facet.op in COMPARISONS:
        amount = f"{facet.value} {UNIT_NAMES.get(unit, unit)}"
        return FacetWords(
            after=f"with {_article(words)}{words} of {COMPARISONS[facet.op].format(amount)}"
        )
    return FacetWords(before=facet.value)


def key_words(key: str, unit: str | None = None) -> str:
    """A key in words, without the unit it ends in: `laptop_sleeve_in` → "laptop sleeve"."""
    words = [w for w in key.lower().split("_") if w]
    if unit is not None and len(words) > 1 and words[-1] == unit:
        words = words[:-1]
    return " ".join(words)


def _article(words: str) -> str:
    return "" if words.endswith("s") else ("an " if words[0] in "aeio" else "a ")  # "a usb"
