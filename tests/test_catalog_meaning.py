"""Meaning, with the real MiniLM embedder over the demo catalog (no model needed): a request
that names no category of the catalog takes the one its words point at, and attributes said in
other words are read as the catalog's keys."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from assistant.app.services import Services
from assistant.app.settings import Settings
from assistant.app.wiring import build_assistant, open_database
from assistant.facts.knowledge import load_knowledge
from assistant.understanding.parsing import parse_message
from catalog.embedding import MiniLMEmbedder
from catalog.models import Product
from evaluation.fakes import FakeLLM

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def chat(tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("meaning"), load_demo_catalog=True)
    sessions = open_database(settings)
    assistant = build_assistant(
        settings, llm=FakeLLM(), embedder=MiniLMEmbedder(), sessions=sessions
    )
    return Services.over(assistant, sessions).chat, sessions


@pytest.fixture(scope="module")
def vocabulary(chat):
    _, sessions = chat
    with sessions() as db:
        return load_knowledge(db, MiniLMEmbedder()).vocabulary


@pytest.mark.parametrize(
    ("message", "category", "facets"),
    [
        ("a crossbody purse", "Bags & Accessories > Handbags", []),
        ("a warm sweater", "Apparel > Hoodies & Sweatshirts", []),
        (
            "security camera that can see in the dark",
            "Electronics > Smart Home",
            ["night_vision=true"],
        ),
        ("a journal that lies flat when open", "Office > Notebooks & Paper", ["lay_flat=true"]),
        (
            "coffee machine that switches itself off",
            "Home & Kitchen > Coffee Makers",
            ["auto_off=true"],
        ),
        ("who won the football last night?", None, []),  # no kind from a top level's meaning
    ],
)
def test_kinds_and_attributes_said_in_other_words(vocabulary, message, category, facets):
    parsed = parse_message(message, vocabulary)
    assert (parsed.slots.category, parsed.slots.facets) == (category, facets)


@pytest.mark.parametrize(
    ("message", "category"),
    [
        ("warm winter coat for my wife, she's always cold, budget 250", "Apparel > Jackets"),
        ("cushioned running socks", "Sports & Outdoors > Running Accessories"),
    ],
)
def test_a_word_the_catalog_lacks_finds_its_kind(chat, message, category):
    service, sessions = chat
    session_id, _ = service.open(None)
    last = list(service.send(session_id, message))[-1]
    assert last.cards, last.text
    ids = [card.product_id for card in last.cards]
    with sessions() as db:
        categories = set(db.scalars(select(Product.category).where(Product.id.in_(ids))))
    assert categories == {category}, last.text
    assert "always" not in last.text and "she's" not in last.text
