"""Reading attribute constraints from a shopper's words, in the catalog's own terms.

The facets (`catalog.facets`) are learnt from the catalog; this module matches a message
against them: a key's words ("usb port", "dishwasher" for `dishwasher_safe`, "waterproof" for
`water_resistant`: "proof" and "resistant" say the same), a number with a unit ("fits a 15 inch
laptop" → `laptop_sleeve_in>=15`, "at least 10 hours of battery" → `battery_hours>=10`), an age
inside a range ("for a 5 year old" → `age_range~5`), a choice value ("trail" → `terrain=trail`),
each negated when a negation comes just before it ("no batteries", "without ANC").
Only the facets of the category already read (or of every category without one) are candidates,
and code checks every value against the values the catalog holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from assistant.understanding.stemming import stem
from catalog.facets import Facet, FacetCatalog, FacetKind, value_number, value_range
from catalog.request import FacetFilter

# Words that qualify a key without carrying its meaning: "dishwasher" alone asks for
# `dishwasher_safe`, but "water" alone does not ask for `water_resistant`.
QUALIFIERS = frozenset(
    {"safe", "compatible", "friendly", "included", "required", "enabled", "capable", "ready"}
)
SAME_MEANING = {
    "proof": "resist",
    "resistance": "resist",
    "resistant": "resist",
    "friendly": "safe",
}
UNIT_WORDS = {  # how shoppers write a unit that keys name in their last word
    "in": ("inch", "inches", "in", '"', "inchs"),
    "cm": ("cm", "centimetre", "centimetres", "centimeter", "centimeters"),
    "mm": ("mm", "millimetre", "millimetres", "millimeter", "millimeters"),
    "m": ("m", "metre", "metres", "meter", "meters"),
    "l": ("l", "litre", "litres", "liter", "liters", "ltr"),
    "ml": ("ml", "millilitre", "millilitres", "milliliter", "milliliters"),
    "kg": ("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms"),
    "g": ("g", "gram", "grams"),
    "hours": ("hours", "hour", "hrs", "hr", "h"),
    "days": ("days", "day"),
    "minutes": ("minutes", "minute", "mins", "min"),
    "gb": ("gb", "gig", "gigs", "gigabytes"),
    "watts": ("watts", "watt", "w"),
    "c": ("c", "°c", "degrees"),
    "years": ("years", "year", "yrs"),
}
AT_LEAST = re.compile(
    r"(?:at least|minimum(?: of)?|min\.?|over|more than|no less than|fits?|fitting|holds?|"
    r"for|room for|takes?|lasts?)(?:\s+(?:a|an|my|the|her|his))?\s*$"
)
AT_MOST = re.compile(
    r"(?:under|less than|at most|max(?:imum)?|no more than|below|within|up to)\s*$"
)
OR_MORE = re.compile(r"^\s*(?:\+|or more|and up|plus|or longer|or bigger)")
NEGATIONS = re.compile(r"\b(?:no|not|without|non|nothing|never|don't|doesn't|isn't)\W+(?:\w+\W+)?$")
NUMBER = r"(\d+(?:\.\d+)?)"
MIN_CHOICE_LENGTH = 3


@dataclass(frozen=True)
class FacetReading:
    """A constraint read, and the words of the message it used up."""

    filter: FacetFilter
    used: tuple[str, ...]


def facet_stems(text: str) -> list[str]:
    """Stems of a text's words, compounds split where both halves carry meaning
    ("waterproof" → "water", "resist") and British/American spelling merged."""
    out: list[str] = []
    for word in re.findall(r"[a-z0-9]+", text.lower().replace("iz", "is")):
        if word.endswith("proof") and len(word) > len("proof") + 2:
            out += [stem(word[: -len("proof")]), "resist"]
        else:
            out.append(stem(SAME_MEANING.get(word, word)))
    return out


def yes_no_cues(facet: Facet) -> tuple[frozenset[str], frozenset[str]]:
    """The stems a message must hold to name a yes/no key, and the qualifier stems it may."""
    words = facet_stems(" ".join(facet.words))
    needed = frozenset(w for w in words if w not in {stem(q) for q in QUALIFIERS})
    return needed, frozenset(words) - needed


def read_yes_no(
    text: str, facets: Sequence[Facet], negated_words: Iterable[str] = ()
) -> list[FacetReading]:
    """Yes/no keys the text names, the key with most words first ("machine washable cover"
    over "machine washable"): every needed stem in the text or in `negated_words` (words
    already read as "not …"); a no when one came negated or a negation precedes it."""
    found: list[FacetReading] = []
    words = re.findall(r"[\w'-]+", text.lower())
    negated = {s: w for w in negated_words for s in facet_stems(w)}
    taken: set[str] = set()
    candidates = [f for f in facets if f.kind is FacetKind.YES_NO]
    for facet in sorted(candidates, key=lambda f: (-len(yes_no_cues(f)[0]), -f.products)):
        needed, qualifiers = yes_no_cues(facet)
        by_stem = {s: w for w in words for s in facet_stems(w) if s in needed | qualifiers}
        missing = needed - set(by_stem) - set(negated)
        if not needed or needed & taken or len(missing) > (1 if len(needed) > 2 else 0):
            continue
        used = tuple(
            dict.fromkeys([*by_stem.values(), *(negated[s] for s in needed & set(negated))])
        )
        no = bool(needed & set(negated)) or _negated(text, used[0])  # "no batteries"
        found.append(FacetReading(FacetFilter(facet.key, "=", "false" if no else "true"), used))
        taken |= needed
    return found


@dataclass(frozen=True)
class Quantity:
    """A number with a unit in a message ("at least 10 hours"), before a key is chosen."""

    value: str
    unit: str  # the unit as the facets name it: "hours", "in"
    op: str
    said: str


def unit_words(catalog: FacetCatalog) -> dict[str, str]:
    """Each way of writing a unit the catalog's number keys use → the unit: "inch" → "in"."""
    words: dict[str, str] = {}
    for facet in catalog.facets.values():
        if facet.kind is FacetKind.NUMBER and facet.unit:
            for word in UNIT_WORDS.get(facet.unit, (facet.unit, _singular(facet.unit))):
                words.setdefault(word, facet.unit)
    return words


def find_quantities(text: str, units: Mapping[str, str]) -> list[Quantity]:
    """Numbers followed by a unit the catalog uses, with the comparison said around them;
    read before prices, so "at least 8 mm" is no price."""
    found: list[Quantity] = []
    lowered = text.lower()
    for word in sorted(units, key=len, reverse=True):
        unit = re.escape(word) if word == '"' else rf"{re.escape(word)}\b"
        pattern = rf"(?<![\w.$€£₹]){NUMBER}\s*(\+)?\s*-?\s*{unit}(?![\s-]*olds?\b)"
        for match in re.finditer(pattern, lowered):
            op = _comparison(lowered[: match.start()], lowered[match.end() :])
            op = ">=" if match.group(2) else op  # "10+ hours"
            value = _number_text(float(match.group(1)))
            found.append(Quantity(value, units[word], op, match.group(0).strip()))
        lowered = re.sub(pattern, lambda m: " " * len(m.group(0)), lowered)
    return found


def read_numbers(
    quantities: Sequence[Quantity], facets: Sequence[Facet], text: str
) -> list[FacetReading]:
    """Each quantity given to the number key of `facets` in its unit whose words the message
    also names ("10 hours of battery" → `battery_hours`), else the one most products have."""
    found: list[FacetReading] = []
    for quantity in quantities:
        candidates = [f for f in facets if f.kind is FacetKind.NUMBER and f.unit == quantity.unit]
        if candidates:
            facet = _named_or_commonest(candidates, text)
            named = tuple(w for w in facet.words if re.search(rf"\b{re.escape(w)}\b", text))
            number = _number_filter(facet, quantity.op, quantity.value)
            found.append(FacetReading(number, (quantity.said, *named)))
    return found


def read_ranges(text: str, facets: Sequence[Facet], ages: Sequence[int]) -> list[FacetReading]:
    """Ages ("a 5 year old", read by the caller) inside an age range key, and counts said
    with a range key's words ("for 4 players" → `players~4`)."""
    found: list[FacetReading] = []
    lowered = text.lower()
    for facet in facets:
        if facet.kind is not FacetKind.RANGE:
            continue
        if "age" in facet.words and ages:
            found.append(FacetReading(_range_filter(facet, ages[0]), ()))
            continue
        names = "|".join(re.escape(w) for w in facet.words)
        for match in re.finditer(rf"\b{NUMBER}\s+(?:{names})\b", lowered):
            found.append(
                FacetReading(_range_filter(facet, float(match.group(1))), (match.group(0),))
            )
    return found


def read_choices(text: str, facets: Sequence[Facet], excluded: Iterable[str]) -> list[FacetReading]:
    """Choice values the text names as whole words ("trail", "over-ear")."""
    found: list[FacetReading] = []
    lowered = text.lower()
    skip = set(excluded)
    for facet in facets:
        if facet.kind is not FacetKind.CHOICE:
            continue
        for value in sorted(facet.values, key=len, reverse=True):
            phrase = value.lower()
            if len(phrase) < MIN_CHOICE_LENGTH or phrase in skip:
                continue
            if re.search(rf"(?<![\w'-]){re.escape(phrase)}(?![\w'-])", lowered):
                found.append(
                    FacetReading(
                        FacetFilter(facet.key, "=", phrase, (value,), text_valued=True),
                        (phrase,),
                    )
                )
                break
    return found


def narrowed_category(
    category: str | None, readings: Sequence[FacetReading], catalog: FacetCatalog
) -> str | None:
    """The one category (under `category`, if any) having every key read, else `category`."""
    shared: set[str] | None = None
    for reading in readings:
        facet = catalog.facets[reading.filter.key]
        inside = {
            c
            for c in facet.categories
            if category is None or c == category or c.startswith(category + " >")
        }
        shared = inside if shared is None else shared & inside
    return shared.pop() if shared and len(shared) == 1 else category


def _negated(text: str, word: str) -> bool:
    match = re.search(rf"(?<![\w'-]){re.escape(word)}(?![\w'-])", text)
    return match is not None and NEGATIONS.search(text[: match.start()]) is not None


def _named_or_commonest(candidates: list[Facet], text: str) -> Facet:
    stems = set(facet_stems(text))
    named = [f for f in candidates if set(facet_stems(" ".join(f.words))) & stems]
    return max(named or candidates, key=lambda f: f.products)


def _comparison(before: str, after: str) -> str:
    if OR_MORE.match(after) or AT_LEAST.search(before):
        return ">="
    if AT_MOST.search(before) or re.match(r"^\s*(?:or less|max|or under)", after):
        return "<="
    return "="


def _number_text(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def _number_filter(facet: Facet, op: str, value: str) -> FacetFilter:
    if not facet.values:
        return FacetFilter(facet.key, op, value, unit=facet.unit)
    accepted = tuple(v for v in facet.values if _meets(value_number(v), op, float(value)))
    return FacetFilter(facet.key, op, value, accepted, text_valued=True, unit=facet.unit)


def _meets(number: float | None, op: str, value: float) -> bool:
    if number is None:
        return False
    if op == ">=":
        return number >= value
    if op == "<=":
        return number <= value
    return abs(number - value) <= 0.1 * value


def _range_filter(facet: Facet, number: float) -> FacetFilter:
    accepted = tuple(
        v for v in facet.values if (r := value_range(v)) is not None and r[0] <= number <= r[1]
    )
    return FacetFilter(facet.key, "~", _number_text(float(number)), accepted, text_valued=True)


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word
