"""Scores understanding in each catalog's own terms: product type, facets, prices, colours.

    python -m benchmarks.score_catalog_terms [--catalog demo|flipkart|mgshopdial|wands]
        [--embedder minilm|hashing] [--set tests/data/catalog_requests.yaml] [--misses N]
        [--shown search|dialogue|none]

Imports each catalog of the labelled set (evaluation.catalog_terms) into a temporary SQLite
through the real importers (the demo loader; Flipkart with the bundled `flipkart` mapping;
MG-ShopDial items as benchmarks.replay_mgshopdial imports them; WANDS as benchmarks.eval_wands
does), checks every label against it, parses each request with the deterministic parse over
that catalog's vocabulary and checks the cards shown for it against the gold constraints: with
`--shown search` (the default) the first 4 hits of the dialogue's search for
`new_request(parsed)`; with `--shown dialogue` the cards a dialogue manager (the rules, no model:
its model calls fail) shows when the request opens a conversation; `none` checks no cards.
Prints a table per catalog and overall, the first N misses, and last one JSON line. A catalog
whose data is absent is skipped with the reason. `--embedder minilm` (the default) is the
embedder the assistant runs with; `hashing` is fast and its dense ranking meaningless.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from assistant.app.settings import Settings
from assistant.app.wiring import MIN_SIMILARITY, dialogue_manager
from benchmarks import eval_wands, replay_mgshopdial
from catalog.db import create_schema, make_engine, session_factory
from catalog.demo_loader import DEMO_DIR, demo_database
from catalog.embedding import Embedder
from catalog.importer import ImportReport, import_file, import_rows
from catalog.mapping import FieldMapping, load_mapping
from catalog.search import ProductSearch
from evaluation.catalog_terms import (
    CATALOGS,
    DEFAULT_SET,
    CatalogRequest,
    CatalogScore,
    RequestScore,
    Shows,
    catalog_products,
    dialogue_shows,
    label_problems,
    load_requests,
    score_catalog,
    search_shows,
)
from evaluation.fakes import FakeLLM, HashingEmbedder

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FLIPKART_CSV = SHARED_DATA / "flipkart" / "products.csv"
MGSHOPDIAL_DIR = SHARED_DATA / "mgshopdial"
WANDS_DIR = SHARED_DATA / "wands"
COLUMNS = (
    ("n", "requests", "d"),
    ("type", "category_accuracy", "%"),
    ("top", "top_level_accuracy", "%"),
    ("facet P", "facet_precision", "%"),
    ("facet R", "facet_recall", "%"),
    ("price", "price_accuracy", "%"),
    ("colour", "colour_accuracy", "%"),
    ("answered", "answered", "d"),
    ("hard ok", "hard_constraint_satisfaction", "%"),
)


def missing_reason(catalog: str) -> str | None:
    """Why a catalog cannot be opened here, or None."""
    if catalog == "demo":
        found = (DEMO_DIR / "products.jsonl").is_file()
        return None if found else f"demo catalog not generated: {DEMO_DIR / 'products.jsonl'}"
    if catalog == "flipkart":
        return None if FLIPKART_CSV.is_file() else f"Flipkart export not found: {FLIPKART_CSV}"
    if catalog == "mgshopdial":
        return replay_mgshopdial.missing_reason(MGSHOPDIAL_DIR)
    if catalog == "wands":
        return eval_wands.missing_reason(WANDS_DIR)
    raise ValueError(f"unknown catalog {catalog!r}; one of {CATALOGS}")


def open_catalog(catalog: str, folder: Path, embedder: Embedder) -> sessionmaker[Session]:
    """A fresh SQLite in `folder` holding the catalog, imported as the project imports it."""
    if catalog == "demo":
        return demo_database(folder, embedder)
    engine = make_engine(f"sqlite:///{folder / f'{catalog}.sqlite'}")
    create_schema(engine)
    sessions = session_factory(engine)
    with sessions() as session:
        if catalog == "flipkart":
            mapping = load_mapping("flipkart")
            import_file(session, FLIPKART_CSV, embedder, mapping=mapping, progress=False)
        elif catalog == "mgshopdial":
            replay_mgshopdial.import_items(session, MGSHOPDIAL_DIR, embedder)
        elif catalog == "wands":
            report = ImportReport(source=str(WANDS_DIR / "products.tsv"))
            rows = eval_wands.product_rows(WANDS_DIR)
            import_rows(session, rows, embedder, FieldMapping.identity(), report, progress=False)
        else:
            raise ValueError(f"unknown catalog {catalog!r}; one of {CATALOGS}")
        session.commit()
    return sessions


def run_catalog(
    catalog: str,
    requests: Sequence[CatalogRequest],
    folder: Path,
    embedder: Embedder,
    shown: str = "search",
) -> tuple[CatalogScore, list[str]]:
    """Import the catalog, check the labels, and score its requests; (score, label problems)."""
    sessions = open_catalog(catalog, folder, embedder)
    with sessions() as session:
        problems = label_problems(requests, catalog_products(session))
    shows = _shows(shown, sessions, embedder)
    return score_catalog(requests, sessions, shows, embedder), problems


def _shows(shown: str, sessions: sessionmaker[Session], embedder: Embedder) -> Shows | None:
    """What `--shown` names: the search's cards, the dialogue's, or none."""
    if shown == "search":
        return search_shows(ProductSearch(sessions, embedder, min_similarity=MIN_SIMILARITY))
    if shown == "dialogue":
        logging.getLogger("assistant").setLevel(logging.ERROR)  # the fake models' failures
        settings = Settings(load_demo_catalog=False)
        manager = dialogue_manager(settings, sessions, embedder, FakeLLM(), intent_llm=FakeLLM())
        return dialogue_shows(manager, sessions)
    return None


def _embedder(name: str) -> Embedder:
    if name == "hashing":
        return HashingEmbedder(dimension=384)
    from catalog.embedding import MiniLMEmbedder

    return MiniLMEmbedder()


def _cell(value: float | int | None, kind: str) -> str:
    if value is None:
        return "-"
    return f"{value:d}" if kind == "d" else f"{100 * value:.1f}"


def print_table(scores: dict[str, CatalogScore]) -> None:
    header = f"{'catalog':<12}" + "".join(f"{title:>10}" for title, _, _ in COLUMNS)
    print(header)
    print("-" * len(header))
    for name, score in scores.items():
        summary = score.summary()
        print(f"{name:<12}" + "".join(f"{_cell(summary[k], kind):>10}" for _, k, kind in COLUMNS))
    print("(percentages; price and colour over the requests where gold or prediction has one)")


def describe_miss(score: RequestScore) -> str:
    gold, predicted = score.gold, score.predicted
    lines = [f"[{score.request.catalog}] {score.request.text}"]
    for name in ("category", "facets", "price_min", "price_max", "colours", "excluded_colours"):
        want, got = getattr(gold, name), getattr(predicted, name)
        if want != got:
            show = sorted if isinstance(want, frozenset) else (lambda v: v)
            lines.append(f"    {name}: gold {show(want)!s}  predicted {show(got)!s}")
    if score.violations:
        lines.append(f"    cards: {'; '.join(score.violations[:4])}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--catalog", choices=CATALOGS, action="append", help="default: all")
    parser.add_argument("--embedder", choices=("minilm", "hashing"), default="minilm")
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, dest="path")
    parser.add_argument("--misses", type=int, default=0, metavar="N", help="list N misses")
    parser.add_argument(
        "--shown",
        choices=("search", "dialogue", "none"),
        default="search",
        help="whose cards are checked against the gold constraints",
    )
    args = parser.parse_args(argv)
    requests = load_requests(args.path)
    embedder = _embedder(args.embedder)
    scores: dict[str, CatalogScore] = {}
    skipped: dict[str, str] = {}
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for catalog in args.catalog or CATALOGS:
            if reason := missing_reason(catalog):
                skipped[catalog] = reason
                print(f"skipped {catalog}: {reason}")
                continue
            mine = [r for r in requests if r.catalog == catalog]
            folder = Path(tmp) / catalog
            folder.mkdir()
            scores[catalog], found = run_catalog(catalog, mine, folder, embedder, args.shown)
            problems += found
    for problem in problems:
        print(f"label problem: {problem}")
    overall = CatalogScore()
    for score in scores.values():
        overall = overall.merged(score)
    print_table({**scores, "overall": overall})
    misses = [s for s in overall.scores if not s.perfect][: args.misses]
    if misses:
        print(f"\nfirst {len(misses)} misses:")
        for miss in misses:
            print(describe_miss(miss))
    result = {
        "embedder": args.embedder,
        "shown": args.shown,
        "catalogs": {name: score.summary() for name, score in scores.items()},
        "overall": overall.summary(),
        "skipped": skipped,
        "label_problems": len(problems),
    }
    print(json.dumps(result))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
