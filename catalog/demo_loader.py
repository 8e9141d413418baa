"""Seed the bundled demo store (catalog/demo/) into an empty catalog, and find demo images.

The demo is: `products.jsonl` (imported with the identity mapping), `shoppers.json` (shoppers
with their address, payment methods, interactions and orders, times given as days before now;
an order ships to the shopper's address and is paid in full by their first credit card) and
`policies.md` (one `## Heading` section per store policy). Seeding does nothing when the
catalog has products.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from catalog.db import create_schema, make_engine, session_factory
from catalog.embedding import Embedder
from catalog.importer import ImportReport, import_file
from catalog.models import (
    Interaction,
    InteractionKind,
    Order,
    OrderLine,
    OrderPayment,
    OrderStatus,
    PaymentKind,
    PaymentMethod,
    Policy,
    Product,
    Shopper,
    Variant,
)

DEMO_DIR = Path(__file__).resolve().parent / "demo"


class DemoDataError(ValueError):
    """The bundled demo files contradict each other (e.g. an order for an unknown SKU)."""


def _utc_now() -> datetime:
    """Naive UTC, like the database's own `CURRENT_TIMESTAMP` defaults."""
    return datetime.now(UTC).replace(tzinfo=None)


def demo_database(folder: Path, embedder: Embedder) -> sessionmaker[Session]:
    """A fresh SQLite file in `folder` holding the bundled demo store."""
    engine = make_engine(f"sqlite:///{folder / 'demo.sqlite'}")
    create_schema(engine)
    sessions = session_factory(engine)
    with sessions() as session:
        seed_demo(session, embedder)
    return sessions


def seed_demo(
    session: Session,
    embedder: Embedder,
    *,
    demo_dir: Path = DEMO_DIR,
    progress: bool = False,
    now: datetime | None = None,
) -> ImportReport:
    """Load the demo store when the products table is empty, and commit; else do nothing.

    Returns the product import's report (an empty one when nothing was seeded).
    """
    if session.scalar(select(Product.id).limit(1)) is not None:
        return ImportReport(source=str(demo_dir / "products.jsonl"))
    now = now or _utc_now()
    report = import_file(session, demo_dir / "products.jsonl", embedder, progress=progress)
    products = {p.sku: p for p in session.scalars(select(Product))}
    shoppers_file = demo_dir / "shoppers.json"
    if shoppers_file.exists():
        shoppers = json.loads(shoppers_file.read_text(encoding="utf-8"))["shoppers"]
        for data in shoppers:
            _add_shopper(session, data, products, now)
    policies_file = demo_dir / "policies.md"
    if policies_file.exists():
        session.add_all(parse_policies(policies_file.read_text(encoding="utf-8")))
    session.commit()
    return report


def _product(products: dict[str, Product], sku: str, who: str) -> Product:
    if sku not in products:
        raise DemoDataError(f"demo shopper {who!r} refers to unknown SKU {sku!r}")
    return products[sku]


def _add_shopper(
    session: Session, data: dict[str, Any], products: dict[str, Product], now: datetime
) -> Shopper:
    """One shopper with their interactions and orders (needs the products flushed)."""
    handle = data["handle"]
    shopper = Shopper(
        handle=handle, name=data["name"], email=data.get("email"), address=data.get("address")
    )
    shopper.payment_methods = [
        _payment_method(method) for method in data.get("payment_methods", [])
    ]
    session.add(shopper)
    session.flush()
    for item in data.get("interactions", []):
        session.add(
            Interaction(
                shopper_id=shopper.id,
                product_id=_product(products, item["sku"], handle).id,
                kind=InteractionKind(item["kind"]),
                value=item.get("value"),
                created_at=now - timedelta(days=item.get("days_ago", 0)),
            )
        )
    for order in data.get("orders", []):
        session.add(_order(order, shopper, products, now))
    return shopper


def _variant(product: Product, options: dict[str, str] | None) -> Variant | None:
    """The product's variant with exactly these options (a size bought); None for none given."""
    if not options:
        return None
    for variant in product.variants:
        if variant.options == options:
            return variant
    raise ValueError(f"{product.sku} has no variant with {options}")


def _payment_method(data: dict[str, Any]) -> PaymentMethod:
    return PaymentMethod(
        method_id=data["id"],
        kind=PaymentKind(data["source"]),
        brand=data.get("brand"),
        last_four=data.get("last_four"),
        balance=data.get("balance"),
    )


def _paid_in_full(order: Order, shopper: Shopper) -> list[OrderPayment]:
    """One payment of the order's total by the shopper's first credit card, if they have one."""
    cards = [m for m in shopper.payment_methods if m.kind is PaymentKind.CREDIT_CARD]
    if not cards:
        return []
    return [OrderPayment(kind="payment", amount=order.total, method_id=cards[0].method_id)]


def _order(
    data: dict[str, Any], shopper: Shopper, products: dict[str, Product], now: datetime
) -> Order:
    eta = data.get("eta_days")
    lines = []
    for line in data["lines"]:
        product = _product(products, line["sku"], shopper.handle)
        variant = _variant(product, line.get("options"))
        lines.append(
            OrderLine(
                product_id=product.id,
                variant_id=variant.id if variant else None,
                quantity=line.get("quantity", 1),
                unit_price=variant.price if variant else product.price,
            )
        )
    order = Order(
        number=data["number"],
        shopper_id=shopper.id,
        status=OrderStatus(data["status"]),
        placed_at=now - timedelta(days=data.get("days_ago", 0)),
        carrier=data.get("carrier"),
        tracking_number=data.get("tracking_number"),
        estimated_delivery=None if eta is None else now + timedelta(days=eta),
        address=shopper.address,
        lines=lines,
    )
    order.payments = _paid_in_full(order, shopper)
    return order


def _sections(markdown: str) -> Iterator[tuple[str, str]]:
    """(heading, body) for every `## Heading` section; text before the first is skipped."""
    parts = re.split(r"^##[ \t]+(.+?)[ \t#]*$", markdown, flags=re.MULTILINE)
    for heading, body in zip(parts[1::2], parts[2::2], strict=True):
        yield heading.strip(), body.strip()


def parse_policies(markdown: str) -> list[Policy]:
    """One `Policy` per section: topic "returns-and-refunds" from "## Returns and refunds"."""
    return [
        Policy(topic="-".join(heading.lower().split()), title=heading, body=body)
        for heading, body in _sections(markdown)
    ]


def resolve_image(image: str | None, demo_dir: Path = DEMO_DIR) -> str | None:
    """Where the UI finds a product image: URLs unchanged, demo-relative paths as local files.

    Returns None when there is no image, the file does not exist, or a relative path would
    leave the demo folder.
    """
    if not image:
        return None
    if image.startswith(("http://", "https://")):
        return image
    path = Path(image).expanduser()
    if not path.is_absolute():
        root = demo_dir.resolve()
        path = (root / path).resolve()
        if not path.is_relative_to(root):
            return None
    return str(path) if path.is_file() else None
