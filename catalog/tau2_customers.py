"""Import τ²-bench's customers and orders: users as shoppers with their saved payment methods,
orders with their lines (one per item, with its variant), payments and requested changes.

Both are upserted by their τ² ids (shopper handle, payment method id, order number). A record
that fails validation, or an order naming an unknown customer or item, is rejected with its
position and reason; every other record is imported. The caller commits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalog import tau2_records as records
from catalog.importer import describe_errors
from catalog.models import (
    Order,
    OrderLine,
    OrderPayment,
    PaymentKind,
    PaymentMethod,
    Shopper,
    Variant,
)

RecordT = TypeVar("RecordT", bound=BaseModel)


@dataclass
class RecordsReport:
    """What importing one section (users, orders) did; rejections by record position."""

    section: str
    created: int = 0
    updated: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.section}: created {self.created}, updated {self.updated}, "
            f"rejected {len(self.rejected)}"
        )

    def details(self) -> list[str]:
        return [f"rejected {self.section} record {n}: {reason}" for n, reason in self.rejected]


def _validated(
    model: type[RecordT], data: Mapping[str, Any], report: RecordsReport
) -> list[RecordT]:
    """The records that validate; the others rejected with their position (from 1)."""
    valid = []
    for position, item in enumerate(data.values(), 1):
        try:
            valid.append(model.model_validate(item))
        except ValidationError as exc:
            report.rejected.append((position, describe_errors(exc)))
    return valid


def import_users(session: Session, users: Mapping[str, Any]) -> RecordsReport:
    """Upsert every valid user as a `Shopper` with its `PaymentMethod`s."""
    report = RecordsReport("users")
    shoppers = {s.handle: s for s in session.scalars(select(Shopper))}
    methods = {m.method_id: m for m in session.scalars(select(PaymentMethod))}
    for user in _validated(records.User, users, report):
        shopper = shoppers.get(user.user_id)
        if shopper is None:
            shopper = shoppers[user.user_id] = Shopper(handle=user.user_id)
            session.add(shopper)
            report.created += 1
        else:
            report.updated += 1
        shopper.name = f"{user.name.first_name} {user.name.last_name}"
        shopper.email = user.email
        shopper.address = user.address.model_dump()
        for source in user.payment_methods.values():
            method = methods.get(source.id)
            if method is None:
                method = methods[source.id] = PaymentMethod(method_id=source.id)
                session.add(method)
            method.shopper = shopper
            method.kind = PaymentKind(source.source)
            method.brand, method.last_four = source.brand, source.last_four
            method.balance = source.balance
    session.flush()
    return report


def import_orders(
    session: Session, orders: Mapping[str, Any], placed_at: datetime
) -> RecordsReport:
    """Upsert every valid order whose customer and items the store knows."""
    report = RecordsReport("orders")
    shoppers = {s.handle: s for s in session.scalars(select(Shopper))}
    variants = {
        v.item_id: v
        for v in session.scalars(select(Variant).options(selectinload(Variant.product)))
    }
    existing = {o.number: o for o in session.scalars(select(Order))}
    positions = {order_id: n for n, order_id in enumerate(orders, 1)}
    for data in _validated(records.Order, orders, report):
        problem = _unknown(data, shoppers, variants)
        if problem:
            report.rejected.append((positions[data.order_id], problem))
            continue
        order = existing.get(data.order_id)
        if order is None:
            order = existing[data.order_id] = Order(number=data.order_id, placed_at=placed_at)
            session.add(order)
            report.created += 1
        else:
            report.updated += 1
        _fill(order, data, shoppers[data.user_id], variants)
    report.rejected.sort()
    session.flush()
    return report


def _unknown(
    data: records.Order, shoppers: Mapping[str, Shopper], variants: Mapping[str, Variant]
) -> str | None:
    """Why an order cannot be stored: an unknown customer or item, if any."""
    if data.user_id not in shoppers:
        return f"unknown user {data.user_id!r}"
    for item in data.items:
        variant = variants.get(item.item_id)
        if variant is None or variant.product.sku != item.product_id:
            return f"item {item.item_id} of product {item.product_id} is not in the catalog"
    return None


def _fill(
    order: Order, data: records.Order, shopper: Shopper, variants: Mapping[str, Variant]
) -> None:
    order.shopper_id = shopper.id
    order.status = records.TAU2_STATUSES[data.status]
    order.address = data.address.model_dump()
    order.carrier = None
    tracking = [t for f in data.fulfillments for t in f.tracking_id]
    order.tracking_number = tracking[0] if tracking else None
    order.lines = [
        OrderLine(
            product_id=variants[item.item_id].product_id,
            variant_id=variants[item.item_id].id,
            quantity=1,
            unit_price=item.price,
        )
        for item in data.items
    ]
    order.payments = [
        OrderPayment(kind=p.transaction_type, amount=p.amount, method_id=p.payment_method_id)
        for p in data.payment_history
    ]
    order.cancel_reason = data.cancel_reason
    order.return_item_ids = data.return_items
    order.exchange_item_ids = data.exchange_items
    order.exchange_new_item_ids = data.exchange_new_items
    order.request_payment_method = data.return_payment_method_id or data.exchange_payment_method_id
    order.exchange_price_difference = data.exchange_price_difference
