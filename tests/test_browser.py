"""The chat page and the widget in a real headless Chromium: cards, thumbs, reloads, hostile text.

The whole web app (chat page, API, widget, demo store) runs in-process with uvicorn on a free
local port, over the demo catalog, with the test `Harness`'s dialogue manager: its fake models
have nothing queued, so every turn falls back to the deterministic parse and answers quickly
and the same way each run. Playwright drives Debian's `/usr/bin/chromium` (never a downloaded
browser); the tests are skipped when that binary or the `playwright` package is missing.

What is checked is what the shopper sees: the cards are read back from the DOM (name and
price) and compared with the database, and thumbs and cart clicks are looked up in the
database. Screenshots of each step go to `artifacts/browser/`; the time from pressing Enter to
the first visible card is printed (run with `pytest -s` to see it).
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Iterator
from decimal import Decimal

import pytest
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from assistant.app.identity import SignIn
from assistant.app.services import Services
from assistant.app.settings import Settings
from assistant.web.app import build_web_app
from catalog.models import Interaction, InteractionKind, Order, OrderStatus, Product, Shopper
from tests.browser_pages import (
    BROWSER_TESTS,
    SHOTS,
    TURN_TIMEOUT_MS,
    ChatPage,
    Widget,
    parse_price,
)
from tests.conftest import Harness
from tests.web_server import serve

pytestmark = BROWSER_TESTS


# --- the server and the browser ----------------------------------------------------------------


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
def chat(browser, app_url) -> Iterator[ChatPage]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []

    def record(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", record)
    chat_page = ChatPage(page, dialogs)
    chat_page.open(app_url)
    yield chat_page
    context.close()


# --- reading the page and the database ---------------------------------------------------------


def products_named(sessions, names: list[str]) -> list[Product]:
    """The products the cards show, looked up by their (unique) names."""
    with sessions() as session:
        found = {p.name: p for p in session.scalars(select(Product).where(Product.name.in_(names)))}
    missing = [name for name in names if name not in found]
    assert not missing, f"cards not in the catalog: {missing}"
    return [found[name] for name in names]


def black_running_shoes_below(sessions, limit: Decimal) -> list[Product]:
    """In-stock men's or unisex black running shoes priced under `limit`."""
    with sessions() as session:
        return list(session.scalars(select(Product).where(
            Product.category == "Shoes > Running", Product.audience.in_(("men", "unisex")),
            Product.colour == "black", Product.stock > 0, Product.price < limit,
        )))  # fmt: skip


# --- tests -------------------------------------------------------------------------------------


def test_three_turns_show_matching_cards(chat: ChatPage, demo_sessions) -> None:
    chat.screenshot("start")  # the welcome and the example prompts
    assert chat.page.get_by_role("button", name=re.compile("^Select example")).count() == 4
    times: list[float] = []

    def turn(number: int, text: str) -> list[tuple[str, Decimal]]:
        chat.send(text)
        elapsed = chat.wait_for_first_card(number)
        if elapsed is not None:
            times.append(elapsed)
        chat.wait_for_turn_end(number)
        chat.screenshot(f"turn{number}")
        return chat.cards()

    first = turn(1, "running shoes for men under $100")
    assert first, chat.reply_text()
    for name, price in first:
        assert price <= 100, (name, price)
        assert "Men's" in name and "Running Shoe" in name, name

    second = turn(2, "in black")
    assert second, chat.reply_text()
    for product, (name, price) in zip(
        products_named(demo_sessions, [n for n, _ in second]), second, strict=True
    ):
        assert product.colour == "black", (name, product.colour)
        assert product.price == price <= 100, (name, price)
        assert product.category == "Shoes > Running" and product.audience in ("men", "unisex")
    cheapest = min(price for _, price in second)

    third = turn(3, "cheaper")
    reply = chat.reply_text()
    cheaper_in_stock = black_running_shoes_below(demo_sessions, cheapest)
    if "were the cheapest" in reply:
        assert not cheaper_in_stock, f"said none, but the catalog has {cheaper_in_stock}"
    else:
        assert third, f"no cards and no 'were the cheapest': {reply!r}"
        assert cheaper_in_stock, "cards shown that the catalog cannot have"
        for product, (name, price) in zip(
            products_named(demo_sessions, [n for n, _ in third]), third, strict=True
        ):
            assert price < cheapest, (name, price, cheapest)
            assert product.colour == "black", (name, product.colour)

    assert times, "no turn showed cards"
    per_turn = ", ".join(f"{t:.0f} ms" for t in times)
    print(
        f"\nEnter to first visible card: median {statistics.median(times):.0f} ms "
        f"over {len(times)} turn(s) with cards ({per_turn})"
    )
    assert not chat.dialogs, chat.dialogs


HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>"
RTL_AND_EMOJI = "أريد حذاء للجري باللون الأسود 👟🔥 שלום"


def test_hostile_message_renders_as_text(chat: ChatPage) -> None:
    filler = ("lorem ipsum dolor sit amet " * 800)[:20_000]
    chat.send(f"{HOSTILE} {RTL_AND_EMOJI} {filler}")
    chat.wait_for_turn_end(1)
    chat.page.wait_for_timeout(500)  # time for a broken image's onerror to fire, if one existed
    chat.screenshot("hostile")

    bubble = chat.latest_user_message()
    shown = bubble.inner_text().strip()
    assert shown == f"{HOSTILE} {RTL_AND_EMOJI} {filler}".strip(), shown[:200]  # all of it
    assert bubble.locator("img").count() == 0
    assert chat.page.locator('#sa-chat script, img[src="x"]').count() == 0
    assert not chat.dialogs, chat.dialogs

    reply = chat.reply_text().strip()
    assert f"I can read up to {Settings().max_message_chars:,}" in reply, reply
    assert "Traceback" not in reply and "Error" not in reply, reply


def count_interactions(sessions, **where) -> int:
    with sessions() as db:
        return len(db.scalars(select(Interaction).filter_by(**where)).all())


def test_thumbs_and_cart_are_stored(chat: ChatPage, demo_sessions) -> None:
    page = chat.page
    chat.sign_in("Alex Moreno")
    chat.send("running shoes for men under $100")
    chat.wait_for_turn_end(1)
    first_card = chat.latest_reply().locator(".pc-card").first
    product_id = int(first_card.locator("button.pc-add").get_attribute("value").split(":")[1])
    with demo_sessions() as db:
        product = db.get(Product, product_id)
        alex = db.scalar(select(Shopper).where(Shopper.name == "Alex Moreno"))
    likes = count_interactions(
        demo_sessions, product_id=product_id, kind=InteractionKind.LIKE, shopper_id=alex.id
    )
    message_likes = count_interactions(
        demo_sessions, message_position=1, kind=InteractionKind.LIKE, shopper_id=alex.id
    )

    thumb = first_card.locator('button.pc-thumb[value^="like:"]')
    thumb.focus()
    page.keyboard.press("Enter")  # keyboard-usable: a focused button and Enter
    panel = page.locator("#sa-cart-panel")
    panel.locator(".sa-notice").wait_for(timeout=TURN_TIMEOUT_MS)
    assert thumb.get_attribute("aria-pressed") == "true"
    page.locator('#sa-chat button[aria-label="Like"]').last.click()
    first_card.locator("button.pc-add").click()
    panel.locator(".sa-line-name", has_text=product.name).wait_for(timeout=TURN_TIMEOUT_MS)
    assert panel.locator("button", has_text="+").get_attribute("aria-label") == (
        f"One more: {product.name}"
    )
    panel.locator('button[value^="increase:"]').click()
    page.wait_for_function(
        "() => document.querySelector('#sa-cart-panel .sa-qty-n')?.textContent === '2'",
        timeout=TURN_TIMEOUT_MS,
    )
    chat.screenshot("thumbs-and-cart")

    assert parse_price(panel.locator("#sa-subtotal").inner_text()) == 2 * product.price
    panel.locator('button[value^="decrease:"]').click()
    page.wait_for_function(
        "() => document.querySelector('#sa-cart-panel .sa-qty-n')?.textContent === '1'",
        timeout=TURN_TIMEOUT_MS,
    )
    panel.locator('button[value^="remove:"]').click()
    panel.locator(".sa-empty").wait_for(timeout=TURN_TIMEOUT_MS)
    deadline = time.monotonic() + 10
    while (
        count_interactions(
            demo_sessions, message_position=1, kind=InteractionKind.LIKE, shopper_id=alex.id
        )
        == message_likes
    ):
        assert time.monotonic() < deadline, "the message's thumbs-up never reached the database"
        time.sleep(0.1)
    assert (
        count_interactions(
            demo_sessions, product_id=product_id, kind=InteractionKind.LIKE, shopper_id=alex.id
        )
        == likes + 1
    )
    assert not chat.dialogs, chat.dialogs


def test_compare_cart_and_checkout_by_chat(chat: ChatPage, demo_sessions) -> None:
    page = chat.page
    chat.sign_in("Alex Moreno")
    chat.send("wireless headphones under $100")
    chat.wait_for_turn_end(1)
    shown = chat.cards()
    chat.send("compare the first two")
    chat.wait_for_turn_end(2)
    assert chat.cards() == shown[:2]
    table = chat.latest_reply().locator("table")
    assert table.locator("th").count() == 3  # the label column and one per product
    assert [
        parse_price(cell)
        for cell in table.locator("tr", has_text="Price").locator("td").all_inner_texts()[1:]
    ] == [price for _, price in shown[:2]]
    assert "Verdict:" in chat.reply_text()
    chat.screenshot("compare")

    chat.send("add the second one to my cart")
    chat.wait_for_turn_end(3)
    panel = page.locator("#sa-cart-panel")
    panel.locator(".sa-line-name", has_text=shown[1][0]).wait_for(timeout=TURN_TIMEOUT_MS)
    assert parse_price(panel.locator("#sa-subtotal").inner_text()) == shown[1][1]
    chat.send("checkout")
    chat.wait_for_turn_end(4)
    number = re.search(r"SA-\d{6}", chat.reply_text())
    assert number, chat.reply_text()
    panel.locator(".sa-empty").wait_for(timeout=TURN_TIMEOUT_MS)
    chat.send("where is my order?")
    chat.wait_for_turn_end(5)
    assert number.group() in chat.reply_text()
    chat.screenshot("checkout-and-order")
    assert not chat.dialogs, chat.dialogs


def test_a_reload_keeps_the_conversation_and_other_browsers_see_their_own(
    chat: ChatPage, browser, app_url, demo_sessions
) -> None:
    chat.send("running shoes for men under $100")
    chat.wait_for_turn_end(1)
    chat.send("in black")
    chat.wait_for_turn_end(2)
    before = chat.cards()
    chat.latest_reply().locator("button.pc-add").first.click()
    chat.page.locator("#sa-cart-panel .sa-qty-n").wait_for(timeout=TURN_TIMEOUT_MS)
    chat.latest_reply().locator('button.pc-thumb[value^="dislike:"]').last.click()
    chat.page.locator("#sa-cart-panel .sa-notice").wait_for(timeout=TURN_TIMEOUT_MS)

    chat.open(chat.page.url.rstrip("/"))
    assert chat.page.locator("#sa-chat .user-row").all_inner_texts() == [
        "running shoes for men under $100",
        "in black",
    ]
    assert chat.cards() == before
    assert chat.page.locator("#sa-cart-panel .sa-qty-n").inner_text() == "1"
    pressed = chat.latest_reply().locator("button.pc-thumb.pc-on")
    assert pressed.count() == 1 and pressed.get_attribute("value").startswith("dislike:")
    chat.screenshot("after-reload")
    # The conversation itself was restored, not only its picture: "cheaper" still means
    # cheaper black men's running shoes.
    chat.send("cheaper")
    chat.wait_for_turn_end(3)
    for product in products_named(demo_sessions, [name for name, _ in chat.cards()]):
        assert product.colour == "black" and product.price < min(p for _, p in before)

    chat.page.get_by_role("button", name="Start over").click()
    chat.page.wait_for_function(
        "() => !document.querySelector('#sa-chat .user-row')", timeout=TURN_TIMEOUT_MS
    )
    chat.open(chat.page.url.rstrip("/"))  # started over for good; the cart stays
    assert chat.page.locator("#sa-chat .user-row").count() == 0
    assert chat.page.locator("#sa-cart-panel .sa-qty-n").inner_text() == "1"

    other = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
    page = other.new_page()
    stranger = ChatPage(page, [])
    stranger.open(app_url)
    assert page.locator("#sa-chat .user-row").count() == 0
    assert page.locator("#sa-cart-panel .sa-qty-n").count() == 0
    stranger.send("a desk lamp")
    stranger.wait_for_turn_end(1)
    stranger.screenshot("phone")
    other.close()


# --- the widget ----------------------------------------------------------------------------------


def test_the_widget_on_the_demo_store(browser, app_url, demo_sessions) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{app_url}/store")
    widget = Widget(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "store-closed.png"))

    widget.launcher.focus()
    page.keyboard.press("Enter")  # opens, and the chat's input takes the focus
    frame = widget.frame
    frame.locator(".msg.greeting").wait_for(timeout=TURN_TIMEOUT_MS)
    frame.locator("#sa-input:focus").wait_for(timeout=5_000)
    assert frame.locator("#sa-title").inner_text() == "Ask Harbour & Pine"
    assert frame.locator(".top").evaluate("e => getComputedStyle(e).backgroundColor") == (
        "rgb(15, 118, 110)"
    )  # the snippet's data-colour

    suggestions = frame.locator(".suggestion").all_inner_texts()
    assert suggestions[0] == "running shoes for men under $100" and len(suggestions) == 3
    page.screenshot(path=str(SHOTS / "widget-open.png"))
    times = []
    for turn, text in enumerate(["running shoes for men under $100", "in black"], start=1):
        widget.send(text)
        times.append(widget.wait_for_first_card(turn))
        widget.wait_for_reply(turn)
    assert frame.locator(".suggestion").count() == 0
    cards = frame.locator(".msg.assistant").nth(2).locator(".card")
    names = cards.locator(".name").all_inner_texts()
    prices = [parse_price(p) for p in cards.locator(".price").all_inner_texts()]
    for product, price in zip(products_named(demo_sessions, names), prices, strict=True):
        assert product.colour == "black" and product.price == price <= 100
    cards.first.locator("button.add").click()
    frame.locator("#sa-cart").get_by_text(f"Cart (1): ${prices[0]:,.2f}").wait_for(
        timeout=TURN_TIMEOUT_MS
    )
    page.screenshot(path=str(SHOTS / "widget-cards.png"))
    print(f"\nWidget: Enter to first visible card: {', '.join(f'{t:.0f} ms' for t in times)}")

    hostile = f"{HOSTILE} {RTL_AND_EMOJI} " + "x" * 20_000
    widget.send(hostile)
    widget.wait_for_reply(3)
    page.wait_for_timeout(500)
    bubble = frame.locator(".msg.user .text").last
    assert bubble.evaluate("e => e.textContent") == hostile
    assert frame.locator('img[src="x"], .msg script').count() == 0
    assert "20,0" in frame.locator(".msg.assistant .text").last.inner_text()  # the length limit
    page.screenshot(path=str(SHOTS / "widget-hostile.png"))

    liked = cards.first.locator('.thumb[data-liked="true"]')
    liked.click()
    frame.locator('.card .thumb[aria-pressed="true"]').first.wait_for(timeout=TURN_TIMEOUT_MS)

    page.reload()  # the next page of the shop: the same conversation
    Widget(page).launcher.click()
    frame = Widget(page).frame
    frame.locator(".msg.user").nth(2).wait_for(timeout=TURN_TIMEOUT_MS)
    assert frame.locator(".msg.user .text").first.inner_text() == (
        "running shoes for men under $100"
    )
    again = frame.locator(".msg.assistant").nth(2).locator(".card").first
    assert again.locator('.thumb[aria-pressed="true"]').get_attribute("data-liked") == "true"
    assert not dialogs, dialogs
    context.close()


def test_the_widget_shows_a_comparison_table_and_the_cart_a_turn_changed(browser, app_url) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.goto(f"{app_url}/store")
    widget = Widget(page)
    widget.launcher.click()
    frame = widget.frame
    for turn, text in enumerate(["wireless headphones under $100", "compare the first two"], 1):
        widget.send(text)
        widget.wait_for_reply(turn)
    answer = frame.locator(".msg.assistant[data-position]").nth(1)
    prices = answer.locator(".card .price").all_inner_texts()
    table = answer.locator("table.compare")
    assert table.locator("th").count() == 3 and len(prices) == 2
    price_row = table.locator("tr", has_text="Price").locator("td").all_inner_texts()
    assert price_row == ["Price", *prices]  # the label cell, then one per card, in order
    assert "**" not in answer.locator(".text").inner_text()
    widget.send("add the second one to my cart")
    widget.wait_for_reply(3)
    frame.locator("#sa-cart").get_by_text(f"Cart (1): {prices[1]}").wait_for(
        timeout=TURN_TIMEOUT_MS
    )
    page.screenshot(path=str(SHOTS / "widget-compare.png"))

    frame.locator("#sa-shopper").select_option("alex")  # the demo's sign-in
    frame.locator(".msg.notice", has_text="Signed in as Alex Moreno").wait_for(
        timeout=TURN_TIMEOUT_MS
    )
    widget.send("checkout")
    widget.wait_for_reply(4)
    placed = frame.locator(".msg.assistant[data-position]").nth(3).inner_text()
    assert re.search(r"Order SA-\d{6} is placed", placed) and prices[1] in placed, placed
    assert frame.locator("#sa-cart").inner_text() == ""  # the cart became the order
    page.screenshot(path=str(SHOTS / "widget-checkout.png"))
    context.close()


def test_a_return_through_the_widget(browser, app_url, demo_sessions) -> None:
    """A signed-in customer returns an item: the change is listed, done only after the yes."""
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.goto(f"{app_url}/store")
    widget = Widget(page)
    widget.launcher.click()
    frame = widget.frame
    frame.locator("#sa-shopper").select_option("dev")  # an order no other test changes
    frame.locator(".msg.notice", has_text="Signed in as").wait_for(timeout=TURN_TIMEOUT_MS)
    said = [
        "I want to return the dog food from my last delivered order",
        "to my gift card please",
        "yes",
    ]
    replies = []
    for turn, text in enumerate(said, 1):
        widget.send(text)
        widget.wait_for_reply(turn)
        replies.append(frame.locator(".msg.assistant[data-position]").nth(turn - 1).inner_text())
        if turn == 2:
            assert _order_status(demo_sessions, "SA-706739") is OrderStatus.DELIVERED
            page.screenshot(path=str(SHOTS / "widget-return-confirm.png"))
    assert "Your payment methods" in replies[0]
    assert "Lamb & Pumpkin Grain-Free Dry Dog Food" in replies[1] and "(yes/no)" in replies[1]
    assert "Dog Bed" not in replies[1]
    assert "is requested" in replies[2]
    assert _order_status(demo_sessions, "SA-706739") is OrderStatus.RETURN_REQUESTED
    page.screenshot(path=str(SHOTS / "widget-return-done.png"))
    context.close()


def _order_status(sessions, number: str) -> OrderStatus:
    with sessions() as db:
        return db.scalars(select(Order.status).where(Order.number == number)).one()


def test_the_widget_fills_a_phone_screen_and_closes(browser, app_url) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{app_url}/store")
    widget = Widget(page)
    widget.launcher.click()
    widget.frame.locator(".msg.greeting").wait_for(timeout=TURN_TIMEOUT_MS)
    panel = page.locator("#shopping-assistant-widget .panel")
    assert panel.bounding_box() == {"x": 0, "y": 0, "width": 390, "height": 844}
    assert not widget.launcher.is_visible()  # the chat's own close button takes over
    page.screenshot(path=str(SHOTS / "widget-phone.png"))
    widget.frame.locator("#sa-close").click()
    widget.launcher.wait_for(state="visible", timeout=5_000)
    assert not panel.is_visible()
    widget.launcher.click()
    widget.frame.locator("#sa-input").press("Escape")  # from inside the chat, too
    widget.launcher.wait_for(state="visible", timeout=5_000)
    assert not panel.is_visible()
    context.close()


def test_the_widget_is_refused_on_sites_not_allowed(browser, app_url) -> None:
    shop = FastAPI()
    page_html = f'<h1>Another shop</h1><script src="{app_url}/widget/widget.js"></script>'
    shop.get("/", response_class=HTMLResponse)(lambda: page_html)
    with serve(shop) as other_site:
        context = browser.new_context()
        page = context.new_page()
        messages: list[str] = []
        page.on("console", lambda message: messages.append(message.text))
        page.goto(other_site)
        Widget(page).launcher.click()
        deadline = time.monotonic() + 10
        while not any("frame-ancestors" in m for m in messages):
            assert time.monotonic() < deadline, messages
            page.wait_for_timeout(100)
        assert Widget(page).frame.locator("#sa-input").count() == 0
        context.close()
