"""The catalog-terms set and its scorer: every label borne out by its catalog, facets evaluated
against attributes, the counting on tiny hand-made cases, and one scored run on the demo."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from types import SimpleNamespace

import pytest

from assistant.app.wiring import MIN_SIMILARITY
from assistant.understanding.schema import Slots
from benchmarks.score_catalog_terms import main, missing_reason, open_catalog
from catalog.models import Product
from catalog.search import ProductSearch
from evaluation.attribute_facets import Facet, FacetError, facet_holds, normalise_facet
from evaluation.catalog_terms import (
    CATALOGS,
    COUNT_FIELDS,
    CatalogRequest,
    CatalogScore,
    LabelError,
    Reading,
    RequestScore,
    card_violations,
    catalog_products,
    dialogue_shows,
    label_problems,
    load_requests,
    parse_request,
    score_catalog,
    search_shows,
    slots_reading,
)
from evaluation.dialogue_suite import FAKE_EMBEDDER, FakeModels, fake_manager
from evaluation.fakes import HashingEmbedder

REQUESTS = load_requests()


def _of(catalog: str) -> list[CatalogRequest]:
    return [r for r in REQUESTS if r.catalog == catalog]


# ---------------------------------------------------------------- the set


def test_the_set_covers_three_catalogs_with_enough_requests():
    counts = Counter(r.catalog for r in REQUESTS)
    assert len(REQUESTS) >= 200
    assert counts["demo"] >= 110
    assert len([c for c in CATALOGS if counts[c] >= 15]) >= 3
    texts = [" ".join(r.text.lower().split()) for r in REQUESTS]
    assert len(texts) == len(set(texts)), "a request appears twice"
    assert sum(bool(r.facets) for r in _of("demo")) >= 100


def test_every_demo_label_exists_in_the_demo_catalog(demo_sessions):
    with demo_sessions() as session:
        products = catalog_products(session)
    assert label_problems(_of("demo"), products) == []


@pytest.mark.parametrize("catalog", ["flipkart", "mgshopdial", "wands"])
def test_every_label_exists_in_its_catalog(catalog, tmp_path):
    reason = missing_reason(catalog)
    if reason:
        pytest.skip(reason)
    sessions = open_catalog(catalog, tmp_path, HashingEmbedder(dimension=32))
    with sessions() as session:
        products = catalog_products(session)
    assert products
    assert label_problems(_of(catalog), products) == []


# ---------------------------------------------------------------- reading labels


@pytest.mark.parametrize(
    "item, complaint",
    [
        ({"catalog": "demo", "text": "a tent", "category": "X", "sizes": ["M"]}, "unknown keys"),
        ({"catalog": "ebay", "text": "a tent", "category": "X"}, "catalog must be"),
        ({"catalog": "demo", "text": " ", "category": "X"}, "text must be"),
        ({"catalog": "demo", "text": "a tent", "category": None}, "category must be"),
        ({"catalog": "demo", "text": "a tent", "category": "X", "facets": ["big"]}, "not '<key>"),
        ({"catalog": "demo", "text": "t", "category": "X", "facets": ["age~five"]}, "a number"),
        (
            {"catalog": "demo", "text": "t", "category": "X", "price_min": 9, "price_max": 5},
            "above",
        ),
        ({"catalog": "demo", "text": "t", "category": "X", "price_max": "cheap"}, "number"),
        ({"catalog": "demo", "text": "t", "category": "X", "colours": ["Black"]}, "lower case"),
        (
            {
                "catalog": "demo",
                "text": "t",
                "category": "X",
                "colours": ["red"],
                "excluded_colours": ["red"],
            },
            "both wanted and excluded",
        ),
    ],
)
def test_a_malformed_label_is_refused(item, complaint):
    with pytest.raises(LabelError, match=complaint):
        parse_request(item)


def test_a_label_is_read_with_its_constraints():
    request = parse_request(
        {
            "catalog": "demo",
            "text": "a bag for a 15 inch laptop under 80, not black",
            "category": "Bags & Accessories > Backpacks",
            "facets": ["laptop_sleeve_in>=15"],
            "price_max": 80,
            "excluded_colours": ["black"],
        }
    )
    assert request.facets == ("laptop_sleeve_in>=15",)
    assert (request.price_min, request.price_max) == (None, Decimal("80"))
    assert request.excluded_colours == {"black"} and not request.colours


def test_facets_parse_into_key_op_and_value():
    assert Facet.parse("laptop_sleeve_in>=15") == Facet("laptop_sleeve_in", ">=", "15")
    assert Facet.parse("Heel Height <= 1") == Facet("Heel Height", "<=", "1")
    assert Facet.parse("age_range~5") == Facet("age_range", "~", "5")
    assert Facet.parse("rated_to_c<=-20") == Facet("rated_to_c", "<=", "-20")
    for bad in ("waterproof", "=true", "players>=many"):
        with pytest.raises(FacetError):
            Facet.parse(bad)


def test_facets_compare_in_normal_form():
    assert normalise_facet("Water_Resistant=Yes") == "water_resistant=true"
    assert normalise_facet("noise_cancelling=FALSE") == normalise_facet("noise_cancelling=no")
    assert normalise_facet("laptop_sleeve_in>=15") == normalise_facet("laptop_sleeve_in>=15.0")
    assert normalise_facet("Sleeve=Full Sleeve") == "sleeve=full sleeve"
    assert normalise_facet("laptop_sleeve_in>=15") != normalise_facet("laptop_sleeve_in=15")
    assert normalise_facet("  not a  Facet ") == "not a facet"


# ---------------------------------------------------------------- facets against attributes


def test_yes_no_facets_read_booleans_and_yes_no_text():
    assert facet_holds("water_resistant=true", {"water_resistant": True})
    assert not facet_holds("water_resistant=true", {"water_resistant": False})
    assert facet_holds("noise_cancelling=false", {"noise_cancelling": False})
    assert facet_holds("Freezer Safe=true", {"Freezer Safe": "Yes"})
    assert facet_holds("Date Display=true", {"Date Display": "Yes, Day and Date Display"})
    assert not facet_holds("Microwave Safe=true", {"Microwave Safe": "No"})
    assert not facet_holds("hood=true", {"hood": 1}), "a number is no yes"


def test_a_product_lacking_the_key_fails_every_facet():
    for facet in ("noise_cancelling=false", "laptop_sleeve_in>=15", "age_range~5", "terrain=trail"):
        assert not facet_holds(facet, {"wireless": True})
        assert not facet_holds(facet, None)


def test_number_facets_compare_numbers_and_numbers_with_units():
    assert facet_holds("laptop_sleeve_in>=15", {"laptop_sleeve_in": 16})
    assert facet_holds("laptop_sleeve_in>=15", {"laptop_sleeve_in": 15})
    assert not facet_holds("laptop_sleeve_in>=15", {"laptop_sleeve_in": 13.3})
    assert facet_holds("rated_to_c<=-20", {"rated_to_c": -25})
    assert not facet_holds("rated_to_c<=-20", {"rated_to_c": -15})
    assert facet_holds("Heel Height<=1", {"Heel Height": "0.5 inch"})
    assert not facet_holds("Heel Height<=1", {"Heel Height": "3 inch"})
    assert facet_holds("Diameter=25", {"Diameter": "25 cm"})
    assert not facet_holds("players>=3", {"players": "2-4"}), "a range is no single number"
    assert not facet_holds("hood>=1", {"hood": True}), "a yes is no number"


def test_range_facets_need_the_number_inside_the_range():
    assert facet_holds("age_range~5", {"age_range": "4-7"})
    assert not facet_holds("age_range~8", {"age_range": "4-7"})
    assert facet_holds("age_range~10", {"age_range": "10+"})
    assert facet_holds("age_range~40", {"age_range": "10+"})
    assert not facet_holds("age_range~9", {"age_range": "10+"})
    group = {"Age Group": "11 - 15 Years, 15 Years and Above"}
    assert facet_holds("Age Group~13", group) and facet_holds("Age Group~30", group)
    assert not facet_holds("Age Group~10", group)


def test_choice_facets_match_a_value_or_one_of_its_parts():
    assert facet_holds("terrain=trail", {"terrain": "trail"})
    assert not facet_holds("terrain=trail", {"terrain": "road"})
    assert facet_holds("Sleeve=full sleeve", {"Sleeve": "Full Sleeve"})
    assert facet_holds("Occasion=Party", {"Occasion": "Casual, Party"})
    assert not facet_holds("Occasion=Part", {"Occasion": "Casual, Party"})
    assert facet_holds("Occasion=Party", {"occasion": ["Casual", "Party"]}), "key case, list"


# ---------------------------------------------------------------- labels against a catalog


def _product(category: str, price: str = "50", colour: str | None = None, **attributes) -> Product:
    return Product(category=category, price=Decimal(price), colour=colour, attributes=attributes)


def test_label_problems_name_paths_and_keys_the_catalog_lacks():
    products = [
        _product("Bags > Backpacks", water_resistant=True, laptop_sleeve_in=16, closure="zip"),
        _product("Bags > Wallets", card_slots=8),
        _product("Toys > Games", players="2-4"),
    ]

    def request(category: str, *facets: str, **limits) -> CatalogRequest:
        return CatalogRequest("demo", "words", category, facets, source="item", **limits)

    good = [
        request("Bags > Backpacks", "water_resistant=true", "laptop_sleeve_in>=15"),
        request("Bags", "card_slots>=4"),  # a parent path holds its children's keys
        request("Toys > Games", "players~3"),
    ]
    assert label_problems(good, products) == []
    problems = label_problems(
        [
            request("Bags > Totes"),
            request("Bag"),
            request("Bags > Backpacks", "card_slots>=4"),
            request("Bags > Backpacks", "closure>=2"),
            request("Bags > Backpacks", "laptop_sleeve_in~15"),
            request("Bags > Backpacks", "laptop_sleeve_in>=17"),
            request("Bags > Backpacks", price_max=Decimal("40")),
        ],
        products,
    )
    assert len(problems) == 7
    assert "'Bags > Totes' is not a catalog path" in problems[0]
    assert "'Bag' is not a catalog path" in problems[1]
    assert "no product in 'Bags > Backpacks' has 'card_slots'" in problems[2]
    assert "never a number" in problems[3] and "never a range" in problems[4]
    assert problems[5].endswith("no product meets every constraint")
    assert problems[6].endswith("no product meets every constraint")


# ---------------------------------------------------------------- counting


def _scored(gold: dict, predicted: Reading, violations=None) -> RequestScore:
    request = CatalogRequest(**{"catalog": "demo", "text": "t", **gold})
    return RequestScore(request, predicted, violations)


def test_counts_compare_gold_and_predicted_readings():
    score = CatalogScore()
    score.add(  # right type, one facet of two, a facet too many, the price right
        _scored(
            {"category": "Bags > Backpacks", "facets": ("water_resistant=true", "capacity_l>=25")},
            Reading(
                "bags > backpacks",
                frozenset({"water_resistant=true", "laptop_sleeve_in>=15.0"}),
            ),
        )
    )
    score.add(  # a sibling type, price wrong, colour right
        _scored(
            {
                "category": "Bags > Backpacks",
                "price_max": Decimal("70"),
                "colours": frozenset({"red"}),
            },
            Reading("Bags > Handbags", price_min=Decimal("70"), colours=frozenset({"red"})),
        )
    )
    score.add(  # another department, a colour read that was not said
        _scored({"category": "Shoes > Running"}, Reading(None, colours=frozenset({"black"})))
    )
    summary = score.summary()
    assert summary["requests"] == 3
    assert (summary["category_exact"], summary["category_top"]) == (1, 2)
    assert (summary["facets_matched"], summary["facets_predicted"], summary["facets_expected"]) == (
        1,
        2,
        2,
    )
    assert summary["facet_precision"] == 0.5 and summary["facet_recall"] == 0.5
    assert (summary["price_touched"], summary["price_right"]) == (1, 0)
    assert (summary["colour_touched"], summary["colour_right"]) == (2, 1)
    assert summary["hard_constraint_satisfaction"] is None
    assert summary["category_accuracy"] == round(1 / 3, 4)


def test_hard_constraints_count_answered_requests_whose_cards_all_satisfy():
    score = CatalogScore()
    score.add_search(None)  # nothing shown: not answered
    score.add_search(())  # every card met every constraint
    score.add_search(("SKU-1: facet water_resistant=true",))
    summary = score.summary()
    assert (summary["searched"], summary["answered"], summary["all_cards_satisfy"]) == (3, 2, 1)
    assert summary["hard_constraint_satisfaction"] == 0.5
    both = score.merged(score)
    assert (both.searched, both.answered, both.all_cards_satisfy) == (6, 4, 2)


def test_a_reading_is_taken_from_slots_with_or_without_facets():
    slots = Slots(category="Shoes > Running", price_max=Decimal("100"), colours=["Black"])
    reading = slots_reading(slots)
    assert reading.category == "Shoes > Running" and reading.price_max == Decimal("100")
    assert reading.colours == {"black"} and reading.facets == frozenset()
    fields = {name: getattr(slots, name) for name in type(slots).model_fields if name != "facets"}
    assert slots_reading(SimpleNamespace(**fields)).facets == frozenset()
    with_facets = SimpleNamespace(**fields, facets=["Terrain=Trail", "drop_mm<=4"])
    assert slots_reading(with_facets).facets == {"terrain=trail", "drop_mm<=4.0"}


def test_card_violations_name_every_gold_constraint_a_product_breaks():
    request = CatalogRequest(
        "demo",
        "waterproof backpack for a 15 inch laptop under 100, not black",
        "Bags & Accessories > Backpacks",
        ("water_resistant=true", "laptop_sleeve_in>=15"),
        price_max=Decimal("100"),
        excluded_colours=frozenset({"black"}),
    )
    fits = _product(
        "Bags & Accessories > Backpacks",
        "89.95",
        "green",
        water_resistant=True,
        laptop_sleeve_in=16,
    )
    assert card_violations(request, fits) == []
    wrong = _product("Electronics > Laptops", "769.99", "black", screen_in=15.6)
    broken = card_violations(request, wrong)
    assert len(broken) == 5
    assert broken[0] == "category 'Electronics > Laptops'"
    assert broken[1] == "price 769.99 > 100"
    assert broken[2] == "excluded colour 'black'"
    assert broken[3:] == ["facet water_resistant=true", "facet laptop_sleeve_in>=15"]


# ---------------------------------------------------------------- the demo, scored


def test_the_demo_part_is_scored_with_every_count(demo_sessions):
    demo = _of("demo")
    search = ProductSearch(demo_sessions, FAKE_EMBEDDER, min_similarity=MIN_SIMILARITY)
    summary = score_catalog(demo, demo_sessions, search_shows(search)).summary()
    assert set(COUNT_FIELDS) <= set(summary)
    assert summary["requests"] == summary["searched"] == len(demo)
    assert summary["facets_expected"] == sum(len(set(r.facets)) for r in demo)
    assert 0 < summary["answered"] <= summary["searched"]
    assert summary["all_cards_satisfy"] <= summary["answered"]
    assert summary["category_exact"] <= summary["category_top"] <= summary["requests"]
    rates = [v for k, v in summary.items() if k not in COUNT_FIELDS]
    assert all(rate is None or 0.0 <= rate <= 1.0 for rate in rates)


def test_the_dialogue_shows_the_cards_of_its_last_update(demo_sessions):
    models = FakeModels()
    show = dialogue_shows(fake_manager(demo_sessions, models), demo_sessions)
    text = "trail shoes for muddy races"
    shown = show(text, None)
    manager = fake_manager(demo_sessions, models)
    updates = list(manager.respond(manager.new_conversation(), text))
    assert [p.id for p in shown] == [card.product_id for card in updates[-1].cards]
    assert shown and all(isinstance(p, Product) and p.sku for p in shown)
    assert show("what's the weather like tomorrow?", None) == []


def test_the_benchmark_prints_a_table_misses_and_a_json_line(capsys):
    assert main(["--catalog", "demo", "--embedder", "hashing", "--misses", "3"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    result = json.loads(lines[-1])
    assert result["catalogs"]["demo"]["requests"] == len(_of("demo"))
    assert result["label_problems"] == 0
    assert any(line.startswith("demo ") for line in lines)
    assert any(line.startswith("overall ") for line in lines)
    assert sum(line.startswith("[demo] ") for line in lines) == 3
