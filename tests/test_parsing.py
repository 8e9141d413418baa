from decimal import Decimal

import pytest

from assistant.understanding.parsing import parse_message
from assistant.understanding.schema import PolicyTopic, PriceDirection, Sentiment
from assistant.understanding.vocabulary import CatalogVocabulary, category_phrases

VOCAB = CatalogVocabulary.from_catalog(
    ["Stridewell", "Apex Trail", "Nike"],
    [
        "Shoes > Running",
        "Apparel > Jackets",
        "Apparel > Shorts",
        "Electronics > Headphones",
        "Bags & Accessories > Sunglasses",
    ],
)


def parse(text: str):
    return parse_message(text, VOCAB)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("running shoes under $100", None, "100"),
        ("below 50 dollars", None, "50"),
        ("less than 49.99", None, "49.99"),
        ("jackets 50 or less", None, "50"),
        ("between 100 and 200", "100", "200"),
        ("from $20 to $45", "20", "45"),
        ("headphones $20-$50", "20", "50"),
        ("over $150", "150", None),
        ("at least 30 bucks", "30", None),
        ("around 30", "24", "36"),
        ("under 60 instead", None, "60"),
        ("keep it under 12,000", None, "12000"),
        ("$1,299.99 max", None, "1299.99"),
        ("under 12,50 euros", None, "12.50"),
    ],
)
def test_prices(text, low, high):
    parsed = parse(text)
    assert parsed.slots.price_min == (Decimal(low) if low else None)
    assert parsed.slots.price_max == (Decimal(high) if high else None)


def test_a_salutation_is_not_a_search_word():
    assert parse("Good evening! I'm looking for running shoes").keywords == []


def test_size_number_is_not_a_price():
    parsed = parse("size 10 running shoes")
    assert parsed.slots.sizes == ["10"]
    assert parsed.slots.price_max is None


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("cheaper", PriceDirection.CHEAPER),
        ("something less expensive", PriceDirection.CHEAPER),
        ("show me pricier ones", PriceDirection.PRICIER),
        ("in black", None),
        ("something on a budget", PriceDirection.CHEAPER),
        ("my budget is $30", None),
        ("budget is not a problem", None),
        ("too pricey, anything under 200?", PriceDirection.CHEAPER),
    ],
)
def test_relative_price(text, direction):
    assert parse(text).slots.price_direction == direction


def test_category_audience_and_price_together():
    parsed = parse("Running shoes for men under $100")
    assert (parsed.slots.category, parsed.slots.audience, parsed.slots.price_max) == (
        "Shoes > Running",
        "men",
        Decimal("100"),
    )
    assert parsed.keywords == []


def test_adjective_leaf_does_not_capture_other_products():
    parsed = parse("running shorts")
    assert parsed.slots.category == "Apparel > Shorts"
    assert parsed.slots.occasion == "running"


def test_category_phrases_for_plural_and_adjective_leaves():
    assert {"running shoes", "running shoe"} <= category_phrases("Shoes > Running")
    assert "running" not in category_phrases("Shoes > Running")
    assert {"headphones", "headphone"} <= category_phrases("Electronics > Headphones")


def test_activity_gear_names_the_activitys_category():
    assert {"camping gear", "camping equipment"} <= category_phrases("Sports & Outdoors > Camping")
    vocabulary = CatalogVocabulary.from_catalog([], ["Sports & Outdoors > Camping"])
    parsed = parse_message("camping gear under $90", vocabulary)
    assert parsed.slots.category == "Sports & Outdoors > Camping" and parsed.keywords == []


def test_a_feature_phrase_is_read_before_category_words():
    parsed = parse("noise cancelling headphones")
    assert parsed.slots.category == "Electronics > Headphones"
    assert parsed.slots.features == ["noise-cancelling"] and parsed.keywords == []


def test_a_negated_word_is_never_read_as_a_category():
    vocabulary = CatalogVocabulary.from_catalog(
        [], ["Bags & Accessories > Sunglasses", "Sports & Outdoors > Camping"]
    )
    parsed = parse_message("summer sunglasses under $50, not too sporty", vocabulary)
    assert parsed.slots.category == "Bags & Accessories > Sunglasses"
    [excluded] = parsed.slots.excluded_terms  # "sporty" reads as a slip of the catalog's "sport"
    assert excluded.startswith("sport")


def test_negated_brand_colour_and_free_term():
    parsed = parse("summer sunglasses, not Nike, no black, not too sporty")
    assert parsed.slots.excluded_brands == ["Nike"]
    assert parsed.slots.excluded_colours == ["black"]
    assert parsed.slots.excluded_terms == ["sporty"]
    assert parsed.slots.brands == [] and parsed.slots.colours == []
    assert parsed.slots.occasion == "summer" and parsed.keywords == []


def test_wanted_brand_and_colour_synonym():
    parsed = parse("gray apex trail jacket")
    assert parsed.slots.brands == ["Apex Trail"]
    assert parsed.slots.colours == ["grey"]
    assert parsed.slots.category == "Apparel > Jackets"


@pytest.mark.parametrize("text", ["hi", "Hello!", "hey there", "good morning"])
def test_greetings(text):
    assert parse(text).is_greeting


def test_greeting_with_a_request_is_a_request():
    parsed = parse("hi, I want headphones")
    assert not parsed.is_greeting
    assert parsed.slots.category == "Electronics > Headphones"


def test_reset_and_gift():
    assert parse("let's start over").wants_reset
    gift = parse("I need a gift for my dad")
    assert gift.mentions_gift and gift.slots.audience == "men" and gift.keywords == []


def test_sql_looking_text_is_just_words():
    parsed = parse("'; DROP TABLE products; --")
    assert parsed.keywords == ["drop", "table", "products"]
    assert not parsed.has_constraints


@pytest.mark.parametrize(
    ("text", "references"),
    [
        ("does the second one come in blue?", ["2"]),
        ("compare the first two", ["1", "2"]),
        ("the cheaper of those two", ["cheapest"]),
        ("is it waterproof?", ["it"]),
        ("tell me about #3", ["3"]),
        ("the last one", ["last"]),
        ("both of them", ["all"]),
        ("the dearest one", ["dearest"]),
        ("the least expensive one", ["cheapest"]),
        ("compare the first and the last", ["1", "last"]),
        ("who won last night?", []),
    ],
)
def test_references(text, references):
    assert parse(text).slots.references == references


def test_items_orders_ratings_materials_features():
    slots = parse("add two of the first one to my cart").slots
    assert (slots.quantity, slots.references) == (2, ["1"])
    assert parse("where is order sa-100234?").slots.order_number == "SA-100234"
    assert parse("headphones 4 stars and up").slots.min_rating == Decimal("4")
    assert parse("$50+").slots.price_min == Decimal("50") and parse("$50+").slots.min_rating is None
    slots = parse("waterproof hiking boots, no leather").slots
    assert slots.features == ["waterproof"] and slots.excluded_materials == ["leather"]
    assert slots.occasion == "hiking"


def test_policy_topic_and_sentiment():
    assert parse("what's your return policy?").slots.policy_topic is PolicyTopic.RETURNS
    assert parse("thanks, perfect").slots.sentiment is Sentiment.POSITIVE
    assert parse("these are ugly").slots.sentiment is Sentiment.NEGATIVE


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("make it 3", 3),
        ("set the quantity to zero", 0),
        ("I only want two", 2),
        ("add two of the first one", None),  # how many to add is `slots.quantity`, not a new total
    ],
)
def test_the_parser_reads_a_new_cart_quantity(text, quantity):
    assert parse(text).quantity_to_set == quantity


CUES = ("wants_more", "asks_reviews", "asks_why", "empties_cart", "says_goodbye")


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("something different", "wants_more"),
        ("Show me more", "wants_more"),
        ("what do people say about it?", "asks_reviews"),
        ("why this one?", "asks_why"),
        ("empty my cart", "empties_cart"),
        ("remove everything", "empties_cart"),
        ("ok bye, have a great evening", "says_goodbye"),
    ],
)
def test_the_parser_reads_what_a_message_asks_of_the_conversation(text, cue):
    parsed = parse(text)
    assert [c for c in CUES if getattr(parsed, c)] == [cue]


def test_a_product_request_asks_nothing_else_of_the_conversation():
    parsed = parse("two pairs of black running shoes for men, not too pricey")
    assert not any(getattr(parsed, c) for c in CUES) and parsed.quantity_to_set is None


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("jackets under $1e308", None, None),  # every price is under it: no limit
        ("jackets under 99999999999999999999 dollars", None, None),
        ("jackets over $1e308", "1000000000", None),  # nothing costs that much: honest empty
        ("jackets under $1e2", None, "100"),
    ],
)
def test_enormous_and_scientific_prices(text, low, high):
    parsed = parse(text)
    assert parsed.slots.price_min == (Decimal(low) if low else None)
    assert parsed.slots.price_max == (Decimal(high) if high else None)
    assert parsed.keywords == []


@pytest.mark.parametrize("text", ["jackets rated above 5. stars", "jackets rated 5.0 stars"])
def test_a_rating_with_a_trailing_point_is_a_rating_not_a_price(text):
    parsed = parse(text)
    assert parsed.slots.min_rating == Decimal(5)
    assert parsed.slots.price_min is None
    assert parsed.keywords == []


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("a tent for 4 people", "4-person"),
        ("a tent for two people under $200", "2-person"),
        ("a tent that sleeps 3", "3-person"),
        ("a 2-person tent", "2-person"),
    ],
)
def test_how_many_people_is_read_as_the_catalogs_n_person(text, term):
    camping = "Sports & Outdoors > Camping"
    names = ["Meadow 2-Person Backpacking Tent", "Hideout 4-Person Camping Tent"]
    vocabulary = CatalogVocabulary.from_catalog([], [camping], [(n, camping) for n in names])
    parsed = parse_message(text, vocabulary)
    assert parsed.keywords == [term]
    assert parsed.slots.category == "Sports & Outdoors > Camping"
