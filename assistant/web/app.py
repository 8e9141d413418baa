"""The one web process: HTTP API, embeddable widget, demo store page and the Gradio chat page.

/api/...          the HTTP API (assistant.web.api)
/widget/widget.js the snippet retailers paste: a floating chat button
/widget/frame     the chat inside the widget (an iframe, refused outside allowed sites)
/store            a demo shop page with the widget embedded
/metrics          Prometheus metrics (assistant.web.metrics)
/                 the full chat page (Gradio)
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import gradio as gr
from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import FileResponse, HTMLResponse
from starlette.middleware.trustedhost import TrustedHostMiddleware

from assistant.app.services import Services
from assistant.app.settings import HEX_COLOUR, Settings
from assistant.web.api import add_error_handlers, api_router
from assistant.web.metrics import add_metrics
from assistant.web.origins import OriginPolicy, trusted_hosts
from assistant.web.page import APP_CSS, build_ui
from assistant.web.rate_limits import RateLimits, rules_from
from assistant.web.request_guard import RequestGuard

log = logging.getLogger(__name__)

WIDGET_DIR = Path(__file__).resolve().parent / "widget"
STATIC_FILES = {
    "widget.js": "text/javascript",
    "frame.js": "text/javascript",
    "frame.css": "text/css",
}
WIDGET_EXAMPLES = 3
FRAME_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data: https: http:; base-uri 'none'; form-action 'none'"
)


def widget_config(
    settings: Settings,
    title: str | None,
    colour: str | None,
    text_colour: str | None,
    greeting: str | None,
) -> dict[str, str]:
    """The widget's look: the snippet's choices where valid, else the settings."""
    config = {
        "title": settings.widget_title,
        "colour": settings.widget_colour,
        "text_colour": settings.widget_text_colour,
        "greeting": settings.widget_greeting,
    }
    chosen = {"title": (title, 60), "greeting": (greeting, 300)}
    for key, (value, limit) in chosen.items():
        if value and value.strip():
            config[key] = value.strip()[:limit]
    for key, value in (("colour", colour), ("text_colour", text_colour)):
        if value and re.fullmatch(HEX_COLOUR, value):
            config[key] = value
        elif value:
            log.warning("widget %s %r is not a #rrggbb colour; using %s", key, value, config[key])
    return config


def frame_html(config: dict[str, Any]) -> str:
    """The frame page; the config travels as JSON that cannot close its script element."""
    data = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c")
    page = (WIDGET_DIR / "frame.html").read_text(encoding="utf-8")
    return page.replace("{{config}}", data)


def build_web_app(services: Services, settings: Settings, examples: list[str]) -> FastAPI:
    """Everything served by one process; run it with uvicorn."""
    app = build_api_app(services, settings, examples)
    blocks = build_ui(services, examples).queue()
    return gr.mount_gradio_app(
        app, blocks, path="/", css=APP_CSS, show_error=False, footer_links=[]
    )


def build_api_app(services: Services, settings: Settings, examples: Sequence[str] = ()) -> FastAPI:
    """The API, the widget (offering the first `examples` to a new chat) and the demo store,
    without the chat page."""
    app = FastAPI(
        title="Shopping assistant",
        docs_url="/api/docs",
        openapi_url="/api/openapi.json",
        redoc_url=None,
    )
    # Middleware added later runs first: host, metrics, origin, rate limits, then body checks.
    app.add_middleware(RequestGuard, prefix="/api", max_bytes=settings.max_body_bytes)
    app.add_middleware(RateLimits, rules=rules_from(settings))
    policy = OriginPolicy(settings.allowed_origins)
    app.middleware("http")(policy.middleware("/api"))
    add_error_handlers(app)
    add_metrics(app)  # counts the origin policy's, rate limits' and body checks' refusals too
    hosts = trusted_hosts(settings.allowed_hosts, settings.host)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)  # against DNS rebinding
    app.include_router(api_router(services))

    @app.get("/widget/frame", response_class=HTMLResponse)
    def widget_frame(
        title: str | None = Query(None),
        colour: str | None = Query(None),
        text_colour: str | None = Query(None),
        greeting: str | None = Query(None),
    ) -> HTMLResponse:
        config = {
            **widget_config(settings, title, colour, text_colour, greeting),
            "examples": list(examples[:WIDGET_EXAMPLES]),
        }
        csp = f"{FRAME_CSP}; {policy.frame_ancestors()}"
        return HTMLResponse(frame_html(config), headers={"Content-Security-Policy": csp})

    @app.get("/widget/{name}")
    def widget_file(name: str) -> FileResponse:
        if name not in STATIC_FILES:
            raise HTTPException(status_code=404, detail="Not found")
        return FileResponse(
            WIDGET_DIR / name, media_type=STATIC_FILES[name], headers={"Cache-Control": "no-cache"}
        )

    @app.get("/store", response_class=HTMLResponse)
    def demo_store() -> HTMLResponse:
        return HTMLResponse((WIDGET_DIR / "store.html").read_text(encoding="utf-8"))

    return app
