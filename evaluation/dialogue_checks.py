"""What a scripted dialogue turn must show: the `expect:` block of tests/dialogues/*.yaml.

`check_turn` compares one finished turn (its `TurnFacts`: the last update, the carried request,
the cards' database rows, the cart, the orders it created) with the turn's expectations and
returns the problems found, as sentences; an empty list means the turn passed.
`validate_expect` rejects unknown keys when a script is loaded, so a typo cannot pass silently.
The format is documented in tests/dialogues/README.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from assistant.dialogue.next_action import Action
from assistant.dialogue.turns import TurnUpdate
from assistant.facts.cards import ProductCard
from assistant.facts.money import format_price
from assistant.store.cart import Cart
from assistant.understanding.schema import Intent
from catalog.models import OrderStatus, Product
from catalog.request import SearchRequest
from evaluation.attribute_facets import facet_holds


class ScriptError(ValueError):
    """A dialogue script that cannot be run as written (unknown key, bad value)."""


@dataclass(frozen=True)
class PlacedOrder:
    number: str
    total: Decimal
    shopper: str  # the demo shopper's handle


@dataclass(frozen=True)
class TurnFacts:
    """One finished turn and what it left behind; `earlier` holds every earlier turn's cards."""

    update: TurnUpdate
    shopper: str | None
    request: SearchRequest | None
    products: list[Product]
    cart: Cart
    new_orders: list[PlacedOrder]
    earlier: Sequence[tuple[ProductCard, ...]]
    previous_cheapest: Decimal | None
    previous_dearest: Decimal | None
    order_statuses: Mapping[str, str] = field(default_factory=dict)  # number -> status value


Predicate = Callable[[Product, Any, TurnFacts], bool]


def _money(value: Any) -> Decimal:
    return Decimal(str(value))


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _words(value: Any) -> list[str]:
    return [str(v).lower() for v in _listed(value)]


PREDICATES: dict[str, Predicate] = {
    "price_at_most": lambda p, v, f: p.price <= _money(v),
    "price_at_least": lambda p, v, f: p.price >= _money(v),
    "cheaper_than_previous": lambda p, v, f: (
        f.previous_cheapest is not None and p.price < f.previous_cheapest
    ),
    "pricier_than_previous": lambda p, v, f: (
        f.previous_dearest is not None and p.price > f.previous_dearest
    ),
    "brand_not": lambda p, v, f: (p.brand or "").lower() not in _words(v),
    "colour_not": lambda p, v, f: (p.colour or "").lower() not in _words(v),
    "material_not": lambda p, v, f: not any(w in (p.material or "").lower() for w in _words(v)),
    "name_contains": lambda p, v, f: all(w in p.name.lower() for w in _words(v)),
    "size": lambda p, v, f: str(v) in p.size_list,
    "category_under": lambda p, v, f: p.category.startswith(str(v)),
    "rating_at_least": lambda p, v, f: (p.rating or 0) >= float(v),
    "in_stock": lambda p, v, f: (p.stock > 0) == bool(v),
    "meets": lambda p, v, f: all(facet_holds(str(facet), p.attributes) for facet in _listed(v)),
}
EXPECT_KEYS = {
    "intent",
    "move",
    "request",
    "products",
    "cart",
    "order_placed",
    "order_status",
    "clarifying_question",
    "text_contains",
    "text_contains_any",
    "text_starts_with",
    "text_excludes",
    "forbidden",
}
PRODUCT_KEYS = {
    "count",
    "min_count",
    "max_count",
    "all",
    "ids",
    "skus",
    "includes_sku",
    "shown_on_turn",
    "not_shown_on_turn",
}
CART_KEYS = {"count", "items", "subtotal"}
POSITIONS = ("cheapest", "dearest")


def validate_expect(expect: Any, turn: int) -> None:
    """Raise `ScriptError` for an expectation of turn `turn` this module cannot check."""
    if not isinstance(expect, dict):
        raise ScriptError(f"expect must be a mapping, not {expect!r}")
    _known(expect, EXPECT_KEYS, "expect")
    for key in ("text_contains", "text_excludes"):
        odd = [item for item in expect.get(key) or [] if not isinstance(item, str)]
        if odd:  # "(size: M)" unquoted in a YAML list reads as a mapping
            raise ScriptError(f"{key} of turn {turn} holds non-text {odd!r}: quote it")
    if "intent" in expect and expect["intent"] not in {i.value for i in Intent}:
        raise ScriptError(f"unknown intent {expect['intent']!r}")
    if "move" in expect and expect["move"] not in {a.value for a in Action}:
        raise ScriptError(f"unknown move {expect['move']!r}")
    products = expect.get("products") or {}
    _known(products, PRODUCT_KEYS, "expect.products")
    for rule in products.get("all", {}):
        if rule not in PREDICATES and rule not in Product.__table__.columns:
            raise ScriptError(f"unknown product predicate {rule!r}")
    _known(expect.get("cart") or {}, CART_KEYS, "expect.cart")
    statuses = {s.value for s in OrderStatus}
    for number, status in (expect.get("order_status") or {}).items():
        if status not in statuses:
            raise ScriptError(f"unknown order status {status!r} for {number}")
    items = (expect.get("cart") or {}).get("items", [])
    for item in items:
        _known(item, {"sku", "turn", "position", "quantity"}, "expect.cart.items[]")
    for position in [i.get("position") for i in items if "sku" not in i] + (
        products.get("shown_on_turn") or {}
    ).get("positions", []):
        if not isinstance(position, int) and position not in POSITIONS:
            raise ScriptError(f"a position is a number from 1, cheapest or dearest: {position!r}")
    references = [products.get("shown_on_turn"), *items]
    earlier = [r.get("turn") for r in references if r and "sku" not in r]
    earlier += _listed(products.get("not_shown_on_turn", []))
    if not all(isinstance(t, int) and 1 <= t < turn for t in earlier):
        raise ScriptError(f"turn {turn} refers to a turn that is not an earlier one")


def _known(spec: Any, keys: set[str], where: str) -> None:
    if not isinstance(spec, dict):
        raise ScriptError(f"{where} must be a mapping, not {spec!r}")
    unknown = set(spec) - keys
    if unknown:
        raise ScriptError(f"unknown key(s) in {where}: {', '.join(sorted(unknown))}")


def check_turn(expect: dict, facts: TurnFacts) -> list[str]:
    """Every way the turn differs from `expect` (validated by `validate_expect`)."""
    update = facts.update
    problems: list[str] = []
    for key in ("intent", "move"):
        if key in expect and getattr(update, key) != expect[key]:
            problems.append(f"{key} {getattr(update, key)!r}, expected {expect[key]!r}")
    if "request" in expect:
        problems += check_request(facts.request, expect["request"])
    if "products" in expect:
        problems += check_products(expect["products"], facts)
    if "cart" in expect:
        problems += check_cart(expect["cart"], facts)
    if "order_placed" in expect:
        problems += check_order(expect["order_placed"], facts)
    for number, status in (expect.get("order_status") or {}).items():
        if facts.order_statuses.get(number) != status:
            problems.append(
                f"order {number} is {facts.order_statuses.get(number)!r}, expected {status!r}"
            )
    if expect.get("clarifying_question") and (
        update.cards or not update.text.rstrip().endswith("?")
    ):
        problems.append(f"expected a clarifying question, got {update.text!r}")
    return problems + check_text(expect, update.text)


def check_text(expect: dict, text: str) -> list[str]:
    lowered, problems = text.lower(), []
    for needle in expect.get("text_contains", []):
        if needle.lower() not in lowered:
            problems.append(f"{needle!r} not in {text!r}")
    anyof = expect.get("text_contains_any", [])
    if anyof and not any(needle.lower() in lowered for needle in anyof):
        problems.append(f"none of {anyof!r} in {text!r}")
    start = expect.get("text_starts_with")
    if start and not lowered.lstrip().startswith(start.lower()):
        problems.append(f"{text!r} does not start with {start!r}")
    for needle in [*expect.get("text_excludes", []), *expect.get("forbidden", [])]:
        if needle.lower() in lowered:
            problems.append(f"forbidden {needle!r} in {text!r}")
    return problems


def check_request(request: SearchRequest | None, spec: dict | None) -> list[str]:
    if spec is None:
        return [] if request is None else [f"expected no request, got {request}"]
    if request is None:
        return ["expected a request, got none"]
    problems = []
    for name, wanted in spec.items():
        actual = getattr(request, name)
        if wanted is not None and (isinstance(actual, Decimal) or name.startswith("price")):
            wanted = _money(wanted)
        elif name == "facets":
            actual = [str(facet) for facet in actual]
        elif isinstance(actual, tuple):
            actual = list(actual)
        if actual != wanted:
            problems.append(f"request {name}: {actual!r}, expected {wanted!r}")
    return problems


def check_products(spec: dict, facts: TurnFacts) -> list[str]:
    products = facts.products
    skus = [p.sku for p in products]
    problems = []
    if "count" in spec and len(products) != spec["count"]:
        problems.append(f"{len(products)} products shown, expected {spec['count']}: {skus}")
    if len(products) < spec.get("min_count", 0):
        problems.append(f"{len(products)} products shown, expected at least {spec['min_count']}")
    if len(products) > spec.get("max_count", len(products)):
        problems.append(f"{len(products)} products shown, expected at most {spec['max_count']}")
    if "ids" in spec and [p.id for p in products] != spec["ids"]:
        problems.append(f"product ids {[p.id for p in products]}, expected {spec['ids']}")
    if "skus" in spec and skus != spec["skus"]:
        problems.append(f"products {skus}, expected {spec['skus']}")
    for sku in _words(spec["includes_sku"]) if "includes_sku" in spec else []:
        if sku not in {s.lower() for s in skus}:
            problems.append(f"{sku.upper()} not among the products shown: {skus}")
    if "shown_on_turn" in spec:
        where = spec["shown_on_turn"]
        wanted = [_earlier_sku(facts, where["turn"], position) for position in where["positions"]]
        if skus != wanted:
            problems.append(
                f"products {skus}, expected {wanted} (turn {where['turn']} "
                f"positions {where['positions']})"
            )
    for turn in _listed(spec.get("not_shown_on_turn", [])):
        again = set(skus) & {c.sku for c in facts.earlier[turn - 1]}
        if again:
            problems.append(f"{sorted(again)} were already shown on turn {turn}")
    for rule, wanted in spec.get("all", {}).items():
        for product in products:
            check = PREDICATES.get(rule)
            ok = (
                check(product, wanted, facts)
                if check
                else getattr(product, rule) in wanted
                if isinstance(wanted, list)
                else getattr(product, rule) == wanted
            )
            if not ok:
                problems.append(
                    f"{product.sku} {product.name} ({product.price}) breaks {rule}={wanted}"
                )
    return problems


def check_cart(spec: dict, facts: TurnFacts) -> list[str]:
    items = facts.cart.items
    lines = {item.sku: item.quantity for item in items}
    problems = []
    if "count" in spec and len(items) != spec["count"]:
        problems.append(f"{len(items)} cart lines, expected {spec['count']}: {lines}")
    if "items" in spec:
        wanted = {
            (
                item["sku"]
                if "sku" in item
                else _earlier_sku(facts, item["turn"], item["position"])
            ): item.get("quantity", 1)
            for item in spec["items"]
        }
        if lines != wanted:
            problems.append(f"cart {lines}, expected {wanted}")
    if "subtotal" in spec and facts.cart.subtotal != _money(spec["subtotal"]):
        problems.append(f"cart subtotal {facts.cart.subtotal}, expected {spec['subtotal']}")
    return problems


def check_order(placed: bool, facts: TurnFacts) -> list[str]:
    orders, text = facts.new_orders, facts.update.text
    if not placed:
        return [f"unexpected order {o.number}" for o in orders]
    if len(orders) != 1 or orders[0].shopper != facts.shopper:
        return [f"orders placed: {orders}, expected one for {facts.shopper}"]
    total = format_price(orders[0].total)
    return [
        f"{needle} not in {text!r}" for needle in (orders[0].number, total) if needle not in text
    ]


def _earlier_sku(facts: TurnFacts, turn: int, position: int | str) -> str:
    """The SKU of a card of an earlier turn: by number from 1, or "cheapest" / "dearest"."""
    cards = facts.earlier[turn - 1]
    if position in POSITIONS and cards:
        pick = min if position == "cheapest" else max
        return pick(cards, key=lambda card: card.price).sku
    if not isinstance(position, int) or not 1 <= position <= len(cards):
        return f"<turn {turn} showed only {len(cards)} products>"
    return cards[position - 1].sku
