"""The one web process: HTTP API, embeddable widget, demo store page and the Gradio chat page.

/api/...          the HTTP API (assistant.web.api)
/widget/widget.js the snippet retailers paste: a floating chat button
/widget/frame     the chat inside the widget (an iframe, refused outside allowed sites)
/store            a demo shop page with the widget embedded
/metrics          Prometheus metrics (assistant.web.metrics)
/                 the full chat page (Gradio)

The widget speaks the language its snippet's `data-lang` names, else the browser's; the frame
gets its words from the catalogs (`FRAME_WORDS`), the snippet every language's few
(`LAUNCHER_WORDS`), and the frame asks the API in its language (`Accept-Language`).
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import gradio as gr
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.middleware.trustedhost import TrustedHostMiddleware

from assistant.app.services import Services
from assistant.app.settings import HEX_COLOUR, Settings
from assistant.dialogue import replies
from assistant.translation.speaking import N_, _, speaking
from assistant.understanding.languages import SUPPORTED
from assistant.web.api import add_error_handlers, api_router
from assistant.web.card_view import ADD_TO_CART, NO_RATINGS, OUT_OF_STOCK
from assistant.web.metrics import add_metrics
from assistant.web.origins import OriginPolicy, trusted_hosts
from assistant.web.page import (
    APP_CSS,
    BROWSING_AS_GUEST,
    DEMO_SHOPPER,
    DEMO_SIGN_IN,
    GUEST_NAME,
    SEND,
    SIGNED_IN,
    START_OVER,
    TITLE,
    build_ui,
)
from assistant.web.rate_limits import RateLimits, rules_from
from assistant.web.request_guard import RequestGuard
from assistant.web.shopper_language import chosen_language, said

log = logging.getLogger(__name__)

WIDGET_DIR = Path(__file__).resolve().parent / "widget"
STATIC_FILES = {
    "widget.js": "text/javascript",
    "frame.js": "text/javascript",
    "frame.css": "text/css",
}
WIDGET_EXAMPLES = 3
# The frame's own words: `{{key}}` in frame.html, `config.words.key` in frame.js.
FRAME_WORDS = {
    "start_over": START_OVER,
    "close_chat": N_("Close chat"),
    "shopping_as": N_("Shopping as"),
    "guest": GUEST_NAME,
    "conversation": N_("Conversation"),
    "your_message": N_("Your message"),
    "ask": N_("Ask about any product…"),
    "send": SEND,
    "helpful": N_("Helpful"),
    "not_helpful": N_("Not helpful"),
    "helpful_about": N_("Helpful: {label}"),
    "not_helpful_about": N_("Not helpful: {label}"),
    "this_answer": N_("this answer"),
    "no_ratings": NO_RATINGS,
    "rating_title": N_("{rating} out of 5, {count} reviews"),
    "add_to_cart": ADD_TO_CART,
    "out_of_stock": OUT_OF_STOCK,
    "add_named": N_("Add {name} to cart"),
    "added": N_("Added ✓"),
    "try_asking": N_("Try asking"),
    "cart_summary": N_("Cart ({count}): {subtotal}"),
    "demo_sign_in": DEMO_SIGN_IN,
    "demo_shopper": DEMO_SHOPPER,
    "signed_in": SIGNED_IN,
    "browsing_as_guest": BROWSING_AS_GUEST,
    "guest_instead": N_("{reason} You are shopping as a guest."),
    "went_wrong": N_("Sorry, something went wrong. Please try again."),
    "refused": N_("That request was refused."),
    "connection_lost": N_("Sorry, the connection to the shop was lost. Please try again."),
    "unreachable": N_("The shop's assistant is not reachable right now."),
}
# The snippet's own words (its button's labels), every language's: it picks one in the browser.
LAUNCHER_WORDS = {"title": TITLE, "open": N_("Open {title}"), "close": N_("Close {title}")}
LAUNCHER_WORDS_SLOT = "/*{{words}}*/ {}"
FRAME_SLOT = re.compile(r"\{\{(\w+)\}\}")
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
    """The widget's look: the snippet's choices where valid, else the settings. A title or
    greeting the settings leave at their default is the assistant's own, in the language
    being spoken."""
    config = {
        "title": _own_or_set(settings, "widget_title", TITLE),
        "colour": settings.widget_colour,
        "text_colour": settings.widget_text_colour,
        "greeting": _own_or_set(settings, "widget_greeting", replies.GREETING),
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


def _own_or_set(settings: Settings, field: str, own_words: str) -> str:
    """The setting as the operator chose it; left at its default, the assistant's own words."""
    value = getattr(settings, field)
    return _(own_words) if value == Settings.model_fields[field].default else value


def frame_html(config: dict[str, Any]) -> str:
    """The frame page in `config["lang"]`, its words from `config["words"]`; the config
    travels as JSON that cannot close its script element."""
    data = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c")
    slots = {**config["words"], "lang": config["lang"]}
    page = (WIDGET_DIR / "frame.html").read_text(encoding="utf-8")
    return FRAME_SLOT.sub(
        lambda slot: data if slot[1] == "config" else html.escape(slots[slot[1]]), page
    )


def widget_script() -> str:
    """widget.js with the launcher's words in every language."""
    words = {}
    for language in SUPPORTED:
        with speaking(language):
            words[language] = said(LAUNCHER_WORDS)
    script = (WIDGET_DIR / "widget.js").read_text(encoding="utf-8")
    return script.replace(LAUNCHER_WORDS_SLOT, json.dumps(words, ensure_ascii=False))


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
        request: Request,
        title: str | None = Query(None),
        colour: str | None = Query(None),
        text_colour: str | None = Query(None),
        greeting: str | None = Query(None),
        lang: str | None = Query(None, description="The snippet's data-lang: en, zh, es, fr."),
    ) -> HTMLResponse:
        language = chosen_language(lang, request.headers.get("accept-language"))
        with speaking(language):
            config = {
                **widget_config(settings, title, colour, text_colour, greeting),
                "examples": [_(example) for example in examples[:WIDGET_EXAMPLES]],
                "lang": language,
                "words": said(FRAME_WORDS),
            }
        csp = f"{FRAME_CSP}; {policy.frame_ancestors()}"
        headers = {"Content-Security-Policy": csp, "Vary": "Accept-Language"}
        return HTMLResponse(frame_html(config), headers=headers)

    launcher = widget_script()

    @app.get("/widget/{name}")
    def widget_file(name: str) -> Response:
        if name not in STATIC_FILES:
            raise HTTPException(status_code=404, detail="Not found")
        media, headers = STATIC_FILES[name], {"Cache-Control": "no-cache"}
        if name == "widget.js":
            return Response(launcher, media_type=media, headers=headers)
        return FileResponse(WIDGET_DIR / name, media_type=media, headers=headers)

    @app.get("/store", response_class=HTMLResponse)
    def demo_store() -> HTMLResponse:
        return HTMLResponse((WIDGET_DIR / "store.html").read_text(encoding="utf-8"))

    return app
