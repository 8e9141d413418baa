"""Answers to a verified customer's questions about their money, orders and the store's product
options: "what's my gift card balance?", "how much do I get back in total?", "what did I pay
for the rest of that order?", "how much have I spent on grills?", "how many t-shirt options
are there?". Every figure comes from the database or from this conversation's changes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.dialogue.service_items import best_named, mentions, name_pattern, orders_naming
from assistant.dialogue.state import ServiceCase
from assistant.facts.money import format_price
from assistant.store.customer_orders import CustomerFacts, OrderFacts
from assistant.store.order_changes import options_text, status_words
from assistant.store.product_options import ProductOptionFacts, ProductOptions
from assistant.translation.lists import either, in_a_row
from assistant.translation.speaking import _, ngettext
from catalog.models import OrderStatus

GIFT_BALANCE = re.compile(r"\bgift ?cards?\b.*\bbalance\b|\bbalance\b.*\bgift ?cards?\b", re.I)
HOW_MUCH = re.compile(r"\b(total|how much|in all|altogether|sum)\b", re.I)
SPENT_ON = re.compile(r"\b(all|every)\b.*\b(bought|ordered|purchased|paid for)\b", re.I)
OPTIONS = re.compile(
    r"\b(options?|variants?|versions?|cheapest|most expensive|priciest|available)\b", re.I
)
ABOUT_ORDER = re.compile(r"\border\b", re.I)
SAME_ORDER = re.compile(r"\b(same|that|this|the) order\b", re.I)  # the one just changed
NEWEST_ORDER = re.compile(r"\b(most recent(ly)?|latest|last|newest)\b", re.I)
MONEY_MOVES = re.compile(
    r"\b(get back|back in total|refund(ed|s)?|save|pay today|need to pay|have to pay|owe)\b", re.I
)
LISTED_OPTIONS = 15
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class AccountQuestion:
    """What a question needs: the customer's facts, this conversation's case, the catalog."""

    facts: CustomerFacts
    case: ServiceCase
    options: ProductOptions
    order_numbers: tuple[str, ...] = ()
    names_a_change: bool = False  # "how much would I get back if I return it?" is the change's


def may_ask(text: str) -> bool:
    """Whether the message could ask one of these questions: a look at its words alone, so
    most shopping messages cost no read of the customer's orders."""
    return bool(GIFT_BALANCE.search(text) or HOW_MUCH.search(text) or OPTIONS.search(text))


def answer(text: str, asked: AccountQuestion, catalog: bool = True) -> str | None:
    """The answer when the message asks one of these questions; None when it does not.
    `catalog`: product options may be answered too (a question inside a service case, not a
    shopper's search)."""
    if GIFT_BALANCE.search(text):
        return _gift_card_balance(asked.facts)
    if HOW_MUCH.search(text) and SPENT_ON.search(text):
        spent = _spent_on(text, asked.facts)
        if spent:
            return spent
    if catalog and OPTIONS.search(text):
        product = _product_named(text, asked.options)
        if product is not None:
            return product if isinstance(product, str) else _options(product)
    if HOW_MUCH.search(text) and ABOUT_ORDER.search(text):
        order = _order_meant(text, asked)
        if order is not None:
            return _order_total(order)
    if HOW_MUCH.search(text) and MONEY_MOVES.search(text) and not asked.names_a_change:
        if asked.case.money_changes:
            return altogether(asked.case.money_back)
        return _("Nothing has been refunded or charged in this conversation so far.")
    return None


def altogether(money_back: Decimal) -> str:
    """The net money of this conversation's changes, in one sentence."""
    if money_back > 0:
        said = _("Altogether, this conversation's changes give you {amount} back.")
    elif money_back < 0:
        said = _("Altogether, for this conversation's changes you pay {amount}.")
    else:
        said = _("Altogether, this conversation's refunds and payments cancel out.")
    return said.format(amount=format_price(abs(money_back)))


def _gift_card_balance(facts: CustomerFacts) -> str:
    cards = [m for m in facts.methods if m.kind == "gift_card"]
    if not cards:
        return _("There is no gift card on your account.")
    balances = [format_price(m.balance or ZERO) for m in cards]
    if len(cards) == 1:
        return _("Your gift card balance is {balance}.").format(balance=balances[0])
    return _("Your gift card balances: {balances}.").format(balances=", ".join(balances))


def _spent_on(text: str, facts: CustomerFacts) -> str | None:
    """What the customer paid for every item of a product they name, order by order."""
    names = {line.name for order in facts.orders for line in order.lines}
    named = [name for name in names if mentions(text, name)]
    if not named:
        return None
    bought = [
        (order, line)
        for order in facts.orders
        if order.status is not OrderStatus.CANCELLED
        for line in order.lines
        if line.name in named
    ]
    if not bought:
        return _("You haven't bought any {names} (cancelled orders aside).").format(
            names=either(sorted(named))
        )
    total = sum((line.price for _, line in bought), ZERO)
    listing = "\n".join(
        "- "
        + _("{name} in order {number}: {price}").format(
            name=line.name, number=order.number, price=format_price(line.price)
        )
        for order, line in bought
    )
    return _("You paid {total} in total (cancelled orders aside):\n{listing}").format(
        total=format_price(total), listing=listing
    )


def _product_named(text: str, options: ProductOptions) -> ProductOptionFacts | str | None:
    """The product with options the text names (by its whole name, else by its last word);
    when several fit, the question which one."""
    names = options.names()
    whole = [name for name in names if name_pattern(name).search(text.lower())]
    named = whole or [name for name in names if mentions(text, name)]
    if len(named) > 1:
        listing = "\n".join(f"- {name}" for name in sorted(named)[:LISTED_OPTIONS])
        return _("Which product do you mean?\n{listing}").format(listing=listing)
    return options.of(named[0]) if named else None


def _options(product: ProductOptionFacts) -> str:
    available = [o for o in product.options if o.available]
    count = len(product.options)
    if not available:
        return ngettext(  # English says it alike for one and for many
            "None of the {count} options of {name} is available now.",
            "None of the {count} options of {name} is available now.",
            count,
        ).format(count=count, name=product.name)
    listing = [
        f"- {options_text(dict(o.options))}: {format_price(o.price)}"
        for o in available[:LISTED_OPTIONS]
    ]
    more = len(available) - LISTED_OPTIONS
    if more > 0:
        up_to = _("and {more} more, up to {price}").format(
            more=more, price=format_price(available[-1].price)
        )
        listing.append(f"- {up_to}")
    head = ngettext(
        "{name}: {available} of its {count} options are available right now, cheapest first:",
        "{name}: {available} of its {count} options are available right now, cheapest first:",
        len(available),
    ).format(name=product.name, available=len(available), count=count)
    return "\n".join([head, *listing])


def _order_meant(text: str, asked: AccountQuestion) -> OrderFacts | None:
    facts = asked.facts
    named = best_named(text, orders_naming(text, facts, asked.order_numbers))
    if len(named) == 1:
        return named[0]
    if SAME_ORDER.search(text) and asked.case.last_order:
        return next((o for o in facts.orders if o.number == asked.case.last_order), None)
    if NEWEST_ORDER.search(text) and facts.orders:
        return facts.orders[0]
    return None


def _order_total(order: OrderFacts) -> str:
    """What the order's items come to and what was paid; for a return, what is kept."""
    items = sum((line.price for line in order.lines), ZERO)
    said = [
        _("Order {number} ({status}): its items come to {items}; paid {paid}.").format(
            number=order.number,
            status=status_words(order.status),
            items=format_price(items),
            paid=format_price(order.paid),
        )
    ]
    if order.returning:
        returning = list(order.returning)
        kept = []
        for line in order.lines:
            if line.item_id in returning:
                returning.remove(line.item_id)
            else:
                kept.append(line)
        kept_total = sum((line.price for line in kept), ZERO)
        names = ", ".join(line.name for line in kept) or _("nothing")
        said.append(
            _("The items you keep ({names}) come to {total}.").format(
                names=names, total=format_price(kept_total)
            )
        )
    return in_a_row(said)
