"""The cross-language search set: large enough, in all four languages, judged on real products."""

from __future__ import annotations

import json
import re

import pytest

from evaluation.multilingual_queries import (
    DEMO_PRODUCTS,
    LANGUAGES,
    demo_product_texts,
    load_queries,
)

QUERIES = load_queries()
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_set_has_at_least_fifty_distinct_queries():
    assert len(QUERIES) >= 50
    assert len({q.id for q in QUERIES}) == len(QUERIES)
    assert len({q.texts["en"] for q in QUERIES}) == len(QUERIES)


def test_every_query_is_written_in_all_four_languages():
    for query in QUERIES:
        assert set(query.texts) == set(LANGUAGES), query.id
        assert CJK.search(query.texts["zh"]), query.id
        for lang in ("es", "fr"):
            assert query.texts[lang] != query.texts["en"], (query.id, lang)


def test_every_judged_product_is_in_the_demo_catalog_and_one_fully_fits():
    skus = {
        json.loads(line)["sku"]
        for line in DEMO_PRODUCTS.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    for query in QUERIES:
        assert set(query.relevant) <= skus, query.id
        assert 2 in query.relevant.values(), query.id


def test_every_demo_product_has_the_text_the_importer_embeds():
    texts = demo_product_texts()
    assert len(texts) == sum(1 for line in DEMO_PRODUCTS.open(encoding="utf-8") if line.strip())
    assert texts["APP-JKT-0001"].startswith("Kiruna Outdoor Abisko Men's Hooded Down Jacket | ")
    assert "Apparel   Jackets" in texts["APP-JKT-0001"]


@pytest.mark.parametrize(
    ("item", "problem"),
    [
        ({"id": "x", "en": "a", "zh": "甲", "es": "a", "relevant": {"S": 2}}, "exactly the keys"),
        ({"id": "x", "en": "a", "zh": " ", "es": "a", "fr": "a", "relevant": {"S": 2}}, "zh"),
        ({"id": "x", "en": "a", "zh": "甲", "es": "a", "fr": "a", "relevant": {"S": 3}}, "grades"),
        ({"id": "x", "en": "a", "zh": "甲", "es": "a", "fr": "a", "relevant": {}}, "at least one"),
    ],
)
def test_a_malformed_item_is_refused_by_number(tmp_path, item, problem):
    path = tmp_path / "queries.yaml"
    path.write_text(json.dumps([item], ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValueError, match=f"item 1 .*{problem}"):
        load_queries(path)
