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
from assistant.translation.speaking import N_, _
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

CANCEL_REASONS = (N_("no longer needed"), N_("ordered by mistake"))
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
        card = method.brand.title() if method.brand else _("credit card")
        if method.last_four:
            return _("your {card} ending in {last_four}").format(
                card=card, last_four=method.last_four
            )
        return _("your {card}").format(card=card)
    if method.kind is PaymentKind.PAYPAL:
        return _("your PayPal account")
    if balance and method.balance is not None:
        return _("your gift card (balance {balance})").format(balance=format_price(method.balance))
    return _("your gift card")


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
            money = _plan(request, checked).money
            gift_cards = _gift_cards_credited(request, checked)
            _apply(request, checked)
            balances = [
                _("Your gift card balance is now {balance}.").format(
                    balance=format_price(card.balance or ZERO)
                )
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
            raise ChangeRefused(_("I need the new address first."))
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
        raise ChangeRefused(_("Which order is it? Its number looks like #W1234567."))
    order = db.scalar(select(Order).where(Order.number == number, Order.shopper_id == shopper_id))
    if order is None:
        raise ChangeRefused(
            _("I can't find an order {number} on your account.").format(number=number)
        )
    return order


ALLOWED_STATUS = {
    ChangeKind.CANCEL: (OrderStatus.PLACED,),
    ChangeKind.ADDRESS: PENDING,
    ChangeKind.PAYMENT: PENDING,
    ChangeKind.ITEMS: (OrderStatus.PLACED,),
    ChangeKind.RETURN: (OrderStatus.DELIVERED,),
    ChangeKind.EXCHANGE: (OrderStatus.DELIVERED,),
}

REFUSALS = {  # why an order in another status can't have the change: {number} {status}
    ChangeKind.CANCEL: N_(
        "Order {number} is {status}, so it can't be cancelled: only an order that is pending "
        "(not yet processed) can."
    ),
    ChangeKind.ADDRESS: N_(
        "Order {number} is {status}, so it can't be sent to another address: only an order "
        "that is pending (not yet processed) can."
    ),
    ChangeKind.PAYMENT: N_(
        "Order {number} is {status}, so it can't be paid another way: only an order that is "
        "pending (not yet processed) can."
    ),
    ChangeKind.ITEMS: N_(
        "Order {number} is {status}, so it can't be changed: only an order that is pending "
        "and not changed before can."
    ),
    ChangeKind.RETURN: N_(
        "Order {number} is {status}, so it can't be returned: only an order that is delivered can."
    ),
    ChangeKind.EXCHANGE: N_(
        "Order {number} is {status}, so it can't be exchanged: only an order that is delivered can."
    ),
}

STATUS_NAMES = {  # each status's own name (its value), to be said in the shopper's language
    OrderStatus.PLACED: N_("placed"),
    OrderStatus.ITEMS_MODIFIED: N_("pending (item modified)"),
    OrderStatus.SHIPPED: N_("shipped"),
    OrderStatus.DELIVERED: N_("delivered"),
    OrderStatus.CANCELLED: N_("cancelled"),
    OrderStatus.RETURNED: N_("returned"),
    OrderStatus.RETURN_REQUESTED: N_("return requested"),
    OrderStatus.EXCHANGE_REQUESTED: N_("exchange requested"),
}

STATUS_WORDS = {  # how a status is told to a customer, where its name is not clear enough
    OrderStatus.PLACED: N_("pending"),
    OrderStatus.ITEMS_MODIFIED: N_("pending with its items already changed once"),
    OrderStatus.SHIPPED: N_("processed (on its way)"),
}


def status_name(status: OrderStatus) -> str:
    """The status's name ("placed", "delivered") in the language being spoken."""
    return _(STATUS_NAMES[status])


def status_words(status: OrderStatus) -> str:
    """The status as told to a customer ("pending", "delivered") in the language spoken."""
    return _(STATUS_WORDS.get(status, STATUS_NAMES[status]))


def status_refusal(number: str, status: OrderStatus, kind: ChangeKind) -> str | None:
    """Why an order in this status cannot have this change; None when it can."""
    if status in ALLOWED_STATUS[kind]:
        return None
    return _(REFUSALS[kind]).format(number=number, status=status_words(status))


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
            raise ChangeRefused(
                _("Order {number} has no more such items to change.").format(number=order.number)
            )
        free.remove(line)
        chosen.append(line)
    return chosen


def _new_variants(lines: list[OrderLine], new_ids: tuple[str, ...], db: Session) -> list[Variant]:
    if not new_ids:
        return []
    if len(new_ids) != len(lines):
        raise ChangeRefused(_("Each item needs exactly one replacement."))
    variants = []
    for line, new_id in zip(lines, new_ids, strict=True):
        variant = db.scalar(select(Variant).where(Variant.item_id == new_id))
        if variant is None or variant.product_id != line.product_id:
            raise ChangeRefused(
                _(
                    "An item can only be swapped for another option of the same product ({name})."
                ).format(name=line.product.name)
            )
        if line.variant is not None and variant.id == line.variant.id:
            raise ChangeRefused(
                _("That is the option you already have for {name}.").format(name=line.product.name)
            )
        if not variant.available:
            raise ChangeRefused(
                _("Sorry, {name} with {options} is not available at the moment.").format(
                    name=line.product.name, options=options_text(variant.options)
                )
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
            _(
                "I can cancel an order only because it is no longer needed or was ordered by "
                "mistake — which one is it?"
            )
        )
    if kind is ChangeKind.ADDRESS and request.address is None:
        raise ChangeRefused(_("I need the new shipping address first."))
    if kind in (ChangeKind.RETURN, ChangeKind.EXCHANGE, ChangeKind.ITEMS) and not checked.lines:
        raise ChangeRefused(_("Which items is it about?"))
    if kind in (ChangeKind.EXCHANGE, ChangeKind.ITEMS) and not checked.new_variants:
        raise ChangeRefused(_("Which option would you like instead?"))
    paid = (ChangeKind.PAYMENT, ChangeKind.RETURN, ChangeKind.EXCHANGE, ChangeKind.ITEMS)
    if kind in paid and method is None:
        raise ChangeRefused(_("Which payment method should I use?"))
    if kind is ChangeKind.PAYMENT:
        assert method is not None
        payments = order.payments
        if len(payments) != 1 or payments[0].kind != "payment":
            raise ChangeRefused(
                _("Order {number} has more than one payment to change.").format(number=order.number)
            )
        if payments[0].method_id == method.method_id:
            raise ChangeRefused(
                _("Order {number} is already paid with {method}.").format(
                    number=order.number, method=method_text(method)
                )
            )
        _covers(method, payments[0].amount)
    if kind is ChangeKind.RETURN:
        assert method is not None
        original = order.payments[0].method_id if order.payments else None
        if method.kind is not PaymentKind.GIFT_CARD and method.method_id != original:
            raise ChangeRefused(
                _("A refund can only go to the original payment method or to a gift card.")
            )
    if kind in (ChangeKind.EXCHANGE, ChangeKind.ITEMS):
        assert method is not None
        _covers(method, checked.difference)


def _covers(method: PaymentMethod, amount: Decimal) -> None:
    if method.kind is PaymentKind.GIFT_CARD and (method.balance or ZERO) < amount:
        raise ChangeRefused(
            _("Your gift card's balance ({balance}) does not cover {amount}.").format(
                balance=format_price(method.balance or ZERO), amount=format_price(amount)
            )
        )


def _refund_line(amount: Decimal, method: PaymentMethod) -> str:
    """'Refund: $20.00 back to your gift card right away.'"""
    if method.kind is PaymentKind.GIFT_CARD:
        line = _("Refund: {amount} back to {method} right away.")
    else:
        line = _("Refund: {amount} back to {method} within 5 to 7 business days.")
    return line.format(amount=format_price(amount), method=method_text(method))


@dataclass(frozen=True)
class _Plan:
    """What a change will do: its first line, the money it moves, and the notes after."""

    head: str
    money: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def _summary(request: ChangeRequest, checked: _Checked) -> tuple[str, ...]:
    """What the change does, in words the customer can check before saying yes."""
    plan = _plan(request, checked)
    return (plan.head, *plan.money, *plan.notes)


def _plan(request: ChangeRequest, checked: _Checked) -> _Plan:
    """What the change does, told in parts: the money lines are said again once it is done."""
    order, method = checked.order, checked.method
    if request.kind is ChangeKind.DEFAULT_ADDRESS:
        assert request.address is not None
        return _Plan(
            _("Change your default address to {address}.").format(address=request.address.text)
        )
    assert order is not None
    if request.kind is ChangeKind.CANCEL:
        return _cancel_plan(request, checked, order)
    if request.kind is ChangeKind.ADDRESS:
        assert request.address is not None
        return _Plan(
            _("Ship order {number} to {address}.").format(
                number=order.number, address=request.address.text
            )
        )
    assert method is not None
    if request.kind is ChangeKind.PAYMENT:
        old = _method_of(checked.shopper, order.payments[0].method_id)
        amount = order.payments[0].amount
        head = _("Pay order {number} ({amount}) with {method} instead of {old}.").format(
            number=order.number,
            amount=format_price(amount),
            method=method_text(method),
            old=method_text(old),
        )
        return _Plan(head, (_refund_line(amount, old),))
    if request.kind is ChangeKind.RETURN:
        total = sum((line.unit_price for line in checked.lines), ZERO)
        items = "; ".join(item_text(line) for line in checked.lines)
        return _Plan(
            _("Return from order {number}: {items}.").format(number=order.number, items=items),
            (
                _("Refund: {amount} to {method}.").format(
                    amount=format_price(total), method=method_text(method)
                ),
            ),
            (_("You'll get an email on how and where to send the items back."),),
        )
    return _swap_plan(request, checked, order, method)


def _cancel_plan(request: ChangeRequest, checked: _Checked, order: Order) -> _Plan:
    assert request.reason is not None  # one of CANCEL_REASONS, checked
    payments = [p for p in order.payments if p.kind == "payment"]
    total = sum((p.amount for p in payments), ZERO)
    head = _("Cancel order {number} ({items}; {total}), reason: {reason}.").format(
        number=order.number,
        items=", ".join(item_text(x) for x in order.lines),
        total=format_price(total),
        reason=_(request.reason),
    )
    refunds = [_refund_line(p.amount, _method_of(checked.shopper, p.method_id)) for p in payments]
    return _Plan(head, tuple(refunds))


def _swap_plan(
    request: ChangeRequest, checked: _Checked, order: Order, method: PaymentMethod
) -> _Plan:
    """An exchange of delivered items, or a change of a pending order's items."""
    swaps = "; ".join(
        f"{item_text(line)} → {options_text(variant.options)} "
        f"({format_price(line.unit_price)} → {format_price(variant.price)})"
        for line, variant in zip(checked.lines, checked.new_variants, strict=True)
    )
    difference = checked.difference
    if difference > 0:
        money = _("You pay the difference, {amount}, with {method}.")
    elif difference < 0:
        money = _("Refund of the difference, {amount}, to {method}.")
    else:
        money = _("No price difference.")
    money = money.format(amount=format_price(abs(difference)), method=method_text(method))
    if request.kind is ChangeKind.EXCHANGE:
        head = _("Exchange in order {number}: {swaps}.")
        last = _(
            "Please make sure these are all the items you want to exchange: it can be done "
            "only once."
        )
    else:
        head = _("Change in order {number}: {swaps}.")
        last = _(
            "After this the order can't be changed or cancelled again, so please make sure "
            "these are all the items you want to change."
        )
    return _Plan(head.format(number=order.number, swaps=swaps), (money,), (last,))


DONE = {  # what is now so, after the change
    ChangeKind.CANCEL: N_("Order {number} is cancelled."),
    ChangeKind.ADDRESS: N_("Order {number} will be shipped to {address}."),
    ChangeKind.PAYMENT: N_("Order {number} is now paid with {method}."),
    ChangeKind.ITEMS: N_("Order {number} now has: {items}."),
    ChangeKind.RETURN: N_(
        "The return of {items} from order {number} is requested; you'll get an email on how "
        "and where to send the items back."
    ),
    ChangeKind.EXCHANGE: N_(
        "The exchange for order {number} is requested: you'll get {new_items}. You'll get an "
        "email on how and where to send the old items back."
    ),
}


def _done_line(request: ChangeRequest, checked: _Checked) -> str:
    """What is now so, after the change."""
    order = checked.order
    if order is None:
        assert request.address is not None
        return _("Your default address is now {address}.").format(address=request.address.text)
    items = "; ".join(item_text(line) for line in checked.lines)
    new_items = "; ".join(
        f"{line.product.name} ({options_text(variant.options)})"
        for line, variant in zip(checked.lines, checked.new_variants, strict=False)
    )
    return _(DONE[request.kind]).format(
        number=order.number,
        address=request.address.text if request.address else "",
        method=method_text(checked.method) if checked.method else "",
        items=items,
        new_items=new_items,
    )


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
        raise ChangeRefused(_("That payment method is not on your account."))
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
