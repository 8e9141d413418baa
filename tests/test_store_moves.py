"""The moves beyond search: references, compare, reviews, policies, checkout and orders."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from assistant.dialogue.moves import Move, StoreMoves, Turn
from assistant.dialogue.next_action import Action
from assistant.dialogue.references import resolve
from assistant.dialogue.state import ClarificationAsked, DialogueState, ProductsDiscussed
from assistant.facts.compare import comparison_table, verdict
from assistant.facts.product_answers import ProductAnswers
from assistant.facts.product_facts import ProductFacts
from assistant.facts.reviews import review_summary
from assistant.history.sessions import SessionStore
from assistant.store.cart import CartError, CartService
from assistant.store.orders import OrderDesk, SignInNeeded
from assistant.store.policies import PolicyLibrary
from assistant.understanding.parsing import ParsedMessage
from assistant.understanding.vocabulary import CatalogVocabulary
from catalog.demo_loader import DEMO_DIR, parse_policies
from catalog.models import Interaction, InteractionKind, Order, Product, Review, Shopper
from evaluation.dialogue_suite import FAKE_EMBEDDER as EMBEDDER

PRICES = {11: Decimal("30"), 12: Decimal("20"), 13: Decimal("50")}
NAMES = {11: "Trail Jacket", 12: "Road Shoe", 13: "Camp Mug"}


@pytest.mark.parametrize(
    ("references", "words", "focus", "expected"),
    [
        (["2"], [], (), (12,)),
        (["1", "3"], [], (), (11, 13)),
        (["last"], [], (), (13,)),
        (["cheapest"], [], (), (12,)),  # among the results
        (["dearest"], [], (11, 12), (11,)),  # "the dearer of those two": the focus
        (["it"], [], (13,), (13,)),
        (["it"], [], (), ()),  # three on screen: "it" is ambiguous
        (["all"], [], (11, 13), (11, 13)),
        ([], ["jackets"], (), (11,)),  # "that jacket"
        ([], ["bag"], (), ()),
        (["9"], [], (), ()),  # no ninth result
    ],
)
def test_references_resolve_to_shown_products(references, words, focus, expected) -> None:
    state = DialogueState(shown_ids=(11, 12, 13), focus_ids=focus)
    assert resolve(references, words, state, NAMES, PRICES) == expected


def _product(name: str, price: str, rating: float | None, reviews: int, **extra) -> Product:
    return Product(
        id=len(name),
        sku=name,
        name=name,
        brand="Acme",
        category="Misc",
        price=Decimal(price),
        currency="USD",
        rating=rating,
        review_count=reviews,
        stock=7,
        **extra,
    )


def test_the_verdict_cites_the_cheaper_and_the_better_rated() -> None:
    cheap, good = _product("Lite", "20.00", 3.9, 200), _product("Pro Max", "45.50", 4.8, 120)
    line = verdict([cheap, good])
    assert "Lite is the cheapest ($20.00 vs $45.50)" in line
    assert "Pro Max is better rated (4.8/5 from 120 reviews)" in line
    table = comparison_table([cheap, good])
    assert "| **Price** | $20.00 | $45.50 |" in table and "3.9/5 (200 reviews)" in table


def test_a_product_both_cheaper_and_better_is_the_clear_pick() -> None:
    line = verdict([_product("Best", "10.00", 4.9, 300), _product("Worse", "12.00", 3.0, 40)])
    assert "Best is the cheapest" in line and "the clear pick" in line
    trusted = verdict([_product("Many", "10.00", 4.1, 468), _product("One", "12.00", 4.6, 1)])
    assert "best rated (4.1/5 from 468 reviews; the One's 4.6/5 rests on only 1 review)" in trusted
    same = verdict([_product("Aa", "10.00", 4.2, 509), _product("Bbb", "12.00", 4.2, 113)])
    assert "rated alike (4.2/5, 509 vs 113 reviews)" in same
    unrated = verdict([_product("Aa", "10.00", None, 0), _product("Bbb", "12.00", None, 0)])
    assert unrated.endswith("none of them is rated yet.") and "unrated/5" not in unrated


def test_review_summaries_quote_the_reviews() -> None:
    product = _product("Tent", "99.00", 4.0, 3)
    product.reviews = [
        Review(author="A", rating=5, text="Sets up in five minutes. Roomy for two."),
        Review(author="B", rating=2, text="Looks great. The zip broke after a week."),
    ]
    summary = review_summary(product)
    assert "one 5★ reviewer wrote “Sets up in five minutes”" in summary
    assert "one 2★ reviewer wrote “The zip broke after a week”" in summary  # the critical one
    assert "average 3.5/5" in summary
    assert "No one has written" in review_summary(_product("Bare", "1.00", None, 0))


@pytest.fixture
def policies(sessions) -> PolicyLibrary:
    with sessions.begin() as db:
        db.add_all(parse_policies((DEMO_DIR / "policies.md").read_text(encoding="utf-8")))
    return PolicyLibrary(sessions)


@pytest.mark.parametrize(
    ("topic", "words", "quoted"),
    [
        ("returns", [], "You can return most items within 30 days of delivery"),
        ("shipping", ["long", "take"], "Standard delivery takes 3 to 5 business days"),
        ("warranty", ["laptop"], "laptops can be extended to 3 years"),
        ("returns", ["opened", "fragrances"], "opened beauty products and fragrances"),
    ],
)
def test_policy_answers_quote_the_policy_text(policies, topic, words, quoted) -> None:
    answer = policies.answer(topic, words)
    assert answer.covered and answer.passage is not None
    assert quoted in answer.passage.text
    body = (DEMO_DIR / "policies.md").read_text(encoding="utf-8")
    assert answer.passage.text in body  # quoted word for word


@pytest.mark.parametrize(
    ("topic", "words"),
    [("payment", ["bitcoin"]), (None, ["wrapping"]), (None, ["gift", "wrapping"])],
)
def test_uncovered_policy_questions_are_handed_to_a_person(policies, topic, words) -> None:
    answer = policies.answer(topic, words)
    assert not answer.covered
    assert answer.contact is not None and "1-800-555-0142" in answer.contact


@pytest.fixture
def shop(sessions, add_products):
    tee, mug = add_products(
        {"name": "Tee", "price": "19.99", "stock": 3}, {"name": "Mug", "price": "4.50", "stock": 10}
    )
    with sessions.begin() as db:
        db.add_all([Shopper(handle="ana", name="Ana"), Shopper(handle="ben", name="Ben")])
    store = SessionStore(sessions)
    ana, ben, guest = store.create(), store.create(), store.create()
    store.set_shopper(ana, "ana")
    store.set_shopper(ben, "ben")
    return CartService(sessions), OrderDesk(sessions), (ana, ben, guest), tee, mug


def test_checkout_turns_the_cart_into_the_shoppers_order(shop, sessions) -> None:
    cart, desk, (ana, _, _), tee, mug = shop
    cart.add(ana, tee.id, 2)
    cart.add(ana, mug.id)
    order = desk.place(ana)
    assert order.total == Decimal("44.48") and order.number.startswith("SA-")
    assert cart.view(ana).items == ()
    with sessions() as db:
        assert db.get(Product, tee.id).stock == 1
        kinds = db.scalars(select(Interaction.kind).where(Interaction.chat_session_id == ana))
        assert list(kinds).count(InteractionKind.PURCHASE) == 2
    assert [o.number for o in desk.find(ana, None)] == [order.number]


def test_checkout_needs_a_shopper_a_cart_and_stock(shop, sessions) -> None:
    cart, desk, (ana, _, guest), tee, _ = shop
    cart.add(guest, tee.id)
    with pytest.raises(SignInNeeded):
        desk.place(guest)
    with pytest.raises(CartError, match="empty"):
        desk.place(ana)
    cart.add(ana, tee.id, 3)
    with sessions.begin() as db:
        db.get(Product, tee.id).stock = 1
    with pytest.raises(CartError, match="only 1 of Tee"):
        desk.place(ana)
    assert cart.view(ana).items[0].quantity == 3  # nothing was lost
    with sessions() as db:
        assert db.scalar(select(Order.id)) is None


def test_no_shopper_sees_anothers_order(shop) -> None:
    cart, desk, (ana, ben, guest), tee, _ = shop
    cart.add(ana, tee.id)
    number = desk.place(ana).number
    assert desk.find(ben, number) == [] and desk.find(ben, None) == []
    assert [o.number for o in desk.find(ana, number.lower())] == [number]
    with pytest.raises(SignInNeeded):
        desk.find(guest, number)


def test_product_facts_keep_the_order_asked_and_skip_unknown_ids(shop, sessions) -> None:
    *_, tee, mug = shop
    assert [p.name for p in ProductFacts(sessions).load([mug.id, 999, tee.id])] == ["Mug", "Tee"]


def test_a_product_word_finds_a_product_talked_about_before_the_latest_search() -> None:
    state = DialogueState(shown_ids=(21, 22), discussed_ids=(11, 12))
    names = {**NAMES, 21: "Aviator Sunglasses", 22: "Round Sunglasses"}
    assert resolve([], ["jacket"], state, names, PRICES) == (11,)  # "add that jacket"
    assert resolve([], ["sunglasses"], state, names, PRICES) == ()  # two on screen: ask


def test_moves_follow_the_parse_and_return_their_events(shop, sessions, policies) -> None:
    cart, desk, (ana, _, _), tee, mug = shop
    moves = StoreMoves(ProductFacts(sessions), ProductAnswers(EMBEDDER), cart, desk, policies)
    cart.add(ana, tee.id)
    state = DialogueState(shown_ids=(tee.id, mug.id))

    def run(action: Action, parsed: ParsedMessage) -> Move:  # no text: only the parse counts
        return moves.run(action, Turn(ana, parsed, state, (), CatalogVocabulary()), lambda _: None)

    changed = run(Action.CART_ADD, ParsedMessage(text="", quantity_to_set=3))
    assert cart.view(ana).items[0].quantity == 3
    assert changed.events == (ProductsDiscussed((tee.id,)),)
    cart.add(ana, mug.id)
    asked = run(Action.CART_REMOVE, ParsedMessage(text=""))  # which of the two?
    assert len(cart.view(ana).items) == 2 and asked.action is Action.CLARIFY
    assert asked.events == (ClarificationAsked(asked.text, new_topic=False),)
    emptied = run(Action.CART_REMOVE, ParsedMessage(text="", empties_cart=True))
    assert cart.view(ana).items == () and emptied.events == (ProductsDiscussed(()),)
