"""The real Flipkart export (../shared/data/flipkart) through the bundled flipkart mapping."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.cli import main
from catalog.db import create_schema, make_engine, session_factory
from catalog.importer import ImportReport, import_file
from catalog.mapping import load_mapping
from catalog.models import Product
from evaluation.fakes import HashingEmbedder

FLIPKART_CSV = Path(__file__).resolve().parents[2] / "shared/data/flipkart/products.csv"

pytestmark = pytest.mark.skipif(
    not FLIPKART_CSV.exists(), reason=f"Flipkart export not found at {FLIPKART_CSV}"
)


def _records() -> list[dict[str, str]]:
    with FLIPKART_CSV.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _unpriced() -> set[str]:
    """uniq_id of the listings with neither a discounted nor a retail price."""
    return {
        r["uniq_id"]
        for r in _records()
        if float(r["discounted_price"] or 0) == 0 == float(r["retail_price"] or 0)
    }


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Session, ImportReport]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('flipkart') / 'catalog.sqlite'}"
    engine = make_engine(url)
    create_schema(engine)
    with session_factory(engine)() as session:
        report = import_file(
            session,
            FLIPKART_CSV,
            HashingEmbedder(),
            mapping=load_mapping("flipkart"),
            progress=False,
        )
        session.commit()
        yield session, report
    engine.dispose()


def test_every_record_is_imported_or_rejected_with_a_reason(imported):
    session, report = imported
    assert report.created + len(report.rejected) == len(_records())
    assert report.created == len(session.scalars(select(Product.id)).all())
    assert report.created > 900
    lines = FLIPKART_CSV.read_text(encoding="utf-8").splitlines()
    unpriced = _unpriced()
    for line, reason in report.rejected:
        assert line > 1 and reason
        assert lines[line - 1].split(",", 1)[0] in unpriced, (line, reason)
    assert {reason for _, reason in report.rejected} <= {"price is missing"}


def test_converted_fields(imported):
    session, _ = imported
    first = _records()[0]
    product = session.scalars(select(Product).where(Product.sku == first["pid"])).one()
    assert product.price == Decimal(first["discounted_price"]).quantize(Decimal("0.01"))
    assert product.price != Decimal(first["retail_price"])
    assert (product.currency, product.colour, product.audience) == ("INR", "red", "women")
    assert product.category == "footwear > womens footwear > ballerinas"
    assert product.image.startswith("http") and not product.image.startswith("[")
    assert product.attributes["Outer Material"] == "Patent Leather"
    products = session.scalars(select(Product)).all()
    assert sum(" > " in p.category for p in products) > 900
    assert {p.currency for p in products} == {"INR"}
    assert all(p.rating is None or 1 <= p.rating <= 5 for p in products)
    assert all(p.embedding for p in products)


def test_cli_with_the_bundled_mapping_name(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    assert (
        main(
            [
                "import",
                str(FLIPKART_CSV),
                "--mapping",
                "flipkart",
                "--database-url",
                url,
                "--no-progress",
            ],
            make_embedder=HashingEmbedder,
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "price is missing" in out and f"rejected {len(_unpriced())};" in out
