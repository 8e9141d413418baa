"""Reading product files: CSV (or TSV), JSON arrays and JSONL, as numbered `SourceRow`s.

A row is numbered by the physical line where it starts (CSV, JSONL) or by its position in the
array (JSON; a `products` object keyed by id counts in its order), so a rejection can point
at it. A record that cannot be read (bad CSV, bad JSON, bytes the encoding cannot decode)
becomes a row carrying an error instead of data; a file that cannot be read at all raises
`ImportFileError`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from catalog.mapping import REQUIRED_FIELDS, FieldMapping

FORMATS = ("csv", "json", "jsonl")


class ImportFileError(Exception):
    """The file as a whole cannot be imported (unreadable, not JSON, required columns absent)."""


@dataclass(frozen=True)
class SourceRow:
    """One record of the source file: its line (or record number) and data, or why not."""

    line: int
    data: dict[str, Any] | None = None
    error: str | None = None


def detect_format(path: Path) -> str:
    """The format a file's suffix implies (.ndjson is JSONL, .tsv is CSV)."""
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
            yield SourceRow(
                number,
                error=f"not valid {encoding}: byte {raw[exc.start]:#04x} at column {exc.start + 1}",
            )
            continue
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield SourceRow(number, error=f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        yield (
            SourceRow(number, data)
            if isinstance(data, dict)
            else SourceRow(number, error="not a JSON object")
        )


def _json_rows(path: Path, encoding: str) -> list[SourceRow]:
    text = path.read_bytes().decode(encoding, errors="surrogateescape").lstrip("\ufeff")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(f"{path.name} is not valid JSON: {exc}") from None
    if isinstance(data, dict) and isinstance(data.get("products"), list | dict):
        products = data["products"]  # {"products": {id: product}} is τ²-bench's db.json
        data = list(products.values()) if isinstance(products, dict) else products
    if not isinstance(data, list):
        raise ImportFileError(f"{path.name} must hold a JSON array of product objects")
    return [
        SourceRow(n, item) if isinstance(item, dict) else SourceRow(n, error="not a JSON object")
        for n, item in enumerate(data, 1)
    ]


@contextmanager
def open_rows(
    path: Path, fmt: str, encoding: str, mapping: FieldMapping, notes: list[tuple[int, str]]
) -> Iterator[Iterable[SourceRow]]:
    """The file's rows; for CSV, fails early when a required field has no column, and notes
    (on line 1) the mapped fields that no column of the header provides."""
    if fmt not in FORMATS:
        raise ImportFileError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
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
            _check_header(header, mapping, notes)
            yield _csv_rows(reader, header)


def _check_header(header: list[str], mapping: FieldMapping, notes: list[tuple[int, str]]) -> None:
    missing = mapping.missing_columns(header)
    required = {name: cols for name, cols in missing.items() if name in REQUIRED_FIELDS}
    if required:
        wanted = "; ".join(
            f"{name} from {' or '.join(cols) or 'nothing'}" for name, cols in required.items()
        )
        raise ImportFileError(
            f"no column for required field(s): {wanted}. The header has: {', '.join(header)}"
        )
    absent = [name for name, cols in missing.items() if cols]
    if absent:
        notes.append((1, f"left empty, no column in the header: {', '.join(absent)}"))


def undecodable(data: dict[str, Any]) -> str | None:
    """Where a value holds bytes the file's encoding could not decode, if anywhere."""
    for key, value in data.items():
        if isinstance(value, list | dict):
            value = json.dumps(value, ensure_ascii=False, default=str)
        elif not isinstance(value, str):
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            byte = ord(exc.object[exc.start]) - 0xDC00
            return f"undecodable byte {byte:#04x} in column {key!r} (broken encoding)"
    return None
