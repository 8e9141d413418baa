"""A shopper's taste as numbers: what their interactions say, and what other shoppers' say.

`profile` turns one shopper's interactions (oldest first) into a weight per product: positive
for what they bought, put in a cart, liked, clicked or viewed, negative for what they disliked
or rated badly. `CoOccurrence` is the collaborative signal: item-to-item cosine similarity of
the products all shoppers interacted with positively, and how popular each product is.
`TasteScorer` blends content similarity, co-occurrence and popularity into one score per
product; search boosts and the offline evaluation both rank with it. No database here.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from catalog.models import InteractionKind

Kind = InteractionKind
KIND_WEIGHTS = {Kind.VIEW: 0.5, Kind.CLICK: 1.0, Kind.LIKE: 2.0, Kind.CART: 3.0,
                Kind.PURCHASE: 4.0}
DISLIKE_WEIGHT = -3.0  # a thumb down outweighs having viewed, clicked or carted the product
NEUTRAL_STARS, BAD_STARS, GOOD_STARS = 3.0, 2.0, 4.0  # rating weight: stars - 3; ≤ 2 dislikes
VERBS = {Kind.PURCHASE: "bought", Kind.CART: "added to your cart", Kind.RATING: "rated highly",
         Kind.LIKE: "liked", Kind.CLICK: "looked at", Kind.VIEW: "viewed"}  # strongest first
NEGATIVE_SHARE = 0.5  # how much the disliked products' mean pulls the taste vector away
POPULAR_COUNT_SHARE = 0.8  # popularity: shoppers interested, the rest review quality


@dataclass(frozen=True)
class Signal:
    """One interaction with a product, as the taste model needs it."""

    product_id: int
    kind: InteractionKind
    value: float | None = None  # stars, for a rating


@dataclass(frozen=True)
class Profile:
    """A shopper's weight per product (negative: disliked) and the verb for their strongest
    positive interaction with it ("bought")."""

    weights: dict[int, float] = field(default_factory=dict)
    verbs: dict[int, str] = field(default_factory=dict)

    @property
    def liked(self) -> dict[int, float]:
        return {p: w for p, w in self.weights.items() if w > 0}

    @property
    def disliked(self) -> dict[int, float]:
        return {p: -w for p, w in self.weights.items() if w < 0}


def profile(signals: Iterable[Signal]) -> Profile:
    """Weights from interactions given oldest first: each kind counts once per product, the
    latest thumb and rating win, and a thumb down or a bad rating makes the product negative."""
    kinds: dict[int, set[InteractionKind]] = defaultdict(set)
    thumb: dict[int, InteractionKind] = {}
    stars: dict[int, float] = {}
    for s in signals:
        if s.kind in (Kind.LIKE, Kind.DISLIKE):
            thumb[s.product_id] = s.kind
        elif s.kind is Kind.RATING and s.value is not None:
            stars[s.product_id] = s.value
        kinds[s.product_id].add(s.kind)
    weights: dict[int, float] = {}
    verbs: dict[int, str] = {}
    for product, seen in kinds.items():
        rating = stars.get(product)
        if thumb.get(product) is Kind.DISLIKE or (rating is not None and rating <= BAD_STARS):
            weights[product] = DISLIKE_WEIGHT
            continue
        seen = seen - {Kind.DISLIKE} if thumb.get(product) is Kind.LIKE else seen - {Kind.LIKE}
        weight = sum(KIND_WEIGHTS.get(k, 0.0) for k in seen)
        if rating is not None:
            weight += rating - NEUTRAL_STARS
        if rating is None or rating < GOOD_STARS:
            seen = seen - {Kind.RATING}
        if weight > 0:
            weights[product] = weight
            verbs[product] = next(verb for kind, verb in VERBS.items() if kind in seen)
    return Profile(weights, verbs)


class CoOccurrence:
    """Item-to-item similarity from all shoppers' positive interactions.

    Each product is a vector of the weights shoppers gave it; two products are similar when the
    same shoppers liked both (cosine). Popularity is how many shoppers liked a product.
    """

    def __init__(self, shoppers: Mapping[Hashable, Mapping[int, float]]) -> None:
        self._items = {who: {p: math.sqrt(w) for p, w in items.items() if w > 0}
                       for who, items in shoppers.items()}
        self._users: dict[int, dict[Hashable, float]] = defaultdict(dict)
        for who, items in self._items.items():
            for product, weight in items.items():
                self._users[product][who] = weight
        self._norms = {p: math.sqrt(sum(w * w for w in users.values()))
                       for p, users in self._users.items()}
        self._most = max((len(users) for users in self._users.values()), default=0)
        self._similar: dict[int, dict[int, float]] = {}

    def similar(self, product: int) -> dict[int, float]:
        """Cosine similarity of `product` to every product that shares a shopper with it."""
        if product not in self._similar:
            dots: dict[int, float] = defaultdict(float)
            for who, weight in self._users.get(product, {}).items():
                for other, other_weight in self._items[who].items():
                    dots[other] += weight * other_weight
            norm = self._norms.get(product, 0.0)
            self._similar[product] = {other: dot / (norm * self._norms[other])
                                      for other, dot in dots.items() if other != product}
        return self._similar[product]

    def shared(self, a: int, b: int) -> int:
        """How many shoppers liked both products."""
        return len(self._users.get(a, {}).keys() & self._users.get(b, {}).keys())

    def popularity(self, ids: Sequence[int]) -> np.ndarray:
        """0..1: log of the number of shoppers who liked each product, over the most liked."""
        if self._most == 0:
            return np.zeros(len(ids), dtype=np.float32)
        counts = np.array([len(self._users.get(i, ())) for i in ids], dtype=np.float32)
        return np.log1p(counts) / np.float32(math.log1p(self._most))


@dataclass(frozen=True)
class Blend:
    """How much each signal moves a product's score, in relevance units (relevance is 0..1)."""

    content: float = 0.12  # times the cosine of the product to the shopper's taste vector
    together: float = 0.3  # times the weighted mean co-occurrence with the shopper's liked products
    popular: float = 0.03  # times popularity (0..1)
    disliked: float = 0.5  # taken off a product the shopper disliked


DEFAULT_BLEND = Blend()


class TasteScorer:
    """One shopper's score for any products: content + co-occurrence + popularity."""

    def __init__(self, taste: Profile, vectors: Mapping[int, np.ndarray],
                 together: CoOccurrence, blend: Blend = DEFAULT_BLEND) -> None:
        """`vectors`: the embeddings of (at least) the products in the shopper's profile."""
        self.taste = taste
        self.together = together
        self.blend = blend
        self._vector = _taste_vector(taste, vectors)

    def parts(self, ids: Sequence[int], vectors: np.ndarray,
              quality: np.ndarray) -> dict[str, np.ndarray]:
        """Each signal for products `ids` (their embeddings as rows, review quality 0..1)."""
        content = np.zeros(len(ids), dtype=np.float32)
        if self._vector is not None and len(ids):
            content = (vectors @ self._vector).astype(np.float32)
        liked = self.taste.liked
        together = np.zeros(len(ids), dtype=np.float32)
        total = sum(liked.values())
        for product, weight in liked.items():
            similar = self.together.similar(product)
            together += np.array([similar.get(i, 0.0) for i in ids], dtype=np.float32) * (
                weight / total)
        popular = (POPULAR_COUNT_SHARE * self.together.popularity(ids)
                   + (1 - POPULAR_COUNT_SHARE) * np.asarray(quality, dtype=np.float32))
        disliked_ids = self.taste.disliked
        disliked = np.array([i in disliked_ids for i in ids], dtype=np.float32)
        return {"content": content, "together": together, "popular": popular,
                "disliked": disliked}

    def scores(self, ids: Sequence[int], vectors: np.ndarray,
               quality: np.ndarray) -> np.ndarray:
        """The blended score change of each product."""
        parts = self.parts(ids, vectors, quality)
        b = self.blend
        return (b.content * parts["content"] + b.together * parts["together"]
                + b.popular * parts["popular"] - b.disliked * parts["disliked"])


def _taste_vector(taste: Profile, vectors: Mapping[int, np.ndarray]) -> np.ndarray | None:
    """Unit vector: weighted mean of liked embeddings minus a share of the disliked ones."""
    total: np.ndarray | None = None
    for weights, sign in ((taste.liked, 1.0), (taste.disliked, -NEGATIVE_SHARE)):
        known = {p: w for p, w in weights.items() if p in vectors}
        if not known:
            continue
        mean = sum(w * vectors[p] for p, w in known.items()) / sum(known.values())
        total = sign * mean if total is None else total + sign * mean
    if total is None:
        return None
    norm = float(np.linalg.norm(total))
    return (total / norm).astype(np.float32) if norm > 0 else None
