"""The HTTP API for other front ends (the widget is one): sessions, streamed turns, cart, thumbs,
clicks.

Every route is under `/api`. A turn streams as newline-delimited JSON (`application/x-ndjson`):
a `products` line as soon as the cards are known, `text` lines with the reply so far, and a
final `done` line with the stored message. Errors are JSON `{"error": {"code": ..., "message":
...}, "detail": ...}` written for people (`assistant.web.errors`); request bodies are strict
(whole numbers and booleans only where the model says so, bounded, text cleaned of what no
database can store). The README has examples. Words for people (errors, stock labels, prices)
are in the language of the request's `Accept-Language`, which the widget sets to its own.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Generator
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, BeforeValidator, Field, StrictBool, StrictInt

from assistant.app.identity import InvalidCustomerToken
from assistant.app.services import Services
from assistant.facts.cards import ProductCard
from assistant.facts.money import format_price
from assistant.history.sessions import ShopperInfo, StoredMessage, UnknownShopper
from assistant.store.cart import MAX_QUANTITY, Cart, CartError
from assistant.store.chat_session import UnknownSession
from assistant.store.feedback import FeedbackError
from assistant.translation.speaking import N_, SOURCE, _, speaking
from assistant.web.card_view import image_src, stock_label
from assistant.web.errors import (
    UNEXPECTED,
    add_generic_error_handlers,
    error_body,
    error_response,
    readable,
    spoken_in,
)
from assistant.web.metrics import HTTP_ERRORS
from assistant.web.shopper_language import translated

log = logging.getLogger(__name__)

TURN_ROUTE = "/api/sessions/{session_id}/messages"  # its label in the error metrics
MAX_MESSAGE_CHARS = 100_000  # longer bodies are refused; the assistant's own limit is lower
EXPIRED = N_("This chat session has expired or never existed. Start a new one.")
NO_SUCH_SHOPPER = N_("There is no such demo shopper.")
NO_SUCH_CUSTOMER = N_("The shop knows no such customer.")
MAX_ID = 2**63 - 1  # the largest id a database integer column holds


def clean_text(value: object) -> object:
    """Text every database can store: lone surrogates become U+FFFD, NUL characters go
    (anything but text is left for the model's own check to refuse)."""
    return readable(value).replace("\x00", "") if isinstance(value, str) else value


CleanText = Annotated[str, BeforeValidator(clean_text)]
ProductId = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]


class DemoSignInOff(Exception):
    """Signing in as a demo shopper was asked for, and demo mode is off."""

    MESSAGE = N_("Signing in as a demo shopper is turned off; the shop signs its customers in.")


class OpenSession(BaseModel):
    session_id: CleanText | None = Field(
        default=None, max_length=64, description="Resume this session if it exists."
    )
    customer_token: CleanText | None = Field(
        default=None,
        max_length=4096,
        description="Sign the session in as the customer this token, signed by the shop, names.",
    )


class NewMessage(BaseModel):
    text: CleanText = Field(max_length=MAX_MESSAGE_CHARS)


class Feedback(BaseModel):
    liked: StrictBool
    message_position: Annotated[StrictInt, Field(ge=0, le=MAX_ID)] | None = None
    product_id: ProductId | None = None


class Click(BaseModel):
    product_id: ProductId


class CartChange(BaseModel):
    product_id: ProductId
    quantity: Annotated[StrictInt, Field(ge=0, le=MAX_QUANTITY)] = 1


class ShopperChoice(BaseModel):
    handle: CleanText | None = Field(
        max_length=64, description="A demo shopper's handle; null signs out."
    )


# --- JSON shapes ------------------------------------------------------------------------------


def product_json(card: ProductCard) -> dict[str, Any]:
    return {
        "id": card.product_id, "sku": card.sku, "name": card.name, "brand": card.brand,
        "price": str(card.price), "currency": card.currency,
        "price_text": format_price(card.price, card.currency),
        "rating": card.rating, "review_count": card.review_count, "stock": card.stock,
        "stock_text": stock_label(card.stock), "image": image_src(card.image),
        "reason": card.reason,
    }  # fmt: skip


def message_json(message: StoredMessage) -> dict[str, Any]:
    return {
        "position": message.position,
        "role": message.role,
        "text": message.text,
        "products": [product_json(card) for card in message.cards],
    }


def cart_json(cart: Cart) -> dict[str, Any]:
    return {
        "items": [{
            "product_id": item.product_id, "sku": item.sku, "name": item.name,
            "brand": item.brand, "unit_price": str(item.unit_price), "quantity": item.quantity,
            "line_total": str(item.line_total),
            "line_total_text": format_price(item.line_total, item.currency),
            "stock": item.stock,
        } for item in cart.items],
        "item_count": cart.item_count, "subtotal": str(cart.subtotal),
        "subtotal_text": cart.subtotal_text, "currency": cart.currency,
    }  # fmt: skip


def shopper_json(shopper: ShopperInfo | None) -> dict[str, str] | None:
    return {"handle": shopper.handle, "name": shopper.name} if shopper else None


def session_json(services: Services, session_id: str, resumed: bool) -> dict[str, Any]:
    chat, given = services.chat, services.feedback.given(session_id)
    return {
        "session_id": session_id, "resumed": resumed,
        "shopper": shopper_json(chat.shopper(session_id)),
        "demo_sign_in": services.sign_in.demo,
        "messages": [message_json(m) for m in chat.messages(session_id)],
        "cart": cart_json(services.cart.view(session_id)),
        "feedback": {"messages": {str(k): v for k, v in given.messages.items()},
                     "products": {str(k): v for k, v in given.products.items()}},
    }  # fmt: skip


def turn_lines(
    services: Services, session_id: str, text: str, language: str = SOURCE
) -> Generator[bytes, None, None]:
    """The NDJSON lines of one streamed turn (blocking: run it on `services.turns`); a turn
    that fails before its `done` line ends with an `error` line instead of a cut stream.
    Stock labels, prices and the error are in the page's `language`; the reply is in the
    language of the shopper's message."""
    try:
        yield from _turn_events(services, session_id, text, language)
    except Exception:
        log.exception("A turn's stream failed before its end")
        HTTP_ERRORS.labels(TURN_ROUTE, "POST", "stream_error").inc()
        with speaking(language):
            failed = error_body(500, _(UNEXPECTED), "turn_failed")
        yield _line({"type": "error", **failed})


def _turn_events(
    services: Services, session_id: str, text: str, language: str
) -> Generator[bytes, None, None]:
    cards: tuple[ProductCard, ...] = ()
    said = ""
    for update in services.chat.send(session_id, text):
        if update.cards != cards:
            cards = update.cards
            with speaking(language):
                products = [product_json(c) for c in cards]
            yield _line({"type": "products", "products": products})
        if update.text != said:
            said = update.text
            yield _line({"type": "text", "text": said})
    last = services.chat.messages(session_id)[-1:]
    with speaking(language):
        cart = cart_json(services.cart.view(session_id))  # the turn may have changed it
        if last and (last[0].role, last[0].text, last[0].cards) == ("assistant", said, cards):
            message = message_json(last[0])
        else:  # not stored (the session was busy with another turn): no position to rate
            unstored = StoredMessage(-1, "assistant", said, cards)
            message = {**message_json(unstored), "position": None}
    yield _line({"type": "done", "message": message, "cart": cart})


def _line(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")


# --- routes -----------------------------------------------------------------------------------


def api_router(services: Services) -> APIRouter:
    router = APIRouter(prefix="/api")
    chat, cart, feedback = services.chat, services.cart, services.feedback

    def sign_in_as(session_id: str, token: str | None) -> None:
        """The token's customer; without one, a guest (demo mode keeps the demo shopper).

        The host page presents the token on every load, so a customer who signed out of the
        shop is signed out here too.
        """
        if token is None:
            if not services.sign_in.demo:
                chat.set_shopper(session_id, None)
            return
        handle = services.sign_in.tokens.verify(token)
        try:
            chat.set_shopper(session_id, handle)
        except UnknownShopper as error:
            raise InvalidCustomerToken(NO_SUCH_CUSTOMER) from error

    @router.post("/sessions")
    def open_session(body: OpenSession, request: Request) -> dict[str, Any]:
        """Resume the given session, or start a new one (also when the id is unknown)."""
        session_id, resumed = chat.open(body.session_id)
        sign_in_as(session_id, body.customer_token)
        with speaking(spoken_in(request)):
            return session_json(services, session_id, resumed)

    @router.get("/sessions/{session_id}")
    def get_session(session_id: str, request: Request) -> dict[str, Any]:
        with speaking(spoken_in(request)):
            return session_json(services, session_id, True)

    @router.post("/sessions/{session_id}/messages")
    def send_message(session_id: str, body: NewMessage, request: Request) -> StreamingResponse:
        """One turn, streamed from a turn thread (never the server's shared worker pool)."""
        chat.require(session_id)  # an unknown session is a 404 before streaming starts
        language = spoken_in(request)
        lines = services.turns.stream(
            lambda: turn_lines(services, session_id, body.text, language), session_id
        )
        return StreamingResponse(lines, media_type="application/x-ndjson")

    @router.post("/sessions/{session_id}/start-over")
    def start_over(session_id: str, request: Request) -> dict[str, Any]:
        chat.start_over(session_id)
        with speaking(spoken_in(request)):
            return session_json(services, session_id, True)

    @router.post("/sessions/{session_id}/feedback", status_code=201)
    def give_feedback(session_id: str, body: Feedback) -> dict[str, bool]:
        if (body.product_id is None) == (body.message_position is None):
            raise FeedbackError("Rate either a message or a product.")
        if body.product_id is not None:
            feedback.on_product(session_id, body.product_id, body.liked)
        else:
            assert body.message_position is not None
            feedback.on_message(session_id, body.message_position, body.liked)
        return {"recorded": True}

    @router.post("/sessions/{session_id}/clicks", status_code=201)
    def record_click(session_id: str, body: Click) -> dict[str, bool]:
        """The shopper opened a product card (its name or picture)."""
        feedback.on_click(session_id, body.product_id)
        return {"recorded": True}

    @router.get("/sessions/{session_id}/cart")
    def get_cart(session_id: str, request: Request) -> dict[str, Any]:
        with speaking(spoken_in(request)):
            return cart_json(cart.view(session_id))

    @router.post("/sessions/{session_id}/cart")
    def add_to_cart(session_id: str, body: CartChange, request: Request) -> dict[str, Any]:
        changed = cart.add(session_id, body.product_id, body.quantity)
        with speaking(spoken_in(request)):
            return cart_json(changed)

    @router.put("/sessions/{session_id}/cart")
    def set_cart_quantity(session_id: str, body: CartChange, request: Request) -> dict[str, Any]:
        changed = cart.set_quantity(session_id, body.product_id, body.quantity)
        with speaking(spoken_in(request)):
            return cart_json(changed)

    @router.put("/sessions/{session_id}/shopper")
    def choose_shopper(session_id: str, body: ShopperChoice) -> dict[str, Any]:
        """Demo mode only: sign in as any demo shopper (a real customer signs in by token)."""
        if not services.sign_in.demo and body.handle is not None:
            raise DemoSignInOff()
        return {"shopper": shopper_json(chat.set_shopper(session_id, body.handle))}

    @router.get("/shoppers")
    def demo_shoppers() -> list[dict[str, str] | None]:
        """The demo shoppers one may sign in as: none unless in demo mode."""
        shoppers = chat.demo_shoppers() if services.sign_in.demo else []
        return [shopper_json(s) for s in shoppers]

    return router


def add_error_handlers(app: FastAPI) -> None:
    """Domain errors, malformed requests and surprises become the API's one error shape."""
    add_generic_error_handlers(app)

    def handler(status: int, message: str | None = None):
        """Answers `message`, or the error's own, in the caller's language where a catalog
        has it."""

        async def handle(request: Request, exc: Exception) -> JSONResponse:
            with speaking(spoken_in(request)):
                return error_response(status, translated(message or str(exc)))

        return handle

    app.add_exception_handler(UnknownSession, handler(404, EXPIRED))
    app.add_exception_handler(UnknownShopper, handler(404, NO_SUCH_SHOPPER))
    app.add_exception_handler(InvalidCustomerToken, handler(401))
    app.add_exception_handler(DemoSignInOff, handler(403, DemoSignInOff.MESSAGE))
    app.add_exception_handler(CartError, handler(409))
    app.add_exception_handler(FeedbackError, handler(422))
