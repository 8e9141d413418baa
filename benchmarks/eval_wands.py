"""Search quality on real judgments: BM25, dense and hybrid on the WANDS pool.

    python -m benchmarks.eval_wands [--data-dir ../shared/data/wands] [--fake-embedder]
                                    [--database-url URL] [--queries N] [--json]

Imports the judged products into a fresh catalog through the real importer (name, category
path, product class as the description; no prices, so every price is 0), runs each query
through `ProductSearch` with lexical, dense and both rankers (no boosters, no relevance
threshold), and prints NDCG@10 (gain 2^grade - 1, log2 discount, ideal DCG over the query's
judged products, unjudged results count 0) and Recall@50 (share of Exact or Partial products
in the first 50). Exits 0 with a reason when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.ranking_metrics import ndcg_at, recall_at
from catalog.db import create_schema, make_engine, session_factory
from catalog.embedding import Embedder
from catalog.importer import ImportReport, import_rows
from catalog.mapping import FieldMapping
from catalog.readers import SourceRow
from catalog.request import SearchRequest
from catalog.search import ProductSearch
from evaluation.fakes import HashingEmbedder

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "wands"
GRADES = {"Exact": 2, "Partial": 1, "Irrelevant": 0}
MODES = {"bm25": ("lexical",), "dense": ("dense",), "hybrid": ("lexical", "dense")}
DEPTH = 50


@dataclass(frozen=True)
class Wands:
    queries: dict[str, str]  # query id -> text
    judgments: dict[str, dict[str, int]]  # query id -> product id -> grade


def _tsv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a tab-separated file without quoting (doubled quotes are undone)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    for number, line in enumerate(lines[1:], start=2):
        values = [v.replace('""', '"') for v in line.split("\t")]
        yield number, dict(zip(header, values, strict=False))


def missing_reason(data_dir: Path) -> str | None:
    files = [data_dir / name for name in ("products.tsv", "queries.tsv", "labels.tsv")]
    absent = [str(f) for f in files if not f.is_file()]
    return f"WANDS data not found: {', '.join(absent)}" if absent else None


def product_rows(data_dir: Path, keep: set[str] | None = None) -> Iterator[SourceRow]:
    """Each judged product as a catalog row (optionally only the ids in `keep`)."""
    for line, row in _tsv(data_dir / "products.tsv"):
        if keep is not None and row["product_id"] not in keep:
            continue
        path = " > ".join(
            p.strip() for p in row.get("category_hierarchy", "").split("/") if p.strip()
        )
        yield SourceRow(
            line,
            {
                "sku": row["product_id"],
                "name": row["product_name"],
                "category": path or row.get("product_class") or "Uncategorised",
                "description": row.get("product_class", ""),
                "price": "0",
                "stock": "1",
            },
        )


def load_judgments(data_dir: Path, max_queries: int | None = None) -> Wands:
    queries = {row["query_id"]: row["query"] for _, row in _tsv(data_dir / "queries.tsv")}
    if max_queries is not None:
        queries = dict(list(queries.items())[:max_queries])
    judgments: dict[str, dict[str, int]] = {q: {} for q in queries}
    for _, row in _tsv(data_dir / "labels.tsv"):
        if row["query_id"] in judgments:
            grades = judgments[row["query_id"]]
            grades[row["product_id"]] = max(grades.get(row["product_id"], 0), GRADES[row["label"]])
    return Wands(queries, judgments)


def evaluate(
    data_dir: Path,
    embedder: Embedder,
    database_url: str,
    max_queries: int | None = None,
    modes: Sequence[str] = tuple(MODES),
    only_judged: bool = False,
) -> tuple[dict[str, dict[str, float]], ImportReport]:
    """{mode: {"ndcg@10": ..., "recall@50": ...}} averaged over the queries, and the import."""
    wands = load_judgments(data_dir, max_queries)
    keep = {pid for grades in wands.judgments.values() for pid in grades} if only_judged else None
    engine = make_engine(database_url)
    create_schema(engine)
    sessions = session_factory(engine)
    report = ImportReport(source=str(data_dir / "products.tsv"))
    with sessions() as session:
        import_rows(
            session,
            product_rows(data_dir, keep),
            embedder,
            FieldMapping.identity(),
            report,
            progress=False,
        )
        session.commit()
    results: dict[str, dict[str, float]] = {}
    for mode in modes:
        search = ProductSearch(
            sessions, embedder, min_similarity=-1.0, rankers=MODES[mode], boosters=()
        )
        ndcgs, recalls = [], []
        for query_id, text in wands.queries.items():
            hits = search.search(SearchRequest(terms=(text,)), DEPTH)
            ranked = [hit.product.sku for hit in hits]
            ndcgs.append(ndcg_at(ranked, wands.judgments[query_id], 10))
            recalls.append(recall_at(ranked, wands.judgments[query_id], DEPTH))
        results[mode] = {
            "ndcg@10": sum(ndcgs) / len(ndcgs),
            "recall@50": sum(recalls) / len(recalls),
        }
    engine.dispose()
    return results, report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--database-url", help="a fresh database (default: a temporary SQLite)")
    parser.add_argument(
        "--fake-embedder",
        action="store_true",
        help="hashing embedder instead of MiniLM (fast, meaningless dense)",
    )
    parser.add_argument("--queries", type=int, help="only the first N queries")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    reason = missing_reason(args.data_dir)
    if reason:
        print(f"skipped: {reason}")
        return 0
    if args.fake_embedder:
        embedder: Embedder = HashingEmbedder(dimension=384)
    else:
        from catalog.embedding import MiniLMEmbedder

        embedder = MiniLMEmbedder()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/wands.sqlite"
        results, report = evaluate(args.data_dir, embedder, url, args.queries)
    if args.json:
        print(json.dumps({"import": report.summary(), "results": results}))
        return 0
    print(report.summary())
    for line in report.details()[:10]:
        print(" ", line)
    print(f"\n{'ranker':<8} {'NDCG@10':>8} {'Recall@50':>10}")
    for mode, scores in results.items():
        print(f"{mode:<8} {scores['ndcg@10']:>8.4f} {scores['recall@50']:>10.4f}")
    best_single = max(results["bm25"]["ndcg@10"], results["dense"]["ndcg@10"])
    print(
        f"\nhybrid - best single ranker: {results['hybrid']['ndcg@10'] - best_single:+.4f} "
        f"NDCG@10 ({len(load_judgments(args.data_dir, args.queries).queries)} queries, "
        f"{time.perf_counter() - started:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
