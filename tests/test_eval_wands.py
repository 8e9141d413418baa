"""Ranking metrics by hand, and the WANDS evaluation on a slice (skipped without the data)."""

import math

import pytest

from benchmarks.eval_wands import DEFAULT_DATA, evaluate, load_judgments, missing_reason
from benchmarks.ranking_metrics import ndcg_at, recall_at
from evaluation.fakes import HashingEmbedder


def test_ndcg_uses_exponential_gain_log_discount_and_the_judged_ideal():
    judged = {"a": 2, "b": 1, "c": 0, "d": 2}
    assert ndcg_at(["a", "d", "b", "c"], judged) == pytest.approx(1.0)
    # b (gain 1) first, x unjudged (0), a (gain 3) third; ideal: 3, 3, 1
    dcg = 1 / math.log2(2) + 3 / math.log2(4)
    ideal = 3 / math.log2(2) + 3 / math.log2(3) + 1 / math.log2(4)
    assert ndcg_at(["b", "x", "a"], judged) == pytest.approx(dcg / ideal)
    assert ndcg_at(["a"], {"a": 0}) == 0.0
    assert ndcg_at(["c", "b", "a", "d"], judged, k=1) == 0.0


def test_recall_counts_exact_and_partial_within_k():
    judged = {"a": 2, "b": 1, "c": 0}
    assert recall_at(["a", "c", "b"], judged, k=2) == 0.5
    assert recall_at(["b", "a"], judged, k=50) == 1.0


def test_wands_slice_scores_every_ranker(tmp_path):
    reason = missing_reason(DEFAULT_DATA)
    if reason:
        pytest.skip(reason)
    wands = load_judgments(DEFAULT_DATA, max_queries=3)
    assert len(wands.queries) == 3 and all(wands.judgments.values())
    results, report = evaluate(
        DEFAULT_DATA,
        HashingEmbedder(dimension=256),
        f"sqlite:///{tmp_path / 'w.sqlite'}",
        max_queries=3,
        only_judged=True,
    )
    assert report.rejected == [] and report.created == len(
        {pid for grades in wands.judgments.values() for pid in grades}
    )
    assert set(results) == {"bm25", "dense", "hybrid"}
    assert all(
        0 <= scores["ndcg@10"] <= 1 and 0 <= scores["recall@50"] <= 1 for scores in results.values()
    )
    assert results["bm25"]["ndcg@10"] > 0.3  # words of real queries do find their products
