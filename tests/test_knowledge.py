"""Catalog knowledge follows the catalog: products imported while the assistant runs are known."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from assistant.facts.knowledge import CurrentKnowledge
from catalog.importer import import_file
from catalog.models import Product
from evaluation.dialogue_suite import FAKE_EMBEDDER, FakeModels, fake_manager


def import_products(sessions, tmp_path: Path, *rows: dict) -> None:
    path = tmp_path / "import.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    with sessions() as session:
        report = import_file(session, path, FAKE_EMBEDDER, progress=False)
        session.commit()
    assert report.created == len(rows) and not report.rejected


def shoe(sku: str, brand: str) -> dict:
    return {
        "sku": sku,
        "name": f"{brand} Cloud runner",
        "brand": brand,
        "category": "Shoes > Running",
        "price": 90,
        "stock": 3,
    }


def test_the_next_turn_knows_a_brand_imported_after_start_up(sessions, tmp_path) -> None:
    import_products(sessions, tmp_path, shoe("S-1", "Stride"))
    assistant = fake_manager(sessions, FakeModels())
    import_products(sessions, tmp_path, shoe("Z-1", "Zephyrix"))

    conversation = assistant.new_conversation()
    *_, last = assistant.respond(conversation, "zephyrix running shoes")
    assert conversation.state.request is not None
    assert conversation.state.request.brands == ("Zephyrix",)  # a brand filter, not a keyword
    assert [card.brand for card in last.cards] == ["Zephyrix"]


def test_knowledge_is_reloaded_only_when_the_search_revision_moves(
    sessions, add_products, tmp_path
) -> None:
    add_products({"name": "Trail shoe", "brand": "Stride"})
    current = CurrentKnowledge(sessions)
    before = current()
    with sessions.begin() as session:  # prices are no part of the knowledge
        session.scalar(select(Product)).price = Decimal("12.50")
    assert current() is before

    import_products(sessions, tmp_path, shoe("Z-1", "Zephyrix"))
    after = current()
    assert after is not before and current() is after
    assert "Zephyrix" in after.vocabulary.brands and "Zephyrix" not in before.vocabulary.brands
