"""Shared fixtures: a fresh SQLite database per test and a deterministic embedder."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from catalog.db import create_schema, make_engine, session_factory
from catalog.embedding import HashingEmbedder, product_text, to_bytes
from catalog.models import Product

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture
def embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture
def sessions(tmp_path: Path) -> sessionmaker[Session]:
    engine = make_engine(f"sqlite:///{tmp_path / 'catalog.sqlite'}")
    create_schema(engine)
    return session_factory(engine)


@pytest.fixture
def add_products(sessions: sessionmaker[Session],
                 embedder: HashingEmbedder) -> Callable[..., list[Product]]:
    """Insert products given as dicts (defaults fill the rest), embedded by the fake embedder."""

    def add(*rows: dict) -> list[Product]:
        products = []
        for i, row in enumerate(rows):
            values = {"sku": f"T-{i}-{row['name']}"[:60], "brand": "Acme", "category": "Misc",
                      "price": Decimal("10"), "currency": "USD", "description": "",
                      "rating": 4.0, "review_count": 10, "stock": 5, **row}
            values["price"] = Decimal(str(values["price"]))
            text = product_text(values["name"], values["brand"], values["category"],
                                values.get("colour"), values.get("audience"),
                                values["description"])
            products.append(Product(**values, embedding=to_bytes(embedder.embed([text])[0])))
        with sessions() as session:
            session.add_all(products)
            session.commit()
        return products

    return add
