"""What an introduction, and the model's sentence, may say of the products on screen."""

from decimal import Decimal

import pytest

from assistant.facts.cards import ProductCard
from assistant.facts.describe import borne_out_by_all, describe_request, own_words
from assistant.facts.feature_claims import claimed_features
from assistant.facts.grounding import GroundingIndex, is_grounded
from catalog.models import Product
from catalog.request import SearchRequest


def product(name: str, **attributes: object) -> Product:
    return Product(
        name=name, category="Electronics > Headphones", description="", attributes=attributes
    )


WIRED = product("Studio 9 Closed-Back Wired Headphones", wireless=False, noise_cancelling=False)
ANC = product("Minim Over-Ear Headphones", wireless=True, noise_cancelling=True)
REQUEST = SearchRequest(category="Electronics > Headphones", terms=("noise-cancelling", "wireless"))


def test_words_every_product_bears_out_are_kept() -> None:
    kept = borne_out_by_all(REQUEST, [ANC, ANC])
    assert describe_request(kept) == "noise-cancelling wireless headphones"


def test_a_word_one_product_contradicts_is_not_said_of_them_all() -> None:
    assert describe_request(borne_out_by_all(REQUEST, [ANC, WIRED])) == "headphones"


def test_a_number_must_match_too() -> None:
    tents = SearchRequest(category="Sports & Outdoors > Tents", terms=("4-person",))
    two = Product(name="Meadow 2-Person Tent", category=tents.category, description="")
    four = Product(name="Hideout 4-Person Tent", category=tents.category, description="")
    assert borne_out_by_all(tents, [four]).terms == ("4-person",)
    assert borne_out_by_all(tents, [four, two]).terms == ()


# --- features the model's sentence claims --------------------------------------------------


def card_of(product_id: int, name: str) -> ProductCard:
    return ProductCard(product_id, name, name, None, Decimal("99"), "USD", 4.5, 10, 3, None, "")


CARDS = (card_of(1, WIRED.name), card_of(2, ANC.name))
FACTS = {1: own_words(WIRED), 2: own_words(ANC)}
INDEX = GroundingIndex.build([], [WIRED.name, ANC.name])


@pytest.mark.parametrize(
    ("sentence", "grounded"),
    [
        ("The Minim Over-Ear Headphones are wireless and noise cancelling.", True),
        ("The Studio 9 is wireless, so no cable gets in the way.", False),
        ("Both pairs are wireless.", False),  # names none: said of every card shown
        ("All of them offer active noise-cancelling for long flights.", False),
        ("The Studio 9 has closed-back ear cups for quiet rooms.", True),  # no feature claimed
    ],
)
def test_a_feature_is_said_only_of_products_that_have_it(sentence: str, grounded: bool) -> None:
    assert is_grounded(sentence, CARDS, INDEX, facts=FACTS) is grounded
    assert is_grounded(sentence, CARDS, INDEX) is True  # without facts: not checked


def test_claimed_features_are_read_by_the_parsers_feature_words() -> None:
    claimed = claimed_features("Great ANC and a waterproof shell.")
    assert claimed == {"noise-cancelling": "anc", "waterproof": "waterproof"}
