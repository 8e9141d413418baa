"""The dialogue suite itself: scripts are validated, wrong expectations fail, the command's rate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluation.dialogue_suite import (
    DialogueSuite,
    FakeModels,
    ScriptError,
    fake_manager,
    load_script,
    main,
)

HEADPHONES = """
name: headphones
turns:
  - say: headphones under $100
    expect:
      products: {min_count: 2, all: {price_at_most: 100}}
  - say: under 20 instead
    expect:
      request: {price_max: %s}
      products: {all: {category: Electronics > Headphones}}
      cart: {count: 0}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def suite(demo_sessions) -> DialogueSuite:
    models = FakeModels()
    return DialogueSuite(demo_sessions, fake_manager(demo_sessions, models), models.feed)


def test_a_wrong_expectation_fails_with_its_turn(tmp_path, suite) -> None:
    passing = suite.run(load_script(write(tmp_path, "ok.yaml", HEADPHONES % 20)))
    failing = suite.run(load_script(write(tmp_path, "bad.yaml", HEADPHONES % 25)))
    assert passing.passed and passing.turns_passed == 2
    assert [(f.turn, f.message) for f in failing.failures] == [
        (2, "request price_max: Decimal('20'), expected Decimal('25')")
    ]
    assert failing.turns_passed == 1


@pytest.mark.parametrize(
    "text, problem",
    [
        ("turns: [{say: hi, expect: {product: {count: 1}}}]", "unknown key(s) in expect: product"),
        ("turns: [{say: hi, expect: {products: {all: {price_below: 3}}}}]", "price_below"),
        ("turns: [{say: hi, expect: {move: teleport}}]", "unknown move"),
        ("turns: [{say: hi, expect: {cart: {items: [{turn: 1, position: 1}]}}}]", "earlier"),
        ("turns: [{expect: {}}]", "needs a `say:`"),
        ("turns: [{say: hi, expect: {text_contains: [Socks (size: M)]}}]", "quote it"),
    ],
)
def test_a_script_that_cannot_be_checked_is_refused(tmp_path, text, problem) -> None:
    with pytest.raises(ScriptError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        load_script(write(tmp_path, "broken.yaml", text))


def test_the_command_prints_the_pass_rate_and_fails_below_the_minimum(tmp_path, capsys) -> None:
    write(tmp_path, "ok.yaml", HEADPHONES % 20)
    write(tmp_path, "bad.yaml", HEADPHONES % 25)
    assert main([str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("FAIL bad.yaml  request price_max")
    assert lines[1] == "PASS ok.yaml"
    assert lines[2] == "1/2 conversations passed (50%), 3/4 turns (75%)"
    assert json.loads(lines[3])["conversations"]["pass_rate"] == 0.5
    assert main([str(tmp_path / "ok.yaml")]) == 0
    assert main([str(tmp_path), "--min-pass-rate", "0.5"]) == 0


def test_fake_expectations_are_checked_only_with_the_fake_models(tmp_path, demo_sessions) -> None:
    script = load_script(
        write(
            tmp_path,
            "reply.yaml",
            """
turns:
  - say: wireless headphones
    model_reply: Great for the gym.
    fake_expect: {text_contains: [great for the gym]}
""",
        )
    )
    models = FakeModels()
    fed = DialogueSuite(demo_sessions, fake_manager(demo_sessions, models), models.feed)
    unfed = DialogueSuite(demo_sessions, fake_manager(demo_sessions, FakeModels()))
    assert fed.run(script).passed
    assert unfed.run(script).passed  # its reply model says nothing, yet nothing fails
