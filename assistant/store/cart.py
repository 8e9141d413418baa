"""The cart of a chat session: lines in the database, totals computed here from real prices.

Used by the chat page, the widget and the HTTP API, and meant for the dialogue's cart moves
too. Every change is checked against the product's current stock; a refusal is a `CartError`
whose message the shopper can read. Prices are never stored in the cart: each view reads them
from the products, so totals are always today's, summed in `Decimal`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, sessionmaker

from assistant.facts.money import format_price
from assistant.store.chat_session import chat_session
from assistant.translation.speaking import _, ngettext
from catalog.db import write
from catalog.models import CartLine, Interaction, InteractionKind, Product

MAX_QUANTITY = 99


class CartError(ValueError):
    """A cart change that cannot be made; `str(error)` is written for the shopper."""


@dataclass(frozen=True)
class CartItem:
    product_id: int
    sku: str
    name: str
    brand: str | None
    unit_price: Decimal
    currency: str
    quantity: int
    stock: int

    @property
    def line_total(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass(frozen=True)
class Cart:
    items: tuple[CartItem, ...]

    @property
    def currency(self) -> str:
        return self.items[0].currency if self.items else "USD"

    @property
    def item_count(self) -> int:
        return sum(item.quantity for item in self.items)

    @property
    def subtotal(self) -> Decimal:
        return sum((item.line_total for item in self.items), Decimal("0.00"))

    @property
    def subtotal_text(self) -> str:
        return format_price(self.subtotal, self.currency)


class CartService:
    """Add, change and remove cart lines of a chat session."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def view(self, session_id: str) -> Cart:
        with self._sessions() as db:
            return self._cart(db, session_id)

    def add(self, session_id: str, product_id: int, quantity: int = 1) -> Cart:
        """Put `quantity` more of a product in the cart (a CART interaction for the session's
        shopper, which personalisation reads)."""

        def add(db: Session) -> Cart:
            line = self._line(db, session_id, product_id)
            current = line.quantity if line else 0
            cart = self._set(db, session_id, product_id, current + quantity)
            db.add(
                Interaction(
                    shopper_id=chat_session(db, session_id).shopper_id,
                    product_id=product_id,
                    kind=InteractionKind.CART,
                    chat_session_id=session_id,
                )
            )
            return cart

        return write(self._sessions, add)

    def set_quantity(self, session_id: str, product_id: int, quantity: int) -> Cart:
        """Make the cart hold exactly `quantity` of a product; 0 removes it."""
        return write(self._sessions, lambda db: self._set(db, session_id, product_id, quantity))

    def remove(self, session_id: str, product_id: int) -> Cart:
        return self.set_quantity(session_id, product_id, 0)

    def _set(self, db: Session, session_id: str, product_id: int, quantity: int) -> Cart:
        chat_session(db, session_id)
        product = db.get(Product, product_id)
        if product is None:
            raise CartError(_("That product is no longer in the shop."))
        line = self._line(db, session_id, product_id)
        if quantity <= 0:
            if line is not None:
                db.delete(line)
            db.flush()
            return self._cart(db, session_id)
        self._check(db, session_id, product, quantity)
        if line is None:
            db.add(CartLine(session_id=session_id, product_id=product_id, quantity=quantity))
        else:
            line.quantity = quantity
        db.flush()
        return self._cart(db, session_id)

    def _check(self, db: Session, session_id: str, product: Product, quantity: int) -> None:
        if product.stock <= 0:
            raise CartError(_("Sorry, {name} is out of stock.").format(name=product.name))
        if quantity > product.stock:
            left = ngettext(  # one sentence in English, a form per count in the others
                "Sorry, only {count} of {name} left in stock.",
                "Sorry, only {count} of {name} left in stock.",
                product.stock,
            )
            raise CartError(left.format(count=product.stock, name=product.name))
        if quantity > MAX_QUANTITY:
            raise CartError(
                _("You can order at most {count} of one product.").format(count=MAX_QUANTITY)
            )
        cart = self._cart(db, session_id)
        if (
            cart.items
            and product.currency != cart.currency
            and any(item.product_id != product.id for item in cart.items)
        ):
            raise CartError(
                _(
                    "Your cart is in {cart_currency}; {name} is priced in {currency}. "
                    "Please check out separately."
                ).format(cart_currency=cart.currency, name=product.name, currency=product.currency)
            )

    @staticmethod
    def _line(db: Session, session_id: str, product_id: int) -> CartLine | None:
        return db.scalar(
            select(CartLine).where(
                CartLine.session_id == session_id, CartLine.product_id == product_id
            )
        )

    @staticmethod
    def _cart(db: Session, session_id: str) -> Cart:
        chat_session(db, session_id)
        lines = db.scalars(
            select(CartLine)
            .options(joinedload(CartLine.product))
            .where(CartLine.session_id == session_id)
            .order_by(CartLine.id)
        )
        return Cart(
            tuple(
                CartItem(
                    product_id=line.product_id,
                    sku=line.product.sku,
                    name=line.product.name,
                    brand=line.product.brand,
                    unit_price=line.product.price,
                    currency=line.product.currency,
                    quantity=line.quantity,
                    stock=line.product.stock,
                )
                for line in lines
            )
        )
