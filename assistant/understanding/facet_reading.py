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
from catalog.facets import (
    Facet,
    FacetCatalog,
    FacetKind,
    number_meets,
    value_number,
    value_range,
    yes_or_no,
)
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
    "lb": ("lb", "lbs", "pound", "pounds"),
    "oz": ("oz", "ounce", "ounces"),
    "ft": ("ft", "feet", "foot"),
    "hours": ("hours", "hour", "hrs", "hr", "h"),
    "days": ("days", "day"),
    "minutes": ("minutes", "minute", "mins", "min"),
    "gb": ("gb", "gig", "gigs", "gigabytes"),
    "watts": ("watts", "watt", "w"),
    "c": ("c", "°c", "degrees"),
    "years": ("years", "year", "yrs"),
}
# How Chinese, Spanish and French shoppers write the same units after a number ("15 pulgadas",
# "40小时", "35 centimètres"); a unit a catalog names itself may have its own ("流明": lumens).
FOREIGN_UNIT_WORDS = {
    "in": ("英寸", "寸", "吋", "pulgadas", "pulgada", "pouces", "pouce"),
    "cm": ("厘米", "公分", "centímetros", "centímetro", "centimètres", "centimètre"),
    "mm": ("毫米", "milímetros", "milímetro", "millimètres", "millimètre"),
    "m": ("米", "metros", "metro", "mètres", "mètre"),
    "l": ("公升", "升", "litros", "litro"),
    "ml": ("毫升", "mililitros", "mililitro", "millilitres", "millilitre"),
    "kg": ("公斤", "千克", "kilogramos", "kilogramo", "kilogrammes", "kilogramme"),
    "g": ("克", "gramos", "gramo", "grammes", "gramme"),
    "hours": ("个小时", "小时", "个钟头", "钟头", "horas", "hora", "heures", "heure"),
    "days": ("天", "días", "día", "jours", "jour"),
    "minutes": ("分钟", "minutos", "minuto"),
    "watts": ("瓦特", "瓦", "vatios", "vatio"),
    "c": ("摄氏度", "度", "grados", "degrés"),
    "years": ("años", "año", "ans"),  # not 年: "2024年新款" is a date
    "lumens": ("流明", "lúmenes"),
}
CJK_UNIT = re.compile(r"[\u3400-\u9fff]")  # a Chinese unit ends anywhere: "15寸笔记本"
AT_LEAST = re.compile(
    r"(?:at least|minimum(?: of)?|min\.?|over|more than|no less than|fits?|fitting|holds?|"
    r"for|room for|takes?|lasts?)(?:\s+(?:a|an|my|the|her|his))?\s*$"
)
AT_MOST = re.compile(
    r"(?:under|less than|at most|max(?:imum)?|below|within|up to|smaller than|shorter than|"
    r"(?:no|not) (?:more|bigger|larger|longer|heavier|wider|taller|higher) than)\s*$"
)
OR_MORE = re.compile(
    r"^\s*(?:\+|(?:plus|at least|minimum|min|and (?:up|above|over)|or (?:more|above|over|"
    r"higher|larger|bigger|longer|heavier|harder|greater|thicker|wider|taller))\b)"
)
OR_LESS = re.compile(
    r"^\s*(?:max|tops|or (?:less|under|below|fewer|lower|smaller|shorter|lighter|thinner|"
    r"narrower))\b"
)
# A negation up to three words before a cue, in the same clause: "doesn't need a monthly …".
NEGATIONS = re.compile(
    r"\b(?:no|not|without|non|nothing|never|don't|doesn't|isn't|won't)(?:[ \t]+[\w'-]+){0,3}"
    r"[ \t]*$"
)
MODIFIERS = frozenset({"max", "min", "maximum", "minimum", "total", "front", "rear", "top"})
UNIT_SPELLINGS = frozenset(
    w for spellings in (*UNIT_WORDS.values(), *FOREIGN_UNIT_WORDS.values()) for w in spellings
)
# How many of one unit make one of another: "1 litre" is 1000 of a key in ml.
CONVERSIONS = {
    ("l", "ml"): 1000.0,
    ("kg", "g"): 1000.0,
    ("m", "cm"): 100.0,
    ("m", "mm"): 1000.0,
    ("cm", "mm"): 10.0,
    ("in", "cm"): 2.54,
    ("hours", "minutes"): 60.0,
    ("days", "hours"): 24.0,
}
NUMBER = r"(\d+(?:\.\d+)?)"
SIGNED = r"(?P<number>\d+(?:\.\d+)?)\s*(?P<plus>\+)?"  # "10+ hours"
# Below zero: "-30 °C", "minus 20 degrees", "moins 30 degrés", "零下30度", "30 grados bajo cero";
# such a figure is a limit to reach, "rated to -30 °C" is -30 or colder.
BELOW_ZERO_BEFORE = r"(?P<sign>(?<![\w.$€£₹-])[-\u2212]|\bminus\s+|\bmoins\s+|零下\s*)"
BELOW_ZERO_AFTER = r"\s*(?:bajo cero|sous z[ée]ro|below zero|below freezing)"
MIN_CHOICE_LENGTH = 3


@dataclass(frozen=True)
class FacetReading:
    """A constraint read, and the words of the message it used up."""

    filter: FacetFilter
    used: tuple[str, ...]
    contradicted: bool = False  # "waterproof but not waterproof"


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
    text: str,
    facets: Sequence[Facet],
    negated_words: Iterable[str] = (),
    features: Iterable[str] = (),
) -> list[FacetReading]:
    """Yes/no keys named in the text or by the feature words read from it, the key with most
    words first ("machine washable cover" over "machine washable"): every needed stem present
    (one may be missing of three or more), a no when a needed word came in `negated_words`
    (read as "not …") or a negation precedes it in the text ("no batteries")."""
    found: list[FacetReading] = []
    words = re.findall(r"[\w'-]+", " ".join([text.lower(), *features]))
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
        said = _polarities(text.lower(), used[0])  # each time said: True, or False if negated
        no = bool(needed & set(negated)) or (bool(said) and not said[0])  # "no batteries"
        both = len(set(said)) > 1 or bool(needed & set(negated) & set(by_stem))
        found.append(FacetReading(_yes_no_filter(facet, not no), used, contradicted=both))
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
    """Each way of writing a unit the catalog's number keys use, or one that converts to it,
    → the unit ("inch" → "in", "litre" → "l", "pulgadas" → "in"); and the last word of a count
    key → "@" and the key ("pockets" → "@pocket_count": "3 pockets")."""
    words: dict[str, str] = {}
    for facet in catalog.facets.values():
        if facet.kind is not FacetKind.NUMBER or not facet.unit:
            continue
        units = {facet.unit} | {a for a, b in CONVERSIONS if b == facet.unit}
        units |= {b for a, b in CONVERSIONS if a == facet.unit}
        for unit in units:
            for word in UNIT_WORDS.get(unit, (unit, _singular(unit))):
                words.setdefault(word, unit)
            for word in FOREIGN_UNIT_WORDS.get(unit, ()):
                words.setdefault(word, unit)
        if not facet.values and facet.unit not in UNIT_WORDS and _named_words(facet):
            noun = _named_words(facet)[-1]
            for word in (noun, noun + "s"):
                words.setdefault(word, "@" + facet.key)
    return words


def find_quantities(text: str, units: Mapping[str, str]) -> list[Quantity]:
    """Numbers with a unit the catalog uses ("10 hours", "15-inch", "upf 50" for a scale
    named first), with the comparison said around them; read before prices, so "at least
    8 mm" is no price."""
    found: list[Quantity] = []
    lowered = text.lower()
    for word in sorted(units, key=len, reverse=True):
        unit = re.escape(word) if word == '"' or CJK_UNIT.search(word) else rf"{re.escape(word)}\b"
        patterns = [
            rf"(?:{BELOW_ZERO_BEFORE}|(?<![\w.$€£₹])){SIGNED}\s*-?\s*{unit}"
            rf"(?P<below>{BELOW_ZERO_AFTER})?(?![\s-]*olds?\b)"
        ]
        if len(word) > 2 and word not in UNIT_SPELLINGS:
            patterns.append(rf"\b{re.escape(word)}\s*{SIGNED}(?![\w.])")
        for pattern in patterns:
            for match in re.finditer(pattern, lowered):
                op = _comparison(lowered[: match.start()], lowered[match.end() :])
                op = ">=" if match.group("plus") else op  # "10+ hours"
                below = match.groupdict().get("sign") or match.groupdict().get("below")
                number = float(match.group("number")) * (-1 if below else 1)
                op = "<=" if number < 0 else op  # rated to -30 °C: -30 or colder
                found.append(
                    Quantity(_number_text(number), units[word], op, match.group(0).strip())
                )
            lowered = re.sub(pattern, lambda m: " " * len(m.group(0)), lowered)
    return found


def read_numbers(
    quantities: Sequence[Quantity], facets: Sequence[Facet], text: str, named_only: bool
) -> list[FacetReading]:
    """Each quantity given to a number key of `facets` in its unit (or one it converts to:
    "1 litre" → 1000 ml) whose words the message also names ("10 hours of battery" →
    `battery_hours`), else, unless `named_only`, to the one most products have."""
    found: list[FacetReading] = []
    for quantity in quantities:
        for facet, factor in _keys_for(quantity.unit, facets, text, named_only):
            named = tuple(w for w in facet.words if re.search(rf"\b{re.escape(w)}\b", text))
            value = _number_text(round(float(quantity.value) * factor, 4))
            number = _number_filter(facet, quantity.op, value)
            found.append(FacetReading(number, (quantity.said, *named)))
            break
    return found


def _keys_for(
    unit: str, facets: Sequence[Facet], text: str, named_only: bool
) -> list[tuple[Facet, float]]:
    """The number keys a quantity in `unit` may be about, best first, each with the factor
    that converts the quantity to the key's unit."""
    if unit.startswith("@"):  # "3 pockets": the count key itself
        return [(f, 1.0) for f in facets if f.key == unit[1:]]
    numbers = [f for f in facets if f.kind is FacetKind.NUMBER and f.unit]
    factors = {f.key: _factor(unit, f.unit) for f in numbers if f.unit}
    candidates = [f for f in numbers if factors[f.key] is not None]
    stems = set(facet_stems(text))
    named = [f for f in candidates if set(facet_stems(" ".join(_named_words(f)))) & stems]
    if named_only and not named:
        return []
    exact = [f for f in named or candidates if factors[f.key] == 1.0]
    best = max(exact or named or candidates, key=lambda f: f.products, default=None)
    return [] if best is None else [(best, factors[best.key] or 1.0)]


def _named_words(facet: Facet) -> tuple[str, ...]:
    """The words of a key that name what it measures: not "max" of `max_watts`."""
    return tuple(w for w in facet.words if w not in MODIFIERS)


def _factor(unit: str, key_unit: str) -> float | None:
    if unit == key_unit:
        return 1.0
    if (unit, key_unit) in CONVERSIONS:
        return CONVERSIONS[(unit, key_unit)]
    if (key_unit, unit) in CONVERSIONS:
        return 1 / CONVERSIONS[(key_unit, unit)]
    return None


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
    skip = {word.lower() for word in excluded}
    for facet in facets:
        if facet.kind is not FacetKind.CHOICE:
            continue
        for value in sorted(facet.values, key=len, reverse=True):
            phrase = value.lower()
            if len(phrase) < MIN_CHOICE_LENGTH or phrase in skip:
                continue
            spaced = re.escape(phrase).replace(r"\-", "[- ]").replace(r"\ ", "[- ]")
            if re.search(rf"(?<![\w'-]){spaced}(?![\w'-])", lowered):
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


def _polarities(text: str, word: str) -> list[bool]:
    """For each time the text says `word`: True, or False when a negation comes before it."""
    return [
        NEGATIONS.search(text[: match.start()]) is None
        for match in re.finditer(rf"(?<![\w'-]){re.escape(word)}(?![\w'-])", text)
    ]


def _comparison(before: str, after: str) -> str:
    if OR_MORE.match(after) or AT_LEAST.search(before):
        return ">="
    if AT_MOST.search(before) or OR_LESS.match(after):
        return "<="
    return "="


def _number_text(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def _yes_no_filter(facet: Facet, yes: bool) -> FacetFilter:
    value = "true" if yes else "false"
    if not facet.values:  # stored as booleans
        return FacetFilter(facet.key, "=", value)
    accepted = tuple(v for v in facet.values if yes_or_no(v) is yes)
    return FacetFilter(facet.key, "=", value, accepted, text_valued=True)


def _number_filter(facet: Facet, op: str, value: str) -> FacetFilter:
    if not facet.values:
        return FacetFilter(facet.key, op, value, unit=facet.unit)
    accepted = tuple(v for v in facet.values if number_meets(value_number(v), op, float(value)))
    return FacetFilter(facet.key, op, value, accepted, text_valued=True, unit=facet.unit)


def _range_filter(facet: Facet, number: float) -> FacetFilter:
    accepted = tuple(
        v for v in facet.values if (r := value_range(v)) is not None and r[0] <= number <= r[1]
    )
    return FacetFilter(facet.key, "~", _number_text(float(number)), accepted, text_valued=True)


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word
