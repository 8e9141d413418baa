"""The service desk: changes to a customer's own orders, turn by turn, under the store's rules.

A case goes: who the customer is (the signed-in session, or their email, or name and zip code)
→ what they want (cancel, change address / payment / items, return, exchange, default address)
→ the order, items, new options, payment method, reason or address, asked for one at a time
→ the exact change listed → their explicit yes → done, once. The customer's words about the
current request are kept and re-read together, so details can come in any order.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import TypeVar

from assistant.dialogue.next_action import Action
from assistant.dialogue.outcome import Outcome
from assistant.dialogue.service_answers import AccountQuestion, altogether, answer, may_ask
from assistant.dialogue.service_items import (
    best_named,
    mentions_own_orders,
    named_lines,
    new_variant,
    orders_naming,
    payment_method,
    wanted_options,
)
from assistant.dialogue.state import CaseChanged, DialogueState, ServiceCase
from assistant.facts.money import format_price
from assistant.store.accounts import Accounts
from assistant.store.customer_orders import CustomerFacts, CustomerOrders, LineFacts, OrderFacts
from assistant.store.order_changes import (
    PENDING,
    ChangeRefused,
    OrderChanges,
    options_text,
    status_name,
    status_refusal,
    status_words,
)
from assistant.store.product_options import ProductOptions
from assistant.translation.lists import in_a_row
from assistant.translation.speaking import N_, _
from assistant.understanding.change_request import ChangeKind, ChangeRequest
from assistant.understanding.service_request import ServiceWords, read_service
from catalog.models import OrderStatus

T = TypeVar("T")
IDENTIFY = N_(
    "To help with your orders I first need to verify who you are: please tell me the email "
    "address on your account, or your full name and zip code (or sign in to the shop)."
)
OFFER = N_(
    "What would you like to do? I can tell you about an order, cancel a pending order or "
    "change its address, payment method or item options, return or exchange items of a "
    "delivered order, or change your default address."
)
HANDOVER = N_("YOU ARE BEING TRANSFERRED TO A HUMAN AGENT. PLEASE HOLD ON.")
ANYTHING_ELSE = N_("Is there anything else I can help you with?")
GOODBYE = N_("Thank you for contacting us — have a great day!")
NOT_FOUND = {  # the account asked for by email, or by name and zip code, is not there
    True: N_(
        "I couldn't find an account with that email. Could you check it and try again, or "
        "give me the other one (email, or full name and zip code)?"
    ),
    False: N_(
        "I couldn't find an account with that name and zip code. Could you check it and try "
        "again, or give me the other one (email, or full name and zip code)?"
    ),
}
SPEAK_TO = re.compile(r"\b(talk|speak|transfer|connect|put me through|get me)\b", re.I)
PERSONAL = re.compile(
    r"\b(my|me|mine|our|please)\b|\bi'?d like\b|\bi (want|need|would like|wish|have to)\b|"
    r"\bi (ordered|bought|received|got|placed)\b|#?\bW\d{7}\b",
    re.I,
)
ORDERS = re.compile(r"\b(my|our) (last |recent |latest )?(orders?|purchases?|package)\b", re.I)
QUESTION = re.compile(
    r"\?|^\W*(what|how|which|is|are|can|could|do|does|did|please tell me|tell me)\b|"
    r"\b(like|want) to (know|confirm|check)\b",
    re.I,
)
POLICY_QUESTION = re.compile(r"\b(policy|policies)\b|^\W*(how|what) (do|does|is|are|can)\b", re.I)
NEEDS_DELIVERED = (ChangeKind.RETURN, ChangeKind.EXCHANGE)
NEEDS_METHOD = (ChangeKind.PAYMENT, ChangeKind.RETURN, ChangeKind.EXCHANGE, ChangeKind.ITEMS)
NEEDS_ITEMS = (ChangeKind.RETURN, ChangeKind.EXCHANGE, ChangeKind.ITEMS)


class ServiceDesk:
    """Runs a customer-service case for a verified or signed-in customer."""

    def __init__(
        self,
        accounts: Accounts,
        orders: CustomerOrders,
        changes: OrderChanges,
        options: ProductOptions,
    ) -> None:
        self._accounts = accounts
        self._orders = orders
        self._changes = changes
        self._options = options

    def handle(self, state: DialogueState, text: str, session_id: str | None) -> Outcome | None:
        """The desk's reply when the message belongs to a service case (an open one, or one
        it starts; a guest asking about their orders is one too); None when it does not."""
        words = read_service(text)
        signed_in = self._accounts.signed_in(session_id)
        if not self._takes(state, text, words, signed_in):
            return None
        return self._respond(state, text, words, signed_in, session_id)

    def _takes(
        self, state: DialogueState, text: str, words: ServiceWords, signed_in: int | None
    ) -> bool:
        case = state.case
        asking = case if case is not None and case.open else ServiceCase(open=False)
        if self._answer(replace(asking, shopper_id=asking.shopper_id or signed_in), text):
            return True  # "what's my gift card balance?", "how much do I get back in total?"
        if POLICY_QUESTION.search(text) and not words.order_numbers:
            return False  # "what's your return policy?" is the policy's to answer
        if case is not None and case.open:
            if words.identity or words.kind or words.order_numbers:
                return True
            if case.shopper_id is not None and words.order_info:
                return True
            desk_spoke_last = state.transcript[-1:] == (("assistant", case.last_reply),)
            if desk_spoke_last and self._answers(case, text, words):
                return True
        if words.identity or (words.human and SPEAK_TO.search(text)):
            return True
        about_orders = words.order_info or words.order_numbers or ORDERS.search(text)
        if about_orders and PERSONAL.search(text) and signed_in is None:
            return True
        return bool(words.kind and PERSONAL.search(text))

    def _answers(self, case: ServiceCase, text: str, words: ServiceWords) -> bool:
        """Whether the message answers the open case: a yes or no, who they are, a detail
        of the request, or something about the customer's own orders."""
        if words.yes or words.no or words.all_set:
            return True
        if case.kind is None and case.proposed is None:
            return False
        details = (words.reason, words.payment, words.address, words.malformed_order)
        if any(details) or words.all_items:
            return True
        if case.shopper_id is None:
            return False
        return mentions_own_orders(text, self._orders.facts(case.shopper_id))

    def _respond(
        self,
        state: DialogueState,
        text: str,
        words: ServiceWords,
        signed_in: int | None,
        session_id: str | None,
    ) -> Outcome:
        case = _current_case(state)
        if words.human and SPEAK_TO.search(text):
            return self._hand_over(case, state, text, session_id)
        shopper = signed_in or case.shopper_id
        greeting = ""
        if words.identity:
            found = (
                self._accounts.by_email(words.email)
                if words.email
                else self._accounts.by_name_and_zip(words.name or "", words.zip_code or "")
            )
            if found is None:
                not_found = _(NOT_FOUND[bool(words.email)])
                return _reply(replace(case, said=(*case.said, text)), not_found)
            if shopper is not None and found != shopper:
                return _reply(
                    case,
                    _(
                        "I can only help one customer per conversation, so I can't act on "
                        "another account here."
                    ),
                )
            if shopper is None:
                greeting = _("Thanks, {name} — I've found your account.").format(
                    name=self._accounts.first_name(found)
                )
            shopper = found
        case = replace(case, shopper_id=shopper)
        restated = words.kind or words.address or words.payment or words.order_numbers
        agreed = words.yes and not words.no and not restated  # "ok, ship it to … instead": list
        if shopper is not None and case.proposed is not None and agreed:
            return self._carry_out(case, shopper, session_id)
        if case.proposed is None and (words.kind is None or QUESTION.search(text)):
            answered = self._answer(case, text, words.order_numbers, words.kind is not None)
            if answered:  # "what's the total of the order after the address change?"
                offer = ("\n" if "\n" in answered else " ") + _(ANYTHING_ELSE)
                return _reply(replace(case, said=()), _join(greeting, answered + offer))
        detail = words.kind is ChangeKind.PAYMENT and case.kind in NEEDS_METHOD and words.payment
        new_request = words.kind is not None and words.kind != case.kind and not detail
        if new_request:
            case = replace(case, kind=words.kind, said=(text,), proposed=None)
        elif not words.identity or case.kind:
            case = replace(case, said=(*case.said, text), proposed=None)
        if shopper is None:
            return _reply(case, _(IDENTIFY))
        if case.kind is None and words.order_info:
            answer = self._order_info(shopper, text, words)
            return _reply(replace(case, said=()), _join(greeting, answer))
        if case.kind is None:
            if words.all_set or (words.no and not case.said[:-1]):
                return _reply(replace(case, open=False, said=()), _(GOODBYE))
            if words.yes:
                return _reply(replace(case, said=()), _("Sure — what else can I help you with?"))
            return _reply(replace(case, said=()), _join(greeting, _(OFFER)))
        return self._next_step(case, shopper, greeting, _spoken_of(state))

    def _next_step(
        self, case: ServiceCase, shopper: int, greeting: str, spoken_of: str | None
    ) -> Outcome:
        """Ask for what is still missing, or list the change and ask for a yes; `spoken_of`
        is the order the assistant's last reply was about ("can I cancel it?")."""
        assert case.kind is not None
        facts = self._orders.facts(shopper)
        built = _request(case.kind, case.said, facts, spoken_of)
        if isinstance(built, Refusal):
            closed = replace(case, kind=None, said=(), proposed=None)
            return _reply(closed, _join(greeting, built.reason, _(ANYTHING_ELSE)))
        if isinstance(built, str):
            return _reply(case, _join(greeting, built))
        try:
            lines = self._changes.plan(shopper, built)
        except ChangeRefused as refused:
            return _reply(case, _join(greeting, str(refused)))
        listing = "\n".join(f"- {line}" for line in lines)
        proposal = _("Here is what I'll do:\n{listing}\nShall I go ahead? (yes/no)")
        return _reply(
            replace(case, kind=built.kind, proposed=built),
            _join(greeting, proposal.format(listing=listing)),
        )

    def _answer(
        self,
        case: ServiceCase,
        text: str,
        order_numbers: tuple[str, ...] = (),
        names_a_change: bool = False,
    ) -> str | None:
        """The answer to a question about the verified customer's money, orders or the
        store's product options, if the message asks one."""
        if case.shopper_id is None or not may_ask(text):
            return None
        facts = self._orders.facts(case.shopper_id)
        asked = AccountQuestion(facts, case, self._options, order_numbers, names_a_change)
        return answer(text, asked, catalog=case.open and bool(QUESTION.search(text)))

    def _order_info(self, shopper: int, text: str, words: ServiceWords) -> str:
        """The orders the customer asks about (by number or product), else the recent ones."""
        facts = self._orders.facts(shopper)
        orders = orders_naming(text, facts, words.order_numbers) or list(facts.orders[:3])
        if not orders:
            return _("There are no orders on your account.")
        details = "\n\n".join(_order_details(order) for order in orders[:5])
        return f"{details}\n{_(ANYTHING_ELSE)}"

    def _carry_out(self, case: ServiceCase, shopper: int, session_id: str | None) -> Outcome:
        assert case.proposed is not None
        key = _key(session_id, case.proposed)
        try:
            done = self._changes.carry_out(shopper, case.proposed, key, session_id)
        except ChangeRefused as refused:
            return _reply(replace(case, proposed=None), str(refused))
        closed = replace(
            case, kind=None, said=(), proposed=None, last_order=case.proposed.order_number
        )
        if not done.now:
            return _reply(closed, _join(_("That's already done."), _(ANYTHING_ELSE)))
        lines = list(done.lines)
        if done.money_back:
            closed = replace(
                closed,
                money_back=case.money_back + done.money_back,
                money_changes=case.money_changes + 1,
            )
            if closed.money_changes > 1:
                lines.append(altogether(closed.money_back))
        listing = "\n".join(f"- {line}" for line in lines)
        return _reply(
            closed, _("Done:\n{listing}").format(listing=listing) + "\n" + _(ANYTHING_ELSE)
        )

    def _hand_over(
        self, case: ServiceCase, state: DialogueState, text: str, session_id: str | None
    ) -> Outcome:
        said = " / ".join((*case.said, text))
        summary = f"Customer {'verified' if case.shopper_id else 'not verified'}; asked: {said}"
        transcript = [f"{role}: {line}" for role, line in (*state.transcript, ("user", text))]
        self._changes.hand_over(
            case.shopper_id, summary, transcript, _key(session_id, summary), session_id
        )
        return _reply(replace(case, open=False), _(HANDOVER))


def _current_case(state: DialogueState) -> ServiceCase:
    """The open case, or a new one that keeps the conversation's money totals."""
    case = state.case
    if case is None:
        return ServiceCase()
    if case.open:
        return case
    return ServiceCase(money_back=case.money_back, money_changes=case.money_changes)


def _reply(case: ServiceCase, text: str) -> Outcome:
    return Outcome(text, events=(CaseChanged(replace(case, last_reply=text)),), move=Action.SERVICE)


def _join(*parts: str) -> str:
    return in_a_row(part for part in parts if part)


def _key(session_id: str | None, what: ChangeRequest | str) -> str:
    """The same change asked for in the same conversation gets the same key."""
    data = what if isinstance(what, str) else asdict(what)
    text = json.dumps([session_id, data], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Refusal:
    """The request cannot be met whatever else the customer says (the order's status)."""

    reason: str


def _spoken_of(state: DialogueState) -> str | None:
    """The one order number in the assistant's last reply, if it named exactly one."""
    last = [text for role, text in state.transcript if role == "assistant"][-1:]
    numbers = read_service(last[0]).order_numbers if last else ()
    return numbers[0] if len(numbers) == 1 else None


def _request(
    kind: ChangeKind, said: tuple[str, ...], facts: CustomerFacts, spoken_of: str | None
) -> ChangeRequest | Refusal | str:
    """The whole request read from what was said, the refusal, or the question for what is
    missing."""
    heard = [read_service(text) for text in said]
    text = " \n ".join(said)
    if kind is ChangeKind.DEFAULT_ADDRESS:
        address = _last(w.address for w in heard)
        if address is None:
            return _("What is the new address? Street, apartment if any, city, state and zip code.")
        return ChangeRequest(kind, address=address)
    order = _order(kind, text, heard, facts, spoken_of)
    if isinstance(order, str):
        return order
    kind = _kind_for(kind, order)
    refusal = status_refusal(order.number, order.status, kind)
    if refusal:
        return Refusal(refusal)
    request = ChangeRequest(kind, order.number)
    if kind in NEEDS_ITEMS:
        items = _items(kind, _latest_naming(said, order), heard, order)
        if isinstance(items, str):
            return items
        request = replace(request, item_ids=items[0], new_item_ids=items[1])
    if kind in NEEDS_METHOD:
        words = _last(w.payment for w in heard)
        method = payment_method(words, facts.methods, order) if words else None
        if method is None:
            unknown = _("I don't see that payment method on your account.") if words else ""
            return _join(unknown, _which_method(kind, facts, order))
        request = replace(request, payment_method=method.method_id)
    if kind is ChangeKind.CANCEL:
        reason = _last(w.reason for w in heard)
        if reason is None:
            return _(
                "What is the reason for cancelling order {number}: is it no longer needed, or "
                "was it ordered by mistake?"
            ).format(number=order.number)
        request = replace(request, reason=reason)
    if kind is ChangeKind.ADDRESS:
        address = _last(w.address for w in heard)
        if address is None:
            return _(
                "What is the new shipping address for order {number}? Street, apartment if any, "
                "city, state and zip code."
            ).format(number=order.number)
        request = replace(request, address=address)
    return request


def _last(values: Iterable[T | None]) -> T | None:
    """The latest of what was said (a correction wins)."""
    found = [v for v in values if v is not None]
    return found[-1] if found else None


def _fits(kind: ChangeKind, order: OrderFacts) -> bool:
    """Whether the order's status allows the kind of change (a swap: pending or delivered)."""
    if kind in (ChangeKind.ITEMS, ChangeKind.EXCHANGE):
        return order.status in (*PENDING, OrderStatus.DELIVERED)
    if kind in NEEDS_DELIVERED:
        return order.status is OrderStatus.DELIVERED
    return order.status in PENDING


def _kind_for(kind: ChangeKind, order: OrderFacts) -> ChangeKind:
    """'Change the size' of a delivered order is an exchange; 'exchange' a pending one, a
    change of its items."""
    if kind is ChangeKind.ITEMS and order.status is OrderStatus.DELIVERED:
        return ChangeKind.EXCHANGE
    if kind is ChangeKind.EXCHANGE and order.status in PENDING:
        return ChangeKind.ITEMS
    return kind


def _order(
    kind: ChangeKind,
    text: str,
    heard: list[ServiceWords],
    facts: CustomerFacts,
    spoken_of: str | None,
) -> OrderFacts | str:
    numbers = [n for w in heard for n in w.order_numbers]
    if not numbers and spoken_of and not orders_naming(text, facts, ()):
        numbers = [spoken_of]  # "can I cancel it?" right after that order was shown
    malformed = heard[-1].malformed_order
    if malformed and not heard[-1].order_numbers:
        return _(
            "“{malformed}” isn't an order number of ours: they look like #W1234567 (a # and a "
            "W before seven digits). Could you check it?"
        ).format(malformed=malformed)
    named = orders_naming(text, facts, numbers[-1:])
    if numbers and not named:
        return _("I can't find order {number} on your account. Could you check the number?").format(
            number=numbers[-1]
        )
    fitting = [o for o in named if _fits(kind, o)]
    if len(named) == 1:
        return named[0]
    top = best_named(text, fitting or named)
    if len(top) == 1:
        return top[0]
    choices = top or [o for o in facts.orders if _fits(kind, o)]
    if len(choices) == 1 and not numbers:
        return choices[0]
    if not choices:
        return _("I don't see an order on your account this could apply to. What is its number?")
    listing = "\n".join(f"- {_order_line(o)}" for o in choices[:6])
    return _("Which order is it?\n{listing}").format(listing=listing)


def _order_details(order: OrderFacts) -> str:
    """An order's status, items with options and prices, what was paid, where it ships."""
    status = status_words(order.status)
    lines = [_("Order {number}: {status}.").format(number=order.number, status=status)]
    lines += [f"- {_line_text(line)}: {format_price(line.price)}" for line in order.lines]
    lines.append(_("Paid: {amount}.").format(amount=format_price(order.paid)))
    if order.ships_to:
        lines.append(_("Shipping to: {address}.").format(address=order.ships_to))
    if order.tracking_number:
        lines.append(_("Tracking number: {number}.").format(number=order.tracking_number))
    return "\n".join(lines)


def _order_line(order: OrderFacts) -> str:
    items = ", ".join(line.name for line in order.lines)
    return f"{order.number} ({status_name(order.status)}): {items}"


def _items(
    kind: ChangeKind, text: str, heard: list[ServiceWords], order: OrderFacts
) -> tuple[tuple[str, ...], tuple[str, ...]] | str:
    """The items meant and, for a swap, the new item for each."""
    if any(w.all_items for w in heard):
        placed = [(0, line) for line in order.lines]
    else:
        placed = named_lines(text, order)
    if not placed:
        listing = "\n".join(f"- {_line_text(line)}" for line in order.lines)
        return _("Which items of order {number} is it about?\n{listing}").format(
            number=order.number, listing=listing
        )
    if kind is ChangeKind.RETURN:
        return tuple(line.item_id for _, line in placed), ()
    new_ids = []
    ends = [place for place, _ in placed[1:]] + [len(text)]
    for (place, line), end in zip(placed, ends, strict=True):
        wanted = wanted_options(text[place:end], line)
        variant = new_variant(line, wanted)
        if variant is None:
            return _which_option(line, wanted)
        new_ids.append(variant.item_id)
    return tuple(line.item_id for _, line in placed), tuple(new_ids)


def _latest_naming(said: tuple[str, ...], order: OrderFacts) -> str:
    """What was said from the last message naming the order's items on: a restated request
    replaces the earlier one, later details add to it."""
    naming = [i for i, text in enumerate(said) if named_lines(text, order)]
    return " \n ".join(said[naming[-1] if naming else 0 :])


def _line_text(line: LineFacts) -> str:
    options = options_text(dict(line.options))
    return f"{line.name} ({options})" if options else line.name


def _which_option(line: LineFacts, wanted: dict[str, str]) -> str:
    if wanted:
        question = _("There is no {name} with {options}.").format(
            name=line.name, options=options_text(wanted)
        )
    else:
        question = _("Which option would you like instead of your {item}?").format(
            item=_line_text(line)
        )
    return f"{question} {_choices(line)}"


def _choices(line: LineFacts) -> str:
    values: dict[str, list[str]] = {}
    for variant in line.variants:
        if variant.available:
            for key, value in variant.options:
                values.setdefault(key, [])
                if value not in values[key]:
                    values[key].append(value)
    listing = "; ".join(f"{key}: {', '.join(vals)}" for key, vals in values.items())
    return _("Available options — {listing}.").format(listing=listing) if listing else ""


WHICH_METHOD = {  # the question after the list of the customer's payment methods
    ChangeKind.PAYMENT: N_("Which one should pay for the order instead?"),
    ChangeKind.RETURN: N_("Which one should the refund go to (the original one, or a gift card)?"),
}
WHICH_METHOD_FOR_DIFFERENCE = N_("Which one should pay or receive the price difference?")


def _which_method(kind: ChangeKind, facts: CustomerFacts, order: OrderFacts) -> str:
    question = _(WHICH_METHOD.get(kind, WHICH_METHOD_FOR_DIFFERENCE))
    listing = "\n".join(
        f"- {_method_line(m.text, m.method_id == order.paid_with)}" for m in facts.methods
    )
    return _("Your payment methods:\n{listing}\n{question}").format(
        listing=listing, question=question
    )


def _method_line(method: str, paid_with: bool) -> str:
    """'your Visa ending in 4242 (paid for this order)'."""
    return _("{method} (paid for this order)").format(method=method) if paid_with else method
