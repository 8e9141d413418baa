"""The moves beyond searching: compare, describe, cart, checkout, orders and store policies.

Each move reads facts from the database (products, the session's cart and orders, the policy
text) and writes its reply with code, so every price, name and order number is true. A move
that cannot tell which product the shopper means asks instead (move "clarify"). A move returns
the events it causes (the products it was about, the question it asked); the dialogue manager
records them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_date

from assistant.dialogue import replies
from assistant.dialogue.choosing import offer_pending, offer_to_add, picked_product
from assistant.dialogue.next_action import Action
from assistant.dialogue.references import named, resolve
from assistant.dialogue.state import ClarificationAsked, DialogueState, Event, ProductsDiscussed
from assistant.facts.compare import comparison_table, verdict
from assistant.facts.money import format_price
from assistant.facts.product_answers import ProductAnswers
from assistant.facts.product_facts import ProductFacts, describe_product, why_it_fits
from assistant.store.cart import Cart, CartError, CartService
from assistant.store.orders import OrderDesk, OrderView, SignInNeeded
from assistant.store.policies import PolicyLibrary
from assistant.translation.lists import both, in_a_row
from assistant.translation.speaking import LOCALES, N_, SOURCE, _, language, ngettext
from assistant.understanding.conversation_acts import Act
from assistant.understanding.lexicon import STOPWORDS
from assistant.understanding.parsing import ParsedMessage
from assistant.understanding.product_question import (
    SUPERLATIVE,
    VALUE_OF_SHOWN,
    QuestionForm,
    asks_about_a_named_product,
    model_words,
    read_question,
)
from assistant.understanding.vocabulary import CatalogVocabulary
from catalog.models import Product

MAX_COMPARED = 4
REMOVED = N_("Removed {names} from your cart.")
NO_ORDERS = N_("You have no orders with us yet.")


@dataclass(frozen=True)
class Move:
    """What a move did: its text, the products to show as cards (in order), its events."""

    action: Action
    text: str
    products: tuple[Product, ...] = ()
    events: tuple[Event, ...] = ()


def _about(
    action: Action, text: str, product_ids: tuple[int, ...], products: tuple[Product, ...] = ()
) -> Move:
    """A move that makes `product_ids` the products talked about (none: nothing is)."""
    return Move(action, text, products, (ProductsDiscussed(product_ids),))


def _ask(question: str) -> Move:
    """A question instead of the move, when it cannot tell which product is meant."""
    return Move(Action.CLARIFY, question, events=(ClarificationAsked(question, new_topic=False),))


@dataclass(frozen=True)
class Turn:
    """The message as the moves need it."""

    session_id: str | None
    parsed: ParsedMessage
    state: DialogueState
    product_words: tuple[str, ...]  # keywords and the words naming a category ("that jacket")
    vocabulary: CatalogVocabulary  # to read a question in the product's terms


class StoreMoves:
    """Runs one move for a chat session; `personal` explains a product by the shopper's past."""

    def __init__(
        self,
        facts: ProductFacts,
        answers: ProductAnswers,
        cart: CartService,
        orders: OrderDesk,
        policies: PolicyLibrary,
    ) -> None:
        self._facts = facts
        self._answers = answers
        self._cart = cart
        self._orders = orders
        self._policies = policies

    def run(self, action: Action, turn: Turn, personal: Callable[[int], str | None]) -> Move:
        handlers = {
            Action.COMPARE: self._compare,
            Action.CART_ADD: self._cart_add,
            Action.CART_REMOVE: self._cart_remove,
            Action.CART_SHOW: self._cart_show,
            Action.CHECKOUT: self._checkout,
            Action.ORDER_STATUS: self._order_status,
            Action.POLICY: self._policy,
            Action.CHOOSE: self._choose,
            Action.SHOP_QUESTION: self._shop_question,
        }
        if action is Action.DESCRIBE:
            return self._describe(turn, personal)
        if (
            action
            in (
                Action.CART_ADD,
                Action.CART_REMOVE,
                Action.CART_SHOW,
                Action.CHECKOUT,
                Action.ORDER_STATUS,
            )
            and turn.session_id is None
        ):
            return Move(action, _(replies.NO_SESSION))
        try:
            return handlers[action](turn)
        except CartError as error:
            return Move(action, str(error))
        except SignInNeeded:
            return Move(action, _(replies.SIGN_IN[action]))

    def _targets(self, turn: Turn) -> list[Product]:
        """The products the message points at, among those shown and talked about."""
        state = turn.state
        known = self._facts.load([*state.shown_ids, *state.focus_ids, *state.discussed_ids])
        ids = resolve(
            turn.parsed.slots.references,
            turn.product_words,
            state,
            {p.id: p.name for p in known},
            {p.id: p.price for p in known},
        )
        by_id = {p.id: p for p in known}
        return [by_id[i] for i in ids if i in by_id]

    def _compare(self, turn: Turn) -> Move:
        products = self._targets(turn)
        if (
            len(products) < 2
            and len(turn.state.shown_ids) >= 2
            and not turn.parsed.slots.references
        ):
            shown = turn.state.shown_ids[:MAX_COMPARED]
            products = self._facts.load(shown)
        if len(products) < 2:
            return _ask(_(replies.WHICH_TO_COMPARE))
        products = products[:MAX_COMPARED]
        text = f"{comparison_table(products)}\n\n{verdict(products)}"
        return _about(Action.COMPARE, text, tuple(p.id for p in products), tuple(products))

    def _describe(self, turn: Turn, personal: Callable[[int], str | None]) -> Move:
        shown = len(turn.state.shown_ids)
        beyond = [int(r) for r in turn.parsed.slots.references if r.isdigit() and int(r) > shown]
        if beyond:  # "the fifth one" with four on screen
            return _ask(replies.beyond_shown(beyond[0], shown))
        products = self._targets(turn)
        positions = [int(r) for r in turn.parsed.slots.references if r.isdigit()]
        if positions and not products:  # shown, then removed from the catalog
            return _ask(replies.gone_from_catalog(positions[0]))
        text = turn.parsed.grammar_text.lower()
        if not products and (SUPERLATIVE.search(text) or VALUE_OF_SHOWN.search(text)):
            products = self._facts.load(turn.state.shown_ids)  # "lightest?", "the plot?"
        if not products and asks_about_a_named_product(turn.parsed.text):  # "the Galaxy S20?"
            products = self._facts.named(model_words(turn.parsed.text))
        if not products:
            return _ask(_(replies.WHICH_PRODUCT))
        question = read_question(turn.parsed.text, turn.vocabulary, products[0].category)
        if question.form is QuestionForm.EXTREME and len(products) < 2 and shown >= 2:
            products = self._facts.load(turn.state.shown_ids)  # "which is the cheapest one?"
        if turn.parsed.asks_why:
            text = in_a_row(why_it_fits(p, turn.state.request, personal(p.id)) for p in products)
        elif question.specific and (len(products) > 1 or question.form is QuestionForm.EXTREME):
            text = self._answers.across(products, question).text
        elif question.specific:
            text = self._answers.answer(products[0], question).text
        elif turn.parsed.asks_reviews:
            text = in_a_row(self._answers.what_reviewers_say(p) for p in products)
        else:
            text = in_a_row(describe_product(p, turn.parsed.slots.colours) for p in products)
        return _about(Action.DESCRIBE, text, tuple(p.id for p in products), tuple(products))

    def _cart_add(self, turn: Turn) -> Move:
        assert turn.session_id is not None
        wanted = turn.parsed.quantity_to_set
        products = self._targets(turn) or self._offered(turn) or self._in_focus(turn)
        if wanted is not None:
            return self._set_quantity(turn, products, wanted)
        if not products:
            return _ask(_(replies.WHICH_TO_ADD))
        quantity = turn.parsed.slots.quantity or 1
        for product in products:
            cart = self._cart.add(turn.session_id, product.id, quantity)
        added = _series(
            [
                _("{quantity} x {name} ({price} each)").format(
                    quantity=quantity, name=p.name, price=format_price(p.price, p.currency)
                )
                for p in products
            ]
        )
        text = _("Added {items} to your cart.").format(items=added)
        return _about(
            Action.CART_ADD, in_a_row((text, _cart_line(cart))), tuple(p.id for p in products)
        )

    def _offered(self, turn: Turn) -> list[Product]:
        """The product of "Shall I add … to your cart?" when the answer is "yes"."""
        if turn.parsed.act is Act.AGREE and offer_pending(turn.state):
            return self._facts.load(turn.state.focus_ids)
        return []

    def _in_focus(self, turn: Turn) -> list[Product]:
        """The one product last talked about, for a bare "add to cart" / "加入购物车" that
        names none."""
        focus, parsed = turn.state.focus_ids, turn.parsed
        if len(focus) == 1 and not (parsed.slots.references or parsed.has_constraints):
            return self._facts.load(focus)
        return []

    def _choose(self, turn: Turn) -> Move:
        """A product picked by name or position ("I'll go for The Guest List") is offered for
        the cart, and a "yes" adds it; a pick that names no one product is asked about."""
        state = turn.state
        known = self._facts.load([*state.focus_ids, *state.shown_ids, *state.discussed_ids])
        product = picked_product(turn.parsed, state, known)
        if product is None:
            return _ask(_(replies.WHICH_PICKED))
        offer = offer_to_add(product.name, format_price(product.price, product.currency))
        return _about(Action.CHOOSE, offer, (product.id,), (product,))

    def _shop_question(self, turn: Turn) -> Move:
        """ "Are ratings out of 5?" and "which currency is that?" (the products' own)."""
        if turn.parsed.act is Act.ASKS_RATING_SCALE:
            return Move(Action.SHOP_QUESTION, _(replies.RATING_SCALE))
        state = turn.state
        seen = self._facts.load([*state.focus_ids, *state.shown_ids]) or self._facts.load(
            state.discussed_ids
        )
        currencies = [product.currency.upper() for product in seen]
        return Move(Action.SHOP_QUESTION, replies.currency_answer(currencies))

    def _set_quantity(self, turn: Turn, products: list[Product], quantity: int) -> Move:
        assert turn.session_id is not None
        cart = self._cart.view(turn.session_id)
        in_cart = {item.product_id for item in cart.items}
        targets = [p.id for p in products if p.id in in_cart]
        if not targets and len(cart.items) == 1:
            targets = [cart.items[0].product_id]
        if not targets:
            return _ask(_(replies.WHICH_QUANTITY) if cart.items else _(replies.EMPTY_CART))
        names = _series([item.name for item in cart.items if item.product_id in targets])
        for product_id in targets:
            cart = self._cart.set_quantity(turn.session_id, product_id, quantity)
        done = (
            _("Done — you now have {quantity} x {names}.").format(quantity=quantity, names=names)
            if quantity
            else _(REMOVED).format(names=names)
        )
        return _about(Action.CART_ADD, in_a_row((done, _cart_line(cart))), tuple(targets))

    def _cart_remove(self, turn: Turn) -> Move:
        assert turn.session_id is not None
        cart = self._cart.view(turn.session_id)
        if not cart.items:
            return Move(Action.CART_REMOVE, _(replies.EMPTY_CART))
        names = {item.product_id: item.name for item in cart.items}
        if turn.parsed.empties_cart:
            targets = list(names)
        else:
            targets = [p.id for p in self._targets(turn) if p.id in names] or named(
                turn.product_words, list(names), names
            )
            if not targets and len(names) == 1 and not turn.product_words:
                targets = list(names)  # "remove it" with one line in the cart
        if not targets:
            return _ask(_(replies.WHICH_TO_REMOVE) + " " + _cart_list(cart))
        for product_id in targets:
            cart = self._cart.remove(turn.session_id, product_id)
        removed = _(REMOVED).format(names=_series([names[i] for i in targets]))
        return _about(Action.CART_REMOVE, in_a_row((removed, _cart_line(cart))), ())

    def _cart_show(self, turn: Turn) -> Move:
        assert turn.session_id is not None
        cart = self._cart.view(turn.session_id)
        if not cart.items:
            return Move(Action.CART_SHOW, _(replies.EMPTY_CART))
        subtotal = _("Subtotal: {subtotal} ({items}).").format(
            subtotal=cart.subtotal_text, items=_items(cart.item_count)
        )
        heading = _("Here's your cart:")
        return Move(Action.CART_SHOW, f"{heading}\n\n{_cart_list(cart)}\n\n{subtotal}")

    def _checkout(self, turn: Turn) -> Move:
        assert turn.session_id is not None
        order = self._orders.place(turn.session_id)
        total = format_price(order.total, order.currency)
        count = sum(line.quantity for line in order.lines)
        placed = _(
            "Thank you! Order {number} is placed: {items}, {total} before shipping and sales "
            'tax. Ask me "where is my order?" any time.'
        ).format(number=order.number, items=_items(count), total=total)
        return _about(Action.CHECKOUT, placed, ())

    def _order_status(self, turn: Turn) -> Move:
        assert turn.session_id is not None
        number = turn.parsed.slots.order_number
        orders = self._orders.find(turn.session_id, number)
        if not orders:
            text = replies.order_not_found(number) if number else _(NO_ORDERS)
            return Move(Action.ORDER_STATUS, text)
        return Move(Action.ORDER_STATUS, "\n\n".join(_order_status(o) for o in orders))

    def _policy(self, turn: Turn) -> Move:
        topic = turn.parsed.slots.policy_topic
        said = turn.parsed.text if turn.parsed.language == "en" else ""  # zh/es/fr: not checkable
        words = [w for w in re.findall(r"[\w'-]+", said) if w.lower() not in STOPWORDS]
        answer = self._policies.answer(topic.value if topic else None, words)
        parts = []
        if answer.passage and answer.covered:
            parts.append(
                _("From our {title} policy: “{text}”").format(
                    title=answer.passage.title, text=answer.passage.text
                )
            )
        else:
            parts.append(replies.policy_not_covered(answer.unmentioned))
            if answer.passage:
                parts.append(
                    _("What our {title} policy does say: “{text}”").format(
                        title=answer.passage.title, text=answer.passage.text
                    )
                )
            parts.append(replies.hand_off(answer.contact))
        return Move(Action.POLICY, in_a_row(parts))


def _items(count: int) -> str:
    return ngettext("{count} item", "{count} items", count).format(count=count)


def _series(names: list[str]) -> str:
    """Several names in one sentence: "a, b" in English (the shop's own form), "a 和 b"."""
    return ", ".join(names) if language() == SOURCE else both(names)


def _date(moment: datetime) -> str:
    """ "05 Mar 2026" in English; the locale's medium date in the others ("5 mars 2026")."""
    spoken = language()
    if spoken == SOURCE:
        return f"{moment:%d %b %Y}"
    return format_date(moment, format="medium", locale=LOCALES[spoken])


def _cart_line(cart: Cart) -> str:
    if not cart.items:
        return _("Your cart is now empty.")
    return _("Your cart: {items}, subtotal {subtotal}.").format(
        items=_items(cart.item_count), subtotal=cart.subtotal_text
    )


def _cart_list(cart: Cart) -> str:
    return "\n".join(
        "- "
        + _("{quantity} x {name} — {price} each, {total}").format(
            quantity=item.quantity,
            name=item.name,
            price=format_price(item.unit_price, item.currency),
            total=format_price(item.line_total, item.currency),
        )
        for item in cart.items
    )


def _order_status(order: OrderView) -> str:
    count = sum(line.quantity for line in order.lines)
    head = _("Order {number} (placed {date}, {items}, {total})").format(
        number=order.number,
        date=_date(order.placed_at),
        items=_items(count),
        total=format_price(order.total, order.currency),
    )
    status = _(replies.ORDER_STATUS[order.status])
    if order.carrier and order.tracking_number:
        status = _("{status} with {carrier}, tracking number {tracking}").format(
            status=status, carrier=order.carrier, tracking=order.tracking_number
        )
    if order.estimated_delivery and order.status.value in ("placed", "shipped"):
        status = _("{status}, expected by {date}").format(
            status=status, date=_date(order.estimated_delivery)
        )
    return _("{order}: {status}.").format(order=head, status=status)
