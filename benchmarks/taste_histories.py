"""Synthetic shopper histories with planted preferences, over a real catalog.

Shoppers come in taste groups. A group likes two categories, a brand, a colour and a price
band (all visible in the product text, so content similarity can learn them), and a handful
of "cult" products in its categories that nothing in their descriptions singles out (only
other members' choices reveal them: the collaborative signal). Each shopper browses: views,
clicks, likes, carts, purchases and ratings of products drawn by affinity, plus the odd
dislike of something outside their taste. Seeded, so a seed names one data set.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from catalog.models import InteractionKind
from catalog.taste import Signal

Kind = InteractionKind
MIN_CATEGORY = 6  # groups like categories with at least this many products
CULT_ITEMS = 6  # per group
AFFINITY = {"category": 2.5, "brand": 1.0, "colour": 0.8, "band": 0.8, "cult": 2.5, "popular": 0.4}
DISLIKE_RATE = 0.08  # chance, per product chosen, of also disliking an off-taste product


@dataclass(frozen=True)
class Item:
    id: int
    category: str
    brand: str | None
    colour: str | None
    price: float
    review_count: int


@dataclass(frozen=True)
class Taste:
    categories: tuple[str, ...]
    brand: str | None
    colour: str | None
    band: int
    cult: frozenset[int]


def price_bands(items: Sequence[Item]) -> np.ndarray:
    """0, 1 or 2: the product's price tercile within its category."""
    by_category: dict[str, list[float]] = defaultdict(list)
    for item in items:
        by_category[item.category].append(item.price)
    cuts = {c: np.quantile(prices, [1 / 3, 2 / 3]) for c, prices in by_category.items()}
    return np.array([int(np.searchsorted(cuts[i.category], i.price, side="right")) for i in items])


def group_tastes(items: Sequence[Item], groups: int, rng: np.random.Generator) -> list[Taste]:
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        counts[item.category] += 1
    categories = sorted(c for c, n in counts.items() if n >= MIN_CATEGORY)
    tastes = []
    for _ in range(groups):
        chosen = tuple(rng.choice(categories, size=2, replace=False).tolist())
        inside = [i for i in items if i.category in chosen]
        brand = inside[rng.integers(len(inside))].brand
        colour = inside[rng.integers(len(inside))].colour
        cult = rng.choice([i.id for i in inside], size=min(CULT_ITEMS, len(inside)), replace=False)
        tastes.append(
            Taste(chosen, brand, colour, int(rng.integers(3)), frozenset(int(i) for i in cult))
        )
    return tastes


def affinities(items: Sequence[Item], bands: np.ndarray, taste: Taste) -> np.ndarray:
    popular = np.log1p([i.review_count for i in items])
    popular = (popular - popular.mean()) / (popular.std() or 1.0)
    a = AFFINITY
    return np.array(
        [
            a["category"] * (i.category in taste.categories)
            + a["brand"] * (i.brand == taste.brand)
            + a["colour"] * (i.colour == taste.colour)
            + a["band"] * (band == taste.band)
            + a["cult"] * (i.id in taste.cult)
            + a["popular"] * p
            for i, band, p in zip(items, bands, popular, strict=True)
        ]
    )


def browse(
    items: Sequence[Item], weights: np.ndarray, length: int, rng: np.random.Generator
) -> list[Signal]:
    """One shopper's interactions, oldest first: products drawn by affinity, each through the
    funnel view → click → like or cart → purchase → rating."""
    signals: list[Signal] = []
    chance = np.exp(weights)  # zero once a product was chosen
    dislikable = np.argsort(weights)[: len(items) // 2]
    while len(signals) < length:
        chosen = rng.choice(len(items), p=chance / chance.sum())
        chance[chosen] = 0
        item = items[chosen].id
        signals.append(Signal(item, Kind.VIEW))
        if rng.random() < 0.6:
            signals.append(Signal(item, Kind.CLICK))
            if rng.random() < 0.5:
                signals.append(Signal(item, Kind.LIKE if rng.random() < 0.4 else Kind.CART))
                if signals[-1].kind is Kind.CART and rng.random() < 0.6:
                    signals.append(Signal(item, Kind.PURCHASE))
                    if rng.random() < 0.4:
                        signals.append(Signal(item, Kind.RATING, float(rng.integers(4, 6))))
        if rng.random() < DISLIKE_RATE:
            other = rng.choice(dislikable)
            chance[other] = 0
            signals += [Signal(items[other].id, Kind.VIEW), Signal(items[other].id, Kind.DISLIKE)]
    return signals


def planted_histories(
    items: Sequence[Item], shoppers: int, seed: int, groups: int | None = None
) -> dict[str, list[Signal]]:
    """`shoppers` histories of 8 to 20 interactions, oldest first, keyed "g<group>-<n>"."""
    rng = np.random.default_rng(seed)
    bands = price_bands(items)
    tastes = group_tastes(items, groups or max(4, shoppers // 25), rng)
    histories = {}
    for n in range(shoppers):
        group = int(rng.integers(len(tastes)))
        weights = affinities(items, bands, tastes[group])
        histories[f"g{group}-{n}"] = browse(items, weights, int(rng.integers(8, 21)), rng)
    return histories
