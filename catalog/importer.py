"""Import products from CSV, JSON or JSONL exports into the catalog, through a field mapping.

The file is read by `catalog.readers` and each row mapped by a `catalog.mapping.FieldMapping`.
Every mapped row is validated as a `ProductRecord`; a row that fails is rejected with its line
number and a one-line reason, and every other row is imported; source columns the mapping does
not use are noted once each. Products are upserted by SKU; a SHA-256 of the validated record
(`content_hash`) decides whether a product changed, and only new or changed products are
(re-)embedded, in batches, with the injected `Embedder` (or left for `embed_missing` when none
is given). With `delete_missing`, products whose SKU the file no longer has are deleted, or,
where orders or other records still point at them, kept and taken off sale (stock 0). The
functions here take the session explicitly, flush but never commit: the caller owns the
transaction. A product's variants (`catalog.variants`) are kept in step by item id; one the
file no longer lists stays, unavailable, for the orders that name it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from sqlalchemy import Row, select, update
from sqlalchemy.orm import Session, undefer
from sqlalchemy.sql.schema import Column
from tqdm import tqdm

from catalog.embedding import Embedder, product_text, to_bytes
from catalog.mapping import FieldMapping, is_blank, parse_literal, short_repr
from catalog.models import Base, Product, Review, Variant
from catalog.readers import ImportFileError, SourceRow, detect_format, open_rows, undecodable
from catalog.revision import bump_search_revision
from catalog.variants import VariantRecord, lowest_price, options_summary, variant_list

TRUNCATED_FIELDS = {"description": 5000, "name": 300}
DEFAULT_BATCH_SIZE = 256
ID_CHUNK = 10_000  # ids per IN (...) list


# --- validated records ------------------------------------------------------------------------


class ReviewRecord(BaseModel):
    """One review of a product, as the catalog stores it."""

    model_config = ConfigDict(str_strip_whitespace=True, coerce_numbers_to_str=True)

    author: str = Field("Anonymous", min_length=1, max_length=100)
    rating: int = Field(ge=1, le=5)
    text: str = ""


class ProductRecord(BaseModel):
    """One product as the catalog stores it; validation errors become rejection reasons."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, coerce_numbers_to_str=True)

    sku: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=300)
    brand: str | None = Field(None, max_length=100)
    category: str = Field(min_length=1, max_length=300)
    price: Decimal = Field(ge=0, lt=Decimal("1e10"))
    currency: str = "USD"
    colour: str | None = Field(None, max_length=40)
    sizes: list[str] | None = None
    material: str | None = Field(None, max_length=100)
    audience: Literal["men", "women", "kids", "unisex"] | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)
    description: str = ""
    rating: float | None = Field(None, ge=0, le=5)
    review_count: int | None = Field(None, ge=0)
    stock: int = Field(0, ge=0)
    image: str | None = Field(None, max_length=500)
    reviews: list[ReviewRecord] = Field(default_factory=list)
    variants: list[VariantRecord] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _drop_blanks(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = {
                k: v
                for k, v in data.items()
                if not (is_blank(v) or (isinstance(v, str) and not v.strip()))
            }
            return _from_variants(data)
        return data

    @field_validator("attributes", "reviews", mode="before")
    @classmethod
    def _json_text(cls, value: Any) -> Any:
        return parse_literal(value)

    @field_validator("variants", mode="before")
    @classmethod
    def _variant_list(cls, value: Any) -> Any:
        return variant_list(value)

    @field_validator("variants")
    @classmethod
    def _distinct_items(cls, variants: list[VariantRecord]) -> list[VariantRecord]:
        ids = [v.item_id for v in variants]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"repeats item ids {', '.join(repeated)}")
        return variants

    @field_validator("currency", mode="before")
    @classmethod
    def _currency(cls, value: Any) -> str:
        code = str(value).strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise ValueError("must be a 3-letter code such as USD")
        return code

    @field_validator("colour", "audience", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("sizes", mode="before")
    @classmethod
    def _sizes(cls, value: Any) -> list[str] | None:
        items = re.split(r"[|,]", value) if isinstance(value, str) else value
        if not isinstance(items, list | tuple):
            raise ValueError("must be a list of sizes")
        sizes = list(dict.fromkeys(str(s).strip() for s in items if str(s).strip()))
        if any("|" in s for s in sizes) or len("|".join(sizes)) > 296:
            raise ValueError("must be short sizes without '|'")
        return sizes or None

    @field_validator("price")
    @classmethod
    def _cents(cls, value: Decimal) -> Decimal:
        return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @model_validator(mode="after")
    def _count_reviews(self) -> ProductRecord:
        if self.review_count is None:
            self.review_count = len(self.reviews)
        return self

    def content_hash(self) -> str:
        canonical = json.dumps(
            self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _from_variants(data: dict[str, Any]) -> dict[str, Any]:
    """Price, stock and description that a row leaves out, taken from its valid variants."""
    try:
        variants = [VariantRecord.model_validate(v) for v in variant_list(data.get("variants"))]
    except (ValidationError, TypeError, ValueError):
        return data  # the variants field reports what is wrong with them
    if not variants:
        return data
    derived = {
        "price": lowest_price(variants),
        "stock": sum(v.available for v in variants),
        "description": options_summary(variants),
    }
    return {**derived, **data}


_NUMBER_ERRORS = {
    "decimal_parsing",
    "decimal_type",
    "float_parsing",
    "float_type",
    "int_parsing",
    "int_type",
    "int_from_float",
}


def describe_errors(error: ValidationError) -> str:
    """A pydantic error as one human line: "price is missing; currency must be ..."."""
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "record"
        if item["type"] == "missing":
            parts.append(f"{where} is missing")
        elif item["type"] in _NUMBER_ERRORS:
            parts.append(f"{where} is not a number ({short_repr(item['input'])})")
        else:
            message = item["msg"].removeprefix("Value error, ").replace("Input should", "should")
            parts.append(f"{where} {message} (got {short_repr(item['input'])})")
    return "; ".join(parts)


# --- the report -------------------------------------------------------------------------------


@dataclass
class ImportReport:
    """What an import did. `unit` is "line" (CSV, JSONL) or "record" (JSON arrays)."""

    source: str = ""
    unit: str = "line"
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    embedded: int = 0
    deleted: int = 0
    retired: list[str] = field(default_factory=list)  # SKUs kept off sale, still referenced
    rejected: list[tuple[int, str]] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)

    @property
    def processed(self) -> int:
        return self.created + self.updated + self.unchanged + len(self.rejected)

    def summary(self) -> str:
        removed = (
            f"; deleted {self.deleted}, taken off sale {len(self.retired)}"
            if self.deleted or self.retired
            else ""
        )
        return (
            f"{self.source or 'import'}: {self.processed} records read — "
            f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}, "
            f"rejected {len(self.rejected)}; embedded {self.embedded}{removed}"
        )

    def details(self) -> list[str]:
        """Every rejection, then every note, as "line 37: price is missing"."""
        retired = (
            [
                f"no longer in the file but still referenced (kept, stock 0): "
                f"{', '.join(self.retired)}"
            ]
            if self.retired
            else []
        )
        return (
            [f"rejected {self.unit} {n}: {reason}" for n, reason in self.rejected]
            + [f"note {self.unit} {n}: {text}" for n, text in self.notes]
            + retired
        )


# --- validation and upsert --------------------------------------------------------------------


def _truncate(values: dict[str, Any], notes: list[str]) -> None:
    for name, limit in TRUNCATED_FIELDS.items():
        text = values.get(name)
        if isinstance(text, str) and len(text) > limit:
            values[name] = text[: limit - 1].rstrip() + "…"
            notes.append(f"{name} truncated from {len(text):,} to {limit:,} characters")


def validate_row(
    row: SourceRow, mapping: FieldMapping, seen: dict[str, int], unit: str = "line"
) -> tuple[ProductRecord | None, str | list[str]]:
    """(record, notes) for a usable row, or (None, reason) for a rejected one."""
    if row.data is None:
        return None, row.error or "empty record"
    broken = undecodable(row.data)
    if broken:
        return None, broken
    try:
        values, notes = mapping.map_row(row.data)
    except ValueError as exc:
        return None, str(exc)
    _truncate(values, notes)
    try:
        record = ProductRecord.model_validate(values)
    except ValidationError as exc:
        return None, describe_errors(exc)
    if record.sku in seen:
        return None, f"duplicate SKU {record.sku!r} (first seen on {unit} {seen[record.sku]})"
    seen[record.sku] = row.line
    return record, notes


def _embedding_text(product: Product | Row[*tuple[Any, ...]]) -> str:
    return product_text(
        product.name,
        product.brand,
        product.category,
        product.colour,
        product.audience,
        product.description or "",
    )


def _apply(product: Product, record: ProductRecord, content_hash: str) -> None:
    data = record.model_dump(exclude={"sku", "sizes", "reviews", "variants"})
    for name, value in data.items():
        setattr(product, name, value)
    product.sizes = f"|{'|'.join(record.sizes)}|" if record.sizes else None
    product.reviews = [
        Review(author=r.author, rating=r.rating, text=r.text) for r in record.reviews
    ]
    _apply_variants(product, record.variants)
    product.content_hash = content_hash


def _apply_variants(product: Product, records: list[VariantRecord]) -> None:
    """Update variants in place by item id, add new ones, make unlisted ones unavailable."""
    current = {variant.item_id: variant for variant in product.variants}
    for variant in current.values():
        variant.available = False
    for record in records:
        if record.item_id not in current:
            current[record.item_id] = Variant(item_id=record.item_id)
            product.variants.append(current[record.item_id])
        variant = current[record.item_id]
        variant.options = record.options
        variant.price = record.price
        variant.available = record.available


def _upsert_batch(
    session: Session, records: list[ProductRecord], embedder: Embedder | None, report: ImportReport
) -> None:
    """Create or update one batch of products, then embed those whose text is new."""
    query = select(Product).where(Product.sku.in_([r.sku for r in records]))
    existing = {p.sku: p for p in session.scalars(query.options(undefer(Product.embedding)))}
    to_embed: list[Product] = []
    for record in records:
        digest = record.content_hash()
        product = existing.get(record.sku)
        if product is None:
            product = Product(sku=record.sku)
            _apply(product, record, digest)
            session.add(product)
            report.created += 1
        elif product.content_hash == digest:
            report.unchanged += 1
        else:
            before = _embedding_text(product)
            _apply(product, record, digest)
            report.updated += 1
            if _embedding_text(product) != before:
                product.embedding = None
        if embedder is not None and (
            product.embedding is None or len(product.embedding) != embedder.dimension * 4
        ):
            to_embed.append(product)
    if embedder is not None and to_embed:
        report.embedded += _embed(to_embed, embedder)
    session.flush()


def _vectors(
    products: Sequence[Product | Row[*tuple[Any, ...]]], embedder: Embedder
) -> list[bytes]:
    vectors = embedder.embed([_embedding_text(p) for p in products])
    if vectors.shape != (len(products), embedder.dimension):
        raise ValueError(f"embedder returned shape {vectors.shape} for {len(products)} texts")
    return [to_bytes(vector) for vector in vectors]


def _embed(products: list[Product], embedder: Embedder) -> int:
    for product, blob in zip(products, _vectors(products, embedder), strict=True):
        product.embedding = blob
    return len(products)


def embed_missing(
    session: Session,
    embedder: Embedder,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: bool = True,
) -> int:
    """Embed every product that has no embedding yet (after an import without one).

    Reads only the embedded columns and writes by primary key in bulk, so it scales to
    catalogs of millions; the search revision is bumped once at the end.
    """
    ids = list(session.scalars(select(Product.id).where(Product.embedding.is_(None))))
    columns = (
        Product.id,
        Product.name,
        Product.brand,
        Product.category,
        Product.colour,
        Product.audience,
        Product.description,
    )
    for start in tqdm(
        range(0, len(ids), batch_size), desc="Embedding", unit=" batches", disable=not progress
    ):
        rows = session.execute(
            select(*columns).where(Product.id.in_(ids[start : start + batch_size]))
        ).all()
        session.execute(
            update(Product),
            [
                {"id": row.id, "embedding": blob}
                for row, blob in zip(rows, _vectors(rows, embedder), strict=True)
            ],
        )
    if ids:
        bump_search_revision(session)
    return len(ids)


def _columns_referencing_products() -> list[Column[Any]]:
    """Foreign-key columns of other records (orders, interactions…) that point at products."""
    return [
        key.parent
        for table in Base.metadata.sorted_tables
        if table.name != "reviews"
        for key in table.foreign_keys
        if key.column.table.name == "products"
    ]


def delete_missing(session: Session, keep: set[str], report: ImportReport) -> None:
    """Delete products whose SKU is not in `keep`; those still referenced go off sale."""
    missing = {
        pid: sku for pid, sku in session.execute(select(Product.id, Product.sku)) if sku not in keep
    }
    ids = sorted(missing)
    referenced: set[int] = set()
    for column in _columns_referencing_products():
        for start in range(0, len(ids), ID_CHUNK):
            chunk = ids[start : start + ID_CHUNK]
            referenced.update(session.scalars(select(column).where(column.in_(chunk))))
    for start in range(0, len(ids), ID_CHUNK):
        chunk = ids[start : start + ID_CHUNK]
        for product in session.scalars(select(Product).where(Product.id.in_(chunk))):
            if product.id in referenced:
                product.stock = 0
                report.retired.append(product.sku)
            else:
                session.delete(product)
                report.deleted += 1
        session.flush()


def _raw_sku(row: SourceRow, mapping: FieldMapping) -> str | None:
    """The SKU a row names, even when the row is rejected (so it is not deleted)."""
    source = mapping.fields.get("sku")
    if row.data is None or source is None:
        return None
    try:
        value = source.resolve(row.data)
    except ValueError:
        return None
    return str(value).strip() if value is not None else None


def import_rows(
    session: Session,
    rows: Iterable[SourceRow],
    embedder: Embedder | None,
    mapping: FieldMapping,
    report: ImportReport,
    *,
    progress: bool = True,
    batch_size: int = DEFAULT_BATCH_SIZE,
    delete_missing_products: bool = False,
) -> ImportReport:
    """Validate every row, reject the unusable ones into `report`, upsert the rest.

    Without an embedder, new and changed products are left without embeddings.
    """
    seen: dict[str, int] = {}
    rejected_skus: set[str] = set()
    used_columns = mapping.used_columns()
    unknown_columns: set[str] = set()
    batch: list[ProductRecord] = []
    total = len(rows) if isinstance(rows, list) else None
    bar = tqdm(
        rows,
        total=total,
        desc=f"Importing {Path(report.source).name}",
        unit=" rows",
        disable=not progress,
    )
    for row in bar:
        unknown = sorted(set(row.data or ()) - used_columns - unknown_columns)
        if unknown:
            unknown_columns.update(unknown)
            report.notes.append((row.line, f"ignored, not in the mapping: {', '.join(unknown)}"))
        record, outcome = validate_row(row, mapping, seen, report.unit)
        if record is None:
            report.rejected.append((row.line, str(outcome)))
            sku = _raw_sku(row, mapping)
            if sku:
                rejected_skus.add(sku)
            continue
        report.notes.extend((row.line, note) for note in outcome)
        batch.append(record)
        if len(batch) >= batch_size:
            _upsert_batch(session, batch, embedder, report)
            batch = []
    if batch:
        _upsert_batch(session, batch, embedder, report)
    if delete_missing_products:
        delete_missing(session, set(seen) | rejected_skus, report)
    return report


def import_file(
    session: Session,
    path: str | Path,
    embedder: Embedder | None,
    *,
    mapping: FieldMapping | None = None,
    file_format: str | None = None,
    encoding: str = "utf-8",
    progress: bool = True,
    batch_size: int = DEFAULT_BATCH_SIZE,
    delete_missing_products: bool = False,
) -> ImportReport:
    """Import one CSV/JSON/JSONL file (format from the suffix unless given); caller commits."""
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(f"no such file: {path}")
    fmt = file_format or detect_format(path)
    mapping = mapping or FieldMapping.identity()
    report = ImportReport(source=str(path), unit="record" if fmt == "json" else "line")
    with open_rows(path, fmt, encoding, mapping, report.notes) as rows:
        import_rows(
            session,
            rows,
            embedder,
            mapping,
            report,
            progress=progress,
            batch_size=batch_size,
            delete_missing_products=delete_missing_products,
        )
    return report
