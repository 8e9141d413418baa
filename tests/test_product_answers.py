"""Questions about products answered from their facts: attributes first, in the product's own
terms, then listing and review sentences; "the listing doesn't say" rather than a guess."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from assistant.facts.product_answers import ProductAnswers, Verdict
from assistant.understanding.product_question import QuestionForm, read_question
from assistant.understanding.vocabulary import CatalogVocabulary
from catalog.models import Product, Review
from evaluation.dialogue_suite import FAKE_EMBEDDER

BAGS = "Bags & Accessories > Backpacks"
LAPTOPS = "Electronics > Laptops"
PANS = "Home & Kitchen > Cookware"
CHAIRS = "Office > Chairs"


def product(name: str, category: str, **fields) -> Product:
    fields.setdefault("attributes", {})
    fields.setdefault("description", "")
    return Product(name=name, category=category, price=Decimal("50"), currency="USD", **fields)


CATALOG = [
    product("Atlas Backpack", BAGS, attributes={"laptop_sleeve_in": 16, "weight_g": 900}),
    product("Metro Backpack", BAGS, attributes={"laptop_sleeve_in": 15, "weight_g": 700}),
    product("Roll-Top Backpack", BAGS, attributes={"laptop_sleeve_in": 13}),
    product("Aero Laptop", LAPTOPS, attributes={"screen_in": 16, "battery_hours": 18}),
    product("Zen Laptop", LAPTOPS, attributes={"screen_in": 14, "battery_hours": 10}),
    product("Saute Pan", PANS, attributes={"dishwasher_safe": False, "rust_resistant": True}),
    product("Stock Pot", PANS, attributes={"dishwasher_safe": True, "rust_resistant": False}),
    product("Task Chair", CHAIRS, attributes={"max_load_kg": 136}),
    product("Big Chair", CHAIRS, attributes={"max_load_kg": 180}),
]
VOCAB = CatalogVocabulary.from_catalog(
    brands=[],
    categories={p.category for p in CATALOG},
    products=[(p.name, p.category) for p in CATALOG],
    attributes=[(p.category, p.attributes) for p in CATALOG],
)
ANSWERS = ProductAnswers(FAKE_EMBEDDER)


def ask(item: Product, text: str):
    return ANSWERS.answer(item, read_question(text, VOCAB, item.category))


def test_a_number_asked_is_compared_with_the_products_own_attribute():
    atlas, metro = CATALOG[0], CATALOG[1]
    yes = ask(atlas, "does it have room for a 16 inch laptop?")
    assert yes.verdict is Verdict.YES and "laptop sleeve: 16 in" in yes.text
    assert ask(metro, "will my 16 inch laptop fit?").verdict is Verdict.NO  # sleeve 15


def test_a_fit_question_asks_for_at_least_the_amount_not_about_it():
    answer = ask(CATALOG[7], "im about 150 kg will it hold me")
    assert answer.verdict is Verdict.NO and "136 kg" in answer.text
    assert ask(CATALOG[8], "im about 150 kg will it hold me").verdict is Verdict.YES


def test_a_yes_no_attribute_answers_in_its_own_polarity():
    pan, pot = CATALOG[5], CATALOG[6]
    no = ask(pan, "can it go in the dishwasher?")
    assert no.verdict is Verdict.NO and "not dishwasher-safe" in no.text
    assert ask(pot, "is it dishwasher safe?").verdict is Verdict.YES
    assert ask(pan, "will it rust?").verdict is Verdict.NO  # rust-resistant
    assert ask(pot, "will it rust?").verdict is Verdict.YES


def test_a_value_question_gives_the_value_with_its_unit():
    answer = ask(CATALOG[3], "how long does the battery last?")
    assert answer.verdict is Verdict.VALUE and "Battery: 18 hours" in answer.text
    assert "from the product details" in answer.text


def test_what_the_listing_does_not_state_is_never_a_guessed_yes_or_no():
    answer = ask(CATALOG[0], "is it machine washable?")
    assert answer.verdict is Verdict.NOT_STATED
    assert answer.text.startswith("The listing doesn't say.")


def test_colour_material_and_audience_questions_use_the_products_fields():
    tee = product(
        "Crew Tee", "Apparel > T-Shirts", colour="green", material="vegan leather", audience="women"
    )
    assert ask(tee, "does it come in blue?").verdict is Verdict.NO
    assert ask(tee, "do you have it in green?").verdict is Verdict.YES
    assert ask(tee, "is it real leather?").verdict is Verdict.NO  # vegan leather
    assert ask(tee, "is this one for men?").verdict is Verdict.NO


def test_a_colour_word_that_names_a_finish_is_no_colour_question():
    question = read_question("is it gold plated?", VOCAB, "Jewellery & Watches > Necklaces")
    assert question.colours == ()


def test_across_the_shown_products_the_extreme_of_a_number_is_named_first():
    bags = CATALOG[:3]
    question = read_question("which of these is the lightest?", VOCAB, BAGS)
    assert question.form is QuestionForm.EXTREME
    answer = ANSWERS.across(bags, question)
    assert answer.text.startswith("The Metro Backpack (weight: 700 g)")
    assert "1 of them don't list it" in answer.text


def test_across_the_shown_products_a_yes_no_question_names_those_it_holds_for():
    laptops = CATALOG[3:5]
    answer = ANSWERS.across(laptops, read_question("do any have a 16 inch screen?", VOCAB, LAPTOPS))
    assert answer.verdict is Verdict.YES and "It's Aero Laptop" in answer.text
    answer = ANSWERS.across(laptops, read_question("are they 20 inch?", VOCAB, LAPTOPS))
    assert answer.verdict is Verdict.NO


def test_a_product_without_reviews_says_so():
    answer = ask(CATALOG[0], "do reviewers say it is comfortable?")
    assert answer.verdict is Verdict.NOT_STATED and "No one has written a review" in answer.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("description", "question", "verdict"),
    [
        (
            "Made of waxed canvas. Comes with a cotton dust bag.",
            "does it come with a dust bag",
            "yes",
        ),
        (
            "Meet the tablet, with face unlock and a magnetic keyboard connector.",
            "does it come with the keyboard?",
            "not_stated",
        ),
        ("A 5/8 adapter is needed (not included).", "does it come with the 5/8 adapter?", "no"),
        ("Racket weight unstrung 75 grams, it is light.", "how heavy is the racket", "value"),
    ],
)
def test_listing_sentences_answer_by_their_words_and_meaning(description, question, verdict):
    from catalog.embedding import MiniLMEmbedder

    item = product("Thing", "Misc > Things", description=description)
    answers = ProductAnswers(MiniLMEmbedder())
    answer = answers.answer(item, read_question(question, VOCAB, item.category))
    assert answer.verdict.value == verdict, answer.text
    if verdict != "not_stated":
        assert "the listing says" in answer.text.lower()


@pytest.mark.slow
def test_reviews_are_quoted_for_what_they_say_and_counted_when_silent():
    from catalog.embedding import MiniLMEmbedder

    hat = product("Sun Hat", "Bags & Accessories > Hats")
    hat.reviews = [Review(author="a", rating=3, text="Runs small. Great brim.")]
    answers = ProductAnswers(MiniLMEmbedder())
    runs = answers.answer(
        hat, read_question("do reviewers say it runs small?", VOCAB, hat.category)
    )
    assert runs.verdict is Verdict.YES and "a 3★ review says “Runs small”" in runs.text
    silent = answers.answer(
        hat, read_question("do people complain about the battery?", VOCAB, hat.category)
    )
    assert silent.verdict is Verdict.NO and "None of its 1 written review mentions" in silent.text


def test_a_shown_product_removed_from_the_catalog_is_said_so(sessions, add_products):
    from sqlalchemy import delete

    from evaluation.dialogue_suite import FakeModels, fake_manager

    add_products(
        {"name": "Trail Bottle", "category": "Sports & Outdoors > Water Bottles"},
        {"name": "City Bottle", "category": "Sports & Outdoors > Water Bottles"},
    )
    models = FakeModels()
    manager = fake_manager(sessions, models)
    conversation = manager.new_conversation()
    models.feed(None, None)
    shown = list(manager.respond(conversation, "water bottles"))[-1]
    assert len(shown.cards) == 2
    with sessions() as db:
        db.execute(delete(Product).where(Product.id == shown.cards[0].product_id))
        db.commit()
    models.feed(None, None)
    reply = list(manager.respond(conversation, "is the first one insulated?"))[-1]
    assert "no longer in our catalog" in reply.text and not reply.cards


@pytest.mark.parametrize(
    ("text", "specific"),
    [
        ("number 2", False),  # "第二款" reads as this: which one, not a question about it
        ("the 2nd one", False),
        ("is number 2 waterproof?", True),
        ("does the 1st one have a laptop sleeve", True),
    ],
)
def test_a_reference_to_a_shown_product_is_no_question_about_it(text, specific):
    assert read_question(text, VOCAB, BAGS).specific is specific


@pytest.mark.parametrize(
    "text", ["the cheapest one?", "la moins chère ?", "and the most expensive one"]
)
def test_pointing_at_a_product_by_its_price_asks_nothing_of_it(text) -> None:
    assert not read_question(text, VOCAB, BAGS).specific  # the product is described


def test_a_question_about_the_cheapest_one_asks_only_its_question() -> None:
    question = read_question("is the cheapest one waterproof?", VOCAB, BAGS)
    assert question.extreme is None and question.words == ("waterproof",)


@pytest.mark.parametrize(
    ("description", "question", "quoted"),
    [
        ("Weighs only 309g, easy to carry. Folds flat.", "how heavy is it?", "309g"),
        (
            "What You Get: 1 x Microphone with Power Cord(1.5m). Tripod with 3 legs.",
            "how long is the cord",
            "1.5m",
        ),
        ('Point: 1mm medium. Length: 5.7" (145mm).', "how long is the pen?", "145mm"),
        ("The remote works up to 10 meters away. Two batteries.", "how far does it work?", "10 m"),
        ("Publisher: Little, Brown (November 8, 2022).", "when did it come out", "2022"),
    ],
)
def test_a_measure_asked_is_read_from_a_listing_sentence_with_a_number_in_its_unit(
    description, question, quoted
):
    answer = ask(product("Thing Pen", "Misc > Things", description=description), question)
    assert answer.verdict is Verdict.VALUE and quoted in answer.text, answer.text


def test_a_number_in_another_dimension_or_about_another_part_is_no_measure_answer():
    item = product("Thing", "Misc > Things", description="Strap of 30 cm. Box of 5 in the pack.")
    assert ask(item, "how heavy is it?").verdict is Verdict.NOT_STATED  # a length, not a weight
    assert ask(item, "how long is the cord?").verdict is Verdict.NOT_STATED  # the strap's


def test_a_reason_after_the_question_is_not_asked_about():
    item = product("Bodysuit", "Baby > Clothing", description="Soft, with nickel-free snaps.")
    answer = ask(item, "are the snaps nickel free? my baby reacts to nickel")
    assert answer.verdict is Verdict.YES and "nickel-free snaps" in answer.text


def test_paint_rocks_with_it_asks_what_it_does_not_what_comes_with_it():
    item = product("Acrylic Paint Set", "Arts > Paint", description="The paint works on rocks.")
    assert ask(item, "can we paint rocks with it?").verdict is Verdict.YES


@pytest.mark.slow
def test_a_word_is_matched_in_any_of_its_forms():
    from catalog.embedding import MiniLMEmbedder

    answers = ProductAnswers(MiniLMEmbedder())
    sheets = product("Sheet Set", "Home > Bedding")
    sheets.reviews = [Review(author="a", rating=3, text="Shrank a little in a hot wash.")]
    question = read_question("do they shrink? anything in the reviews", VOCAB, sheets.category)
    answer = answers.answer(sheets, question)
    assert answer.verdict is Verdict.YES and "Shrank a little" in answer.text
    bottle = product("Bottle", "Baby > Feeding")
    bottle.reviews = [Review(author="b", rating=3, text="The teats collapse sometimes.")]
    question = read_question("any complaints about the teats collapsing?", VOCAB, bottle.category)
    assert question.about_reviews
    assert answers.answer(bottle, question).verdict is Verdict.YES


def test_coming_assembled_asks_the_opposite_of_assembly_required():
    chair = product("Lounge Chair", CHAIRS, attributes={"assembly_required": True})
    vocabulary = CatalogVocabulary.from_catalog(
        brands=[],
        categories={CHAIRS},
        products=[],
        attributes=[(CHAIRS, chair.attributes), (CHAIRS, {"assembly_required": False})],
    )
    needs = read_question("does it need assembly?", vocabulary, CHAIRS)
    assert ANSWERS.answer(chair, needs).verdict is Verdict.YES
    # "assembled" reaches the key by meaning (the catalog's embedder); the facet is the same
    comes = read_question("does it come already assembled?", vocabulary, CHAIRS)
    comes = replace(comes, facets=needs.facets)
    assert ANSWERS.answer(chair, comes).verdict is Verdict.NO


def test_a_number_attribute_answers_only_a_question_about_it():
    candle = product("Candle", "Home > Candles", attributes={"burn_hours": 55})
    assert ask(candle, "is it safe to burn around cats?").verdict is not Verdict.YES
    sheets = product("Sheets", "Home > Bedding", attributes={"thread_count": 400})
    assert ask(sheets, "what's the thread count?").verdict is Verdict.VALUE


def test_the_colour_of_something_else_is_not_the_products_colour():
    monitor = product("Baby Monitor", "Baby > Monitors", colour="grey")
    assert read_question("does it play white noise?", VOCAB, monitor.category).colours == ()
    assert ask(monitor, "does it play white noise?").verdict is not Verdict.NO
    assert read_question("is the white one cheaper?", VOCAB, BAGS).colours == ("white",)
    assert ask(monitor, "is it white?").verdict is Verdict.NO
