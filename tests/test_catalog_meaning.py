"""Product types by meaning, with the real MiniLM embedder over the demo catalog: a request
that names no category of the catalog takes the one its words point at (no model needed)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from assistant.app.services import Services
from assistant.app.settings import Settings
from assistant.app.wiring import build_assistant, open_database
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
