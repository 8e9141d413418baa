"""Runs every scripted conversation in tests/dialogues/ against the demo catalog."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from assistant.dialogue import DialogueConfig, DialogueManager
from assistant.knowledge import load_knowledge
from assistant.llm import FakeLLM
from assistant.prompts import PromptLibrary
from assistant.understanding import Understander
from catalog.db import create_schema, make_engine, session_factory
from catalog.demo_loader import DEMO_DIR, resolve_image, seed_demo
from catalog.embedding import HashingEmbedder
from catalog.models import Product
from catalog.search import ProductSearch

DIALOGUES = sorted((Path(__file__).parent / "dialogues").glob("*.yaml"))
EMBEDDER = HashingEmbedder(dimension=4096)  # wide enough that unrelated words rarely collide
STATED_PRICE = re.compile(r"[$₹€£]\s?(\d[\d,]*\.\d\d)")


@pytest.fixture(scope="module")
def demo_sessions(tmp_path_factory):
    if not (DEMO_DIR / "products.jsonl").exists():
        pytest.skip("the demo catalog is not generated")
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite'}")
    create_schema(engine)
    sessions = session_factory(engine)
    with sessions() as session:
        seed_demo(session, EMBEDDER)
    return sessions


class Harness:
    """A dialogue manager over the demo catalog with separate fakes for intent and reply."""

    def __init__(self, sessions) -> None:
        self.sessions = sessions
        self.intent_llm, self.reply_llm = FakeLLM(), FakeLLM()
        prompts = PromptLibrary()
        with sessions() as session:
            knowledge = load_knowledge(session)
        self.manager = DialogueManager(
            llm=self.reply_llm,
            understander=Understander(self.intent_llm, prompts, timeout_s=5),
            search=ProductSearch(sessions, EMBEDDER, min_similarity=0.2),
            knowledge=lambda: knowledge, prompts=prompts, config=DialogueConfig(),
            image_path=resolve_image,
        )
        self.conversation = self.manager.new_conversation()

    def turn(self, step: dict):
        for llm, key in ((self.intent_llm, "model_intent"), (self.reply_llm, "model_reply")):
            llm.clear()
            if key in step:
                llm.enqueue(step[key])
        updates = list(self.manager.respond(self.conversation, step["say"]))
        assert updates and updates[-1].done
        return updates[-1]

    def products(self, ids) -> list[Product]:
        with self.sessions() as session:
            found = {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(ids)))}
        return [found[i] for i in ids]


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
def test_dialogue(path, demo_sessions):
    script = yaml.safe_load(path.read_text(encoding="utf-8"))
    harness = Harness(demo_sessions)
    previous_cheapest = previous_dearest = None
    for number, step in enumerate(script["turns"], 1):
        shown_before = harness.conversation.state.shown_ids
        update = harness.turn(step)
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
