"""Time from pressing Enter to product cards on screen, measured in headless Chromium.

Drives a running assistant (`python launch.py`) through a three-message conversation
several times, on the chat page and in the widget on the demo store, each round in a fresh
browser (a new session). The page itself times each turn: `performance.now()` at the key
press, then the first frame where a card of that answer has a size. Prints JSON.

    .venv/bin/python -m benchmarks.bench_browser --url http://127.0.0.1:7860 --rounds 3
"""

from __future__ import annotations

import argparse
import json
import statistics

from playwright.sync_api import sync_playwright

from tests.browser_pages import CHROMIUM, CHROMIUM_ARGS, ChatPage, Widget

CONVERSATION = ["running shoes for men under $100", "in black", "a desk lamp"]
TIMEOUT_MS = 180_000  # a real model on two CPU cores can take a while


def chat_page_round(browser, url: str) -> list[float]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    chat = ChatPage(context.new_page(), [])
    chat.page.set_default_timeout(TIMEOUT_MS)
    chat.open(url)
    times = []
    for turn, text in enumerate(CONVERSATION, start=1):
        chat.send(text)
        elapsed = chat.wait_for_first_card(turn)
        if elapsed is not None:
            times.append(elapsed)
        chat.wait_for_turn_end(turn)
    context.close()
    return times


def widget_round(browser, url: str) -> list[float]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{url}/store")
    widget = Widget(page)
    widget.launcher.click()
    widget.frame.locator(".msg.greeting").wait_for()
    times = []
    for turn, text in enumerate(CONVERSATION, start=1):
        widget.send(text)
        times.append(widget.wait_for_first_card(turn))
        widget.wait_for_reply(turn)
    context.close()
    return times


def summary(times: list[float]) -> dict[str, float | int]:
    ordered = sorted(times)
    return {
        "turns": len(times),
        "median_ms": round(statistics.median(times)),
        "p90_ms": round(ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]),
        "max_ms": round(ordered[-1]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:7860")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    url = args.url.rstrip("/")
    page_times: list[float] = []
    widget_times: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for _ in range(args.rounds):
            page_times += chat_page_round(browser, url)
            widget_times += widget_round(browser, url)
        browser.close()
    print(
        json.dumps(
            {
                "enter_to_cards": {
                    "chat_page": summary(page_times),
                    "widget": summary(widget_times),
                },
                "conversation": CONVERSATION,
                "rounds": args.rounds,
            }
        )
    )


if __name__ == "__main__":
    main()
