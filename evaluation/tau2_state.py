"""The store's state in τ²-bench retail's own shape, and a fresh τ² store for a benchmark.

`export_state` gives `products`, `users` and `orders` as db.json holds them, so a run can be
compared with τ²'s expected database. The store keeps one tracking number per order, and a
shipment is taken to carry all of the order's items: `fulfillments` is rebuilt from it (exact
for db.json, where every shipped order has one fulfilment of all its items). `build_store`
makes an SQLite file holding the whole τ² store, to be built once and copied per task.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from catalog.db import create_schema, make_engine, session_factory
from catalog.embedding import Embedder
from catalog.models import Order, OrderLine, PaymentKind, PaymentMethod, Product, Shopper
from catalog.tau2_records import STATUS_NAMES
from catalog.tau2_store import import_store


def _money(amount: Decimal) -> float:
    return round(float(amount), 2)


def export_state(sessions: sessionmaker[Session]) -> dict[str, Any]:
    """{"products", "users", "orders"} of the store, keyed by τ² id, in db.json's shape."""
    with sessions() as session:
        products = session.scalars(
            select(Product).options(selectinload(Product.variants)).order_by(Product.id)
        )
        shoppers = session.scalars(
            select(Shopper).options(selectinload(Shopper.payment_methods)).order_by(Shopper.id)
        )
        orders = list(
            session.scalars(
                select(Order)
                .options(
                    selectinload(Order.lines).selectinload(OrderLine.product),
                    selectinload(Order.lines).selectinload(OrderLine.variant),
                    selectinload(Order.payments),
                )
                .order_by(Order.id)
            )
        )
        handles = {
            row.id: row.handle for row in session.execute(select(Shopper.id, Shopper.handle))
        }
        return {
            "products": {p.sku: _product(p) for p in products if p.variants},
            "users": {s.handle: _user(s, orders) for s in shoppers},
            "orders": {o.number: _order(o, handles[o.shopper_id]) for o in orders},
        }


def _product(product: Product) -> dict[str, Any]:
    return {
        "name": product.name,
        "product_id": product.sku,
        "variants": {
            v.item_id: {
                "item_id": v.item_id,
                "options": dict(v.options),
                "available": v.available,
                "price": _money(v.price),
            }
            for v in product.variants
        },
    }


def _user(shopper: Shopper, orders: list[Order]) -> dict[str, Any]:
    first, _, last = shopper.name.partition(" ")
    return {
        "user_id": shopper.handle,
        "name": {"first_name": first, "last_name": last},
        "address": shopper.address,
        "email": shopper.email,
        "payment_methods": {m.method_id: _payment_method(m) for m in shopper.payment_methods},
        "orders": [o.number for o in orders if o.shopper_id == shopper.id],
    }


def _payment_method(method: PaymentMethod) -> dict[str, Any]:
    fields: dict[str, Any] = {"source": method.kind.value, "id": method.method_id}
    if method.kind is PaymentKind.CREDIT_CARD:
        fields |= {"brand": method.brand, "last_four": method.last_four}
    if method.kind is PaymentKind.GIFT_CARD:
        fields["balance"] = _money(method.balance or Decimal(0))
    return fields


def _items(order: Order) -> list[dict[str, Any]]:
    """One item per unit ordered, as τ² lists them."""
    return [
        {
            "name": line.product.name,
            "product_id": line.product.sku,
            "item_id": line.variant.item_id if line.variant else line.product.sku,
            "price": _money(line.unit_price),
            "options": dict(line.variant.options) if line.variant else {},
        }
        for line in order.lines
        for _ in range(line.quantity)
    ]


def _order(order: Order, user_id: str) -> dict[str, Any]:
    items = _items(order)
    state: dict[str, Any] = {
        "order_id": order.number,
        "user_id": user_id,
        "address": order.address,
        "items": items,
        "status": STATUS_NAMES.get(order.status, order.status.value),
        "fulfillments": (
            [{"tracking_id": [order.tracking_number], "item_ids": [i["item_id"] for i in items]}]
            if order.tracking_number
            else []
        ),
        "payment_history": [
            {
                "transaction_type": p.kind,
                "amount": _money(p.amount),
                "payment_method_id": p.method_id,
            }
            for p in order.payments
        ],
    }
    return state | _requested_changes(order)


def _requested_changes(order: Order) -> dict[str, Any]:
    """The optional fields of a cancelled, returned or exchanged order, those that are set."""
    kind = "return" if order.return_item_ids is not None else "exchange"
    optional = {
        "cancel_reason": order.cancel_reason,
        "return_items": order.return_item_ids,
        "exchange_items": order.exchange_item_ids,
        "exchange_new_items": order.exchange_new_item_ids,
        f"{kind}_payment_method_id": order.request_payment_method,
        "exchange_price_difference": (
            None
            if order.exchange_price_difference is None
            else _money(order.exchange_price_difference)
        ),
    }
    return {name: value for name, value in optional.items() if value is not None}


def build_store(path: Path, data_dir: Path, make_embedder: Callable[[], Embedder]) -> None:
    """A fresh SQLite store at `path` (replacing any file there) holding the τ² store in
    `data_dir`: its catalog embedded by `make_embedder()`, customers, orders and policy."""
    path.unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{path}")
    try:
        create_schema(engine)
        with session_factory(engine)() as session:
            import_store(session, data_dir, make_embedder())
            session.commit()
    finally:
        engine.dispose()
