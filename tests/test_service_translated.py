"""The service desk in the customer's language: its questions, proposals, refusals and
confirmations are said in Chinese, Spanish or French, with order numbers, product names,
option values and addresses exactly as the store has them and amounts in the locale's form;
English is said as before."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.dialogue.service_desk import ServiceDesk
from assistant.dialogue.state import AssistantSaid, Conversation, ShopperSaid
from assistant.facts.money import format_price
from assistant.history.sessions import SessionStore
from assistant.store.accounts import Accounts
from assistant.store.cart import CartError, CartService
from assistant.store.customer_orders import CustomerOrders
from assistant.store.order_changes import STATUS_NAMES, OrderChanges
from assistant.store.orders import OrderDesk
from assistant.store.product_options import ProductOptions
from assistant.translation.speaking import speaking
from assistant.understanding.languages import Language, written_in
from catalog.models import (
    Order,
    OrderLine,
    OrderPayment,
    OrderStatus,
    PaymentKind,
    PaymentMethod,
    Product,
    Shopper,
    Variant,
)

LANGUAGES: tuple[Language, ...] = ("zh", "es", "fr")
FACTS = ("Water Bottle", "capacity", "500ml", "1000ml", "Tee", "Ana", "Visa", "yes", "no")


@pytest.fixture
def desk(sessions: sessionmaker[Session]) -> ServiceDesk:
    """Ana's orders: one delivered, one pending, one on its way; a Visa card and a gift card."""
    with sessions.begin() as db:
        bottle = Product(sku="wb", name="Water Bottle", category="Bottles", price=20)
        bottle.variants = [
            Variant(item_id="wb-500", options={"capacity": "500ml"}, price=Decimal("20.00")),
            Variant(item_id="wb-1000", options={"capacity": "1000ml"}, price=Decimal("25.00")),
        ]
        ana = Shopper(handle="ana", name="Ana Silva", email="ana@example.com")
        ana.payment_methods = [
            PaymentMethod(
                method_id="card", kind=PaymentKind.CREDIT_CARD, brand="visa", last_four="4242"
            ),
            PaymentMethod(method_id="gift", kind=PaymentKind.GIFT_CARD, balance=Decimal("10")),
        ]
        db.add_all([bottle, ana])
        db.flush()
        for number, status in (
            ("#W1000001", OrderStatus.DELIVERED),
            ("#W1000002", OrderStatus.PLACED),
            ("#W1000003", OrderStatus.SHIPPED),
        ):
            order = Order(
                number=number, shopper_id=ana.id, status=status, placed_at=datetime(2026, 11, 1)
            )
            order.lines.append(
                OrderLine(
                    product_id=bottle.id,
                    variant_id=bottle.variants[0].id,
                    quantity=1,
                    unit_price=Decimal("20.00"),
                )
            )
            order.payments.append(
                OrderPayment(kind="payment", amount=Decimal("20.00"), method_id="card")
            )
            db.add(order)
    return ServiceDesk(
        Accounts(sessions),
        CustomerOrders(sessions),
        OrderChanges(sessions),
        ProductOptions(sessions),
    )


class Chat:
    """One conversation with the desk, every reply said in `language`."""

    def __init__(self, desk: ServiceDesk, language: Language) -> None:
        self.desk, self.language = desk, language
        self.conversation = Conversation()

    def say(self, text: str) -> str:
        with speaking(self.language):
            outcome = self.desk.handle(self.conversation.state, text, None)
        assert outcome is not None, f"not taken: {text!r}"
        self.conversation.record(ShopperSaid(text), *outcome.events, AssistantSaid(outcome.text))
        return outcome.text


def _price(amount: str, language: Language) -> str:
    with speaking(language):
        return format_price(Decimal(amount))


def _in_language(reply: str, language: Language) -> bool:
    """Said in the language, and (for Chinese) with no English left but the store's facts."""
    if written_in(reply) != language:
        return False
    rest = reply
    for fact in FACTS:
        rest = rest.replace(fact, " ")
    rest = re.sub(r"#W\d{7}|US\$", " ", rest)
    return language != "zh" or not re.search(r"[A-Za-z]{2,}", rest)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_cancellation_is_proposed_and_confirmed_in_the_language(desk, sessions, language):
    chat = Chat(desk, language)
    proposal = chat.say(
        "ana@example.com here, please cancel my order #W1000002, ordered by mistake"
    )
    assert _in_language(proposal, language)
    assert "Here is what I'll do" not in proposal
    assert "#W1000002" in proposal and "Water Bottle (capacity: 500ml)" in proposal
    assert _price("20.00", language) in proposal and "4242" in proposal
    done = chat.say({"zh": "是的", "es": "sí", "fr": "oui"}[language])  # their own yes
    assert _in_language(done, language) and "#W1000002" in done
    with sessions() as db:
        order = db.scalars(select(Order).where(Order.number == "#W1000002")).one()
        assert order.status is OrderStatus.CANCELLED
        assert order.cancel_reason == "ordered by mistake"  # the store's own reason, in English


@pytest.mark.parametrize(
    ("language", "no"), [("zh", "不要取消"), ("es", "no, espera"), ("fr", "non, attendez")]
)
def test_a_no_in_the_language_changes_nothing(desk, sessions, language, no):
    chat = Chat(desk, language)
    chat.say("ana@example.com here, please cancel my order #W1000002, ordered by mistake")
    chat.say(no)
    with sessions() as db:
        order = db.scalars(select(Order).where(Order.number == "#W1000002")).one()
        assert order.status is not OrderStatus.CANCELLED


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refusal_under_the_rules_is_in_the_language(desk, language):
    chat = Chat(desk, language)
    refusal = chat.say(
        "ana@example.com here, please cancel my order #W1000001, I no longer need it"
    )
    assert _in_language(refusal, language) and "#W1000001" in refusal
    assert "can't be cancelled" not in refusal


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_exchange_lists_the_swap_and_the_price_difference(desk, language):
    chat = Chat(desk, language)
    chat.say("ana@example.com here")
    question = chat.say("I'd like to exchange the water bottle of order #W1000001 for 1000ml")
    assert _in_language(question, language) and "- " in question  # the payment methods, listed
    proposal = chat.say("use my visa card")
    assert _in_language(proposal, language)
    assert "Water Bottle (capacity: 500ml) → capacity: 1000ml" in proposal
    assert _price("5.00", language) in proposal and _price("25.00", language) in proposal


@pytest.mark.parametrize("language", LANGUAGES)
def test_order_details_and_balances_are_told_in_the_language(desk, language):
    chat = Chat(desk, language)
    chat.say("ana@example.com here")
    details = chat.say("what is the status of my order #W1000003?")
    assert _in_language(details, language)
    assert "#W1000003" in details and _price("20.00", language) in details
    assert "processed" not in details and "Paid:" not in details
    balance = chat.say("what's my gift card balance?")
    assert _in_language(balance, language) and _price("10.00", language) in balance


def test_english_is_said_as_the_store_always_said_it(desk):
    chat = Chat(desk, "en")
    proposal = chat.say(
        "ana@example.com here, please cancel my order #W1000002, ordered by mistake"
    )
    assert proposal == (
        "Thanks, Ana — I've found your account. Here is what I'll do:\n"
        "- Cancel order #W1000002 (Water Bottle (capacity: 500ml); $20.00), reason: ordered by "
        "mistake.\n"
        "- Refund: $20.00 back to your Visa ending in 4242 within 5 to 7 business days.\n"
        "Shall I go ahead? (yes/no)"
    )


def test_a_status_is_named_as_the_store_names_it_in_english():
    assert all(STATUS_NAMES[status] == status.value for status in OrderStatus)


@pytest.mark.parametrize("language", LANGUAGES)
def test_checkout_refusals_are_in_the_language(sessions, add_products, language):
    (tee,) = add_products({"name": "Tee", "price": "19.99", "stock": 1})
    with sessions.begin() as db:
        db.add(Shopper(handle="ana", name="Ana"))
    store = SessionStore(sessions)
    session = store.create()
    store.set_shopper(session, "ana")
    desk, cart = OrderDesk(sessions), CartService(sessions)
    with speaking(language), pytest.raises(CartError) as empty:
        desk.place(session)
    assert _in_language(str(empty.value), language)
    cart.add(session, tee.id, 1)
    with sessions.begin() as db:
        db.get_one(Product, tee.id).stock = 0
    with speaking(language), pytest.raises(CartError) as short:
        desk.place(session)
    assert _in_language(str(short.value), language) and "Tee" in str(short.value)
