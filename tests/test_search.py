from decimal import Decimal

import pytest

from catalog.request import SearchRequest
from catalog.search import ProductSearch


@pytest.fixture
def sessions(catalog_sessions):
    """Every search test runs on SQLite and on PostgreSQL (pgvector)."""
    return catalog_sessions


@pytest.fixture
def search(sessions, embedder, add_products):
    add_products(
        {
            "name": "Swift Running Shoe",
            "category": "Shoes > Running",
            "price": 80,
            "colour": "black",
            "audience": "men",
            "sizes": "|9|10|",
            "brand": "Stride",
        },
        {
            "name": "Swift Running Shoe Blue",
            "category": "Shoes > Running",
            "price": 70,
            "colour": "blue",
            "audience": "men",
            "sizes": "|10|",
            "brand": "Stride",
        },
        {
            "name": "Glide Running Shoe",
            "category": "Shoes > Running",
            "price": 120,
            "colour": "black",
            "audience": "women",
            "sizes": "|7|",
            "brand": "Nimbus",
        },
        {
            "name": "Trail Running Shoe",
            "category": "Shoes > Running",
            "price": 60,
            "colour": "black",
            "audience": "unisex",
            "sizes": "|10|",
            "brand": "Nimbus",
        },
        {
            "name": "Sold Out Running Shoe",
            "category": "Shoes > Running",
            "price": 50,
            "colour": "black",
            "audience": "men",
            "stock": 0,
        },
        {
            "name": "Rain Jacket",
            "category": "Apparel > Jackets",
            "price": 90,
            "colour": "black",
            "description": "waterproof shell for hiking",
        },
        {
            "name": "Sporty Wrap Sunglasses",
            "category": "Accessories > Sunglasses",
            "price": 30,
            "description": "sporty wraparound lenses",
        },
        {
            "name": "Classic Round Sunglasses",
            "category": "Accessories > Sunglasses",
            "price": 35,
            "description": "classic summer style",
        },
    )
    return ProductSearch(sessions, embedder)


def names(hits):
    return [h.product.name for h in hits]


def test_filters_are_hard_constraints(search):
    hits = search.search(
        SearchRequest(
            category="Shoes > Running", colours=("black",), audience="men", price_max=Decimal("100")
        ),
        10,
    )
    assert sorted(names(hits)) == ["Swift Running Shoe", "Trail Running Shoe"]


def test_out_of_stock_hidden_unless_asked(search):
    request = SearchRequest(category="Shoes > Running", price_max=Decimal("55"))
    assert search.search(request, 10) == []
    assert names(search.search(request.but(in_stock_only=False), 10)) == ["Sold Out Running Shoe"]


def test_parent_category_includes_children_only(search):
    hits = search.search(SearchRequest(category="Shoes"), 10)
    assert len(hits) == 4 and all(h.product.category.startswith("Shoes >") for h in hits)


def test_brand_size_and_exclusions(search):
    base = SearchRequest(category="Shoes > Running")
    assert set(names(search.search(base.but(brands=("nimbus",)), 10))) == {
        "Glide Running Shoe",
        "Trail Running Shoe",
    }
    without_nimbus = search.search(base.but(excluded_brands=("Nimbus",)), 10)
    assert "Glide Running Shoe" not in names(without_nimbus)
    assert set(names(search.search(base.but(sizes=("9",)), 10))) == {"Swift Running Shoe"}
    assert all(
        h.product.colour != "black"
        for h in search.search(base.but(excluded_colours=("black",)), 10)
    )


def test_similarity_ranks_within_filters(search):
    hits = search.search(SearchRequest(terms=("waterproof", "jacket", "hiking")), 3)
    assert names(hits)[0] == "Rain Jacket"


def test_excluded_term_pushes_matches_down(search):
    request = SearchRequest(category="Accessories > Sunglasses", terms=("sunglasses",))
    assert (
        names(search.search(request.but(excluded_terms=("sporty",)), 2))[0]
        == "Classic Round Sunglasses"
    )


def test_no_text_ranks_by_rating_and_limit_applies(search):
    hits = search.search(SearchRequest(category="Shoes > Running"), 2)
    assert len(hits) == 2


def test_unrelated_free_text_finds_nothing_with_a_threshold(sessions, embedder, search):
    strict = ProductSearch(sessions, embedder, min_similarity=0.5)
    assert strict.search(SearchRequest(terms=("quantum", "teleporter")), 5) == []
    assert strict.search(SearchRequest(terms=("rain", "jacket")), 5)
