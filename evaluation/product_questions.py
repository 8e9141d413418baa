"""The labelled product-question set and how an answer is scored against its gold.

`tests/data/product_questions.yaml` holds shoppers' questions about one product each (demo
catalog and MG-ShopDial items), with the gold answer: "yes", "no", "value" (a right answer
contains `value`) or "not_stated" (the listing does not say). An answer is right when its
verdict is the gold one (for a value, when its text holds the value); it is a *wrong yes/no*
when it says yes or no and the gold is the other, or not stated. Saying "not stated" is never
a wrong yes/no. Imported only by tests and benchmarks.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DEFAULT_SET = Path(__file__).resolve().parents[1] / "tests" / "data" / "product_questions.yaml"
GOLDS = ("yes", "no", "value", "not_stated")
KEYS = {"catalog", "product", "question", "kind", "gold", "value", "evidence", "split"}


@dataclass(frozen=True)
class LabelledQuestion:
    catalog: str
    product: str
    question: str
    kind: str
    gold: str
    value: str | None
    split: str


def load_questions(path: Path = DEFAULT_SET) -> list[LabelledQuestion]:
    """The labelled questions; ValueError naming the item for a malformed one."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    questions = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict) or set(item) != KEYS:
            raise ValueError(f"{path}: item {number} must have exactly the keys {sorted(KEYS)}")
        gold = str(item["gold"])
        if gold not in GOLDS or (gold == "value") != (item["value"] is not None):
            raise ValueError(f"{path}: item {number}: gold {gold!r} with value {item['value']!r}")
        value = None if item["value"] is None else str(item["value"])
        questions.append(
            LabelledQuestion(
                item["catalog"],
                item["product"],
                item["question"],
                item["kind"],
                gold,
                value,
                item["split"],
            )
        )
    return questions


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace(",", ""))


def is_right(question: LabelledQuestion, verdict: str, text: str) -> bool:
    """Whether the answer (its verdict and text) is the gold one."""
    if question.gold == "value":
        assert question.value is not None
        return verdict != "not_stated" and _plain(question.value) in _plain(text)
    return verdict == question.gold


def is_wrong_yes_no(question: LabelledQuestion, verdict: str) -> bool:
    """A yes or no where the gold is the other, or where the listing does not say."""
    return (
        verdict in ("yes", "no")
        and question.gold in ("yes", "no", "not_stated")
        and (verdict != question.gold)
    )


@dataclass
class Tally:
    """Right answers, wrong yes/no answers and answer times for one slice of the set."""

    questions: int = 0
    right: int = 0
    wrong_yes_no: int = 0
    seconds: list[float] = field(default_factory=list)
    verdicts: Counter[str] = field(default_factory=Counter)

    def add(self, question: LabelledQuestion, verdict: str, text: str, seconds: float) -> None:
        self.questions += 1
        self.right += is_right(question, verdict, text)
        self.wrong_yes_no += is_wrong_yes_no(question, verdict)
        self.seconds.append(seconds)
        self.verdicts[f"{question.gold}->{verdict}"] += 1

    def summary(self) -> dict[str, float | int]:
        n = max(self.questions, 1)
        return {
            "questions": self.questions,
            "accuracy": round(self.right / n, 3),
            "wrong_yes_no_rate": round(self.wrong_yes_no / n, 3),
            "median_answer_s": round(statistics.median(self.seconds), 4) if self.seconds else 0,
        }


def tallies(
    rows: Iterable[tuple[LabelledQuestion, str, str, float]],
) -> dict[str, Tally]:
    """Tallies overall and by catalog, split and kind, from (question, verdict, text, s)."""
    out: dict[str, Tally] = {}
    for question, verdict, text, seconds in rows:
        for name in (
            "all",
            f"catalog={question.catalog}",
            f"split={question.split}",
            f"kind={question.kind}",
        ):
            out.setdefault(name, Tally()).add(question, verdict, text, seconds)
    return out
