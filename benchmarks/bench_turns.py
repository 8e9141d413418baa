"""Start-up and per-turn latency of the real assistant on this machine.

Prints first-launch time (model provisioning from the packages, demo catalog seeding and
embedding, model load), warm-start time (everything cached) and per-turn latency over a
10-turn conversation: time to cards and time to the last word, median and p90. The baseline,
measured in the same run, is the same conversation with the model switched off (every model
call fails at once, so turns use the deterministic parse and the fixed introduction): the
difference is what the language model costs.

    .venv/bin/python -m benchmarks.bench_turns            # full run (~6 min on 2 cores)
    .venv/bin/python -m benchmarks.bench_turns --warm-only
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from assistant.llm import FakeLLM
from assistant.settings import Settings
from assistant.wiring import build_assistant

CONVERSATION = [
    "running shoes for men under $100",
    "in black",
    "cheaper",
    "wireless headphones",
    "under 50 instead",
    "summer sunglasses under $50, not too sporty",
    "a warm winter jacket for women",
    "in navy",
    "a chef knife",
    "cheaper",
]


def summarise(rows: list[dict[str, float]], prefix: str = "") -> dict[str, float]:
    summary = {}
    for key in ("to_cards_s", "to_last_token_s"):
        values = [row[key] for row in rows]
        summary[f"{prefix}{key[:-2]}_median_s"] = round(statistics.median(values), 3)
        summary[f"{prefix}{key[:-2]}_p90_s"] = round(p90(values), 3)
    return summary


def timed_start(settings: Settings) -> tuple[float, object]:
    started = time.perf_counter()
    assistant = build_assistant(settings)
    return time.perf_counter() - started, assistant


def run_turns(assistant) -> list[dict[str, float]]:
    conversation = assistant.new_conversation()
    rows = []
    for message in CONVERSATION:
        started = time.perf_counter()
        to_cards = None
        for update in assistant.respond(conversation, message):
            if to_cards is None:
                to_cards = time.perf_counter() - started
            last = update
        total = time.perf_counter() - started
        rows.append({"message": message, "cards": len(last.cards), "to_cards_s": to_cards,
                     "to_last_token_s": total})
        print(f"  {total:6.2f} s  cards after {to_cards:5.2f} s  {len(last.cards)} cards  "
              f"{message!r}: {last.text[:70]!r}", flush=True)
    return rows


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm-only", action="store_true",
                        help="skip the first-launch measurement (it re-provisions the model)")
    args = parser.parse_args()
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch)
        cold_cache = data_dir / "models" if not args.warm_only else Settings().model_cache_dir
        if not args.warm_only:
            seconds, _ = timed_start(Settings(data_dir=data_dir, model_cache_dir=cold_cache))
            results["first_launch_s"] = round(seconds, 2)
            print(f"first launch (provision + seed + load): {seconds:.1f} s", flush=True)
        else:
            build_assistant(Settings(data_dir=data_dir, model_cache_dir=cold_cache))
        settings = Settings(data_dir=data_dir, model_cache_dir=cold_cache)
        seconds, assistant = timed_start(settings)
        results["warm_start_s"] = round(seconds, 2)
        print(f"warm start: {seconds:.1f} s", flush=True)
        print("baseline, model off:", flush=True)
        results |= summarise(run_turns(build_assistant(settings, llm=FakeLLM())), "baseline_")
        print("with the model:", flush=True)
        results |= summarise(run_turns(assistant))
    results["model_cost_ratio_to_cards"] = round(
        results["to_cards_median_s"] / results["baseline_to_cards_median_s"], 1)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
