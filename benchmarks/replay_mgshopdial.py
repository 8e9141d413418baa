"""Replay the MG-ShopDial shoppers' messages through the assistant, and audit every answer.

Imports the 57 Amazon listings of ../shared/data/mgshopdial/items (through the bundled
`mgshopdial` mapping, the category given per file) and the store policies of the demo
(catalog/demo/policies.md; not the demo products or shoppers) into a fresh SQLite database,
builds the assistant the way the app does, and sends every "Client" utterance of the 32
conversations, each conversation in a chat session of its own. Every turn is:

- an error when the chat raises, answers with its "something went wrong" text, or shows nothing;
- audited with `evaluation.audit.audit_turn` (cards, prices and order numbers against the DB);
- classified by what the last update shows: "products" (cards), "clarifying question" (move
  clarify, or a question without cards), "policy/order answer" (move policy or order_status),
  or "other".

Prints a line per conversation, the problems, a summary, and JSON lines (lines starting with
"{") for machines; exits 1 when any turn failed or any audit found a problem.

    .venv/bin/python -m benchmarks.replay_mgshopdial               # MiniLM + local model, ~25 min
    .venv/bin/python -m benchmarks.replay_mgshopdial --fake-model  # hashing, no model, ~15 s
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from assistant.app.services import Services
from assistant.app.settings import Settings
from assistant.app.wiring import build_assistant, open_database
from assistant.dialogue.turns import TurnUpdate
from assistant.history.chat import BUSY, SORRY, ChatService
from assistant.llm.base import LLM
from catalog.demo_loader import DEMO_DIR, parse_policies
from catalog.embedding import Embedder
from catalog.importer import ImportReport, import_file
from catalog.mapping import load_mapping
from evaluation.audit import audit_turn
from evaluation.fakes import FakeLLM, HashingEmbedder

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "mgshopdial"
DIALOGUES = "mgshopdial_dev_half.json"
CATEGORIES = {  # item file -> the category its listings belong to
    "Books_items.json": "Books",
    "Cellphones&Accessories_items.json": "Cellphones & Accessories",
    "Officeproducts_items.json": "Office Products",
    "SportsandOutdoors_items.json": "Sports & Outdoors",
}
CLASSES = ("products", "clarifying question", "policy/order answer", "other")
POLICY_MOVES = ("policy", "order_status")


@dataclass(frozen=True)
class Dialogue:
    """One MG-ShopDial conversation: its id and the shopper's utterances, in order."""

    id: str
    messages: tuple[str, ...]


@dataclass(frozen=True)
class TurnResult:
    conversation: str
    turn: int
    message: str
    reply: str
    cards: int
    move: str
    kind: str  # one of CLASSES
    seconds: float
    error: str | None
    problems: tuple[str, ...]


def missing_reason(data_dir: Path) -> str | None:
    files = [data_dir / DIALOGUES, *(data_dir / "items" / name for name in CATEGORIES)]
    absent = [str(f) for f in files if not f.is_file()]
    return f"MG-ShopDial data not found: {', '.join(absent)}" if absent else None


def load_dialogues(data_dir: Path) -> list[Dialogue]:
    """Every conversation with its non-empty "Client" utterances."""
    data = json.loads((data_dir / DIALOGUES).read_text(encoding="utf-8"))
    return [
        Dialogue(
            item["id"],
            tuple(
                u["utterance"]
                for u in item["utterances"]
                if u["participant"] == "Client" and u["utterance"].strip()
            ),
        )
        for item in data
    ]


def import_items(db: Session, data_dir: Path, embedder: Embedder) -> list[ImportReport]:
    """Import the four item files (each with its category) and the demo policies; commits."""
    reports = []
    for name, category in CATEGORIES.items():
        mapping = load_mapping("mgshopdial", [f"category={{default: {json.dumps(category)}}}"])
        reports.append(
            import_file(db, data_dir / "items" / name, embedder, mapping=mapping, progress=False)
        )
    db.add_all(parse_policies((DEMO_DIR / "policies.md").read_text(encoding="utf-8")))
    db.commit()
    return reports


def build_store(
    data_dir: Path, database_url: str, embedder: Embedder, llm: LLM | None
) -> tuple[sessionmaker[Session], ChatService, list[ImportReport]]:
    """A database holding the items, and the chat service of an assistant over it.

    `llm` None means the model the settings configure (the local one by default).
    """
    settings = Settings(database_url=database_url, load_demo_catalog=False)
    sessions = open_database(settings)
    with sessions() as db:
        reports = import_items(db, data_dir, embedder)
    assistant = build_assistant(settings, llm=llm, embedder=embedder, sessions=sessions)
    return sessions, Services.over(assistant, sessions).chat, reports


def classify(update: TurnUpdate) -> str:
    """Which of `CLASSES` a turn's last update is."""
    if update.cards:
        return "products"
    if update.move in POLICY_MOVES:
        return "policy/order answer"
    if update.move == "clarify" or update.text.rstrip().endswith("?"):
        return "clarifying question"
    return "other"


def _error(update: TurnUpdate | None) -> str | None:
    if update is None or not (update.cards or update.text.strip()):
        return "empty reply"
    if update.text in (SORRY, BUSY):
        return f"the chat answered {update.text!r}"
    if not update.done:
        return "the stream ended before its last update"
    return None


def replay_dialogue(
    sessions: sessionmaker[Session], chat: ChatService, dialogue: Dialogue
) -> Iterator[TurnResult]:
    """Send the dialogue's messages in a new chat session; audit and classify each answer."""
    session_id, _ = chat.open(None)
    for number, message in enumerate(dialogue.messages, start=1):
        started = time.perf_counter()
        last: TurnUpdate | None = None
        try:
            for last in chat.send(session_id, message):  # noqa: B007 (the last one counts)
                pass
            error = _error(last)
        except Exception as exc:  # a failure is a finding, not the end of the replay
            error = f"{type(exc).__name__}: {exc}"
        seconds = time.perf_counter() - started
        update = last or TurnUpdate((), "", True)
        with sessions() as db:
            problems = tuple(audit_turn(db, session_id, message, update))
        yield TurnResult(
            dialogue.id,
            number,
            message,
            update.text,
            len(update.cards),
            update.move,
            classify(update),
            round(seconds, 3),
            error,
            problems,
        )


def summarise(results: Sequence[TurnResult]) -> dict[str, object]:
    """Turns, errors, audit problems, the share of each class and the turn latency."""
    kinds = Counter(result.kind for result in results)
    seconds = [result.seconds for result in results]
    return {
        "turns": len(results),
        "errors": sum(result.error is not None for result in results),
        "audit_problems": sum(len(result.problems) for result in results),
        "shares": {
            kind: round(kinds[kind] / len(results), 3) if results else 0.0 for kind in CLASSES
        },
        "moves": dict(Counter(result.move or "-" for result in results).most_common()),
        "latency_median_s": round(statistics.median(seconds), 3) if seconds else None,
        "latency_p90_s": round(statistics.quantiles(seconds, n=10, method="inclusive")[-1], 3)
        if len(seconds) > 1
        else None,
    }


def _print_dialogue(dialogue: Dialogue, results: list[TurnResult]) -> None:
    """A line for people, one JSON line, and every failed turn (as text and as JSON)."""
    summary = {"conversation": dialogue.id, **summarise(results)}
    counts = Counter(result.kind for result in results)
    print(
        f"{dialogue.id:<34} {len(results):3d} turns  "
        + "  ".join(f"{kind.split()[0]} {counts[kind]:2d}" for kind in CLASSES)
        + f"  errors {summary['errors']}  problems {summary['audit_problems']}  "
        f"median {summary['latency_median_s']} s",
        flush=True,
    )
    print(json.dumps(summary))
    for result in results:
        if result.error or result.problems:
            print(f"  turn {result.turn}: {result.message!r} -> {result.reply[:160]!r}")
            for finding in ([result.error] if result.error else []) + list(result.problems):
                print(f"    {finding}")
            print(json.dumps({"failed_turn": asdict(result)}, ensure_ascii=False))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--fake-model",
        action="store_true",
        help="hashing embedder and no language model (every call fails)",
    )
    parser.add_argument("--limit", type=int, help="only the first N conversations")
    args = parser.parse_args(argv)
    errors = logging.StreamHandler()
    errors.setLevel(logging.ERROR)  # why a turn failed, not the libraries' debug chatter
    logging.basicConfig(handlers=[errors])
    reason = missing_reason(args.data_dir)
    if reason:
        print(f"skipped: {reason}")
        return 0
    if args.fake_model:
        embedder: Embedder = HashingEmbedder()
        llm: LLM | None = FakeLLM()
    else:
        from catalog.embedding import MiniLMEmbedder

        embedder, llm = MiniLMEmbedder(), None
    results: list[TurnResult] = []
    with tempfile.TemporaryDirectory() as tmp:
        sessions, chat, reports = build_store(
            args.data_dir, f"sqlite:///{tmp}/replay.sqlite", embedder, llm
        )
        for report in reports:
            print(report.summary())
            for line in report.details():
                print(" ", line)
        for dialogue in load_dialogues(args.data_dir)[: args.limit]:
            turns = list(replay_dialogue(sessions, chat, dialogue))
            _print_dialogue(dialogue, turns)
            results += turns
    summary = {"model": "fake" if args.fake_model else "configured", **summarise(results)}
    print(
        f"\n{summary['turns']} turns: {summary['errors']} errors, "
        f"{summary['audit_problems']} audit problems; median turn "
        f"{summary['latency_median_s']} s, p90 {summary['latency_p90_s']} s"
    )
    for kind, share in summary["shares"].items():  # type: ignore[attr-defined]
        print(f"  {kind:<20} {share:6.1%}")
    print(json.dumps(summary))
    return 1 if summary["errors"] or summary["audit_problems"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
