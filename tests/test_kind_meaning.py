"""Product kinds read by meaning in English: which categories can be read, and which words."""

from assistant.understanding.kind_meaning import KindMeanings, leaf_phrases
from evaluation.fakes import HashingEmbedder

FLAT = [("office products", "Office Products"), ("microphone", "Cellphones & Accessories")]


def test_a_broad_top_level_is_never_read_but_a_flat_catalog_reads_its_categories():
    nested = [("sports outdoors", "Sports & Outdoors"), ("camping", "Sports & Outdoors > Camping")]
    assert leaf_phrases(nested) == [("camping", "Sports & Outdoors > Camping")]
    assert leaf_phrases(FLAT) == FLAT  # the MG-ShopDial items: no sub-categories at all


def test_words_after_for_name_a_use_not_the_product():
    kinds = KindMeanings(FLAT, HashingEmbedder())
    found = kinds.read("a microphone")
    assert found is not None and found.category == "Cellphones & Accessories"
    assert kinds.read("noise cancelling headphones for the open plan office") is None
    something = kinds.read("office products")
    assert something is not None and something.category == "Office Products"


def test_only_a_window_that_means_the_phrase_itself_narrows_the_kind():
    kinds = KindMeanings(FLAT, HashingEmbedder())
    mic = kinds.read("a microphone for podcasts")
    assert mic is not None and mic.phrase == "microphone"  # shows microphones only
    office = kinds.read("office")  # 0.71 to "office products": near, not the same
    assert office is not None and office.category == "Office Products" and office.phrase is None
