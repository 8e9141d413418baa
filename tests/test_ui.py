"""The web front end without a model: card HTML, the chat handler, the page, the CLI flags."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import gradio as gr
import pytest
from sqlalchemy import select

from assistant.app.identity import SignIn
from assistant.app.services import Services
from assistant.dialogue.state import Conversation, ShopperSaid
from assistant.dialogue.turns import TurnUpdate
from assistant.facts.cards import ProductCard
from assistant.store.cart import Cart, CartItem
from assistant.store.feedback import GivenFeedback
from assistant.web.card_view import render_cards
from assistant.web.cart_view import render_cart
from assistant.web.page import (
    CART_ACTIONS,
    EXPIRED,
    SORRY,
    PageAction,
    _apply,
    build_ui,
    chat_history,
    message_thumbs,
    stream_reply,
    user_markdown,
)
from catalog.models import Interaction, InteractionKind
from launch import parse_settings

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3"/></svg>'


def card(**fields) -> ProductCard:
    values = {
        "product_id": 1, "sku": "SKU-1", "name": "Trail shoe", "brand": "Stride",
        "price": Decimal("89.99"), "currency": "USD", "rating": 4.4, "review_count": 1234,
        "stock": 42, "image": None, "reason": "Waterproof, under $100",
        **fields,
    }  # fmt: skip
    return ProductCard(**values)


class FakeAssistant:
    """Yields the cards alone, then the cards with text; or raises when asked to."""

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.messages: list[str] = []

    def new_conversation(self) -> Conversation:
        return Conversation()

    def respond(self, conversation: Conversation, message: str) -> Iterator[TurnUpdate]:
        self.messages.append(message)
        if self.fail:
            raise RuntimeError("database is down")
        conversation.record(ShopperSaid(message))
        cards = (card(), card(product_id=2, name="Road shoe", stock=0))
        yield TurnUpdate(cards, "", False)
        yield TurnUpdate(cards, "Two shoes fit your budget.", True)


@pytest.fixture
def services(sessions) -> Services:
    return Services.over(FakeAssistant(), sessions, SignIn(demo=True))


# --- cards -------------------------------------------------------------------------------------


def test_card_html_escapes_hostile_text() -> None:
    html = render_cards(
        [
            card(
                name='<script>alert(1)</script> & "Quote\'s"',
                brand="<b>x</b>",
                reason="<img src=x onerror=alert(1)>",
            )
        ]
    )
    assert "<script>" not in html and "<b>x</b>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Quote&#x27;s&quot;" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "\n" not in html  # one raw HTML block for the Markdown renderer


def test_card_html_formats_price_rating_and_stock() -> None:
    html = render_cards([
        card(),
        card(price=Decimal("1299"), currency="INR", stock=3, rating=None, review_count=0),
        card(stock=0),
    ])  # fmt: skip
    assert "$89.99" in html and "₹1,299.00" in html
    assert "4.4 (1,234)" in html and "No ratings yet" in html
    assert "Only 3 left" in html and "Out of stock" in html
    assert html.count('class="pc-card"') == 3
    assert html.index("$89.99") < html.index("₹1,299.00")


def test_no_cards_render_nothing() -> None:
    assert render_cards([]) == ""


def test_missing_image_file_is_tolerated(tmp_path: Path) -> None:
    html = render_cards([card(image=str(tmp_path / "gone.png"))])
    assert "<img" not in html and 'class="pc-noimg"' in html


def test_local_svg_becomes_data_uri_and_urls_pass_through(tmp_path: Path) -> None:
    svg = tmp_path / "shoe.svg"
    svg.write_text(SVG)
    html = render_cards([card(image=str(svg)), card(image="https://shop.example/a.jpg?x=1&y=2")])
    assert 'src="data:image/svg+xml;base64,' in html
    assert 'src="https://shop.example/a.jpg?x=1&amp;y=2"' in html


def test_relative_or_odd_image_values_show_no_image() -> None:
    html = render_cards([card(image="javascript:alert(1)"), card(image="images/a.svg")])
    assert "<img" not in html


# --- the chat handler ----------------------------------------------------------------------------


def test_stream_reply_shows_cards_before_text(services: Services) -> None:
    session_id, _ = services.chat.open(None)
    steps = list(stream_reply(services.chat, session_id, "running shoes", []))

    assert steps[0] == [{"role": "user", "content": "running shoes"}]
    cards_only = steps[1][-1]
    assert cards_only["role"] == "assistant" and 'class="pc-grid"' in cards_only["content"]
    assert "Two shoes" not in cards_only["content"]
    content = steps[-1][-1]["content"]
    assert content.index('class="pc-grid"') < content.index("Two shoes fit your budget.")
    assert [m["role"] for m in steps[-1]] == ["user", "assistant"]


def test_a_reloaded_page_shows_the_same_chat(services: Services) -> None:
    session_id, _ = services.chat.open(None)
    *_, shown = stream_reply(services.chat, session_id, "shoes", [])
    *_, shown = stream_reply(services.chat, session_id, "cheaper", shown)
    assert chat_history(services.chat.messages(session_id)) == shown
    assert [m["role"] for m in shown] == ["user", "assistant", "user", "assistant"]


def test_stream_reply_shows_a_friendly_error_and_logs_it(
    sessions, caplog: pytest.LogCaptureFixture
) -> None:
    chat = Services.over(FakeAssistant(fail=True), sessions).chat
    session_id, _ = chat.open(None)
    with caplog.at_level(logging.ERROR, logger="assistant.history.chat"):
        steps = list(stream_reply(chat, session_id, "shoes", []))
    assert steps[-1][-1] == {"role": "assistant", "content": SORRY}
    [record] = caplog.records
    assert record.exc_info is not None and "database is down" in str(record.exc_info[1])


def test_stream_reply_ignores_blank_messages(services: Services) -> None:
    session_id, _ = services.chat.open(None)
    assert list(stream_reply(services.chat, session_id, "   ", [])) == [[]]
    assert services.chat.messages(session_id) == []


def test_an_expired_session_says_so(services: Services) -> None:
    *_, shown = stream_reply(services.chat, "gone-session-id-0000", "shoes", [])
    assert shown[-1] == {"role": "assistant", "content": EXPIRED}


def test_a_reloaded_chat_shows_the_thumbs_given(services: Services) -> None:
    session_id, _ = services.chat.open(None)
    list(stream_reply(services.chat, session_id, "shoes", []))
    list(stream_reply(services.chat, session_id, "cheaper", []))
    messages = services.chat.messages(session_id)
    given = GivenFeedback(messages={3: False}, products={2: True})
    assert message_thumbs(messages, given) == [None, "Dislike"]
    shown = chat_history(messages, given)[1]["content"]
    assert 'class="pc-thumb pc-on" value="like:2"' in shown
    assert 'class="pc-thumb" value="dislike:2"' in shown
    assert 'class="pc-thumb" value="like:1"' in shown


def test_a_click_on_a_cards_name_is_stored_as_a_click(
    services: Services, sessions, add_products
) -> None:
    (shoe,) = add_products({"name": "Trail shoe"})
    session_id, _ = services.chat.open(None)
    assert _apply(services, session_id, "click", shoe.id) == ""
    with sessions() as db:
        kinds = db.scalars(
            select(Interaction.kind).where(
                Interaction.chat_session_id == session_id, Interaction.product_id == shoe.id
            )
        ).all()
    assert kinds == [InteractionKind.CLICK]
    assert "click" in CART_ACTIONS  # the page's actions the server accepts


def test_a_page_action_reads_what_the_bridge_sent() -> None:
    sent = {"action": "cart", "product": 7}
    action = PageAction(None, sent)
    assert (action.action, action.product, action.sent) == ("cart", 7, sent)
    for malformed in (None, "cart:7", {"action": 3, "product": "7"}, {}):
        ignored = PageAction(None, malformed)
        assert (ignored.action, ignored.product, ignored.sent) == (None, None, malformed)


def test_cart_panel_escapes_names_and_shows_the_subtotal() -> None:
    item = CartItem(7, "S", "<b>Mug</b> ${x}", None, Decimal("2.50"), "USD", 3, 9)
    html = render_cart(Cart((item,)), notice="Added <i>it</i>")
    assert "<b>Mug" not in html and "&lt;b&gt;Mug&lt;/b&gt; &#36;{x}" in html
    assert "Added &lt;i&gt;it&lt;/i&gt;" in html and "&#36;7.50" in html
    assert 'value="increase:7"' in html and 'value="decrease:7"' in html
    assert "Your cart is empty" in render_cart(Cart(()))


def test_user_message_is_shown_as_text_not_markup() -> None:
    shown = user_markdown('<b>bold</b> *shoes* & "socks" $5')
    assert "<b>" not in shown and "&lt;b&gt;" in shown and "&amp;" in shown
    assert r"\*shoes\*" in shown and r"\$5" in shown


def test_a_typed_web_address_is_not_turned_into_a_link() -> None:
    shown = user_markdown("is https://evil.example/x or www.evil.example safe?")
    assert "https://" not in shown and "www.evil" not in shown  # no autolink can start


def test_build_ui_builds_a_page(services: Services) -> None:
    demo = build_ui(services, ["Running shoes under $100"])
    assert isinstance(demo, gr.Blocks)
    chatbots = [b for b in demo.blocks.values() if isinstance(b, gr.Chatbot)]
    assert len(chatbots) == 1 and chatbots[0].examples == [{"text": "Running shoes under $100"}]


@pytest.mark.parametrize("demo_mode", [True, False])
def test_the_demo_sign_in_shows_only_in_demo_mode(demo_sessions, demo_mode: bool) -> None:
    services = Services.over(FakeAssistant(), demo_sessions, SignIn(demo=demo_mode))
    page = build_ui(services, [])
    (picker,) = [b for b in page.blocks.values() if isinstance(b, gr.Dropdown)]
    assert picker.visible is demo_mode and picker.label.startswith("Demo sign-in")
    assert (len(picker.choices) > 1) is demo_mode  # Guest only, outside demo mode


# --- command line --------------------------------------------------------------------------------


def test_parse_settings_maps_flags(tmp_path: Path) -> None:
    settings = parse_settings([
        "--host", "0.0.0.0", "--port", "8080", "--database-url", "sqlite:///x.db",
        "--model", str(tmp_path), "--device", "cpu", "--data-dir", str(tmp_path),
        "--no-demo-catalog",
    ])  # fmt: skip
    assert (settings.host, settings.port, settings.database_url) == (
        "0.0.0.0",
        8080,
        "sqlite:///x.db",
    )
    assert (settings.model, settings.device) == (str(tmp_path), "cpu")
    assert settings.data_dir == tmp_path and settings.load_demo_catalog is False
    assert settings.demo_sign_in is False  # anyone-is-anyone only when asked for
    assert parse_settings(["--demo-sign-in"]).demo_sign_in is True


def test_widget_flags(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_ALLOWED_ORIGINS", "https://a.example/, https://b.example")
    assert parse_settings([]).allowed_origins == ["https://a.example", "https://b.example"]
    settings = parse_settings([
        "--allowed-origin", "https://shop.example", "--allowed-origin", "http://localhost:3000",
        "--widget-title", "Ask us", "--widget-colour", "#0f766e", "--widget-greeting", "Hej",
    ])  # fmt: skip
    assert settings.allowed_origins == ["https://shop.example", "http://localhost:3000"]
    assert (settings.widget_title, settings.widget_colour, settings.widget_greeting) == (
        "Ask us",
        "#0f766e",
        "Hej",
    )
    with pytest.raises(SystemExit):
        parse_settings(["--widget-colour", "red"])


def test_flags_not_given_keep_environment_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_PORT", "9001")
    monkeypatch.setenv("ASSISTANT_DEVICE", "cuda")
    settings = parse_settings(["--device", "cpu"])
    assert settings.port == 9001 and settings.device == "cpu"


def test_bad_flag_values_exit_with_usage(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_PORT", "not-a-number")
    with pytest.raises(SystemExit) as exit_info:
        parse_settings([])
    assert exit_info.value.code == 2
