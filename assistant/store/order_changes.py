"""Changes to a customer's own orders under the store's rules: cancel, modify, return, exchange.

Every rule is checked in code twice: when a change is planned (so the customer hears exactly
what will happen before saying yes) and again when it is carried out, in the same transaction
as the change. A change is carried out once: its `key` is recorded with who, what and when
(`OrderChange`), and the same key again changes nothing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.facts.money import format_price
from assistant.understanding.change_request import Address, ChangeKind, ChangeRequest
from catalog.db import write
from catalog.models import (
    Order,
    OrderChange,
    OrderLine,
    OrderPayment,
    OrderStatus,
    PaymentKind,
    PaymentMethod,
    Shopper,
    Variant,
)

CANCEL_REASONS = ("no longer needed", "ordered by mistake")
PENDING = (OrderStatus.PLACED, OrderStatus.ITEMS_MODIFIED)
ZERO = Decimal("0.00")


class ChangeRefused(ValueError):
    """The store's rules do not allow the change; the message says why, for the customer."""


@dataclass(frozen=True)
class Done:
    """A carried-out change: what it did, whether this call did it (False: done before), and
    the money it moves to the customer (negative: the customer pays)."""

    lines: tuple[str, ...]
    now: bool
    money_back: Decimal = Decimal("0.00")


@dataclass
class _Checked:
    """A request checked against the database: the rows it touches and the money it moves."""

    shopper: Shopper
    order: Order | None
    lines: list[OrderLine]
    new_variants: list[Variant]
    method: PaymentMethod | None
    difference: Decimal  # new items minus old ones


def line_item_id(line: OrderLine) -> str:
    """The id of what a line holds: its variant's item id, or the product's SKU."""
    return line.variant.item_id if line.variant else line.product.sku


def options_text(options: dict[str, str]) -> str:
    return ", ".join(f"{key}: {value}" for key, value in options.items())


def item_text(line: OrderLine) -> str:
    """'Water Bottle (capacity: 1000ml, color: blue)'."""
    options = line.variant.options if line.variant else {}
    return f"{line.product.name} ({options_text(options)})" if options else line.product.name


def method_text(method: PaymentMethod, balance: bool = False) -> str:
    """'your Visa ending in 1234', 'your PayPal account', 'your gift card (balance $5.00)'."""
    if method.kind is PaymentKind.CREDIT_CARD:
        card = method.brand.title() if method.brand else "credit card"
        ending = f" ending in {method.last_four}" if method.last_four else ""
        return f"your {card}{ending}"
    if method.kind is PaymentKind.PAYPAL:
        return "your PayPal account"
    if balance and method.balance is not None:
        return f"your gift card (balance {format_price(method.balance)})"
    return "your gift card"


class OrderChanges:
    """Plans and carries out changes to the orders of one verified customer at a time."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def plan(self, shopper_id: int, request: ChangeRequest) -> tuple[str, ...]:
        """What the change will do, line by line; `ChangeRefused` when the rules forbid it."""
        with self._sessions() as db:
            return _summary(request, _check(db, shopper_id, request))

    def carry_out(
        self, shopper_id: int, request: ChangeRequest, key: str, chat_session_id: str | None
    ) -> Done:
        """Check the rules again and make the change, once per `key`."""

        def carry_out(db: Session) -> Done:
            if db.scalar(select(OrderChange.id).where(OrderChange.key == key)) is not None:
                return Done((), now=False)
            checked = _check(db, shopper_id, request)
            details = _summary(request, checked)[1:]
            gift_cards = _gift_cards_credited(request, checked)
            _apply(request, checked)
            money = [d for d in details if "email" not in d and "make sure" not in d]
            balances = [
                f"Your gift card balance is now {format_price(card.balance or ZERO)}."
                for card in gift_cards
            ]
            lines = (_done_line(request, checked), *money, *balances)
            db.add(
                OrderChange(
                    key=key,
                    shopper_id=shopper_id,
                    order_id=checked.order.id if checked.order else None,
                    chat_session_id=chat_session_id,
                    action=request.kind.value,
                    details={"request": _jsonable(request), "summary": list(lines)},
                )
            )
            return Done(lines, now=True, money_back=_money_back(request, checked))

        return write(self._sessions, carry_out)

    def hand_over(
        self,
        shopper_id: int | None,
        summary: str,
        transcript: list[str],
        key: str,
        chat_session_id: str | None,
    ) -> None:
        """Record a case passed to a person: the summary and the conversation so far."""

        def record(db: Session) -> None:
            if db.scalar(select(OrderChange.id).where(OrderChange.key == key)) is None:
                db.add(
                    OrderChange(
                        key=key,
                        shopper_id=shopper_id,
                        chat_session_id=chat_session_id,
                        action="handover",
                        details={"summary": summary, "transcript": transcript},
                    )
                )

        write(self._sessions, record)


def _jsonable(request: ChangeRequest) -> dict[str, object]:
    return {key: list(v) if isinstance(v, tuple) else v for key, v in asdict(request).items()}


def _check(db: Session, shopper_id: int, request: ChangeRequest) -> _Checked:
    shopper = db.get_one(Shopper, shopper_id)
    if request.kind is ChangeKind.DEFAULT_ADDRESS:
        if request.address is None:
            raise ChangeRefused("I need the new address first.")
        return _Checked(shopper, None, [], [], None, ZERO)
    order = _own_order(db, shopper_id, request.order_number)
    _check_status(order, request.kind)
    lines = _lines(order, request.item_ids)
    new_variants = _new_variants(lines, request.new_item_ids, db)
    difference = sum(
        (v.price - line.unit_price for line, v in zip(lines, new_variants, strict=False)), ZERO
    )
    method = _method(shopper, request.payment_method)
    checked = _Checked(shopper, order, lines, new_variants, method, difference)
    _check_kind(request, checked)
    return checked


def _own_order(db: Session, shopper_id: int, number: str | None) -> Order:
    if not number:
        raise ChangeRefused("Which order is it? Its number looks like #W1234567.")
    order = db.scalar(select(Order).where(Order.number == number, Order.shopper_id == shopper_id))
    if order is None:
        raise ChangeRefused(f"I can't find an order {number} on your account.")
    return order


ALLOWED_STATUS = {
    ChangeKind.CANCEL: ((OrderStatus.PLACED,), "pending (not yet processed)"),
    ChangeKind.ADDRESS: (PENDING, "pending (not yet processed)"),
    ChangeKind.PAYMENT: (PENDING, "pending (not yet processed)"),
    ChangeKind.ITEMS: ((OrderStatus.PLACED,), "pending and not changed before"),
    ChangeKind.RETURN: ((OrderStatus.DELIVERED,), "delivered"),
    ChangeKind.EXCHANGE: ((OrderStatus.DELIVERED,), "delivered"),
}

VERBS = {
    ChangeKind.CANCEL: "cancelled",
    ChangeKind.ADDRESS: "sent to another address",
    ChangeKind.PAYMENT: "paid another way",
    ChangeKind.ITEMS: "changed",
    ChangeKind.RETURN: "returned",
    ChangeKind.EXCHANGE: "exchanged",
}


STATUS_WORDS = {
    OrderStatus.PLACED: "pending",
    OrderStatus.ITEMS_MODIFIED: "pending with its items already changed once",
    OrderStatus.SHIPPED: "processed (on its way)",
}


def status_refusal(number: str, status: OrderStatus, kind: ChangeKind) -> str | None:
    """Why an order in this status cannot have this change; None when it can."""
    allowed, wording = ALLOWED_STATUS[kind]
    if status in allowed:
        return None
    return (
        f"Order {number} is {STATUS_WORDS.get(status, status.value)}, so it can't be "
        f"{VERBS[kind]}: only an order that "
        f"is {wording} can."
    )


def _check_status(order: Order, kind: ChangeKind) -> None:
    refusal = status_refusal(order.number, order.status, kind)
    if refusal:
        raise ChangeRefused(refusal)


def _lines(order: Order, item_ids: tuple[str, ...]) -> list[OrderLine]:
    """The order's lines holding `item_ids` (an id twice: two lines)."""
    free = list(order.lines)
    chosen = []
    for item_id in item_ids:
        line = next((line for line in free if line_item_id(line) == item_id), None)
        if line is None:
            raise ChangeRefused(f"Order {order.number} has no more such items to change.")
        free.remove(line)
        chosen.append(line)
    return chosen


def _new_variants(lines: list[OrderLine], new_ids: tuple[str, ...], db: Session) -> list[Variant]:
    if not new_ids:
        return []
    if len(new_ids) != len(lines):
        raise ChangeRefused("Each item needs exactly one replacement.")
    variants = []
    for line, new_id in zip(lines, new_ids, strict=True):
        variant = db.scalar(select(Variant).where(Variant.item_id == new_id))
        if variant is None or variant.product_id != line.product_id:
            raise ChangeRefused(
                f"An item can only be swapped for another option of the same product "
                f"({line.product.name})."
            )
        if line.variant is not None and variant.id == line.variant.id:
            raise ChangeRefused(f"That is the option you already have for {line.product.name}.")
        if not variant.available:
            raise ChangeRefused(
                f"Sorry, {line.product.name} with {options_text(variant.options)} is not "
                "available at the moment."
            )
        variants.append(variant)
    return variants


def _method(shopper: Shopper, method_id: str | None) -> PaymentMethod | None:
    """The method the customer chose, if any; it must be on their account."""
    return None if method_id is None else _method_of(shopper, method_id)


def _check_kind(request: ChangeRequest, checked: _Checked) -> None:
    """The rules particular to each kind of change."""
    order = checked.order
    assert order is not None
    kind, method = request.kind, checked.method
    if kind is ChangeKind.CANCEL and request.reason not in CANCEL_REASONS:
        raise ChangeRefused(
            "I can cancel an order only because it is no longer needed or was ordered by "
            "mistake — which one is it?"
        )
    if kind is ChangeKind.ADDRESS and request.address is None:
        raise ChangeRefused("I need the new shipping address first.")
    if kind in (ChangeKind.RETURN, ChangeKind.EXCHANGE, ChangeKind.ITEMS) and not checked.lines:
        raise ChangeRefused("Which items is it about?")
    if kind in (ChangeKind.EXCHANGE, ChangeKind.ITEMS) and not checked.new_variants:
        raise ChangeRefused("Which option would you like instead?")
    paid = (ChangeKind.PAYMENT, ChangeKind.RETURN, ChangeKind.EXCHANGE, ChangeKind.ITEMS)
    if kind in paid and method is None:
        raise ChangeRefused("Which payment method should I use?")
    if kind is ChangeKind.PAYMENT:
        assert method is not None
        payments = order.payments
        if len(payments) != 1 or payments[0].kind != "payment":
            raise ChangeRefused(f"Order {order.number} has more than one payment to change.")
        if payments[0].method_id == method.method_id:
            raise ChangeRefused(f"Order {order.number} is already paid with {method_text(method)}.")
        _covers(method, payments[0].amount)
    if kind is ChangeKind.RETURN:
        assert method is not None
        original = order.payments[0].method_id if order.payments else None
        if method.kind is not PaymentKind.GIFT_CARD and method.method_id != original:
            raise ChangeRefused(
                "A refund can only go to the original payment method or to a gift card."
            )
    if kind in (ChangeKind.EXCHANGE, ChangeKind.ITEMS):
        assert method is not None
        _covers(method, checked.difference)


def _covers(method: PaymentMethod, amount: Decimal) -> None:
    if method.kind is PaymentKind.GIFT_CARD and (method.balance or ZERO) < amount:
        raise ChangeRefused(
            f"Your gift card's balance ({format_price(method.balance or ZERO)}) does not cover "
            f"{format_price(amount)}."
        )


def _refund_when(method: PaymentMethod) -> str:
    if method.kind is PaymentKind.GIFT_CARD:
        return "right away"
    return "within 5 to 7 business days"


def _summary(request: ChangeRequest, checked: _Checked) -> tuple[str, ...]:
    """What the change does, in words the customer can check before saying yes."""
    order, method = checked.order, checked.method
    if request.kind is ChangeKind.DEFAULT_ADDRESS:
        assert request.address is not None
        return (f"Change your default address to {request.address.text}.",)
    assert order is not None
    items = [item_text(line) for line in checked.lines]
    if request.kind is ChangeKind.CANCEL:
        total = sum((p.amount for p in order.payments if p.kind == "payment"), ZERO)
        refunds = [
            f"{format_price(p.amount)} back to {method_text(m)} {_refund_when(m)}"
            for p in order.payments
            if p.kind == "payment"
            for m in [_method_of(checked.shopper, p.method_id)]
        ]
        return (
            f"Cancel order {order.number} ({', '.join(item_text(x) for x in order.lines)}; "
            f"{format_price(total)}), reason: {request.reason}.",
            *[f"Refund: {refund}." for refund in refunds],
        )
    if request.kind is ChangeKind.ADDRESS:
        assert request.address is not None
        return (f"Ship order {order.number} to {request.address.text}.",)
    if request.kind is ChangeKind.PAYMENT:
        assert method is not None
        old = _method_of(checked.shopper, order.payments[0].method_id)
        amount = order.payments[0].amount
        return (
            f"Pay order {order.number} ({format_price(amount)}) with {method_text(method)} "
            f"instead of {method_text(old)}.",
            f"Refund: {format_price(amount)} back to {method_text(old)} {_refund_when(old)}.",
        )
    if request.kind is ChangeKind.RETURN:
        assert method is not None
        total = sum((line.unit_price for line in checked.lines), ZERO)
        return (
            f"Return from order {order.number}: {'; '.join(items)}.",
            f"Refund: {format_price(total)} to {method_text(method)}.",
            "You'll get an email on how and where to send the items back.",
        )
    assert method is not None
    swaps = [
        f"{item_text(line)} → {options_text(variant.options)} "
        f"({format_price(line.unit_price)} → {format_price(variant.price)})"
        for line, variant in zip(checked.lines, checked.new_variants, strict=True)
    ]
    verb = "Exchange" if request.kind is ChangeKind.EXCHANGE else "Change"
    difference = checked.difference
    money = (
        f"You pay the difference, {format_price(difference)}, with {method_text(method)}."
        if difference > 0
        else f"Refund of the difference, {format_price(-difference)}, to {method_text(method)}."
        if difference < 0
        else "No price difference."
    )
    last = (
        "Please make sure these are all the items you want to exchange: it can be done only once."
        if request.kind is ChangeKind.EXCHANGE
        else "After this the order can't be changed or cancelled again, so please make sure "
        "these are all the items you want to change."
    )
    return (f"{verb} in order {order.number}: {'; '.join(swaps)}.", money, last)


def _done_line(request: ChangeRequest, checked: _Checked) -> str:
    """What is now so, after the change."""
    order = checked.order
    if order is None:
        assert request.address is not None
        return f"Your default address is now {request.address.text}."
    items = "; ".join(item_text(line) for line in checked.lines)
    new_items = "; ".join(
        f"{line.product.name} ({options_text(variant.options)})"
        for line, variant in zip(checked.lines, checked.new_variants, strict=False)
    )
    done = {
        ChangeKind.CANCEL: f"Order {order.number} is cancelled.",
        ChangeKind.ADDRESS: f"Order {order.number} will be shipped to "
        f"{request.address.text if request.address else ''}.",
        ChangeKind.PAYMENT: f"Order {order.number} is now paid with "
        f"{method_text(checked.method) if checked.method else ''}.",
        ChangeKind.ITEMS: f"Order {order.number} now has: {items}.",
        ChangeKind.RETURN: f"The return of {items} from order {order.number} is requested; "
        "you'll get an email on how and where to send the items back.",
        ChangeKind.EXCHANGE: f"The exchange for order {order.number} is requested: you'll get "
        f"{new_items}. You'll get an email on how and where to send the old items back.",
    }
    return done[request.kind]


def _money_back(request: ChangeRequest, checked: _Checked) -> Decimal:
    """What the change gives back to the customer (negative: what they pay)."""
    if request.kind is ChangeKind.CANCEL:
        assert checked.order is not None
        return sum((p.amount for p in checked.order.payments if p.kind == "payment"), ZERO)
    if request.kind is ChangeKind.RETURN:
        return sum((line.unit_price for line in checked.lines), ZERO)
    if request.kind in (ChangeKind.EXCHANGE, ChangeKind.ITEMS):
        return -checked.difference
    return ZERO


def _gift_cards_credited(request: ChangeRequest, checked: _Checked) -> list[PaymentMethod]:
    """The gift cards whose balance the change moves now (a return or exchange moves money
    only once the items are back)."""
    order, method = checked.order, checked.method
    if request.kind is ChangeKind.CANCEL and order is not None:
        ids = {p.method_id for p in order.payments if p.kind == "payment"}
        touched = [_method_of(checked.shopper, method_id) for method_id in sorted(ids)]
    elif request.kind is ChangeKind.PAYMENT and order is not None and method is not None:
        touched = [method, _method_of(checked.shopper, order.payments[0].method_id)]
    elif request.kind is ChangeKind.ITEMS and method is not None and checked.difference:
        touched = [method]
    else:
        touched = []
    return [m for m in touched if m.kind is PaymentKind.GIFT_CARD]


def _method_of(shopper: Shopper, method_id: str) -> PaymentMethod:
    method = next((m for m in shopper.payment_methods if m.method_id == method_id), None)
    if method is None:
        raise ChangeRefused("That payment method is not on your account.")
    return method


def _apply(request: ChangeRequest, checked: _Checked) -> None:
    """Make the checked change."""
    order, method, shopper = checked.order, checked.method, checked.shopper
    kind = request.kind
    if kind is ChangeKind.DEFAULT_ADDRESS:
        shopper.address = _address_dict(request.address)
        return
    assert order is not None
    if kind is ChangeKind.CANCEL:
        for payment in [p for p in order.payments if p.kind == "payment"]:
            order.payments.append(
                OrderPayment(kind="refund", amount=payment.amount, method_id=payment.method_id)
            )
            _credit(_method_of(shopper, payment.method_id), payment.amount)
        order.status = OrderStatus.CANCELLED
        order.cancel_reason = request.reason
    elif kind is ChangeKind.ADDRESS:
        order.address = _address_dict(request.address)
    elif kind is ChangeKind.PAYMENT:
        assert method is not None
        first = order.payments[0]
        old = _method_of(shopper, first.method_id)
        order.payments.append(
            OrderPayment(kind="payment", amount=first.amount, method_id=method.method_id)
        )
        order.payments.append(
            OrderPayment(kind="refund", amount=first.amount, method_id=old.method_id)
        )
        _credit(method, -first.amount)
        _credit(old, first.amount)
    elif kind is ChangeKind.ITEMS:
        assert method is not None
        difference = checked.difference
        order.payments.append(
            OrderPayment(
                kind="payment" if difference > 0 else "refund",
                amount=abs(difference),
                method_id=method.method_id,
            )
        )
        _credit(method, -difference)
        for line, variant in zip(checked.lines, checked.new_variants, strict=True):
            line.variant_id, line.variant, line.unit_price = variant.id, variant, variant.price
        order.status = OrderStatus.ITEMS_MODIFIED
    elif kind is ChangeKind.RETURN:
        assert method is not None
        order.status = OrderStatus.RETURN_REQUESTED
        order.return_item_ids = sorted(line_item_id(line) for line in checked.lines)
        order.request_payment_method = method.method_id
    elif kind is ChangeKind.EXCHANGE:
        assert method is not None
        order.status = OrderStatus.EXCHANGE_REQUESTED
        order.exchange_item_ids = sorted(line_item_id(line) for line in checked.lines)
        order.exchange_new_item_ids = sorted(v.item_id for v in checked.new_variants)
        order.request_payment_method = method.method_id
        order.exchange_price_difference = checked.difference


def _credit(method: PaymentMethod, amount: Decimal) -> None:
    """Money into (or, negative, out of) a gift card; other methods keep no balance."""
    if method.kind is PaymentKind.GIFT_CARD:
        method.balance = (method.balance or ZERO) + amount


def _address_dict(address: Address | None) -> dict[str, str]:
    assert address is not None
    return asdict(address)
