"""Scores understanding: intent accuracy and slot P/R/F1 for the rules, the model and both.

    python -m benchmarks.score_understanding [--modes rules,model,combined]
        [--set tests/data/utterances.yaml] [--simmc] [--limit N] [--model NAME] [--json]

The labelled set (default tests/data/utterances.yaml) is scored against the demo catalog's
vocabulary, read from catalog/demo/products.jsonl (no database). `--simmc` scores the real user
turns of ../shared/data/simmc2 instead, mapped to our schema by benchmarks.simmc, with a
vocabulary of SIMMC's own brands and categories, and prints the mapping and its coverage.
The model is loaded only when a mode needs it. Targets for the combined mode on our set:
intent accuracy >= 0.90, slot F1 >= 0.85, every model answer schema-valid after repair.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.llm.base import LLM
from assistant.llm.prompts import PromptLibrary
from assistant.understanding.intent_rules import Context
from assistant.understanding.understander import Mode, Understander
from assistant.understanding.vocabulary import CatalogVocabulary
from evaluation.understanding_scores import (
    DEFAULT_SET,
    LabelledUtterance,
    ScoreResult,
    load_utterances,
    score,
)

DEMO_PRODUCTS = Path(__file__).resolve().parents[1] / "catalog" / "demo" / "products.jsonl"
TARGET_INTENT_ACCURACY = 0.90
TARGET_SLOT_F1 = 0.85


def demo_vocabulary(path: Path = DEMO_PRODUCTS) -> CatalogVocabulary:
    """The brands and category paths of the demo catalog file."""
    products = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return CatalogVocabulary.from_catalog(
        sorted({p["brand"] for p in products if p.get("brand")}),
        sorted({p["category"] for p in products if p.get("category")}),
        [(p["name"], p["category"]) for p in products],
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.score_understanding", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--modes",
        default="rules,model,combined",
        help="comma-separated: rules, model, combined (default: all three)",
    )
    parser.add_argument(
        "--set",
        type=Path,
        default=DEFAULT_SET,
        dest="labelled_set",
        help="labelled YAML set (default: tests/data/utterances.yaml)",
    )
    parser.add_argument(
        "--simmc",
        action="store_true",
        help="score SIMMC 2.0 user turns from ../shared/data instead",
    )
    parser.add_argument("--limit", type=int, default=None, help="score only the first N")
    parser.add_argument(
        "--split",
        choices=("all", "dev", "holdout"),
        default="all",
        help="holdout = every 4th utterance, never looked at while tuning rules",
    )
    parser.add_argument("--model", default=None, help="model name or folder (Settings.model)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=None,
        help="seconds per model answer (default: Settings.intent_timeout_s)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args(argv)
    try:
        args.modes = [Mode(m.strip()) for m in args.modes.split(",") if m.strip()]
    except ValueError as exc:
        parser.error(f"--modes: {exc}; choose from {', '.join(Mode)}")
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    return args


def load_set(
    args: argparse.Namespace,
) -> tuple[list[LabelledUtterance], CatalogVocabulary, dict[str, Any]]:
    """The utterances to score, their vocabulary, and what to report about the set."""
    info: dict[str, Any]
    if args.simmc:
        from benchmarks.simmc import coverage_report, load_simmc, mapping_table

        simmc = load_simmc()
        info = {
            "set": "simmc2_dev_half.json",
            "mapping": mapping_table(),
            "coverage": simmc.coverage.summary(),
            "coverage_text": coverage_report(simmc.coverage),
            "vocabulary": {"brands": simmc.brands, "categories": simmc.categories},
        }
        vocabulary = CatalogVocabulary.from_catalog(simmc.brands, simmc.categories)
        utterances = simmc.utterances
    else:
        utterances = load_utterances(args.labelled_set)
        shown_path = args.labelled_set.resolve()
        if shown_path.is_relative_to(Path.cwd()):
            shown_path = shown_path.relative_to(Path.cwd())
        info = {"set": str(shown_path)}
        vocabulary = demo_vocabulary()
    if args.split != "all":
        holdout = args.split == "holdout"
        utterances = [u for i, u in enumerate(utterances) if (i % 4 == 3) == holdout]
        info["split"] = args.split
    if args.limit:
        utterances = utterances[: args.limit]
    info |= {
        "utterances": len(utterances),
        "with_context": sum(u.context != Context() for u in utterances),
    }
    return utterances, vocabulary, info


def load_model(args: argparse.Namespace) -> tuple[LLM, float]:
    """The real model (slow: minutes on CPU) and the per-answer timeout."""
    from assistant.app.settings import Settings
    from assistant.app.wiring import load_llm

    settings = Settings(model=args.model) if args.model else Settings()
    timeout = args.timeout if args.timeout is not None else settings.intent_timeout_s
    return load_llm(settings), timeout


def run_mode(
    mode: Mode,
    llm: LLM | None,
    timeout_s: float,
    vocabulary: CatalogVocabulary,
    utterances: list[LabelledUtterance],
    quiet: bool,
) -> ScoreResult:
    understander = Understander(llm, PromptLibrary(), timeout_s, mode)

    def predict(text: str, context: Context) -> Any:
        return understander.understand(text, vocabulary, context)

    def progress(done: int) -> None:
        if not quiet and mode is not Mode.RULES and (done % 25 == 0 or done == len(utterances)):
            print(f"  {mode}: {done}/{len(utterances)}", file=sys.stderr, flush=True)

    return score(predict, utterances, progress)


def format_table(results: dict[Mode, ScoreResult]) -> str:
    header = (
        f"{'mode':<9} {'n':>5} {'intent':>7} {'lenient':>8} {'slot P':>7} {'slot R':>7} "
        f"{'slot F1':>8} {'model calls':>12} {'schema-valid':>13} {'median s':>9}"
    )
    lines = [header, "-" * len(header)]
    for mode, r in results.items():
        s = r.slots
        valid = "-" if r.schema_valid_share is None else f"{r.schema_valid_share:.1%}"
        lines.append(
            f"{mode.value:<9} {r.n:>5} {r.intent_accuracy:>7.3f} "
            f"{r.lenient_intent_accuracy:>8.3f} {s.precision:>7.3f} {s.recall:>7.3f} "
            f"{s.f1:>8.3f} {r.model_calls:>12} {valid:>13} {r.median_seconds:>9.4f}"
        )
    return "\n".join(lines)


def format_details(mode: Mode, result: ScoreResult, top: int = 8) -> str:
    per_intent = ", ".join(
        f"{i.value} {right}/{total}" for i, (right, total) in result.per_intent().items()
    )
    wrong = "; ".join(f"{e.value}->{p.value} {n}" for e, p, n in result.confusions(top)) or "none"
    return f"{mode.value}: per intent: {per_intent}\n{mode.value}: top confusions: {wrong}"


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    utterances, vocabulary, info = load_set(args)
    llm, timeout = None, 0.0
    if any(mode is not Mode.RULES for mode in args.modes):
        llm, timeout = load_model(args)
    results = {
        mode: run_mode(
            mode,
            llm if mode is not Mode.RULES else None,
            timeout,
            vocabulary,
            utterances,
            args.json,
        )
        for mode in args.modes
    }
    if args.json:
        print(
            json.dumps(
                {
                    "set": {k: v for k, v in info.items() if k != "coverage_text"},
                    "targets": {
                        "intent_accuracy": TARGET_INTENT_ACCURACY,
                        "slot_f1": TARGET_SLOT_F1,
                    },
                    "results": {m.value: r.summary() for m, r in results.items()},
                },
                indent=2,
            )
        )
        return 0
    print(
        f"set: {info['set']}: {info['utterances']} utterances, {info['with_context']} with context"
    )
    if args.simmc:
        print(info["mapping"])
        print(info["coverage_text"])
    print(format_table(results))
    for mode, result in results.items():
        print(format_details(mode, result))
    if Mode.COMBINED in results and not args.simmc:
        r = results[Mode.COMBINED]
        met = (
            r.intent_accuracy >= TARGET_INTENT_ACCURACY
            and r.slots.f1 >= TARGET_SLOT_F1
            and r.schema_valid_share in (None, 1.0)
        )
        print(
            f"targets (combined): intent >= {TARGET_INTENT_ACCURACY}, slot F1 >= "
            f"{TARGET_SLOT_F1}, schema-valid 100%: {'met' if met else 'NOT met'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
