"""Who the customer is: tokens signed by the shop, and demo sign-in only in demo mode."""

import json

import pytest
from fastapi.testclient import TestClient
from itsdangerous import TimestampSigner

from assistant.app.identity import CustomerTokens, InvalidCustomerToken, SignIn
from assistant.app.services import Services
from assistant.app.settings import Settings
from assistant.web.app import build_api_app
from tests.conftest import Harness

SECRET = "a secret the shop and the assistant share"
TOKENS = CustomerTokens(SECRET, max_age_s=600)


def test_a_minted_token_names_its_customer() -> None:
    assert TOKENS.verify(TOKENS.mint("alex")) == "alex"


@pytest.mark.parametrize(
    "token",
    [
        CustomerTokens("another shop's secret").mint("alex"),
        TOKENS.mint("alex")[:-2] + "xx",
        "alex",
        "",
    ],
)
def test_a_forged_or_mangled_token_is_refused(token: str) -> None:
    with pytest.raises(InvalidCustomerToken, match="could not be verified"):
        TOKENS.verify(token)


def test_an_expired_token_is_refused(monkeypatch) -> None:
    now = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: now(self) - 601)
    old = TOKENS.mint("alex")
    monkeypatch.undo()
    with pytest.raises(InvalidCustomerToken, match="expired"):
        TOKENS.verify(old)


def test_without_a_secret_no_token_is_accepted() -> None:
    with pytest.raises(InvalidCustomerToken, match="does not accept"):
        CustomerTokens(None).verify(TOKENS.mint("alex"))


def test_settings_give_the_secret_and_the_demo_switch() -> None:
    sign_in = SignIn.from_settings(Settings(customer_token_secret=SECRET, demo_sign_in=True))
    assert sign_in.demo and sign_in.tokens.verify(TOKENS.mint("sam")) == "sam"
    assert not SignIn.from_settings(Settings()).demo


# --- over the API ------------------------------------------------------------------------------


def client_for(demo_sessions, *, demo: bool) -> TestClient:
    services = Services.over(Harness(demo_sessions).manager, demo_sessions, SignIn(TOKENS, demo))
    return TestClient(build_api_app(services, Settings()))


@pytest.fixture
def shop(demo_sessions) -> TestClient:
    return client_for(demo_sessions, demo=False)


def open_session(client: TestClient, **body) -> dict:
    response = client.post("/api/sessions", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def reply(client: TestClient, session_id: str, text: str) -> str:
    response = client.post(f"/api/sessions/{session_id}/messages", json={"text": text})
    lines = [json.loads(line) for line in response.text.splitlines()]
    return lines[-1]["message"]["text"]


def test_a_token_signs_the_session_in_and_shows_only_that_customers_orders(shop) -> None:
    session = open_session(shop, customer_token=TOKENS.mint("alex"))
    assert session["shopper"]["handle"] == "alex" and session["demo_sign_in"] is False
    sid = session["session_id"]
    assert "SA-885064" in reply(shop, sid, "where is my order SA-885064?")
    priyas = reply(shop, sid, "where is my order SA-375054?")
    assert "SA-375054" not in priyas or "couldn't find" in priyas.lower()


def test_without_a_token_the_session_is_a_guest_with_no_orders(shop) -> None:
    session = open_session(shop, customer_token=TOKENS.mint("alex"))
    again = open_session(shop, session_id=session["session_id"])  # signed out of the shop
    assert again["resumed"] and again["shopper"] is None
    text = reply(shop, again["session_id"], "where is my order SA-885064?")
    assert "SA-885064" not in text or "sign" in text.lower()


@pytest.mark.parametrize(
    ("token", "says"),
    [
        (CustomerTokens("forged").mint("alex"), "could not be verified"),
        (TOKENS.mint("nobody-here"), "no such customer"),
    ],
)
def test_a_bad_token_is_a_401_that_says_why(shop, token: str, says: str) -> None:
    response = shop.post("/api/sessions", json={"customer_token": token})
    assert response.status_code == 401 and says in response.text


def test_outside_demo_mode_no_one_may_pick_a_demo_shopper(shop) -> None:
    sid = open_session(shop)["session_id"]
    assert shop.get("/api/shoppers").json() == []
    response = shop.put(f"/api/sessions/{sid}/shopper", json={"handle": "alex"})
    assert response.status_code == 403 and "demo shopper is turned off" in response.text
    assert shop.get(f"/api/sessions/{sid}").json()["shopper"] is None


def test_in_demo_mode_a_demo_shopper_may_be_picked_and_kept(demo_sessions) -> None:
    demo = client_for(demo_sessions, demo=True)
    session = open_session(demo)
    assert session["demo_sign_in"] is True and demo.get("/api/shoppers").json()
    sid = session["session_id"]
    chosen = demo.put(f"/api/sessions/{sid}/shopper", json={"handle": "sam"})
    assert chosen.json()["shopper"]["handle"] == "sam"
    assert open_session(demo, session_id=sid)["shopper"]["handle"] == "sam"
