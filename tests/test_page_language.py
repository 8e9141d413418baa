# ruff: noqa: RUF001  (Chinese words are written with full-width punctuation)
"""The chat page's and the widget's own words follow the shopper's browser (or `data-lang`)."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import gradio as gr
import pytest
from fastapi.testclient import TestClient

from assistant.app.identity import SignIn
from assistant.app.services import Services
from assistant.app.settings import Settings
from assistant.dialogue import replies
from assistant.store.cart import Cart, CartItem
from assistant.translation.speaking import _, speaking
from assistant.web.api import product_json
from assistant.web.app import LAUNCHER_WORDS_SLOT, build_api_app
from assistant.web.card_view import render_cards
from assistant.web.cart_view import render_cart
from assistant.web.page import _apply, build_ui, stream_reply
from assistant.web.shopper_language import accepted_language, chosen_language
from tests.conftest import Harness
from tests.test_ui import FakeAssistant, card

HAN = re.compile(r"[\u4e00-\u9fff]")


# --- choosing the language ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        ("es-419", "es"),
        ("fr-CA, en;q=0.5", "fr"),
        ("en-US,es;q=0.9", "en"),
        ("de-DE,fr;q=0.8,es;q=0.6", "fr"),  # the best the assistant speaks
        ("fr;q=0.4, es;q=0.7", "es"),
        ("de-DE,ja;q=0.9", "en"),
        ("zh;q=abc, es", "es"),  # a malformed weight counts for nothing
        ("", "en"),
        (None, "en"),
    ],
)
def test_the_browsers_preferred_language_among_those_spoken(
    header: str | None, language: str
) -> None:
    assert accepted_language(header) == language


def test_a_named_language_wins_over_the_browsers() -> None:
    assert chosen_language("fr", "zh-CN") == "fr"
    assert chosen_language("zh-Hans", "fr") == "zh"
    assert chosen_language("de", "zh-CN") == "en"  # named, but not spoken: English
    assert chosen_language(None, "zh-CN") == chosen_language("", "zh-CN") == "zh"


# --- the chat page -----------------------------------------------------------------------------


@pytest.fixture
def services(sessions) -> Services:
    return Services.over(FakeAssistant(), sessions, SignIn(demo=True))


def load_page(services: Services, accept_language: str) -> dict[str, object]:
    """What the page's load event shows a browser sending `accept_language`, by output."""
    demo = build_ui(services, [])
    (load,) = [f for f in demo.fns.values() if f.name == "open_session"]
    shown = load.fn(None, gr.Request(headers={"accept-language": accept_language}))
    names = ["chat", "session", "cart", "shopper", "header", "reset", "input", "send"]
    return dict(zip(names, shown, strict=True))


def test_the_page_loads_in_chinese_for_a_chinese_browser(services: Services) -> None:
    page = load_page(services, "zh-CN,zh;q=0.9,en;q=0.8")
    assert page["header"] == "# 购物助手\n告诉我您需要什么，我会为您展示店里合适的商品。"
    assert page["send"].value == "发送" and page["reset"].value == "重新开始"
    assert page["input"].placeholder == "例如：80美元以下的跑鞋，42码"
    assert page["chat"].placeholder.startswith("### 您想买点什么？\n")
    assert page["shopper"].label == "演示登录：当前购物身份"
    assert page["shopper"].choices[0] == ("访客", "")
    assert all(name.endswith("（演示）") for name, _handle in page["shopper"].choices[1:])
    assert "购物车" in page["cart"] and "购物车是空的" in page["cart"]


def test_the_page_loads_in_english_for_any_other_browser(services: Services) -> None:
    page = load_page(services, "de-DE,de;q=0.9")
    assert page["send"].value == "Send" and page["reset"].value == "Start over"
    assert page["input"].placeholder == "e.g. running shoes under $80, size 42"
    assert page["header"].startswith("# Shopping assistant\n")
    assert "Your cart <span>(0 items)</span>" in page["cart"]


def test_cards_and_cart_speak_the_pages_language() -> None:
    cards = [card(stock=3), card(product_id=2, stock=0, rating=None)]
    with speaking("zh"):
        chinese = render_cards(cards)
    assert "加入购物车" in chinese and "仅剩 3 件" in chinese and "缺货" in chinese
    assert "暂无评分" in chinese and "1,234 条评价" in chinese and "Add to cart" not in chinese
    with speaking("fr"):
        french = render_cards(cards)
    assert "Ajouter au panier" in french and "Plus que 3 en stock" in french
    assert "Trail shoe" in french  # the catalog's names stay as they are

    item = CartItem(7, "S", "Mug", None, Decimal("2.50"), "USD", 3, 9)
    with speaking("es"):
        spanish = render_cart(Cart((item,)))
    assert "Tu carrito <span>(3 artículos)</span>" in spanish and "Subtotal" in spanish
    assert 'aria-label="Uno más: Mug"' in spanish
    assert "Your cart <span>(3 items)</span>" in render_cart(Cart((item,)))


def test_a_reply_on_a_chinese_page_shows_chinese_cards(services: Services) -> None:
    session_id, _resumed = services.chat.open(None)
    *_, shown = stream_reply(services.chat, session_id, "running shoes", [], "zh")
    content = shown[-1]["content"]
    assert "加入购物车" in content and "Add to cart" not in content
    assert "Two shoes fit your budget." in content  # the reply follows the message's language


def test_the_pages_notices_speak_its_language(services: Services, add_products) -> None:
    (shoe,) = add_products({"name": "Trail shoe"})
    session_id, _resumed = services.chat.open(None)
    with speaking("fr"):
        added = _apply(services, session_id, "cart", shoe.id)
        removed = _apply(services, session_id, "remove", shoe.id)
    assert (added, removed) == ("Ajouté à votre panier : Trail shoe.", "Retiré de votre panier.")
    assert _apply(services, session_id, "like", shoe.id) == "Thanks, noted."


# --- the widget and the API ----------------------------------------------------------------------


@pytest.fixture
def client(demo_sessions) -> TestClient:
    services = Services.over(Harness(demo_sessions).manager, demo_sessions, SignIn(demo=True))
    return TestClient(build_api_app(services, Settings(), ["running shoes for men under $100"]))


def frame_config(client: TestClient, **request) -> tuple[str, dict]:
    response = client.get("/widget/frame", **request)
    assert response.status_code == 200
    config = json.loads(response.text.split('id="sa-config">')[1].split("</script>")[0])
    return response.text, config


def test_the_widget_frame_speaks_the_browsers_language(client: TestClient) -> None:
    page, config = frame_config(client, headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert '<html lang="zh">' in page and ">发送</button>" in page
    assert 'placeholder="问问任何商品…"' in page and ">重新开始</button>" in page
    with speaking("zh"):
        greeting = _(replies.GREETING)
    assert config["greeting"] == greeting and HAN.search(greeting)
    assert config["title"] == "购物助手" and config["lang"] == "zh"
    assert config["words"]["add_to_cart"] == "加入购物车"


def test_the_widgets_data_lang_wins(client: TestClient) -> None:
    page, config = frame_config(client, params={"lang": "fr"}, headers={"Accept-Language": "zh-CN"})
    assert '<html lang="fr">' in page and ">Envoyer</button>" in page
    assert config["words"]["add_to_cart"] == "Ajouter au panier"
    assert config["greeting"].startswith("Bonjour")
    assert config["examples"] == ["chaussures de running pour homme à moins de 100 dollars"]
    assert frame_config(client, params={"lang": "fr", "greeting": "Hej!"})[1]["greeting"] == "Hej!"


def test_the_widget_speaks_english_to_other_browsers(client: TestClient) -> None:
    for request in ({"headers": {"Accept-Language": "de-DE"}}, {"params": {"lang": "ja"}}):
        page, config = frame_config(client, **request)
        assert '<html lang="en">' in page and ">Send</button>" in page
        assert config["greeting"] == replies.GREETING and config["title"] == "Shopping assistant"
        assert config["words"]["add_to_cart"] == "Add to cart"


def test_the_snippet_carries_every_languages_button_words(client: TestClient) -> None:
    response = client.get("/widget/widget.js")
    script = response.text
    assert "charset=utf-8" in response.headers["content-type"]  # whatever the shop page's
    assert LAUNCHER_WORDS_SLOT not in script
    words = json.loads(script.split("const WORDS = ")[1].split(";\n")[0])
    assert words["zh"] == {"title": "购物助手", "open": "打开{title}", "close": "关闭{title}"}
    assert words["en"]["open"] == "Open {title}" and words["fr"]["close"] == "Fermer {title}"


def test_the_api_answers_in_the_language_the_widget_asks_for(client: TestClient) -> None:
    gone = client.get("/api/sessions/no-such-session", headers={"Accept-Language": "fr"})
    assert gone.status_code == 404 and gone.json()["detail"].startswith("Cette session")
    english = client.get("/api/sessions/no-such-session").json()["detail"]
    assert english == "This chat session has expired or never existed. Start a new one."

    session_id = client.post("/api/sessions", json={}).json()["session_id"]
    response = client.post(
        f"/api/sessions/{session_id}/messages",
        json={"text": "running shoes for men under $100"},
        headers={"Accept-Language": "zh-CN"},
    )
    products = json.loads(response.text.splitlines()[0])["products"]
    assert products and all(p["price_text"].startswith("US$") for p in products)
    with speaking("zh"):
        assert product_json(card(stock=2))["stock_text"] == "仅剩 2 件"
