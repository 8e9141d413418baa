"""Yes/no attributes said in Chinese, Spanish and French, read by meaning against the demo
catalog's English keys with the real multilingual USE (pure numpy, ~1.5 s to load once);
English messages keep MiniLM's reading (a hashing embedder stands in for MiniLM here)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pytest

from assistant.understanding.facet_meaning import FacetMeanings, MeaningMatch
from assistant.understanding.facet_meaning_multilingual import ForeignFacetMeanings, negated
from assistant.understanding.parsing import parse_message
from assistant.understanding.vocabulary import CatalogVocabulary
from catalog.facets import Facet, FacetCatalog
from catalog.multilingual_embedding import MultilingualEmbedder
from evaluation.fakes import HashingEmbedder

JACKETS = "Apparel > Jackets"
HEADPHONES = "Electronics > Headphones"


@pytest.mark.parametrize(
    ("message", "category", "facet"),
    [
        ("Busco una chaqueta impermeable para mujer", JACKETS, "waterproof=true"),
        ("推荐一款适合跑步的无线耳机", HEADPHONES, "wireless=true"),
        ("unos auriculares inalámbricos para el gimnasio", HEADPHONES, "wireless=true"),
    ],
)
def test_a_foreign_message_reads_a_yes_no_key_by_meaning(
    multilingual_vocabulary: CatalogVocabulary, message: str, category: str, facet: str
) -> None:
    parsed = parse_message(message, multilingual_vocabulary)
    assert parsed.slots.category == category
    assert facet in parsed.slots.facets


@pytest.mark.parametrize(
    "message", ["Busco una chaqueta para mi hermana", "我想买一件夹克送给姐姐"]
)
def test_a_foreign_message_without_a_feature_reads_no_facet(
    multilingual_vocabulary: CatalogVocabulary, message: str
) -> None:
    parsed = parse_message(message, multilingual_vocabulary)
    assert parsed.slots.category == JACKETS
    assert parsed.slots.facets == []


class RecordingReader:
    """A foreign reader that notes every message it is asked about."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def read(
        self, text: str, scope: Sequence[Facet], already: Collection[str], kind: Collection[str]
    ) -> list[MeaningMatch]:
        self.asked.append(text)
        return []


def test_an_english_message_takes_the_old_path(demo_facets: FacetCatalog) -> None:
    embedder, reader = HashingEmbedder(), RecordingReader()
    scope = demo_facets.within(JACKETS)
    plain = FacetMeanings(demo_facets, embedder).read("keeps the rain out", scope, ())
    with_reader = FacetMeanings(demo_facets, embedder, reader)
    assert with_reader.read("keeps the rain out", scope, (), "en") == plain
    assert reader.asked == []
    with_reader.read("que no deje pasar la lluvia", scope, (), "es")
    assert reader.asked == ["que no deje pasar la lluvia"]


def test_english_parse_is_the_same_with_the_multilingual_reader(
    demo_rows: list[dict], multilingual_vocabulary: CatalogVocabulary
) -> None:
    without = CatalogVocabulary.from_catalog(
        sorted({r["brand"] for r in demo_rows if r.get("brand")}),
        sorted({r["category"] for r in demo_rows}),
        [(r["name"], r["category"]) for r in demo_rows],
        [(r["category"], r.get("attributes")) for r in demo_rows],
        embedder=HashingEmbedder(),
    )
    assert without.meanings is not None
    without.meanings.foreign = None
    message = "waterproof winter jacket with a hood, not black"
    assert parse_message(message, multilingual_vocabulary) == parse_message(message, without)


def test_the_reader_needs_a_key_in_scope(demo_facets: FacetCatalog) -> None:
    reader = ForeignFacetMeanings(demo_facets, MultilingualEmbedder())
    assert reader.read("impermeable", demo_facets.within(HEADPHONES), ()) == []
    found = reader.read("impermeable", demo_facets.within(JACKETS), ())
    assert [(m.facet.key, m.window) for m in found] == [("waterproof", "impermeable")]
    assert reader.read("impermeable", demo_facets.within(JACKETS), {"waterproof"}) == []


def test_the_words_that_named_the_category_mean_no_facet(demo_facets: FacetCatalog) -> None:
    reader = ForeignFacetMeanings(demo_facets, MultilingualEmbedder())
    scope = demo_facets.within(JACKETS)
    assert [m.facet.key for m in reader.read("一件夹克", scope, ())] == ["hood"]
    assert reader.read("一件夹克", scope, (), kind=["夹克"]) == []


@pytest.mark.parametrize(
    ("text", "window", "negated_"),
    [
        ("不用按月订阅", "按月订阅", True),
        ("不用按月订阅", "不用按月", True),
        ("gafas sin polarizar", "polarizar", True),
        ("lunettes non polarisées", "polarisées", True),
        ("无线耳机", "无线", False),  # 无 makes a word of its own: wireless
        ("chaqueta impermeable", "impermeable", False),
    ],
)
def test_a_window_after_a_negation_asks_for_no_key(text, window, negated_):
    assert negated(text, window) is negated_
