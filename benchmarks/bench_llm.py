"""Speed of the local model on this machine: fp32 baseline against fp16 and int8 weights.

For each variant, loaded in a process of its own (so its peak memory is its own): decode tokens/s
(median of several runs of a fixed number of new tokens, prefill excluded; on the main thread
and in a worker thread, where the chat page's handlers run), the time of a whole constrained
intent answer and the time to the first streamed chunk of the reply, with and without the prefix
key/value cache (median over realistic inputs, cache already warm), peak RSS, and the intent
answers on ten shopper messages. Prints a table and one JSON line with the ratios, the share of
intent answers that are valid JSON and their exact-match rate against fp32's.

    .venv/bin/python -m benchmarks.bench_llm              # ~8 min on 2 cores
    .venv/bin/python -m benchmarks.bench_llm --runs 5 --new-tokens 64
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from assistant.facts.cards import ProductCard
from assistant.llm.base import complete
from assistant.llm.local import TransformersLLM
from assistant.llm.prompts import PromptLibrary
from assistant.understanding.understander import INTENT_MAX_NEW_TOKENS, MODEL_ANSWER_SCHEMA

VARIANTS = ("none", "fp16", "int8")  # "none" is the fp32 baseline

INTENT_INPUTS = [  # (message, previous request, products shown for it)
    ("running shoes for men under $100", "", 0),
    ("in black", "men's running shoes under $100", 4),
    ("cheaper", "men's black running shoes under $100", 4),
    ("wireless headphones", "", 0),
    ("summer sunglasses under $50, not too sporty", "", 0),
    ("does the second one come in red?", "women's rain jackets", 3),
    ("add the first one to my cart", "chef knives", 4),
    ("hi there", "", 0),
    ("where is my order 1042?", "", 0),
    ("what's the weather like tomorrow?", "", 0),
]

REPLY_INPUTS: list[tuple[str, list[tuple[str, float | None]]]] = [  # request, (name, rating)
    (
        "men's running shoes under $100",
        [
            ("Stride Lab Tempo 3 Men's Road Running Shoe", 4.4),
            ("Pacer Co. Daily Trainer Men's Running Shoe", 4.1),
            ("Trailhead Swift Men's Lightweight Runner", 3.9),
            ("Stride Lab Cushion Max Men's Running Shoe", 4.6),
        ],
    ),
    (
        "wireless headphones under $50",
        [
            ("Sonora Pulse Wireless On-Ear Headphones", 4.0),
            ("Auralis Go Bluetooth Over-Ear Headphones", 4.3),
            ("Sonora Bass Lite Wireless Headphones", 3.8),
        ],
    ),
    (
        "women's navy jackets",
        [
            ("Harbor & Pine Snowline Women's Down Parka", 5.0),
            ("Kiruna Outdoor Lofoten Women's Rain Shell", 4.2),
            ("Northbound Supply Fjord Women's Insulated Jacket", 4.5),
            ("Harbor & Pine Coastal Women's Quilted Jacket", None),
        ],
    ),
    (
        "sunglasses under $50, not sporty",
        [
            ("Solace Eyewear Riviera Round Sunglasses", 4.1),
            ("Brightline Classic Wayfarer Sunglasses", 4.4),
        ],
    ),
    (
        "chef knives",
        [
            ("Kanto Steel 8-inch Chef's Knife", 4.7),
            ("Brunnhaus Classic Chef Knife 20 cm", 4.3),
            ("Kanto Steel Santoku 7-inch", 4.5),
            ("Maison Lame Utility Chef Knife", 3.9),
        ],
    ),
]


def card(name: str, rating: float | None) -> ProductCard:
    return ProductCard(0, "SKU", name, None, Decimal("0"), "USD", rating, 10, 5, None, "")


def intent_prompts(library: PromptLibrary) -> list[list]:
    return [
        library.render("intent", message=m, previous_request=p, shown=n)
        for m, p, n in INTENT_INPUTS
    ]


def reply_prompts(library: PromptLibrary) -> list[list]:
    return [
        library.render("reply", request=request, products=[card(n, r) for n, r in products])
        for request, products in REPLY_INPUTS
    ]


def time_to_first_chunk(llm: TransformersLLM, messages: list) -> float:
    started = time.perf_counter()
    stream = llm.generate(messages, max_new_tokens=8)
    next(stream)
    elapsed = time.perf_counter() - started
    stream.close()  # stops generation and frees the model
    return elapsed


def intent_answer(llm: TransformersLLM, messages: list) -> str:
    return complete(
        llm, messages, max_new_tokens=INTENT_MAX_NEW_TOKENS, json_schema=MODEL_ANSWER_SCHEMA
    )


def timed_intent_answer(llm: TransformersLLM, messages: list) -> float:
    started = time.perf_counter()
    intent_answer(llm, messages)
    return time.perf_counter() - started


def median_time(
    llm: TransformersLLM,
    prompts: list[list],
    cached: bool,
    timer: Callable[[TransformersLLM, list], float],
) -> float:
    """Median over the prompts; with the cache, each prefix is computed beforehand."""
    llm.prefix_cache_size = 4 if cached else 0
    if cached:
        timer(llm, prompts[0])
    return statistics.median(timer(llm, p) for p in prompts)


def decode_tokens_per_s(
    llm: TransformersLLM, messages: list, new_tokens: int, in_thread: bool
) -> float:
    """Tokens/s from the first streamed chunk to the last, so the prefill is not counted.

    `in_thread`: decode in a fresh thread, as the chat page's worker threads do; on 2 cores the
    quantised kernels run markedly slower there than on the main thread.
    """
    times, text = [], []

    def run() -> None:
        for piece in llm.generate(messages, max_new_tokens=new_tokens):
            times.append(time.perf_counter())
            text.append(piece)

    if in_thread:
        worker = threading.Thread(target=run)
        worker.start()
        worker.join()
    else:
        run()
    first_piece_tokens = len(llm._tokenizer(text[0], add_special_tokens=False)["input_ids"])
    tokens = len(llm._tokenizer("".join(text), add_special_tokens=False)["input_ids"])
    return (tokens - first_piece_tokens) / (times[-1] - times[0])


def measure(model_dir: Path, quantization: str, runs: int, new_tokens: int) -> dict[str, Any]:
    """Everything for one variant; runs in a child process of its own."""
    started = time.perf_counter()
    llm = TransformersLLM(model_dir, device="cpu", quantization=quantization)
    load_s = time.perf_counter() - started
    library = PromptLibrary()
    intents, replies = intent_prompts(library), reply_prompts(library)
    complete(llm, intents[0], max_new_tokens=4)  # warm-up: first-call allocations
    story = [{"role": "user", "content": "Tell me a long story about a shop."}]
    decode = [decode_tokens_per_s(llm, story, new_tokens, False) for _ in range(runs)]
    in_thread = [decode_tokens_per_s(llm, story, new_tokens, True) for _ in range(runs)]
    result = {
        "quantization": quantization,
        "load_s": load_s,
        "decode_tok_s_runs": decode,
        "decode_tok_s": statistics.median(decode),
        "decode_thread_tok_s_runs": in_thread,
        "decode_thread_tok_s": statistics.median(in_thread),
        "intent_nocache_s": median_time(llm, intents, False, timed_intent_answer),
        "intent_cache_s": median_time(llm, intents, True, timed_intent_answer),
        "ttft_reply_nocache_s": median_time(llm, replies, False, time_to_first_chunk),
        "ttft_reply_cache_s": median_time(llm, replies, True, time_to_first_chunk),
    }
    llm.prefix_cache_size = 4
    result["intent_answers"] = [intent_answer(llm, p) for p in intents]
    llm.prefix_cache_size = 0
    result["intent_answers_nocache"] = [intent_answer(llm, p) for p in intents]
    result["prompt_tokens"] = {
        "intent": len(llm._token_ids(list(intents[0]), add_generation_prompt=True)),
        "intent_prefix": len(llm._token_ids(list(intents[0][:1]), add_generation_prompt=False)),
        "reply": len(llm._token_ids(list(replies[0]), add_generation_prompt=True)),
        "reply_prefix": len(llm._token_ids(list(replies[0][:1]), add_generation_prompt=False)),
    }
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def json_answer(text: str) -> Any:
    """The first {...} of an answer as parsed JSON, or None."""
    start, end = text.find("{"), text.find("}")
    try:
        return json.loads(text[start : end + 1]) if 0 <= start < end else None
    except ValueError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, help="default: the configured model")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--new-tokens", type=int, default=48)
    parser.add_argument("--only", choices=VARIANTS, help=argparse.SUPPRESS)  # one child's work
    args = parser.parse_args()
    if args.only:
        print(json.dumps(measure(args.model_dir, args.only, args.runs, args.new_tokens)))
        return
    if args.model_dir is None:
        from assistant.app.settings import Settings
        from assistant.llm.provisioning import provision

        settings = Settings()
        args.model_dir = provision(settings.model, settings.model_cache_dir)
    results = {}
    for quantization in VARIANTS:  # each in a fresh process, so peak RSS is its own
        child = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.bench_llm",
                "--only",
                quantization,
                "--model-dir",
                str(args.model_dir),
                "--runs",
                str(args.runs),
                "--new-tokens",
                str(args.new_tokens),
            ],
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
        results[quantization] = json.loads(child.stdout.strip().splitlines()[-1])
        print(
            f"measured {quantization}: {results[quantization]['decode_tok_s']:.1f} tok/s",
            flush=True,
        )
    base = results["none"]
    names = {"none": "fp32", "fp16": "fp16", "int8": "int8"}
    rows = [
        ("decode tok/s (median)", "decode_tok_s", "{:.2f}"),
        ("decode tok/s (worker thread)", "decode_thread_tok_s", "{:.2f}"),
        ("intent answer, no cache (s)", "intent_nocache_s", "{:.3f}"),
        ("intent answer, prefix cache (s)", "intent_cache_s", "{:.3f}"),
        ("TTFT reply, no cache (s)", "ttft_reply_nocache_s", "{:.3f}"),
        ("TTFT reply, prefix cache (s)", "ttft_reply_cache_s", "{:.3f}"),
        ("peak RSS (MB)", "peak_rss_mb", "{:.0f}"),
        ("load + quantise (s)", "load_s", "{:.1f}"),
    ]
    print(f"\n{'':32}" + "".join(f"{names[v]:>10}" for v in VARIANTS))
    for label, key, fmt in rows:
        print(f"{label:32}" + "".join(f"{fmt.format(results[v][key]):>10}" for v in VARIANTS))
    print(f"prompt tokens (prefix cached): {base['prompt_tokens']}")
    answers = {v: [json_answer(a) for a in results[v]["intent_answers"]] for v in VARIANTS}
    print("\nintent answers (= same JSON as fp32):")
    for i, (message, *_) in enumerate(INTENT_INPUTS):
        print(f"  {message!r}")
        for v in VARIANTS:
            mark = "=" if answers[v][i] == answers["none"][i] else "≠"
            print(f"    {mark} {names[v]}: {results[v]['intent_answers'][i].strip()!r}")
    n = len(INTENT_INPUTS)
    summary: dict[str, Any] = {}
    for v in VARIANTS:
        r, name = results[v], names[v]
        summary[f"decode_tok_s_{name}"] = round(r["decode_tok_s"], 2)
        summary[f"decode_thread_tok_s_{name}"] = round(r["decode_thread_tok_s"], 2)
        for key in ("decode_tok_s", "decode_thread_tok_s"):
            summary[f"{key}_ratio_{name}_over_fp32"] = round(r[key] / base["decode_tok_s"], 2)
        for key in ("intent", "ttft_reply"):
            summary[f"{key}_cache_s_{name}"] = round(r[f"{key}_cache_s"], 3)
            summary[f"{key}_ratio_cache_over_nocache_{name}"] = round(
                r[f"{key}_cache_s"] / r[f"{key}_nocache_s"], 2
            )
        summary[f"peak_rss_mb_{name}"] = round(r["peak_rss_mb"])
        summary[f"intent_json_valid_{name}"] = sum(a is not None for a in answers[v]) / n
        summary[f"intent_exact_match_{name}_vs_fp32"] = (
            sum(a == b for a, b in zip(answers[v], answers["none"], strict=True)) / n
        )
        summary[f"cache_same_text_{name}"] = r["intent_answers"] == r["intent_answers_nocache"]
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
