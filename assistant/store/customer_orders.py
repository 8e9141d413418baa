"""A verified customer's orders, items, product options and payment methods, read for the
service desk: what their words ("the blue kettle", "my gift card") can point at."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from assistant.store.order_changes import line_item_id, method_text
from assistant.understanding.change_request import Address
from catalog.models import Order, OrderLine, OrderStatus, Product, Shopper


@dataclass(frozen=True)
class VariantFacts:
    item_id: str
    options: tuple[tuple[str, str], ...]
    available: bool


@dataclass(frozen=True)
class LineFacts:
    item_id: str
    name: str
    options: tuple[tuple[str, str], ...]
    price: Decimal
    variants: tuple[VariantFacts, ...]  # every option of the line's product


@dataclass(frozen=True)
class OrderFacts:
    number: str
    status: OrderStatus
    lines: tuple[LineFacts, ...]
    paid_with: str | None  # the method id of the first payment
    paid: Decimal  # payments less refunds
    tracking_number: str | None
    ships_to: str | None  # the shipping address, written out
    returning: tuple[str, ...] = ()  # item ids of a requested return


@dataclass(frozen=True)
class MethodFacts:
    method_id: str
    kind: str
    brand: str | None
    last_four: str | None
    text: str  # "your Visa card ending in 1234"
    balance: Decimal | None = None  # a gift card's


@dataclass(frozen=True)
class CustomerFacts:
    orders: tuple[OrderFacts, ...]  # newest first
    methods: tuple[MethodFacts, ...]


class CustomerOrders:
    """Reads one customer's orders and payment methods."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def facts(self, shopper_id: int) -> CustomerFacts:
        with self._sessions() as db:
            shopper = db.get_one(Shopper, shopper_id)
            orders = db.scalars(
                select(Order)
                .where(Order.shopper_id == shopper_id)
                .options(
                    selectinload(Order.lines)
                    .selectinload(OrderLine.product)
                    .selectinload(Product.variants),
                    selectinload(Order.lines).selectinload(OrderLine.variant),
                    selectinload(Order.payments),
                )
                .order_by(Order.placed_at.desc(), Order.id.desc())
            )
            return CustomerFacts(
                tuple(_order(order) for order in orders),
                tuple(
                    MethodFacts(
                        m.method_id,
                        m.kind.value,
                        m.brand,
                        m.last_four,
                        method_text(m, balance=True),
                        m.balance,
                    )
                    for m in shopper.payment_methods
                ),
            )


def _order(order: Order) -> OrderFacts:
    signed = [p.amount if p.kind == "payment" else -p.amount for p in order.payments]
    return OrderFacts(
        order.number,
        order.status,
        tuple(_line(line) for line in order.lines),
        order.payments[0].method_id if order.payments else None,
        sum(signed, Decimal("0.00")),
        order.tracking_number,
        Address(**order.address).text if order.address else None,
        tuple(order.return_item_ids or ()),
    )


def _line(line: OrderLine) -> LineFacts:
    return LineFacts(
        line_item_id(line),
        line.product.name,
        tuple(line.variant.options.items()) if line.variant else (),
        line.unit_price,
        tuple(
            VariantFacts(v.item_id, tuple(v.options.items()), v.available)
            for v in line.product.variants
        ),
    )
