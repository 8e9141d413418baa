"""SIMMC 2.0 user turns as labelled utterances in our schema, for scoring understanding.

Reads ../shared/data/simmc2/simmc2_dev_half.json (CC-BY-NC-SA-4.0: evaluation only; read it
where it lies, never copy it into the repository) and maps every user turn's act and slots to
ours. What has no counterpart is skipped or dropped, and counted, so a report says how much of
SIMMC the figures cover.

Acts (counts in the dev half: 1,754 user turns)

    SIMMC act              n    ours          also counted right       slots scored
    REQUEST:GET          604    search        refine, after turn one   yes
    REQUEST:ADD_TO_CART  240    cart_add      -                        no (none annotated)
    ASK:GET              210    ask_product   compare, if 2+ objects   no (none annotated)
    INFORM:REFINE        188    refine        search                   yes
    INFORM:DISAMBIGUATE  185    (skipped)     -                        -
    REQUEST:COMPARE      166    compare       ask_product              no (none annotated)
    INFORM:GET           161    refine        search                   yes

INFORM:DISAMBIGUATE answers the system's "which one do you mean?" ("The black one."); we have no
intent for it, and the right one depends on the system's question, not on the user's words.
SIMMC's REQUEST:GET also covers follow-ups ("Okay but in color maroon?") that our conventions
call refine, and INFORM:GET is "anything like that one?"; hence the intents also counted right
(the *lenient* accuracy). Strict accuracy counts only the first column.

Slots (only on the acts above that carry them)

    SIMMC slot       ours                 mapping
    type             category             TYPE_TO_CATEGORY (our demo paths where the demo has
                                          the kind, else a path in the same style)
    color            colours              shades to our colour words (maroon -> red, light grey
                                          -> grey, olive -> green, violet -> purple, ...)
    brand            brands               as written (SIMMC's own brands)
    size             sizes                as written (XS ... XXL)
    availableSizes   sizes                each size the user names
    price            price_direction      cheap/affordable -> cheaper, expensive -> pricier;
                                          a number (a price point, not a bound): dropped
    customerReview   min_rating           a number the user says; "good": dropped (our
                                          conventions give "good reviews" no rating)
    pattern          features/materials   plain, striped, spotted, camouflage, plaid, knit ->
                                          features; denim, leather, velvet, canvas -> materials;
                                          multicolored -> colours; other designs: dropped
    sleeveLength     features             long/full -> long-sleeve, short/half -> short-sleeve,
                                          sleeveless -> sleeveless

SIMMC's slot values are a belief state: they carry values from earlier turns and from the
objects the user points at ("anything with a similar size as the brown shirt" carries size M).
Our labels hold only what the message says (tests/data/utterances.yaml, G1), so a value is kept
only when the user's own words in this turn state it; the rest are dropped as "not said".
Only the slots above are scored on SIMMC (`SCORED_SLOTS`): SIMMC annotates no audience,
occasion, negation, reference or quantity.

Context: `previous_request` is the previous user turn's transcript in the same dialogue; `shown`
is 1 once an earlier system turn has shown objects, else 0.

SIMMC's own brands and the categories its types map to are returned too, so the scorer builds
the vocabulary a retailer's assistant would have for SIMMC's catalog.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.understanding.intent_rules import Context
from assistant.understanding.schema import Intent, PriceDirection, Slots, Understood
from evaluation.understanding_scores import LabelledUtterance

SIMMC_PATH = Path(__file__).resolve().parents[2] / "shared/data/simmc2/simmc2_dev_half.json"

GET_ACTS = frozenset(("REQUEST:GET", "INFORM:REFINE", "INFORM:GET"))
# act -> (our intent, intents also counted right)
ACT_TO_INTENT: dict[str, tuple[Intent, frozenset[Intent]]] = {
    "REQUEST:GET": (Intent.SEARCH, frozenset({Intent.REFINE})),  # refine only after turn one
    "INFORM:REFINE": (Intent.REFINE, frozenset({Intent.SEARCH})),
    "INFORM:GET": (Intent.REFINE, frozenset({Intent.SEARCH})),
    "REQUEST:COMPARE": (Intent.COMPARE, frozenset({Intent.ASK_PRODUCT})),
    "ASK:GET": (Intent.ASK_PRODUCT, frozenset({Intent.COMPARE})),  # compare only for 2+ objects
    "REQUEST:ADD_TO_CART": (Intent.CART_ADD, frozenset()),
}
SKIPPED_ACTS = {"INFORM:DISAMBIGUATE": "answers the system's 'which one?'; no counterpart"}
SCORED_SLOTS = frozenset(
    (
        "category",
        "colours",
        "brands",
        "sizes",
        "price_direction",
        "min_rating",
        "materials",
        "features",
    )
)

# type -> (our category path, words that name it in a message)
TYPES: dict[str, tuple[str, str]] = {
    "jacket": ("Apparel > Jackets", r"jackets?|blazers?|windbreakers?"),
    "coat": ("Apparel > Coats", r"coats?|overcoats?|parkas?|trench"),
    "hoodie": ("Apparel > Hoodies & Sweatshirts", r"hoodies?|hoody|hooded|sweatshirts?"),
    "tshirt": ("Apparel > T-Shirts", r"t-? ?shirts?|tees?"),
    "jeans": ("Apparel > Jeans", r"jeans|denims?"),
    "dress": ("Apparel > Dresses", r"dress|dresses|gowns?"),
    "hat": ("Bags & Accessories > Hats", r"hats?|caps?|beanies?"),
    "shoes": ("Shoes", r"shoes?|sneakers?|boots?|footwear|heels|trainers|kicks"),
    "blouse": ("Apparel > Blouses", r"blouses?|tops?"),
    "trousers": ("Apparel > Trousers", r"trousers?|pants|slacks|chinos"),
    "sweater": ("Apparel > Sweaters", r"sweaters?|jumpers?|pullovers?|cardigans?|knits?"),
    "shirt": ("Apparel > Shirts", r"shirts?|tops?|button-? ?(?:downs?|ups?)"),
    "joggers": ("Apparel > Joggers", r"joggers?|sweatpants|track ?pants"),
    "suit": ("Apparel > Suits", r"suits?"),
    "tank top": ("Apparel > Tank Tops", r"tank ?tops?|tanks?"),
}
TYPE_TO_CATEGORY = {kind: path for kind, (path, _) in TYPES.items()}
COLOUR_BASES = {
    "black": "black",
    "white": "white",
    "grey": "grey",
    "gray": "grey",
    "navy": "navy",
    "blue": "blue",
    "red": "red",
    "green": "green",
    "pink": "pink",
    "purple": "purple",
    "brown": "brown",
    "beige": "beige",
    "yellow": "yellow",
    "orange": "orange",
    "silver": "silver",
    "gold": "gold",
    "golden": "gold",
    "maroon": "red",
    "burgundy": "red",
    "olive": "green",
    "violet": "purple",
    "lilac": "purple",
    "tan": "beige",
    "khaki": "beige",
    "cream": "beige",
}
COLOUR_SHADES = ("light", "dark", "pale", "bright", "deep")
# pattern value -> (our slot, our value, words that name it); None: no counterpart
PATTERNS: dict[str, tuple[str, str, str] | None] = {
    "plain": ("features", "plain", r"plain|solid"),
    "light stripes": ("features", "striped", r"strip"),
    "heavy stripes": ("features", "striped", r"strip"),
    "vertical stripes": ("features", "striped", r"strip"),
    "vertical striples": ("features", "striped", r"strip"),
    "horizontal stripes": ("features", "striped", r"strip"),
    "light vertical stripes": ("features", "striped", r"strip"),
    "spots": ("features", "spotted", r"spot|dot"),
    "light spots": ("features", "spotted", r"spot|dot"),
    "dotted": ("features", "spotted", r"spot|dot"),
    "camouflage": ("features", "camouflage", r"camo"),
    "plaid": ("features", "plaid", r"plaid|tartan|check"),
    "knit": ("features", "knit", r"knit"),
    "denim": ("materials", "denim", r"denim"),
    "leather": ("materials", "leather", r"leather"),
    "velvet": ("materials", "velvet", r"velvet"),
    "canvas": ("materials", "canvas", r"canvas"),
    "multicolored": ("colours", "multicolour", r"multi"),
}
SLEEVES = {
    "long": "long-sleeve",
    "full": "long-sleeve",
    "short": "short-sleeve",
    "half": "short-sleeve",
    "sleeveless": "sleeveless",
}
SIZE_WORDS = {
    "XS": r"extra[- ]small|x-small",
    "S": r"small",
    "M": r"medium",
    "L": r"large",
    "XL": r"extra[- ]large|x-large",
    "XXL": r"2xl|xx-large|double xl",
}
CHEAP_WORDS = re.compile(
    r"cheap|affordab|inexpensive|budget|bargain|low(?:er)?[- ]pric|less expensive|"
    r"not (?:too |very |that |so )?(?:expensive|pricey)|reasonabl|economical|good (?:price|deal)|"
    r"great deal|low[- ]cost|costs? less|save money|too (?:expensive|pricey)|"
    r"(?:is|are)n'?t (?:too |very |that |so )?(?:expensive|pricey)|"
    r"(?:not|n't) cost (?:too |very |that |so )?much",
    re.I,
)
PRICEY_WORDS = re.compile(
    r"(?<!not )(?<!not too )(?<!less )\b(?:expensive|pricey|pricy|pricier|splurge|high[- ]end|"
    r"luxur|upscale|premium|designer|costly|fancy|fancier|top of the line|higher[- ]price|"
    r"high[- ]price|higher in price|more money|spend more)",
    re.I,
)
NOT_SAID = "not said in the turn"
SINGLE_SLOTS = frozenset(("category", "price_direction", "min_rating"))
NO_COUNTERPART = "no counterpart"


@dataclass
class Coverage:
    """How much of SIMMC is scored: turns kept and skipped, slot values kept and dropped."""

    dialogues: int = 0
    user_turns: int = 0
    acts: Counter[str] = field(default_factory=Counter)
    skipped_acts: Counter[str] = field(default_factory=Counter)
    slot_values: int = 0  # on turns whose slots are scored
    kept: Counter[str] = field(default_factory=Counter)  # SIMMC slot -> values kept
    dropped: Counter[tuple[str, str]] = field(default_factory=Counter)  # (slot, reason)
    unknown_colours: Counter[str] = field(default_factory=Counter)

    @property
    def scored_turns(self) -> int:
        return self.user_turns - sum(self.skipped_acts.values())

    def summary(self) -> dict[str, Any]:
        return {
            "dialogues": self.dialogues,
            "user_turns": self.user_turns,
            "scored_turns": self.scored_turns,
            "acts": dict(self.acts.most_common()),
            "skipped_acts": dict(self.skipped_acts),
            "slot_values": self.slot_values,
            "kept": dict(self.kept.most_common()),
            "kept_total": sum(self.kept.values()),
            "dropped": {
                f"{slot}: {reason}": n
                for (slot, reason), n in sorted(self.dropped.items(), key=lambda kv: -kv[1])
            },
            "unknown_colours": dict(self.unknown_colours),
        }


@dataclass(frozen=True)
class SimmcSet:
    utterances: list[LabelledUtterance]
    coverage: Coverage
    brands: list[str]  # SIMMC's own brands, for the vocabulary
    categories: list[str]  # the category paths SIMMC's types map to


def load_simmc(path: Path = SIMMC_PATH) -> SimmcSet:
    """Map the SIMMC 2.0 dev half; raises FileNotFoundError with a clear message when absent."""
    if not path.is_file():
        raise FileNotFoundError(
            f"SIMMC 2.0 data not found at {path}: it is read from ../shared/data/simmc2 beside "
            "the repository (CC-BY-NC-SA-4.0, evaluation only, never copied into the repo)"
        )
    data = json.loads(path.read_text(encoding="utf-8"))
    return map_dialogues(data["dialogue_data"], source=path.name)


def map_dialogues(dialogues: Iterable[dict[str, Any]], source: str = "simmc") -> SimmcSet:
    """Map every user turn of these SIMMC dialogues (the `dialogue_data` list) to our schema."""
    coverage = Coverage()
    utterances: list[LabelledUtterance] = []
    brands: set[str] = set()
    types: set[str] = set()
    for dialogue in dialogues:
        coverage.dialogues += 1
        previous: str | None = None
        shown = 0
        for turn in dialogue["dialogue"]:
            for side in ("transcript_annotated", "system_transcript_annotated"):
                _collect(
                    turn.get(side, {}).get("act_attributes", {}).get("slot_values", {}),
                    brands,
                    types,
                )
            coverage.user_turns += 1
            where = f"{source} dialogue {dialogue.get('dialogue_idx')} turn {turn.get('turn_idx')}"
            mapped = map_turn(turn, Context(previous, shown), coverage, where)
            if mapped is not None:
                utterances.append(mapped)
            previous = turn["transcript"]
            system = turn.get("system_transcript_annotated", {})
            if system.get("act_attributes", {}).get("objects"):
                shown = 1
    categories = sorted({TYPE_TO_CATEGORY[t] for t in types if t in TYPE_TO_CATEGORY})
    return SimmcSet(utterances, coverage, sorted(brands), categories)


def _collect(slot_values: dict[str, Any], brands: set[str], types: set[str]) -> None:
    """Brands and types anywhere in a turn's slot values (system turns nest them per object)."""
    for key, value in slot_values.items():
        if isinstance(value, dict):
            _collect(value, brands, types)
        elif key == "brand" and isinstance(value, str) and value.strip():
            brands.add(value.strip())
        elif key == "type" and isinstance(value, str):
            types |= {t.strip() for t in value.split(",") if t.strip()}


def map_turn(
    turn: dict[str, Any], context: Context, coverage: Coverage, where: str = ""
) -> LabelledUtterance | None:
    """One user turn as a labelled utterance, or None (counted) when its act has no counterpart."""
    annotated = turn["transcript_annotated"]
    act = annotated["act"]
    coverage.acts[act] += 1
    if act not in ACT_TO_INTENT:
        coverage.skipped_acts[act] += 1
        return None
    intent, also = ACT_TO_INTENT[act]
    attributes = annotated.get("act_attributes", {})
    if act == "REQUEST:GET" and context.previous_request is None:
        also = frozenset()
    if act == "ASK:GET" and len(attributes.get("objects", [])) < 2:
        also = frozenset()
    text = turn["transcript"]
    if act in GET_ACTS:
        slots, scope = map_slots(attributes.get("slot_values", {}), text, coverage), SCORED_SLOTS
    else:
        slots, scope = Slots(), frozenset()
    return LabelledUtterance(
        text, context, Understood(intent=intent, slots=slots), where, also, scope
    )


def map_slots(values: dict[str, Any], text: str, coverage: Coverage) -> Slots:
    """SIMMC slot values to our slots, keeping only what `text` says (see the module doc)."""
    single: dict[str, Any] = {}
    lists: dict[str, list[Any]] = {}
    for slot, raw in values.items():
        for value in _values(slot, raw):
            coverage.slot_values += 1
            result = map_value(slot, value, text, coverage)
            if isinstance(result, str):
                coverage.dropped[(slot, result)] += 1
                continue
            coverage.kept[slot] += 1
            ours, ours_value = result
            if ours in SINGLE_SLOTS:
                single.setdefault(ours, ours_value)
            elif ours_value not in lists.setdefault(ours, []):
                lists[ours].append(ours_value)
    return Slots.model_validate(single | lists)


def _values(slot: str, raw: Any) -> list[Any]:
    """The separate values in one SIMMC slot: list items, or a colour string's parts."""
    if isinstance(raw, list):
        return raw
    if slot == "color" and isinstance(raw, str):
        return [part.strip() for part in raw.split(",")]
    return [raw]


def map_value(slot: str, value: Any, text: str, coverage: Coverage) -> tuple[str, Any] | str:
    """(our slot, our value) for one SIMMC value that `text` states, else why it is dropped."""
    lowered = text.lower()
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return "empty"
    if slot == "type":
        if value not in TYPES:
            return "several or unknown types"
        path, words = TYPES[value]
        return ("category", path) if _says(words, lowered) else NOT_SAID
    if slot == "color":
        return _map_colour(value, lowered, coverage)
    if slot == "brand":
        return ("brands", value) if value.lower() in lowered else NOT_SAID
    if slot in ("size", "availableSizes"):
        return ("sizes", value) if _says_size(value, text, lowered) else NOT_SAID
    if slot == "price":
        return _map_price(value, lowered)
    if slot == "customerReview":
        if not isinstance(value, int | float):
            return NO_COUNTERPART + " ('good reviews' gives no rating)"
        number = f"{value:g}"
        return ("min_rating", number) if _says(re.escape(number), lowered) else NOT_SAID
    if slot == "pattern":
        mapped = PATTERNS.get(value)
        if mapped is None:
            return NO_COUNTERPART + " (a design we have no word for)"
        ours, ours_value, words = mapped
        return (ours, ours_value) if _says(words, lowered, whole_word=False) else NOT_SAID
    if slot == "sleeveLength":
        if value not in SLEEVES:
            return NO_COUNTERPART
        return ("features", SLEEVES[value]) if "sleeve" in lowered else NOT_SAID
    return NO_COUNTERPART


def _map_colour(value: str, lowered: str, coverage: Coverage) -> tuple[str, Any] | str:
    words = [w for w in value.lower().split() if w not in COLOUR_SHADES]
    base = COLOUR_BASES.get(words[-1]) if words else None
    if base is None:
        coverage.unknown_colours[value] += 1
        return "unknown colour"
    said = (
        any(_says(w, lowered) for w in words)
        or _says(base, lowered)
        or (base == "grey" and _says("gray", lowered))
    )
    return ("colours", base) if said else NOT_SAID


def _map_price(value: Any, lowered: str) -> tuple[str, Any] | str:
    if isinstance(value, int | float):
        return NO_COUNTERPART + " (a price point, not a bound)"
    if value in ("cheap", "affordable"):
        direction, words = PriceDirection.CHEAPER, CHEAP_WORDS
    elif value == "expensive":
        direction, words = PriceDirection.PRICIER, PRICEY_WORDS
    else:
        return NO_COUNTERPART
    return ("price_direction", direction) if words.search(lowered) else NOT_SAID


def _says(words: str, lowered: str, whole_word: bool = True) -> bool:
    pattern = rf"(?<![\w-])(?:{words})(?![\w-])" if whole_word else words
    return re.search(pattern, lowered) is not None


def _says_size(size: str, text: str, lowered: str) -> bool:
    """Upper-case anywhere ("in XL"); lower-case after "size", "in" or "a" ("in l")."""
    upper, lower = (rf"(?<![\w'-]){re.escape(s)}(?![\w'-])" for s in (size, size.lower()))
    if re.search(upper, text) or re.search(rf"\b(?:size|sizes|in|an?)\s+{lower}", lowered):
        return True
    words = SIZE_WORDS.get(size.upper())
    return (
        words is not None
        and _says(words, lowered)
        and not (size.upper() in ("S", "L") and _says(r"extra[- ](?:small|large)", lowered))
    )


def mapping_table() -> str:
    """The act and slot mapping as printable lines."""
    lines = ["SIMMC act -> our intent (also counted right: lenient accuracy)"]
    for act, (intent, also) in ACT_TO_INTENT.items():
        extra = f" (also {', '.join(sorted(also))})" if also else ""
        slots = "slots scored" if act in GET_ACTS else "intent only"
        lines.append(f"  {act:<22} -> {intent.value}{extra}; {slots}")
    lines += [f"  {act:<22} -> skipped: {why}" for act, why in SKIPPED_ACTS.items()]
    lines.append(
        "SIMMC slot -> ours: type->category, color->colours, brand->brands, "
        "size/availableSizes->sizes, price cheap|affordable|expensive->price_direction, "
        "customerReview (a number)->min_rating, pattern->features|materials|colours, "
        "sleeveLength->features; kept only when the turn's words say it"
    )
    lines.append(
        "SIMMC type -> category: "
        + ", ".join(f"{kind}={path}" for kind, path in TYPE_TO_CATEGORY.items())
    )
    return "\n".join(lines)


def coverage_report(coverage: Coverage) -> str:
    """How much of SIMMC the figures cover, as printable lines."""
    kept = sum(coverage.kept.values())
    lines = [
        f"SIMMC: {coverage.dialogues} dialogues, {coverage.user_turns} user turns, "
        f"{coverage.scored_turns} scored; skipped: "
        + (", ".join(f"{a} {n}" for a, n in coverage.skipped_acts.items()) or "none"),
        "  acts: " + ", ".join(f"{a} {n}" for a, n in coverage.acts.most_common()),
        f"  slot values on slot-scored turns: {coverage.slot_values}, kept {kept} "
        f"({kept / coverage.slot_values:.0%})"
        if coverage.slot_values
        else "  slot values on slot-scored turns: 0",
        "  kept by slot: " + ", ".join(f"{s} {n}" for s, n in coverage.kept.most_common()),
        "  dropped: "
        + "; ".join(
            f"{s} {r} {n}" for (s, r), n in sorted(coverage.dropped.items(), key=lambda kv: -kv[1])
        ),
    ]
    if coverage.unknown_colours:
        lines.append(
            "  unknown colours: "
            + ", ".join(f"{c} {n}" for c, n in coverage.unknown_colours.most_common())
        )
    return "\n".join(lines)
