"""The service desk on a small hand-made store: each action, the store's rules, identity,
confirmation and idempotency. Conversations go through `ServiceDesk` and the real database."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from assistant.dialogue.service_desk import HANDOVER, ServiceDesk
from assistant.dialogue.service_items import mentions, wanted_options
from assistant.dialogue.state import AssistantSaid, Conversation, ShopperSaid
from assistant.store.accounts import Accounts
from assistant.store.customer_orders import CustomerOrders, LineFacts, VariantFacts
from assistant.store.order_changes import OrderChanges
from assistant.store.product_options import ProductOptions
from assistant.understanding.change_request import ChangeKind
from assistant.understanding.service_request import read_service
from catalog.models import (
    Base,
    Order,
    OrderChange,
    OrderLine,
    OrderPayment,
    OrderStatus,
    PaymentKind,
    PaymentMethod,
    Product,
    Shopper,
    Variant,
)

KEYBOARDS = [  # switch type, backlight, price, available
    ("linear", "RGB", "150.00", True),
    ("clicky", "RGB", "160.00", False),
    ("clicky", "none", "140.00", True),
    ("tactile", "RGB", "130.00", True),
]


def _shopper(name: str, email: str, zip_code: str, gift_balance: str) -> Shopper:
    shopper = Shopper(
        handle=name.lower().replace(" ", "_"),
        name=name,
        email=email,
        address={
            "address1": "1 Main St",
            "address2": "",
            "city": "Philadelphia",
            "state": "PA",
            "country": "USA",
            "zip": zip_code,
        },
    )
    handle = shopper.handle
    shopper.payment_methods = [
        PaymentMethod(
            method_id=f"card_{handle}",
            kind=PaymentKind.CREDIT_CARD,
            brand="visa",
            last_four="4242",
        ),
        PaymentMethod(
            method_id=f"gift_{handle}", kind=PaymentKind.GIFT_CARD, balance=Decimal(gift_balance)
        ),
    ]
    return shopper


def _order(number: str, shopper: Shopper, status: OrderStatus, lines: list[Variant]) -> Order:
    order = Order(
        number=number, shopper_id=shopper.id, status=status, placed_at=datetime(2026, 11, 1)
    )
    for variant in lines:
        order.lines.append(
            OrderLine(
                product_id=variant.product_id,
                variant_id=variant.id,
                quantity=1,
                unit_price=variant.price,
            )
        )
    total = sum((v.price for v in lines), Decimal("0"))
    order.payments.append(
        OrderPayment(kind="payment", amount=total, method_id=f"card_{shopper.handle}")
    )
    return order


@pytest.fixture
def store() -> sessionmaker[Session]:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    with sessions.begin() as db:
        keyboard = Product(sku="kb", name="Mechanical Keyboard", category="Keyboards", price=130)
        keyboard.variants = [
            Variant(
                item_id=f"kb-{n}",
                options={"switch type": switch, "backlight": light},
                price=Decimal(price),
                available=available,
            )
            for n, (switch, light, price, available) in enumerate(KEYBOARDS)
        ]
        bottle = Product(sku="wb", name="Water Bottle", category="Bottles", price=20)
        bottle.variants = [
            Variant(item_id="wb-500", options={"capacity": "500ml"}, price=Decimal("20.00")),
            Variant(item_id="wb-1000", options={"capacity": "1000ml"}, price=Decimal("25.00")),
        ]
        ana = _shopper("Ana Silva", "ana@example.com", "19122", "10.00")
        ben = _shopper("Ben Okoro", "ben@example.com", "73301", "500.00")
        db.add_all([keyboard, bottle, ana, ben])
        db.flush()
        linear, bottle_500 = keyboard.variants[0], bottle.variants[0]
        db.add_all(
            [
                _order("#W1000001", ana, OrderStatus.DELIVERED, [linear, bottle_500]),
                _order("#W1000002", ana, OrderStatus.PLACED, [bottle_500]),
                _order("#W1000003", ana, OrderStatus.SHIPPED, [linear]),
                _order("#W2000001", ben, OrderStatus.PLACED, [bottle_500]),
            ]
        )
    return sessions


class Chat:
    """One conversation with the desk, as the dialogue manager would record it."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.desk = ServiceDesk(
            Accounts(sessions),
            CustomerOrders(sessions),
            OrderChanges(sessions),
            ProductOptions(sessions),
        )
        self.conversation = Conversation()

    def say(self, text: str) -> str:
        outcome = self.desk.handle(self.conversation.state, text, None)
        assert outcome is not None, f"not taken: {text!r}"
        self.conversation.record(ShopperSaid(text), *outcome.events, AssistantSaid(outcome.text))
        return outcome.text


def _order_row(sessions: sessionmaker[Session], number: str) -> Order:
    with sessions() as db:
        order = db.scalars(select(Order).where(Order.number == number)).one()
        _ = order.payments, order.lines
        return order


def _balance(sessions: sessionmaker[Session], method_id: str) -> Decimal | None:
    with sessions() as db:
        return db.scalars(
            select(PaymentMethod.balance).where(PaymentMethod.method_id == method_id)
        ).one()


def _changes(sessions: sessionmaker[Session]) -> int:
    with sessions() as db:
        return db.scalar(select(func.count(OrderChange.id))) or 0


def test_nothing_is_said_or_done_before_the_customer_is_verified(store):
    chat = Chat(store)
    reply = chat.say("I want to cancel my order #W1000002, I ordered it by mistake")
    assert "email" in reply and "zip" in reply
    assert "#W1000002" not in reply
    reply = chat.say("I'm Ana Silva, zip code 99999")
    assert "couldn't find an account" in reply
    reply = chat.say("my email is ana@example.com")
    assert "Ana" in reply and "Cancel order #W1000002" in reply and "(yes/no)" in reply
    assert _order_row(store, "#W1000002").status is OrderStatus.PLACED  # nothing without a yes


def test_cancel_after_yes_refunds_and_records_once(store):
    chat = Chat(store)
    chat.say("Hi, I'm Ana Silva, zip code 19122. Please cancel #W1000002, I no longer need it.")
    done = chat.say("yes")
    assert done.startswith("Done") and "#W1000002 is cancelled" in done
    order = _order_row(store, "#W1000002")
    assert order.status is OrderStatus.CANCELLED and order.cancel_reason == "no longer needed"
    assert [(p.kind, p.amount) for p in order.payments] == [
        ("payment", Decimal("20.00")),
        ("refund", Decimal("20.00")),
    ]
    again = chat.say("yes")
    assert "cancel" not in again.lower() or "already" in again.lower()
    assert _changes(store) == 1


def test_a_cancel_reason_outside_the_policy_is_asked_again(store):
    chat = Chat(store)
    reply = chat.say("ana@example.com here, please cancel my order #W1000002")
    assert "no longer needed" in reply and "ordered by mistake" in reply
    assert "(yes/no)" in chat.say("it was ordered by mistake")


def test_a_processed_order_cannot_be_cancelled(store):
    chat = Chat(store)
    reply = chat.say("ana@example.com — cancel order #W1000003, I no longer need it")
    assert "can't be cancelled" in reply and "processed" in reply
    assert _order_row(store, "#W1000003").status is OrderStatus.SHIPPED


def test_another_customers_order_is_never_touched_or_described(store):
    chat = Chat(store)
    reply = chat.say("ana@example.com: cancel order #W2000001, I ordered it by mistake")
    assert "can't find order #W2000001" in reply
    assert "Water Bottle" not in reply
    reply = chat.say("actually I'm Ben Okoro, zip code 73301")
    assert "one customer per conversation" in reply
    assert _order_row(store, "#W2000001").status is OrderStatus.PLACED


def test_exchange_finds_the_variant_from_option_words_and_refunds_the_difference(store):
    chat = Chat(store)
    chat.say("I'd like to exchange the mechanical keyboard from my delivered order")
    chat.say("ana@example.com")
    reply = chat.say("one with clicky switches and no backlight, difference to my visa")
    assert "switch type: clicky, backlight: none" in reply and "$10.00" in reply
    chat.say("yes")
    order = _order_row(store, "#W1000001")
    assert order.status is OrderStatus.EXCHANGE_REQUESTED
    assert order.exchange_item_ids == ["kb-0"] and order.exchange_new_item_ids == ["kb-2"]
    assert order.exchange_price_difference == Decimal("-10.00")


def test_an_unavailable_option_is_refused_with_what_is_available(store):
    chat = Chat(store)
    chat.say("ana@example.com")
    reply = chat.say("exchange my mechanical keyboard for clicky switches with RGB, pay by visa")
    assert "not available" in reply
    assert _order_row(store, "#W1000001").status is OrderStatus.DELIVERED


def test_return_refund_goes_to_the_original_method_or_a_gift_card_only(store):
    with store.begin() as db:  # a second card that did not pay for the order
        ana = db.scalars(select(Shopper).where(Shopper.name == "Ana Silva")).one()
        db.add(
            PaymentMethod(
                shopper_id=ana.id,
                method_id="card_other",
                kind=PaymentKind.CREDIT_CARD,
                brand="mastercard",
                last_four="5555",
            )
        )
    chat = Chat(store)
    chat.say("ana@example.com")
    reply = chat.say("I want to return the water bottle from #W1000001 to my mastercard")
    assert "original payment method or to a gift card" in reply
    reply = chat.say("then put it on my gift card")
    assert "Refund: $20.00 to your gift card" in reply
    chat.say("yes")
    order = _order_row(store, "#W1000001")
    assert order.status is OrderStatus.RETURN_REQUESTED
    assert order.return_item_ids == ["wb-500"] and order.request_payment_method == "gift_ana_silva"


def test_a_gift_card_too_small_for_the_difference_is_refused(store):
    chat = Chat(store)
    chat.say("ana@example.com")
    reply = chat.say(
        "please change the water bottle in #W1000002 to the 1000ml one, pay with my gift card"
    )
    assert "(yes/no)" in reply  # $5 difference, $10 balance
    with store.begin() as db:
        card = db.scalars(select(PaymentMethod).where(PaymentMethod.method_id == "gift_ana_silva"))
        card.one().balance = Decimal("1.00")
    reply = chat.say("yes")
    assert "does not cover" in reply
    assert _order_row(store, "#W1000002").status is OrderStatus.PLACED


def test_modify_items_then_the_order_cannot_be_changed_again(store):
    chat = Chat(store)
    chat.say("ana@example.com")
    chat.say("change the water bottle in #W1000002 to 1000ml, pay the difference with my visa")
    chat.say("yes")
    order = _order_row(store, "#W1000002")
    assert order.status is OrderStatus.ITEMS_MODIFIED
    assert order.lines[0].unit_price == Decimal("25.00")
    assert [(p.kind, p.amount) for p in order.payments][-1] == ("payment", Decimal("5.00"))
    reply = chat.say("and cancel #W1000002 please, I no longer need it")
    assert "can't be cancelled" in reply


def test_change_address_and_payment_of_a_pending_order(store):
    chat = Chat(store)
    chat.say("ana@example.com")
    reply = chat.say("ship #W1000002 to 45 Oak Avenue, Apt 3B, Austin, TX 73301 instead")
    assert "45 Oak Avenue, Apt 3B, Austin, TX 73301, USA" in reply
    chat.say("yes")
    assert _order_row(store, "#W1000002").address == {
        "address1": "45 Oak Avenue",
        "address2": "Apt 3B",
        "city": "Austin",
        "state": "TX",
        "country": "USA",
        "zip": "73301",
    }
    chat.say("please change the payment method of #W1000002 to my gift card")
    chat.say("yes")
    assert _balance(store, "gift_ana_silva") == Decimal("-10.00") + Decimal("20.00")


def test_a_gift_card_cannot_pay_more_than_its_balance(store):
    chat = Chat(store)
    chat.say("ana@example.com")
    reply = chat.say("please change the payment method of #W1000002 to my gift card")
    assert "does not cover $20.00" in reply  # a $20.00 order, a $10.00 balance
    assert _balance(store, "gift_ana_silva") == Decimal("10.00")


def test_order_details_for_a_verified_customer(store):
    chat = Chat(store)
    chat.say("I'm Ana Silva, zip code 19122")
    reply = chat.say("what's the status of #W1000001 and how much did I pay?")
    assert "Order #W1000001: delivered." in reply
    assert "Mechanical Keyboard (switch type: linear, backlight: RGB): $150.00" in reply
    assert "Paid: $170.00." in reply and "#W1000002" not in reply


def test_an_order_number_in_the_wrong_format_is_explained(store):
    chat = Chat(store)
    chat.say("ana@example.com, I want to return the water bottle")
    chat.say("I'd like the refund on my gift card")
    reply = chat.say("the order number is 1000001")
    assert "isn't an order number" in reply and "#W1234567" in reply
    reply = chat.say("sorry, it's #W1000001")
    assert "Return from order #W1000001: Water Bottle (capacity: 500ml)." in reply


def test_it_is_the_order_just_shown(store):
    chat = Chat(store)
    chat.say("ana@example.com")
    assert "Order #W1000003: processed" in chat.say("what's the status of #W1000003?")
    reply = chat.say("can I cancel it? I ordered it by mistake")
    assert "#W1000003" in reply and "can't be cancelled" in reply


def test_no_means_nothing_changes(store):
    chat = Chat(store)
    chat.say("ana@example.com, cancel #W1000002, ordered by mistake")
    reply = chat.say("no")
    assert _order_row(store, "#W1000002").status is OrderStatus.PLACED
    assert "(yes/no)" not in reply or "Cancel" in reply


def test_hand_over_to_a_person_records_the_case(store):
    chat = Chat(store)
    chat.say("ana@example.com")
    assert chat.say("can I speak to a human agent please?") == HANDOVER
    with store() as db:
        record = db.scalars(select(OrderChange)).one()
    assert record.action == "handover" and "speak to a human" in str(record.details)


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("order #w1234567 please", "order_numbers", ("#W1234567",)),
        ("my email is Ana.Silva+shop@example.co.uk", "email", "Ana.Silva+shop@example.co.uk"),
        ("This is Yusuf Rossi, zipcode 19122", "name", "Yusuf Rossi"),
        ("This is Yusuf Rossi, zipcode 19122", "zip_code", "19122"),
        ("I don't need it anymore", "reason", "no longer needed"),
        ("I bought it by accident", "reason", "ordered by mistake"),
        ("nope, not that one", "no", True),
        ("then please pay order SA-600507 with my gift card", "kind", ChangeKind.PAYMENT),
    ],
)
def test_reading_service_words(text, field, value):
    assert getattr(read_service(text), field) == value


def test_money_moved_in_the_conversation_is_totalled_and_gift_card_balance_told(store):
    chat = Chat(store)
    chat.say("ana@example.com")
    chat.say("change the water bottle in #W1000002 to 1000ml, pay the difference with my gift card")
    done = chat.say("yes")
    assert "Your gift card balance is now $5.00." in done  # $10.00 less the $5.00 difference
    assert "Altogether" not in done  # one change: nothing to add up yet
    chat.say("return the mechanical keyboard from #W1000001 to my gift card")
    done = chat.say("yes")
    assert "Altogether, this conversation's changes give you $145.00 back." in done
    assert "$145.00 back" in chat.say("how much do I get back in total?")
    assert "Your gift card balance is $5.00." in chat.say("what's my gift card balance now?")


def test_questions_about_an_order_a_product_bought_and_a_products_options(store):
    chat = Chat(store)
    chat.say("ana@example.com")
    chat.say("I'd like to return the mechanical keyboard from #W1000001, refund to my visa")
    chat.say("yes")
    reply = chat.say("how much did I pay for the remaining items in that same order?")
    assert "Order #W1000001" in reply and "paid $170.00" in reply
    assert "The items you keep (Water Bottle) come to $20.00." in reply
    reply = chat.say("what is the total I paid for all the water bottles I have bought?")
    assert "You paid $40.00 in total" in reply and "#W1000002: $20.00" in reply
    reply = chat.say("how many mechanical keyboard options are available right now?")
    assert "3 of its 4 options are available" in reply
    first, *rest = [line for line in reply.splitlines() if line.startswith("- ")]
    assert first == "- switch type: tactile, backlight: RGB: $130.00"  # cheapest first
    assert not any("clicky, backlight: RGB" in line for line in rest)  # not available
    assert "Nothing has been refunded" not in chat.say("how much will I get back in total?")


@pytest.mark.parametrize(
    ("sizes", "bought", "text", "wanted"),
    [
        (["XS", "S", "M", "L", "XL"], "M", "the same jacket one size up", "L"),
        (["XS", "S", "M", "L", "XL"], "M", "a size smaller please", "S"),
        (["9", "10", "10.5", "11"], "10", "I need a bigger size", "10.5"),
        (["small", "medium", "large"], "large", "a size larger", None),  # none larger
        (["full size", "80%", "60%"], "80%", "a size larger", None),  # no order to follow
    ],
)
def test_a_size_larger_or_smaller_follows_the_products_own_sizes(sizes, bought, text, wanted):
    variants = tuple(VariantFacts(f"item-{s}", (("size", s),), True) for s in sizes)
    line = LineFacts(f"item-{bought}", "Jacket", (("size", bought),), Decimal("50.00"), variants)
    assert wanted_options(text, line) == ({"size": wanted} if wanted else {})


def test_a_yes_that_restates_the_change_is_listed_again_not_carried_out(store):
    chat = Chat(store)
    chat.say("ana@example.com")
    assert "(yes/no)" in chat.say("ship #W1000002 to 45 Oak Avenue, Austin, TX 73301")
    reply = chat.say("ok, ship #W1000002 to 9 Elm Road, Austin, TX 73301 instead")
    assert "9 Elm Road" in reply and "(yes/no)" in reply
    assert _order_row(store, "#W1000002").address is None  # unchanged
    chat.say("yes")
    assert _order_row(store, "#W1000002").address["address1"] == "9 Elm Road"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("the running socks please", True),  # a run of the name's words
        ("the cushioned socks", False),  # words of the name, not a run of them
        ("my 3-pack", True),  # its last word
        ("the running shoes", False),
    ],
)
def test_a_product_is_named_by_a_run_of_its_words(text, found):
    name = "Stridewell Blister Guard Cushioned Running Socks 3-Pack"
    assert bool(mentions(text, name)) is found
