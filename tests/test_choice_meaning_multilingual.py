"""Choice values, negated choices and numbers with units said in Chinese, Spanish and French,
read in the demo catalog's English terms with the real multilingual USE (pure numpy, ~1.5 s to
load once); English messages read as before (a hashing embedder stands in for MiniLM here)."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.understanding.choice_meaning_multilingual import (
    ForeignChoiceMeanings,
    is_negated,
    with_comparisons,
)
from assistant.understanding.facet_reading import Quantity, find_quantities, unit_words
from assistant.understanding.parsing import parse_message
from assistant.understanding.vocabulary import CatalogVocabulary
from catalog.facets import FacetCatalog
from catalog.multilingual_embedding import MultilingualEmbedder

SUNGLASSES = "Bags & Accessories > Sunglasses"
RUNNING = "Shoes > Running"


@pytest.fixture(scope="module")
def reader(demo_facets: FacetCatalog) -> ForeignChoiceMeanings:
    return ForeignChoiceMeanings(demo_facets, MultilingualEmbedder())


@pytest.mark.parametrize(
    ("message", "facet"),
    [
        ("gafas de sol deportivas para ciclismo", "style=sporty"),
        ("lunettes de soleil pour l'été", "season=summer"),
        ("夏天戴的太阳镜", "season=summer"),
    ],
)
def test_a_foreign_message_reads_a_choice_by_meaning(
    multilingual_vocabulary: CatalogVocabulary, message: str, facet: str
) -> None:
    parsed = parse_message(message, multilingual_vocabulary)
    assert parsed.slots.category == SUNGLASSES
    assert facet in parsed.slots.facets


@pytest.mark.parametrize(
    "message",
    [
        "gafas de sol para el verano, no muy deportivas",
        "gafas de sol que no sean deportivas",
        "lunettes de soleil pour l'été, pas trop sportives",
        "夏天戴的太阳镜，不要太运动的",  # noqa: RUF001 (Chinese punctuation)
    ],
)
def test_a_negated_choice_is_excluded_as_in_english(
    multilingual_vocabulary: CatalogVocabulary, message: str
) -> None:
    english = parse_message("summer sunglasses, not too sporty", multilingual_vocabulary)
    parsed = parse_message(message, multilingual_vocabulary)
    assert "sporty" in english.slots.excluded_terms
    assert "sporty" in parsed.slots.excluded_terms
    assert not any(f.startswith("style=") for f in parsed.slots.facets)


def test_a_negated_value_read_word_for_word_is_no_wish(
    multilingual_vocabulary: CatalogVocabulary,
) -> None:
    parsed = parse_message("zapatillas de running que no sean de trail", multilingual_vocabulary)
    assert parsed.slots.category == RUNNING
    assert "terrain=trail" not in parsed.slots.facets
    assert "trail" in parsed.slots.excluded_terms
    assert "trail" not in parsed.slots.features


@pytest.mark.parametrize(
    ("message", "facet"),
    [
        ("una mochila donde quepa un portátil de 15 pulgadas", "laptop_sleeve_in>=15"),
        ("充一次电能用40小时以上的无线耳机", "battery_hours>=40"),
        ("auriculares inalámbricos que duren 40 horas o más", "battery_hours>=40"),
        ("écouteurs bluetooth qui tiennent 30 heures ou plus", "battery_hours>=30"),
    ],
)
def test_a_number_with_a_foreign_unit_reads_a_number_key(
    multilingual_vocabulary: CatalogVocabulary, message: str, facet: str
) -> None:
    assert facet in parse_message(message, multilingual_vocabulary).slots.facets


def test_foreign_units_map_to_the_catalogs_own(demo_facets: FacetCatalog) -> None:
    units = unit_words(demo_facets)
    assert units["pulgadas"] == units["寸"] == units["inch"] == "in"
    assert units["heures"] == units["小时"] == "hours"
    assert units["lúmenes"] == units["流明"] == "lumens"


def test_a_chinese_unit_needs_no_word_boundary() -> None:
    found = find_quantities("能放 15 寸笔记本的双肩包", {"寸": "in"})
    assert found == [Quantity("15", "in", "=", "15 寸")]
    assert find_quantities("15 寸", {"inch": "in"}) == []


@pytest.mark.parametrize(
    ("said", "quantity", "op"),
    [
        ("silla de oficina que aguante 140 kg", "140 kg", ">="),
        ("auriculares que duren 40 horas or más", "40 horas", ">="),
        ("有红光模式的头灯,500 流明以上", "500 流明", ">="),
        ("poussette de 8 kg maximum", "8 kg", "<="),
        ("maceta de 35 cm de diámetro", "35 cm", "="),
    ],
)
def test_a_foreign_comparison_sets_the_operator(said: str, quantity: str, op: str) -> None:
    read = Quantity(quantity.split()[0], "u", "=", quantity)
    assert with_comparisons([read], said) == [dataclasses.replace(read, op=op)]


def test_an_english_comparison_is_kept() -> None:
    read = Quantity("20", "l", "<=", "20 litres")
    assert with_comparisons([read], "mochila de 20 litres como mínimo") == [read]


def test_the_words_that_named_the_category_mean_no_value(
    demo_facets: FacetCatalog, reader: ForeignChoiceMeanings
) -> None:
    scope = demo_facets.within(SUNGLASSES)
    found = reader.read("运动墨镜", "运动墨镜", scope, ())
    assert [(m.facet.key, m.value, m.wanted) for m in found] == [("style", "sporty", True)]
    assert reader.read("运动", "运动墨镜", scope, (), kind=["运动"]) == []


def test_a_key_already_read_is_only_read_negated(
    demo_facets: FacetCatalog, reader: ForeignChoiceMeanings
) -> None:
    scope = demo_facets.within(SUNGLASSES)
    assert reader.read("deportivas", "deportivas", scope, {"style"}) == []
    found = reader.read("deportivas", "no muy deportivas", scope, {"style"})
    assert [(m.value, m.wanted) for m in found] == [("sporty", False)]


def test_a_value_outside_the_scope_is_not_read(
    demo_facets: FacetCatalog, reader: ForeignChoiceMeanings
) -> None:
    assert reader.read("deportivas", "deportivas", demo_facets.within("Office > Pens"), ()) == []


@pytest.mark.parametrize(
    ("said", "window", "negated"),
    [
        ("gafas no muy deportivas", "deportivas", True),
        ("lunettes not trop sportives", "sportives", True),
        ("墨镜, not 太运动的", "运动", True),
        ("zapatillas not de trail", "trail", True),
        ("gafas deportivas, no rosas", "deportivas", False),
        ("无线耳机", "无线", False),
    ],
)
def test_a_window_after_a_negation_is_negated(said: str, window: str, negated: bool) -> None:
    assert is_negated(said, window) is negated


@pytest.mark.parametrize(
    "message",
    [
        "summer sunglasses under $50, not too sporty",
        "trail running shoes with 8mm drop",
        "backpack that fits a 15 inch laptop, at least 20 litres",
    ],
)
def test_english_parse_is_the_same_without_the_choice_reader(
    multilingual_vocabulary: CatalogVocabulary, message: str
) -> None:
    without = dataclasses.replace(multilingual_vocabulary, choices=None)
    assert parse_message(message, multilingual_vocabulary) == parse_message(message, without)


def test_a_chinese_quantity_is_no_price(multilingual_vocabulary: CatalogVocabulary) -> None:
    # "升的": no space after the unit
    parsed = parse_message("至少20升的徒步背包", multilingual_vocabulary)
    assert parsed.slots.price_min is None and parsed.slots.price_max is None
    assert "capacity_l>=20" in parsed.slots.facets
