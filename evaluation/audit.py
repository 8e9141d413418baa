"""An automatic audit of one answered turn against the database, for tests and benchmarks.

`audit_turn` lists what the shopper saw that the database does not back up:

- a product card whose id, SKU, name, brand, price or currency differs from the product's row;
- a money amount in the text ("$12.00", "₹499", "USD 12", "12 dollars", "12€") that is none of:
  the price of a product shown as a card or named (its full name) in the text; a unit price,
  line total or subtotal of the session's cart; for the session's customer (signed in, or
  verified in the conversation by the service desk): a unit price, line total or total of
  an order, the sum of some of an order's items (a return), a payment or refund, a gift-card
  balance, a price of another option of an ordered product and its difference from the
  ordered one (an exchange); an amount in the store policies; a number the shopper
  wrote in this session, or a limit read from it ("around 400" is $320 to $480); a price
  limit of a request the dialogue stored for this session;
- an order number ("SA-885064", "#W1234567") that is not one of the customer's orders, unless the
  shopper typed it in this message (repeating it back tells nothing); and the tracking number
  of an order of anyone else;
- a claim of a warranty, shipping, returns, a discount or a price deal that neither the store
  policies nor the shown products' attributes state, and a rating off the 5-point scale or
  none of the shown products' ratings or written reviews' (the grounding check's own
  `claim_check`, with the database as its evidence).

It runs after the turn, so "the cart" is the cart as the turn left it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session, selectinload

from assistant.dialogue.replies import ORDER_STATUS
from assistant.dialogue.service_desk import OFFER
from assistant.dialogue.state import CaseChanged
from assistant.dialogue.turns import TurnUpdate
from assistant.facts.cards import ProductCard
from assistant.facts.claim_check import ClaimEvidence, text_claim_problems
from assistant.facts.describe import stated_limits
from assistant.facts.knowledge import fields_text
from assistant.history.codec import decode
from assistant.history.sessions import EVENT_TYPES
from assistant.understanding.parsing import parse_message
from assistant.understanding.vocabulary import CatalogVocabulary
from catalog.models import (
    CartLine,
    ChatEvent,
    ChatMessage,
    ChatSession,
    Order,
    OrderLine,
    PaymentMethod,
    Policy,
    Product,
)
from catalog.request import SearchRequest

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?(?!\d)|\d+(?:[.,]\d{1,2})?(?!\d)"
_BEFORE = r"[$€£₹]|\b(?:USD|EUR|GBP|INR|Rs\.?)"
_AFTER = r"[$€£₹]|(?:USD|EUR|GBP|INR|dollars?|bucks|euros?|rupees?)\b"
MONEY = re.compile(rf"(?:{_BEFORE})\s?({_NUMBER})|(?<![\w.,])({_NUMBER})\s?(?:{_AFTER})", re.I)
NUMBER = re.compile(_NUMBER)
ORDER_NUMBER = re.compile(r"(?<![\w-])[A-Z]{2,4}-\d{4,10}(?![\w-])|#W\d{7}\b")


def _decimal(text: str) -> Decimal | None:
    """ "1,299.50" -> 1299.50; "12,50" (a decimal comma) -> 12.50."""
    if re.fullmatch(r"\d+,\d{1,2}", text):
        text = text.replace(",", ".")
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def stated_amounts(text: str) -> list[Decimal]:
    """Every money amount written in `text`, in order."""
    amounts = (_decimal(m.group(1) or m.group(2)) for m in MONEY.finditer(text))
    return [amount for amount in amounts if amount is not None]


def _numbers(texts: Iterable[str]) -> set[Decimal]:
    """The numbers the shopper wrote, and the price limits the parser reads from them."""
    texts = list(texts)
    found = {_decimal(m.group(0)) for text in texts for m in NUMBER.finditer(text)}
    for text in texts:
        slots = parse_message(text, CatalogVocabulary()).slots
        found |= stated_limits(SearchRequest(price_min=slots.price_min, price_max=slots.price_max))
    return {number for number in found if number is not None}


def card_problems(db: Session, cards: Iterable[ProductCard]) -> list[str]:
    """Cards that do not match their product's row."""
    problems = []
    for card in cards:
        product = db.get(Product, card.product_id)
        if product is None:
            problems.append(f"card {card.name!r}: no product has id {card.product_id}")
            continue
        shown = (card.sku, card.name, card.brand, card.price, card.currency)
        stored = (product.sku, product.name, product.brand, product.price, product.currency)
        for field, said, real in zip(
            ("sku", "name", "brand", "price", "currency"), shown, stored, strict=True
        ):
            if said != real:
                problems.append(f"card {card.name!r}: {field} {said!r}, the database has {real!r}")
    return problems


def _named(db: Session, text: str) -> list[tuple[str, Decimal]]:
    """Name and price of each product whose full name the text contains."""
    lowered = text.lower()
    named = db.execute(
        select(Product.name, Product.price).where(
            literal(lowered).contains(func.lower(Product.name))
        )
    )
    return [(name, price) for name, price in named if name.lower() in lowered]


def _product_prices(db: Session, cards: Iterable[ProductCard], text: str) -> set[Decimal]:
    """Prices of the products on the cards and of those whose full name the text contains."""
    ids = [card.product_id for card in cards]
    prices = set(db.scalars(select(Product.price).where(Product.id.in_(ids)))) if ids else set()
    return prices | {price for _, price in _named(db, text)}


def claim_evidence(
    db: Session, cards: Iterable[ProductCard], text: str, facts: Iterable[str] = ()
) -> ClaimEvidence:
    """What backs the turn's claims: the policies, `facts` (the customer's own orders' statuses:
    "exchange requested"), and of the products shown their attributes and ratings (their own,
    their written reviews' and those reviews' average); the names of the products shown or
    named are read past."""
    ids = [card.product_id for card in cards]
    products = list(
        db.scalars(
            select(Product).options(selectinload(Product.reviews)).where(Product.id.in_(ids))
        )
    )
    ratings: list[float] = [p.rating for p in products if p.rating is not None]
    for product in products:
        stars = [review.rating for review in product.reviews]
        ratings += [*stars, *([sum(stars) / len(stars)] if stars else [])]
    backing = [*db.scalars(select(Policy.body)), *facts]
    return ClaimEvidence.from_texts(backing).with_products(
        (fields_text(p.attributes or {}) for p in products),
        ratings,
        [*(p.name for p in products), *(name for name, _ in _named(db, text))],
    )


def _cart_amounts(db: Session, session_id: str) -> set[Decimal]:
    lines = db.execute(
        select(CartLine.quantity, Product.price)
        .join(Product)
        .where(CartLine.session_id == session_id)
    ).all()
    totals = {price * quantity for quantity, price in lines}
    subtotal = sum((price * quantity for quantity, price in lines), Decimal("0"))
    return {price for _, price in lines} | totals | {subtotal}


def _orders(db: Session, shopper_id: int | None) -> list[Order]:
    if shopper_id is None:
        return []
    return list(
        db.scalars(
            select(Order)
            .options(
                selectinload(Order.lines).selectinload(OrderLine.product),
                selectinload(Order.payments),
            )
            .where(Order.shopper_id == shopper_id)
        )
    )


def _order_amounts(orders: Iterable[Order]) -> set[Decimal]:
    amounts: set[Decimal] = set()
    for order in orders:
        amounts.add(order.total)
        prices = [line.unit_price * line.quantity for line in order.lines]
        amounts |= {sum(chosen, Decimal("0")) for chosen in _subsets(prices)}
        amounts |= {payment.amount for payment in order.payments}
        for line in order.lines:
            amounts.add(line.unit_price)
            for variant in line.product.variants:
                amounts |= {variant.price, abs(variant.price - line.unit_price)}
    return amounts


def _subsets(values: list[Decimal]) -> Iterable[tuple[Decimal, ...]]:
    """Every non-empty choice of the values (an order has a handful of lines)."""
    return (
        combo
        for size in range(1, min(len(values), 6) + 1)
        for combo in itertools.combinations(values, size)
    )


def _customer(db: Session, chat: ChatSession | None) -> int | None:
    """The signed-in shopper, else the one the service desk verified in this conversation."""
    if chat is None or chat.shopper_id is not None:
        return chat.shopper_id if chat else None
    cases = db.scalars(
        select(ChatEvent.data)
        .where(ChatEvent.session_id == chat.id, ChatEvent.kind == CaseChanged.__name__)
        .order_by(ChatEvent.position.desc())
    )
    verified = (decode(CaseChanged, data).case.shopper_id for data in cases)
    return next((shopper for shopper in verified if shopper is not None), None)


def _balances(db: Session, shopper_id: int | None) -> set[Decimal]:
    if shopper_id is None:
        return set()
    balances = db.scalars(
        select(PaymentMethod.balance).where(PaymentMethod.shopper_id == shopper_id)
    )
    return {balance for balance in balances if balance is not None}


def _policy_amounts(db: Session) -> set[Decimal]:
    return {amount for body in db.scalars(select(Policy.body)) for amount in stated_amounts(body)}


def _shopper_texts(db: Session, session_id: str) -> list[str]:
    return list(
        db.scalars(
            select(ChatMessage.text).where(
                ChatMessage.session_id == session_id, ChatMessage.role == "user"
            )
        )
    )


def _request_limits(db: Session, session_id: str) -> set[Decimal]:
    """Price limits of every search request stored in the session's dialogue events."""
    limits: set[Decimal] = set()
    for kind, data in db.execute(
        select(ChatEvent.kind, ChatEvent.data).where(ChatEvent.session_id == session_id)
    ):
        event_type = EVENT_TYPES.get(kind)
        request = getattr(decode(event_type, data), "request", None) if event_type else None
        if isinstance(request, SearchRequest):
            limits |= stated_limits(request)
    return limits


def _order_problems(db: Session, text: str, own: list[Order], message: str) -> list[str]:
    """Order numbers the shopper neither owns nor typed; other orders' tracking numbers."""
    numbers = {order.number for order in own}
    problems = [
        f"order number {number} is none of this shopper's orders"
        for number in dict.fromkeys(ORDER_NUMBER.findall(text))
        if number not in numbers and number.upper() not in message.upper()
    ]
    tracked = db.execute(
        select(Order.number, Order.tracking_number).where(
            Order.id.not_in([order.id for order in own]),
            literal(text).contains(Order.tracking_number),
        )
    )
    return problems + [
        f"tracking number {tracking} of order {number}, another shopper's"
        for number, tracking in tracked
        if tracking and tracking in text
    ]


def audit_turn(
    db: Session, session_id: str | None, shopper_message: str, update: TurnUpdate
) -> list[str]:
    """What the turn's final `update` shows that the database does not back up; [] is fine."""
    chat = db.get(ChatSession, session_id) if session_id else None
    customer = _customer(db, chat)
    orders = _orders(db, customer)
    allowed = (
        _product_prices(db, update.cards, update.text)
        | _order_amounts(orders)
        | _balances(db, customer)
        | _policy_amounts(db)
        | _numbers([shopper_message])
    )
    if chat is not None:
        allowed |= (
            _cart_amounts(db, chat.id)
            | _numbers(_shopper_texts(db, chat.id))
            | _request_limits(db, chat.id)
        )
    problems = card_problems(db, update.cards)
    for amount in dict.fromkeys(stated_amounts(update.text)):
        if amount not in allowed:
            problems.append(
                f"amount {amount} is no price, total, policy figure or limit "
                "the database or the shopper gave"
            )
    problems += _order_problems(db, update.text, orders, shopper_message)
    statuses = [f"Order {order.number}: {ORDER_STATUS[order.status]}" for order in orders]
    evidence = claim_evidence(db, update.cards, update.text, statuses)
    menu = update.text.replace(OFFER, "")  # the desk's list of what it can do claims nothing
    problems += text_claim_problems(menu, evidence)
    return problems
