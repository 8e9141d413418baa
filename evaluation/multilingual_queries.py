"""The cross-language search set and the demo products it is judged against.

`tests/data/multilingual_queries.yaml` holds shopper searches for the demo catalog, each in
English, Chinese, Spanish and French, with the demo SKUs that satisfy the English query graded
2 (right kind, every constraint met) or 1 (right kind, one constraint missed). Products are
embedded from the same text the importer embeds (`catalog.embedding.product_text` over the
validated record). Imported only by tests and benchmarks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from catalog.demo_loader import DEMO_DIR
from catalog.embedding import product_text
from catalog.importer import validate_row
from catalog.mapping import FieldMapping
from catalog.readers import open_rows

DEFAULT_SET = Path(__file__).resolve().parents[1] / "tests" / "data" / "multilingual_queries.yaml"
DEMO_PRODUCTS = DEMO_DIR / "products.jsonl"
LANGUAGES = ("en", "zh", "es", "fr")
GRADES = (1, 2)


@dataclass(frozen=True)
class MultilingualQuery:
    id: str
    texts: dict[str, str]  # language -> the query as a shopper would type it
    relevant: dict[str, int]  # SKU -> grade


def _query(path: Path, number: int, item: object) -> MultilingualQuery:
    keys = {"id", "relevant", *LANGUAGES}
    if not isinstance(item, dict) or set(item) != keys:
        raise ValueError(f"{path}: item {number} must have exactly the keys {sorted(keys)}")
    texts = {lang: str(item[lang]).strip() for lang in LANGUAGES}
    empty = [lang for lang, text in texts.items() if not text]
    relevant = item["relevant"]
    if empty:
        raise ValueError(f"{path}: item {number} has no text for {', '.join(empty)}")
    if not isinstance(relevant, dict) or not relevant:
        raise ValueError(f"{path}: item {number} must judge at least one product")
    bad = {sku: grade for sku, grade in relevant.items() if grade not in GRADES}
    if bad:
        raise ValueError(f"{path}: item {number} has grades outside {GRADES}: {bad}")
    return MultilingualQuery(str(item["id"]), texts, {str(k): v for k, v in relevant.items()})


def load_queries(path: Path = DEFAULT_SET) -> list[MultilingualQuery]:
    """The cross-language queries; ValueError naming the item for a malformed one."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [_query(path, number, item) for number, item in enumerate(items, 1)]


def demo_product_texts(path: Path = DEMO_PRODUCTS) -> dict[str, str]:
    """SKU -> the text the importer embeds, for every product of the demo catalog."""
    mapping = FieldMapping.identity()
    seen: dict[str, int] = {}
    texts = {}
    with open_rows(path, "jsonl", "utf-8", mapping, []) as rows:
        for row in rows:
            record, reason = validate_row(row, mapping, seen)
            if record is None:
                raise ValueError(f"{path}: line {row.line}: {reason}")
            texts[record.sku] = product_text(
                record.name,
                record.brand,
                record.category,
                record.colour,
                record.audience,
                record.description,
            )
    return texts
