"""Fuzz the HTTP API from its own OpenAPI document: no answer may be a 5xx, and none may hang.

    python -m benchmarks.fuzz_api --examples 500

Schemathesis turns every operation of `/api/openapi.json` into Hypothesis strategies, in its
positive mode (requests the schema allows) and its negative mode (requests it forbids: wrong
types, out-of-range numbers, missing fields, odd strings). Each generated request is sent over
HTTP to a live uvicorn serving the app over the demo catalog with the fake models (the turn's
model calls fail, so every turn takes the code-written path). Half of the requests that name a
session name a live one, so the routes behind the session check are fuzzed too. Rate limits are
raised out of the way: this counts what the routes do with odd input, not how often they may
be called. Prints requests sent, responses ≥ 500 and hangs (no answer within `--timeout`).
"""

from __future__ import annotations

import argparse
import logging
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import Case, GenerationMode

from assistant.app.services import Services
from assistant.app.settings import Settings
from assistant.web.app import build_api_app
from catalog.demo_loader import demo_database
from evaluation.dialogue_suite import FAKE_EMBEDDER, FakeModels, fake_manager
from tests.web_server import serve

UNLIMITED = "1000000/minute"
LIVE_SESSIONS = 3


@dataclass
class FuzzReport:
    requests: int = 0
    server_errors: int = 0
    hangs: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)  # the first few 5xx and hangs

    def record(self, case: Case, status: int | None) -> None:
        self.requests += 1
        if status is None:
            self.hangs += 1
        else:
            self.statuses[status] += 1
            self.server_errors += status >= 500
        if (status is None or status >= 500) and len(self.failures) < 10:
            self.failures.append(f"{status or 'hang'}: {case.method} {case.formatted_path} "
                                 f"body={case.body!r:.300}")  # fmt: skip


@contextmanager
def fuzz_server(data_dir: Path) -> Iterator[str]:
    """A live server over a fresh demo catalog with the fake models; yields its base URL."""
    sessions = demo_database(data_dir, FAKE_EMBEDDER)
    services = Services.over(fake_manager(sessions, FakeModels()), sessions)
    limits = {f"rate_limit_{name}": UNLIMITED for name in ("requests", "sessions", "messages")}
    with serve(build_api_app(services, Settings(**limits))) as base_url:
        yield base_url


def fuzz(base_url: str, examples: int, timeout_s: float = 20.0) -> FuzzReport:
    """Up to `examples` generated requests per operation and mode, sent to `base_url`."""
    report = FuzzReport()
    http = requests.Session()
    live = [
        http.post(f"{base_url}/api/sessions", json={}, timeout=timeout_s).json()["session_id"]
        for _ in range(LIVE_SESSIONS)
    ]
    schema = schemathesis.openapi.from_url(f"{base_url}/api/openapi.json")
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=examples,
                deadline=None,
                database=None,
                phases=[Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode), pick=st.integers(0, 5))
            def send(case: Case, pick: int) -> None:
                if "session_id" in (case.path_parameters or {}) and pick < len(live):
                    case.path_parameters = {
                        **(case.path_parameters or {}),
                        "session_id": live[pick],
                    }
                try:
                    response = case.call(base_url=base_url, session=http, timeout=timeout_s)
                except requests.Timeout:
                    report.record(case, None)
                else:
                    report.record(case, response.status_code)

            try:
                send()
            except Unsatisfiable:  # nothing to get wrong (an operation without parameters)
                continue
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=200, help="per operation and mode")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds before a hang")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # odd input is logged as warnings, one for each request
    with tempfile.TemporaryDirectory() as data_dir, fuzz_server(Path(data_dir)) as base_url:
        report = fuzz(base_url, args.examples, args.timeout)
    print(f"requests sent: {report.requests}")
    print(f"responses >= 500: {report.server_errors}")
    print(f"hangs (no answer in {args.timeout:g} s): {report.hangs}")
    print("statuses: " + ", ".join(f"{s}: {n}" for s, n in sorted(report.statuses.items())))
    for failure in report.failures:
        print("  " + failure)
    raise SystemExit(1 if report.server_errors or report.hangs else 0)


if __name__ == "__main__":
    main()
