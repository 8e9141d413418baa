"""τ²-bench retail tasks played by the simulated customer against the assistant.

    python -m benchmarks.tau2_retail [--tasks FILE] [--seed S | --seeds 0,1,2] [--only 0,5]
                                     [--show N] [--transcripts] [--backend fake|configured]

The store is built once (the τ² catalog, customers, orders and policy through the project's
own import) and copied for each task. A task passes when the store after the conversation
equals τ²'s expected database after the task's gold actions (`evaluation.tau2.expected`) and
every value of its `communicate_info` was said. Prints `task N: pass|fail (reasons)` and ends
with `pass^1 N/M`, and with several seeds `pass^k N/M` (a task passing under every seed).
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from assistant.app.settings import Settings
from assistant.app.wiring import dialogue_manager, load_llm
from assistant.dialogue.manager import DialogueManager
from assistant.dialogue.state import Conversation
from assistant.dialogue.turns import TurnUpdate
from assistant.history.sessions import SessionStore
from catalog.db import make_engine, session_factory
from catalog.embedding import Embedder, MiniLMEmbedder
from evaluation.dialogue_suite import FAKE_EMBEDDER, FakeModels, fake_manager
from evaluation.tau2.compare import differences
from evaluation.tau2.customer import SimulatedCustomer
from evaluation.tau2.expected import expected_state
from evaluation.tau2_state import build_store, export_state

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "tau2-retail"
MakeManager = Callable[[sessionmaker[Session]], DialogueManager]


@dataclass
class Played:
    """One task's conversation and what was wrong with its outcome."""

    task_id: str
    problems: list[str]
    transcript: list[tuple[str, str]]

    @property
    def passed(self) -> bool:
        return not self.problems


def play(
    task: dict[str, Any], db: dict[str, Any], store: Path, make: MakeManager, seed: int
) -> Played:
    """One conversation on a fresh copy of the store, and how it differs from τ²'s answer."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "store.db"
        shutil.copy(store, path)
        engine = make_engine(f"sqlite:///{path}")
        try:
            sessions = session_factory(engine)
            transcript = converse(sessions, make(sessions), SimulatedCustomer(task, db, seed))
            actual = export_state(sessions)
        finally:
            engine.dispose()
    problems = differences(actual, expected_state(db, task["evaluation_criteria"]["actions"]))
    said = [text for role, text in transcript if role == "assistant"]
    problems += unsaid(task["evaluation_criteria"].get("communicate_info") or [], said)
    return Played(task["id"], problems, transcript)


def converse(
    sessions: sessionmaker[Session], manager: DialogueManager, customer: SimulatedCustomer
) -> list[tuple[str, str]]:
    """The customer and the assistant talk until the customer is done; turns are persisted."""
    store = SessionStore(sessions)
    conversation = Conversation(session_id=store.create())
    transcript: list[tuple[str, str]] = []
    said: str | None = customer.opening()
    while said is not None:
        known = len(conversation.events)
        updates = list(manager.respond(conversation, said))
        update = updates[-1] if updates else TurnUpdate((), "", True)
        store.append(
            conversation.session_id or "",
            conversation.events[known:],
            [("user", said, ()), ("assistant", update.text, update.cards)],
        )
        transcript += [("customer", said), ("assistant", update.text)]
        said = customer.reply(update.text)
    return transcript


def unsaid(values: list[str], texts: list[str]) -> list[str]:
    """The communicate_info values no assistant text contains (case and commas ignored)."""
    spoken = " ".join(texts).replace(",", "").lower()
    return [f"never said {v!r}" for v in values if str(v).replace(",", "").lower() not in spoken]


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    tasks = json.loads(args.tasks.read_text())
    if args.only:
        tasks = [t for t in tasks if t["id"] in args.only.split(",")]
    db = json.loads((args.data / "db.json").read_text())
    seeds = [int(s) for s in args.seeds.split(",")] if args.seeds else [args.seed]
    embedder, make = backend(args.backend)
    runs: dict[str, list[bool]] = {t["id"]: [] for t in tasks}
    database_right = 0  # runs whose database matched, whatever was said
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "tau2.db"
        build_store(store, args.data, lambda: embedder)
        shown = 0
        for seed in seeds:
            for task in tasks:
                played = play(task, db, store, make, seed)
                runs[task["id"]].append(played.passed)
                database_right += not any(not p.startswith("never said") for p in played.problems)
                reasons = "; ".join(_short(p) for p in played.problems[:3])
                verdict = "pass" if played.passed else f"fail ({reasons})"
                print(
                    f"task {task['id']}: {verdict}" + (f" [seed {seed}]" if len(seeds) > 1 else "")
                )
                if args.transcripts or (not played.passed and shown < args.show):
                    shown += 1
                    for role, text in played.transcript:
                        print(f"    {role}: {text}")
    # pass^1 counts every (task, seed) run; pass^k counts tasks passing under every seed.
    print(f"database as expected {database_right}/{len(tasks) * len(seeds)}")
    print(f"pass^1 {sum(sum(r) for r in runs.values())}/{len(tasks) * len(seeds)}")
    if len(seeds) > 1:
        print(f"pass^{len(seeds)} {sum(all(r) for r in runs.values())}/{len(tasks)}")
    return 0


def _short(problem: str, limit: int = 200) -> str:
    return problem if len(problem) <= limit else problem[: limit - 1] + "…"


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--tasks", type=Path, default=DATA / "tasks_train.json")
    parser.add_argument("--data", type=Path, default=DATA, help="the tau2-retail folder")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seeds", help="several seeds, e.g. 0,1,2: also prints pass^k")
    parser.add_argument("--only", help="task ids, e.g. 0,5,12")
    parser.add_argument("--show", type=int, default=0, help="print N failing transcripts")
    parser.add_argument(
        "--transcripts", action="store_true", help="print every transcript, passing or not"
    )
    parser.add_argument("--backend", choices=("fake", "configured"), default="fake")
    return parser.parse_args(argv)


def backend(backend: str) -> tuple[Embedder, MakeManager]:
    """The embedder the store is built with and a maker of dialogue managers over it."""
    if backend == "fake":
        return FAKE_EMBEDDER, lambda sessions: fake_manager(sessions, FakeModels())
    settings = Settings()
    embedder, llm = MiniLMEmbedder(), load_llm(settings)
    return embedder, lambda sessions: dialogue_manager(settings, sessions, embedder, llm)


if __name__ == "__main__":
    raise SystemExit(main())
