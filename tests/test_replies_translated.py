# ruff: noqa: RUF001  (Chinese sentences are written with full-width punctuation)
"""The shopper's language in the assistant's own sentences: which language a turn answers in,
the search replies and request descriptions in zh/es/fr, and the judge of reply language."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.dialogue import replies
from assistant.dialogue.reply_language import reply_language
from assistant.facts.describe import COLOUR_NAMES, TERM_NAMES, describe_request, fit_reason
from assistant.facts.money import format_limit, format_price
from assistant.translation.lists import either
from assistant.translation.speaking import _, speaking
from assistant.understanding.languages import HAN
from assistant.understanding.lexicon import COLOUR_WORDS, FEATURE_WORDS, OCCASION_WORDS
from catalog.models import Product
from catalog.request import SearchRequest
from evaluation.reply_language import CatalogText, problems
from tests.conftest import Harness

SHOES = SearchRequest(
    category="Shoes > Running", audience="men", colours=("black",), price_max=Decimal(100)
)


@pytest.mark.parametrize(
    ("messages", "expected"),
    [
        (["我想买跑鞋"], "zh"),
        (["Busco una chaqueta", "XL"], "es"),  # "XL" shows no language: the last one that did
        (["Je cherche un sac", "2"], "fr"),
        (["我想买跑鞋", "black running shoes for men"], "en"),  # a shopper may switch
        (["2"], "en"),
        (["Ich suche eine Jacke"], "other"),  # said in English (the guard says which we read)
    ],
)
def test_a_turn_answers_in_the_latest_language_shown(messages, expected) -> None:
    assert reply_language(messages) == expected


def test_english_is_the_source_and_unchanged() -> None:
    assert describe_request(SHOES) == "men's black running shoes under $100"
    assert replies.results_intro(SHOES, 1) == "Here is 1 men's black running shoe under $100."
    assert format_price(Decimal("1234.5")) == "$1,234.50"


@pytest.mark.parametrize(
    ("language", "intro"),
    [
        ("zh", "为您找到 4 款：running shoes（男士、黑色和US$100以下）。"),
        ("es", "Aquí tienes 4: running shoes (para hombre, negro y menos de 100\xa0US$)."),
        ("fr", "Voici 4 résultats : running shoes (pour homme, noir et moins de 100\xa0$US)."),
    ],
)
def test_results_intro_in_the_shoppers_language(language, intro) -> None:
    with speaking(language):
        assert replies.results_intro(SHOES, 4) == intro


def test_money_keeps_the_store_currency_in_the_locales_form() -> None:
    with speaking("fr"):
        assert format_price(Decimal("1234.5"), "EUR") == "1\u202f234,50\xa0€"
        assert format_limit(Decimal(80)) == "80\xa0$US"
    with speaking("zh"):
        assert format_price(Decimal("99.5")) == "US$99.50"


def test_plural_forms_follow_the_language() -> None:
    with speaking("fr"):
        assert replies.beyond_shown(5, 1).startswith("Je ne vous ai montré qu'un produit")
        assert "que 4 produits" in replies.beyond_shown(5, 4)
        assert "cinquième" in replies.beyond_shown(5, 4)
    with speaking("zh"):
        assert replies.beyond_shown(7, 4) == "我只给您推荐了4款商品，没有第7款。您指的是哪一款？"


def test_lists_in_the_language() -> None:
    with speaking("es"):
        assert either(["negro", "blanco", "rojo"]) == "negro, blanco o rojo"
    assert either(["black", "white"]) == "black or white"


def test_card_reasons_and_unknown_catalog_colours() -> None:
    product = Product(
        sku="X", name="Trail Shoe", category="Shoes > Running", price=Decimal(90),
        currency="USD", audience="men", colour="teal", rating=4.5, review_count=3,
    )  # fmt: skip
    asked = SHOES.but(colours=("teal",))
    with speaking("es"):
        reason = fit_reason(product, asked)
    assert (
        reason
        == "Cumple: para hombre, teal, menos de 100\xa0US$, valorado con 4.5/5 por 3 compradores"
    )


def test_the_lexicon_words_a_description_repeats_can_be_translated() -> None:
    assert set(COLOUR_WORDS.values()) <= set(COLOUR_NAMES)
    assert set(FEATURE_WORDS.values()) | set(OCCASION_WORDS.values()) <= set(TERM_NAMES)
    with speaking("fr"):
        assert _("waterproof") == "imperméable"


def test_unsupported_language_is_answered_in_english() -> None:
    with speaking("other"):  # type: ignore[arg-type]
        assert _(replies.START_OVER) == replies.START_OVER


def test_the_judge_sets_catalog_text_aside_and_flags_english() -> None:
    catalog = CatalogText(("Trail Shoe with Grip",), frozenset({"shoes", "running"}))
    assert problems("zh", "为您找到 1 款：Trail Shoe with Grip。", catalog) == []
    assert problems("es", "Aquí tienes 1: running shoes (negro).", catalog) == []
    assert problems("fr", "Here is 1 running shoe.", catalog)  # English in a French turn
    assert problems("zh", "Voici 1 résultat.", catalog)  # no Chinese at all
    assert problems("en", "Aquí tienes 4 productos para hombre y más.", catalog)
    assert problems("en", "Here are 4 men's running shoes.", catalog) == []


def test_a_conversation_answers_each_message_in_its_language(harness) -> None:
    zh = harness.turn("我想买一双100美元以下的男士跑鞋")[-1]
    assert zh.cards and zh.text.startswith("为您找到") and HAN.search(zh.text)
    short = harness.turn("9")[-1]  # a size, no language of its own: still Chinese
    assert HAN.search(short.text)
    english = harness.turn("show me black ones")[-1]
    assert not HAN.search(english.text) and english.text.startswith("Here ")


@pytest.mark.parametrize("language", ["zh", "es", "fr"])
def test_the_example_prompts_offered_in_a_language_are_read_in_it(demo_sessions, language) -> None:
    kinds = {
        0: "Shoes > Running",
        1: "Bags & Accessories > Sunglasses",
        2: "Electronics > Headphones",
    }
    for index, category in kinds.items():
        with speaking(language):
            prompt = _(replies.EXAMPLE_PROMPTS[index])
        assert prompt != replies.EXAMPLE_PROMPTS[index]
        harness = Harness(demo_sessions)
        shown = harness.turn(prompt)[-1]
        products = harness.products([card.product_id for card in shown.cards])
        assert products and {p.category for p in products} == {category}, (prompt, shown.text)


@pytest.mark.parametrize(
    ("message", "note"),
    [
        ("running shoes under 100 euros", "Our prices are in US dollars"),
        ("chaussures de running à moins de 100 euros", "Nos prix sont en dollars américains"),
        ("100欧元以下的跑鞋", "我们的价格以美元计价"),
    ],
)
def test_a_limit_in_another_currency_is_said_to_be_read_in_the_shops(
    harness, message, note
) -> None:
    shown = harness.turn(message)[-1]
    assert shown.cards and note in shown.text


def test_a_limit_in_the_shops_currency_gets_no_note(harness) -> None:
    shown = harness.turn("running shoes under $100")[-1]
    assert shown.cards and "Our prices are in" not in shown.text
