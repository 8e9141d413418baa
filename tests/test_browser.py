"""The chat page in a real headless Chromium: product cards, refinements and hostile input.

The Gradio app runs in-process on a free local port, over the demo catalog, with the test
`Harness`'s dialogue manager: its fake models have nothing queued, so every turn falls back to
the deterministic parse and the page answers quickly and the same way each run. Playwright
drives Debian's `/usr/bin/chromium` (never a downloaded browser); the test is skipped when that
binary or the `playwright` package is missing.

What is checked is what the shopper sees: the cards of the latest assistant message are read
back from the DOM (name and price) and compared with the database. Screenshots of each step go
to `artifacts/browser/`; the time from pressing Enter to the first visible card is printed
(run with `pytest -s` to see it).
"""

from __future__ import annotations

import re
import socket
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from assistant.settings import Settings
from assistant.ui import APP_CSS, SORRY, build_ui
from catalog.models import Product
from tests.conftest import Harness

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "browser"
TURN_TIMEOUT_MS = 30_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing (apt-get install chromium)"
    ),
]
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is missing (pip install -e '.[test]')"
)


# --- the server and the browser ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(demo_sessions) -> Iterator[str]:
    """The chat page, served in-process by Gradio over the demo catalog."""
    manager = Harness(demo_sessions).manager
    port = free_port()
    demo = build_ui(manager, Settings(), list(manager.example_prompts)).queue()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True,
                css=APP_CSS, quiet=True, show_error=False)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class ChatPage:
    """One browser tab on the chat page, with the dialogs it raised."""

    page: object
    dialogs: list[str]

    def send(self, text: str) -> float:
        """Type `text` and press Enter; the `perf_counter` time of the key press."""
        self.page.fill("#sa-input textarea", text)
        started = time.perf_counter()
        self.page.keyboard.press("Enter")
        return started

    def wait_for_first_card(self, turn: int) -> bool:
        """Wait until assistant message `turn` shows a visible card (True) or the turn ends."""
        self.page.wait_for_function(
            """turn => {
                const rows = document.querySelectorAll('#sa-chat .bot-row');
                if (rows.length < turn) return false;
                const card = rows[turn - 1].querySelector('.pc-card');
                if (card && card.getBoundingClientRect().height > 0) return true;
                return !document.querySelector('#sa-input textarea').disabled;
            }""",
            arg=turn, polling="raf", timeout=TURN_TIMEOUT_MS,
        )
        return self.latest_reply().locator(".pc-card").count() > 0

    def wait_for_turn_end(self, turn: int) -> None:
        """Wait until assistant message `turn` is there and the input is unlocked again."""
        self.page.wait_for_function(
            """turn => document.querySelectorAll('#sa-chat .bot-row').length >= turn
                      && !document.querySelector('#sa-input textarea').disabled""",
            arg=turn, timeout=TURN_TIMEOUT_MS,
        )

    def latest_reply(self):
        return self.page.locator("#sa-chat .bot-row").last

    def latest_user_message(self):
        return self.page.locator("#sa-chat .user-row").last

    def reply_text(self) -> str:
        return self.latest_reply().inner_text().replace("\u2019", "'")

    def cards(self) -> list[tuple[str, Decimal]]:
        """(name, price) of each card in the latest assistant message, in order."""
        names = self.latest_reply().locator(".pc-name").evaluate_all(
            "els => els.map(e => e.getAttribute('title'))"
        )
        prices = self.latest_reply().locator(".pc-price").all_inner_texts()
        assert len(names) == len(prices)
        return [(name, parse_price(price)) for name, price in zip(names, prices, strict=True)]

    def screenshot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def chat(browser, app_url) -> Iterator[ChatPage]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []

    def record(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", record)
    page.goto(app_url)
    page.wait_for_selector("#sa-input textarea", timeout=TURN_TIMEOUT_MS)
    yield ChatPage(page, dialogs)
    context.close()


# --- reading the page and the database ---------------------------------------------------------


def parse_price(text: str) -> Decimal:
    """'$1,234.50' -> Decimal('1234.50')."""
    match = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    assert match, f"no price in {text!r}"
    return Decimal(match.group().replace(",", ""))


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
    times: list[float] = []

    def turn(number: int, text: str) -> list[tuple[str, Decimal]]:
        started = chat.send(text)
        if chat.wait_for_first_card(number):
            times.append(time.perf_counter() - started)
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
    for product, (name, price) in zip(products_named(demo_sessions, [n for n, _ in second]),
                                      second, strict=True):
        assert product.colour == "black", (name, product.colour)
        assert product.price == price <= 100, (name, price)
        assert product.category == "Shoes > Running" and product.audience in ("men", "unisex")
    cheapest = min(price for _, price in second)

    third = turn(3, "cheaper")
    reply = chat.reply_text()
    cheaper_in_stock = black_running_shoes_below(demo_sessions, cheapest)
    if "couldn't find" in reply:
        assert not cheaper_in_stock, f"said none, but the catalog has {cheaper_in_stock}"
    else:
        assert third, f"no cards and no 'couldn't find': {reply!r}"
        assert cheaper_in_stock, "cards shown that the catalog cannot have"
        for product, (name, price) in zip(products_named(demo_sessions, [n for n, _ in third]),
                                          third, strict=True):
            assert price < cheapest, (name, price, cheapest)
            assert product.colour == "black", (name, product.colour)

    assert times, "no turn showed cards"
    per_turn = ", ".join(f"{t * 1000:.0f} ms" for t in times)
    print(f"\nEnter to first visible card: median {statistics.median(times) * 1000:.0f} ms "
          f"over {len(times)} turn(s) with cards ({per_turn})")
    assert not chat.dialogs, chat.dialogs


HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>"


def test_hostile_message_renders_as_text(chat: ChatPage) -> None:
    filler = ("lorem ipsum dolor sit amet " * 800)[:20_000]
    chat.send(HOSTILE + " " + filler)
    chat.wait_for_turn_end(1)
    chat.page.wait_for_timeout(500)  # time for a broken image's onerror to fire, if one existed
    chat.screenshot("hostile")

    bubble = chat.latest_user_message()
    shown = bubble.inner_text().strip()
    assert shown.startswith(HOSTILE), shown[:200]
    # The input box's maxlength cuts the text to what the assistant accepts.
    assert len(shown) <= Settings().max_message_chars, len(shown)
    assert bubble.locator("img").count() == 0
    assert chat.page.locator('#sa-chat script, img[src="x"]').count() == 0
    assert not chat.dialogs, chat.dialogs

    reply = chat.reply_text().strip()
    assert reply and reply != SORRY, reply
    assert "Traceback" not in reply and "Error" not in reply, reply
