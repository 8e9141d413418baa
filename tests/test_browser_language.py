# ruff: noqa: RUF001  (Chinese words are written with full-width punctuation)
"""The chat page and the widget in a Chinese (and a French) browser, in a real headless Chromium.

The browser's locale sets `navigator.language` and `Accept-Language`; the page's and widget's
own words (buttons, placeholders, greeting, cards, cart) must follow it, and a Chinese message
must be answered in Chinese with product cards. The widget's `data-lang` wins over the browser.
Screenshots go to the test's tmp dir, and to `$SCREENSHOT_DIR` when it is set.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.app.identity import SignIn
from assistant.app.services import Services
from assistant.app.settings import Settings
from assistant.dialogue import replies
from assistant.translation.speaking import _, speaking
from assistant.web.app import build_web_app
from tests.browser_pages import BROWSER_TESTS, TURN_TIMEOUT_MS, ChatPage, Widget
from tests.conftest import Harness
from tests.web_server import serve

pytestmark = BROWSER_TESTS

SHOES = "我想买一双100美元以下的男士跑鞋"
HAN = re.compile(r"[\u4e00-\u9fff]")
# The words of an assistant message without its cards: what the assistant said.
REPLY_WORDS = """row => {
    const copy = row.cloneNode(true);
    copy.querySelectorAll('.pc-grid, .cards, .thumbs, button').forEach(e => e.remove());
    return copy.textContent.trim();
}"""


@pytest.fixture(scope="module")
def app_url(demo_sessions) -> Iterator[str]:
    """The web app's base URL, served in-process over the demo catalog."""
    manager = Harness(demo_sessions).manager
    app = build_web_app(
        Services.over(manager, demo_sessions, SignIn(demo=True)),
        Settings(),
        list(manager.example_prompts),
    )
    with serve(app) as url:
        yield url


@pytest.fixture
def screenshot(tmp_path: Path) -> Callable[[object, str], Path]:
    """Save a page's screenshot as `name`.png in tmp_path (and in $SCREENSHOT_DIR if set)."""
    folders = [
        tmp_path,
        *([Path(os.environ["SCREENSHOT_DIR"])] if "SCREENSHOT_DIR" in os.environ else []),
    ]

    def take(page, name: str) -> Path:
        image = page.screenshot(full_page=True)
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}.png").write_bytes(image)
        return tmp_path / f"{name}.png"

    return take


def chinese_greeting() -> str:
    with speaking("zh"):
        return _(replies.GREETING)


def open_shop_page(browser, app_url: str, locale: str, attributes: str = ""):
    """A shop page in a browser speaking `locale`, with the widget's tag; the widget opened."""
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 860})
    page = context.new_page()
    html = f'<h1>Shop</h1><script src="{app_url}/widget/widget.js"{attributes}></script>'
    page.route(
        f"{app_url}/a-shop-page", lambda route: route.fulfill(body=html, content_type="text/html")
    )
    page.goto(f"{app_url}/a-shop-page")
    widget = Widget(page)
    launcher_label = widget.launcher.get_attribute("aria-label")
    widget.launcher.click()
    widget.frame.locator(".msg.greeting").wait_for(timeout=TURN_TIMEOUT_MS)
    return context, widget, launcher_label


def test_the_chat_page_in_a_chinese_browser(browser, app_url, screenshot) -> None:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    chat = ChatPage(context.new_page(), [])
    page = chat.page
    chat.open(app_url)
    page.get_by_role("button", name="重新开始").wait_for(timeout=TURN_TIMEOUT_MS)
    assert page.locator("#sa-send").inner_text().strip() == "发送"
    assert page.locator("#sa-input textarea").get_attribute("placeholder") == (
        "例如：80美元以下的跑鞋，42码"
    )
    header = page.locator("#sa-header").inner_text()
    assert "购物助手" in header and "告诉我您需要什么" in header
    assert "您想买点什么？" in page.locator("#sa-chat").inner_text()
    with speaking("zh"):  # the example prompts too, each one the assistant reads
        offered = [_(prompt) for prompt in replies.EXAMPLE_PROMPTS]
    assert HAN.search(offered[0])
    page.get_by_text(offered[0]).first.wait_for(timeout=TURN_TIMEOUT_MS)
    assert page.locator("#sa-cart-panel h2").inner_text().startswith("购物车")
    screenshot(page, "page-zh-start")

    chat.send(SHOES)
    chat.wait_for_turn_end(1)
    assert chat.cards(), chat.reply_text()
    reply = chat.latest_reply()
    words = reply.locator(".message").first.evaluate(REPLY_WORDS)
    assert HAN.search(words), words
    add = reply.locator("button.pc-add").first
    assert add.text_content().startswith("加入购物车")
    add.click()
    panel = page.locator("#sa-cart-panel")
    panel.locator(".sa-notice", has_text="加入购物车").wait_for(timeout=TURN_TIMEOUT_MS)
    assert "（1 件商品）" in panel.locator("h2").inner_text()
    assert panel.locator(".sa-subtotal").inner_text().startswith("小计")
    screenshot(page, "page-zh-reply")
    context.close()


def test_the_widget_in_a_chinese_browser(browser, app_url, screenshot) -> None:
    context, widget, launcher_label = open_shop_page(browser, app_url, "zh-CN")
    frame = widget.frame
    assert launcher_label == "打开购物助手"
    assert frame.locator("html").get_attribute("lang") == "zh"
    assert frame.locator("#sa-title").inner_text() == "购物助手"
    assert frame.locator(".msg.greeting").inner_text() == chinese_greeting()
    assert frame.locator("#sa-send").inner_text() == "发送"
    assert frame.locator("#sa-input").get_attribute("placeholder") == "问问任何商品…"
    assert frame.locator("#sa-restart").inner_text() == "重新开始"
    screenshot(widget.page, "widget-zh-start")

    widget.send(SHOES)
    widget.wait_for_reply(1)
    answer = frame.locator(".msg.assistant[data-position]").first
    assert answer.locator(".card").count() > 0
    words = answer.locator(".text").inner_text()
    assert HAN.search(words), words
    add = answer.locator(".card button.add").first
    assert add.inner_text() == "加入购物车"
    add.click()
    frame.locator("#sa-cart", has_text="购物车（1）").wait_for(timeout=TURN_TIMEOUT_MS)
    assert answer.locator(".thumb").first.get_attribute("title") == "有帮助"
    screenshot(widget.page, "widget-zh-reply")
    context.close()


def test_the_widgets_data_lang_wins_over_the_browser(browser, app_url, screenshot) -> None:
    context, widget, launcher_label = open_shop_page(browser, app_url, "zh-CN", ' data-lang="fr"')
    frame = widget.frame
    assert launcher_label == "Ouvrir Assistant d'achat"
    assert frame.locator("#sa-send").inner_text() == "Envoyer"
    assert frame.locator("#sa-input").get_attribute("placeholder") == ("Posez votre question…")
    assert frame.locator(".msg.greeting").inner_text().startswith("Bonjour")
    screenshot(widget.page, "widget-fr-start")
    context.close()
