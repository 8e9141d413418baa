"""Reply language equals message language: every labelled message of the project's sets in
English, Chinese, Spanish and French, played through the assistant on the demo catalog, its
reply judged by `evaluation.reply_language` (the assistant's own words must be in the message's
language; catalog text is set aside).

A message with a context is played after its previous request (said in the same language), so
references, refinements and questions about shown products meet products on screen. Fake models
(the rules read every message), the hashing embedder: a few minutes on 2 cores.

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

from assistant.dialogue.reply_language import reply_language
from assistant.history.sessions import SessionStore
from catalog.demo_loader import demo_database
from evaluation.dialogue_suite import FAKE_EMBEDDER, FakeModels, fake_manager
from evaluation.reply_language import CatalogText, problems
from evaluation.understanding_scores import load_utterances

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
        print(f"{'set':4} {'turns':>6} {'in language':>12} {'share':>7} {'median ms':>10}")
        for language in args.languages.split(","):
            failures, seconds = [], []
            items = load_utterances(SETS[language])
            for item in items:
                conversation = manager.new_conversation()
                conversation.session_id = store.create()
                said = []
                if item.context.previous_request:
                    said.append(item.context.previous_request)
                    list(manager.respond(conversation, item.context.previous_request))
                models.feed(None, None)
                started = time.perf_counter()
                reply = list(manager.respond(conversation, item.text))[-1].text
                seconds.append(time.perf_counter() - started)
                expected = reply_language([*said, item.text])
                expected = language if expected == "other" else expected
                found = problems(expected, reply, catalog)
                failures += [f"  {item.text!r}: {problem[:300]}" for problem in found[:1]]
            ok = len(items) - len(failures)
            print(
                f"{language:4} {len(items):6} {ok:12} {ok / len(items):7.1%} "
                f"{statistics.median(seconds) * 1000:10.0f}"
            )
            print("\n".join(failures[: args.show]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
