"""Start the shopping assistant: settings from env vars (ASSISTANT_*) and flags, then the web app
(chat page, HTTP API, widget and a demo store page, all in one process).

    python launch.py --port 8080 --database-url postgresql+psycopg://... --model ./my-model

Only flags that are given override the environment; everything else keeps its env/default value.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from assistant.app.log_context import configure_logging
from assistant.app.settings import Settings

log = logging.getLogger("launch")


def parse_settings(argv: Sequence[str]) -> Settings:
    """`Settings` from the environment, overridden by the flags present in `argv`."""
    parser = argparse.ArgumentParser(
        description="Conversational shopping assistant (web chat).",
        argument_default=argparse.SUPPRESS,
    )
    parser.add_argument("--host", help="interface to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port to listen on (default 7860)")
    parser.add_argument("--database-url", help="SQLAlchemy URL (default: SQLite in --data-dir)")
    parser.add_argument("--model", help="packaged model name or a local model folder")
    parser.add_argument("--device", help="auto, cpu or cuda (default auto)")
    parser.add_argument(
        "--quantization",
        choices=["none", "fp16", "int8"],
        help="local model weights on the CPU (default int8)",
    )
    parser.add_argument(
        "--max-batch",
        type=int,
        help="concurrent generations decoded together (default 8 on CUDA, 1 on the CPU)",
    )
    parser.add_argument(
        "--llm-backend",
        choices=["local", "openai"],
        help="local model (default) or an OpenAI-compatible server",
    )
    parser.add_argument("--openai-base-url", help="e.g. http://gpu-host:8000/v1")
    parser.add_argument("--openai-model", help="the model name the server serves")
    parser.add_argument("--data-dir", type=Path, help="database, model cache and other state")
    parser.add_argument(
        "--allowed-origin",
        dest="allowed_origins",
        action="append",
        help="a site (https://shop.example) that may embed the widget and call "
        "the API; repeat for several",
    )
    parser.add_argument(
        "--allowed-host",
        dest="allowed_hosts",
        action="append",
        help="a host name the server answers to besides localhost's (assistant.example.com, "
        "*.example.com); repeat for several",
    )
    parser.add_argument(
        "--demo-sign-in",
        dest="demo_sign_in",
        action=argparse.BooleanOptionalAction,
        help="let anyone sign in as any demo shopper, labelled as a demo (default: no; "
        "otherwise a customer signs in with a token from the shop, see README)",
    )
    parser.add_argument(
        "--customer-token-max-age-s",
        type=int,
        help="how long a customer token signed by the shop is valid (default 3600)",
    )
    parser.add_argument("--widget-title", help="the widget's title")
    parser.add_argument("--widget-colour", help="the widget's colour, #rrggbb")
    parser.add_argument("--widget-text-colour", help="text on the widget's colour, #rrggbb")
    parser.add_argument("--widget-greeting", help="the widget's first message")
    parser.add_argument(
        "--demo-catalog",
        dest="load_demo_catalog",
        action=argparse.BooleanOptionalAction,
        help="seed the bundled demo catalog into an empty database (default: yes)",
    )
    overrides = vars(parser.parse_args(list(argv)))
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        parser.error(str(exc))


def main(argv: Sequence[str] | None = None) -> None:
    settings = parse_settings(sys.argv[1:] if argv is None else argv)
    configure_logging()
    import uvicorn

    from assistant.app.identity import SignIn
    from assistant.app.services import Services
    from assistant.app.wiring import (
        build_assistant,
        open_database,
        storage_limits,
        turn_executor,
    )
    from assistant.web.app import build_web_app
    from catalog.schema import SchemaMismatch

    try:
        sessions = open_database(settings)
    except SchemaMismatch as exc:
        sys.exit(f"launch.py: the database cannot be used as it is. {exc}")
    assistant = build_assistant(settings, sessions=sessions)
    app = build_web_app(
        Services.over(
            assistant,
            sessions,
            SignIn.from_settings(settings),
            storage_limits(settings),
            turn_executor(settings),
        ),
        settings,
        list(assistant.example_prompts),
    )
    base = f"http://{settings.host}:{settings.port}"
    log.info(
        "Chat page %s/ · demo store with the widget %s/store · API %s/api/docs", base, base, base
    )
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")


if __name__ == "__main__":
    main()
