"""Scores review aspects (assistant.facts.review_aspects) against hand counts.

    python -m benchmarks.score_review_aspects [--set tests/data/review_aspects.yaml]
        [--embedder minilm|hashing]

The hand-counted set lists products of the demo catalog, each with its reviews' sentences and
the (aspect, polarity) mentions an annotator found in each (see the aspect definitions the
annotator follows). The program reads the same products' reviews from
catalog/demo/products.jsonl (Review objects in memory, no database) and finds its mentions.
Prints, per product and overall, the exact-count agreement over (product, aspect, polarity)
cells either side counts, and mention-level precision and recall, a mention being (sentence,
aspect, polarity), also with polarity ignored; then one JSON line. Exits 2 when the set is missing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from assistant.facts.review_aspects import ASPECTS, aspect_mentions
from catalog.demo_loader import DEMO_DIR
from catalog.embedding import Embedder, MiniLMEmbedder
from catalog.models import Review
from evaluation.fakes import HashingEmbedder

DEFAULT_SET = Path(__file__).resolve().parents[1] / "tests" / "data" / "review_aspects.yaml"
ASPECT_NAMES = frozenset(aspect.name for aspect in ASPECTS)

Mention = tuple[str, str, str]  # (sentence, aspect, polarity)


@dataclass
class Score:
    """Counts behind agreement, precision and recall."""

    cells: int = 0
    agreed_cells: int = 0
    found: int = 0
    hand: int = 0
    matched: int = 0
    matched_aspects: int = 0  # mentions matched when polarity is ignored

    def add(self, other: Score) -> None:
        for field in ("cells", "agreed_cells", "found", "hand", "matched", "matched_aspects"):
            setattr(self, field, getattr(self, field) + getattr(other, field))

    def summary(self) -> dict[str, float | int]:
        return {
            "cells": self.cells,
            "exact_count_agreement": _ratio(self.agreed_cells, self.cells),
            "precision": _ratio(self.matched, self.found),
            "recall": _ratio(self.matched, self.hand),
            "aspect_precision": _ratio(self.matched_aspects, self.found),
            "aspect_recall": _ratio(self.matched_aspects, self.hand),
            "program_mentions": self.found,
            "hand_mentions": self.hand,
        }


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    if not args.set.exists():
        print(f"The hand-counted set {args.set} is missing; nothing to score.")
        return 2
    labelled = yaml.safe_load(args.set.read_text()) or []
    catalog = _demo_products()
    embedder: Embedder = MiniLMEmbedder() if args.embedder == "minilm" else HashingEmbedder()
    total = Score()
    for entry in labelled:
        product = _find(catalog, str(entry["product"]))
        if product is None:
            print(f"{entry['product']}: not in the demo catalog, skipped")
            continue
        reviews = [
            Review(author=r["author"], rating=r["rating"], text=r["text"])
            for r in product["reviews"]
        ]
        found = [
            (m.sentence, m.aspect, m.polarity.value) for m in aspect_mentions(reviews, embedder)
        ]
        hand = list(_hand_mentions(entry))
        score = _score(found, hand)
        total.add(score)
        print(_product_line(product["sku"], score, found, hand))
    print(_overall_line(total))
    print(json.dumps({"set": str(args.set), "embedder": args.embedder, **total.summary()}))
    return 0


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--embedder", choices=("minilm", "hashing"), default="minilm")
    return parser.parse_args(argv)


def _demo_products() -> list[dict[str, Any]]:
    lines = (DEMO_DIR / "products.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _find(catalog: list[dict[str, Any]], key: str) -> dict[str, Any] | None:
    """The demo product the set names, by SKU or by name."""
    wanted = key.strip().lower()
    for product in catalog:
        if wanted in (product["sku"].lower(), product["name"].lower()):
            return product
    return None


def _hand_mentions(entry: dict[str, Any]) -> Iterable[Mention]:
    for review in entry.get("reviews") or []:
        for sentence in review.get("sentences") or []:
            for mention in sentence.get("mentions") or []:
                aspect = str(mention["aspect"]).strip().lower()
                if aspect not in ASPECT_NAMES:
                    print(f"  unknown aspect {mention['aspect']!r} in {sentence['text']!r}")
                yield _normal(sentence["text"]), aspect, str(mention["polarity"]).strip().lower()


def _score(found: list[Mention], hand: list[Mention]) -> Score:
    found = [(_normal(s), a, p) for s, a, p in found]
    found_cells = Counter((a, p) for _, a, p in found)
    hand_cells = Counter((a, p) for _, a, p in hand)
    cells = set(found_cells) | set(hand_cells)
    matched = sum((Counter(found) & Counter(hand)).values())
    aspects_only = Counter((s, a) for s, a, _ in found) & Counter((s, a) for s, a, _ in hand)
    return Score(
        cells=len(cells),
        agreed_cells=sum(found_cells[c] == hand_cells[c] for c in cells),
        found=len(found),
        hand=len(hand),
        matched=matched,
        matched_aspects=sum(aspects_only.values()),
    )


def _product_line(sku: str, score: Score, found: list[Mention], hand: list[Mention]) -> str:
    s = score.summary()
    cells = Counter(f"{a}{'+' if p == 'positive' else '-'}" for _, a, p in found)
    hand_cells = Counter(f"{a}{'+' if p == 'positive' else '-'}" for _, a, p in hand)
    return (
        f"{sku:14} cells {score.agreed_cells}/{score.cells} agree, "
        f"P {s['precision']:.2f} R {s['recall']:.2f} | program {dict(cells)} "
        f"| hand {dict(hand_cells)}"
    )


def _overall_line(total: Score) -> str:
    s = total.summary()
    return (
        f"overall: exact-count agreement {total.agreed_cells}/{total.cells} = "
        f"{s['exact_count_agreement']:.3f}; mentions P {s['precision']:.3f} "
        f"R {s['recall']:.3f} ({total.matched} matched, {total.found} found, {total.hand} hand); "
        f"polarity ignored: P {s['aspect_precision']:.3f} R {s['aspect_recall']:.3f}"
    )


def _normal(sentence: str) -> str:
    """A sentence compared by its words: case, spacing and end punctuation ignored."""
    return " ".join(sentence.lower().split()).rstrip(".!?")


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


if __name__ == "__main__":
    sys.exit(main())
