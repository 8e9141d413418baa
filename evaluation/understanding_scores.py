"""Scoring understanding against labelled utterances: intent accuracy and slot precision/recall/F1.

A labelled set is a YAML list (see tests/data/utterances.yaml for the format and the labelling
conventions). It loads into `LabelledUtterance`s; a bad label fails loudly with its item number.
`score(predict, utterances)` runs any `predict(text, context)` that returns an understanding
(`.understood`, `.model_called`, `.model_valid`, `.seconds`) and gathers the figures:

- intent accuracy: the share of utterances whose predicted intent is the label's. A few sets
  (SIMMC) also name intents that count as right for an ambiguous act: *lenient* accuracy.
- slot precision/recall/F1, micro-averaged over `Slots.pairs()` (one pair per list element,
  values normalised, so Decimal("100") == Decimal("100.00") and "M" == "m"). An utterance may
  restrict the slots scored (`slot_scope`) when its source annotates only some of them.
- model calls and JSON validity: the share of model calls whose answer was schema-valid after
  repair, over every utterance scored.

Everything here is pure: no model, no database, no printing.
"""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml
from pydantic import ValidationError

from assistant.understanding.intent_rules import Context
from assistant.understanding.schema import OCCASIONS, Intent, Slots, Understood

DEFAULT_SET = Path(__file__).resolve().parents[1] / "tests" / "data" / "utterances.yaml"
COLOURS = frozenset(
    (
        "black",
        "white",
        "grey",
        "navy",
        "blue",
        "red",
        "green",
        "pink",
        "purple",
        "brown",
        "beige",
        "yellow",
        "orange",
        "silver",
        "gold",
        "multicolour",
    )
)
AUDIENCES = frozenset(("men", "women", "kids", "unisex"))
REFERENCE_WORDS = frozenset(("it", "cheapest", "dearest", "all"))
ITEM_KEYS = frozenset(("text", "intent", "slots", "context"))
CONTEXT_KEYS = frozenset(("previous_request", "shown"))
LOWER_CASE_SLOTS = ("features", "materials", "excluded_materials", "excluded_terms")


class LabelError(ValueError):
    """A labelled item that does not fit the schema or the format."""


@dataclass(frozen=True)
class LabelledUtterance:
    """One message, the conversation before it, and the reading it should get."""

    text: str
    context: Context
    expected: Understood
    source: str = ""  # "utterances.yaml item 12", for messages
    also_accepted: frozenset[Intent] = frozenset()  # other intents counted right (lenient)
    slot_scope: frozenset[str] | None = None  # the slot names scored; None: all

    def accepts(self, intent: Intent) -> bool:
        return intent is self.expected.intent or intent in self.also_accepted


# ---------------------------------------------------------------- loading


def load_utterances(path: Path = DEFAULT_SET) -> list[LabelledUtterance]:
    """Read a labelled YAML set; raises LabelError naming the item number on any bad label."""
    try:
        items = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise LabelError(f"{path}: not valid YAML: {exc}") from exc
    return parse_items(items, Path(path).name)


def parse_items(items: Any, source: str) -> list[LabelledUtterance]:
    """Turn a list of plain mappings (as in the YAML) into labelled utterances."""
    if not isinstance(items, list):
        raise LabelError(f"{source}: expected a list of items, got {type(items).__name__}")
    utterances = []
    for number, item in enumerate(items, start=1):
        where = f"{source} item {number}"
        try:
            utterances.append(_parse_item(item, where))
        except (LabelError, ValidationError, TypeError, ValueError) as exc:
            text = item.get("text") if isinstance(item, dict) else None
            raise LabelError(f"{where} ({text!r}): {exc}") from exc
    return utterances


def _parse_item(item: Any, where: str) -> LabelledUtterance:
    if not isinstance(item, dict):
        raise LabelError(f"expected a mapping, got {type(item).__name__}")
    unknown = set(item) - ITEM_KEYS
    if unknown:
        raise LabelError(f"unknown keys {sorted(unknown)}")
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        raise LabelError(f"text must be a non-empty string, got {text!r}")
    if "intent" not in item:
        raise LabelError("no intent")
    slots = item.get("slots") or {}
    if not isinstance(slots, dict):
        raise LabelError(f"slots must be a mapping, got {slots!r}")
    expected = Understood.model_validate({"intent": item["intent"], "slots": slots})
    return LabelledUtterance(text, _parse_context(item.get("context")), expected, where)


def _parse_context(raw: Any) -> Context:
    if raw is None:
        return Context()
    if not isinstance(raw, dict):
        raise LabelError(f"context must be a mapping, got {raw!r}")
    unknown = set(raw) - CONTEXT_KEYS
    if unknown:
        raise LabelError(f"unknown context keys {sorted(unknown)}")
    previous, shown = raw.get("previous_request"), raw.get("shown", 0)
    if previous is not None and (not isinstance(previous, str) or not previous.strip()):
        raise LabelError(f"previous_request must be a non-empty string, got {previous!r}")
    if not isinstance(shown, int) or isinstance(shown, bool) or shown < 0:
        raise LabelError(f"shown must be a whole number >= 0, got {shown!r}")
    return Context(previous_request=previous, shown=shown)


def check_conventions(
    utterances: Iterable[LabelledUtterance], categories: Iterable[str], brands: Iterable[str]
) -> list[str]:
    """Labels that break the set's conventions (beyond the schema); empty when all is well.

    `categories` and `brands` are the catalog's; a category may also be a department (the first
    level of a path). Also finds the same text twice in the same context.
    """
    paths = set(categories)
    paths |= {path.split(">")[0].strip() for path in paths}
    known_brands = set(brands)
    problems: list[str] = []
    seen: dict[tuple[str, Context], str] = {}
    for u in utterances:
        key = (" ".join(u.text.lower().split()), u.context)
        if key in seen:
            problems.append(f"{u.source}: same text and context as {seen[key]}: {u.text!r}")
        seen.setdefault(key, u.source)
        problems += [
            f"{u.source} ({u.text!r}): {p}" for p in _label_problems(u, paths, known_brands)
        ]
    return problems


def _label_problems(u: LabelledUtterance, paths: set[str], brands: set[str]) -> list[str]:
    s, intent = u.expected.slots, u.expected.intent
    problems = []
    if s.category is not None and s.category not in paths:
        problems.append(f"category {s.category!r} is not a catalog path")
    problems += [
        f"brand {b!r} is not a catalog brand"
        for b in s.brands + s.excluded_brands
        if b not in brands
    ]
    problems += [
        f"colour {c!r} is not one of the colour words"
        for c in s.colours + s.excluded_colours
        if c not in COLOURS
    ]
    if s.occasion is not None and s.occasion not in OCCASIONS:
        problems.append(f"occasion {s.occasion!r} is not in OCCASIONS")
    if s.audience is not None and s.audience not in AUDIENCES:
        problems.append(f"audience {s.audience!r} is not one of {sorted(AUDIENCES)}")
    for name in LOWER_CASE_SLOTS:
        problems += [
            f"{name} value {v!r} is not lower-case and trimmed"
            for v in getattr(s, name)
            if v != v.strip().lower()
        ]
    problems += [f"feature {f!r} has a space (hyphenate compounds)" for f in s.features if " " in f]
    for ref in s.references:
        if ref not in REFERENCE_WORDS and not ref.isdigit():
            problems.append(f"reference {ref!r} is no position nor {sorted(REFERENCE_WORDS)}")
        elif ref.isdigit() and u.context.shown and int(ref) > u.context.shown:
            problems.append(f"reference {ref!r} but only {u.context.shown} shown")
    if s.order_number is not None and not re.fullmatch(r"[A-Z]+-\d+", s.order_number):
        problems.append(f"order number {s.order_number!r} is not like SA-100234")
    if (s.sentiment is not None) != (intent is Intent.FEEDBACK):
        problems.append("sentiment goes with feedback, and feedback has a sentiment")
    if intent is Intent.POLICY_QUESTION and s.policy_topic is None:
        problems.append("policy question without a policy_topic")
    if intent is Intent.REFINE and not u.context.previous_request:
        problems.append("refine without a previous_request in its context")
    return problems


# ---------------------------------------------------------------- scoring math


@dataclass(frozen=True)
class SlotCounts:
    """Matched, predicted and expected (slot, value) pairs; sums over utterances (micro)."""

    matched: int = 0
    predicted: int = 0
    expected: int = 0

    def __add__(self, other: SlotCounts) -> SlotCounts:
        return SlotCounts(
            self.matched + other.matched,
            self.predicted + other.predicted,
            self.expected + other.expected,
        )

    @property
    def precision(self) -> float:
        """Share of predicted pairs that are right; 1.0 when nothing was predicted."""
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Share of expected pairs that were found; 1.0 when nothing was expected."""
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def slot_pairs(slots: Slots, scope: frozenset[str] | None = None) -> set[tuple[str, str]]:
    """`slots.pairs()`, keeping only the slot names in `scope` when one is given."""
    pairs = slots.pairs()
    return pairs if scope is None else {pair for pair in pairs if pair[0] in scope}


def count_slots(expected: set[tuple[str, str]], predicted: set[tuple[str, str]]) -> SlotCounts:
    return SlotCounts(len(expected & predicted), len(predicted), len(expected))


def intent_accuracy(pairs: Sequence[tuple[Intent, Intent]]) -> float:
    """Share of (expected, predicted) pairs that agree; 0.0 for no pairs."""
    return sum(e is p for e, p in pairs) / len(pairs) if pairs else 0.0


def per_intent_accuracy(pairs: Iterable[tuple[Intent, Intent]]) -> dict[Intent, tuple[int, int]]:
    """For each expected intent: (predicted right, total), in the schema's order."""
    right: Counter[Intent] = Counter()
    total: Counter[Intent] = Counter()
    for expected, predicted in pairs:
        total[expected] += 1
        right[expected] += expected is predicted
    return {intent: (right[intent], total[intent]) for intent in Intent if total[intent]}


def confusions(
    pairs: Iterable[tuple[Intent, Intent]], top: int = 10
) -> list[tuple[Intent, Intent, int]]:
    """The most frequent (expected, predicted, count) mistakes, most frequent first."""
    wrong = Counter((e, p) for e, p in pairs if e is not p)
    return [(e, p, n) for (e, p), n in sorted(wrong.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]


# ---------------------------------------------------------------- running a predictor


class UnderstandingLike(Protocol):
    """What `score` reads from a prediction (`Understanding` in
    assistant.understanding.understander has it)."""

    @property
    def understood(self) -> Understood: ...
    @property
    def model_called(self) -> bool: ...
    @property
    def model_valid(self) -> bool | None: ...
    @property
    def seconds(self) -> float: ...


Predict = Callable[[str, Context], UnderstandingLike]


@dataclass(frozen=True)
class Outcome:
    """One utterance scored."""

    utterance: LabelledUtterance
    predicted: Understood
    intent_right: bool  # exactly the labelled intent
    intent_accepted: bool  # the labelled intent or one also accepted
    slots: SlotCounts
    model_called: bool
    model_valid: bool | None
    seconds: float  # wall-clock time of the whole prediction


@dataclass(frozen=True)
class ScoreResult:
    """Figures over a scored set; `outcomes` keeps every prediction for inspection."""

    outcomes: tuple[Outcome, ...]

    @property
    def n(self) -> int:
        return len(self.outcomes)

    @property
    def intent_accuracy(self) -> float:
        return intent_accuracy(
            [(o.utterance.expected.intent, o.predicted.intent) for o in self.outcomes]
        )

    @property
    def lenient_intent_accuracy(self) -> float:
        """Counting the intents a label also accepts; equal to `intent_accuracy` on our set."""
        return sum(o.intent_accepted for o in self.outcomes) / self.n if self.n else 0.0

    @property
    def slots(self) -> SlotCounts:
        return sum((o.slots for o in self.outcomes), SlotCounts())

    def _judged_pairs(self) -> list[tuple[Intent, Intent]]:
        """(expected, predicted) with an accepted alternative read as the expected intent."""
        return [
            (
                o.utterance.expected.intent,
                o.utterance.expected.intent if o.intent_accepted else o.predicted.intent,
            )
            for o in self.outcomes
        ]

    def per_intent(self) -> dict[Intent, tuple[int, int]]:
        """(accepted, total) per expected intent."""
        return per_intent_accuracy(self._judged_pairs())

    def confusions(self, top: int = 10) -> list[tuple[Intent, Intent, int]]:
        """The most frequent mistakes that no label accepts."""
        return confusions(self._judged_pairs(), top)

    @property
    def model_calls(self) -> int:
        return sum(o.model_called for o in self.outcomes)

    @property
    def model_valid(self) -> int:
        return sum(bool(o.model_called and o.model_valid) for o in self.outcomes)

    @property
    def schema_valid_share(self) -> float | None:
        """Share of model calls whose answer was schema-valid after repair; None without calls."""
        return self.model_valid / self.model_calls if self.model_calls else None

    @property
    def median_seconds(self) -> float:
        return statistics.median(o.seconds for o in self.outcomes) if self.outcomes else 0.0

    def summary(self, top_confusions: int = 10) -> dict[str, Any]:
        """The figures as plain JSON-ready data."""
        slots = self.slots
        return {
            "n": self.n,
            "intent_accuracy": round(self.intent_accuracy, 4),
            "lenient_intent_accuracy": round(self.lenient_intent_accuracy, 4),
            "slot_precision": round(slots.precision, 4),
            "slot_recall": round(slots.recall, 4),
            "slot_f1": round(slots.f1, 4),
            "slot_pairs": {
                "matched": slots.matched,
                "predicted": slots.predicted,
                "expected": slots.expected,
            },
            "model_calls": self.model_calls,
            "model_valid": self.model_valid,
            "schema_valid_share": (
                None if self.schema_valid_share is None else round(self.schema_valid_share, 4)
            ),
            "median_seconds": round(self.median_seconds, 6),
            "per_intent": {
                i.value: {"right": r, "total": t} for i, (r, t) in self.per_intent().items()
            },
            "confusions": [
                {"expected": e.value, "predicted": p.value, "count": n}
                for e, p, n in self.confusions(top_confusions)
            ],
        }


def score_one(
    utterance: LabelledUtterance, understanding: UnderstandingLike, seconds: float
) -> Outcome:
    """Compare one prediction with its label."""
    predicted = understanding.understood
    scope = utterance.slot_scope
    counts = count_slots(
        slot_pairs(utterance.expected.slots, scope), slot_pairs(predicted.slots, scope)
    )
    return Outcome(
        utterance,
        predicted,
        predicted.intent is utterance.expected.intent,
        utterance.accepts(predicted.intent),
        counts,
        understanding.model_called,
        understanding.model_valid,
        seconds,
    )


def score(
    predict: Predict,
    utterances: Iterable[LabelledUtterance],
    progress: Callable[[int], None] | None = None,
) -> ScoreResult:
    """Run `predict` on every utterance and score it. An exception from `predict` propagates,
    with a note naming the utterance: a crash is a bug, not a wrong answer."""
    outcomes = []
    for done, utterance in enumerate(utterances, start=1):
        started = time.perf_counter()
        try:
            understanding = predict(utterance.text, utterance.context)
        except Exception as exc:
            exc.add_note(f"while understanding {utterance.source}: {utterance.text!r}")
            raise
        outcomes.append(score_one(utterance, understanding, time.perf_counter() - started))
        if progress is not None:
            progress(done)
    return ScoreResult(tuple(outcomes))
