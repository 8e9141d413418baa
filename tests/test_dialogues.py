"""Runs every scripted conversation in tests/dialogues/ against the demo catalog, fake models."""

from __future__ import annotations

import pytest

from evaluation.dialogue_suite import (
    DEFAULT_PATHS,
    DialogueSuite,
    FakeModels,
    fake_manager,
    load_script,
    script_files,
)

DIALOGUES = script_files(DEFAULT_PATHS)


@pytest.fixture(scope="module")
def suite(demo_sessions) -> DialogueSuite:
    models = FakeModels()
    return DialogueSuite(demo_sessions, fake_manager(demo_sessions, models), models.feed)


@pytest.mark.parametrize("path", DIALOGUES, ids=[p.stem for p in DIALOGUES])
def test_dialogue(path, suite):
    result = suite.run(load_script(path))
    assert result.passed, result.report()
