"""Transcripts of real conversations for judging by hand, and the judged rate.

Replays a seeded random sample of whole MG-ShopDial dev-half conversations (whole, so every
turn has its context) until at least `--turns` shopper turns, through the assistant with the
real model (or `--fake-model`), and writes one JSON line per turn: the message, the reply, the
cards (name | price | category), the move, seconds to the first cards and to the end.

A judge then reads each reply as a shopper would and adds `"appropriate": true/false` and a
`"note"` to every line (the rubric: it does what was asked — right kind of product and every
stated constraint; or answers the question; or performs the action — or says plainly why not
and offers the closest thing or one precise question; every fact true; no broken or leftover
words; no repeat of the last answer to "thanks" or "sure"). `--score FILE` prints the rate.

    .venv/bin/python -m benchmarks.judge_mgshopdial --out transcript.jsonl   # ~15 min, real model
    .venv/bin/python -m benchmarks.judge_mgshopdial --score benchmarks/judgements/after.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select

from benchmarks.replay_mgshopdial import (
    DEFAULT_DATA,
    Dialogue,
    build_store,
    load_dialogues,
    missing_reason,
)
from catalog.embedding import MiniLMEmbedder
from catalog.models import Product
from evaluation.fakes import FakeLLM


def sample(dialogues: list[Dialogue], turns: int, seed: int) -> list[Dialogue]:
    """Whole conversations in a seeded random order until they hold `turns` shopper turns."""
    order = list(dialogues)
    random.Random(seed).shuffle(order)
    chosen: list[Dialogue] = []
    for dialogue in order:
        if sum(len(d.messages) for d in chosen) >= turns:
            break
        chosen.append(dialogue)
    return chosen


def replay(dialogues: list[Dialogue], out: Path, fake_model: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp, out.open("w", encoding="utf-8") as lines:
        sessions, chat, _ = build_store(
            DEFAULT_DATA,
            f"sqlite:///{tmp}/replay.db",
            MiniLMEmbedder(),
            FakeLLM() if fake_model else None,
        )
        for dialogue in dialogues:
            session_id, _ = chat.open(None)
            for number, message in enumerate(dialogue.messages, start=1):
                started, first_cards, last = time.perf_counter(), None, None
                for last in chat.send(session_id, message):
                    if first_cards is None and last.cards:
                        first_cards = time.perf_counter() - started
                seconds = time.perf_counter() - started
                ids = [card.product_id for card in last.cards] if last else []
                with sessions() as db:
                    found = {
                        p.id: p for p in db.scalars(select(Product).where(Product.id.in_(ids)))
                    }
                turn = {
                    "conversation": dialogue.id,
                    "turn": number,
                    "message": message,
                    "reply": last.text if last else "",
                    "move": last.move if last else "",
                    "cards": [
                        f"{found[i].name} | {found[i].price} | {found[i].category}"
                        for i in ids
                        if i in found
                    ],
                    "seconds": round(seconds, 2),
                    "first_cards_s": None if first_cards is None else round(first_cards, 2),
                }
                lines.write(json.dumps(turn, ensure_ascii=False) + "\n")
                lines.flush()


def score(path: Path) -> dict[str, object]:
    """The judged rate, and the latency of the replay the judgements were made on."""
    turns = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    judged = [t for t in turns if "appropriate" in t]
    card_times = [t["first_cards_s"] for t in turns if t.get("first_cards_s") is not None]
    return {
        "turns": len(turns),
        "judged": len(judged),
        "appropriate": sum(bool(t["appropriate"]) for t in judged),
        "rate": round(sum(bool(t["appropriate"]) for t in judged) / len(judged), 3)
        if judged
        else None,
        "turn_p90_s": _p90([t["seconds"] for t in turns]),
        "cards_p90_s": _p90(card_times),
    }


def _p90(values: list[float]) -> float | None:
    return (
        round(statistics.quantiles(values, n=10, method="inclusive")[-1], 2)
        if len(values) > 1
        else None
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.judge_mgshopdial", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--out", type=Path, help="write the transcript (JSON lines) here")
    parser.add_argument("--turns", type=int, default=150, help="at least this many shopper turns")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--fake-model", action="store_true", help="no model: code-written replies only"
    )
    parser.add_argument("--score", type=Path, help="print the judged rate of a judged transcript")
    args = parser.parse_args(argv)
    if args.score:
        print(json.dumps(score(args.score)))
        return 0
    reason = missing_reason(DEFAULT_DATA)
    if reason or args.out is None:
        print(f"skipped: {reason or 'no --out given'}")
        return 0
    chosen = sample(load_dialogues(DEFAULT_DATA), args.turns, args.seed)
    print(f"{len(chosen)} conversations, {sum(len(d.messages) for d in chosen)} turns")
    replay(chosen, args.out, args.fake_model)
    print(json.dumps(score(args.out)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
