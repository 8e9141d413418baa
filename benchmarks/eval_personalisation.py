"""Offline evaluation of personalisation: leave-last-out HitRate@10 and NDCG@10.

    python -m benchmarks.eval_personalisation [--embedder minilm|hashing] [--shoppers 400]
                                              [--seed 1] [--tune]

Two sets of interaction histories over the demo catalog (seeded into a temporary SQLite with
the chosen embedder): the demo shoppers' own, and a generated set with planted preferences
(`benchmarks.taste_histories`). For each shopper the last strong positive interaction (like,
cart, purchase, rating of 4 or more) is held out, with every other interaction of theirs with
that product; profiles and the co-occurrence model are built from everything else. The whole
catalog minus the products left in the shopper's history is ranked, with no query, by
popularity, content similarity alone, and the hybrid (the production `DEFAULT_BLEND`:
content + co-occurrence + popularity), all through `catalog.taste.TasteScorer`. Prints a table
and one JSON line per set and method. `--tune` instead grid-searches the hybrid's blend on a
validation set generated with another seed (the weights in `DEFAULT_BLEND` came from there).
The demo's eight shoppers have no product in common, so co-occurrence has nothing to learn
from them: there the hybrid can at best match content similarity.
"""

from __future__ import annotations

import argparse
import itertools
import json
import tempfile
from collections import defaultdict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from benchmarks.ranking_metrics import ndcg_at
from benchmarks.taste_histories import Item, planted_histories
from catalog.boosts import quality
from catalog.demo_loader import demo_database
from catalog.embedding import MiniLMEmbedder
from catalog.models import Interaction, InteractionKind, Product
from catalog.personalisation import load_vectors, matrix
from catalog.taste import (
    DEFAULT_BLEND,
    GOOD_STARS,
    Blend,
    CoOccurrence,
    Signal,
    TasteScorer,
    profile,
)
from evaluation.fakes import HashingEmbedder

Kind = InteractionKind
K = 10
STRONG = (Kind.LIKE, Kind.CART, Kind.PURCHASE)
METHODS = {
    "popularity": Blend(content=0, together=0, popular=1, disliked=0),
    "content": Blend(content=1, together=0, popular=0, disliked=0),
    "hybrid": DEFAULT_BLEND,
}
VALIDATION_SEED = 1001  # --tune's data; the reported generated set uses --seed


@dataclass(frozen=True)
class Catalogue:
    """Every product of the catalog as the scorer needs them."""

    ids: list[int]
    vectors: dict[int, np.ndarray]
    matrix: np.ndarray
    quality: np.ndarray
    items: list[Item]


@dataclass(frozen=True)
class Case:
    shopper: str
    target: int
    train: list[Signal]


def load_catalogue(sessions: Callable[[], Session]) -> Catalogue:
    with sessions() as db:
        products = list(db.scalars(select(Product).order_by(Product.id)))
    ids = [p.id for p in products]
    vectors = load_vectors(sessions, ids)
    items = [
        Item(p.id, p.category, p.brand, p.colour, float(p.price), p.review_count) for p in products
    ]
    return Catalogue(
        ids,
        vectors,
        matrix(ids, vectors),
        np.array([quality(p) for p in products], dtype=np.float32),
        items,
    )


def demo_histories(sessions: Callable[[], Session]) -> dict[str, list[Signal]]:
    """The stored interactions of each shopper, oldest first."""
    histories: dict[str, list[Signal]] = defaultdict(list)
    with sessions() as db:
        rows = db.execute(
            select(
                Interaction.shopper_id, Interaction.product_id, Interaction.kind, Interaction.value
            )
            .where(Interaction.product_id.is_not(None), Interaction.shopper_id.is_not(None))
            .order_by(Interaction.created_at, Interaction.id)
        )
        for shopper, pid, kind, value in rows:
            histories[str(shopper)].append(Signal(pid, kind, value))
    return dict(histories)


def is_strong(signal: Signal) -> bool:
    return signal.kind in STRONG or (
        signal.kind is Kind.RATING and (signal.value or 0) >= GOOD_STARS
    )


def leave_last_out(histories: Mapping[str, list[Signal]]) -> tuple[list[Case], CoOccurrence]:
    """A case per shopper with a strong positive, and the co-occurrence model of what is left."""
    cases: list[Case] = []
    left: dict[Hashable, dict[int, float]] = {}
    for who, signals in histories.items():
        strong = [s for s in signals if is_strong(s)]
        train = signals
        if strong:
            target = strong[-1].product_id
            train = [s for s in signals if s.product_id != target]
            cases.append(Case(who, target, train))
        left[who] = profile(train).weights
    return cases, CoOccurrence(left)


def evaluate(
    catalogue: Catalogue, histories: Mapping[str, list[Signal]], blends: Mapping[str, Blend]
) -> dict[str, dict[str, float]]:
    """HitRate@10 and NDCG@10 of each blend, averaged over the shoppers' held-out products."""
    cases, together = leave_last_out(histories)
    totals = {name: np.zeros(2) for name in blends}
    ids = np.array(catalogue.ids)
    for case in cases:
        taste = profile(case.train)
        seen = np.isin(ids, [s.product_id for s in case.train])
        parts = TasteScorer(taste, catalogue.vectors, together).parts(
            catalogue.ids, catalogue.matrix, catalogue.quality
        )
        for name, blend in blends.items():
            scores = blend.combine(parts)
            scores[seen] = -np.inf
            top = [str(i) for i in ids[np.argsort(-scores, kind="stable")[:K]]]
            totals[name] += (str(case.target) in top, ndcg_at(top, {str(case.target): 1}, K))
    n = max(len(cases), 1)
    return {
        name: {
            "shoppers": len(cases),
            "hit_rate@10": round(float(hit) / n, 4),
            "ndcg@10": round(float(ndcg) / n, 4),
        }
        for name, (hit, ndcg) in totals.items()
    }


def tune(catalogue: Catalogue, shoppers: int) -> list[tuple[float, Blend]]:
    """NDCG@10 of hybrid blends on the validation set, best first."""
    histories = planted_histories(catalogue.items, shoppers, VALIDATION_SEED)
    grid = {
        f"{c}/{t}/{p}": Blend(content=c, together=t, popular=p, disliked=0)
        for c, t, p in itertools.product(
            (0.05, 0.1, 0.2, 0.4), (0.1, 0.2, 0.3, 0.5, 1.0), (0.0, 0.05, 0.1, 0.2)
        )
    }
    results = evaluate(catalogue, histories, grid)
    return sorted(
        ((r["ndcg@10"], grid[name]) for name, r in results.items()), key=lambda pair: -pair[0]
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--embedder", choices=("minilm", "hashing"), default="minilm")
    parser.add_argument("--shoppers", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tune", action="store_true")
    args = parser.parse_args(argv)
    embedder = MiniLMEmbedder() if args.embedder == "minilm" else HashingEmbedder(4096)
    with tempfile.TemporaryDirectory() as folder:
        sessions = demo_database(Path(folder), embedder)
        catalogue = load_catalogue(sessions)
        if args.tune:
            for score, blend in tune(catalogue, args.shoppers)[:10]:
                print(json.dumps({"validation_ndcg@10": score, **blend.__dict__}))
            return
        sets = {
            "demo": demo_histories(sessions),
            "generated": planted_histories(catalogue.items, args.shoppers, args.seed),
        }
    print(f"{'set':<10} {'method':<11} {'shoppers':>8} {'HitRate@10':>10} {'NDCG@10':>8}")
    lines = []
    for name, histories in sets.items():
        for method, r in evaluate(catalogue, histories, METHODS).items():
            print(
                f"{name:<10} {method:<11} {r['shoppers']:>8} {r['hit_rate@10']:>10.4f} "
                f"{r['ndcg@10']:>8.4f}"
            )
            lines.append({"set": name, "method": method, "embedder": args.embedder, **r})
    for line in lines:
        print(json.dumps(line))


if __name__ == "__main__":
    main()
