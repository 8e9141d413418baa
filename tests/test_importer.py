"""The product importer: formats, field mappings, rejections with line numbers, upserts, CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalog.cli import main
from catalog.db import create_schema, make_engine, session_factory
from catalog.embedding import from_bytes
from catalog.importer import embed_missing, import_file
from catalog.mapping import (
    FieldMapping,
    convert_audience,
    convert_category_tree,
    convert_key_value_specs,
    convert_number,
    convert_slug,
    load_mapping,
)
from catalog.models import Order, OrderLine, OrderStatus, Product, Review, Shopper
from catalog.readers import ImportFileError
from catalog.request import SearchRequest
from catalog.search import ProductSearch
from evaluation.fakes import HashingEmbedder

HEADER = "sku,name,brand,category,price,currency,colour,sizes,description,internal_note\n"


class CountingEmbedder:
    """HashingEmbedder that records every call, to prove what was (re-)embedded."""

    def __init__(self) -> None:
        self._inner = HashingEmbedder()
        self.dimension = self._inner.dimension
        self.calls: list[list[str]] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return self._inner.embed(texts)

    @property
    def texts(self) -> int:
        return sum(len(call) for call in self.calls)


@pytest.fixture
def database_url(catalog_url: str) -> str:
    """Every importer test runs on SQLite and on PostgreSQL."""
    return catalog_url


@pytest.fixture
def session(database_url: str) -> Iterator[Session]:
    engine = make_engine(database_url)
    create_schema(engine)
    with session_factory(engine)() as session:
        yield session
    engine.dispose()


@pytest.fixture
def embedder() -> CountingEmbedder:
    return CountingEmbedder()


def _product(session: Session, sku: str) -> Product:
    return session.scalars(select(Product).where(Product.sku == sku)).one()


def _count(session: Session) -> int:
    return session.scalar(select(func.count(Product.id))) or 0


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _record(sku: str, **changes: object) -> dict:
    record = {
        "sku": sku,
        "name": f"Trail runner {sku}",
        "brand": "Stride",
        "category": "Shoes > Running",
        "price": 89.5,
        "currency": "USD",
        "colour": "Blue",
        "sizes": ["8", "9", "10"],
        "audience": "women",
        "stock": 4,
        "description": "Light trail shoe.",
        "rating": 4.4,
        "attributes": {"waterproof": True},
    }
    return {**record, **changes}


# --- happy paths ------------------------------------------------------------------------------


def test_csv_import_maps_validates_and_embeds(session, embedder, tmp_path):
    path = tmp_path / "products.csv"
    path.write_text(
        HEADER
        + 'A1,Trail runner,Stride,Shoes > Running,89.50,usd,Blue,S|M|L,"Grippy.\nLight.",x\n'
        + 'A2,Rain jacket,Nimbus,Clothing > Jackets,120,EUR,,,"A ""shell"".",y\n',
        encoding="utf-8",
    )
    report = import_file(session, path, embedder, progress=False)
    assert (report.created, report.rejected, report.embedded) == (2, [], 2)
    shoe = _product(session, "A1")
    assert (shoe.price, shoe.currency, shoe.colour, shoe.sizes) == (
        Decimal("89.50"),
        "USD",
        "blue",
        "|S|M|L|",
    )
    assert shoe.size_list == ["S", "M", "L"] and shoe.description == "Grippy.\nLight."
    assert len(from_bytes(shoe.embedding)) == embedder.dimension
    assert len(shoe.content_hash) == 64
    jacket = _product(session, "A2")
    assert (jacket.colour, jacket.sizes, jacket.description) == (None, None, 'A "shell".')


def test_json_array_import_stores_reviews_and_ignores_unknown_keys(session, embedder, tmp_path):
    reviews = [
        {"author": "Ana", "rating": 5, "text": "Great"},
        {"author": "Bo", "rating": 3, "text": "Runs small"},
    ]
    path = tmp_path / "products.json"
    path.write_text(
        json.dumps([_record("J1", reviews=reviews, warehouse_bin="B7"), _record("J2")]),
        encoding="utf-8",
    )
    report = import_file(session, path, embedder, progress=False)
    assert (report.created, report.unit, report.rejected) == (2, "record", [])
    product = _product(session, "J1")
    assert sorted(r.author for r in product.reviews) == ["Ana", "Bo"]
    assert product.review_count == 2 and product.attributes == {"waterproof": True}
    assert _product(session, "J2").review_count == 0


def test_jsonl_import(session, embedder, tmp_path):
    path = _jsonl(tmp_path / "products.jsonl", [_record(f"L{i}") for i in range(5)])
    report = import_file(session, path, embedder, progress=False, batch_size=2)
    assert (report.created, report.embedded, len(embedder.calls)) == (5, 5, 3)
    product = _product(session, "L3")
    assert (product.audience, product.stock, product.rating) == ("women", 4, 4.4)


# --- rejections -------------------------------------------------------------------------------


def test_csv_rejects_bad_rows_with_their_physical_line_numbers(session, embedder, tmp_path):
    path = tmp_path / "products.csv"
    huge = "x" * 9000
    rows = [
        'G1,Good one,B,Cat,10,USD,red,,"three\nline\ndescription",n',  # lines 2-4
        "P1,No price,B,Cat,,USD,red,,d,n",  # line 5
        "P2,Negative,B,Cat,-5,USD,red,,d,n",  # line 6
        "P3,Words,B,Cat,cheap,USD,red,,d,n",  # line 7
        ",No sku,B,Cat,10,USD,red,,d,n",  # line 8
        "G1,Duplicate,B,Cat,11,USD,red,,d,n",  # line 9
        "E1,Caf\xff,B,Cat,10,USD,red,,d,n",  # line 10 (bad byte)
        f"H1,Huge,B,Cat,10,USD,red,,{huge},n",  # line 11
        "G2,Good two,B,Cat,12.5,USD,red,,d,n",  # line 12
    ]
    text = HEADER + "\n".join(rows) + "\n"
    path.write_bytes(text.encode("utf-8").replace("\xff".encode(), b"\xff"))
    report = import_file(session, path, embedder, progress=False)
    rejected = dict(report.rejected)
    assert sorted(rejected) == [5, 6, 7, 8, 9, 10]
    assert rejected[5] == "price is missing"
    assert rejected[6].startswith("price should be greater than or equal to 0")
    assert rejected[7] == "price is not a number ('cheap')"
    assert rejected[8] == "sku is missing"
    assert rejected[9] == "duplicate SKU 'G1' (first seen on line 2)"
    assert "byte 0xff" in rejected[10] and "'name'" in rejected[10]
    assert report.created == 3 and _count(session) == 3
    assert len(_product(session, "H1").description) == 5000
    assert (11, "description truncated from 9,000 to 5,000 characters") in report.notes
    assert _product(session, "G1").name == "Good one"


def test_jsonl_rejects_broken_lines_and_keeps_the_rest(session, embedder, tmp_path):
    lines = [
        json.dumps(_record("K1")).encode(),
        b"",
        b"{not json",
        json.dumps(_record("K2", name="Caf\u00e9")).encode().replace(b"\\u00e9", b"\xe9"),
        b"[1, 2]",
        json.dumps(_record("K3", price=None)).encode(),
        json.dumps(_record("K4", currency="EURO", rating=7)).encode(),
        json.dumps(_record("K5")).encode(),
    ]
    path = tmp_path / "products.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    report = import_file(session, path, embedder, progress=False)
    rejected = dict(report.rejected)
    assert sorted(rejected) == [3, 4, 5, 6, 7]
    assert rejected[3].startswith("not valid JSON")
    assert rejected[4].startswith("not valid utf-8: byte 0xe9")
    assert rejected[5] == "not a JSON object"
    assert rejected[6] == "price is missing"
    assert "currency must be a 3-letter code" in rejected[7] and "rating should be" in rejected[7]
    assert report.created == 2


def test_json_rejections_name_the_record(session, embedder, tmp_path):
    path = tmp_path / "products.json"
    records = [_record("R1"), _record("R2", price="NaN"), "oops", _record("R1")]
    path.write_text(json.dumps(records), encoding="utf-8")
    report = import_file(session, path, embedder, progress=False)
    assert report.rejected == [
        (2, "price should be a finite number (got 'NaN')"),
        (3, "not a JSON object"),
        (4, "duplicate SKU 'R1' (first seen on record 1)"),
    ]
    assert "rejected record 3: not a JSON object" in report.details()


def test_unreadable_json_file_is_a_file_error(session, embedder, tmp_path):
    path = tmp_path / "products.json"
    path.write_text("[{", encoding="utf-8")
    with pytest.raises(ImportFileError, match="not valid JSON"):
        import_file(session, path, embedder, progress=False)


# --- upserts ----------------------------------------------------------------------------------


def test_reimporting_an_unchanged_file_changes_and_embeds_nothing(session, embedder, tmp_path):
    path = _jsonl(tmp_path / "p.jsonl", [_record(f"U{i}") for i in range(4)])
    import_file(session, path, embedder, progress=False)
    session.commit()
    calls = len(embedder.calls)
    report = import_file(session, path, embedder, progress=False)
    assert (report.created, report.updated, report.unchanged, report.embedded) == (0, 0, 4, 0)
    assert len(embedder.calls) == calls and _count(session) == 4


def test_changed_price_updates_only_that_product(session, embedder, tmp_path):
    records = [_record(f"C{i}") for i in range(4)]
    path = _jsonl(tmp_path / "p.jsonl", records)
    import_file(session, path, embedder, progress=False)
    session.commit()
    before = {p.sku: p.content_hash for p in session.scalars(select(Product))}
    records[2]["price"] = 79.0
    records[3]["description"] = "Now with a rock plate."
    _jsonl(path, records)
    embedder.calls.clear()
    report = import_file(session, path, embedder, progress=False)
    assert (report.created, report.updated, report.unchanged) == (0, 2, 2)
    assert embedder.calls == [[embedder.calls[0][0]]] and "rock plate" in embedder.calls[0][0]
    assert _product(session, "C2").price == Decimal("79.00")
    after = {p.sku: p.content_hash for p in session.scalars(select(Product))}
    assert [sku for sku in before if before[sku] != after[sku]] == ["C2", "C3"]


def test_changed_reviews_are_replaced(session, embedder, tmp_path):
    path = _jsonl(
        tmp_path / "p.jsonl",
        [_record("V1", reviews=[{"author": "Ana", "rating": 5, "text": "Great"}])],
    )
    import_file(session, path, embedder, progress=False)
    session.commit()
    _jsonl(path, [_record("V1", reviews=[{"author": "Cy", "rating": 2, "text": "Meh"}])])
    report = import_file(session, path, embedder, progress=False)
    session.commit()
    assert report.updated == 1
    assert [r.author for r in session.scalars(select(Review))] == ["Cy"]


def test_a_new_embedder_dimension_reembeds_unchanged_products(session, embedder, tmp_path):
    path = _jsonl(tmp_path / "p.jsonl", [_record("D1")])
    import_file(session, path, HashingEmbedder(dimension=16), progress=False)
    report = import_file(session, path, embedder, progress=False)
    assert (report.unchanged, report.embedded) == (1, 1)
    assert len(from_bytes(_product(session, "D1").embedding)) == embedder.dimension


def test_columns_the_mapping_does_not_use_are_noted_once(session, embedder, tmp_path):
    path = _jsonl(
        tmp_path / "p.jsonl",
        [
            _record("N1"),
            _record("N2", warehouse="B7"),
            _record("N3", warehouse="B8", colour_code=3),
        ],
    )
    report = import_file(session, path, embedder, progress=False)
    assert report.created == 3
    assert report.notes == [
        (2, "ignored, not in the mapping: warehouse"),
        (3, "ignored, not in the mapping: colour_code"),
    ]


def test_reimport_with_delete_missing_removes_only_what_the_file_dropped(
    session, embedder, tmp_path
):
    path = _jsonl(tmp_path / "p.jsonl", [_record(f"M{i}") for i in range(5)])
    import_file(session, path, embedder, progress=False)
    shopper = Shopper(handle="ana", name="Ana")
    session.add(shopper)
    session.flush()
    ordered = _product(session, "M1")
    session.add(
        Order(
            number="O-1",
            shopper_id=shopper.id,
            status=OrderStatus.PLACED,
            placed_at=datetime(2026, 1, 1),
            lines=[OrderLine(product_id=ordered.id, quantity=1, unit_price=1)],
        )
    )
    session.commit()
    # M0 stays, M1 (ordered) and M2 leave the file, M3's row is now broken, M4 stays
    _jsonl(path, [_record("M0"), _record("M3", price=-1), _record("M4")])
    report = import_file(session, path, embedder, progress=False, delete_missing_products=True)
    session.commit()
    assert report.rejected == [(2, "price should be greater than or equal to 0 (got -1)")]
    assert (report.deleted, report.retired) == (1, ["M1"])
    assert sorted(session.scalars(select(Product.sku))) == ["M0", "M1", "M3", "M4"]
    assert _product(session, "M1").stock == 0
    assert any("M1" in line for line in report.details())


def test_import_without_embedding_then_embed_missing(session, embedder, tmp_path):
    path = _jsonl(tmp_path / "p.jsonl", [_record(f"E{i}") for i in range(3)])
    report = import_file(session, path, None, progress=False)
    assert (report.created, report.embedded, embedder.calls) == (3, 0, [])
    assert embed_missing(session, embedder, batch_size=2, progress=False) == 3
    assert len(embedder.calls) == 2
    assert all(
        len(from_bytes(p.embedding)) == embedder.dimension for p in session.scalars(select(Product))
    )
    assert embed_missing(session, embedder, progress=False) == 0


def test_reimported_price_and_stock_reach_the_next_search(session, embedder, tmp_path):
    records = [_record("P0", name="Trail runner"), _record("P1", name="Road runner")]
    path = _jsonl(tmp_path / "p.jsonl", records)
    import_file(session, path, embedder, progress=False)
    session.commit()
    search = ProductSearch(session_factory(session.get_bind()), embedder)
    request = SearchRequest(terms=("runner",), price_max=Decimal("80"))
    assert search.search(request, 5) == []
    records[0]["price"], records[1]["stock"] = 59.0, 0
    _jsonl(path, records)
    embedder.calls.clear()
    report = import_file(session, path, embedder, progress=False)
    session.commit()
    assert (report.updated, embedder.calls) == (2, [])  # price and stock: nothing re-embedded
    assert [h.product.sku for h in search.search(request.but(price_max=None), 5)] == ["P0"]
    assert search.search(request, 5)[0].product.price == Decimal("59.00")


# --- mappings and converters ------------------------------------------------------------------

MAPPING_YAML = """
description: test export
fields:
  sku: [item_id, uuid]
  name: title
  category: {from: tree | category_tree, default: misc}
  price:
    from: [sale | number, list_price | number]
    null_if: [0]
  currency: {default: INR}
  colour: specs | key_value_specs | pick:Color
  audience: specs | key_value_specs | pick:Ideal For | audience
  attributes: specs | key_value_specs
  rating: {from: stars | number}
  image: pics | python_list_first
  stock: {default: 3}
"""

MAPPED_CSV = (
    "item_id,uuid,title,tree,sale,list_price,specs,stars,pics,ignored\n"
    'S1,u1,Kurta,"[""Clothing >> Women >> Kurtas""]",0,1299,'
    '"{""product_specification""=>[{""key""=>""Color"", ""value""=>""Red""}, '
    '{""key""=>""Ideal For"", ""value""=>""Women\'s""}]}",No rating available,'
    '"[""http://img/1.jpg"", ""http://img/2.jpg""]",z\n'
    ",u2,Sandal,\"['footwear', 'men']\",\"Rs. 1,499\",2000,[],4.5,,z\n"
    "S3,u3,Mug,,0,0,[],,,z\n"
)


def test_yaml_mapping_with_fallbacks_converters_and_defaults(session, embedder, tmp_path):
    mapping_file = tmp_path / "shop.yaml"
    mapping_file.write_text(MAPPING_YAML, encoding="utf-8")
    path = tmp_path / "export.csv"
    path.write_text(MAPPED_CSV, encoding="utf-8")
    report = import_file(
        session, path, embedder, mapping=load_mapping(mapping_file), progress=False
    )
    assert report.rejected == [(4, "price is missing")]
    kurta = _product(session, "S1")
    assert (kurta.category, kurta.price, kurta.currency, kurta.colour, kurta.audience) == (
        "Clothing > Women > Kurtas",
        Decimal("1299.00"),
        "INR",
        "red",
        "women",
    )
    assert (kurta.rating, kurta.image, kurta.stock) == (None, "http://img/1.jpg", 3)
    assert kurta.attributes == {"Color": "Red", "Ideal For": "Women's"}
    sandal = _product(session, "u2")
    assert (sandal.category, sandal.price, sandal.rating) == (
        "footwear > men",
        Decimal("1499.00"),
        4.5,
    )


def test_map_overrides_replace_single_fields(session, embedder, tmp_path):
    mapping_file = tmp_path / "shop.yaml"
    mapping_file.write_text(MAPPING_YAML, encoding="utf-8")
    mapping = load_mapping(
        mapping_file, ["price=list_price", "sku=uuid", "category={default: Sale}", "colour="]
    )
    path = tmp_path / "export.csv"
    path.write_text(MAPPED_CSV, encoding="utf-8")
    report = import_file(session, path, embedder, mapping=mapping, progress=False)
    assert report.rejected == [] and report.created == 3
    kurta = _product(session, "u1")
    assert (kurta.price, kurta.category, kurta.colour) == (Decimal("1299.00"), "Sale", None)


def test_identity_mapping_is_the_default():
    mapping = FieldMapping.identity()
    assert mapping.fields["price"].resolve({"price": " 12 "}) == "12"
    assert mapping.with_overrides(["price=cost"]).fields["price"].columns == ["cost"]


@pytest.mark.parametrize(
    "spec, message",
    [
        ({"fields": {"prize": "price"}}, "unknown fields"),
        ({"fields": {"price": "price | money"}}, "unknown converter 'money'"),
        ({"fields": {"colour": "specs | pick"}}, "pick needs a key"),
    ],
)
def test_bad_mappings_fail_when_loaded(spec, message):
    with pytest.raises(ValueError, match=message):
        FieldMapping.model_validate(spec)


def test_missing_required_column_fails_before_importing(session, embedder, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("sku,name,category,cost\nA,B,C,1\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="price from price"):
        import_file(session, path, embedder, progress=False)


def test_converters():
    assert convert_number("1,299.00") == Decimal("1299.00")
    assert convert_number("Rs. 499") == Decimal("499")
    assert convert_number("No rating available") is None
    with pytest.raises(ValueError, match="as a number"):
        convert_number("cheap")
    assert convert_category_tree('["A >> B >> C >> D"]', "3") == "A > B > C"
    assert convert_category_tree("['kitchen  dining', 'cups']") == "kitchen dining > cups"
    assert convert_category_tree("['just a product name']", "2-3") is None
    assert convert_key_value_specs(
        '{"product_specification"=>[{"key"=>"Type", "value"=>"Bellies"}, {"value"=>"1 pair"}]}'
    ) == {"Type": "Bellies", "Other": "1 pair"}
    assert convert_key_value_specs("{'key': 'Color', 'value': 'Red'}") == {"Color": "Red"}
    assert [
        convert_audience(v)
        for v in ("Women's", "Men, Boys", "Boys, Girls", "Men, Women", "Baby Girl's", "Dog")
    ] == ["women", "men", "kids", "unisex", "kids", None]


def test_slug_is_a_short_stable_sku_that_keeps_long_names_apart():
    assert convert_slug(" Dune (Penguin  Galaxy)") == convert_slug("Dune (Penguin Galaxy)")
    assert convert_slug("Dune (Penguin Galaxy)").startswith("dune-penguin-galaxy-")
    long_name = "Portable 40 Inch Aluminum Alloy Selfie Stick Phone Tripod"
    first, second = convert_slug(long_name + " black"), convert_slug(long_name + " white")
    assert first != second and len(first) <= 64 and len(second) <= 64
    assert convert_slug("   ") is None and len(convert_slug("€€€")) == 8


def test_join_keeps_every_source_that_has_a_value():
    source = FieldMapping.model_validate(
        {"fields": {"description": {"from": ["facts", "blurb | python_list_first"], "join": " / "}}}
    ).fields["description"]
    assert source.resolve({"facts": "Genre: Crime", "blurb": "['A thriller']"}) == (
        "Genre: Crime / A thriller"
    )
    assert source.resolve({"facts": "", "blurb": "A thriller"}) == "A thriller"
    assert source.resolve({}) is None


# --- the command line -------------------------------------------------------------------------


def test_cli_import_prints_the_report_and_exits_0(database_url, tmp_path, capsys):
    path = tmp_path / "products.csv"
    path.write_text(
        HEADER + "Z1,Shoe,B,Cat,10,USD,red,,d,n\nZ2,Bad,B,Cat,,USD,red,,d,n\n", encoding="utf-8"
    )
    code = main(
        [
            "import",
            str(path),
            "--database-url",
            database_url,
            "--no-progress",
            "--map",
            "brand=internal_note",
        ],
        make_embedder=HashingEmbedder,
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "rejected line 3: price is missing" in out and "created 1" in out
    engine = make_engine(database_url)
    with session_factory(engine)() as session:
        assert _product(session, "Z1").brand == "n"
    engine.dispose()


def test_cli_reports_unusable_files_with_exit_1(database_url, tmp_path, capsys):
    code = main(
        ["import", str(tmp_path / "missing.csv"), "--database-url", database_url],
        make_embedder=HashingEmbedder,
    )
    assert code == 1 and "no such file" in capsys.readouterr().err
