"""Field mappings: where each canonical product field comes from in a source row.

A `FieldMapping` maps every canonical field to a `FieldSource`: one or more source columns (the
first that yields a value wins), each optionally passed through named converters, plus values
to treat as empty and a constant default. A mapping comes from a YAML file (a bare name such as
`flipkart` means a bundled one in `catalog/mappings/`), `field=SOURCE` overrides, or both.

Source syntax, in YAML or on the command line: ``column | converter | converter:argument``.
Converters: number, python_list, python_list_first, split:SEP, category_tree[:MAX or MIN-MAX],
key_value_specs, pick:KEY, audience, slug. A converter raises ValueError with a short reason.
A field with `join: SEP` joins the values of all its sources instead of taking the first; one
with `lookup: {VALUE: VALUE}` translates its value through that table (a value not in it is an
error), e.g. a category for each product name.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

CANONICAL_FIELDS = (
    "sku",
    "name",
    "brand",
    "category",
    "price",
    "currency",
    "colour",
    "sizes",
    "material",
    "audience",
    "attributes",
    "description",
    "rating",
    "review_count",
    "stock",
    "image",
    "reviews",
    "variants",
)
REQUIRED_FIELDS = ("sku", "name", "category", "price")
BUNDLED_MAPPINGS = Path(__file__).resolve().parent / "mappings"

# --- converters: value -> value, raising ValueError with a short reason ---------------------

_NOT_AVAILABLE = re.compile(r"^(n/?a|none|null|nil|-+|not available|no .* available)$", re.I)
_CURRENCY_AFFIX = re.compile(r"^(rs\.?|inr|usd|eur|gbp|[$€£₹])\s*|\s*(inr|usd|eur|gbp)$", re.I)
_RUBY_ARROW = re.compile(r'"\s*=>\s*')
_AUDIENCE_WORDS = {
    "men": ("men", "man", "mens", "male", "gents", "gent"),
    "women": ("women", "woman", "womens", "female", "ladies", "lady"),
    "kids": (
        "kid",
        "kids",
        "boy",
        "boys",
        "girl",
        "girls",
        "baby",
        "child",
        "children",
        "infant",
        "infants",
        "toddler",
        "toddlers",
        "junior",
        "juniors",
    ),
    "unisex": ("unisex",),
}


def short_repr(value: Any, limit: int = 40) -> str:
    """A value's repr, cut to `limit` characters, for one-line error messages."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def is_blank(value: Any) -> bool:
    """None, or an empty string, list or dict."""
    return value is None or (isinstance(value, str | list | dict) and not value)


def parse_literal(value: Any) -> Any:
    """Parse JSON, a Ruby-style hash ("key"=>value) or a Python literal; other values pass."""
    return _parse_text(value.strip()) if isinstance(value, str) else value


@lru_cache(maxsize=64)  # several fields of one row often parse the same column
def _parse_text(text: str) -> Any:
    attempts: list[Callable[[str], Any]] = [
        json.loads,
        lambda t: json.loads(_RUBY_ARROW.sub('": ', t)),
        ast.literal_eval,
    ]
    for parse in attempts:
        try:
            return parse(text)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
    raise ValueError(f"cannot parse {short_repr(text)}")


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        text = value.strip()
        if not text.startswith("["):
            return [text] if text else []
        value = parse_literal(text)
    if isinstance(value, list | tuple):
        return [v.strip() if isinstance(v, str) else v for v in value if v not in (None, "")]
    raise ValueError(f"expected a list, got {short_repr(value)}")


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
        raise ValueError(f"cannot read {short_repr(text)} as a number") from None
    if not number.is_finite():
        raise ValueError(f"{short_repr(text)} is not a finite number")
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
    data = parse_literal(value)
    if isinstance(data, dict) and "product_specification" in data:
        data = data["product_specification"]
    if isinstance(data, dict) and set(data) <= {"key", "value"}:
        data = [data]
    if isinstance(data, dict):
        return {str(k): v for k, v in data.items()} or None
    if not isinstance(data, list):
        raise ValueError(f"expected key/value pairs, got {short_repr(value)}")
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
        raise ValueError(f"pick needs key/value data, got {short_repr(value)}")
    wanted = (arg or "").strip().lower()
    return next((v for k, v in value.items() if str(k).strip().lower() == wanted), None)


def convert_audience(value: Any, arg: str | None = None) -> str | None:
    """ "Women's", "Men, Boys", "Boys, Girls", "Men, Women" -> women / men / kids / unisex."""
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


def convert_slug(value: Any, arg: str | None = None) -> str | None:
    """A stable SKU from free text: "Dune (Penguin Galaxy)" -> "dune-penguin-galaxy-1a2b3c4d".

    The readable part is cut to 40 characters; the suffix (8 hex digits of the text's SHA-256)
    keeps texts that share those 40 characters apart.
    """
    text = " ".join(str(value).split())
    if not text:
        return None
    readable = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return f"{readable}-{digest}" if readable else digest


CONVERTERS: dict[str, Callable[[Any, str | None], Any]] = {
    "number": convert_number,
    "python_list": lambda value, arg: _as_list(value) or None,
    "python_list_first": lambda value, arg: next(iter(_as_list(value)), None),
    "split": lambda value, arg: (
        value
        if isinstance(value, list)
        else [p.strip() for p in str(value).split(arg or ",") if p.strip()]
    ),
    "category_tree": convert_category_tree,
    "key_value_specs": convert_key_value_specs,
    "pick": convert_pick,
    "audience": convert_audience,
    "slug": convert_slug,
}


# --- the field mapping ------------------------------------------------------------------------


def _parse_source(text: str) -> tuple[str, list[tuple[str, str | None]]]:
    """ "column | converter | converter:arg" -> (column, [(converter, arg or None), ...])."""
    column, *steps = (part.strip() for part in text.split("|"))
    if not column:
        raise ValueError(f"source {text!r} names no column")
    parsed: list[tuple[str, str | None]] = []
    for step in steps:
        name, _, argument = step.partition(":")
        name, arg = name.strip(), argument.strip() or None
        if name not in CONVERTERS:
            raise ValueError(f"unknown converter {name!r}; known: {', '.join(CONVERTERS)}")
        if name == "pick" and not arg:
            raise ValueError("pick needs a key, as in pick:Color")
        if name == "category_tree" and arg and not re.fullmatch(r"\d+(-\d+)?", arg):
            raise ValueError("category_tree takes MAX or MIN-MAX levels, as in category_tree:2-3")
        parsed.append((name, arg))
    return column, parsed


class FieldSource(BaseModel):
    """Where one field comes from: sources tried in order, values meaning 'empty', a default.

    With `join`, the text of every source that yields a value is joined with that separator;
    with `lookup`, the value found is translated through that table.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    sources: list[str] = Field(default_factory=list, alias="from")
    null_if: list[Any] = Field(default_factory=list)
    default: Any = None
    join: str | None = None
    lookup: dict[str, Any] = Field(default_factory=dict)
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
        """The first non-empty converted value among the sources (or, with `join`, all of them
        joined), else the default."""
        failure: ValueError | None = None
        found: list[str] = []
        for column, steps in self._parsed:
            value = row.get(column)
            value = value.strip() if isinstance(value, str) else value
            try:
                for name, arg in steps:
                    if is_blank(value) or value in self.null_if:
                        break
                    value = CONVERTERS[name](value, arg)
            except ValueError as exc:
                failure = failure or exc
                continue
            if is_blank(value) or value in self.null_if:
                continue
            if self.lookup:
                if str(value) not in self.lookup:
                    failure = failure or ValueError(f"{short_repr(value)} is not in the lookup")
                    continue
                value = self.lookup[str(value)]
            if self.join is None:
                return value
            found.append(str(value))
        if found and self.join is not None:
            return self.join.join(found)
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
                yaml.safe_load(spec) if spec[:1] in "[{" else spec
            )
        return FieldMapping(description=self.description, fields=fields)

    def used_columns(self) -> set[str]:
        """Every source column some field reads."""
        return {column for source in self.fields.values() for column in source.columns}

    def missing_columns(self, header: Iterable[str]) -> dict[str, list[str]]:
        """Mapped fields whose source columns are all absent from a header (and no default)."""
        present = set(header)
        return {
            name: source.columns
            for name, source in self.fields.items()
            if source.default is None and not present & set(source.columns)
        }

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
    """The mapping file at `path` (or the identity mapping) with `field=SOURCE` overrides."""
    base = FieldMapping.from_yaml(path) if path else FieldMapping.identity()
    return base.with_overrides(overrides)
