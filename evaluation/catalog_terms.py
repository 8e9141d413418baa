"""Scoring how well shoppers are understood in each catalog's own terms (issue 13).

The labelled set (tests/data/catalog_requests.yaml) holds shopper requests over several
catalogs, each with the gold product type (a catalog path), attribute facets
("<attribute key><op><value>", op one of `=`, `>=`, `<=`, `~`), price bounds and colours.

- `load_requests` reads and checks the format; `label_problems` checks every label against the
  imported catalog (the path exists, each facet's key is an attribute of that category, some
  product meets every constraint of the request).
- facets are read and evaluated by evaluation.attribute_facets (`facet_holds`).
- `score_requests` parses each text with the deterministic parse over the catalog's own
  vocabulary and counts: product type (exact path and same top level), facet precision and
  recall over normalised facet strings, price and colour slots, and, given what is shown for a
  request (`search_shows`: the dialogue's search over `new_request(parsed)`; `dialogue_shows`:
  the cards a dialogue manager shows), hard-constraint satisfaction: the share of answered
  requests whose every shown card meets every gold constraint.

Imported only by tests and benchmarks; it opens no catalog itself (benchmarks.score_catalog_terms
does).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.dialogue.manager import DialogueConfig, DialogueManager
from assistant.dialogue.next_action import new_request
from assistant.facts.knowledge import load_knowledge
from assistant.understanding.parsing import ParsedMessage, parse_message
from assistant.understanding.vocabulary import CatalogVocabulary
from catalog.embedding import Embedder
from catalog.models import Product
from catalog.search import ProductSearch
from evaluation.attribute_facets import (
    Facet,
    FacetError,
    attribute_value,
    facet_holds,
    is_range,
    normalise_facet,
    stored_number,
)

DEFAULT_SET = Path(__file__).resolve().parents[1] / "tests" / "data" / "catalog_requests.yaml"
CATALOGS = ("demo", "flipkart", "mgshopdial", "wands")
ITEM_KEYS = frozenset(
    (
        "catalog",
        "text",
        "category",
        "facets",
        "price_min",
        "price_max",
        "colours",
        "excluded_colours",
    )
)


class LabelError(ValueError):
    """A labelled request that does not fit the format."""


# ---------------------------------------------------------------- the labelled set


@dataclass(frozen=True)
class CatalogRequest:
    """One shopper request in one catalog, with its gold reading."""

    catalog: str
    text: str
    category: str
    facets: tuple[str, ...] = ()
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    colours: frozenset[str] = frozenset()
    excluded_colours: frozenset[str] = frozenset()
    source: str = ""  # "catalog_requests.yaml item 12"


def load_requests(path: Path = DEFAULT_SET) -> list[CatalogRequest]:
    """Read the labelled set; LabelError naming the item on any malformed label."""
    items = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(items, list):
        raise LabelError(f"{path}: expected a list of requests")
    requests = []
    for number, item in enumerate(items, start=1):
        where = f"{Path(path).name} item {number}"
        try:
            requests.append(parse_request(item, where))
        except LabelError as exc:
            raise LabelError(f"{where}: {exc}") from exc
    return requests


def parse_request(item: Any, where: str = "") -> CatalogRequest:
    """One mapping of the YAML as a `CatalogRequest`; LabelError when it breaks the format."""
    if not isinstance(item, dict):
        raise LabelError(f"expected a mapping, got {type(item).__name__}")
    if unknown := set(item) - ITEM_KEYS:
        raise LabelError(f"unknown keys {sorted(unknown)}")
    if item.get("catalog") not in CATALOGS:
        raise LabelError(f"catalog must be one of {CATALOGS}, got {item.get('catalog')!r}")
    text, category = item.get("text"), item.get("category")
    if not isinstance(text, str) or not text.strip():
        raise LabelError(f"text must be a non-empty string, got {text!r}")
    if not isinstance(category, str) or not category.strip():
        raise LabelError(f"category must be a catalog path, got {category!r}")
    facets = _string_list(item, "facets")
    for facet in facets:
        try:
            Facet.parse(facet)
        except FacetError as exc:
            raise LabelError(str(exc)) from exc
    price_min, price_max = _price(item, "price_min"), _price(item, "price_max")
    if price_min is not None and price_max is not None and price_min > price_max:
        raise LabelError(f"price_min {price_min} is above price_max {price_max}")
    colours = frozenset(_string_list(item, "colours"))
    excluded = frozenset(_string_list(item, "excluded_colours"))
    if colours & excluded:
        raise LabelError(f"colours both wanted and excluded: {sorted(colours & excluded)}")
    return CatalogRequest(
        item["catalog"], text, category, facets, price_min, price_max, colours, excluded, where
    )


def _string_list(item: Mapping[str, Any], name: str) -> tuple[str, ...]:
    values = item.get(name) or []
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise LabelError(f"{name} must be a list of non-empty strings, got {values!r}")
    if name != "facets" and any(v != v.strip().lower() for v in values):
        raise LabelError(f"{name} must be lower case: {values!r}")
    return tuple(values)


def _price(item: Mapping[str, Any], name: str) -> Decimal | None:
    value = item.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise LabelError(f"{name} must be a number, got {value!r}")
    try:
        price = Decimal(str(value))
    except InvalidOperation as exc:
        raise LabelError(f"{name} must be a number, got {value!r}") from exc
    if not price.is_finite() or price < 0:
        raise LabelError(f"{name} must be a number >= 0, got {value!r}")
    return price


# ---------------------------------------------------------------- labels against the catalog


def catalog_products(session: Session) -> list[Product]:
    """Every product of the catalog (what the labels are checked against)."""
    return list(session.scalars(select(Product)))


def in_category(path: str, gold: str) -> bool:
    """Is a product of `path` within the gold category (the path itself or below it)?"""
    path, gold = path.strip().casefold(), gold.strip().casefold()
    return path == gold or path.startswith(gold + " > ")


def label_problems(requests: Iterable[CatalogRequest], products: Sequence[Product]) -> list[str]:
    """Labels that the catalog cannot bear out; empty when all is well.

    The category must be a path of the catalog or the parent of one, as stored; each facet's
    key must be an attribute of a product in that category, and `>=`, `<=` and `~` need one
    such product whose value is a number (a range for `~`); and at least one product must meet
    every constraint of the request, so a shown card that breaks one is the assistant's fault.
    """
    problems = []
    paths = {product.category for product in products}
    for request in requests:
        where = f"{request.source} ({request.text!r})"
        if not any(p == request.category or p.startswith(request.category + " > ") for p in paths):
            problems.append(f"{where}: category {request.category!r} is not a catalog path")
            continue
        members = [p for p in products if in_category(p.category, request.category)]
        found = len(problems)
        for text in request.facets:
            facet = Facet.parse(text)
            values = [
                v
                for p in members
                if (v := attribute_value(p.attributes or {}, facet.key)) is not None
            ]
            if not values:
                problems.append(f"{where}: no product in {request.category!r} has {facet.key!r}")
            elif facet.op in (">=", "<=") and all(stored_number(v) is None for v in values):
                problems.append(f"{where}: {facet.key!r} is never a number in the category")
            elif facet.op == "~" and not any(is_range(v) for v in values):
                problems.append(f"{where}: {facet.key!r} is never a range in the category")
        if len(problems) == found and all(card_violations(request, p) for p in members):
            problems.append(f"{where}: no product meets every constraint")
    return problems


# ---------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Reading:
    """What was read from a request's text: the slots scored here."""

    category: str | None = None
    facets: frozenset[str] = frozenset()  # normalised
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    colours: frozenset[str] = frozenset()
    excluded_colours: frozenset[str] = frozenset()


def gold_reading(request: CatalogRequest) -> Reading:
    return Reading(
        request.category,
        frozenset(normalise_facet(f) for f in request.facets),
        request.price_min,
        request.price_max,
        request.colours,
        request.excluded_colours,
    )


def slots_reading(slots: Any) -> Reading:
    """The scored slots of an `assistant.understanding.schema.Slots` (facets when it has them)."""
    return Reading(
        slots.category,
        frozenset(normalise_facet(f) for f in getattr(slots, "facets", None) or []),
        slots.price_min,
        slots.price_max,
        frozenset(c.lower() for c in slots.colours),
        frozenset(c.lower() for c in slots.excluded_colours),
    )


@dataclass(frozen=True)
class RequestScore:
    """One request scored: the gold and predicted readings, and the cards' violations."""

    request: CatalogRequest
    predicted: Reading
    violations: tuple[str, ...] | None = None  # None: not searched or nothing shown

    @property
    def gold(self) -> Reading:
        return gold_reading(self.request)

    @property
    def category_exact(self) -> bool:
        return _same_path(self.predicted.category, self.request.category)

    @property
    def category_top(self) -> bool:
        top = self.request.category.split(">")[0]
        return _same_path((self.predicted.category or "").split(">")[0], top)

    @property
    def price_touched(self) -> bool:
        return _has_price(self.gold) or _has_price(self.predicted)

    @property
    def price_right(self) -> bool:
        return (self.gold.price_min, self.gold.price_max) == (
            self.predicted.price_min,
            self.predicted.price_max,
        )

    @property
    def colour_touched(self) -> bool:
        return bool(self.gold.colours or self.gold.excluded_colours) or bool(
            self.predicted.colours or self.predicted.excluded_colours
        )

    @property
    def colour_right(self) -> bool:
        gold, predicted = self.gold, self.predicted
        return (gold.colours, gold.excluded_colours) == (
            predicted.colours,
            predicted.excluded_colours,
        )

    @property
    def perfect(self) -> bool:
        """Everything scored here read right (and the cards, if any, honour the constraints)."""
        return (
            self.category_exact
            and self.gold.facets == self.predicted.facets
            and self.price_right
            and self.colour_right
            and not self.violations
        )


def _same_path(predicted: str | None, gold: str) -> bool:
    return predicted is not None and predicted.strip().casefold() == gold.strip().casefold()


def _has_price(reading: Reading) -> bool:
    return reading.price_min is not None or reading.price_max is not None


@dataclass
class CatalogScore:
    """The counts for one catalog (or all of them added up)."""

    requests: int = 0
    category_exact: int = 0
    category_top: int = 0
    facets_matched: int = 0
    facets_predicted: int = 0
    facets_expected: int = 0
    price_touched: int = 0
    price_right: int = 0
    colour_touched: int = 0
    colour_right: int = 0
    searched: int = 0
    answered: int = 0
    all_cards_satisfy: int = 0
    scores: list[RequestScore] = field(default_factory=list)

    def add(self, score: RequestScore) -> None:
        gold, predicted = score.gold, score.predicted
        self.requests += 1
        self.category_exact += score.category_exact
        self.category_top += score.category_top
        self.facets_matched += len(gold.facets & predicted.facets)
        self.facets_predicted += len(predicted.facets)
        self.facets_expected += len(gold.facets)
        if score.price_touched:
            self.price_touched += 1
            self.price_right += score.price_right
        if score.colour_touched:
            self.colour_touched += 1
            self.colour_right += score.colour_right
        self.scores.append(score)

    def add_search(self, violations: tuple[str, ...] | None) -> None:
        self.searched += 1
        if violations is not None:
            self.answered += 1
            self.all_cards_satisfy += not violations

    def merged(self, other: CatalogScore) -> CatalogScore:
        total = CatalogScore()
        for name in COUNT_FIELDS:
            setattr(total, name, getattr(self, name) + getattr(other, name))
        total.scores = self.scores + other.scores
        return total

    def summary(self) -> dict[str, float | int | None]:
        """The counts and the rates made from them (None where nothing was counted)."""
        return {
            **{name: getattr(self, name) for name in COUNT_FIELDS},
            "category_accuracy": _rate(self.category_exact, self.requests),
            "top_level_accuracy": _rate(self.category_top, self.requests),
            "facet_precision": _rate(self.facets_matched, self.facets_predicted),
            "facet_recall": _rate(self.facets_matched, self.facets_expected),
            "price_accuracy": _rate(self.price_right, self.price_touched),
            "colour_accuracy": _rate(self.colour_right, self.colour_touched),
            "hard_constraint_satisfaction": _rate(self.all_cards_satisfy, self.answered),
        }


COUNT_FIELDS = (
    "requests",
    "category_exact",
    "category_top",
    "facets_matched",
    "facets_predicted",
    "facets_expected",
    "price_touched",
    "price_right",
    "colour_touched",
    "colour_right",
    "searched",
    "answered",
    "all_cards_satisfy",
)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def card_violations(request: CatalogRequest, product: Product) -> list[str]:
    """The gold constraints a shown product breaks, each named ("price 89.99 > 70")."""
    broken = []
    if not in_category(product.category, request.category):
        broken.append(f"category {product.category!r}")
    if request.price_min is not None and product.price < request.price_min:
        broken.append(f"price {product.price} < {request.price_min}")
    if request.price_max is not None and product.price > request.price_max:
        broken.append(f"price {product.price} > {request.price_max}")
    colour_words = set(re.findall(r"[a-z]+", (product.colour or "").lower()))
    if request.colours and not colour_words & request.colours:
        broken.append(f"colour {product.colour!r}")
    if colour_words & request.excluded_colours:
        broken.append(f"excluded colour {product.colour!r}")
    broken += [f"facet {f}" for f in request.facets if not facet_holds(f, product.attributes)]
    return broken


Shows = Callable[[str, ParsedMessage], Sequence[Product]]  # (text, its parse) → cards shown


def search_shows(search: ProductSearch, cards: int = DialogueConfig().results_per_turn) -> Shows:
    """The cards the dialogue's search finds for a first request: `new_request(parsed)`."""

    def show(text: str, parsed: ParsedMessage) -> list[Product]:
        return [hit.product for hit in search.search(new_request(parsed), cards)]

    return show


def dialogue_shows(manager: DialogueManager, sessions: sessionmaker[Session]) -> Shows:
    """The cards a dialogue manager shows when the request opens a new conversation."""

    def show(text: str, parsed: ParsedMessage) -> list[Product]:
        updates = list(manager.respond(manager.new_conversation(), text))
        ids = [card.product_id for card in updates[-1].cards] if updates else []
        with sessions() as session:
            found = {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(ids)))}
        return [found[i] for i in ids]

    return show


def score_requests(
    requests: Iterable[CatalogRequest], vocabulary: CatalogVocabulary, show: Shows | None = None
) -> CatalogScore:
    """Parse each request over the catalog's vocabulary and count; with `show`, also check
    every card shown for it against the gold constraints."""
    result = CatalogScore()
    for request in requests:
        parsed = parse_message(request.text, vocabulary)
        violations = None
        if show is not None:
            shown = show(request.text, parsed)
            if shown:
                violations = tuple(
                    f"{product.sku}: {problem}"
                    for product in shown
                    for problem in card_violations(request, product)
                )
            result.add_search(violations)
        result.add(RequestScore(request, slots_reading(parsed.slots), violations))
    return result


def score_catalog(
    requests: Iterable[CatalogRequest],
    sessions: sessionmaker[Session],
    show: Shows | None,
    embedder: Embedder | None = None,
) -> CatalogScore:
    """`score_requests` with the vocabulary read from the catalog in `sessions`, once; with
    the `embedder` the assistant runs with, attributes are also read by meaning."""
    with sessions() as session:
        vocabulary = load_knowledge(session, embedder).vocabulary
    return score_requests(requests, vocabulary, show)
