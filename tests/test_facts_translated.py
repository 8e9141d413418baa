"""Product facts in the shopper's language: comparisons, descriptions, answers and review
summaries say their own words in zh, es and fr, keep the catalog's text (names, brands,
attribute keys and values, quotes) and the figures, and stay exactly as they were in English."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from assistant.facts.compare import comparison_table, verdict
from assistant.facts.money import format_price
from assistant.facts.product_answers import ProductAnswers, Verdict
from assistant.facts.product_facts import describe_product, stock_phrase, why_it_fits
from assistant.facts.review_aspects import aspect_summary
from assistant.facts.reviews import review_summary
from assistant.translation.speaking import speaking
from assistant.understanding.languages import Language
from assistant.understanding.product_question import read_question
from assistant.understanding.vocabulary import CatalogVocabulary
from catalog.models import Product, Review
from catalog.request import SearchRequest
from evaluation.dialogue_suite import FAKE_EMBEDDER

LANGUAGES: tuple[Language, ...] = ("zh", "es", "fr")
BAGS = "Bags & Accessories > Backpacks"
ENGLISH = re.compile(
    r"\b(?:the|is|it|its|and|says|wrote|reviewers?|reviews?|rated|listing|details|cheapest|"
    r"because|yet|only|none|from|comes)\b",
    re.I,
)
QUOTED = re.compile(r"“[^”]*”")
ANSWERS = ProductAnswers(FAKE_EMBEDDER)


def backpack(name: str, price: str, rating: float, count: int, **fields) -> Product:
    fields.setdefault("attributes", {})
    return Product(
        id=len(name),
        sku=name,
        name=name,
        category=BAGS,
        price=Decimal(price),
        currency="USD",
        rating=rating,
        review_count=count,
        **fields,
    )


LITE = backpack(
    "Lite Pack",
    "20.00",
    3.9,
    200,
    brand="Acme",
    colour="black",
    material="nylon",
    sizes="S,M,L",
    stock=9,
    attributes={"waterproof": True, "weight_g": 700},
    description="Made of ripstop nylon. Fits a 15 inch laptop.",
    reviews=[
        Review(author="a", rating=5, text="Love it, so comfortable. Battery lasts all day."),
        Review(author="b", rating=2, text="Runs small and the strap broke."),
    ],
)
PRO = backpack("Pro Pack", "45.50", 4.8, 120, stock=2, attributes={"weight_g": 900})
CATALOG_TEXT = ("Lite Pack", "Pro Pack", "Acme", "nylon", "waterproof", "weight")
VOCAB = CatalogVocabulary.from_catalog(
    brands=["Acme"],
    categories={BAGS},
    products=[(p.name, p.category) for p in (LITE, PRO)],
    attributes=[(p.category, p.attributes) for p in (LITE, PRO)],
)


def english_left(text: str) -> list[str]:
    """English words of `text` outside its quotes and the catalog's own text."""
    own = QUOTED.sub("", text)
    for words in CATALOG_TEXT:
        own = own.replace(words, "")
    return ENGLISH.findall(own)


def said_in(language: Language, text: str) -> None:
    """`text` is in `language`: no English lead-in words, and Chinese in Chinese punctuation."""
    assert english_left(text) == [], text
    if language == "zh":
        assert re.search(r"[\u4e00-\u9fff]", text) and "。" in text, text


def ask(question: str, product: Product = LITE):
    return ANSWERS.answer(product, read_question(question, VOCAB, BAGS))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_comparison_names_its_rows_and_verdict_in_the_shoppers_language(
    language: Language,
) -> None:
    english = comparison_table([LITE, PRO])
    with speaking(language):
        table, line = comparison_table([LITE, PRO]), verdict([LITE, PRO])
        prices = format_price(LITE.price), format_price(PRO.price)
    assert len(table.splitlines()) == len(english.splitlines())
    assert "**Price**" not in table and "**Rating**" not in table
    cells = table.replace("\N{NO-BREAK SPACE}", " ")  # a cell is one plain line
    for figure in (*prices, "3.9/5", "4.8/5", "200", "120", "Lite Pack", "Pro Pack"):
        assert figure.replace("\N{NO-BREAK SPACE}", " ") in cells
    assert all(price in line for price in prices) and "Pro Pack" in line and "4.8/5" in line
    said_in(language, line)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_description_keeps_the_catalogs_words_and_quotes(language: Language) -> None:
    with speaking(language):
        described = describe_product(LITE, ("red",))
        why = why_it_fits(LITE, SearchRequest(price_max=Decimal("50")))
        price = format_price(LITE.price)
    for fact in ("Lite Pack", "Acme", price, "3.9/5", "nylon", "S,M,L"):
        assert fact in described
    assert "“Made of ripstop nylon. Fits a 15 inch laptop.”" in described
    assert "Lite Pack" in why and price in why and "3.9/5" in why
    said_in(language, described)
    said_in(language, why)


@pytest.mark.parametrize("language", LANGUAGES)
def test_answers_from_attributes_and_text_are_in_the_shoppers_language(language: Language) -> None:
    with speaking(language):
        yes, value = ask("is it waterproof?"), ask("how heavy is it?")
        unstated = ask("is it machine washable?")
        across = ANSWERS.across([LITE, PRO], read_question("are they waterproof?", VOCAB, BAGS))
    assert yes.verdict is Verdict.YES and "waterproof" in yes.text
    assert value.verdict is Verdict.VALUE and "700 g" in value.text
    assert unstated.verdict is Verdict.NOT_STATED
    assert across.verdict is Verdict.YES and "Lite Pack" in across.text
    for answer in (yes, value, unstated, across):
        said_in(language, answer.text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_product_not_stated_among_others_shows_its_closest_sentence(language: Language) -> None:
    question = read_question("is it machine washable?", VOCAB, BAGS)
    with speaking(language):
        alone = ANSWERS.answer(LITE, question)
        across = ANSWERS.across([LITE, PRO], question)
    quoted = QUOTED.search(alone.closest)
    assert quoted is not None and quoted[0] in alone.text
    lite_line = next(line for line in across.text.splitlines() if line.startswith("- Lite Pack"))
    assert quoted[0] in lite_line
    said_in(language, lite_line)


@pytest.mark.parametrize("language", LANGUAGES)
def test_review_summaries_translate_the_lead_ins_not_the_reviews(language: Language) -> None:
    with speaking(language):
        summary = review_summary(LITE)
        aspects = aspect_summary(LITE, FAKE_EMBEDDER)
        none = review_summary(PRO)
    for text in (summary, aspects):
        assert "3.5/5" in text and "“Love it, so comfortable”" in text
        assert "“Runs small and the strap broke”" in text
        said_in(language, text)
    assert "Pro Pack" in none
    said_in(language, none)


def test_counts_take_the_languages_plural_forms() -> None:
    one, two = backpack("A", "1", 4.0, 1, stock=1), backpack("B", "1", 4.0, 1, stock=2)
    with speaking("es"):
        assert (stock_phrase(one), stock_phrase(two)) == ("solo queda 1", "solo quedan 2")
    with speaking("fr"):
        assert "1 mention positive" in aspect_summary(LITE, FAKE_EMBEDDER)


def test_english_stays_word_for_word() -> None:
    assert verdict([LITE, PRO]) == (
        "Verdict: the Lite Pack is the cheapest ($20.00 vs $45.50), while the Pro Pack is better "
        "rated (4.8/5 from 120 reviews) — pick it if quality matters more than price."
    )
    assert describe_product(PRO, ()) == (
        "The Pro Pack by an independent maker costs $45.50, is rated 4.8/5 by 120 shoppers and "
        "is only 2 left. Details — weight g: 900."
    )
    assert why_it_fits(LITE, None) == (
        "I suggested the Lite Pack ($20.00) because it was among the closest matches to your "
        "request; it is rated 3.9/5 by 200 shoppers. It is in stock."
    )
    assert ask("is it waterproof?").text == "Yes — it is waterproof (from the product details)."
    assert review_summary(PRO) == "No one has written a review of the Pro Pack yet."
