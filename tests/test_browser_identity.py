"""The widget signs in the customer the shop's token names, in a real headless Chromium.

The shop's page is served from the assistant's own origin (Playwright answers the request), so
the frame is allowed; each case has its own browser context (its own localStorage session).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant.app.identity import CustomerTokens, SignIn
from assistant.app.services import Services
from assistant.app.settings import Settings
from assistant.web.app import build_web_app
from tests.browser_pages import BROWSER_TESTS, TURN_TIMEOUT_MS, Widget
from tests.conftest import Harness
from tests.web_server import serve

pytestmark = BROWSER_TESTS

TOKENS = CustomerTokens("the shop's and the assistant's secret", max_age_s=600)
ALEX_ORDER = "SA-885064"  # one of the demo shopper alex's orders


@pytest.fixture(scope="module")
def app_url(demo_sessions) -> Iterator[str]:
    """The web app outside demo mode: only a token signs a customer in."""
    manager = Harness(demo_sessions).manager
    services = Services.over(manager, demo_sessions, SignIn(TOKENS, demo=False))
    with serve(build_web_app(services, Settings(), list(manager.example_prompts))) as url:
        yield url


def open_shop_page(browser, app_url: str, token: str | None):
    """A shop page with the widget's tag (and the token, if any); the widget opened."""
    context = browser.new_context()
    page = context.new_page()
    attribute = f' data-customer-token="{token}"' if token else ""
    html = f'<h1>Shop</h1><script src="{app_url}/widget/widget.js"{attribute}></script>'
    page.route(
        f"{app_url}/a-shop-page", lambda route: route.fulfill(body=html, content_type="text/html")
    )
    page.goto(f"{app_url}/a-shop-page")
    widget = Widget(page)
    widget.launcher.click()
    widget.frame.locator(".msg.greeting").wait_for(timeout=TURN_TIMEOUT_MS)
    return context, widget


def ask_for_the_order(widget: Widget) -> str:
    widget.send(f"where is my order {ALEX_ORDER}?")
    widget.wait_for_reply(1)
    return widget.frame.locator(".msg.assistant[data-position]").last.inner_text()


def test_a_token_signs_the_customer_in_and_leaves_no_trace_in_the_frame_url(
    browser, app_url
) -> None:
    context, widget = open_shop_page(browser, app_url, TOKENS.mint("alex"))
    signin = widget.frame.locator(".signin")
    signin.wait_for(state="visible", timeout=5_000)
    assert "Alex Moreno" in signin.inner_text()
    assert widget.frame.locator("#sa-shopper").is_disabled()  # no picking someone else
    assert widget.frame.locator("body").evaluate("() => location.hash") == ""
    assert ALEX_ORDER in ask_for_the_order(widget)
    context.close()


def test_without_a_token_the_widget_is_a_guests(browser, app_url) -> None:
    context, widget = open_shop_page(browser, app_url, None)
    assert widget.frame.locator(".signin").is_hidden()
    assert ALEX_ORDER not in ask_for_the_order(widget)
    context.close()


def test_a_forged_token_is_refused_and_the_shopper_carries_on_as_a_guest(browser, app_url) -> None:
    forged = CustomerTokens("not the shop's secret").mint("alex")
    context, widget = open_shop_page(browser, app_url, forged)
    notice = widget.frame.locator(".msg.notice")
    notice.wait_for(timeout=5_000)
    assert "could not be verified" in notice.inner_text()
    assert widget.frame.locator(".signin").is_hidden()
    assert ALEX_ORDER not in ask_for_the_order(widget)
    context.close()
