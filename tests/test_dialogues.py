"""Runs every scripted conversation in tests/dialogues/ against the demo catalog."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from catalog.models import Product

DIALOGUES = sorted((Path(__file__).parent / "dialogues").glob("*.yaml"))
STATED_PRICE = re.compile(r"[$₹€£]\s?(\d[\d,]*\.\d\d)")


def check_products(products: list[Product], spec: dict, previous_cheapest: Decimal | None,
                   previous_dearest: Decimal | None):
    if "count" in spec:
        assert len(products) == spec["count"]
    assert len(products) >= spec.get("min_count", 0)
    for rule, wanted in spec.get("all", {}).items():
        for product in products:
            if rule == "price_at_most":
                ok = product.price <= Decimal(str(wanted))
            elif rule == "price_at_least":
                ok = product.price >= Decimal(str(wanted))
            elif rule == "cheaper_than_previous":
                ok = previous_cheapest is not None and product.price < previous_cheapest
            elif rule == "brand_not":
                ok = (product.brand or "").lower() != wanted.lower()
            elif rule == "colour_not":
                ok = product.colour != wanted
            elif rule == "size":
                ok = f"|{wanted}|" in (product.sizes or "")
            elif rule == "pricier_than_previous":
                ok = previous_dearest is not None and product.price > previous_dearest
            elif rule == "category_under":
                ok = product.category.startswith(wanted)
            elif isinstance(wanted, list):
                ok = getattr(product, rule) in wanted
            else:
                ok = getattr(product, rule) == wanted
            assert ok, f"{product.name} ({product.price}) breaks {rule}={wanted}"


def check_request(request, spec: dict | None):
    if spec is None:
        assert request is None
        return
    assert request is not None
    for field, wanted in spec.items():
        actual = getattr(request, field)
        if isinstance(actual, Decimal) or (field.startswith("price") and wanted is not None):
            assert actual == Decimal(str(wanted)), f"{field}: {actual} != {wanted}"
        elif isinstance(actual, tuple):
            assert list(actual) == wanted, f"{field}: {actual} != {wanted}"
        else:
            assert actual == wanted, f"{field}: {actual!r} != {wanted!r}"


@pytest.mark.parametrize("path", DIALOGUES, ids=[p.stem for p in DIALOGUES])
def test_dialogue(path, harness):
    script = yaml.safe_load(path.read_text(encoding="utf-8"))
    previous_cheapest = previous_dearest = None
    for number, step in enumerate(script["turns"], 1):
        shown_before = harness.conversation.state.shown_ids
        update = harness.turn(step["say"], step.get("model_intent"), step.get("model_reply"))[-1]
        expect = step.get("expect", {})
        context = f"{path.name} turn {number}: {step['say']!r}"
        shown = [c.product_id for c in update.cards]
        for price in STATED_PRICE.findall(update.text):
            assert Decimal(price.replace(",", "")) in {c.price for c in update.cards}, context
        if "request" in expect:
            check_request(harness.conversation.state.request, expect["request"])
        if "products" in expect:
            check_products(harness.products(shown), expect["products"], previous_cheapest,
                           previous_dearest)
        if expect.get("clarifying_question"):
            assert not shown and update.text.rstrip().endswith("?"), context
        text = update.text.lower()
        for needle in expect.get("text_contains", []):
            assert needle.lower() in text, f"{context}: {needle!r} not in {update.text!r}"
        for needle in expect.get("text_excludes", []):
            assert needle.lower() not in text, f"{context}: {needle!r} in {update.text!r}"
        if shown:
            previous_cheapest = min(c.price for c in update.cards)
            previous_dearest = max(c.price for c in update.cards)
        else:
            assert harness.conversation.state.shown_ids in (shown_before, ()), context
