"""The τ²-bench retail store through the project's import path: products with variants,
customers, orders, policy; and back out in db.json's shape (`evaluation.tau2_state`)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from catalog.cli import main
from catalog.db import create_schema, make_engine, session_factory
from catalog.importer import import_file
from catalog.models import Order, OrderStatus, PaymentMethod, Policy, Product, Shopper, Variant
from catalog.tau2_store import import_store
from evaluation.fakes import HashingEmbedder
from evaluation.tau2_state import build_store, export_state
from tests.conftest import SHARED_DATA

TAU2 = SHARED_DATA / "tau2-retail"
needs_tau2 = pytest.mark.skipif(not TAU2.exists(), reason=f"τ² store not found at {TAU2}")
ADDRESS = {
    "address1": "1 Main St",
    "address2": "Apt 2",
    "city": "Austin",
    "country": "USA",
    "state": "TX",
    "zip": "78701",
}
POLICY = "# Shop policy\n\nAuthenticate first.\n\n## Returns\n\nWithin 30 days.\n"


def _store() -> dict[str, Any]:
    """A tiny store in db.json's shape: a shirt in three items, one customer, two orders."""
    shirt = {
        "name": "T-Shirt",
        "product_id": "100",
        "variants": {
            "11": {
                "item_id": "11",
                "options": {"color": "blue", "size": "M"},
                "available": True,
                "price": 20.5,
            },
            "12": {
                "item_id": "12",
                "options": {"color": "red", "size": "L"},
                "available": True,
                "price": 18.25,
            },
            "13": {
                "item_id": "13",
                "options": {"color": "green", "size": "S"},
                "available": False,
                "price": 9.0,
            },
        },
    }
    user = {
        "user_id": "ann_lee_1",
        "name": {"first_name": "Ann", "last_name": "Lee"},
        "address": ADDRESS,
        "email": "ann@example.com",
        "payment_methods": {
            "credit_card_1": {
                "source": "credit_card",
                "id": "credit_card_1",
                "brand": "visa",
                "last_four": "4242",
            },
            "gift_card_2": {"source": "gift_card", "id": "gift_card_2", "balance": 35.5},
            "paypal_3": {"source": "paypal", "id": "paypal_3"},
        },
        "orders": ["#W1", "#W2"],
    }
    item = {
        "name": "T-Shirt",
        "product_id": "100",
        "item_id": "11",
        "price": 20.5,
        "options": {"color": "blue", "size": "M"},
    }
    delivered = {
        "order_id": "#W1",
        "user_id": "ann_lee_1",
        "address": ADDRESS,
        "items": [item, dict(item)],
        "status": "return requested",
        "fulfillments": [{"tracking_id": ["555"], "item_ids": ["11", "11"]}],
        "payment_history": [
            {"transaction_type": "payment", "amount": 41.0, "payment_method_id": "credit_card_1"}
        ],
        "return_items": ["11"],
        "return_payment_method_id": "gift_card_2",
    }
    pending = {
        "order_id": "#W2",
        "user_id": "ann_lee_1",
        "address": {**ADDRESS, "city": "Dallas"},
        "items": [dict(item)],
        "status": "pending",
        "fulfillments": [],
        "payment_history": [
            {"transaction_type": "payment", "amount": 20.5, "payment_method_id": "paypal_3"}
        ],
    }
    return {
        "products": {"100": shirt},
        "users": {"ann_lee_1": user},
        "orders": {"#W1": delivered, "#W2": pending},
    }


def _write(folder: Path, store: dict[str, Any]) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "db.json").write_text(json.dumps(store), encoding="utf-8")
    (folder / "policy.md").write_text(POLICY, encoding="utf-8")
    return folder


@pytest.fixture
def sessions(catalog_url: str) -> Iterator[sessionmaker[Session]]:
    """The store imports on SQLite and on PostgreSQL."""
    engine = make_engine(catalog_url)
    create_schema(engine)
    yield session_factory(engine)
    engine.dispose()


def _import(sessions: sessionmaker[Session], folder: Path) -> Any:
    with sessions() as session:
        report = import_store(session, folder, HashingEmbedder())
        session.commit()
    return report


def test_a_product_type_is_one_product_with_its_items_as_variants(sessions, tmp_path):
    _import(sessions, _write(tmp_path / "store", _store()))
    with sessions() as session:
        shirt = session.scalars(select(Product)).one()
        assert (shirt.sku, shirt.name, shirt.category) == ("100", "T-Shirt", "Apparel > Tops")
        assert (shirt.price, shirt.currency, shirt.stock) == (Decimal("18.25"), "USD", 2)
        assert shirt.description == "Available options — color: blue, red; size: M, L"
        assert [(v.item_id, v.price, v.available) for v in shirt.variants] == [
            ("11", Decimal("20.50"), True),
            ("12", Decimal("18.25"), True),
            ("13", Decimal("9.00"), False),
        ]
        assert shirt.embedding is not None


def test_customers_orders_and_policy_are_imported(sessions, tmp_path):
    report = _import(sessions, _write(tmp_path / "store", _store()))
    assert (report.users.created, report.orders.created, report.policies) == (1, 2, 2)
    with sessions() as session:
        ann = session.scalars(select(Shopper)).one()
        assert (ann.handle, ann.name, ann.email, ann.address) == (
            "ann_lee_1",
            "Ann Lee",
            "ann@example.com",
            ADDRESS,
        )
        assert [
            (m.method_id, m.kind.value, m.last_four, m.balance) for m in ann.payment_methods
        ] == [
            ("credit_card_1", "credit_card", "4242", None),
            ("gift_card_2", "gift_card", None, Decimal("35.50")),
            ("paypal_3", "paypal", None, None),
        ]
        returned = session.scalars(select(Order).where(Order.number == "#W1")).one()
        assert returned.status is OrderStatus.RETURN_REQUESTED
        assert [(line.quantity, line.variant.item_id) for line in returned.lines] == [
            (1, "11"),
            (1, "11"),
        ]
        assert (returned.tracking_number, returned.carrier, returned.total) == ("555", None, 41)
        assert (returned.return_item_ids, returned.request_payment_method) == (
            ["11"],
            "gift_card_2",
        )
        assert [(p.kind, p.amount, p.method_id) for p in returned.payments] == [
            ("payment", Decimal("41.00"), "credit_card_1")
        ]
        policies = session.scalars(select(Policy).order_by(Policy.id)).all()
        assert [(p.topic, p.body) for p in policies] == [
            ("shop-policy", "Authenticate first."),
            ("returns", "Within 30 days."),
        ]


def test_the_export_is_the_imported_store(sessions, tmp_path):
    store = _store()
    _import(sessions, _write(tmp_path / "store", store))
    assert export_state(sessions) == store


def test_malformed_records_are_reported_by_position_and_the_rest_imported(sessions, tmp_path):
    store = _store()
    kite = {"item_id": "21", "options": {}, "available": True, "price": 9}
    store["products"]["200"] = {"name": "Kite", "product_id": "200", "variants": {"21": kite}}
    store["users"] = {"broken": {"user_id": "broken"}, **store["users"]}
    store["orders"]["#W2"]["items"][0]["item_id"] = "99"
    store["orders"]["#W3"] = {**store["orders"]["#W1"], "order_id": "#W3", "status": "lost"}
    report = _import(sessions, _write(tmp_path / "store", store))
    assert report.products.rejected == [(2, "category: 'Kite' is not in the lookup")]
    assert report.users.created == 1 and [n for n, _ in report.users.rejected] == [1]
    assert "name is missing" in report.users.rejected[0][1]
    assert report.orders.created == 1
    assert report.orders.rejected[0] == (2, "item 99 of product 100 is not in the catalog")
    assert report.orders.rejected[1][0] == 3 and "status" in report.orders.rejected[1][1]
    with sessions() as session:
        assert session.scalars(select(Order.number)).all() == ["#W1"]


def test_importing_again_updates_in_place(sessions, tmp_path):
    folder = _write(tmp_path / "store", _store())
    _import(sessions, folder)
    with sessions() as session:
        ids = {v.item_id: v.id for v in session.scalars(select(Variant))}
    changed = _store()
    del changed["products"]["100"]["variants"]["12"]  # no longer sold: the orders keep it
    changed["products"]["100"]["variants"]["11"]["price"] = 22.0
    changed["users"]["ann_lee_1"]["payment_methods"]["gift_card_2"]["balance"] = 5.0
    changed["orders"]["#W2"]["status"] = "cancelled"
    changed["orders"]["#W2"]["cancel_reason"] = "no longer needed"
    report = _import(sessions, _write(folder, changed))
    assert (report.products.updated, report.users.updated, report.orders.updated) == (1, 1, 2)
    with sessions() as session:
        shirt = session.scalars(select(Product)).one()
        assert {v.item_id: v.id for v in shirt.variants} == ids
        assert [(v.item_id, v.available) for v in shirt.variants] == [
            ("11", True),
            ("12", False),
            ("13", False),
        ]
        assert (shirt.price, shirt.description) == (
            Decimal("22.00"),
            "Available options — color: blue; size: M",
        )
        assert session.scalar(select(func.count()).select_from(PaymentMethod)) == 3
        assert session.scalar(select(func.count()).select_from(Policy)) == 2
    exported = export_state(sessions)
    assert exported["users"] == changed["users"]
    assert exported["orders"] == changed["orders"]


def test_variants_are_a_field_of_any_catalog(tmp_path):
    path = tmp_path / "products.jsonl"
    rows = [
        {
            "sku": "CAP",
            "name": "Cap",
            "category": "Hats",
            "description": "A cap.",
            "stock": 4,
            "variants": [{"item_id": "CAP-S", "options": {"size": "S"}, "price": 12}],
        },
        {
            "sku": "HAT",
            "name": "Hat",
            "category": "Hats",
            "variants": [{"item_id": "H", "price": 5}, {"item_id": "H", "price": 6}],
        },
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    engine = make_engine(f"sqlite:///{tmp_path / 'shop.sqlite'}")
    create_schema(engine)
    with session_factory(engine)() as session:
        report = import_file(session, path, None, progress=False)
        cap = session.scalars(select(Product)).one()
    assert [(n, reason.split(" (got")[0]) for n, reason in report.rejected] == [
        (2, "variants repeats item ids H")
    ]
    assert (cap.price, cap.stock, cap.description) == (Decimal("12.00"), 4, "A cap.")
    assert [(v.item_id, v.options) for v in cap.variants] == [("CAP-S", {"size": "S"})]


def test_the_command_imports_a_store(tmp_path, capsys):
    folder = _write(tmp_path / "store", _store())
    url = f"sqlite:///{tmp_path / 'shop.sqlite'}"
    argv = ["import-store", str(folder), "--database-url", url, "--no-progress"]
    assert main(argv, make_embedder=HashingEmbedder) == 0
    printed = capsys.readouterr().out
    assert "users: created 1, updated 0, rejected 0" in printed
    assert "orders: created 2, updated 0, rejected 0" in printed
    assert main(["import-store", str(tmp_path), "--database-url", url]) == 1
    assert "no db.json" in capsys.readouterr().err


@needs_tau2
def test_the_tau2_store_round_trips_through_the_catalog(tmp_path):
    """Import db.json, export it again: every product, user and order comes back equal."""
    database = json.loads((TAU2 / "db.json").read_text(encoding="utf-8"))
    path = tmp_path / "tau2.sqlite"
    build_store(path, TAU2, HashingEmbedder)
    exported = export_state(session_factory(make_engine(f"sqlite:///{path}")))
    assert (len(exported["users"]), len(exported["orders"])) == (500, 1000)
    assert exported["products"] == database["products"]
    assert exported["users"] == database["users"]
    assert exported["orders"] == database["orders"]
    build_store(path, TAU2, HashingEmbedder)  # a fresh file, not a second import
    assert export_state(session_factory(make_engine(f"sqlite:///{path}"))) == copy.deepcopy(
        database
    )
