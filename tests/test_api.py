"""The HTTP API and the widget's routes, over the demo catalog with the fake models."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from assistant.app.identity import SignIn
from assistant.app.services import Services
from assistant.app.settings import Settings
from assistant.history.chat import BUSY, ChatService
from assistant.history.sessions import SessionStore
from assistant.store.cart import CartService
from assistant.store.feedback import FeedbackRecorder
from assistant.web.app import build_api_app
from assistant.web.origins import REFUSED
from catalog.models import Interaction, InteractionKind, Product
from tests.conftest import Harness

SHOP = "https://shop.example"


@pytest.fixture
def client(demo_sessions) -> TestClient:
    services = Services.over(Harness(demo_sessions).manager, demo_sessions, SignIn(demo=True))
    return TestClient(build_api_app(services, Settings(allowed_origins=[SHOP])))


def open_session(client: TestClient, session_id: str | None = None) -> dict:
    response = client.post("/api/sessions", json={"session_id": session_id})
    assert response.status_code == 200, response.text
    return response.json()


def say(client: TestClient, session_id: str, text: str) -> list[dict]:
    response = client.post(f"/api/sessions/{session_id}/messages", json={"text": text})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/x-ndjson")
    return [json.loads(line) for line in response.text.splitlines()]


def test_a_turn_streams_products_then_text_then_the_stored_message(client, demo_sessions) -> None:
    session = open_session(client)
    assert not session["resumed"] and session["messages"] == [] and session["cart"]["items"] == []
    lines = say(client, session["session_id"], "running shoes for men under $100")
    kinds = [line["type"] for line in lines]
    assert kinds[0] == "products" and kinds[-1] == "done" and "text" in kinds
    products = lines[0]["products"]
    assert products and all(Decimal(p["price"]) <= 100 for p in products)
    with demo_sessions() as db:
        for product in products:
            row = db.get(Product, product["id"])
            assert (row.name, row.price) == (product["name"], Decimal(product["price"]))
            assert product["price_text"] == f"${row.price:,.2f}"
    assert products[0]["image"].startswith("data:image/svg+xml;base64,")
    done = lines[-1]["message"]
    assert done["role"] == "assistant" and done["position"] == 1 and done["products"] == products
    assert done["text"] == [line for line in lines if line["type"] == "text"][-1]["text"]


def test_a_turn_that_changes_the_cart_ends_with_the_new_cart(client) -> None:
    session_id = open_session(client)["session_id"]
    shown = say(client, session_id, "running shoes for men under $100")[0]["products"]
    done = say(client, session_id, "add the second one to my cart")[-1]
    assert done["type"] == "done" and done["message"]["text"].startswith("Added")
    assert [(i["product_id"], i["quantity"]) for i in done["cart"]["items"]] == [
        (shown[1]["id"], 1)
    ]
    assert client.get(f"/api/sessions/{session_id}/cart").json() == done["cart"]


def test_sessions_resume_and_stay_apart(client) -> None:
    mine, theirs = open_session(client), open_session(client)
    say(client, mine["session_id"], "running shoes for men under $100")
    resumed = open_session(client, mine["session_id"])
    assert resumed["resumed"] and [m["role"] for m in resumed["messages"]] == ["user", "assistant"]
    assert client.get(f"/api/sessions/{theirs['session_id']}").json()["messages"] == []


def test_an_unknown_session_is_a_friendly_404(client) -> None:
    response = client.post("/api/sessions/no-such-session-0000/messages", json={"text": "hi"})
    assert response.status_code == 404 and "Start a new one" in response.json()["detail"]
    assert open_session(client, "no-such-session-0000")["resumed"] is False


def test_cart_through_the_api(client) -> None:
    session_id = open_session(client)["session_id"]
    products = say(client, session_id, "running shoes for men under $100")[0]["products"]
    first = products[0]
    cart = client.post(
        f"/api/sessions/{session_id}/cart", json={"product_id": first["id"], "quantity": 2}
    ).json()
    assert cart["item_count"] == 2 and Decimal(cart["subtotal"]) == 2 * Decimal(first["price"])
    refused = client.put(
        f"/api/sessions/{session_id}/cart",
        json={"product_id": first["id"], "quantity": first["stock"] + 1},
    )
    assert refused.status_code == 409 and "left in stock" in refused.json()["detail"]
    emptied = client.put(
        f"/api/sessions/{session_id}/cart", json={"product_id": first["id"], "quantity": 0}
    ).json()
    assert emptied["items"] == [] and emptied["subtotal"] == "0.00"


def test_feedback_is_stored_with_the_signed_in_shopper(client, demo_sessions) -> None:
    session_id = open_session(client)["session_id"]
    product = say(client, session_id, "running shoes for men under $100")[0]["products"][0]
    handle = client.get("/api/shoppers").json()[0]["handle"]
    assert (
        client.put(f"/api/sessions/{session_id}/shopper", json={"handle": handle}).json()[
            "shopper"
        ]["handle"]
        == handle
    )
    url = f"/api/sessions/{session_id}/feedback"
    assert client.post(url, json={"liked": True, "product_id": product["id"]}).status_code == 201
    assert client.post(url, json={"liked": False, "message_position": 1}).status_code == 201
    both = client.post(url, json={"liked": True, "product_id": 1, "message_position": 1})
    assert both.status_code == 422 and "either" in both.json()["detail"]
    with demo_sessions() as db:
        rows = db.scalars(
            select(Interaction)
            .where(Interaction.chat_session_id == session_id)
            .order_by(Interaction.id)
        ).all()
    assert [(r.product_id, r.message_position) for r in rows] == [(product["id"], None), (None, 1)]
    shown = client.get(f"/api/sessions/{session_id}").json()["feedback"]
    assert shown == {"messages": {"1": False}, "products": {str(product["id"]): True}}
    assert all(r.shopper_id is not None for r in rows)


def test_a_click_on_a_product_is_stored_as_a_click(client, demo_sessions) -> None:
    session_id = open_session(client)["session_id"]
    product = say(client, session_id, "running shoes for men under $100")[0]["products"][0]
    url = f"/api/sessions/{session_id}/clicks"
    assert client.post(url, json={"product_id": product["id"]}).status_code == 201
    assert client.post(url, json={"product_id": 10**9}).status_code == 422
    with demo_sessions() as db:
        rows = db.execute(
            select(Interaction.product_id, Interaction.kind).where(
                Interaction.chat_session_id == session_id
            )
        ).all()
    assert rows == [(product["id"], InteractionKind.CLICK)]
    assert client.get(f"/api/sessions/{session_id}").json()["feedback"]["products"] == {}


def test_other_origins_are_refused_and_allowed_ones_get_cors(client) -> None:
    refused = client.post("/api/sessions", json={}, headers={"Origin": "https://evil.example"})
    assert refused.status_code == 403 and refused.json()["detail"] == REFUSED
    allowed = client.post("/api/sessions", json={}, headers={"Origin": SHOP})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == SHOP
    preflight = client.options(
        "/api/sessions", headers={"Origin": SHOP, "Access-Control-Request-Method": "POST"}
    )
    assert (
        preflight.status_code == 204 and "POST" in preflight.headers["access-control-allow-methods"]
    )
    for own_site in ("http://testserver", "https://testserver"):  # https: behind a TLS proxy
        own = client.post("/api/sessions", json={}, headers={"Origin": own_site})
        assert own.status_code == 200 and "access-control-allow-origin" not in own.headers
    lookalike = client.post("/api/sessions", json={}, headers={"Origin": "http://testserver.evil"})
    assert lookalike.status_code == 403


def test_the_widget_frame_is_configurable_and_only_framed_by_allowed_sites(client) -> None:
    response = client.get(
        "/widget/frame",
        params={
            "title": "</script><script>alert(1)</script>",
            "colour": "red;}",
            "greeting": "Hej!",
        },
    )
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert f"frame-ancestors 'self' {SHOP}" in csp and "script-src 'self'" in csp
    assert "<script>alert(1)" not in response.text
    config = json.loads(response.text.split('id="sa-config">')[1].split("</script>")[0])
    assert config["title"] == "</script><script>alert(1)</script>"
    assert config["colour"] == Settings().widget_colour and config["greeting"] == "Hej!"
    assert client.get("/widget/widget.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/widget/frame.html").status_code == 404  # only the listed files
    assert 'src="/widget/widget.js"' in client.get("/store").text


def test_a_busy_session_says_so_and_stores_nothing(demo_sessions) -> None:
    store = SessionStore(demo_sessions)
    chat = ChatService(Harness(demo_sessions).manager, store, busy_timeout_s=0.05)
    services = Services(chat, CartService(demo_sessions), FeedbackRecorder(demo_sessions))
    client = TestClient(build_api_app(services, Settings()))
    session_id = open_session(client)["session_id"]
    other_window = chat.send(session_id, "running shoes for men under $100")
    next(other_window)  # a turn is under way in another window
    lines = say(client, session_id, "in black")
    assert [line["type"] for line in lines] == ["text", "done"]
    assert lines[-1]["message"] == {
        "position": None,
        "role": "assistant",
        "text": BUSY,
        "products": [],
    }
    other_window.close()
    assert [m.text for m in chat.messages(session_id) if m.role == "user"] == [
        "running shoes for men under $100"
    ]
