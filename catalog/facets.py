"""Attribute facets learnt from the catalog: what shoppers can ask of each kind of product.

Every key of the products' `attributes` becomes a facet with a kind — yes/no
(`water_resistant: true`, or "Yes"/"No" in exports), a number in a unit
(`laptop_sleeve_in: 16`, the unit from the key's last word or the values' own: "15.6 inch"),
a range ("4-7", "10+": ages, players) or a choice among a few values (`terrain: trail`) — the
categories that have it and the values seen. Free text (descriptions, model numbers) is no
facet. `FacetCatalog.derive` reads them from (category, attributes) rows;
`catalog.request.FacetFilter` is a constraint on one of them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from catalog.request import FacetFilter

MAX_CHOICES = 40  # more distinct text values than this is free text, not a choice
MIN_PRODUCTS = 2  # a key on one product only says nothing about a kind of product
RANGE_VALUE = re.compile(
    r"^\s*(\d+(?:\.\d+)?)\s*(?:-|\u2013|to)\s*(\d+(?:\.\d+)?)\b|^\s*(\d+)\s*\+"
)
NUMBER_VALUE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-z\"']{0,12})\s*$", re.I)


class FacetKind(StrEnum):
    YES_NO = "yes/no"
    NUMBER = "number"
    RANGE = "range"
    CHOICE = "choice"


@dataclass(frozen=True)
class Facet:
    """One attribute key: its kind, unit (numbers), values seen and the categories having it."""

    key: str
    kind: FacetKind
    unit: str | None = None
    values: tuple[str, ...] = ()  # text values as stored (ranges, choices, "15.6 inch")
    categories: frozenset[str] = frozenset()
    products: int = 0

    @property
    def words(self) -> tuple[str, ...]:
        """The key's words without its unit: `laptop_sleeve_in` → ("laptop", "sleeve")."""
        words = tuple(w for w in re.split(r"[_\s]+", self.key.lower()) if w)
        if self.kind is FacetKind.NUMBER and len(words) > 1 and words[-1] == self.unit:
            return words[:-1]
        return words


@dataclass(frozen=True)
class FacetCatalog:
    """The catalog's facets by key, and the keys each category has."""

    facets: Mapping[str, Facet] = field(default_factory=dict)

    @classmethod
    def derive(cls, rows: Iterable[tuple[str, Mapping[str, Any] | None]]) -> FacetCatalog:
        """From (category path, attributes) rows, one per product."""
        values: dict[str, list[Any]] = defaultdict(list)
        categories: dict[str, set[str]] = defaultdict(set)
        for category, attributes in rows:
            for key, value in (attributes or {}).items():
                if value is not None and value != "":
                    values[key].append(value)
                    categories[key].add(category)
        facets = {}
        for key, seen in values.items():
            facet = _facet(key, seen, frozenset(categories[key]))
            if facet is not None and len(seen) >= MIN_PRODUCTS:
                facets[key] = facet
        return cls(facets)

    def within(self, category: str | None) -> list[Facet]:
        """The facets products of `category` (or of its sub-categories) have; all without one."""
        if category is None:
            return list(self.facets.values())
        return [
            f
            for f in self.facets.values()
            if any(c == category or c.startswith(category + " >") for c in f.categories)
        ]


def _facet(key: str, seen: list[Any], categories: frozenset[str]) -> Facet | None:
    count = len(seen)
    if all(isinstance(v, bool) for v in seen):
        return Facet(key, FacetKind.YES_NO, categories=categories, products=count)
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in seen):
        return Facet(key, FacetKind.NUMBER, key_unit(key), (), categories, count)
    texts = [str(v).strip() for v in seen]
    distinct = tuple(sorted(set(texts)))
    if all(yes_or_no(t) is not None for t in texts):  # exports write "Yes", "No NA"
        return Facet(key, FacetKind.YES_NO, None, distinct, categories, count)
    if all(RANGE_VALUE.match(t) for t in texts):
        return Facet(key, FacetKind.RANGE, None, distinct, categories, count)
    units = {m.group(2).lower() for m in map(NUMBER_VALUE.match, texts) if m}  # "10 Cm"
    if len(units) == 1 and all(NUMBER_VALUE.match(t) for t in texts) and units != {""}:
        return Facet(key, FacetKind.NUMBER, units.pop(), distinct, categories, count)
    if len(distinct) <= MAX_CHOICES and len(distinct) < count:
        return Facet(key, FacetKind.CHOICE, None, distinct, categories, count)
    return None


def key_unit(key: str) -> str | None:
    """The unit a numeric key names in its last word: `battery_hours` → "hours", `pieces` →
    "pieces"; None for a one-letter key."""
    last = key.lower().rsplit("_", 1)[-1]
    return last if len(last) > 0 and not last.isdigit() else None


def value_range(text: str) -> tuple[float, float] | None:
    """ "4-7" → (4, 7); "10+" → (10, inf); "8 to 12 years" → (8, 12); None otherwise."""
    match = RANGE_VALUE.match(text)
    if match is None:
        return None
    if match.group(3) is not None:
        return float(match.group(3)), float("inf")
    return float(match.group(1)), float(match.group(2))


def value_number(value: Any) -> float | None:
    """A numeric attribute value as a number: 16 → 16.0, "15.6 inch" → 15.6."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    match = NUMBER_VALUE.match(str(value))
    return float(match.group(1)) if match else None


def yes_or_no(value: Any) -> bool | None:
    """A stored yes/no: True, False, "Yes", "No NA", "yes, date display"; None otherwise."""
    if isinstance(value, bool):
        return value
    first = re.match(r"\s*([a-z]+)", str(value).lower())
    return {"yes": True, "no": False}.get(first.group(1)) if first else None


def filter_holds(facet: FacetFilter, value: Any) -> bool | None:
    """Whether a stored attribute value meets `facet`; None when the value cannot say (text
    that is neither yes/no, a number nor a range)."""
    if facet.value in ("true", "false"):
        stored = yes_or_no(value)
        return None if stored is None else stored == (facet.value == "true")
    if facet.op == "~":
        span = value_range(str(value))
        return None if span is None else span[0] <= float(facet.value) <= span[1]
    number = value_number(value)
    if number is None or not re.fullmatch(r"-?\d+(?:\.\d+)?", facet.value):
        if facet.op == "=":
            return str(value).strip().lower() in {
                facet.value.lower(),
                *map(str.lower, facet.accepted),
            }
        return None
    return number_meets(number, facet.op, float(facet.value))


def number_meets(number: float | None, op: str, wanted: float) -> bool:
    """`number` `op` `wanted`, where "=" allows 10% either way; False without a number."""
    if number is None:
        return False
    if op == ">=":
        return number >= wanted
    if op == "<=":
        return number <= wanted
    return abs(number - wanted) <= 0.1 * wanted
