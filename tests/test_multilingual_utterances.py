"""The labelled Chinese, Spanish and French shopper messages (issue 15) load and follow the rules.

Scores are not asserted here: benchmarks/score_understanding.py --set measures them.
"""

import json
from pathlib import Path

import pytest

from benchmarks.score_understanding import DEMO_PRODUCTS
from evaluation.understanding_scores import (
    DEFAULT_SET,
    LabelledUtterance,
    check_conventions,
    load_utterances,
)

DATA = Path(__file__).resolve().parent / "data"
LANGUAGE_SETS = [DATA / f"utterances_{language}.yaml" for language in ("zh", "es", "fr")]
ENGLISH_MARK = "# en: "


@pytest.fixture(scope="module")
def english() -> list[LabelledUtterance]:
    return load_utterances(DEFAULT_SET)


def english_parallels(path: Path) -> list[str]:
    """The English texts named by the `# en: ...` comments; "-" marks an item without one."""
    lines = path.read_text(encoding="utf-8").splitlines()
    named = [line.removeprefix(ENGLISH_MARK) for line in lines if line.startswith(ENGLISH_MARK)]
    return [text for text in named if not text.startswith("-")]


@pytest.mark.parametrize("path", LANGUAGE_SETS, ids=lambda path: path.stem)
def test_set_loads_with_at_least_100_items_and_only_english_intents(path, english):
    utterances = load_utterances(path)
    assert len(utterances) >= 100
    english_intents = {u.expected.intent for u in english}
    assert {u.expected.intent for u in utterances} <= english_intents


@pytest.mark.parametrize("path", LANGUAGE_SETS, ids=lambda path: path.stem)
def test_labels_follow_the_english_sets_conventions(path):
    products = [json.loads(line) for line in DEMO_PRODUCTS.read_text().splitlines()]
    problems = check_conventions(
        load_utterances(path), {p["category"] for p in products}, {p["brand"] for p in products}
    )
    assert problems == []


@pytest.mark.parametrize("path", LANGUAGE_SETS, ids=lambda path: path.stem)
def test_most_items_name_an_english_item_they_parallel(path, english):
    parallels = english_parallels(path)
    english_texts = {u.text for u in english}
    assert [text for text in parallels if text not in english_texts] == []
    assert len(parallels) > len(load_utterances(path)) / 2
