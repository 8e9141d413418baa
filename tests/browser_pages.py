"""Page objects for the browser tests and benchmarks: the chat page and the widget.

Times are measured by the page itself: the key press is noted with `performance.now()` and
the first visible card is looked for on every animation frame.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip
# `pytestmark` of every browser test module: marked, and skipped without Debian's chromium.
BROWSER_TESTS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing (apt-get install chromium)"
    ),
]
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "browser"
TURN_TIMEOUT_MS = 30_000
# Installed before each message: the time of the next Enter key press.
NOTE_ENTER = """() => document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') window.__saEnterAt = performance.now();
}, {capture: true, once: true})"""


def parse_price(text: str) -> Decimal:
    """'$1,234.50' -> Decimal('1234.50')."""
    match = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    assert match, f"no price in {text!r}"
    return Decimal(match.group().replace(",", ""))


@dataclass
class ChatPage:
    """One browser tab on the chat page, with the dialogs it raised."""

    page: object
    dialogs: list[str]

    def open(self, url: str) -> None:
        """Load the chat page and wait until its session is restored (the cart panel)."""
        self.page.goto(url + "/")
        self.page.wait_for_selector("#sa-cart-panel .sa-cart h2 span", timeout=TURN_TIMEOUT_MS)

    def send(self, text: str) -> None:
        """Type `text` and press Enter (the page notes the time of the key press)."""
        self.page.fill("#sa-input textarea", text)
        self.page.evaluate(NOTE_ENTER)
        self.page.keyboard.press("Enter")

    def wait_for_first_card(self, turn: int) -> float | None:
        """Milliseconds from Enter to a visible card in assistant message `turn`, measured by
        the page on each animation frame; None when the turn ended without cards."""
        elapsed = self.page.wait_for_function(
            """turn => {
                const rows = document.querySelectorAll('#sa-chat .bot-row');
                const card = rows.length >= turn && rows[turn - 1].querySelector('.pc-card');
                if (card && card.getBoundingClientRect().height > 0) {
                    return performance.now() - window.__saEnterAt;
                }
                const done = rows.length >= turn
                    && !document.querySelector('#sa-input textarea').disabled;
                return done ? -1 : false;
            }""",
            arg=turn,
            polling="raf",
            timeout=TURN_TIMEOUT_MS,
        ).json_value()
        return None if elapsed < 0 else elapsed

    def wait_for_turn_end(self, turn: int) -> None:
        """Wait until assistant message `turn` is there and the input is unlocked again."""
        self.page.wait_for_function(
            """turn => document.querySelectorAll('#sa-chat .bot-row').length >= turn
                      && !document.querySelector('#sa-input textarea').disabled""",
            arg=turn,
            timeout=TURN_TIMEOUT_MS,
        )

    def latest_reply(self):
        return self.page.locator("#sa-chat .bot-row").last

    def latest_user_message(self):
        return self.page.locator("#sa-chat .user-row").last

    def reply_text(self) -> str:
        return self.latest_reply().inner_text().replace("\u2019", "'")

    def cards(self) -> list[tuple[str, Decimal]]:
        """(name, price) of each card in the latest assistant message, in order."""
        names = (
            self.latest_reply()
            .locator(".pc-name")
            .evaluate_all("els => els.map(e => e.getAttribute('title'))")
        )
        prices = self.latest_reply().locator(".pc-price").all_inner_texts()
        assert len(names) == len(prices)
        return [(name, parse_price(price)) for name, price in zip(names, prices, strict=True)]

    def sign_in(self, name: str) -> None:
        """Pick a demo shopper in the "Shopping as" menu."""
        self.page.locator("#sa-shopper input").click()
        self.page.get_by_role("option", name=f"{name} (demo)").click()

    def screenshot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@dataclass
class Widget:
    """The widget on a page: its launcher (in a shadow root) and the chat frame."""

    page: object

    @property
    def launcher(self):
        return self.page.locator("#shopping-assistant-widget button.launcher")

    @property
    def frame(self):
        return self.page.frame_locator("#shopping-assistant-widget iframe")

    def send(self, text: str) -> None:
        """Type `text` into the chat and press Enter (the frame notes the time)."""
        self.frame.locator("#sa-input").fill(text)
        self.frame.locator("#sa-input").evaluate(NOTE_ENTER)
        self.page.keyboard.press("Enter")

    def wait_for_first_card(self, turn: int) -> float:
        """Milliseconds from Enter to a visible card in the answer to message `turn`."""
        return self.frame.locator("body").evaluate(
            """(body, turn) => new Promise(resolve => {
                const check = () => {
                    const answer = body.querySelectorAll('.msg.assistant')[turn];
                    const card = answer && answer.querySelector('.card');
                    if (card && card.getBoundingClientRect().height > 0) {
                        resolve(performance.now() - window.__saEnterAt);
                    } else {
                        requestAnimationFrame(check);
                    }
                };
                check();
            })""",
            turn,
        )

    def wait_for_reply(self, turn: int) -> None:
        self.frame.locator(".msg.assistant[data-position]").nth(turn - 1).wait_for(
            timeout=TURN_TIMEOUT_MS
        )
