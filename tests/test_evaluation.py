import json
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.understanding.intent_rules import Context
from assistant.understanding.schema import Intent, PriceDirection, Slots, Understood
from benchmarks import simmc
from benchmarks.score_understanding import DEMO_PRODUCTS, main
from evaluation.understanding_scores import (
    DEFAULT_SET,
    LabelError,
    LabelledUtterance,
    SlotCounts,
    check_conventions,
    confusions,
    count_slots,
    intent_accuracy,
    load_utterances,
    parse_items,
    per_intent_accuracy,
    score,
    slot_pairs,
)

# ---------------------------------------------------------------- the labelled set


@pytest.fixture(scope="module")
def labelled() -> list[LabelledUtterance]:
    return load_utterances(DEFAULT_SET)


def test_labelled_set_is_large_varied_and_follows_its_conventions(labelled):
    assert len(labelled) >= 200
    per_intent = Counter(u.expected.intent for u in labelled)
    assert {i: n for i, n in per_intent.items() if n < 8} == {}
    assert set(per_intent) == set(Intent)
    assert sum(u.context != Context() for u in labelled) >= 40
    products = [json.loads(line) for line in DEMO_PRODUCTS.read_text().splitlines()]
    problems = check_conventions(
        labelled, {p["category"] for p in products}, {p["brand"] for p in products}
    )
    assert problems == []


def test_labelled_set_uses_every_slot(labelled):
    used = {name for u in labelled for name, _ in u.expected.slots.pairs()}
    assert used == set(Slots.model_fields)


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"text": "hi", "intent": "greeting"}, "intent"),
        ({"text": "size ten", "intent": "search", "slots": {"sizes": [10]}}, "sizes"),
        ({"text": "red", "intent": "search", "slots": {"colour": ["red"]}}, "colour"),
        ({"text": "red", "intent": "search", "label": "x"}, "unknown keys"),
        ({"text": True, "intent": "search"}, "text"),
        ({"text": "in red", "intent": "refine", "context": {"shown": -1}}, "shown"),
    ],
)
def test_a_bad_label_fails_loudly_with_its_item_number(item, message):
    good = {"text": "running shoes", "intent": "search"}
    with pytest.raises(LabelError, match=rf"(?s)set.yaml item 2 .*{message}"):
        parse_items([good, item], "set.yaml")


def test_conventions_catch_unknown_values_and_duplicates():
    items = parse_items(
        [
            {
                "text": "Red shoes",
                "intent": "search",
                "slots": {"category": "Shoes > Clogs", "colours": ["crimson"], "brands": ["Nike"]},
            },
            {"text": "red  shoes", "intent": "search"},
            {
                "text": "the 5th",
                "intent": "ask_product",
                "context": {"shown": 4},
                "slots": {"references": ["5"]},
            },
            {"text": "more", "intent": "refine"},
        ],
        "t",
    )
    problems = "\n".join(check_conventions(items, ["Shoes > Running"], ["Stridewell"]))
    for expected in (
        "Shoes > Clogs",
        "crimson",
        "Nike",
        "same text and context",
        "only 4 shown",
        "refine without a previous_request",
    ):
        assert expected in problems


# ---------------------------------------------------------------- scoring math


def test_slot_pairs_normalise_decimals_case_and_lists():
    labelled = Slots(price_max=Decimal("100"), sizes=["M"], colours=["black", "navy"])
    predicted = Slots(price_max=Decimal("100.00"), sizes=["m"], colours=["navy"])
    counts = count_slots(slot_pairs(labelled), slot_pairs(predicted))
    assert counts == SlotCounts(matched=3, predicted=3, expected=4)
    assert (counts.precision, counts.recall) == (1.0, 0.75)
    assert counts.f1 == pytest.approx(2 * 0.75 / 1.75)


def test_perfect_partial_and_empty_predictions():
    labelled = slot_pairs(Slots(category="Shoes > Running", audience="men", price_max=Decimal(100)))
    assert count_slots(labelled, labelled).f1 == 1.0
    partial = count_slots(labelled, slot_pairs(Slots(category="Shoes", audience="men")))
    assert (partial.matched, partial.predicted, partial.expected) == (1, 2, 3)
    assert partial.f1 == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))
    empty = count_slots(labelled, set())
    assert (empty.precision, empty.recall, empty.f1) == (1.0, 0.0, 0.0)
    assert count_slots(set(), set()).f1 == 1.0
    assert (SlotCounts(1, 2, 3) + SlotCounts(1, 0, 1)) == SlotCounts(2, 2, 4)


def test_slot_scope_limits_the_pairs_scored():
    slots = Slots(category="Apparel > Jackets", references=["1"], audience="men")
    assert slot_pairs(slots, frozenset({"category"})) == {("category", "apparel > jackets")}
    assert slot_pairs(slots, frozenset()) == set()


def test_intent_accuracy_per_intent_and_confusions():
    S, R, C = Intent.SEARCH, Intent.REFINE, Intent.COMPARE
    pairs = [(S, S), (S, R), (R, R), (R, S), (R, S), (C, C)]
    assert intent_accuracy(pairs) == pytest.approx(3 / 6)
    assert intent_accuracy([]) == 0.0
    assert per_intent_accuracy(pairs) == {S: (1, 2), R: (1, 3), C: (1, 1)}
    assert confusions(pairs) == [(R, S, 2), (S, R, 1)]
    assert confusions(pairs, top=1) == [(R, S, 2)]


@dataclass(frozen=True)
class FakeUnderstanding:
    understood: Understood
    model_called: bool = False
    model_valid: bool | None = None
    seconds: float = 0.0


def test_score_runs_any_predictor_and_counts_model_validity():
    items = parse_items(
        [
            {
                "text": "running shoes under $100",
                "intent": "search",
                "slots": {"category": "Shoes > Running", "price_max": 100},
            },
            {
                "text": "cheaper",
                "intent": "refine",
                "context": {"previous_request": "x", "shown": 4},
                "slots": {"price_direction": "cheaper"},
            },
            {"text": "hi", "intent": "smalltalk"},
        ],
        "t",
    )
    answers = {
        "running shoes under $100": FakeUnderstanding(
            Understood(
                intent=Intent.SEARCH,
                slots=Slots(category="Shoes > Running", price_max=Decimal("100.00")),
            ),
            True,
            True,
        ),
        "cheaper": FakeUnderstanding(
            Understood(intent=Intent.SEARCH, slots=Slots(price_direction=PriceDirection.CHEAPER)),
            True,
            False,
        ),
        "hi": FakeUnderstanding(Understood(intent=Intent.SMALLTALK)),
    }
    seen: list[Context] = []

    def predict(text, context):
        seen.append(context)
        return answers[text]

    result = score(predict, items)
    assert seen[1] == Context("x", 4)
    assert result.n == 3 and result.intent_accuracy == pytest.approx(2 / 3)
    assert result.slots == SlotCounts(3, 3, 3)
    assert (result.model_calls, result.model_valid, result.schema_valid_share) == (2, 1, 0.5)
    assert result.confusions() == [(Intent.REFINE, Intent.SEARCH, 1)]
    summary = result.summary()
    assert summary["slot_f1"] == 1.0 and summary["per_intent"]["refine"] == {"right": 0, "total": 1}
    assert score(lambda t, c: answers["hi"], items[2:]).schema_valid_share is None


def test_score_accepts_alternative_intents_and_names_a_crashing_utterance():
    item = LabelledUtterance(
        "Okay but in maroon?",
        Context("dresses", 1),
        Understood(intent=Intent.SEARCH),
        "simmc 1",
        frozenset({Intent.REFINE}),
    )
    result = score(lambda t, c: FakeUnderstanding(Understood(intent=Intent.REFINE)), [item])
    assert (result.intent_accuracy, result.lenient_intent_accuracy) == (0.0, 1.0)
    assert result.confusions() == [] and result.per_intent() == {Intent.SEARCH: (1, 1)}

    def broken(text, context):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError) as caught:
        score(broken, [item])
    assert "simmc 1" in "".join(caught.value.__notes__)


# ---------------------------------------------------------------- SIMMC mapping

SAMPLE = [
    {
        "dialogue_idx": 7,
        "dialogue": [
            {
                "turn_idx": 0,
                "transcript": "Do you have any cheap grey jackets in XL by North Lodge?",
                "transcript_annotated": {
                    "act": "REQUEST:GET",
                    "act_attributes": {
                        "slot_values": {
                            "type": "jacket",
                            "color": "light grey, maroon",
                            "price": "cheap",
                            "size": "XL",
                            "brand": "North Lodge",
                            "customerReview": "good",
                        },
                        "objects": [],
                    },
                },
                "system_transcript": "How about these?",
                "system_transcript_annotated": {
                    "act": "INFORM:GET",
                    "act_attributes": {
                        "slot_values": {"Object ID: 3": {"brand": "Ocean Wears", "type": "coat"}},
                        "objects": [3, 4],
                    },
                },
            },
            {
                "turn_idx": 1,
                "transcript": "Anything with long sleeves?",
                "transcript_annotated": {
                    "act": "INFORM:REFINE",
                    "act_attributes": {
                        "slot_values": {
                            "type": "jacket",
                            "sleeveLength": "long",
                            "pattern": "leafy design",
                        },
                        "objects": [],
                    },
                },
                "system_transcript": "Which one?",
                "system_transcript_annotated": {
                    "act": "REQUEST:DISAMBIGUATE",
                    "act_attributes": {"slot_values": {}, "objects": []},
                },
            },
            {
                "turn_idx": 2,
                "transcript": "The one on the left.",
                "transcript_annotated": {
                    "act": "INFORM:DISAMBIGUATE",
                    "act_attributes": {"slot_values": {}, "objects": [3]},
                },
                "system_transcript": "OK.",
                "system_transcript_annotated": {"act": "CONFIRM:GET"},
            },
            {
                "turn_idx": 3,
                "transcript": "What brand are those two?",
                "transcript_annotated": {
                    "act": "ASK:GET",
                    "act_attributes": {
                        "slot_values": {},
                        "request_slots": ["brand"],
                        "objects": [3, 4],
                    },
                },
                "system_transcript": "Ocean Wears.",
                "system_transcript_annotated": {"act": "INFORM:GET"},
            },
            {
                "turn_idx": 4,
                "transcript": "Add the left one to my cart.",
                "transcript_annotated": {
                    "act": "REQUEST:ADD_TO_CART",
                    "act_attributes": {"slot_values": {}, "objects": [3]},
                },
                "system_transcript": "Done.",
                "system_transcript_annotated": {"act": "CONFIRM:ADD"},
            },
        ],
    }
]


def test_simmc_turns_map_to_our_intents_slots_and_context():
    mapped = simmc.map_dialogues(SAMPLE)
    first, second, ask, add = mapped.utterances
    assert first.expected == Understood(
        intent=Intent.SEARCH,
        slots=Slots(
            category="Apparel > Jackets",
            colours=["grey"],
            price_direction=PriceDirection.CHEAPER,
            sizes=["XL"],
            brands=["North Lodge"],
        ),
    )
    assert first.context == Context() and first.also_accepted == frozenset()
    assert first.slot_scope == simmc.SCORED_SLOTS
    assert second.expected == Understood(
        intent=Intent.REFINE, slots=Slots(features=["long-sleeve"])
    )
    assert second.context == Context(first.text, 1)
    assert (ask.expected.intent, ask.also_accepted, ask.slot_scope) == (
        Intent.ASK_PRODUCT,
        frozenset({Intent.COMPARE}),
        frozenset(),
    )
    assert ask.context.previous_request == "The one on the left."
    assert add.expected.intent is Intent.CART_ADD

    cov = mapped.coverage
    assert (cov.dialogues, cov.user_turns, cov.scored_turns) == (1, 5, 4)
    assert cov.skipped_acts == Counter({"INFORM:DISAMBIGUATE": 1})
    assert cov.slot_values == 10 and sum(cov.kept.values()) == 6
    assert cov.dropped[("color", simmc.NOT_SAID)] == 1  # maroon: not in the words
    assert cov.dropped[("type", simmc.NOT_SAID)] == 1  # jacket carried over
    assert sum(n for (slot, _), n in cov.dropped.items() if slot == "customerReview") == 1
    assert mapped.brands == ["North Lodge", "Ocean Wears"]
    assert mapped.categories == ["Apparel > Coats", "Apparel > Jackets"]
    assert "INFORM:DISAMBIGUATE" in simmc.mapping_table()
    assert "5 user turns, 4 scored" in simmc.coverage_report(cov)


def test_simmc_absent_file_raises_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"SIMMC 2\.0 data not found"):
        simmc.load_simmc(tmp_path / "missing.json")


@pytest.mark.skipif(
    not simmc.SIMMC_PATH.is_file(), reason=f"SIMMC 2.0 data not present at {simmc.SIMMC_PATH}"
)
def test_simmc_real_file_maps_with_positive_coverage():
    mapped = simmc.load_simmc()
    cov = mapped.coverage
    assert cov.user_turns > 1000 and 0 < cov.scored_turns < cov.user_turns
    assert sum(cov.kept.values()) > 0 and sum(cov.dropped.values()) > 0
    assert len(mapped.utterances) == cov.scored_turns
    assert mapped.brands and mapped.categories
    assert {u.expected.intent for u in mapped.utterances} >= {
        Intent.SEARCH,
        Intent.REFINE,
        Intent.COMPARE,
        Intent.ASK_PRODUCT,
        Intent.CART_ADD,
    }


# ---------------------------------------------------------------- the command


def test_scorer_command_prints_a_table_for_the_rules(capsys):
    assert main(["--modes", "rules", "--limit", "6"]) == 0
    out = capsys.readouterr().out
    assert "rules" in out and "slot F1" in out and "top confusions" in out


def test_scorer_command_json(capsys, tmp_path: Path):
    labelled = tmp_path / "set.yaml"
    labelled.write_text("- text: start over\n  intent: reset\n")
    assert main(["--modes", "rules", "--set", str(labelled), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["results"]["rules"]["n"] == 1
    assert report["set"]["utterances"] == 1


def test_no_labelled_text_is_cut_by_a_yaml_comment():
    """In plain YAML, " #" starts a comment: "does #2 have ANC" would load as "does"."""
    cut = [
        line
        for line in DEFAULT_SET.read_text().splitlines()
        if line.startswith("- text: ") and " #" in line and not line[8:].startswith(('"', "'"))
    ]
    assert cut == []
