"""The turn audit: cards, money amounts and order numbers checked against the database; and
shoppers signed in to different sessions never see each other's cart."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from assistant.app.services import Services
from assistant.app.settings import Settings
from assistant.app.wiring import dialogue_manager
from assistant.dialogue.state import RequestStarted
from assistant.dialogue.turns import TurnUpdate
from assistant.facts.cards import ProductCard
from assistant.history.sessions import SessionStore
from assistant.store.cart import CartService
from catalog.models import Order, OrderLine, OrderStatus, Policy, Product, Shopper
from catalog.request import SearchRequest
from evaluation.audit import audit_turn, stated_amounts
from evaluation.fakes import FakeLLM
from tests.conftest import EMBEDDER


def _card(product: Product) -> ProductCard:
    return ProductCard(
        product.id,
        product.sku,
        product.name,
        product.brand,
        product.price,
        product.currency,
        product.rating,
        product.review_count,
        product.stock,
        product.image,
        "",
    )


def _order(
    number: str, shopper: Shopper, product: Product, quantity: int, unit_price: str, tracking: str
) -> Order:
    return Order(
        number=number,
        shopper_id=shopper.id,
        status=OrderStatus.SHIPPED,
        placed_at=datetime(2026, 11, 1),
        tracking_number=tracking,
        lines=[OrderLine(product_id=product.id, quantity=quantity, unit_price=Decimal(unit_price))],
    )


@pytest.fixture
def store(sessions, add_products):
    """Two products, two shoppers with one order each, a policy, and a session signed in as
    Alex holding 3 Road Racers in the cart."""
    runner, racer = add_products(
        {"name": "Trail Runner", "price": "59.99"}, {"name": "Road Racer", "price": "120.00"}
    )
    with sessions.begin() as db:
        alex, bea = Shopper(handle="alex", name="Alex"), Shopper(handle="bea", name="Bea")
        db.add_all(
            [
                alex,
                bea,
                Policy(
                    topic="shipping",
                    title="Shipping",
                    body=("Shipping is free on orders of $50 or more; smaller orders pay $5.95."),
                ),
            ]
        )
        db.flush()
        db.add_all(
            [
                _order("SA-100001", alex, runner, 2, "55.00", "1Z111"),
                _order("SA-200002", bea, racer, 1, "99.00", "1Z999"),
            ]
        )
    store = SessionStore(sessions)
    session_id = store.create()
    store.set_shopper(session_id, "alex")
    CartService(sessions).add(session_id, racer.id, 3)
    return sessions, session_id, runner, racer


def _audit(store, text: str, cards=(), message: str = "hi", signed_in: bool = True) -> list:
    sessions, session_id, *_ = store
    with sessions() as db:
        return audit_turn(
            db, session_id if signed_in else None, message, TurnUpdate(tuple(cards), text, True)
        )


def test_amounts_are_read_in_every_written_form():
    text = (
        "USD 12.00, 13 dollars, 14€, ₹1,499 and £7.50; $ 8 or 9 bucks, Rs. 20, 12,50 EUR; "
        "not 4.5/5 stars, 30 days or SA-100001"
    )
    assert stated_amounts(text) == [
        Decimal(v) for v in ("12.00", "13", "14", "1499", "7.50", "8", "9", "20", "12.50")
    ]


def test_cards_must_match_their_rows(store):
    _, _, runner, racer = store
    assert _audit(store, "", [_card(runner), _card(racer)]) == []
    cheap = replace(_card(runner), price=Decimal("49.99"))
    renamed = replace(_card(racer), name="Road Racer Pro", brand="Other")
    ghost = replace(_card(runner), product_id=999_999)
    problems = _audit(store, "", [cheap, renamed, ghost])
    assert len(problems) == 4
    assert "price Decimal('49.99'), the database has Decimal('59.99')" in problems[0]
    assert "name 'Road Racer Pro'" in problems[1] and "brand 'Other'" in problems[2]
    assert "no product has id 999999" in problems[3]


def test_prices_of_shown_or_named_products_pass_and_others_fail(store):
    _, _, runner, _ = store
    assert _audit(store, "This one is $59.99.", [_card(runner)], signed_in=False) == []
    assert _audit(store, "The road racer costs $120.00.", signed_in=False) == []
    problems = _audit(
        store,
        "Only $49.99 today, and the Road Racer is 119 dollars.",
        [_card(runner)],
        signed_in=False,
    )
    assert [p.split(" is no")[0] for p in problems] == ["amount 49.99", "amount 119"]
    # A price is allowed because the product is named, not because it is in the catalog.
    assert _audit(store, "Something for $120.00.", signed_in=False) != []


def test_cart_amounts_are_those_of_this_sessions_cart(store):
    assert _audit(store, "3 x $120.00 = $360.00; subtotal $360.00.") == []
    assert _audit(store, "Your subtotal is $365.00.") != []
    assert _audit(store, "Your subtotal is $360.00.", signed_in=False) != []


def test_order_amounts_and_numbers_must_be_the_shoppers_own(store):
    assert _audit(store, "Order SA-100001: 2 x $55.00, total $110.00, tracking 1Z111.") == []
    foreign = _audit(store, "Order SA-200002 cost $99.00, tracking 1Z999.")
    assert foreign == [
        "amount 99.00 is no price, total, policy figure or limit the database or the shopper gave",
        "order number SA-200002 is none of this shopper's orders",
        "tracking number 1Z999 of order SA-200002, another shopper's",
    ]
    assert _audit(store, "Order SA-100001 shipped.", signed_in=False) != []
    # Repeating a number the shopper typed tells nothing, whoever's order it is.
    for number in ("SA-200002", "SA-999999"):
        assert _audit(store, f"I can't find {number}.", message=f"where's {number.lower()}?") == []
    assert _audit(store, "Shipped with tracking 1Z999.", message="where's SA-200002?") != []


def test_policy_figures_and_the_shoppers_own_numbers_pass(store):
    assert _audit(store, "Free shipping from $50; otherwise $5.95.", signed_in=False) == []
    assert _audit(store, "Express costs $4.95.", signed_in=False) != []
    assert _audit(store, "Nothing under $45.", message="anything under 45?", signed_in=False) == []
    sessions, session_id, *_ = store
    store_ = SessionStore(sessions)
    store_.append(session_id, [], [("user", "a budget of 70 please", ())])
    assert _audit(store, "Here is something under $70.") == []
    assert (
        _audit(store, "Nothing between $320 and $480.", message="around 400$", signed_in=False)
        == []
    )  # the limits "around 400" is read as
    assert (
        _audit(store, "Nothing between $320 and $490.", message="around 400$", signed_in=False)
        != []
    )


def test_price_limits_of_stored_requests_pass(store):
    sessions, session_id, *_ = store
    assert _audit(store, "Between $24 and $36.") != []
    request = SearchRequest(price_min=Decimal("24"), price_max=Decimal("35.50"))
    SessionStore(sessions).append(session_id, [RequestStarted(request)], [])
    assert _audit(store, "Between $24 and $36.") == []  # 35.50 is written "under $36"


def test_shoppers_never_see_each_others_cart(demo_sessions):
    store, carts = SessionStore(demo_sessions), CartService(demo_sessions)
    with demo_sessions() as db:
        mine, theirs = db.scalars(
            select(Product).where(Product.stock > 2).order_by(Product.id).limit(2)
        ).all()
    alex, priya = store.create(), store.create()
    store.set_shopper(alex, "alex")
    store.set_shopper(priya, "priya")
    carts.add(alex, mine.id, 2)
    carts.add(priya, theirs.id, 1)
    assert mine.name != theirs.name
    assert [(i.product_id, i.quantity) for i in carts.view(alex).items] == [(mine.id, 2)]
    assert [(i.product_id, i.quantity) for i in carts.view(priya).items] == [(theirs.id, 1)]
    assistant = dialogue_manager(
        Settings(load_demo_catalog=False), demo_sessions, EMBEDDER, FakeLLM()
    )
    chat = Services.over(assistant, demo_sessions).chat
    priyas_order = "SA-375054"
    for message in (
        "what's in my cart?",
        "show my orders",
        "what's my order total?",
        f"where is my order {priyas_order}?",
    ):
        final = list(chat.send(alex, message))[-1]
        assert theirs.name not in final.text
        with demo_sessions() as db:
            assert audit_turn(db, alex, message, final) == [], (message, final.text)
    assert [(i.product_id, i.quantity) for i in carts.view(priya).items] == [(theirs.id, 1)]
