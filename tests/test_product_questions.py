"""The labelled product-question set: well formed, about products that exist, scored right."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from catalog.demo_loader import DEMO_DIR
from evaluation.product_questions import (
    LabelledQuestion,
    is_right,
    is_wrong_yes_no,
    load_questions,
)

MG_ITEMS = Path(__file__).resolve().parents[2] / "shared" / "data" / "mgshopdial" / "items"
QUESTIONS = load_questions()


def test_the_set_is_large_and_balanced_enough_to_measure():
    golds = Counter(q.gold for q in QUESTIONS)
    assert len(QUESTIONS) >= 200
    assert min(golds.values()) >= 30  # yes, no, value and not stated all well represented
    assert {q.catalog for q in QUESTIONS} == {"demo", "mgshopdial"}
    assert Counter(q.split for q in QUESTIONS)["holdout"] >= 50


def test_every_demo_question_is_about_a_demo_product():
    names = {
        json.loads(line)["name"]
        for line in (DEMO_DIR / "products.jsonl").read_text(encoding="utf-8").splitlines()
    }
    assert {q.product for q in QUESTIONS if q.catalog == "demo"} <= names


def test_every_mgshopdial_question_is_about_a_listed_item():
    if not MG_ITEMS.is_dir():
        pytest.skip(f"MG-ShopDial items not found at {MG_ITEMS}")
    names = {
        item["name"]
        for path in MG_ITEMS.glob("*.json")
        for item in json.loads(path.read_text(encoding="utf-8"))
    }
    assert {q.product for q in QUESTIONS if q.catalog == "mgshopdial"} <= names


def question(gold: str, value: str | None = None) -> LabelledQuestion:
    return LabelledQuestion("demo", "X", "?", "yes_no", gold, value, "dev")


def test_not_stated_is_never_a_wrong_yes_or_no_but_a_guess_is():
    assert not is_wrong_yes_no(question("yes"), "not_stated")
    assert is_wrong_yes_no(question("not_stated"), "yes")
    assert is_wrong_yes_no(question("no"), "yes")
    assert not is_wrong_yes_no(question("value", "30"), "yes")


def test_a_value_is_right_only_when_the_answer_states_it():
    assert is_right(question("value", "4,000"), "value", "It holds 4000 sheets.")
    assert not is_right(question("value", "30"), "not_stated", "It doesn't say; 30 days…")
    assert not is_right(question("value", "30"), "value", "Battery: 20 hours.")
