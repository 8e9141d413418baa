"""Attribute facets learnt from a catalog, read from shoppers' words and applied as filters."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from assistant.dialogue.next_action import new_request
from assistant.dialogue.relaxation import relaxations
from assistant.facts.describe import describe_request
from assistant.understanding.parsing import parse_message
from assistant.understanding.vocabulary import CatalogVocabulary
from catalog.facets import FacetCatalog, FacetKind
from catalog.models import Product
from catalog.request import FacetFilter, SearchRequest
from catalog.search import apply_filters

BAGS = "Bags & Accessories > Backpacks"
ROWS = [  # (category, attributes) as a catalog holds them
    ("Sports & Outdoors > Water Bottles", {"capacity_ml": 750, "keeps_cold_hours": 24}),
    ("Sports & Outdoors > Water Bottles", {"capacity_ml": 1000, "keeps_cold_hours": 12}),
    ("Electronics > Smart Home", {"subscription_required": True, "night_vision": True}),
    ("Electronics > Smart Home", {"subscription_required": False, "night_vision": False}),
    ("Apparel > Activewear", {"pocket_count": 3, "upf": 50}),
    ("Apparel > Activewear", {"pocket_count": 1, "upf": 30}),
    (BAGS, {"water_resistant": True, "laptop_sleeve_in": 16, "capacity_l": 22}),
    (BAGS, {"water_resistant": False, "laptop_sleeve_in": 13, "capacity_l": 18}),
    ("Electronics > Laptops", {"screen_in": 15.6, "battery_hours": 10}),
    ("Electronics > Laptops", {"screen_in": 13.3, "battery_hours": 18}),
    ("Toys & Games > STEM Kits", {"age_range": "8+", "batteries_included": True}),
    ("Toys & Games > STEM Kits", {"age_range": "4-7", "batteries_included": False}),
    ("Shoes > Running", {"terrain": "trail", "drop_mm": 6}),
    ("Shoes > Running", {"terrain": "road", "drop_mm": 10}),
    ("Shoes > Running", {"terrain": "road", "drop_mm": 8}),
    ("Beauty > Skincare", {"fragrance_free": True, "reef_friendly": True}),
    ("Beauty > Skincare", {"fragrance_free": False, "reef_friendly": False}),
    ("Pet Supplies > Dog Beds", {"machine_washable_cover": True}),
    ("Pet Supplies > Dog Beds", {"machine_washable_cover": False}),
    ("Shoes > Boots", {"rated_to_c": -32}),
    ("Shoes > Boots", {"rated_to_c": -20}),
]
NAMES = [
    ("Voyager Laptop Backpack", BAGS),
    ("Transit Backpack", BAGS),
    ("Aero 15 Laptop", "Electronics > Laptops"),
    ("Slim 13 Laptop", "Electronics > Laptops"),
    ("Reef Mineral Sunscreen SPF 50", "Beauty > Skincare"),
    ("Daily Mineral Sunscreen SPF 30", "Beauty > Skincare"),
    ("Harbour Dog Bed", "Pet Supplies > Dog Beds"),
    ("Cloud Dog Bed", "Pet Supplies > Dog Beds"),
]
CATEGORIES = {category for category, _ in ROWS} | {"Bags & Accessories > Handbags"}
VOCAB = CatalogVocabulary.from_catalog((), CATEGORIES, NAMES, ROWS)


def read(text: str) -> tuple[str | None, list[str]]:
    parsed = parse_message(text, VOCAB)
    return parsed.slots.category, parsed.slots.facets


def test_facet_kinds_come_from_the_values():
    facets = FacetCatalog.derive(ROWS).facets
    assert facets["water_resistant"].kind is FacetKind.YES_NO
    assert (facets["laptop_sleeve_in"].kind, facets["laptop_sleeve_in"].unit) == (
        FacetKind.NUMBER,
        "in",
    )
    assert facets["laptop_sleeve_in"].words == ("laptop", "sleeve")
    assert facets["age_range"].kind is FacetKind.RANGE
    assert facets["terrain"].kind is FacetKind.CHOICE
    assert facets["terrain"].categories == frozenset({"Shoes > Running"})


@pytest.mark.parametrize(
    ("text", "category", "facets"),
    [
        # the head of a compound decides, and the key read narrows the category
        ("a laptop bag that fits a 15 inch laptop", BAGS, ["laptop_sleeve_in>=15"]),
        ("waterproof backpack", BAGS, ["water_resistant=true"]),
        ("a 15.6 inch laptop", "Electronics > Laptops", ["screen_in=15.6"]),
        ("laptop with at least 12 hours", "Electronics > Laptops", ["battery_hours>=12"]),
        ("laptop with 12+ hours of battery", "Electronics > Laptops", ["battery_hours>=12"]),
        ("a stem kit for a 5 year old", "Toys & Games > STEM Kits", ["age_range~5"]),
        ("stem kit with no batteries", "Toys & Games > STEM Kits", ["batteries_included=false"]),
        ("trail running shoes", "Shoes > Running", ["terrain=trail"]),
        ("running shoes with at least 8 mm drop", "Shoes > Running", ["drop_mm>=8"]),
        # a key's words are no category ("fragrance free" is not the Fragrance aisle)
        (
            "reef safe sunscreen that's fragrance free",
            "Beauty > Skincare",
            ["fragrance_free=true", "reef_friendly=true"],
        ),
        (
            "dog bed with a washable cover",
            "Pet Supplies > Dog Beds",
            ["machine_washable_cover=true"],
        ),
        # units converted to the key's, comparisons said after the number, counts, scales
        ("a 1 litre water bottle", "Sports & Outdoors > Water Bottles", ["capacity_ml=1000"]),
        (
            "laptop with a screen no bigger than 14 inches",
            "Electronics > Laptops",
            ["screen_in<=14"],
        ),
        ("laptop, 12 hours at least", "Electronics > Laptops", ["battery_hours>=12"]),
        ("activewear with at least 3 pockets", "Apparel > Activewear", ["pocket_count>=3"]),
        ("activewear with upf 50", "Apparel > Activewear", ["upf=50"]),
        # below zero: a limit to reach, colder being better (was "rated to 30 °C")
        ("boots rated to -30C", "Shoes > Boots", ["rated_to_c<=-30"]),
        ("boots good to minus 20 degrees", "Shoes > Boots", ["rated_to_c<=-20"]),
        ("boots for 20-30 degrees", "Shoes > Boots", ["rated_to_c=30"]),  # a range, no sign
        # a negation a few words before the key, in the same clause
        (
            "smart home camera that doesn't need a monthly subscription",
            "Electronics > Smart Home",
            ["subscription_required=false"],
        ),
    ],
)
def test_constraints_are_read_in_the_catalogs_terms(text, category, facets):
    got_category, got_facets = read(text)
    assert got_category == category
    assert sorted(got_facets) == sorted(facets)


@pytest.mark.parametrize("text", ["para 30 grados bajo cero", "能抗零下30度", "jusqu'à -30 °C"])
def test_below_zero_in_other_languages(text):
    parsed = parse_message(text, VOCAB, about="Shoes > Boots")
    assert parsed.slots.facets == ["rated_to_c<=-30"]


def test_at_least_8_mm_is_no_price_and_an_age_is_no_warranty():
    parsed = parse_message("running shoes with at least 8 mm drop", VOCAB)
    assert parsed.slots.price_min is None
    _, facets = read("stem kit for my 10 year old nephew")
    assert facets == ["age_range~10"]


def test_a_constraint_asked_both_ways_is_no_filter_but_a_question():
    parsed = parse_message("smart home camera, no subscription but with subscription", VOCAB)
    assert parsed.slots.facets == [] and parsed.contradictions == ["subscription"]


def test_a_choice_word_outside_its_category_is_an_ordinary_word():
    assert read("that is fine, I like trail walks")[1] == []


def test_facet_filters_select_in_sql(sessions, add_products):
    add_products(
        {
            "name": "Dry Pack",
            "category": BAGS,
            "attributes": {"water_resistant": True, "laptop_sleeve_in": 16},
        },
        {
            "name": "Open Pack",
            "category": BAGS,
            "attributes": {"water_resistant": False, "laptop_sleeve_in": 15},
        },
        {"name": "Tote", "category": BAGS, "attributes": {}},
        {"name": "Kit", "category": "Toys", "attributes": {"age_range": "4-7"}},
    )

    def names(*facets: FacetFilter) -> set[str]:
        statement = apply_filters(select(Product.name), SearchRequest(facets=facets))
        with sessions() as session:
            return set(session.scalars(statement))

    assert names(FacetFilter("water_resistant", "=", "true")) == {"Dry Pack"}
    assert names(FacetFilter("water_resistant", "=", "false")) == {"Open Pack"}
    assert names(FacetFilter("laptop_sleeve_in", ">=", "15")) == {"Dry Pack", "Open Pack"}
    assert names(FacetFilter("laptop_sleeve_in", "<=", "15")) == {"Open Pack"}
    assert names(FacetFilter("age_range", "~", "5", ("4-7",), text_valued=True)) == {"Kit"}
    assert names(FacetFilter("age_range", "~", "9", (), text_valued=True)) == set()


def test_a_number_below_zero_is_matched_within_its_tolerance(sessions, add_products):
    add_products(
        *({"name": f"Boot {t}", "category": "Shoes > Boots", "attributes": {"rated_to_c": t}}
          for t in (-40, -32, -25))
    )  # fmt: skip
    statement = apply_filters(
        select(Product.name), SearchRequest(facets=(FacetFilter("rated_to_c", "=", "-30"),))
    )
    with sessions() as session:
        assert set(session.scalars(statement)) == {"Boot -32"}  # -33 to -27 (was no range)


def test_the_introduction_says_the_constraints_applied_and_no_leftover_words():
    parsed = parse_message(
        "I need a laptop bag that fits a 15 inch laptop, waterproof, ideally not black", VOCAB
    )
    text = describe_request(new_request(parsed))
    assert text == "water-resistant backpacks, with a laptop sleeve of 15 in or more, not black"
    below_zero = describe_request(new_request(parse_message("boots rated to -30C", VOCAB)))
    assert below_zero == "boots, rated to -30 °C or less"  # was "with a rated to of 30 °C"


def test_relaxing_drops_the_last_constraint_said_first_and_names_it():
    request = SearchRequest(
        category=BAGS,
        price_max=Decimal("100"),
        facets=(
            FacetFilter("water_resistant", "=", "true"),
            FacetFilter("laptop_sleeve_in", ">=", "17", unit="in"),
        ),
    )
    steps = list(relaxations(request))
    assert [s.missed_by(2) for s in steps] == [
        "none of them is listed with a laptop sleeve of 17 in or more",
        "none of them is listed as water-resistant",
        "none of them is under $100",
    ]
    assert steps[0].request.facets == (FacetFilter("water_resistant", "=", "true"),)
    assert all(s.request.category == BAGS for s in steps)
