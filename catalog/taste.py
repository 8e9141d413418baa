"""A shopper's taste as numbers: what their interactions say, and what other shoppers' say.

`profile` turns one shopper's interactions (oldest first) into a weight per product: positive
for what they bought, put in a cart, liked, clicked or viewed, negative for what they disliked
or rated badly. `CoOccurrence` is the collaborative signal: item-to-item cosine similarity of
the products all shoppers interacted with positively, and how popular each product is.
`TasteScorer` blends content similarity (to the shopper's nearest liked products: a shopper
who likes headphones and knives is not after something halfway between), co-occurrence and
popularity into one score per product; search boosts and the offline evaluation both rank
with it. No database here.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from catalog.models import InteractionKind

Kind = InteractionKind
KIND_WEIGHTS = {Kind.VIEW: 0.5, Kind.CLICK: 1.0, Kind.LIKE: 2.0, Kind.CART: 3.0, Kind.PURCHASE: 4.0}
DISLIKE_WEIGHT = -3.0  # a thumb down outweighs having viewed, clicked or carted the product
NEUTRAL_STARS, BAD_STARS, GOOD_STARS = 3.0, 2.0, 4.0  # rating weight: stars - 3; ≤ 2 dislikes
VERBS = {
    Kind.PURCHASE: "bought",
    Kind.CART: "added to your cart",
    Kind.RATING: "rated highly",
    Kind.LIKE: "liked",
    Kind.CLICK: "looked at",
    Kind.VIEW: "viewed",
}  # strongest first
NEAREST = 3  # content: mean cosine to this many of the shopper's most similar liked products
CROWD = 20  # shoppers who must like a product before it counts as fully popular
SHRINK = 2.0  # co-occurrence: shoppers in common at which a similarity counts half
POPULAR_COUNT_SHARE = 0.8  # popularity: shoppers interested, the rest review quality
KNOWN = 5.0  # liked weight (about a purchase and a view) at which popularity counts half


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

    Each product is a vector of the weights shoppers gave it (square roots, so one purchase
    does not drown several likes); two products are similar when the same shoppers liked both
    (cosine), shrunk by n / (n + `shrink`) for n shoppers in common so that one shopper's pair
    of choices counts less than a habit of many. Popularity is how many shoppers liked a product.
    """

    def __init__(
        self, shoppers: Mapping[Hashable, Mapping[int, float]], shrink: float = SHRINK
    ) -> None:
        self._shrink = shrink
        self._items = {
            who: {p: math.sqrt(w) for p, w in items.items() if w > 0}
            for who, items in shoppers.items()
        }
        self._users: dict[int, dict[Hashable, float]] = defaultdict(dict)
        for who, items in self._items.items():
            for product, weight in items.items():
                self._users[product][who] = weight
        self._norms = {
            p: math.sqrt(sum(w * w for w in users.values())) for p, users in self._users.items()
        }
        self._most = max((len(users) for users in self._users.values()), default=0)
        self._similar: dict[int, dict[int, float]] = {}

    def similar(self, product: int) -> dict[int, float]:
        """Cosine similarity of `product` to every product that shares a shopper with it."""
        if product not in self._similar:
            dots: dict[int, float] = defaultdict(float)
            shared: dict[int, int] = defaultdict(int)
            for who, weight in self._users.get(product, {}).items():
                for other, other_weight in self._items[who].items():
                    dots[other] += weight * other_weight
                    shared[other] += 1
            norm, shrink = self._norms.get(product, 0.0), self._shrink
            self._similar[product] = {
                other: dot / (norm * self._norms[other]) * shared[other] / (shared[other] + shrink)
                for other, dot in dots.items()
                if other != product
            }
        return self._similar[product]

    def shared(self, a: int, b: int) -> int:
        """How many shoppers liked both products."""
        return len(self._users.get(a, {}).keys() & self._users.get(b, {}).keys())

    def popularity(self, ids: Sequence[int]) -> np.ndarray:
        """0..1: log of the number of shoppers who liked each product, over that of the most
        liked one or of `CROWD`, whichever is more (one shopper in eight is no crowd)."""
        counts = np.array([len(self._users.get(i, ())) for i in ids], dtype=np.float32)
        return np.log1p(counts) / np.float32(math.log1p(max(self._most, CROWD)))


@dataclass(frozen=True)
class Blend:
    """How much each signal moves a product's score, in relevance units (relevance is 0..1).

    The defaults keep a ratio among the best on a validation set of generated histories
    (`python -m benchmarks.eval_personalisation --tune`, MiniLM: content 0.1, together 0.5,
    popular 0.2 scored NDCG@10 0.300, the best 0.302), halved so the largest moves stay near
    the review-quality boost's 0.1.
    """

    content: float = 0.05  # times the cosine to the shopper's nearest liked products
    together: float = 0.25  # times the weighted mean co-occurrence with their liked products
    popular: float = 0.1  # times popularity (0..1), fading as the profile grows
    disliked: float = 0.5  # taken off a product the shopper disliked

    def combine(self, parts: Mapping[str, np.ndarray]) -> np.ndarray:
        """The score change from `TasteScorer.parts`."""
        return (
            self.content * parts["content"]
            + self.together * parts["together"]
            + self.popular * parts["popular"]
            - self.disliked * parts["disliked"]
        )


DEFAULT_BLEND = Blend()


class TasteScorer:
    """One shopper's score for any products: content + co-occurrence + popularity, the last
    mostly for shoppers we know little about."""

    def __init__(
        self,
        taste: Profile,
        vectors: Mapping[int, np.ndarray],
        together: CoOccurrence,
        blend: Blend = DEFAULT_BLEND,
    ) -> None:
        """`vectors`: the embeddings of (at least) the products in the shopper's profile."""
        self.taste = taste
        self.together = together
        self.blend = blend
        liked = [vectors[p] for p in taste.liked if p in vectors]
        self._liked_vectors = np.stack(liked).astype(np.float32) if liked else None

    def parts(
        self, ids: Sequence[int], vectors: np.ndarray, quality: np.ndarray
    ) -> dict[str, np.ndarray]:
        """Each signal for products `ids` (their embeddings as rows, review quality 0..1)."""
        content = np.zeros(len(ids), dtype=np.float32)
        if self._liked_vectors is not None and len(ids):
            cosines = vectors @ self._liked_vectors.T
            nearest = min(NEAREST, cosines.shape[1])
            content = np.sort(cosines, axis=1)[:, -nearest:].mean(axis=1).astype(np.float32)
        liked = self.taste.liked
        together = np.zeros(len(ids), dtype=np.float32)
        total = sum(liked.values())
        for product, weight in liked.items():
            similar = self.together.similar(product)
            together += np.array([similar.get(i, 0.0) for i in ids], dtype=np.float32) * (
                weight / total
            )
        popular = (
            POPULAR_COUNT_SHARE * self.together.popularity(ids)
            + (1 - POPULAR_COUNT_SHARE) * np.asarray(quality, dtype=np.float32)
        ) * (KNOWN / (KNOWN + total))  # the fallback fades as the profile grows
        disliked_ids = self.taste.disliked
        disliked = np.array([i in disliked_ids for i in ids], dtype=np.float32)
        return {"content": content, "together": together, "popular": popular, "disliked": disliked}

    def scores(self, ids: Sequence[int], vectors: np.ndarray, quality: np.ndarray) -> np.ndarray:
        """The blended score change of each product."""
        return self.blend.combine(self.parts(ids, vectors, quality))
