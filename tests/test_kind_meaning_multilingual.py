"""Product kinds named in Chinese, Spanish and French, read by meaning against the demo catalog's
English categories with the real multilingual USE (pure numpy, ~1.5 s to load once); English
messages keep MiniLM's reading (a hashing embedder stands in for MiniLM here)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.understanding.kind_meaning import KindMatch, KindMeanings
from assistant.understanding.kind_meaning_multilingual import (
    ForeignKindMeanings,
    foreign_windows,
    name_tails,
    nearest_head,
)
from assistant.understanding.parsing import parse_message
from assistant.understanding.vocabulary import CatalogVocabulary
from catalog.multilingual_embedding import MultilingualEmbedder
from evaluation.fakes import HashingEmbedder
from evaluation.multilingual_queries import DEMO_PRODUCTS
from evaluation.understanding_scores import load_utterances

RUNNING_SHOES = "Shoes > Running"


@pytest.fixture(scope="module")
def vocabulary() -> CatalogVocabulary:
    rows = [json.loads(line) for line in DEMO_PRODUCTS.read_text("utf-8").splitlines() if line]
    return CatalogVocabulary.from_catalog(
        sorted({r["brand"] for r in rows if r.get("brand")}),
        sorted({r["category"] for r in rows}),
        [(r["name"], r["category"]) for r in rows],
        embedder=HashingEmbedder(),
        multilingual=MultilingualEmbedder(),
    )


@pytest.mark.parametrize(
    ("message", "category"),
    [
        ("跑鞋", RUNNING_SHOES),
        ("zapatillas para correr", RUNNING_SHOES),
        ("chaussures de course", RUNNING_SHOES),
        ("lunettes de soleil", "Bags & Accessories > Sunglasses"),
        ("我想买一双100美元以下的男士跑鞋", RUNNING_SHOES),
        ("推荐一款适合跑步的无线耳机", "Electronics > Headphones"),
        ("Busco una chaqueta impermeable para mujer", "Apparel > Jackets"),
        # the head of the noun phrase decides, not the most similar word around it
        ("gants de vélo", "Sports & Outdoors > Cycling"),  # not bikes (outdoor play)
        ("esterilla de yoga", "Sports & Outdoors > Yoga & Fitness"),
        ("登山背包", "Bags & Accessories > Backpacks"),
    ],
)
def test_kinds_named_in_other_languages(vocabulary, message, category):
    assert vocabulary.kinds.read(message.lower()).category == category
    assert parse_message(message, vocabulary).slots.category == category


@pytest.mark.parametrize(
    "message", ["météo demain", "天气怎么样", "escríbeme un poema", "有黑色的吗\uff1f"]
)
def test_unrelated_foreign_words_read_no_kind(vocabulary, message):
    assert vocabulary.kinds.foreign.accepts(message)
    assert vocabulary.kinds.read(message) is None


@pytest.mark.parametrize(
    ("text", "foreign"),
    [
        ("écouteurs without fil", True),  # a letter English does not write
        ("sécateur", True),
        ("velas aromaticas", True),  # two words, none known
        ("dumbbells", False),  # a lone unknown word in English letters
        ("polaire kids", True),  # every word a French word (the dictionary), half English
        ("fleece jackt", False),  # one unknown word beside an English one
        ("trail running shoes for kids", False),
    ],
)
def test_which_messages_the_multilingual_reading_takes(vocabulary, text, foreign):
    assert vocabulary.kinds.foreign.accepts(text) is foreign


def test_a_foreign_kind_beside_rewritten_cues_is_read(vocabulary):
    parsed = parse_message("écouteurs sans fil à moins de 50 balles", vocabulary)
    assert parsed.cue_text.split()[1:3] == ["without", "fil"]  # the rest reads as English
    assert parsed.slots.category == "Electronics > Headphones"


def test_no_english_message_takes_the_multilingual_reading(vocabulary):
    english = load_utterances()
    taken = [
        u.text for u in english if vocabulary.kinds.foreign.accepts(vocabulary.normalise(u.text))
    ]
    assert taken == []


class _Spy:
    """A foreign reader that takes every message with CJK characters and notes what it read."""

    def __init__(self) -> None:
        self.read_texts: list[str] = []

    def accepts(self, text: str) -> bool:
        return any("\u4e00" <= c <= "\u9fff" for c in text)

    def read(self, text: str) -> KindMatch | None:
        self.read_texts.append(text)
        return KindMatch("Shoes > Running", text)


def test_english_message_keeps_the_english_reading(vocabulary):
    embedder, spy = HashingEmbedder(), _Spy()
    plain = KindMeanings(vocabulary.category_phrases, embedder)
    with_foreign = KindMeanings(vocabulary.category_phrases, embedder, spy)
    for message in ("a crossbody purse", "a warm sweater", "who won the football"):
        assert with_foreign.read(message) == plain.read(message)
    assert spy.read_texts == []
    assert with_foreign.read("跑鞋") == KindMatch("Shoes > Running", "跑鞋")


CAR_SEATS, GARDEN, CYCLING = "Baby > Car Seats", "Garden > Outdoor Furniture", "Sports > Cycling"


@pytest.mark.parametrize(
    ("message", "named", "head"),
    [
        # Spanish and French: the first window, the longest there ("silla de coche")
        ("silla de coche para bebé",
         [("bebé", 0.9, "Baby"), ("silla", 0.8, GARDEN), ("silla de coche", 0.7, CAR_SEATS)],
         "silla de coche"),
        ("casque de vélo", [("vélo", 0.9, "Toys"), ("casque", 0.7, CYCLING)], "casque"),
        # a longer window of the same kind, less similar, only adds a modifier
        ("casque rouge", [("casque", 0.8, CYCLING), ("casque rouge", 0.7, CYCLING)], "casque"),
        # Chinese: the window ending last; of those ending there, the most similar
        ("自行车头盔",
         [("自行车", 0.9, "Toys"), ("头盔", 0.7, CYCLING), ("车头盔", 0.68, "Toys")], "头盔"),
        ("夹克送给姐姐", [("夹克", 0.8, "Jackets"), ("夹克送", 0.7, "Jackets")], "夹克"),
        # the whole message: a last resort, unless it is as short as a window
        ("女款防水外套", [("防水", 0.7, "Jackets"), ("女款防水外套", 0.95, "Jackets")], "防水"),
        ("跑鞋", [("跑鞋", 0.9, "Running")], "跑鞋"),
    ],
)  # fmt: skip
def test_the_window_at_the_head_of_the_noun_phrase_names_the_kind(message, named, head):
    assert nearest_head(message, named) == head


def test_cjk_windows_break_at_particles():
    windows = foreign_windows("能装下16寸笔记本的双肩包")
    assert windows[0] == "能装下16寸笔记本的双肩包"  # the whole message first
    assert {"笔记本", "双肩包"} <= set(windows)
    assert not any("的" in w for w in windows[1:])
    assert foreign_windows("   的 ") == []


def test_multilingual_embedder_vectors():
    embedder = MultilingualEmbedder()
    vectors = embedder.embed(["running shoes", "跑鞋", "lunettes de soleil"])
    assert vectors.shape == (3, embedder.dimension)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert embedder.embed([]).shape == (0, embedder.dimension)


class _TableEmbedder:
    """Vectors looked up by text; any other text is unlike all of them."""

    dimension = 4

    def __init__(self, table: dict[str, tuple[float, ...]]) -> None:
        self.table = table

    def embed(self, texts):
        rows = np.array([self.table.get(t, (0.0, 0.0, 0.0, 1.0)) for t in texts], dtype=np.float32)
        rows = rows.reshape(len(texts), self.dimension)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


HANDBAGS, BACKPACKS = "Bags > Handbags", "Bags > Backpacks"


def test_product_names_decide_between_close_category_phrases():
    embedder = _TableEmbedder(
        {
            "sac à dos": (1.0, 0.0, 0.0, 0.0),
            "tote bag": (0.8, 0.6, 0.0, 0.0),  # the phrase alone: closer than "backpack"
            "backpack": (0.75, 0.0, 0.66, 0.0),
            "leather tote": (0.0, 1.0, 0.0, 0.0),
            "roll-top backpack": (0.95, 0.0, 0.31, 0.0),
        }
    )
    phrases = [("tote bag", HANDBAGS), ("backpack", BACKPACKS)]
    names = [("Wren Leather Tote", HANDBAGS), ("Wren Roll-Top Backpack 20L", BACKPACKS)]
    assert ForeignKindMeanings(phrases, embedder).read("sac à dos").category == HANDBAGS
    read = ForeignKindMeanings(phrases, embedder, names=names).read("sac à dos")
    assert read == KindMatch(BACKPACKS, "sac à dos")  # no phrase: no product name required


def test_name_tails_are_the_last_words_without_figures():
    names = [
        ("Carryall & Co. Metro Commuter Laptop Backpack 20L", BACKPACKS),
        ("Wren Roll-Top Backpack", BACKPACKS),
        ("Aurelle Luna Silver Pendant Necklace", "Jewellery > Necklaces"),
    ]
    assert name_tails(names, {BACKPACKS}) == {BACKPACKS: {"laptop backpack", "roll-top backpack"}}


def test_a_modifier_shared_with_product_names_stays_out_of_the_kind_window():
    embedder = _TableEmbedder(
        {
            "casque": (1.0, 0.0, 0.0, 0.0),
            "casque rouge": (0.9, 0.436, 0.0, 0.0),
            "helmet": (1.0, 0.0, 0.0, 0.0),
            "red helmet": (0.6, 0.8, 0.0, 0.0),  # closer to "casque rouge" than to "casque"
        }
    )
    meanings = ForeignKindMeanings([("helmet", CYCLING)], embedder, names=[("Red Helmet", CYCLING)])
    assert meanings.read("casque rouge") == KindMatch(CYCLING, "casque")


BAG_TABLE = {
    "sac": (0.8, 0.6, 0.0, 0.0),  # the window alone: a tote bag
    "tote bag": (0.8, 0.6, 0.0, 0.0),
    "backpack": (0.6, 0.0, 0.8, 0.0),
    "Wren Leather Tote": (0.8, 0.6, 0.0, 0.0),
    "leather tote": (0.8, 0.6, 0.0, 0.0),  # the names' endings
    "laptop backpack": (0.6, 0.0, 0.8, 0.0),
}
LAPTOP_BACKPACKS = [(f"{brand} Laptop Backpack", BACKPACKS) for brand in ("Wren", "Alder", "Kite")]


def _bag_meanings(whole: tuple[float, ...], backpack_names: tuple[float, ...]):
    table = {**BAG_TABLE, "sac à dos pour pc": whole}
    table.update({name: backpack_names for name, _ in LAPTOP_BACKPACKS})
    names = [("Wren Leather Tote", HANDBAGS), *LAPTOP_BACKPACKS]
    phrases = [("tote bag", HANDBAGS), ("backpack", BACKPACKS)]
    return ForeignKindMeanings(phrases, _TableEmbedder(table), names=names)


def test_the_products_nearest_the_message_overrule_a_window_of_another_kind():
    meanings = _bag_meanings(whole=(0.0, 0.0, 1.0, 0.0), backpack_names=(0.0, 0.0, 1.0, 0.0))
    # the nearest three products are backpacks; the words naming them: the window nearest
    # the backpack phrase
    assert meanings.read("sac à dos pour pc") == KindMatch(BACKPACKS, "sac")


def test_products_barely_like_the_message_leave_the_window_reading():
    meanings = _bag_meanings(whole=(0.0, 0.0, 0.3, 0.954), backpack_names=(0.0, 0.0, 1.0, 0.0))
    assert meanings.read("sac à dos pour pc") == KindMatch(HANDBAGS, "sac")  # 0.3 < 0.35


def test_the_nearest_products_name_a_kind_no_window_names():
    table = {"draisienne": (0.0, 0.0, 1.0, 0.0), "Kite Balance Bike": (0.0, 0.0, 0.9, 0.436)}
    phrases = [("balance bike", "Toys > Outdoor Play"), ("tote bag", HANDBAGS)]
    meanings = ForeignKindMeanings(
        phrases, _TableEmbedder(table), names=[("Kite Balance Bike", "Toys > Outdoor Play")]
    )
    assert meanings.read("draisienne") == KindMatch("Toys > Outdoor Play", "draisienne")


@pytest.mark.parametrize(
    ("message", "category"),
    [
        # English words in the message name a category; the products nearest it are another
        ("lampes solaires de jardin", "Garden > Lighting"),  # not desk lamps
        ("auriculares con cable", "Electronics > Headphones"),  # not cables
        # ...or the same, and the English reading stands
        ("lampe de bureau", "Office > Desk Lamps"),
        ("cable usb-c", "Electronics > Chargers & Cables"),
        ("collar para perro", "Pet Supplies > Leashes & Collars"),
    ],
)
def test_the_nearest_products_check_a_kind_named_in_english_words(vocabulary, message, category):
    assert parse_message(message, vocabulary).slots.category == category
