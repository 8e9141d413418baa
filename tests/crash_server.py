"""The app exactly as `launch.py` builds and serves it, with instant stand-ins for the model
and the embedder, so a test can run it as a separate process and kill it:

    python -m tests.crash_server --port 8123 --database-url sqlite:///... --data-dir ...

Every flag and `ASSISTANT_*` variable is `launch.py`'s own.
"""

from __future__ import annotations

import sys

import launch
from assistant.app import wiring
from benchmarks.load_test import SteadyLLM
from evaluation.dialogue_suite import FAKE_EMBEDDER


def main() -> None:
    # a renamed builder must fail here, not quietly load the real model and embedder
    assert hasattr(wiring, "MiniLMEmbedder") and hasattr(wiring, "load_llm")
    wiring.MiniLMEmbedder = lambda: FAKE_EMBEDDER  # type: ignore[assignment,misc]
    wiring.load_llm = lambda _settings: SteadyLLM()  # type: ignore[assignment,return-value]
    launch.main(sys.argv[1:])


if __name__ == "__main__":
    main()
