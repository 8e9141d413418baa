"""Generate the demo catalog that ships with the repository.

Writes ``products.jsonl`` (one product per line; a product with sizes has one
variant per size) and ``shoppers.json`` (demo shoppers with their address,
payment methods, interactions and orders) next to this file. Every brand,
product, description and review is invented for this project from the curated
data beside it: ``lines.yaml`` (the product lines), ``vocabulary.yaml`` (brands,
size charts and the sentences descriptions and reviews are built from) and
``shoppers.yaml`` (the demo shoppers). A fixed seed keeps the output
byte-identical between runs::

    .venv/bin/python catalog/demo/generate.py

Each line describes one product type (say, men's and women's road running
shoes) and yields ``count`` products: model, colour and price are drawn at
random, each model keeps one brand and one name pattern, materials and
``price_attrs`` follow the price (cheapest option first), and descriptions and
reviews are assembled from the line's phrases.
"""

from __future__ import annotations

import json
import math
import random
import re
import string
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
SEED = 2026
KINDS = ("view", "click", "like", "dislike", "cart", "purchase", "rating")  # sort order of events

Variant = tuple[str | None, str | None, float]  # (audience, colour, price)


def load(name: str) -> dict[str, Any]:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


VOCABULARY = load("vocabulary.yaml")


@dataclass
class Line:
    """One product type and the curated vocabulary used to invent products of that type.

    The fields are those of an entry in lines.yaml, which describes them.
    """

    path: str
    code: str
    brands: str
    names: list[str]
    models: list[str]
    noun: str
    price: list[float]
    features: list[str]
    uses: list[str]
    likes: list[str]
    dislikes: list[str]
    count: int = 0
    audiences: list[str | None] = field(default_factory=lambda: [None])
    colours: list[str | None] = field(default_factory=lambda: [None])
    materials: list[str | None] = field(default_factory=lambda: [None])
    sizes: str | None = None
    attrs: dict[str, list[Any]] = field(default_factory=dict)
    price_attrs: dict[str, list[Any]] = field(default_factory=dict)
    model_attr: str | None = None
    plan: list[Variant] = field(default_factory=list)  # fixed rows instead of count random ones


def in_metal(line: Line, metal: str) -> Line:
    """The jewellery line made in one metal, which shows in its names, colour and materials."""
    names = [name.replace("{model} ", f"{{model}} {metal} ") for name in line.names]
    materials = VOCABULARY["metal_materials"][metal]
    return replace(line, names=names, colours=[metal.lower()], materials=materials)


def load_lines() -> list[Line]:
    """The product lines of lines.yaml, with plans spelled out and jewellery split by metal."""
    lines = []
    for entry in load("lines.yaml")["lines"]:
        rows = entry.pop("plan", [])
        plan = [(row["audience"], row["colour"], price) for row in rows for price in row["prices"]]
        metals = entry.pop("metals", [])
        line = Line(**entry, plan=plan)
        lines += [in_metal(line, metal) for metal in metals] or [line]
    return lines


@dataclass(frozen=True)
class Taste:
    """Which products a shopper gravitates to (or away from)."""

    paths: tuple[str, ...]  # category prefixes, the most loved first
    audience: str | None = None  # unisex and audience-free items always pass
    colours: tuple[str, ...] = ()  # colour-free items always pass
    max_price: float | None = None

    @classmethod
    def parse(cls, entry: dict[str, Any]) -> Taste:
        return cls(
            **{**entry, "paths": tuple(entry["paths"]), "colours": tuple(entry.get("colours", ()))}
        )

    def rank(self, product: dict[str, Any]) -> int:
        """How central the product is to the taste: the index of its path in paths."""
        return next(i for i, path in enumerate(self.paths) if product["category"].startswith(path))

    def matches(self, product: dict[str, Any]) -> bool:
        return (
            product["category"].startswith(self.paths)
            and (self.audience is None or product["audience"] in (self.audience, "unisex", None))
            and (not self.colours or product["colour"] in (*self.colours, None))
            and (self.max_price is None or product["price"] <= self.max_price)
        )


# --- Products ----------------------------------------------------------------------------


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def unique(make: Callable[[], str], seen: set[str]) -> str:
    """Call make until it returns a value not yet in seen, and remember it."""
    for _ in range(200):
        value = make()
        if value not in seen:
            seen.add(value)
            return value
    raise ValueError(f"could not make a unique value; last try was {value!r}")


def retail_price(rng: random.Random, low: float, high: float) -> float:
    """A log-uniform price rounded up to a retail ending such as 14.99, 44.95 or 249.99."""
    raw = math.exp(rng.uniform(math.log(low), math.log(high)))
    step = 1 if raw < 20 else 5 if raw < 200 else 10
    ending = 0.01 if step == 1 else rng.choice((0.01, 0.01, 0.05))
    return round(math.ceil(raw / step) * step - ending, 2)


def by_price(options: list[Any], price: float, line: Line) -> Any:
    """Pick from options listed cheapest first, by where price falls in the line's range."""
    low, high = line.price
    share = (math.log(price) - math.log(low)) / (math.log(high) - math.log(low))
    return options[min(len(options) - 1, max(0, int(share * len(options))))]


def variants(rng: random.Random, line: Line) -> list[Variant]:
    """(audience, colour, price) for each product of the line."""
    if line.plan:
        rows = list(line.plan)
        rng.shuffle(rows)
        return rows
    return [
        (
            line.audiences[i % len(line.audiences)],
            rng.choice(line.colours),
            retail_price(rng, *line.price),
        )
        for i in range(line.count)
    ]


def sizes_for(rng: random.Random, chart_name: str | None, audience: str | None) -> list[str]:
    """The size run for the audience, sometimes with one size sold out."""
    if chart_name is None:
        return []
    chart = VOCABULARY["size_charts"][chart_name]
    sizes = list(chart.get(audience or "default") or chart["default"])
    if len(sizes) > 4 and rng.random() < 0.3:
        sizes.remove(rng.choice(sizes))
    return sizes


def brand_for(line: Line, model: str) -> str:
    """The brand that makes a model: model families (first words) take the brands in turn."""
    families = list(dict.fromkeys(m.split()[0] for m in line.models))
    brands = VOCABULARY["brands"][line.brands]
    return brands[families.index(model.split()[0]) % len(brands)]


def pick_name(
    rng: random.Random, line: Line, audience: str | None, seen: set[str]
) -> tuple[str, str, str]:
    """Brand, model and a product name that no other product has.

    A model has one brand and one name pattern, so each model appears once per audience.
    """
    for _ in range(200):
        model = rng.choice(line.models)
        brand = brand_for(line, model)
        pattern = line.names[line.models.index(model) % len(line.names)]
        label = VOCABULARY["audience_labels"].get(audience, "")
        name = " ".join(pattern.format(brand=brand, model=model, aud=label).split())
        if name not in seen:
            seen.add(name)
            return brand, model, name
    raise ValueError(f"{line.code}: ran out of unique product names")


def describe(rng: random.Random, line: Line, product: dict[str, Any], model: str) -> str:
    """Two to four sentences: an opener on two features, then use, material, colour or a fact."""
    f1, f2 = rng.sample(line.features, 2)
    opener = rng.choice(VOCABULARY["openers"]).format(
        name=product["name"], brand=product["brand"], model=model, noun=line.noun, f1=f1, f2=f2
    )
    extras = [rng.choice(VOCABULARY["use_sentences"]).format(use=rng.choice(line.uses))]
    if product["material"]:
        sentence = rng.choice(VOCABULARY["material_sentences"])
        extras.append(sentence.format(material=product["material"]))
    if product["colour"]:
        extras.append(rng.choice(VOCABULARY["colour_sentences"]).format(colour=product["colour"]))
    sentences, attributes = VOCABULARY["attribute_sentences"], product["attributes"]
    facts = [key for key, value in attributes.items() if key in sentences and value is not False]
    if facts:
        key = rng.choice(facts)
        extras.append(sentences[key].format(attributes[key]))
    return " ".join([opener, *rng.sample(extras, rng.randint(1, min(3, len(extras))))])


def make_reviews(rng: random.Random, line: Line, rating: float) -> list[dict[str, Any]]:
    """Zero to three reviews whose stars scatter around the product rating."""
    likes, dislikes = rng.sample(line.likes, 3), rng.sample(line.dislikes, 3)
    praise, gripes = VOCABULARY["praise"], VOCABULARY["gripes"]
    reviews = []
    for _ in range(rng.choice((0, 1, 2, 2, 3, 3))):
        stars = min(5, max(1, round(rating + rng.gauss(0, 0.9))))
        if stars >= 4:
            text = likes.pop() + (f" {rng.choice(praise)}" if rng.random() < 0.4 else "")
        elif stars == 3:
            text = f"{likes.pop()} {dislikes.pop()}"
        else:
            text = dislikes.pop() + (f" {rng.choice(gripes)}" if rng.random() < 0.5 else "")
        author = f"{rng.choice(VOCABULARY['first_names'])} {rng.choice('ABCDEFGHJKLMNOPRSTW')}."
        reviews.append({"author": author, "rating": stars, "text": text})
    return reviews


def make_product(
    rng: random.Random, line: Line, sku: str, variant: Variant, seen: set[str]
) -> dict[str, Any]:
    audience, colour, price = variant
    brand, model, name = pick_name(rng, line, audience, seen)
    attributes = {key: rng.choice(options) for key, options in line.attrs.items()}
    attributes |= {key: by_price(options, price, line) for key, options in line.price_attrs.items()}
    if line.model_attr:
        attributes[line.model_attr] = model
    product: dict[str, Any] = {
        "sku": sku,
        "name": name,
        "brand": brand,
        "category": line.path,
        "price": price,
        "currency": "USD",
        "colour": colour,
        "sizes": sizes_for(rng, line.sizes, audience),
        "material": by_price(line.materials, price, line),
        "audience": audience,
        "attributes": attributes,
    }
    product["description"] = unique(lambda: describe(rng, line, product, model), seen)
    rating = None if rng.random() < 0.05 else round(min(5.0, max(1.0, rng.gauss(4.2, 0.45))), 1)
    reviews = [] if rating is None else make_reviews(rng, line, rating)
    popularity = round(math.exp(rng.uniform(0, math.log(2400))))
    stock = 0 if rng.random() < 0.05 else round(math.exp(rng.uniform(math.log(3), math.log(400))))
    product |= {
        "rating": rating,
        "review_count": 0 if rating is None else max(len(reviews), popularity),
        "stock": stock,
        "image": f"images/{slug(line.path.split(' > ')[0])}.svg",
        "reviews": reviews,
    }
    if product["sizes"]:
        product["variants"] = size_variants(product)
    return product


def size_variants(product: dict[str, Any]) -> list[dict[str, Any]]:
    """One orderable item per size, at the product's price, available while it is in stock."""
    return [
        {
            "item_id": f"{product['sku']}-{size}",
            "options": {"size": size},
            "price": product["price"],
            "available": product["stock"] > 0,
        }
        for size in product["sizes"]
    ]


def build_products(rng: random.Random, lines: list[Line]) -> list[dict[str, Any]]:
    products, counters, seen = [], Counter[str](), set[str]()
    for line in lines:
        for variant in variants(rng, line):
            counters[line.code] += 1
            sku = f"{line.code}-{counters[line.code]:04d}"
            products.append(make_product(rng, line, sku, variant, seen))
    return products


# --- Shoppers ----------------------------------------------------------------------------


def event(
    product: dict[str, Any], kind: str, days_ago: int, value: int | None = None
) -> dict[str, Any]:
    return {"sku": product["sku"], "kind": kind, "value": value, "days_ago": days_ago}


def tracking_number(rng: random.Random, carrier: str) -> str:
    fill = {"#": string.digits, "@": string.ascii_uppercase}
    pattern = VOCABULARY["tracking_formats"][carrier]
    return "".join(rng.choice(fill[c]) if c in fill else c for c in pattern)


def make_order(
    rng: random.Random, status: str, days_ago: int, items: list[dict[str, Any]], numbers: set[str]
) -> dict[str, Any]:
    """An order whose carrier, tracking and ETA fit its status (ETA is negative once delivered)."""
    carriers = list(VOCABULARY["tracking_formats"])
    carrier = rng.choice(carriers) if status in ("shipped", "delivered", "returned") else None
    if status == "placed":
        eta_days = rng.randint(4, 7)
    elif status == "shipped":
        eta_days = rng.randint(1, 3)
    elif status == "cancelled":
        eta_days = None
    else:
        eta_days = rng.randint(2, 5) - days_ago
    return {
        "number": unique(lambda: f"SA-{rng.randint(100000, 999999)}", numbers),
        "status": status,
        "days_ago": days_ago,
        "carrier": carrier,
        "tracking_number": tracking_number(rng, carrier) if carrier else None,
        "eta_days": eta_days,
        "lines": [
            {
                "sku": item["sku"],
                "quantity": 2 if item["price"] < 20 and rng.random() < 0.5 else 1,
                **bought_size(item),
            }
            for item in items
        ],
    }


def bought_size(product: dict[str, Any]) -> dict[str, Any]:
    """The options of the item bought: the middle of the product's sizes (no random draw, so
    the rest of the data stays as it was)."""
    sizes = product["sizes"]
    return {"options": {"size": sizes[len(sizes) // 2]}} if sizes else {}


def order_events(
    rng: random.Random, order: dict[str, Any], items: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """View, cart and purchase for each line, then a rating (and dislike) once it has arrived."""
    placed = order["days_ago"]
    events = []
    for item in items:
        events += [
            event(item, "view", placed + rng.randint(1, 6)),
            event(item, "cart", placed),
            event(item, "purchase", placed),
        ]
        if order["status"] == "delivered":
            events.append(
                event(
                    item,
                    "rating",
                    max(0, -order["eta_days"] - rng.randint(1, 5)),
                    rng.choice((4, 5, 5)),
                )
            )
        elif order["status"] == "returned":
            returned = max(0, -order["eta_days"] - rng.randint(2, 6))
            events += [event(item, "rating", returned, 2), event(item, "dislike", returned)]
    return events


def browse_events(
    rng: random.Random, liked: list[dict[str, Any]], disliked: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Browsing around the shopper's taste: views, a few clicks and likes, an abandoned cart."""
    viewed = liked[: rng.randint(4, 6)]
    events = [event(item, "view", rng.randint(0, 45)) for item in viewed]
    for kind, count in (("click", 2), ("like", 2), ("cart", 1)):
        for view in rng.sample(events[: len(viewed)], count):
            events.append({**view, "kind": kind})
    events += [event(item, "dislike", rng.randint(0, 45)) for item in disliked]
    return events


def favourites(
    rng: random.Random, taste: Taste, products: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """In-stock products matching the taste, shuffled so its first paths tend to come first."""
    scored = [
        (taste.rank(p) + 4 * rng.random(), p["sku"], p)
        for p in products
        if taste.matches(p) and p["stock"] > 0
    ]
    return [p for _, _, p in sorted(scored)]


def make_shopper(
    rng: random.Random, spec: dict[str, Any], products: list[dict[str, Any]], numbers: set[str]
) -> dict[str, Any]:
    """A shopper of shoppers.yaml with orders and browsing that fit their tastes."""
    likes, dislikes = Taste.parse(spec["likes"]), Taste.parse(spec["dislikes"])
    disliked = rng.sample([p for p in products if dislikes.matches(p)], 2)
    liked = favourites(rng, likes, [p for p in products if p not in disliked])
    orders, interactions = [], []
    for spec_order in spec["orders"]:
        items = [
            next(p for p in liked if p["category"].startswith(path)) for path in spec_order["paths"]
        ]
        liked = [p for p in liked if p not in items]
        order = make_order(rng, spec_order["status"], spec_order["days_ago"], items, numbers)
        orders.append(order)
        interactions += order_events(rng, order, items)
    interactions += browse_events(rng, liked, disliked)
    interactions.sort(key=lambda e: (-e["days_ago"], KINDS.index(e["kind"]), e["sku"]))
    return {
        "handle": spec["handle"],
        "name": spec["name"],
        "email": f"{spec['handle']}@example.com",
        "address": spec["address"],
        "payment_methods": payment_methods(spec),
        "interactions": interactions,
        "orders": orders,
    }


def payment_methods(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The shopper's credit card (it pays the orders) and gift card, ids after the handle."""
    handle = spec["handle"]
    return [
        {"id": f"credit_card_{handle}", "source": "credit_card", **spec["card"]},
        {"id": f"gift_card_{handle}", "source": "gift_card", "balance": spec["gift_card_balance"]},
    ]


def build_shoppers(
    rng: random.Random, specs: list[dict[str, Any]], products: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    numbers = set[str]()
    return [make_shopper(rng, spec, products, numbers) for spec in specs]


def main() -> None:
    rng = random.Random(SEED)
    products = build_products(rng, load_lines())
    shoppers = build_shoppers(rng, load("shoppers.yaml")["shoppers"], products)
    lines = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in products)
    (HERE / "products.jsonl").write_text(lines, encoding="utf-8", newline="\n")
    document = json.dumps({"shoppers": shoppers}, ensure_ascii=False, indent=2) + "\n"
    (HERE / "shoppers.json").write_text(document, encoding="utf-8", newline="\n")
    print(f"wrote {len(products)} products and {len(shoppers)} shoppers to {HERE}")


if __name__ == "__main__":
    main()
