"""The cart service: quantities, stock, totals in Decimal from the products' own prices."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from assistant.history.sessions import SessionStore
from assistant.store.cart import CartError, CartService
from assistant.store.chat_session import UnknownSession
from assistant.store.feedback import FeedbackRecorder
from catalog.models import Interaction, Product


@pytest.fixture
def shop(sessions, add_products):
    tee, mug, rupee = add_products(
        {"name": "Tee", "price": "19.99", "stock": 3},
        {"name": "Mug", "price": "0.10", "stock": 50},
        {"name": "Kurta", "price": "899", "currency": "INR", "stock": 5},
    )
    return CartService(sessions), SessionStore(sessions).create(), tee, mug, rupee


def test_totals_are_exact_decimals(shop) -> None:
    cart, session_id, tee, mug, _ = shop
    cart.add(session_id, mug.id, 3)
    view = cart.add(session_id, tee.id, 2)
    assert [(i.name, i.quantity) for i in view.items] == [("Mug", 3), ("Tee", 2)]
    assert view.subtotal == Decimal("40.28") and view.item_count == 5  # 0.30 + 39.98
    assert view.subtotal_text == "$40.28"


def test_adding_again_adds_up_and_zero_removes(shop) -> None:
    cart, session_id, _, mug, _ = shop
    cart.add(session_id, mug.id)
    assert cart.add(session_id, mug.id, 2).items[0].quantity == 3
    assert cart.set_quantity(session_id, mug.id, 1).items[0].quantity == 1
    assert cart.remove(session_id, mug.id).items == ()
    assert cart.view(session_id).subtotal == 0


def test_stock_is_respected(shop) -> None:
    cart, session_id, tee, *_ = shop
    cart.add(session_id, tee.id, 3)
    with pytest.raises(CartError, match="only 3 of Tee left"):
        cart.add(session_id, tee.id)
    assert cart.view(session_id).items[0].quantity == 3  # the refused change lost nothing


def test_out_of_stock_and_unknown_products_are_refused(shop, sessions) -> None:
    cart, session_id, tee, *_ = shop
    with sessions.begin() as db:
        db.execute(update(Product).where(Product.id == tee.id).values(stock=0))
    with pytest.raises(CartError, match="out of stock"):
        cart.add(session_id, tee.id)
    with pytest.raises(CartError, match="no longer in the shop"):
        cart.add(session_id, 10_000)


def test_prices_are_read_from_the_catalog_at_each_view(shop, sessions) -> None:
    cart, session_id, tee, *_ = shop
    cart.add(session_id, tee.id, 2)
    with sessions.begin() as db:
        db.execute(update(Product).where(Product.id == tee.id).values(price=Decimal("15.00")))
    assert cart.view(session_id).subtotal == Decimal("30.00")


def test_one_currency_per_cart(shop) -> None:
    cart, session_id, tee, _, rupee = shop
    cart.add(session_id, tee.id)
    with pytest.raises(CartError, match="in USD"):
        cart.add(session_id, rupee.id)


def test_carts_belong_to_their_session(shop, sessions) -> None:
    cart, session_id, tee, mug, _ = shop
    other = SessionStore(sessions).create()
    cart.add(session_id, tee.id)
    cart.add(other, mug.id)
    assert [i.name for i in cart.view(session_id).items] == ["Tee"]
    assert [i.name for i in cart.view(other).items] == ["Mug"]
    with pytest.raises(UnknownSession):
        cart.add("no-such-session-id-000", tee.id)


class LockedOnce:
    """Sessions whose first transaction fails to commit with SQLite's "database is locked"."""

    def __init__(self, sessions) -> None:
        self._sessions, self.locked = sessions, False

    def __call__(self) -> Session:
        return self._sessions()

    @contextmanager
    def begin(self) -> Iterator[Session]:
        with self._sessions() as db, db.begin():
            yield db
            if not self.locked:
                self.locked = True
                cause = sqlite3.OperationalError("database is locked")
                raise OperationalError("COMMIT", {}, cause)


def test_a_cart_change_and_a_thumb_that_meet_a_lock_are_retried_once(shop, sessions) -> None:
    _, session_id, _, mug, _ = shop
    locked = LockedOnce(sessions)
    view = CartService(locked).add(session_id, mug.id, 2)
    assert locked.locked and [(i.name, i.quantity) for i in view.items] == [("Mug", 2)]
    locked = LockedOnce(sessions)
    FeedbackRecorder(locked).on_product(session_id, mug.id, liked=True)
    with sessions() as db:
        kinds = db.execute(select(Interaction.kind, func.count()).group_by(Interaction.kind)).all()
    assert locked.locked and sorted((k.value, n) for k, n in kinds) == [("cart", 1), ("like", 1)]
