"""Personalisation: interactions shape the next ranking, in the same session and later ones."""

from __future__ import annotations

import math

import numpy as np
import pytest
from sqlalchemy import select

from assistant.history.sessions import SessionStore
from assistant.store.cart import CartService
from assistant.store.feedback import FeedbackRecorder
from benchmarks.eval_personalisation import METHODS, Catalogue, evaluate, load_catalogue
from benchmarks.taste_histories import Item, planted_histories
from catalog.models import Interaction, InteractionKind, Product, Shopper
from catalog.personalisation import Personaliser
from catalog.request import SearchRequest
from catalog.search import ProductSearch
from catalog.taste import CROWD, Blend, CoOccurrence, Signal, profile

JACKETS = SearchRequest(brands=("Peak",))  # no words: ranked by the boosters alone
KITCHEN = SearchRequest(brands=("Hearth",))
Kind = InteractionKind


@pytest.fixture
def shop(sessions, add_products):
    """Jackets where the two hiking shells are reviewed a little worse, so they come last
    unboosted; a kitchen where the toaster is reviewed best."""
    jacket = {"category": "Apparel > Jackets", "brand": "Peak", "rating": 4.6, "review_count": 100}
    kitchen = {"category": "Home > Kitchen", "brand": "Hearth"}
    add_products(
        {
            **jacket,
            "name": "Trailblaze Jacket",
            "rating": 4.4,
            "description": "waterproof hiking shell for mountain trails and alpine rain",
        },
        {
            **jacket,
            "name": "Summit Jacket",
            "rating": 4.3,
            "description": "waterproof hiking shell for alpine trails and mountain rain",
        },
        {**jacket, "name": "Office Blazer Jacket", "description": "wool tailored smart suit"},
        {**jacket, "name": "Sequin Party Jacket", "description": "evening glitter sparkle"},
        {**kitchen, "name": "Kettle", "description": "boils water"},
        {**kitchen, "name": "Teapot", "description": "porcelain brewing"},
        {
            **kitchen,
            "name": "Toaster",
            "description": "browns bread",
            "rating": 4.9,
            "review_count": 500,
        },
        {**kitchen, "name": "Blender", "description": "smoothies"},
    )
    return ProductSearch(sessions, None, rankers=("lexical",))


def ids(sessions) -> dict[str, int]:
    with sessions() as db:
        return {name: pid for name, pid in db.execute(select(Product.name, Product.id))}


def ranked(search, personaliser, session_id, request=JACKETS) -> list[str]:
    boost = personaliser.for_session(session_id)
    return [h.product.name for h in search.search(request, 10, boosters=[boost])]


def signed_in(sessions, handle: str) -> str:
    store = SessionStore(sessions)
    with sessions.begin() as db:
        if db.scalar(select(Shopper).where(Shopper.handle == handle)) is None:
            db.add(Shopper(handle=handle, name=handle.title()))
    session_id = store.create()
    store.set_shopper(session_id, handle)
    return session_id


def test_a_thumb_up_changes_the_next_ranking_in_the_same_session(sessions, shop) -> None:
    personaliser, session_id = Personaliser(sessions), SessionStore(sessions).create()
    before = ranked(shop, personaliser, session_id)
    assert before[-2:] == ["Trailblaze Jacket", "Summit Jacket"]
    FeedbackRecorder(sessions).on_product(session_id, ids(sessions)["Trailblaze Jacket"], True)
    after = ranked(shop, personaliser, session_id)
    assert after[:2] == ["Trailblaze Jacket", "Summit Jacket"]
    text = ranked(shop, personaliser, session_id, SearchRequest(terms=("jacket",)))
    assert text[:2] == ["Trailblaze Jacket", "Summit Jacket"]


def test_a_signed_in_shoppers_likes_carry_over_and_a_guests_do_not(sessions, shop) -> None:
    personaliser, recorder, store = (
        Personaliser(sessions),
        FeedbackRecorder(sessions),
        SessionStore(sessions),
    )
    trail = ids(sessions)["Trailblaze Jacket"]
    recorder.on_product(signed_in(sessions, "ann"), trail, True)
    assert ranked(shop, personaliser, signed_in(sessions, "ann"))[0] == "Trailblaze Jacket"
    assert ranked(shop, personaliser, signed_in(sessions, "bob"))[-1] == "Summit Jacket"
    recorder.on_product(store.create(), trail, True)  # a guest elsewhere
    assert ranked(shop, personaliser, store.create())[-1] == "Summit Jacket"


def test_a_disliked_product_drops_to_the_end(sessions, shop) -> None:
    personaliser, session_id = Personaliser(sessions), SessionStore(sessions).create()
    first = ranked(shop, personaliser, session_id)[0]
    FeedbackRecorder(sessions).on_product(session_id, ids(sessions)[first], False)
    assert ranked(shop, personaliser, session_id)[-1] == first


def test_products_chosen_together_by_other_shoppers_rise(sessions, shop) -> None:
    products, cart = ids(sessions), CartService(sessions)
    personaliser = Personaliser(sessions)
    personaliser.for_session(None)  # its model is built before anyone shopped, then rebuilt
    for i in range(3):  # as popular as each other: only what goes with the kettle differs
        cart.add(signed_in(sessions, f"tea{i}"), products["Kettle"])
        cart.add(signed_in(sessions, f"tea{i}"), products["Teapot"])
        cart.add(signed_in(sessions, f"baker{i}"), products["Toaster"])
        cart.add(signed_in(sessions, f"baker{i}"), products["Blender"])
    me = signed_in(sessions, "me")
    order = ranked(shop, personaliser, me, KITCHEN)
    assert order.index("Toaster") < order.index("Teapot")
    cart.add(me, products["Kettle"])
    order = ranked(shop, personaliser, me, KITCHEN)
    assert order.index("Teapot") < order.index("Toaster")
    boost = personaliser.for_session(me)
    assert boost.reason(products["Teapot"]) == "often chosen with the Kettle you added to your cart"
    assert boost.reason(products["Toaster"]) is None


def test_a_new_shopper_gets_popular_and_well_rated_products_first(sessions, shop) -> None:
    products, recorder = ids(sessions), FeedbackRecorder(sessions)
    for i in range(4):
        recorder.on_product(signed_in(sessions, f"fan{i}"), products["Sequin Party Jacket"], True)
    order = ranked(shop, Personaliser(sessions), SessionStore(sessions).create())
    assert order == [
        "Sequin Party Jacket",
        "Office Blazer Jacket",
        "Trailblaze Jacket",
        "Summit Jacket",
    ]


def test_the_reason_names_the_product_from_the_shoppers_history(sessions, shop) -> None:
    products, session_id = ids(sessions), signed_in(sessions, "ann")
    FeedbackRecorder(sessions).on_product(session_id, products["Trailblaze Jacket"], True)
    boost = Personaliser(sessions).for_session(session_id)
    assert boost.reason(products["Summit Jacket"]) == "similar to the Trailblaze Jacket you liked"
    assert boost.reason(products["Trailblaze Jacket"]) == "you liked this before"
    assert boost.reason(products["Toaster"]) is None


def test_clicks_and_cart_adds_are_stored_for_the_sessions_shopper(sessions, shop) -> None:
    products, session_id = ids(sessions), signed_in(sessions, "ann")
    FeedbackRecorder(sessions).on_click(session_id, products["Kettle"])
    CartService(sessions).add(session_id, products["Teapot"])
    with sessions() as db:
        rows = db.execute(
            select(
                Interaction.product_id,
                Interaction.kind,
                Interaction.shopper_id,
                Interaction.chat_session_id,
            ).order_by(Interaction.id)
        ).all()
        ann = db.scalar(select(Shopper.id).where(Shopper.handle == "ann"))
    assert rows == [
        (products["Kettle"], Kind.CLICK, ann, session_id),
        (products["Teapot"], Kind.CART, ann, session_id),
    ]
    assert FeedbackRecorder(sessions).given(session_id).products == {}  # not thumbs


def test_profile_weights_follow_the_latest_thumb_and_ratings() -> None:
    taste = profile(
        [
            Signal(1, Kind.PURCHASE),
            Signal(1, Kind.RATING, 5),
            Signal(2, Kind.LIKE),
            Signal(2, Kind.DISLIKE),
            Signal(3, Kind.DISLIKE),
            Signal(3, Kind.LIKE),
            Signal(4, Kind.PURCHASE),
            Signal(4, Kind.RATING, 1),
            Signal(5, Kind.VIEW),
        ]
    )
    assert taste.weights == {1: 6.0, 2: -3.0, 3: 2.0, 4: -3.0, 5: 0.5}
    assert taste.verbs == {1: "bought", 3: "liked", 5: "viewed"}


def test_co_occurrence_is_cosine_over_shoppers() -> None:
    together = CoOccurrence(
        {
            "a": {1: 1.0, 2: 1.0},
            "b": {1: 1.0, 2: 1.0, 3: 1.0},
            "c": {3: 1.0},
            "d": {1: 1.0, 4: -3.0},
        },
        shrink=0,
    )
    assert together.similar(1) == pytest.approx(
        {2: 2 / (3**0.5 * 2**0.5), 3: 1 / (3**0.5 * 2**0.5)}
    )
    assert together.shared(1, 2) == 2 and together.shared(1, 4) == 0
    crowd = math.log1p(CROWD)  # fewer shoppers than a crowd: no product is fully popular
    assert together.popularity([1, 3, 4]).tolist() == pytest.approx(
        [math.log1p(3) / crowd, math.log1p(2) / crowd, 0.0]
    )


def test_leave_last_out_metrics_on_a_hand_made_case() -> None:
    vectors = {
        1: np.array([1.0, 0.0]),
        2: np.array([0.9, 0.1]),
        3: np.array([0.0, 1.0]),
        4: np.array([0.7, 0.7]),
    }
    catalogue = Catalogue(
        [1, 2, 3, 4],
        vectors,
        np.stack(list(vectors.values())),
        np.zeros(4),
        [Item(i, "c", None, None, 1.0, 0) for i in vectors],
    )
    # a's held-out 3 ranks third after 2 and 4 (most like 1); b's held-out 4 ranks first.
    histories = {
        "a": [Signal(1, Kind.PURCHASE), Signal(3, Kind.CART)],
        "b": [Signal(3, Kind.LIKE), Signal(4, Kind.LIKE)],
        "c": [Signal(2, Kind.VIEW)],
    }
    results = evaluate(catalogue, histories, {"content": Blend(1, 0, 0, 0)})
    assert results == {"content": {"shoppers": 2, "hit_rate@10": 1.0, "ndcg@10": 0.75}}


def test_the_hybrid_beats_popularity_and_content_on_planted_tastes(demo_sessions) -> None:
    catalogue = load_catalogue(demo_sessions)
    results = evaluate(catalogue, planted_histories(catalogue.items, 150, seed=3), METHODS)
    hybrid = results["hybrid"]["ndcg@10"]
    assert results["hybrid"]["shoppers"] > 100
    assert hybrid > results["content"]["ndcg@10"] and hybrid > results["popularity"]["ndcg@10"]
