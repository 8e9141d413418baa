"""Start-up and per-turn latency of the real assistant on this machine.

Prints first-launch time (model provisioning from the packages, demo catalog seeding and
embedding, model load), warm-start time (everything cached) and per-turn latency over a
10-turn conversation, median and p90: time to cards, to the reply's first model token, to its
first sentence on screen (after the grounding check) and to the last word. Measured in the same
run: the configured model (int8 weights on the CPU by default), the fp32 model, and a baseline
with the model switched off (every model call fails at once, so turns use the deterministic
parse and the fixed introduction): the difference is what the language model costs.

    .venv/bin/python -m benchmarks.bench_turns            # full run (~8 min on 2 cores)
    .venv/bin/python -m benchmarks.bench_turns --warm-only --no-fp32
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from assistant.app.settings import Settings
from assistant.app.wiring import build_assistant, load_llm
from assistant.llm.base import LLM, Message
from evaluation.fakes import FakeLLM

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


class FirstTokenClock:
    """Wraps the assistant's LLM and notes when each call's first piece arrives."""

    def __init__(self, inner: LLM) -> None:
        self._inner = inner
        self.first_pieces: list[tuple[bool, float]] = []  # (constrained?, perf_counter)

    def generate(self, messages: Sequence[Message], **kwargs: Any) -> Iterator[str]:
        first = True
        for piece in self._inner.generate(messages, **kwargs):
            if first:
                self.first_pieces.append(
                    (kwargs.get("json_schema") is not None, time.perf_counter())
                )
                first = False
            yield piece


def summarise(rows: list[dict[str, float]], prefix: str = "") -> dict[str, float]:
    summary = {}
    for key in ("to_cards_s", "to_reply_token_s", "to_sentence_s", "to_last_token_s"):
        values = [row[key] for row in rows if row[key] is not None]
        if not values:
            continue
        summary[f"{prefix}{key[:-2]}_median_s"] = round(statistics.median(values), 3)
        summary[f"{prefix}{key[:-2]}_p90_s"] = round(p90(values), 3)
    return summary


def timed_start(settings: Settings) -> tuple[float, object]:
    started = time.perf_counter()
    assistant = build_assistant(settings)
    return time.perf_counter() - started, assistant


def run_turns(assistant, clock: FirstTokenClock | None = None) -> list[dict[str, Any]]:
    conversation = assistant.new_conversation()
    rows = []
    for message in CONVERSATION:
        started = time.perf_counter()
        to_cards = to_sentence = None
        for update in assistant.respond(conversation, message):
            now = time.perf_counter() - started
            if to_cards is None:
                to_cards, intro = now, update.text
            elif to_sentence is None and update.text != intro:
                to_sentence = now
            last = update
        total = time.perf_counter() - started
        replies = [
            t
            for constrained, t in (clock.first_pieces if clock else [])
            if not constrained and t > started
        ]
        to_reply_token = replies[0] - started if replies else None
        rows.append(
            {
                "message": message,
                "cards": len(last.cards),
                "to_cards_s": to_cards,
                "to_reply_token_s": to_reply_token,
                "to_sentence_s": to_sentence,
                "to_last_token_s": total,
            }
        )
        print(
            f"  {total:6.2f} s  cards {to_cards:5.2f} s  reply token "
            f"{_seconds(to_reply_token)}  sentence {_seconds(to_sentence)}  "
            f"{len(last.cards)} cards  {message!r}: {last.text[:60]!r}",
            flush=True,
        )
    return rows


def _seconds(value: float | None) -> str:
    return "   -   " if value is None else f"{value:5.2f} s"


def timed_turns(settings: Settings, prefix: str) -> dict[str, float]:
    clock = FirstTokenClock(load_llm(settings))
    print(f"with the model, {settings.quantization} weights:", flush=True)
    return summarise(run_turns(build_assistant(settings, llm=clock), clock), prefix)


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--warm-only",
        action="store_true",
        help="skip the first-launch measurement (it re-provisions the model)",
    )
    parser.add_argument("--no-fp32", action="store_true", help="skip the fp32 comparison run")
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
        seconds, _ = timed_start(settings)
        results["warm_start_s"] = round(seconds, 2)
        print(f"warm start: {seconds:.1f} s", flush=True)
        print("baseline, model off:", flush=True)
        results |= summarise(run_turns(build_assistant(settings, llm=FakeLLM())), "baseline_")
        results |= timed_turns(settings, "")
        if not args.no_fp32:
            fp32 = settings.model_copy(update={"quantization": "none"})
            results |= timed_turns(fp32, "fp32_")
    results["model_cost_ratio_to_cards"] = round(
        results["to_cards_median_s"] / results["baseline_to_cards_median_s"], 1
    )
    if not args.no_fp32:
        for key in ("to_reply_token_median_s", "to_last_token_median_s"):
            results[f"{key}_ratio_fp32_over_configured"] = round(
                results[f"fp32_{key}"] / results[key], 2
            )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
