"""Real shoppers' messages (MG-ShopDial) through the assistant with the model switched off: every
turn answered, every answer backed by the database, every turn classified."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from assistant.dialogue.turns import TurnUpdate
from assistant.facts.cards import ProductCard
from benchmarks.replay_mgshopdial import (
    CLASSES,
    build_store,
    classify,
    load_dialogues,
    missing_reason,
    replay_dialogue,
    summarise,
)
from evaluation.fakes import FakeLLM, HashingEmbedder
from tests.conftest import SHARED_DATA

DATA = SHARED_DATA / "mgshopdial"


def _store(folder, embedder):
    """The items in a fresh database under `folder`, and a chat over them (model off)."""
    reason = missing_reason(DATA)
    if reason:
        pytest.skip(reason)
    return build_store(DATA, f"sqlite:///{folder / 'replay.sqlite'}", embedder, FakeLLM())


@pytest.fixture(scope="module")
def replay(tmp_path_factory):
    sessions, chat, reports = _store(tmp_path_factory.mktemp("mgshopdial"), HashingEmbedder())
    dialogues = load_dialogues(DATA)
    results = [turn for dialogue in dialogues for turn in replay_dialogue(sessions, chat, dialogue)]
    return reports, dialogues, results


def _turn(result) -> str:
    return f"{result.conversation} turn {result.turn}: {result.message!r} -> {result.reply!r}"


def test_all_57_listings_are_imported(replay):
    reports, _, _ = replay
    rejected = [
        f"{r.source} record {line}: {reason}" for r in reports for line, reason in r.rejected
    ]
    assert rejected == []
    assert sum(r.created for r in reports) == 57


def test_every_shopper_message_is_answered(replay):
    _, dialogues, results = replay
    assert len(dialogues) == 32
    assert len(results) == sum(len(d.messages) for d in dialogues) > 500
    assert [f"{_turn(r)}: {r.error}" for r in results if r.error] == []


def test_no_answer_states_what_the_database_does_not_hold(replay):
    _, _, results = replay
    assert [f"{_turn(r)}: {'; '.join(r.problems)}" for r in results if r.problems] == []


def test_every_turn_is_classified_and_the_shares_add_up(replay):
    _, _, results = replay
    summary = summarise(results)
    kinds = Counter(r.kind for r in results)
    assert set(kinds) <= set(CLASSES) and sum(kinds.values()) == summary["turns"]
    assert sum(summary["shares"].values()) == pytest.approx(1, abs=0.005)
    # a share of turns ask for products; thanks, "sure" and reactions show none (no re-run)
    assert summary["shares"]["products"] > 0.25


@pytest.mark.slow
def test_a_word_that_names_other_products_than_those_shown_shows_them(tmp_path):
    from catalog.embedding import MiniLMEmbedder

    _, chat, _ = _store(tmp_path, MiniLMEmbedder())
    session_id, _ = chat.open(None)
    for message in ("I need some printer paper", "give me some info about cartridges."):
        *_, last = chat.send(session_id, message)
    cartridges = [c.name for c in last.cards if "cartridge" in c.name.lower()]
    assert len(cartridges) == 3, [c.name for c in last.cards]  # all three, not the papers again
    session_id, _ = chat.open(None)  # a word in a phone's name is no other kind of book
    for message in ("a thriller book", "under $15", "I would prefer an ebook version"):
        *_, last = chat.send(session_id, message)
    assert not last.cards and "doesn't narrow down the books under $15" in last.text


CARD = ProductCard(1, "S", "Pen", None, Decimal("1"), "USD", None, 0, 1, None, "")


@pytest.mark.parametrize(
    "update, kind",
    [
        (TurnUpdate((CARD,), "Here is a pen. Anything else?", True, move="refine"), "products"),
        (
            TurnUpdate((), "Returns are free. Anything else?", True, move="policy"),
            "policy/order answer",
        ),
        (TurnUpdate((), "Order SA-1 shipped.", True, move="order_status"), "policy/order answer"),
        (TurnUpdate((), "Which kind of pen?", True, move="clarify"), "clarifying question"),
        (TurnUpdate((), "What for?", True), "clarifying question"),
        (
            TurnUpdate((), "Hello! What are you looking for today", True, move="clarify"),
            "clarifying question",
        ),
        (TurnUpdate((), "You're welcome.", True, move="acknowledge"), "other"),
    ],
)
def test_turns_are_classified_by_what_they_show(update, kind):
    assert classify(update) == kind
