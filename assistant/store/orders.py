"""Orders of the session's signed-in shopper: placing one from the cart, and looking them up.

Identity comes only from the chat session (the demo shopper picked in the page); an order
number typed in a message is looked up among that shopper's own orders and nowhere else, so
no shopper can see another's order — not even whether a number exists.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from assistant.store.cart import CartError
from assistant.store.chat_session import chat_session
from assistant.translation.speaking import _, ngettext
from catalog.db import write
from catalog.models import (
    CartLine,
    Interaction,
    InteractionKind,
    Order,
    OrderLine,
    OrderStatus,
    Product,
)

RECENT_ORDERS = 3


class SignInNeeded(LookupError):
    """The session has no signed-in shopper, so it has no orders."""


@dataclass(frozen=True)
class OrderLineView:
    name: str
    quantity: int
    unit_price: Decimal


@dataclass(frozen=True)
class OrderView:
    number: str
    status: OrderStatus
    placed_at: datetime
    carrier: str | None
    tracking_number: str | None
    estimated_delivery: datetime | None
    currency: str
    lines: tuple[OrderLineView, ...]

    @property
    def total(self) -> Decimal:
        return sum((line.unit_price * line.quantity for line in self.lines), Decimal("0.00"))


class OrderDesk:
    """Checkout and order look-up for chat sessions."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def place(self, session_id: str) -> OrderView:
        """Turn the session's cart into an order at today's prices; the cart is emptied.

        `SignInNeeded` for a guest, `CartError` (readable) for an empty cart or short stock.
        """

        def place(db: Session) -> OrderView:
            shopper_id = self._shopper_id(db, session_id)
            lines = list(
                db.scalars(
                    select(CartLine).where(CartLine.session_id == session_id).order_by(CartLine.id)
                )
            )
            if not lines:
                raise CartError(_("Your cart is empty, so there is nothing to check out yet."))
            order = Order(
                number=self._new_number(db),
                shopper_id=shopper_id,
                status=OrderStatus.PLACED,
                placed_at=datetime.now(),
            )
            for line in lines:
                product = db.get_one(Product, line.product_id)
                if line.quantity > product.stock:
                    raise CartError(
                        ngettext(  # English says it alike for one and for many
                            "Sorry, only {count} of {name} left in stock — please change the "
                            "quantity and try again.",
                            "Sorry, only {count} of {name} left in stock — please change the "
                            "quantity and try again.",
                            product.stock,
                        ).format(count=product.stock, name=product.name)
                    )
                product.stock -= line.quantity
                order.lines.append(
                    OrderLine(
                        product_id=product.id, quantity=line.quantity, unit_price=product.price
                    )
                )
                db.add(
                    Interaction(
                        shopper_id=shopper_id,
                        product_id=product.id,
                        kind=InteractionKind.PURCHASE,
                        chat_session_id=session_id,
                    )
                )
                db.delete(line)
            db.add(order)
            db.flush()
            return _view(order)

        return write(self._sessions, place)

    def find(self, session_id: str, number: str | None) -> list[OrderView]:
        """The shopper's order with `number`, or their most recent orders; [] if none match."""
        with self._sessions() as db:
            shopper_id = self._shopper_id(db, session_id)
            query = (
                select(Order)
                .options(selectinload(Order.lines).selectinload(OrderLine.product))
                .where(Order.shopper_id == shopper_id)
                .order_by(Order.placed_at.desc())
            )
            if number:
                query = query.where(Order.number == number.upper())
            return [_view(order) for order in db.scalars(query.limit(RECENT_ORDERS))]

    @staticmethod
    def _shopper_id(db: Session, session_id: str) -> int:
        shopper_id = chat_session(db, session_id).shopper_id
        if shopper_id is None:
            raise SignInNeeded(session_id)
        return shopper_id

    @staticmethod
    def _new_number(db: Session) -> str:
        while True:
            number = f"SA-{secrets.randbelow(900_000) + 100_000}"
            if db.scalar(select(Order.id).where(Order.number == number)) is None:
                return number


def _view(order: Order) -> OrderView:
    currency = order.lines[0].product.currency if order.lines else "USD"
    return OrderView(
        number=order.number,
        status=order.status,
        placed_at=order.placed_at,
        carrier=order.carrier,
        tracking_number=order.tracking_number,
        estimated_delivery=order.estimated_delivery,
        currency=currency,
        lines=tuple(
            OrderLineView(line.product.name, line.quantity, line.unit_price) for line in order.lines
        ),
    )
