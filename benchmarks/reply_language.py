"""Reply language equals message language: every labelled message of the project's sets in
English, Chinese, Spanish and French, played through the assistant on the demo catalog, its
reply judged by `evaluation.reply_language` (the assistant's own words must be in the message's
language; catalog text is set aside).

A message with a context is played after its previous request (said in the same language), so
references, refinements and questions about shown products meet products on screen. The reply
must be in the set's language, unless the message and its context show none ("XL"): then in
English. The cross-language queries (tests/data/multilingual_queries.yaml) are played too, each
as the first message of a conversation ("zh queries"…): short searches, often without a
function word. Fake models (the rules read every message), the hashing embedder: a few minutes
on 2 cores.

    .venv/bin/python -m benchmarks.reply_language            # all four sets
    .venv/bin/python -m benchmarks.reply_language --languages zh --show 20
"""

from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from assistant.history.sessions import SessionStore
from assistant.understanding.languages import written_in
from catalog.demo_loader import demo_database
from evaluation.dialogue_suite import FAKE_EMBEDDER, FakeModels, fake_manager
from evaluation.multilingual_queries import load_queries
from evaluation.reply_language import CatalogText, problems
from evaluation.understanding_scores import LabelledUtterance, load_utterances

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
SETS = {
    "en": DATA / "utterances.yaml",
    "zh": DATA / "utterances_zh.yaml",
    "es": DATA / "utterances_es.yaml",
    "fr": DATA / "utterances_fr.yaml",
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reply_language")
    parser.add_argument("--languages", default="en,zh,es,fr")
    parser.add_argument("--show", type=int, default=5, help="failures printed per language")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="reply-language-") as folder:
        sessions = demo_database(Path(folder), FAKE_EMBEDDER)
        models = FakeModels()
        manager = fake_manager(sessions, models)
        store = SessionStore(sessions)
        with sessions() as db:
            catalog = CatalogText.read(db)
        print(f"{'set':11} {'turns':>6} {'in language':>12} {'share':>7} {'median ms':>10}")
        queries = load_queries()
        for language in args.languages.split(","):
            played = [(item.context.previous_request, item.text) for item in _items(language)]
            rows = [(language, played)]
            if language != "en":
                rows.append((f"{language} queries", [(None, q.texts[language]) for q in queries]))
            for name, messages in rows:
                failures, seconds = [], []
                for previous, text in messages:
                    conversation = manager.new_conversation()
                    conversation.session_id = store.create()
                    if previous:
                        list(manager.respond(conversation, previous))
                    models.feed(None, None)
                    started = time.perf_counter()
                    reply = list(manager.respond(conversation, text))[-1].text
                    seconds.append(time.perf_counter() - started)
                    shows = any(written_in(said) for said in (previous or "", text))
                    found = problems(language if shows else "en", reply, catalog)
                    failures += [f"  {text!r}: {problem[:300]}" for problem in found[:1]]
                ok = len(messages) - len(failures)
                print(
                    f"{name:11} {len(messages):6} {ok:12} {ok / len(messages):7.1%} "
                    f"{statistics.median(seconds) * 1000:10.0f}"
                )
                print("\n".join(failures[: args.show]))
    return 0


def _items(language: str) -> list[LabelledUtterance]:
    return load_utterances(SETS[language])


if __name__ == "__main__":
    raise SystemExit(main())
