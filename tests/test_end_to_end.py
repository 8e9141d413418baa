"""The whole path with real parts: the packaged model, MiniLM, SQLite and the demo catalog."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from assistant.app.settings import Settings
from catalog.db import make_engine, session_factory
from catalog.models import Product

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("e2e"))


@pytest.fixture(scope="module")
def real_assistant(settings):
    from assistant.app.wiring import build_assistant

    return build_assistant(settings)


def test_three_turns_with_the_real_model(real_assistant, settings):
    sessions = session_factory(make_engine(settings.resolved_database_url))
    conversation = real_assistant.new_conversation()
    shown: list[list[Product]] = []
    for message in ["running shoes for men under $100", "in black", "cheaper"]:
        updates = list(real_assistant.respond(conversation, message))
        final = updates[-1]
        assert final.done and final.text.strip(), message
        if message == "cheaper" and "were the cheapest" in final.text:
            assert not cheaper_black_shoes(sessions, min(p.price for p in shown[1])), final.text
            return  # true: the cheapest were already on screen
        assert final.cards and updates[0].cards == final.cards, "cards come first and stay"
        # Product prices carry cents; whole-dollar amounts are the shopper's own limits.
        prices = re.findall(r"\$(\d[\d,]*\.\d\d)", final.text)
        stated = [Decimal(p.replace(",", "")) for p in prices]
        assert set(stated) <= {c.price for c in final.cards}, final.text
        ids = [card.product_id for card in final.cards]
        with sessions() as session:
            shown.append(list(session.scalars(select(Product).where(Product.id.in_(ids)))))
        for product in shown[-1]:
            assert product.category == "Shoes > Running"
            assert product.audience in ("men", "unisex")
            assert product.price <= 100
    assert all(p.colour == "black" for p in shown[1] + shown[2])
    assert max(p.price for p in shown[2]) < min(p.price for p in shown[1])


def cheaper_black_shoes(sessions, below: Decimal) -> list[str]:
    """Black men's or unisex running shoes in stock for less than `below`."""
    with sessions() as session:
        return list(
            session.scalars(
                select(Product.name).where(
                    Product.category == "Shoes > Running",
                    Product.colour == "black",
                    Product.audience.in_(["men", "unisex"]),
                    Product.stock > 0,
                    Product.price < below,
                )
            )
        )
