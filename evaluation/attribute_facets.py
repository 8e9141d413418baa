"""One attribute constraint ("facet") as a string, and whether a product's attributes meet it.

A facet is "<attribute key><op><value>": `=` for yes/no, a choice or an exact number
(`water_resistant=true`, `terrain=trail`), `>=` / `<=` for numbers in the key's unit
(`laptop_sleeve_in>=15`), `~` for a number inside a range-valued attribute (`age_range~5`
within "4-7"). `Facet.parse` reads one, `normalise_facet` gives the form two are compared in,
and `facet_holds` evaluates one against a product's `attributes` as stored after import
(booleans and numbers, or the text of exports such as Flipkart's: "Yes", "15.6 inch", "10+").

Used by the catalog-terms scorer (evaluation.catalog_terms); imported only by tests and
benchmarks.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

OPS = (">=", "<=", "=", "~")
FACET = re.compile(r"^(?P<key>[^=<>~]+?)\s*(?P<op>>=|<=|=|~)\s*(?P<value>.+)$")
YES, NO = frozenset(("true", "yes")), frozenset(("false", "no"))
LEADING_NUMBER = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(?:[^\d\s+\-.].*)?$")
RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:-|\u2013|to)\s*(\d+(?:\.\d+)?)")
OPEN_RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:\+|(?:years?\s+)?(?:and|&)\s+(?:above|up|over))")


class FacetError(ValueError):
    """A facet string that is not "<key><op><value>"."""


@dataclass(frozen=True)
class Facet:
    """One attribute constraint: `key` `op` `value` (value as written)."""

    key: str
    op: str
    value: str

    @classmethod
    def parse(cls, text: str) -> Facet:
        """ "laptop_sleeve_in>=15" → Facet("laptop_sleeve_in", ">=", "15"); FacetError if not."""
        match = FACET.match(text.strip()) if isinstance(text, str) else None
        if match is None:
            raise FacetError(f"facet {text!r} is not '<key><op><value>' with op in {OPS}")
        key, op, value = match["key"].strip(), match["op"], match["value"].strip()
        if op in (">=", "<=", "~") and _number(value) is None:
            raise FacetError(f"facet {text!r}: {op} needs a number")
        return cls(key, op, value)

    def normalised(self) -> str:
        """Lower case, yes/no as true/false, numbers as floats: the form facets are compared in."""
        value = self.value.strip().lower()
        if value in YES | NO:
            value = "true" if value in YES else "false"
        elif (number := _number(value)) is not None:
            value = repr(number)
        return f"{self.key.strip().lower()}{self.op}{value}"


def normalise_facet(text: str) -> str:
    """A facet string in comparable form; one that does not parse is only lower-cased."""
    try:
        return Facet.parse(text).normalised()
    except FacetError:
        return " ".join(str(text).lower().split())


def facet_holds(facet: str | Facet, attributes: Mapping[str, Any] | None) -> bool:
    """Does a product with these `attributes` meet the facet? A product lacking the key fails.

    `=`: a yes/no ("Yes", true), a number, or a choice (case-insensitive; one of the parts of
    "Casual, Party" counts); `>=`/`<=`: the stored number ("15.6 inch" reads 15.6); `~`: the
    number lies inside a stored range ("4-7", "10+", "15 Years and Above").
    """
    wanted = Facet.parse(facet) if isinstance(facet, str) else facet
    stored = attribute_value(attributes or {}, wanted.key)
    if stored is None:
        return False
    values = stored if isinstance(stored, list) else [stored]
    return any(_value_holds(wanted, value) for value in values)


def attribute_value(attributes: Mapping[str, Any], key: str) -> Any:
    """The value stored under `key` (its case ignored when not found as written); None if none."""
    if key in attributes:
        return attributes[key]
    folded = {k.casefold(): v for k, v in attributes.items()}
    return folded.get(key.casefold())


def _value_holds(wanted: Facet, stored: Any) -> bool:
    if wanted.op == "~":
        number = _number(wanted.value)
        return number is not None and any(low <= number <= high for low, high in _ranges(stored))
    if wanted.op in (">=", "<="):
        have, limit = stored_number(stored), _number(wanted.value)
        if have is None or limit is None:
            return False
        return have >= limit if wanted.op == ">=" else have <= limit
    value = wanted.value.strip().lower()
    if value in YES | NO:
        return _stored_yes_no(stored) is (value in YES)
    if (number := _number(value)) is not None:
        return stored_number(stored) == number
    if isinstance(stored, bool | int | float):
        return False
    text = str(stored).strip().lower()
    return value == text or value in {part.strip() for part in re.split(r"[,/]", text)}


def _number(text: str) -> float | None:
    try:
        number = float(text)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def stored_number(stored: Any) -> float | None:
    """A stored number, or the number a text starts with ("15.6 inch"); None for ranges."""
    if isinstance(stored, bool):
        return None
    if isinstance(stored, int | float):
        return float(stored)
    match = LEADING_NUMBER.match(str(stored))
    return float(match[1]) if match else None


def _stored_yes_no(stored: Any) -> bool | None:
    if isinstance(stored, bool):
        return stored
    words = re.findall(r"[a-z]+", str(stored).lower())
    if not words or words[0] not in YES | NO:
        return None
    return words[0] in YES


def is_range(stored: Any) -> bool:
    """Is a stored value written as a range ("4-7", "10+")?"""
    if not isinstance(stored, str):
        return False
    return bool(RANGE.search(stored.lower()) or OPEN_RANGE.search(stored.lower()))


def _ranges(stored: Any) -> list[tuple[float, float]]:
    """The number ranges a stored value names: "4-7" → [(4, 7)], "10+" → [(10, inf)]."""
    if isinstance(stored, bool):
        return []
    if isinstance(stored, int | float):
        return [(float(stored), float(stored))]
    text = str(stored).lower()
    ranges = [(float(low), float(high)) for low, high in RANGE.findall(text)]
    ranges += [(float(low), math.inf) for low in OPEN_RANGE.findall(text)]
    if not ranges and (number := stored_number(text)) is not None:
        ranges.append((number, number))
    return ranges
