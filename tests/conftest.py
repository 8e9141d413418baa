"""Shared fixtures: a fresh SQLite database per test, a deterministic embedder, the demo
catalog's vocabulary with the multilingual readers."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.understanding.vocabulary import CatalogVocabulary
from catalog.db import create_schema, make_engine, session_factory
from catalog.demo_loader import DEMO_DIR, demo_database
from catalog.embedding import product_text, to_bytes
from catalog.facets import FacetCatalog
from catalog.models import Product
from catalog.multilingual_embedding import MultilingualEmbedder
from evaluation.dialogue_suite import FAKE_EMBEDDER, FakeModels, fake_manager
from evaluation.fakes import HashingEmbedder
from evaluation.multilingual_queries import DEMO_PRODUCTS
from tests.browser_pages import CHROMIUM, CHROMIUM_ARGS
from tests.databases import fresh_database, postgres_server

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture
def embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture
def sessions(tmp_path: Path) -> sessionmaker[Session]:
    engine = make_engine(f"sqlite:///{tmp_path / 'catalog.sqlite'}")
    create_schema(engine)
    return session_factory(engine)


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def catalog_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of each kind the catalog runs on: SQLite and PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'catalog.sqlite'}"
        return
    with fresh_database(request.getfixturevalue("postgres_admin_url")) as url:
        yield url


@pytest.fixture
def catalog_sessions(catalog_url: str) -> Iterator[sessionmaker[Session]]:
    """Sessions on a fresh catalog schema, on SQLite and on PostgreSQL."""
    engine = make_engine(catalog_url)
    create_schema(engine)
    yield session_factory(engine)
    engine.dispose()


@pytest.fixture
def add_products(
    sessions: sessionmaker[Session], embedder: HashingEmbedder
) -> Callable[..., list[Product]]:
    """Insert products given as dicts (defaults fill the rest), embedded by the fake embedder."""

    def add(*rows: dict) -> list[Product]:
        products = []
        for i, row in enumerate(rows):
            values = {
                "sku": f"T-{i}-{row['name']}"[:60],
                "brand": "Acme",
                "category": "Misc",
                "price": Decimal("10"),
                "currency": "USD",
                "description": "",
                "rating": 4.0,
                "review_count": 10,
                "stock": 5,
                **row,
            }
            values["price"] = Decimal(str(values["price"]))
            text = product_text(
                values["name"],
                values["brand"],
                values["category"],
                values.get("colour"),
                values.get("audience"),
                values["description"],
            )
            products.append(Product(**values, embedding=to_bytes(embedder.embed([text])[0])))
        with sessions() as session:
            session.add_all(products)
            session.commit()
        return products

    return add


EMBEDDER = FAKE_EMBEDDER


@pytest.fixture(scope="session")
def demo_sessions(tmp_path_factory):
    if not (DEMO_DIR / "products.jsonl").exists():
        pytest.skip("the demo catalog is not generated")
    return demo_database(tmp_path_factory.mktemp("demo"), EMBEDDER)


class Harness:
    """A dialogue manager over the demo catalog with separate fakes for intent and reply."""

    def __init__(self, sessions) -> None:
        self.sessions = sessions
        self.models = FakeModels()
        self.manager = fake_manager(sessions, self.models)
        self.conversation = self.manager.new_conversation()

    def turn(
        self,
        say: str,
        model_intent: str | Exception | None = None,
        model_reply: str | Exception | None = None,
    ) -> list:
        """All streamed updates of one turn; a model with nothing queued fails its call."""
        self.models.feed(model_intent, model_reply)
        updates = list(self.manager.respond(self.conversation, say))
        assert updates and updates[-1].done and not any(u.done for u in updates[:-1])
        return updates

    def products(self, ids) -> list[Product]:
        with self.sessions() as session:
            found = {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(ids)))}
        return [found[i] for i in ids]


@pytest.fixture
def harness(demo_sessions) -> Harness:
    return Harness(demo_sessions)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's headless Chromium, driven by Playwright (skipped without the package)."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the playwright package is missing (pip install -e '.[test]')"
    )
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def demo_rows() -> list[dict]:
    """The demo catalog's products as they are shipped."""
    return [json.loads(line) for line in DEMO_PRODUCTS.read_text("utf-8").splitlines() if line]


@pytest.fixture(scope="session")
def demo_facets(demo_rows: list[dict]) -> FacetCatalog:
    return FacetCatalog.derive([(r["category"], r.get("attributes")) for r in demo_rows])


@pytest.fixture(scope="session")
def multilingual_vocabulary(demo_rows: list[dict]) -> CatalogVocabulary:
    """The demo catalog's vocabulary with the zh/es/fr readers (multilingual USE)."""
    return CatalogVocabulary.from_catalog(
        sorted({r["brand"] for r in demo_rows if r.get("brand")}),
        sorted({r["category"] for r in demo_rows}),
        [(r["name"], r["category"]) for r in demo_rows],
        [(r["category"], r.get("attributes")) for r in demo_rows],
        embedder=HashingEmbedder(),
        multilingual=MultilingualEmbedder(),
    )
