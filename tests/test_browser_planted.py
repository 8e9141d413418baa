"""The chat page over the planted catalog: catalog text is shown as text, never as links or images.

A product name in `tests/data/planted_catalog.jsonl` is a Markdown link, its descriptions and
reviews carry Markdown links, images, bare URLs and HTML, and the reply model is scripted to
repeat a planted link. After a search, a comparison (the name in a Markdown table), a
description, the reviews and a cart change, the chat and the cart panel hold no `<a>` or
`<img>` element and nothing on the page points at the planted site; the name reads literally.
Runs like `tests/test_browser.py` (marker `browser`, Debian's Chromium, skipped without it).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant.app.services import Services
from assistant.app.settings import Settings
from assistant.web.app import build_web_app
from tests.browser_pages import BROWSER_TESTS, ChatPage
from tests.conftest import Harness
from tests.test_catalog_text import MARKDOWN_NAME, REPEATED_CLAIMS, planted_database
from tests.web_server import serve

pytestmark = BROWSER_TESTS
PLANTED_SITE = "evil.example"
# Elements on the whole page whose link or source points at the planted site.
PLANTED_TARGETS = """site => [...document.querySelectorAll('[href], [src], [srcset]')]
    .filter(e => ['href', 'src', 'srcset'].some(a => (e.getAttribute(a) || '').includes(site)))
    .length"""


@pytest.fixture(scope="module")
def planted_url(tmp_path_factory) -> Iterator[str]:
    sessions = planted_database(tmp_path_factory.mktemp("planted-page"))
    harness = Harness(sessions)
    harness.models.reply.enqueue(*[REPEATED_CLAIMS] * 4)  # every search turn repeats them
    manager = harness.manager
    app = build_web_app(Services.over(manager, sessions), Settings(), list(manager.example_prompts))
    with serve(app) as url:
        yield url


@pytest.fixture
def chat(browser, planted_url) -> Iterator[ChatPage]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    chat_page = ChatPage(context.new_page(), [])
    chat_page.open(planted_url)
    yield chat_page
    context.close()


def test_catalog_text_shows_no_live_links_or_images(chat: ChatPage) -> None:
    turns = (
        "a rain jacket",
        "compare the first two",
        "tell me about the first one",
        "what do people say about it?",
        "add the first one to my cart",
    )
    for number, message in enumerate(turns, start=1):
        chat.send(message)
        chat.wait_for_turn_end(number)
        chat.page.wait_for_timeout(300)  # the cart panel follows the turn
    chat.screenshot("planted-catalog")

    live = chat.page.locator("#sa-chat a, #sa-chat img, #sa-cart-panel a, #sa-cart-panel img")
    assert live.count() == 0
    assert chat.page.evaluate(PLANTED_TARGETS, PLANTED_SITE) == 0
    replies = chat.page.locator("#sa-chat .bot-row")
    assert replies.count() == len(turns)
    comparison = replies.nth(1)
    assert comparison.locator("table").count() == 1  # the code's table still renders
    assert MARKDOWN_NAME in comparison.inner_text()  # the name, literally
    assert MARKDOWN_NAME in replies.nth(2).inner_text()
    assert "reviewer wrote" in replies.nth(3).inner_text()
    assert chat.page.locator("#sa-chat .pc-card").count() >= 2
