"""Scripted dialogue regression suite: YAML conversations run against a dialogue manager.

Each conversation gets its own stored chat session (signed in as a demo shopper when the
script says `shopper:`), every turn is checked against its `expect:` block
(`evaluation.dialogue_checks`) and audited (`evaluation.audit`), and the results come back
as data.
`python -m evaluation.dialogue_suite [PATHS...] [--backend fake|configured]` runs the suite
over a fresh copy of the demo catalog and prints a pass rate; tests/test_dialogues.py runs
it under pytest with the fake models. The YAML format is in tests/dialogues/README.md.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from assistant.app.settings import Settings
from assistant.app.wiring import dialogue_manager, load_llm
from assistant.dialogue.manager import DialogueManager
from assistant.dialogue.state import Conversation
from assistant.dialogue.turns import TurnUpdate
from assistant.facts.cards import ProductCard
from assistant.history.sessions import SessionStore
from assistant.store.cart import CartService
from assistant.understanding.languages import SUPPORTED
from catalog.demo_loader import demo_database
from catalog.embedding import MiniLMEmbedder
from catalog.models import Order, Product, Shopper
from evaluation.audit import audit_turn
from evaluation.dialogue_checks import (
    PlacedOrder,
    ScriptError,
    TurnFacts,
    check_text,
    check_turn,
    validate_expect,
)
from evaluation.fakes import FakeLLM, HashingEmbedder
from evaluation.reply_language import CatalogText
from evaluation.reply_language import problems as reply_language

DEFAULT_PATHS = (Path(__file__).resolve().parents[1] / "tests" / "dialogues",)
FAKE_EMBEDDER = HashingEmbedder(dimension=4096)  # wide enough that unrelated words rarely collide
FAKE_MIN_SIMILARITY = 0.2
SCRIPT_KEYS = {"name", "shopper", "forbidden", "language", "turns"}
TURN_KEYS = {"say", "model_intent", "model_reply", "expect", "fake_expect"}


@dataclass(frozen=True)
class Script:
    """One scripted conversation, as loaded from its YAML file."""

    path: Path
    name: str
    turns: tuple[dict, ...]
    shopper: str | None = None
    forbidden: tuple[str, ...] = ()
    language: str = "en"  # the shopper's language: every reply must be in it


@dataclass(frozen=True)
class Failure:
    turn: int
    say: str
    message: str


@dataclass(frozen=True)
class Result:
    name: str
    path: str
    turns: int
    failures: tuple[Failure, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def turns_passed(self) -> int:
        return self.turns - len({failure.turn for failure in self.failures})

    def report(self) -> str:
        return "\n".join(
            f"{self.path} turn {f.turn} ({f.say[:60]!r}): {f.message}" for f in self.failures
        )


def script_files(paths: Iterable[Path]) -> list[Path]:
    """The YAML files named, and those inside the folders named, each folder sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        elif path.is_file():
            files.append(path)
        else:
            raise ScriptError(f"{path}: no such file or folder")
    return files


def load_script(path: Path) -> Script:
    """Read and validate one conversation; `ScriptError` names the file and the problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("turns"), list):
            raise ScriptError("a script is a mapping with a list of turns")
        _only(data, SCRIPT_KEYS, "the script")
        for number, turn in enumerate(data["turns"], 1):
            if not isinstance(turn, dict) or not isinstance(turn.get("say"), str):
                raise ScriptError(f"turn {number} needs a `say:` text")
            _only(turn, TURN_KEYS, f"turn {number}")
            for key in ("expect", "fake_expect"):
                validate_expect(turn.get(key) or {}, number)
    except (ScriptError, yaml.YAMLError) as exc:
        raise ScriptError(f"{path}: {exc}") from exc
    return Script(
        path,
        data.get("name", path.stem),
        tuple(data["turns"]),
        data.get("shopper"),
        tuple(data.get("forbidden", ())),
        _language(data.get("language", "en"), path),
    )


def _language(language: object, path: Path) -> str:
    if language not in SUPPORTED:
        raise ScriptError(f"{path}: language must be one of {', '.join(SUPPORTED)}")
    return str(language)


def _only(spec: dict, keys: set[str], where: str) -> None:
    unknown = set(spec) - keys
    if unknown:
        raise ScriptError(f"unknown key(s) in {where}: {', '.join(sorted(unknown))}")


class FakeModels:
    """The fake backend's two queue-driven models, fed from a turn's model_intent/model_reply."""

    def __init__(self) -> None:
        self.intent, self.reply = FakeLLM(), FakeLLM()

    def feed(
        self, model_intent: str | Exception | None, model_reply: str | Exception | None
    ) -> None:
        """Queue this turn's answers; a model with nothing queued fails its call."""
        for llm, answer in ((self.intent, model_intent), (self.reply, model_reply)):
            llm.clear()
            if answer is not None:
                llm.enqueue(answer)


def fake_manager(sessions: sessionmaker[Session], models: FakeModels) -> DialogueManager:
    """The dialogue manager the tests use: fake models, the hashing embedder."""
    settings = Settings(intent_timeout_s=5, load_demo_catalog=False)
    return dialogue_manager(
        settings,
        sessions,
        FAKE_EMBEDDER,
        models.reply,
        intent_llm=models.intent,
        min_similarity=FAKE_MIN_SIMILARITY,
    )


Feed = Callable[[str | None, str | None], None]


@dataclass
class _Progress:
    """What the checks of later turns need from earlier ones."""

    earlier: list[tuple[ProductCard, ...]] = field(default_factory=list)
    cheapest: Decimal | None = None
    dearest: Decimal | None = None


class DialogueSuite:
    """Runs scripts through one dialogue manager over one catalog; `feed` primes fake models."""

    def __init__(
        self, sessions: sessionmaker[Session], manager: DialogueManager, feed: Feed | None = None
    ) -> None:
        self._sessions = sessions
        self._manager = manager
        self._feed = feed
        self._store = SessionStore(sessions)
        self._carts = CartService(sessions)
        with sessions() as db:
            self._catalog_text = CatalogText.read(db)

    def run(self, script: Script) -> Result:
        session_id = self._store.create()
        if script.shopper:
            self._store.set_shopper(session_id, script.shopper)
        conversation = Conversation(session_id=session_id)
        progress, failures = _Progress(), []
        for number, step in enumerate(script.turns, 1):
            try:
                problems = self._turn(script, conversation, step, progress)
            except Exception as exc:  # a crash fails this conversation, not the suite
                failures.append(
                    Failure(number, step["say"], f"the turn raised {type(exc).__name__}: {exc}")
                )
                break
            failures += [Failure(number, step["say"], problem) for problem in problems]
        return Result(script.name, str(script.path), len(script.turns), tuple(failures))

    def _turn(
        self, script: Script, conversation: Conversation, step: dict, progress: _Progress
    ) -> list[str]:
        if self._feed is not None:
            self._feed(step.get("model_intent"), step.get("model_reply"))
        shown_before, known = conversation.state.shown_ids, len(conversation.events)
        last_order = self._last_order_id()
        updates = list(self._manager.respond(conversation, step["say"]))
        problems = _stream_problems(updates)
        update = updates[-1] if updates else TurnUpdate((), "", True)
        session_id = conversation.session_id or ""
        self._store.append(
            session_id,
            conversation.events[known:],
            [("user", step["say"], ()), ("assistant", update.text, update.cards)],
        )
        facts = TurnFacts(
            update=update,
            shopper=script.shopper,
            request=conversation.state.request,
            products=self._products([c.product_id for c in update.cards]),
            cart=self._carts.view(session_id),
            new_orders=self._orders_after(last_order),
            earlier=tuple(progress.earlier),
            previous_cheapest=progress.cheapest,
            previous_dearest=progress.dearest,
            order_statuses=self._order_statuses(),
        )
        problems += check_turn(step.get("expect") or {}, facts)
        if self._feed is not None:  # what the fake models were told to say
            problems += check_turn(step.get("fake_expect") or {}, facts)
        problems += check_text({"forbidden": list(script.forbidden)}, update.text)
        problems += reply_language(script.language, update.text, self._catalog_text)
        with self._sessions() as db:
            problems += audit_turn(db, session_id, step["say"], update)
        if update.cards:
            progress.cheapest = min(c.price for c in update.cards)
            progress.dearest = max(c.price for c in update.cards)
        elif conversation.state.shown_ids not in (shown_before, ()):
            problems.append("the results list changed on a turn that showed nothing")
        progress.earlier.append(update.cards)
        return problems

    def _products(self, ids: list[int]) -> list[Product]:
        with self._sessions() as db:
            found = {p.id: p for p in db.scalars(select(Product).where(Product.id.in_(ids)))}
        return [found[i] for i in ids]

    def _order_statuses(self) -> dict[str, str]:
        with self._sessions() as db:
            return {
                number: status.value
                for number, status in db.execute(select(Order.number, Order.status))
            }

    def _last_order_id(self) -> int:
        with self._sessions() as db:
            return db.scalar(select(func.max(Order.id))) or 0

    def _orders_after(self, order_id: int) -> list[PlacedOrder]:
        with self._sessions() as db:
            rows = db.execute(
                select(Order, Shopper.handle)
                .join(Shopper)
                .options(selectinload(Order.lines))
                .where(Order.id > order_id)
                .order_by(Order.id)
            )
            return [PlacedOrder(order.number, order.total, handle) for order, handle in rows]


def _stream_problems(updates: Sequence[TurnUpdate]) -> list[str]:
    if not updates or not updates[-1].done or any(u.done for u in updates[:-1]):
        return ["the turn must stream updates and mark only the last one done"]
    return []


def summary(results: Sequence[Result], backend: str) -> dict:
    conversations = sum(r.passed for r in results)
    turns, turns_passed = sum(r.turns for r in results), sum(r.turns_passed for r in results)
    return {
        "backend": backend,
        "conversations": {
            "passed": conversations,
            "total": len(results),
            "pass_rate": round(conversations / max(len(results), 1), 4),
        },
        "turns": {
            "passed": turns_passed,
            "total": turns,
            "pass_rate": round(turns_passed / max(turns, 1), 4),
        },
        "results": [{**asdict(r), "passed": r.passed} for r in results],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m evaluation.dialogue_suite", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=list(DEFAULT_PATHS),
        help="YAML files or folders of them (default: the bundled dialogues)",
    )
    parser.add_argument(
        "--backend",
        choices=("fake", "configured"),
        default="fake",
        help="fake: the scripts' model_intent/model_reply; configured: the "
        "model from ASSISTANT_* settings (the local model by default)",
    )
    parser.add_argument(
        "--min-pass-rate",
        type=float,
        default=None,
        help="exit 1 below this share of conversations passed "
        "(default 1.0 with fake, 0.9 with configured)",
    )
    parser.add_argument("--verbose", action="store_true", help="print every failure")
    args = parser.parse_args(argv)
    shown = logging.StreamHandler()  # filtered here: bm25s sets its own logger to DEBUG
    shown.setLevel(logging.WARNING if args.verbose else logging.ERROR)
    logging.basicConfig(level=logging.WARNING, handlers=[shown])
    scripts = [load_script(path) for path in script_files(args.paths)]
    with tempfile.TemporaryDirectory(prefix="dialogue-suite-") as folder:
        suite = _suite(args.backend, Path(folder))
        results = []
        for script in scripts:
            result = suite.run(script)
            results.append(result)
            first = f"  {result.failures[0].message}" if result.failures else ""
            print(f"{'PASS' if result.passed else 'FAIL'} {script.path.name}{first}", flush=True)
            if args.verbose and len(result.failures) > 1:
                print(result.report())
    report = summary(results, args.backend)
    rate = report["conversations"]["pass_rate"]
    print(
        f"{report['conversations']['passed']}/{len(results)} conversations passed "
        f"({rate:.0%}), {report['turns']['passed']}/{report['turns']['total']} turns "
        f"({report['turns']['pass_rate']:.0%})"
    )
    print(json.dumps(report, default=str))
    minimum = (
        args.min_pass_rate
        if args.min_pass_rate is not None
        else (1.0 if args.backend == "fake" else 0.9)
    )
    return 0 if rate >= minimum else 1


def _suite(backend: str, folder: Path) -> DialogueSuite:
    if backend == "fake":
        models = FakeModels()
        sessions = demo_database(folder, FAKE_EMBEDDER)
        return DialogueSuite(sessions, fake_manager(sessions, models), models.feed)
    settings = Settings()
    embedder = MiniLMEmbedder()
    sessions = demo_database(folder, embedder)
    return DialogueSuite(
        sessions, dialogue_manager(settings, sessions, embedder, load_llm(settings))
    )


if __name__ == "__main__":
    sys.exit(main())
