from assistant.understanding.languages import english_words
from assistant.understanding.parsing import parse_message
from assistant.understanding.vocabulary import CatalogVocabulary, product_nouns

PRODUCTS = [
    ("Summitcraft Ridge 2-Person Dome Tent", "Sports & Outdoors > Camping"),
    ("Kiruna Outdoor Trek 3 Tent with Footprint", "Sports & Outdoors > Camping"),
    ("Arcwave Sprint True Wireless Earbuds", "Electronics > Headphones"),
    ("Quillon Minim Wireless Earbuds with Charging Case", "Electronics > Headphones"),
    ("Helix Labs Tab 10 Tablet", "Electronics > Tablets"),
    ("Copperleaf Tablet Stand", "Office > Desk Accessories"),
]
VOCAB = CatalogVocabulary.from_catalog(
    ["Arcwave"], {category for _, category in PRODUCTS} | {"Shoes > Running"}, PRODUCTS
)


def test_product_names_teach_the_nouns_of_a_category():
    nouns = product_nouns(PRODUCTS)
    assert nouns["tent"] == nouns["tents"] == "Sports & Outdoors > Camping"
    assert nouns["earbuds"] == "Electronics > Headphones"
    assert "stand" not in nouns  # one product only


def test_a_long_marketplace_title_teaches_the_noun_before_its_list_of_features():
    titles = [
        ("Amazon Basics Copy Printer Paper, 8.5 x 11 Inch, 1 Ream", "Office Products"),
        ("HP Printer Paper | 8.5 x 11 Paper | BrightWhite 24 lb", "Office Products"),
        ("Brightloom Slimcell 10,000mAh Power Bank", "Electronics"),
        ("Corvid Tank 20,000mAh Power Bank", "Electronics"),
    ]
    nouns = product_nouns(titles)
    assert nouns["paper"] == nouns["printer paper"] == "Office Products"
    assert nouns["power bank"] == "Electronics"  # a comma inside a number cuts nothing


def test_nouns_find_categories_shoppers_name_by_item():
    assert parse_message("a tent for two", VOCAB).slots.category == "Sports & Outdoors > Camping"
    assert parse_message("cheap earbuds", VOCAB).slots.category == "Electronics > Headphones"


def test_slips_are_corrected_but_real_words_are_not():
    assert VOCAB.normalise("Runnign shoes in blak") == "running shoes in black"
    assert VOCAB.normalise("drop table") == "drop table"  # "table" is a word, not "tablet"
    assert VOCAB.normalise("the weather") == "the weather"  # a replaced letter is no slip
    assert VOCAB.normalise("some kicks") == "some sneakers"  # a synonym
    assert "table" in english_words() and "runnign" not in english_words()
