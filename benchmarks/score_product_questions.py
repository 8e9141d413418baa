"""Scores answers to the labelled product questions (evaluation.product_questions).

    python -m benchmarks.score_product_questions [--set tests/data/product_questions.yaml]
        [--split dev|holdout|all] [--misses N] [--embedder minilm|hashing]

Imports the demo catalog and the MG-ShopDial items into temporary SQLite databases as the
project imports them (benchmarks.score_catalog_terms.open_catalog), reads each question in
its product's terms and answers it with the assistant's own `ProductAnswers` (the path a
question in the chat takes, after the product is resolved). Prints accuracy, the rate of
wrong yes/no answers and the median answer time, overall and by catalog, split and kind; the
first N misses; and last one JSON line. A catalog whose data is absent is skipped with the
reason.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from assistant.facts.knowledge import load_knowledge
from assistant.facts.product_answers import ProductAnswers
from assistant.understanding.product_question import read_question
from benchmarks.score_catalog_terms import _embedder, missing_reason, open_catalog
from catalog.models import Product
from evaluation.product_questions import DEFAULT_SET, LabelledQuestion, is_right, load_questions
from evaluation.product_questions import tallies as make_tallies


def answer_all(
    questions: list[LabelledQuestion], embedder_name: str
) -> list[tuple[LabelledQuestion, str, str, float]]:
    """(question, verdict, answer text, seconds) for every question whose catalog opens."""
    embedder = _embedder(embedder_name)
    answers = ProductAnswers(embedder)
    rows = []
    for catalog in sorted({q.catalog for q in questions}):
        reason = missing_reason(catalog)
        if reason:
            print(f"skipped {catalog}: {reason}", file=sys.stderr)
            continue
        with tempfile.TemporaryDirectory() as folder:
            sessions = open_catalog(catalog, Path(folder), embedder)
            with sessions() as session:
                vocabulary = load_knowledge(session, embedder).vocabulary
                products = {
                    p.name: p
                    for p in session.scalars(select(Product).options(selectinload(Product.reviews)))
                }
                for question in (q for q in questions if q.catalog == catalog):
                    product = products[question.product]
                    started = time.perf_counter()
                    read = read_question(question.question, vocabulary, product.category)
                    answer = answers.answer(product, read)
                    seconds = time.perf_counter() - started
                    rows.append((question, answer.verdict.value, answer.text, seconds))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--split", choices=("dev", "holdout", "all"), default="all")
    parser.add_argument("--misses", type=int, default=0)
    parser.add_argument("--embedder", choices=("minilm", "hashing"), default="minilm")
    args = parser.parse_args(argv)
    questions = [q for q in load_questions(args.set) if args.split in ("all", q.split)]
    rows = answer_all(questions, args.embedder)
    tallies = make_tallies(rows)
    print(f"{'slice':22} {'n':>4} {'accuracy':>9} {'wrong y/n':>10} {'median s':>9}")
    for name, tally in sorted(tallies.items(), key=lambda kv: (kv[0] != "all", kv[0])):
        s = tally.summary()
        print(
            f"{name:22} {s['questions']:>4} {s['accuracy']:>9.3f} "
            f"{s['wrong_yes_no_rate']:>10.3f} {s['median_answer_s']:>9.4f}"
        )
    if "all" in tallies:
        print("gold->verdict:", dict(sorted(tallies["all"].verdicts.items())))
    misses = [r for r in rows if not is_right(r[0], r[1], r[2])]
    for question, verdict, text, _ in misses[: args.misses]:
        print(f"\n[{question.catalog}] {question.product}\n  Q: {question.question}")
        print(f"  gold {question.gold} {question.value or ''} | got {verdict}: {text[:300]}")
    summary = {name: t.summary() for name, t in tallies.items()}
    print(json.dumps({"benchmark": "product_questions", **summary}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
