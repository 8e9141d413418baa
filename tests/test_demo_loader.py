"""Seeding the demo store: the bundled catalog/demo data, and the loader on a tiny demo."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalog.db import create_schema, make_engine, session_factory
from catalog.demo_loader import DEMO_DIR, DemoDataError, parse_policies, resolve_image, seed_demo
from catalog.models import (
    Interaction,
    InteractionKind,
    Order,
    OrderStatus,
    PaymentKind,
    PaymentMethod,
    Policy,
    Product,
    Review,
    Shopper,
)
from evaluation.fakes import HashingEmbedder

NOW = datetime(2026, 1, 15, 12, 0)
ADDRESS = {
    "address1": "1 Quay St",
    "address2": "",
    "city": "Bristol",
    "state": "RI",
    "country": "USA",
    "zip": "02809",
}


@pytest.fixture
def session(catalog_url: str) -> Iterator[Session]:
    """Demo seeding runs on SQLite and on PostgreSQL."""
    engine = make_engine(catalog_url)
    create_schema(engine)
    with session_factory(engine)() as session:
        yield session
    engine.dispose()


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def _tiny_demo(folder: Path, order_sku: str = "SHOE-1") -> Path:
    folder.mkdir()
    products = [
        {
            "sku": "SHOE-1",
            "name": "Trail runner",
            "brand": "Stride",
            "category": "Shoes > Running",
            "price": 89.5,
            "currency": "USD",
            "colour": "blue",
            "sizes": ["8", "9"],
            "audience": "women",
            "stock": 3,
            "image": "images/shoes.svg",
            "description": "Light.",
            "reviews": [{"author": "Ana", "rating": 5, "text": "Great"}],
        },
        {
            "sku": "BAG-1",
            "name": "Day pack",
            "category": "Bags > Backpacks",
            "price": 40,
            "currency": "USD",
            "stock": 9,
            "description": "Roomy.",
        },
    ]
    (folder / "products.jsonl").write_text("".join(json.dumps(p) + "\n" for p in products))
    shoppers = {
        "shoppers": [
            {
                "handle": "maya",
                "name": "Maya",
                "email": "maya@example.com",
                "address": ADDRESS,
                "payment_methods": [
                    {"id": "gift_card_maya", "source": "gift_card", "balance": 15},
                    {
                        "id": "credit_card_maya",
                        "source": "credit_card",
                        "brand": "visa",
                        "last_four": "4242",
                    },
                ],
                "interactions": [
                    {"sku": "SHOE-1", "kind": "like", "value": None, "days_ago": 3},
                    {"sku": "BAG-1", "kind": "rating", "value": 4, "days_ago": 1},
                ],
                "orders": [
                    {
                        "number": "A-1001",
                        "status": "shipped",
                        "days_ago": 2,
                        "carrier": "UPS",
                        "tracking_number": "1Z9",
                        "eta_days": 2,
                        "lines": [{"sku": order_sku, "quantity": 2}],
                    }
                ],
            }
        ]
    }
    (folder / "shoppers.json").write_text(json.dumps(shoppers))
    (folder / "policies.md").write_text(
        "# Store policies\n\nIntro.\n\n## Shipping\nFree over $50.\n\n"
        "## Returns and refunds\n30 days.\n\nKeep the receipt.\n"
    )
    (folder / "images").mkdir()
    (folder / "images" / "shoes.svg").write_text("<svg/>")
    return folder


def test_seed_demo_loads_products_shoppers_orders_and_policies(session, tmp_path):
    demo = _tiny_demo(tmp_path / "demo")
    report = seed_demo(session, HashingEmbedder(), demo_dir=demo, now=NOW)
    assert (report.created, report.rejected) == (2, [])
    assert (_count(session, Product), _count(session, Review), _count(session, Shopper)) == (
        2,
        1,
        1,
    )
    like = session.scalars(
        select(Interaction).where(Interaction.kind == InteractionKind.LIKE)
    ).one()
    assert like.created_at == NOW - timedelta(days=3)
    order = session.scalars(select(Order)).one()
    assert (order.status, order.placed_at, order.estimated_delivery) == (
        OrderStatus.SHIPPED,
        NOW - timedelta(days=2),
        NOW + timedelta(days=2),
    )
    assert order.total == Decimal("179.00") and order.lines[0].unit_price == Decimal("89.50")
    assert order.address == ADDRESS == session.scalars(select(Shopper)).one().address
    assert [(p.kind, p.amount, p.method_id) for p in order.payments] == [
        ("payment", Decimal("179.00"), "credit_card_maya")
    ]
    methods = session.scalars(select(PaymentMethod).order_by(PaymentMethod.id)).all()
    assert [(m.kind, m.last_four, m.balance) for m in methods] == [
        (PaymentKind.GIFT_CARD, None, Decimal("15.00")),
        (PaymentKind.CREDIT_CARD, "4242", None),
    ]
    topics = {p.topic: p for p in session.scalars(select(Policy))}
    assert set(topics) == {"shipping", "returns-and-refunds"}
    assert topics["returns-and-refunds"].body == "30 days.\n\nKeep the receipt."


def test_seed_demo_does_nothing_when_products_exist(session, tmp_path):
    demo = _tiny_demo(tmp_path / "demo")
    seed_demo(session, HashingEmbedder(), demo_dir=demo, now=NOW)
    report = seed_demo(session, HashingEmbedder(), demo_dir=demo, now=NOW)
    assert report.processed == 0
    assert (_count(session, Product), _count(session, Order), _count(session, Policy)) == (2, 1, 2)


def test_seed_demo_refuses_orders_for_unknown_products(session, tmp_path):
    demo = _tiny_demo(tmp_path / "demo", order_sku="GONE-1")
    with pytest.raises(DemoDataError, match="GONE-1"):
        seed_demo(session, HashingEmbedder(), demo_dir=demo, now=NOW)


def test_parse_policies_splits_on_second_level_headings():
    policies = parse_policies("# Title\n\n## Payment options\nCards.\n## Warranty ##\nTwo years.")
    assert [(p.topic, p.title, p.body) for p in policies] == [
        ("payment-options", "Payment options", "Cards."),
        ("warranty", "Warranty", "Two years."),
    ]


def test_resolve_image(tmp_path):
    demo = _tiny_demo(tmp_path / "demo")
    assert resolve_image("images/shoes.svg", demo) == str((demo / "images/shoes.svg").resolve())
    assert resolve_image("https://cdn.example.com/a.jpg", demo) == "https://cdn.example.com/a.jpg"
    assert resolve_image("images/missing.svg", demo) is None
    assert resolve_image("../../etc/passwd", demo) is None
    assert resolve_image(None, demo) is None


@pytest.mark.skipif(
    not (DEMO_DIR / "products.jsonl").exists(),
    reason=f"the bundled demo data is not there yet ({DEMO_DIR}/products.jsonl)",
)
def test_the_bundled_demo_store(session):
    report = seed_demo(session, HashingEmbedder())
    assert report.rejected == [], report.details()
    products = session.scalars(select(Product)).all()
    assert len(products) >= 400
    assert len({p.category.split(" > ")[0] for p in products}) >= 12
    assert all(p.embedding for p in products)
    assert all(resolve_image(p.image) for p in products if p.image)
    assert _count(session, Shopper) and _count(session, Order) and _count(session, Policy)
    for product in products:  # one variant per size, priced and stocked as the product
        assert [v.options for v in product.variants] == [{"size": s} for s in product.size_list]
        assert all(v.price == product.price for v in product.variants)
        assert all(v.available == (product.stock > 0) for v in product.variants)
    for shopper in session.scalars(select(Shopper)):
        kinds = [m.kind for m in shopper.payment_methods]
        assert shopper.address and kinds == [PaymentKind.CREDIT_CARD, PaymentKind.GIFT_CARD]
    for order in session.scalars(select(Order)):
        assert [p.amount for p in order.payments] == [order.total]
    counts = [_count(session, m) for m in (Product, Review, Shopper, Interaction, Order, Policy)]
    assert seed_demo(session, HashingEmbedder()).processed == 0
    assert [
        _count(session, m) for m in (Product, Review, Shopper, Interaction, Order, Policy)
    ] == counts
