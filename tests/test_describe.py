"""What an introduction may say of the products it introduces."""

from assistant.facts.describe import borne_out_by_all, describe_request
from catalog.models import Product
from catalog.request import SearchRequest


def product(name: str, **attributes: object) -> Product:
    return Product(
        name=name, category="Electronics > Headphones", description="", attributes=attributes
    )


WIRED = product("Studio 9 Closed-Back Wired Headphones", wireless=False, noise_cancelling=False)
ANC = product("Minim Over-Ear Headphones", wireless=True, noise_cancelling=True)
REQUEST = SearchRequest(category="Electronics > Headphones", terms=("noise-cancelling", "wireless"))


def test_words_every_product_bears_out_are_kept() -> None:
    kept = borne_out_by_all(REQUEST, [ANC, ANC])
    assert describe_request(kept) == "noise-cancelling wireless headphones"


def test_a_word_one_product_contradicts_is_not_said_of_them_all() -> None:
    assert describe_request(borne_out_by_all(REQUEST, [ANC, WIRED])) == "headphones"


def test_a_number_must_match_too() -> None:
    tents = SearchRequest(category="Sports & Outdoors > Tents", terms=("4-person",))
    two = Product(name="Meadow 2-Person Tent", category=tents.category, description="")
    four = Product(name="Hideout 4-Person Tent", category=tents.category, description="")
    assert borne_out_by_all(tents, [four]).terms == ("4-person",)
    assert borne_out_by_all(tents, [four, two]).terms == ()
