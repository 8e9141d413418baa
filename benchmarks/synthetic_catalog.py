"""A deterministic generator of synthetic product catalogs of any size, for scale benchmarks.

    python -m benchmarks.synthetic_catalog 100000 products.jsonl [--seed 7]

Products are drawn from a fixed vocabulary (departments, product kinds, brands, adjectives,
materials, colours) with a seeded generator, so the same size and seed give byte-identical
files. Records use the catalog's own field names (import them with the identity mapping).
`QUERIES` are shopper-style queries over the same vocabulary.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator, Sequence
from pathlib import Path

KINDS: dict[str, tuple[str, ...]] = {
    "Furniture > Tables": ("dining table", "coffee table", "side table", "console table"),
    "Furniture > Chairs": ("armchair", "office chair", "bar stool", "rocking chair"),
    "Furniture > Storage": ("bookcase", "dresser", "wardrobe", "shoe rack"),
    "Furniture > Beds": ("platform bed", "bunk bed", "daybed", "headboard"),
    "Lighting": ("floor lamp", "table lamp", "pendant light", "wall sconce"),
    "Kitchen > Cookware": ("frying pan", "stock pot", "dutch oven", "saucepan"),
    "Kitchen > Appliances": ("blender", "toaster", "coffee maker", "kettle"),
    "Home > Textiles": ("area rug", "throw blanket", "curtain panel", "duvet cover"),
    "Home > Decor": ("wall mirror", "vase", "picture frame", "wall clock"),
    "Shoes > Running": ("running shoe", "trail shoe", "racing flat"),
    "Shoes > Casual": ("sneaker", "loafer", "sandal", "slip-on"),
    "Apparel > Jackets": ("rain jacket", "down jacket", "fleece jacket", "windbreaker"),
    "Apparel > Tops": ("t-shirt", "hoodie", "sweater", "polo shirt"),
    "Electronics > Audio": ("headphones", "earbuds", "bluetooth speaker", "soundbar"),
    "Sports > Camping": ("tent", "sleeping bag", "camping chair", "headlamp"),
    "Garden": ("garden hose", "planter", "patio umbrella", "bird feeder"),
}
ADJECTIVES = (
    "modern",
    "rustic",
    "compact",
    "classic",
    "industrial",
    "vintage",
    "minimalist",
    "cozy",
    "sturdy",
    "lightweight",
    "premium",
    "foldable",
    "adjustable",
    "slim",
    "oversized",
    "handmade",
    "waterproof",
    "ergonomic",
    "portable",
    "elegant",
)
MATERIALS = (
    "oak",
    "walnut",
    "pine",
    "metal",
    "steel",
    "glass",
    "leather",
    "cotton",
    "linen",
    "wool",
    "bamboo",
    "ceramic",
    "velvet",
    "nylon",
    "polyester",
    "marble",
)
COLOURS = (
    "black",
    "white",
    "grey",
    "blue",
    "red",
    "green",
    "brown",
    "beige",
    "navy",
    "pink",
    "yellow",
    "orange",
)
FEATURES = (
    "easy to assemble",
    "machine washable",
    "scratch resistant",
    "energy efficient",
    "non-slip feet",
    "soft-close drawers",
    "two-year warranty",
    "quick-dry fabric",
    "stain resistant",
    "reinforced stitching",
    "space saving",
    "eco-friendly finish",
)
SYLLABLES = (
    "al",
    "bo",
    "cra",
    "dor",
    "el",
    "fin",
    "gar",
    "hal",
    "ira",
    "jun",
    "kel",
    "lum",
    "mor",
    "nor",
    "ost",
    "pel",
    "quin",
    "ros",
    "sil",
    "tor",
    "ul",
    "ven",
    "wil",
    "zan",
)
AUDIENCES = ("men", "women", "kids", "unisex", None)
SIZES = {"Shoes": ("6", "7", "8", "9", "10", "11", "12"), "Apparel": ("XS", "S", "M", "L", "XL")}

QUERIES: tuple[str, ...] = (
    "oak dining table",
    "modern coffee table",
    "office chair ergonomic",
    "walnut bookcase",
    "platform bed",
    "floor lamp brass",
    "cast iron dutch oven",
    "coffee maker",
    "wool area rug",
    "velvet armchair",
    "waterproof rain jacket",
    "trail running shoe",
    "wireless earbuds",
    "bluetooth speaker portable",
    "camping tent",
    "garden hose",
    "linen duvet cover",
    "minimalist wall mirror",
    "kids bunk bed",
    "leather loafer",
    "lightweight down jacket",
    "ceramic vase",
    "bar stool metal",
    "pendant light glass",
    "hoodie cotton",
)


def brand_names(count: int = 300, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    names: set[str] = set()
    while len(names) < count:
        names.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title())
    return sorted(names)


def products(count: int, seed: int = 7) -> Iterator[dict[str, object]]:
    """`count` product records, the same for the same seed."""
    rng = random.Random(seed)
    brands = brand_names(seed=seed)
    categories = sorted(KINDS)
    for i in range(count):
        category = rng.choice(categories)
        noun = rng.choice(KINDS[category])
        adjective, material = rng.choice(ADJECTIVES), rng.choice(MATERIALS)
        brand, colour = rng.choice(brands), rng.choice(COLOURS)
        features = rng.sample(FEATURES, 2)
        record: dict[str, object] = {
            "sku": f"SYN-{i:07d}",
            "name": f"{brand} {adjective.title()} {material.title()} {noun.title()}",
            "brand": brand,
            "category": category,
            "price": round(rng.lognormvariate(4.0, 0.8), 2),
            "colour": colour,
            "material": material,
            "audience": rng.choice(AUDIENCES),
            "description": (
                f"A {adjective} {colour} {noun} in {material}. "
                f"{features[0].capitalize()}, {features[1]}. "
                f"Model {rng.randint(100, 999)}-{rng.choice('ABCDEFGH')}."
            ),
            "rating": round(rng.uniform(2.5, 5.0), 1),
            "review_count": rng.randint(0, 400),
            "stock": 0 if rng.random() < 0.1 else rng.randint(1, 50),
        }
        sizes = SIZES.get(category.split(" > ")[0])
        if sizes:
            record["sizes"] = rng.sample(sizes, rng.randint(2, len(sizes)))
        yield record


def vocabulary() -> list[str]:
    """Every word a synthetic product's text can contain, apart from model numbers."""
    words = {w for nouns in KINDS.values() for noun in nouns for w in noun.split()}
    words |= {w for category in KINDS for w in category.replace(">", " ").split()}
    words |= set(ADJECTIVES) | set(MATERIALS) | set(COLOURS)
    words |= {w for feature in FEATURES for w in feature.split()}
    return sorted(words)


def write_jsonl(path: Path, count: int, seed: int = 7) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for record in products(count, seed):
            handle.write(json.dumps(record) + "\n")
    return path


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("output", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    write_jsonl(args.output, args.count, args.seed)


if __name__ == "__main__":
    main()
