"""Ranking metrics over graded judgments: NDCG@k and Recall@k.

`judged` maps a product id to its grade (0 irrelevant, 1 partial, 2 exact); products not
judged count as grade 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def dcg(grades: Sequence[int]) -> float:
    """Discounted cumulative gain: gain 2^grade - 1, discount log2(rank + 1)."""
    return sum((2**g - 1) / math.log2(rank + 1) for rank, g in enumerate(grades, start=1))


def ndcg_at(ranked: Sequence[str], judged: Mapping[str, int], k: int = 10) -> float:
    """DCG of the first k results over the DCG of the ideal ordering of the judged products."""
    ideal = dcg(sorted(judged.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([judged.get(pid, 0) for pid in ranked[:k]]) / ideal


def recall_at(ranked: Sequence[str], judged: Mapping[str, int], k: int = 50) -> float:
    """Share of the relevant (grade ≥ 1) products found among the first k results."""
    relevant = {pid for pid, grade in judged.items() if grade > 0}
    if not relevant:
        return 0.0
    return len(relevant & set(ranked[:k])) / len(relevant)
