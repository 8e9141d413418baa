from decimal import Decimal

import pytest

from assistant.facts.cards import ProductCard
from assistant.facts.grounding import (
    GroundingIndex,
    grounded_sentences,
    is_grounded,
    repeats_itself,
)


def card(name: str, brand: str, price: str) -> ProductCard:
    return ProductCard(1, name, name, brand, Decimal(price), "USD", 4.5, 10, 3, None, "")


SHOWN = (card("Stridewell Tempo 3 Men's Running Shoe", "Stridewell", "89.99"),)
INDEX = GroundingIndex.build(
    ["Stridewell", "Apex Trail"],
    [
        "Stridewell Tempo 3 Men's Running Shoe",
        "Apex Trail Summit Men's Running Shoe",
        *[f"Generic Men's Running Shoe {i}" for i in range(20)],
    ],
)


def test_true_price_and_shown_product_pass():
    assert is_grounded("The Stridewell Tempo 3 is $89.99 and light.", SHOWN, INDEX)


def test_invented_price_fails():
    assert not is_grounded("It costs only $49.", SHOWN, INDEX)
    assert not is_grounded("Yours for 60 dollars.", SHOWN, INDEX)


def test_product_or_brand_not_shown_fails():
    assert not is_grounded("The Summit is another great option.", SHOWN, INDEX)
    assert not is_grounded("Apex Trail also makes good ones.", SHOWN, INDEX)


def test_generic_words_are_allowed():
    assert is_grounded("Running shoes like these suit men who log long miles.", SHOWN, INDEX)


def test_streamed_text_is_checked_sentence_by_sentence():
    chunks = ["Great pick", "s for you. It is $1", "2.00 today! The Stride", "well Tempo 3 fits."]
    assert list(grounded_sentences(chunks, SHOWN, INDEX)) == [
        "Great picks for you.",
        "The Stridewell Tempo 3 fits.",
    ]


def test_unfinished_last_sentence_is_dropped():
    chunks = ["Great picks. The Stridewell Tempo 3 is rated"]
    assert list(grounded_sentences(chunks, SHOWN, INDEX)) == ["Great picks."]


def test_the_shoppers_own_limit_may_be_repeated():
    sentence = "All of these are under $100."
    assert not is_grounded(sentence, SHOWN, INDEX)
    assert is_grounded(sentence, SHOWN, INDEX, limits=frozenset({Decimal("100")}))


@pytest.mark.parametrize(
    ("sentence", "slip"),
    [
        ("Books under $15 are perfect for a classic and timeless classic.", True),
        ("They are suitable for both reading and reading books.", True),
        ("A high-quality, high-quality, and high-quality product.", True),
        ("The boots are suitable for boots rated to -30 °C or less.", True),
        ("These shoes suit runners who want shoes for the road.", False),
        ("The Apex jacket beats the Summit jacket on price.", False),
    ],
)
def test_a_word_said_again_at_once_is_a_slip(sentence, slip):
    assert repeats_itself(sentence) is slip
