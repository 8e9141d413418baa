"""Import products from CSV, JSON or JSONL exports into the catalog, through a field mapping.

A `FieldMapping` says where each canonical product field comes from: one or more source columns
(the first that yields a value wins), each optionally passed through named converters, plus
values to treat as empty and a constant default. Every mapped row is validated as a
`ProductRecord`; a row that fails is rejected with its line number and a one-line reason, and
every other row is imported. Products are upserted by SKU; a SHA-256 of the validated record
(`content_hash`) decides whether a product changed, and only new or changed products are
(re-)embedded, in batches, with the injected `Embedder`.

Source syntax, in YAML or on the command line: ``column | converter | converter:argument``.
Converters: number, python_list, python_list_first, split:SEP, category_tree[:MAX or MIN-MAX],
key_value_specs, pick:KEY, audience. The functions here take the session explicitly, flush but
never commit: the caller owns the transaction.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)
from sqlalchemy import select
from sqlalchemy.orm import Session, undefer
from tqdm import tqdm

from catalog.embedding import Embedder, product_text, to_bytes
from catalog.models import Product, Review

CANONICAL_FIELDS = (
    "sku", "name", "brand", "category", "price", "currency", "colour", "sizes", "material",
    "audience", "attributes", "description", "rating", "review_count", "stock", "image",
    "reviews",
)
REQUIRED_FIELDS = ("sku", "name", "category", "price")
TRUNCATED_FIELDS = {"description": 5000, "name": 300}
FORMATS = ("csv", "json", "jsonl")
BUNDLED_MAPPINGS = Path(__file__).resolve().parent / "mappings"
DEFAULT_BATCH_SIZE = 256


class ImportFileError(Exception):
    """The file as a whole cannot be imported (unreadable, not JSON, required columns absent)."""


# --- converters: value -> value, raising ValueError with a short reason ---------------------

_NOT_AVAILABLE = re.compile(r"^(n/?a|none|null|nil|-+|not available|no .* available)$", re.I)
_CURRENCY_AFFIX = re.compile(r"^(rs\.?|inr|usd|eur|gbp|[$€£₹])\s*|\s*(inr|usd|eur|gbp)$", re.I)
_RUBY_ARROW = re.compile(r'"\s*=>\s*')
_AUDIENCE_WORDS = {
    "men": ("men", "man", "mens", "male", "gents", "gent"),
    "women": ("women", "woman", "womens", "female", "ladies", "lady"),
    "kids": ("kid", "kids", "boy", "boys", "girl", "girls", "baby", "child", "children",
             "infant", "infants", "toddler", "toddlers", "junior", "juniors"),
    "unisex": ("unisex",),
}


def _short(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _parse_literal(value: Any) -> Any:
    """Parse JSON, a Ruby-style hash ("key"=>value) or a Python literal; other values pass."""
    return _parse_text(value.strip()) if isinstance(value, str) else value


@lru_cache(maxsize=64)  # several fields of one row often parse the same column
def _parse_text(text: str) -> Any:
    attempts: list[Callable[[str], Any]] = [
        json.loads, lambda t: json.loads(_RUBY_ARROW.sub('": ', t)), ast.literal_eval,
    ]
    for parse in attempts:
        try:
            return parse(text)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
    raise ValueError(f"cannot parse {_short(text)}")


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        text = value.strip()
        if not text.startswith("["):
            return [text] if text else []
        value = _parse_literal(text)
    if isinstance(value, list | tuple):
        return [v.strip() if isinstance(v, str) else v for v in value if v not in (None, "")]
    raise ValueError(f"expected a list, got {_short(value)}")


def convert_number(value: Any, arg: str | None = None) -> Decimal | None:
    """'1,299.00', 'Rs. 499' -> Decimal; blank or 'No rating available' -> None."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        value = str(value)
    text = str(value).strip()
    if not text or _NOT_AVAILABLE.match(text):
        return None
    try:
        number = Decimal(_CURRENCY_AFFIX.sub("", text).replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"cannot read {_short(text)} as a number") from None
    if not number.is_finite():
        raise ValueError(f"{_short(text)} is not a finite number")
    return number


def convert_category_tree(value: Any, arg: str | None = None) -> str | None:
    """["A >> B >> C"] or ['A', 'B', 'C'] -> "A > B > C"; arg "MAX" or "MIN-MAX" levels."""
    levels: list[str] = []
    for item in _as_list(value):
        levels += [" ".join(part.split()) for part in re.split(r">>?", str(item))]
    levels = [level for level in levels if level]
    low, _, high = (arg or "").rpartition("-")
    if len(levels) < int(low or 1):
        return None
    return " > ".join(levels[: int(high) if high else None]) or None


def convert_key_value_specs(value: Any, arg: str | None = None) -> dict[str, Any] | None:
    """[{'key': k, 'value': v}, ...] (also Flipkart's {"product_specification"=>[...]}) -> dict."""
    data = _parse_literal(value)
    if isinstance(data, dict) and "product_specification" in data:
        data = data["product_specification"]
    if isinstance(data, dict) and set(data) <= {"key", "value"}:
        data = [data]
    if isinstance(data, dict):
        return {str(k): v for k, v in data.items()} or None
    if not isinstance(data, list):
        raise ValueError(f"expected key/value pairs, got {_short(value)}")
    specs: dict[str, Any] = {}
    for item in data:
        if not isinstance(item, dict) or item.get("value") in (None, ""):
            continue
        key = str(item.get("key") or "Other").strip()
        specs[key] = f"{specs[key]}; {item['value']}" if key in specs else item["value"]
    return specs or None


def convert_pick(value: Any, arg: str | None = None) -> Any:
    """Pick one key (case-insensitive) out of a dict, e.g. after key_value_specs."""
    if not isinstance(value, dict):
        raise ValueError(f"pick needs key/value data, got {_short(value)}")
    wanted = (arg or "").strip().lower()
    return next((v for k, v in value.items() if str(k).strip().lower() == wanted), None)


def convert_audience(value: Any, arg: str | None = None) -> str | None:
    """"Women's", "Men, Boys", "Boys, Girls", "Men, Women" -> women / men / kids / unisex."""
    groups = set()
    for word in re.split(r"[,/&]|\band\b", str(value).lower()):
        word = re.sub(r"[^a-z ]", "", word.replace("'s", "")).strip()
        for group, words in _AUDIENCE_WORDS.items():
            if any(token in words for token in word.split()):
                groups.add(group)
                break
    adults = groups & {"men", "women"}
    if "unisex" in groups or len(adults) == 2:
        return "unisex"
    return adults.pop() if adults else ("kids" if "kids" in groups else None)


CONVERTERS: dict[str, Callable[[Any, str | None], Any]] = {
    "number": convert_number,
    "python_list": lambda value, arg: _as_list(value) or None,
    "python_list_first": lambda value, arg: next(iter(_as_list(value)), None),
    "split": lambda value, arg: value if isinstance(value, list) else
    [p.strip() for p in str(value).split(arg or ",") if p.strip()],
    "category_tree": convert_category_tree,
    "key_value_specs": convert_key_value_specs,
    "pick": convert_pick,
    "audience": convert_audience,
}


# --- the field mapping ------------------------------------------------------------------------

def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not value)


def _parse_source(text: str) -> tuple[str, list[tuple[str, str | None]]]:
    column, *steps = (part.strip() for part in text.split("|"))
    if not column:
        raise ValueError(f"source {text!r} names no column")
    parsed: list[tuple[str, str | None]] = []
    for step in steps:
        name, _, text = step.partition(":")
        name, arg = name.strip(), text.strip() or None
        if name not in CONVERTERS:
            raise ValueError(f"unknown converter {name!r}; known: {', '.join(CONVERTERS)}")
        if name == "pick" and not arg:
            raise ValueError("pick needs a key, as in pick:Color")
        if name == "category_tree" and arg and not re.fullmatch(r"\d+(-\d+)?", arg):
            raise ValueError("category_tree takes MAX or MIN-MAX levels, as in category_tree:2-3")
        parsed.append((name, arg))
    return column, parsed


class FieldSource(BaseModel):
    """Where one field comes from: sources tried in order, values meaning 'empty', a default."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    sources: list[str] = Field(default_factory=list, alias="from")
    null_if: list[Any] = Field(default_factory=list)
    default: Any = None
    _parsed: list[tuple[str, list[tuple[str, str | None]]]] = PrivateAttr(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if data is None or isinstance(data, str | list):
            data = {"from": data or []}
        if isinstance(data, dict) and isinstance(data.get("from"), str):
            data = {**data, "from": [data["from"]]}
        return data

    def model_post_init(self, context: Any) -> None:
        self._parsed = [_parse_source(str(source)) for source in self.sources]

    @property
    def columns(self) -> list[str]:
        return [column for column, _ in self._parsed]

    def resolve(self, row: dict[str, Any]) -> Any:
        """The first non-empty converted value among the sources, else the default."""
        failure: ValueError | None = None
        for column, steps in self._parsed:
            value = row.get(column)
            value = value.strip() if isinstance(value, str) else value
            try:
                for name, arg in steps:
                    if _is_blank(value) or value in self.null_if:
                        break
                    value = CONVERTERS[name](value, arg)
            except ValueError as exc:
                failure = failure or exc
                continue
            if not _is_blank(value) and value not in self.null_if:
                return value
        if failure is not None and self.default is None:
            raise failure
        return self.default


class FieldMapping(BaseModel):
    """Canonical field -> `FieldSource`. Without a file, every field reads its own name."""

    model_config = ConfigDict(extra="forbid")

    description: str = ""
    fields: dict[str, FieldSource] = Field(default_factory=dict)

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, fields: dict[str, FieldSource]) -> dict[str, FieldSource]:
        unknown = sorted(set(fields) - set(CANONICAL_FIELDS))
        if unknown:
            raise ValueError(f"unknown fields {unknown}; known: {', '.join(CANONICAL_FIELDS)}")
        return fields

    @classmethod
    def identity(cls) -> FieldMapping:
        return cls(fields={name: FieldSource.model_validate(name) for name in CANONICAL_FIELDS})

    @classmethod
    def from_yaml(cls, path: str | Path) -> FieldMapping:
        """Load a mapping file; a bare name such as `flipkart` means a bundled mapping."""
        path = Path(path)
        if not path.exists() and path.suffix == "" and len(path.parts) == 1:
            path = BUNDLED_MAPPINGS / f"{path}.yaml"
        return cls.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")) or {})

    def with_overrides(self, pairs: Iterable[str]) -> FieldMapping:
        """Apply `field=SOURCE` pairs; SOURCE may be YAML flow ([a, b] or {default: X})."""
        fields = dict(self.fields)
        for pair in pairs:
            name, equals, spec = pair.partition("=")
            if not equals:
                raise ValueError(f"--map expects field=column, got {pair!r}")
            spec = spec.strip()
            fields[name.strip()] = FieldSource.model_validate(
                yaml.safe_load(spec) if spec[:1] in "[{" else spec)
        return FieldMapping(description=self.description, fields=fields)

    def missing_columns(self, header: Iterable[str]) -> dict[str, list[str]]:
        """Mapped fields whose source columns are all absent from a header (and no default)."""
        present = set(header)
        return {name: source.columns for name, source in self.fields.items()
                if source.default is None and not present & set(source.columns)}

    def map_row(self, row: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """Canonical values and notes for one source row; ValueError rejects the row."""
        values: dict[str, Any] = {}
        notes: list[str] = []
        for name, source in self.fields.items():
            try:
                value = source.resolve(row)
            except ValueError as exc:
                if name in REQUIRED_FIELDS:
                    raise ValueError(f"{name}: {exc}") from None
                notes.append(f"{name} left empty: {exc}")
                continue
            if value is not None:
                values[name] = value
        return values, notes


def load_mapping(path: str | Path | None = None, overrides: Iterable[str] = ()) -> FieldMapping:
    base = FieldMapping.from_yaml(path) if path else FieldMapping.identity()
    return base.with_overrides(overrides)


# --- validated records ------------------------------------------------------------------------

class ReviewRecord(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True, coerce_numbers_to_str=True)

    author: str = Field("Anonymous", min_length=1, max_length=100)
    rating: int = Field(ge=1, le=5)
    text: str = ""


class ProductRecord(BaseModel):
    """One product as the catalog stores it; validation errors become rejection reasons."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True,
                              coerce_numbers_to_str=True)

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

    @model_validator(mode="before")
    @classmethod
    def _drop_blanks(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (_is_blank(v) or
                    (isinstance(v, str) and not v.strip()))}
        return data

    @field_validator("attributes", "reviews", mode="before")
    @classmethod
    def _json_text(cls, value: Any) -> Any:
        return _parse_literal(value) if isinstance(value, str) else value

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
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True,
                               ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


_NUMBER_ERRORS = {"decimal_parsing", "decimal_type", "float_parsing", "float_type",
                  "int_parsing", "int_type", "int_from_float"}


def describe_errors(error: ValidationError) -> str:
    """A pydantic error as one human line: "price is missing; currency must be ..."."""
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "record"
        if item["type"] == "missing":
            parts.append(f"{where} is missing")
        elif item["type"] in _NUMBER_ERRORS:
            parts.append(f"{where} is not a number ({_short(item['input'])})")
        else:
            message = item["msg"].removeprefix("Value error, ").replace("Input should", "should")
            parts.append(f"{where} {message} (got {_short(item['input'])})")
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
    rejected: list[tuple[int, str]] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)

    @property
    def processed(self) -> int:
        return self.created + self.updated + self.unchanged + len(self.rejected)

    def summary(self) -> str:
        return (f"{self.source or 'import'}: {self.processed} records read — "
                f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}, "
                f"rejected {len(self.rejected)}; embedded {self.embedded}")

    def details(self) -> list[str]:
        """Every rejection, then every note, as "line 37: price is missing"."""
        return ([f"rejected {self.unit} {n}: {reason}" for n, reason in self.rejected]
                + [f"note {self.unit} {n}: {text}" for n, text in self.notes])


# --- reading files ----------------------------------------------------------------------------

@dataclass(frozen=True)
class SourceRow:
    """One record of the source file: its line (or record number) and data, or why not."""

    line: int
    data: dict[str, Any] | None = None
    error: str | None = None


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    fmt = {"ndjson": "jsonl", "tsv": "csv"}.get(suffix, suffix)
    if fmt not in FORMATS:
        raise ImportFileError(f"cannot tell the format of {path.name}; pass csv, json or jsonl")
    return fmt


def _csv_rows(reader: Any, header: list[str]) -> Iterator[SourceRow]:
    """Records keyed by header, numbered by the physical line where each record starts."""
    end = reader.line_num
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield SourceRow(end + 1, error=f"unreadable CSV ({exc})")
            end = reader.line_num
            continue
        start, end = end + 1, reader.line_num
        if not any(f.strip() for f in fields):
            continue
        if len(fields) > len(header):
            yield SourceRow(start, error=f"{len(fields)} fields but the header has {len(header)}")
        else:
            yield SourceRow(start, dict(zip(header, fields, strict=False)))


def _jsonl_rows(handle: Any, encoding: str) -> Iterator[SourceRow]:
    for number, raw in enumerate(handle, start=1):
        try:
            text = raw.decode(encoding).lstrip("\ufeff")
        except UnicodeDecodeError as exc:
            yield SourceRow(number, error=f"not valid {encoding}: byte {raw[exc.start]:#04x} "
                                          f"at column {exc.start + 1}")
            continue
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield SourceRow(number, error=f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        yield (SourceRow(number, data) if isinstance(data, dict)
               else SourceRow(number, error="not a JSON object"))


def _json_rows(path: Path, encoding: str) -> list[SourceRow]:
    text = path.read_bytes().decode(encoding, errors="surrogateescape").lstrip("\ufeff")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(f"{path.name} is not valid JSON: {exc}") from None
    if isinstance(data, dict) and isinstance(data.get("products"), list):
        data = data["products"]
    if not isinstance(data, list):
        raise ImportFileError(f"{path.name} must hold a JSON array of product objects")
    return [SourceRow(n, item) if isinstance(item, dict)
            else SourceRow(n, error="not a JSON object") for n, item in enumerate(data, 1)]


@contextmanager
def open_rows(path: Path, fmt: str, encoding: str, mapping: FieldMapping,
              report: ImportReport) -> Iterator[Iterable[SourceRow]]:
    """The file's rows; for CSV, fails early when a required field has no column."""
    if fmt == "json":
        yield _json_rows(path, encoding)
    elif fmt == "jsonl":
        with path.open("rb") as handle:
            yield _jsonl_rows(handle, encoding)
    else:
        csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))
        text_encoding = "utf-8-sig" if encoding.replace("_", "-").lower() == "utf-8" else encoding
        with path.open(newline="", encoding=text_encoding, errors="surrogateescape") as handle:
            dialect = "excel-tab" if path.suffix.lower() == ".tsv" else "excel"
            reader = csv.reader(handle, dialect)
            header = [h.strip() for h in next(reader, [])]
            _check_header(header, mapping, report)
            yield _csv_rows(reader, header)


def _check_header(header: list[str], mapping: FieldMapping, report: ImportReport) -> None:
    missing = mapping.missing_columns(header)
    required = {name: cols for name, cols in missing.items() if name in REQUIRED_FIELDS}
    if required:
        wanted = "; ".join(f"{name} from {' or '.join(cols) or 'nothing'}"
                           for name, cols in required.items())
        raise ImportFileError(f"no column for required field(s): {wanted}. "
                              f"The header has: {', '.join(header)}")
    absent = [name for name, cols in missing.items() if cols]
    if absent:
        report.notes.append((1, f"left empty, no column in the header: {', '.join(absent)}"))


# --- validation and upsert --------------------------------------------------------------------

def _undecodable(data: dict[str, Any]) -> str | None:
    """Where a value holds bytes the file's encoding could not decode, if anywhere."""
    for key, value in data.items():
        try:
            json.dumps(value, ensure_ascii=False, default=str).encode("utf-8")
        except UnicodeEncodeError as exc:
            byte = ord(exc.object[exc.start]) - 0xDC00
            return f"undecodable byte {byte:#04x} in column {key!r} (broken encoding)"
    return None


def _truncate(values: dict[str, Any], notes: list[str]) -> None:
    for name, limit in TRUNCATED_FIELDS.items():
        text = values.get(name)
        if isinstance(text, str) and len(text) > limit:
            values[name] = text[: limit - 1].rstrip() + "…"
            notes.append(f"{name} truncated from {len(text):,} to {limit:,} characters")


def validate_row(row: SourceRow, mapping: FieldMapping, seen: dict[str, int],
                 unit: str = "line") -> tuple[ProductRecord | None, str | list[str]]:
    """(record, notes) for a usable row, or (None, reason) for a rejected one."""
    if row.data is None:
        return None, row.error or "empty record"
    broken = _undecodable(row.data)
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


def _embedding_text(product: Product) -> str:
    return product_text(product.name, product.brand, product.category, product.colour,
                        product.audience, product.description or "")


def _apply(product: Product, record: ProductRecord, content_hash: str) -> None:
    data = record.model_dump(exclude={"sku", "sizes", "reviews"})
    for name, value in data.items():
        setattr(product, name, value)
    product.sizes = f"|{'|'.join(record.sizes)}|" if record.sizes else None
    product.reviews = [Review(author=r.author, rating=r.rating, text=r.text)
                       for r in record.reviews]
    product.content_hash = content_hash


def _upsert_batch(session: Session, records: list[ProductRecord], embedder: Embedder,
                  report: ImportReport) -> None:
    """Create or update one batch of products, then embed those whose text is new."""
    query = select(Product).where(Product.sku.in_([r.sku for r in records]))
    existing = {p.sku: p for p in session.scalars(query.options(undefer(Product.embedding)))}
    to_embed: list[Product] = []
    width = embedder.dimension * 4
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
        if product.embedding is None or len(product.embedding) != width:
            to_embed.append(product)
    if to_embed:
        vectors = embedder.embed([_embedding_text(p) for p in to_embed])
        if vectors.shape != (len(to_embed), embedder.dimension):
            raise ValueError(f"embedder returned shape {vectors.shape} for {len(to_embed)} texts")
        for product, vector in zip(to_embed, vectors, strict=True):
            product.embedding = to_bytes(vector)
        report.embedded += len(to_embed)
    session.flush()


def import_rows(session: Session, rows: Iterable[SourceRow], embedder: Embedder,
                mapping: FieldMapping, report: ImportReport, *, progress: bool = True,
                batch_size: int = DEFAULT_BATCH_SIZE) -> ImportReport:
    """Validate every row, reject the unusable ones into `report`, upsert the rest."""
    seen: dict[str, int] = {}
    batch: list[ProductRecord] = []
    total = len(rows) if isinstance(rows, list) else None
    bar = tqdm(rows, total=total, desc=f"Importing {Path(report.source).name}", unit=" rows",
               disable=not progress)
    for row in bar:
        record, outcome = validate_row(row, mapping, seen, report.unit)
        if record is None:
            report.rejected.append((row.line, str(outcome)))
            continue
        report.notes.extend((row.line, note) for note in outcome)
        batch.append(record)
        if len(batch) >= batch_size:
            _upsert_batch(session, batch, embedder, report)
            batch = []
    if batch:
        _upsert_batch(session, batch, embedder, report)
    return report


def import_file(session: Session, path: str | Path, embedder: Embedder, *,
                mapping: FieldMapping | None = None, file_format: str | None = None,
                encoding: str = "utf-8", progress: bool = True,
                batch_size: int = DEFAULT_BATCH_SIZE) -> ImportReport:
    """Import one CSV/JSON/JSONL file (format from the suffix unless given); caller commits."""
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(f"no such file: {path}")
    fmt = file_format or detect_format(path)
    if fmt not in FORMATS:
        raise ImportFileError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    mapping = mapping or FieldMapping.identity()
    report = ImportReport(source=str(path), unit="record" if fmt == "json" else "line")
    with open_rows(path, fmt, encoding, mapping, report) as rows:
        import_rows(session, rows, embedder, mapping, report, progress=progress,
                    batch_size=batch_size)
    return report
