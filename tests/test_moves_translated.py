# ruff: noqa: RUF001  (Chinese sentences are written with full-width punctuation)
"""The store moves' own sentences in the shopper's language: the cart, checkout, orders,
policies, the cards' summary, a relaxed search and the offer to add a pick — each in Chinese,
Spanish and French keeps its facts (names, prices, numbers, dates, quotes); English is the
shop's own text, unchanged."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from assistant.dialogue.card_summary import cards_summary
from assistant.dialogue.choosing import offer_pending, offer_to_add
from assistant.dialogue.moves import Move, StoreMoves, Turn
from assistant.dialogue.next_action import Action
from assistant.dialogue.relaxation import relaxations
from assistant.dialogue.state import DialogueState
from assistant.facts.cards import ProductCard
from assistant.facts.money import format_price
from assistant.facts.product_answers import ProductAnswers
from assistant.facts.product_facts import ProductFacts
from assistant.history.sessions import SessionStore
from assistant.store.cart import CartError, CartService
from assistant.store.orders import OrderDesk
from assistant.store.policies import PolicyLibrary
from assistant.translation.speaking import speaking
from assistant.understanding.parsing import ParsedMessage
from assistant.understanding.schema import PolicyTopic, Slots
from assistant.understanding.vocabulary import CatalogVocabulary
from catalog.demo_loader import DEMO_DIR, parse_policies
from catalog.models import Order, OrderStatus, Product, Shopper
from catalog.request import FacetFilter, SearchRequest
from evaluation.dialogue_suite import FAKE_EMBEDDER as EMBEDDER

CART_WORD = {"zh": "购物车", "es": "carrito", "fr": "panier"}


@pytest.fixture
def store(sessions, add_products):
    """Moves over a shop of two products, for a signed-in shopper who sees them on screen."""
    tee, mug = add_products(
        {"name": "Tee", "price": "19.99", "stock": 3}, {"name": "Mug", "price": "4.50", "stock": 10}
    )
    with sessions.begin() as db:
        db.add(Shopper(handle="ana", name="Ana"))
        db.add_all(parse_policies((DEMO_DIR / "policies.md").read_text(encoding="utf-8")))
    session = SessionStore(sessions).create()
    SessionStore(sessions).set_shopper(session, "ana")
    cart, desk = CartService(sessions), OrderDesk(sessions)
    moves = StoreMoves(
        ProductFacts(sessions), ProductAnswers(EMBEDDER), cart, desk, PolicyLibrary(sessions)
    )
    state = DialogueState(shown_ids=(tee.id, mug.id))

    def run(action: Action, **parsed) -> Move:
        message = ParsedMessage(text="", **parsed)
        turn = Turn(session, message, state, (), CatalogVocabulary())
        return moves.run(action, turn, lambda _product_id: None)

    return run, cart, session, tee


def test_english_cart_sentences_are_the_shops_own(store) -> None:
    run, *_ = store
    added = run(Action.CART_ADD, slots=Slots(references=["1"], quantity=2))
    assert added.text == (
        "Added 2 x Tee ($19.99 each) to your cart. Your cart: 2 items, subtotal $39.98."
    )
    shown = run(Action.CART_SHOW)
    assert shown.text == (
        "Here's your cart:\n\n- 2 x Tee — $19.99 each, $39.98\n\nSubtotal: $39.98 (2 items)."
    )
    assert run(Action.ORDER_STATUS).text == "You have no orders with us yet."


@pytest.mark.parametrize("language", ["zh", "es", "fr"])
def test_the_cart_and_checkout_speak_the_shoppers_language(store, language) -> None:
    run, *_ = store
    with speaking(language):
        price, total = format_price(Decimal("19.99")), format_price(Decimal("39.98"))
        added = run(Action.CART_ADD, slots=Slots(references=["1"], quantity=2)).text
        shown = run(Action.CART_SHOW).text
        placed = run(Action.CHECKOUT).text
        none_left = run(Action.CART_SHOW).text
    for text in (added, shown):
        assert "Tee" in text and price in text and total in text and CART_WORD[language] in text
        assert "each" not in text
    assert "。 " not in added  # Chinese sentences follow one another without a space
    assert shown.count("\n\n") == 2 and "Here's your cart" not in shown  # heading, lines, sum
    assert "SA-" in placed and total in placed and "Thank you" not in placed
    assert "Your cart" not in none_left


@pytest.mark.parametrize(
    ("language", "placed", "expected", "shipped"),
    [
        ("en", "05 Mar 2026", "12 Mar 2026", "shipped with UPS, tracking number 1Z999"),
        ("zh", "2026年3月5日", "2026年3月12日", "已发货，承运商：UPS，运单号：1Z999"),
        ("es", "5 mar 2026", "12 mar 2026", "enviado con UPS, número de seguimiento 1Z999"),
        ("fr", "5 mars 2026", "12 mars 2026", "expédiée via UPS, numéro de suivi 1Z999"),
    ],
)
def test_order_status_gives_dates_and_tracking_in_the_shoppers_language(
    store, sessions, language, placed, expected, shipped
) -> None:
    run, cart, session, tee = store
    cart.add(session, tee.id, 1)
    run(Action.CHECKOUT)
    with sessions.begin() as db:
        order = db.scalars(select(Order)).one()
        order.status, order.carrier, order.tracking_number = OrderStatus.SHIPPED, "UPS", "1Z999"
        order.placed_at, order.estimated_delivery = datetime(2026, 3, 5), datetime(2026, 3, 12)
        number = order.number
    with speaking(language):
        text = run(Action.ORDER_STATUS).text
        price = format_price(Decimal("19.99"))
    assert text.startswith(
        {"en": "Order", "zh": "订单", "es": "Pedido", "fr": "Commande"}[language]
    )
    for fact in (number, placed, expected, shipped, price):
        assert fact in text, (fact, text)


@pytest.mark.parametrize(
    ("language", "lead"),
    [
        ("en", "From our Returns policy: “"),
        ("zh", "摘自我们的Returns政策：“"),
        ("es", "Según nuestra política de Returns: “"),
        ("fr", "Extrait de notre politique Returns : “"),
    ],
)
def test_a_policy_quote_keeps_the_stores_words_after_a_lead_in_the_shoppers(
    store, language, lead
) -> None:
    run, *_ = store
    with speaking(language):
        text = run(Action.POLICY, slots=Slots(policy_topic=PolicyTopic.RETURNS)).text
    assert text.startswith(lead)
    assert "You can return most items within 30 days of delivery" in text


@pytest.mark.parametrize(
    ("language", "unit", "units"),
    [("es", "unidad", "unidades"), ("fr", "exemplaire", "exemplaires"), ("en", "of", "of")],
)
def test_a_stock_refusal_is_said_per_count(store, sessions, language, unit, units) -> None:
    _run, cart, session, tee = store
    with speaking(language), pytest.raises(CartError) as three_left:
        cart.add(session, tee.id, 4)
    with sessions.begin() as db:
        db.get(Product, tee.id).stock = 1
    with speaking(language), pytest.raises(CartError) as one_left:
        cart.add(session, tee.id, 2)
    one, three = (re.findall(r"\w+", str(said.value)) for said in (one_left, three_left))
    assert "Tee" in one and "1" in one and unit in one
    assert "Tee" in three and "3" in three and units in three


def _card(name: str, price: str, rating: float | None, reviews: int) -> ProductCard:
    return ProductCard(
        product_id=len(name), sku=name, name=name, brand=None, price=Decimal(price),
        currency="USD", rating=rating, review_count=reviews, stock=3, image=None, reason="",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("language", "cheapest", "best_rated"),
    [
        ("zh", "最便宜", "评分最高"),
        ("es", "más barato", "mejor valorado"),
        ("fr", "moins cher", "mieux noté"),
    ],
)
def test_the_cards_summary_names_the_cheapest_and_best_rated(language, cheapest, best_rated):
    cheap, rated = _card("Trail Runner", "49.99", 4.1, 30), _card("Road Glide", "89.00", 4.8, 1200)
    with speaking(language):
        text = cards_summary([rated, cheap])
        one = cards_summary([rated])
        price, dearer = format_price(Decimal("49.99")), format_price(Decimal("89.00"))
    assert cheapest in text and best_rated in text and "cheapest" not in text
    assert text.index("Trail Runner") < text.index(price) < text.index("Road Glide")
    assert "4.8/5" in text and "1200" in text
    assert dearer in one and "4.8/5" in one and "costs" not in one


RELAXED = SearchRequest(
    price_max=Decimal("100"),
    colours=("black",),
    facets=(FacetFilter("water_resistant", "=", "true"),),
)


def test_english_relaxations_say_the_miss_of_several_and_of_one() -> None:
    steps = list(relaxations(RELAXED))
    assert [step.missed_by(4) for step in steps] == [
        "none of them is listed as water-resistant",
        "none of them is listed in black",
        "none of them is under $100",
    ]
    assert [step.missed_by(1) for step in steps] == [
        "it is not listed as water-resistant",
        "it is not listed in black",
        "it is not under $100",
    ]


@pytest.mark.parametrize(
    ("language", "several", "one"),
    [
        ("zh", "它们都没有黑色款", "它没有黑色款"),
        ("es", "ninguno está disponible en negro", "no está disponible en negro"),
        ("fr", "aucun n'est proposé en noir", "il n'est pas proposé en noir"),
    ],
)
def test_a_relaxation_is_said_of_several_or_one_in_the_shoppers_language(
    language, several, one
) -> None:
    with speaking(language):
        colours = list(relaxations(RELAXED))[1]
        assert colours.missed_by(3) == several and colours.missed_by(1) == one


@pytest.mark.parametrize("language", ["zh", "es", "fr"])
def test_an_offer_in_any_language_is_answered_in_any_other(language) -> None:
    with speaking(language):
        offer = offer_to_add("The Guest List", format_price(Decimal("27.99")))
    assert "The Guest List" in offer and "Shall I" not in offer
    offered = DialogueState(focus_ids=(7,), transcript=(("assistant", offer),))
    assert offer_pending(offered)  # the "yes" may come in English
    with speaking("zh" if language != "zh" else "fr"):
        assert offer_pending(offered)
    said_by_the_shopper = DialogueState(focus_ids=(7,), transcript=(("shopper", offer),))
    assert not offer_pending(said_by_the_shopper)
