"""The browser chat page (Gradio): streamed replies with product cards, a cart, thumbs, shoppers.

`build_ui` lays out the page and wires its events to the `Services` (the same ones the HTTP
API uses); `stream_reply` is the chat handler as a plain generator (testable without a
browser). The session id lives in the browser's localStorage (`gr.BrowserState`) and
everything else in the database, so a reload shows the same conversation and cart. Buttons
drawn inside HTML (a card's "Add to cart" and thumbs, the cart's quantity buttons) reach the
server through one bridge: `BRIDGE_JS` turns their clicks into the cart panel's click event.
Gradio 6 takes CSS and head in `launch()`/`mount_gradio_app()`: pass `css=APP_CSS`.

The page is laid out in English; when it loads, its own words (header, buttons, placeholders,
cart, cards, notices) are replaced by those of the browser's language (`Accept-Language`,
`page_language`). The assistant's replies follow the language of each message.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Generator, Mapping, Sequence
from typing import Any

import gradio as gr
from gradio.blocks import Block
from gradio.components.chatbot import Message as ChatbotMessage
from gradio.components.chatbot import MessageDict

from assistant.app.services import Services
from assistant.facts.cards import ProductCard
from assistant.history.chat import SORRY, ChatService, said_in
from assistant.history.sessions import StoredMessage
from assistant.store.cart import Cart, CartError
from assistant.store.chat_session import UnknownSession
from assistant.store.feedback import FeedbackError, GivenFeedback
from assistant.translation.speaking import N_, SOURCE, _, speaking
from assistant.web.api import MAX_MESSAGE_CHARS, DemoSignInOff
from assistant.web.card_view import CARD_CSS, render_cards
from assistant.web.cart_view import CART_CSS, YOUR_CART, render_cart
from assistant.web.shopper_language import accepted_language, translated

log = logging.getLogger(__name__)

TITLE = N_("Shopping assistant")
TAGLINE = N_("Tell me what you need; I'll show matching products from the shop.")
GUEST = ""  # the handle of browsing as a guest
GUEST_NAME = N_("Guest")
DEMO_SHOPPER = N_("{name} (demo)")
DEMO_SIGN_IN = N_("Demo sign-in: shopping as")
START_OVER = N_("Start over")
SEND = N_("Send")
INPUT_HINT = N_("e.g. running shoes under $80, size 42")
WHAT_FOR = N_("What are you shopping for?")
DESCRIBE_IT = N_(
    "Describe it in your own words — budget, colour, size, brand — and I'll find it in the shop."
)
EXPIRED = N_("Your chat session has expired — reload the page to start a new one.")
SIGNED_IN = N_("Signed in as {name}.")
BROWSING_AS_GUEST = N_("Browsing as a guest.")
APP_CSS = (
    CARD_CSS
    + CART_CSS
    + """
#sa-header{align-items:center;flex-wrap:wrap;gap:8px}
#sa-header h1{margin:0;font-size:1.5rem}
#sa-header p{margin:.2rem 0 0;color:var(--body-text-color-subdued)}
#sa-reset{flex-grow:0;min-width:110px;align-self:center}
#sa-send{flex-grow:0;min-width:96px}
#sa-main{align-items:flex-start}
#sa-cart-panel{padding:12px 14px;border:1px solid var(--border-color-primary);border-radius:12px}
#sa-chat .user-row .message{max-height:22em;overflow-y:auto;overflow-wrap:anywhere;
  unicode-bidi:plaintext}
#sa-chat .bot-row:has(.pc-grid){align-self:stretch;width:auto;max-width:980px}
#sa-chat .bot-row:has(.pc-grid) .role,#sa-chat .bot-row:has(.pc-grid) .message{width:100%}
@media (max-width:480px){
  #sa-header{flex-direction:column;align-items:stretch}
  #sa-header h1{font-size:1.25rem}
  #sa-reset{align-self:flex-start}
  .pc-actions{flex-wrap:wrap}
  .pc-add{flex-basis:100%}
  #sa-send{min-width:72px}
  #sa-chat .message-row{margin-left:6px;margin-right:6px}
  #sa-chat .message{padding:4px 6px}
  .pc-grid{grid-template-columns:repeat(2,minmax(0,1fr));gap:8px}
  .pc-body{padding:8px 9px 10px}
  .pc-name{font-size:14px}
  .pc-price{font-size:16px}
  .pc-rating{gap:4px;font-size:12px}
  .pc-stars{font-size:12px;letter-spacing:0}
}
"""
)
# Runs once per page: a click on a card or cart button whose value is "action:product id"
# becomes the cart panel's click event, carrying {action, product}. A pressed thumb is marked.
# A click on a card's name or picture is a "click" action on the product its thumbs are for.
BRIDGE_JS = """
window.__saTrigger = trigger;
if (!window.__saBridge) {
  window.__saBridge = true;
  document.addEventListener('click', (event) => {
    const opened = event.target.closest &&
      event.target.closest('#sa-chat .pc-name, #sa-chat .pc-media');
    const thumb = opened && opened.closest('.pc-card').querySelector('.pc-thumb[value]');
    const card = thumb && /^[a-z]+:(\\d+)$/.exec(thumb.value);
    if (card) {
      window.__saTrigger('click', {action: 'click', product: Number(card[1])});
      return;
    }
    const button = event.target.closest &&
      event.target.closest('#sa-chat button[value], #sa-cart-panel button[value]');
    const match = button && !button.disabled && /^([a-z]+):(\\d+)$/.exec(button.value);
    if (!match) return;
    event.preventDefault();
    if (button.classList.contains('pc-thumb')) {
      for (const thumb of button.parentElement.querySelectorAll('.pc-thumb')) {
        thumb.classList.toggle('pc-on', thumb === button);
        thumb.setAttribute('aria-pressed', String(thumb === button));
      }
    }
    window.__saTrigger('click', {action: match[1], product: Number(match[2])});
  });
}
"""
# Shoppers answered at once (Gradio's default is one): cards need only the database, and the
# language model serialises its own generations, so nobody waits for another's words to see
# their products.
TURNS_AT_ONCE = 16
CART_ACTIONS = ("cart", "increase", "decrease", "remove", "like", "dislike", "click")

Message = MessageDict  # one chat message as Gradio's Chatbot takes it
_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_MARKDOWN_SYNTAX = set("\\`*_{}[]()#+-.!|~$:")  # ":" too, or a typed URL becomes a link
# What can make reply words act in Gradio's Markdown: inline markup, links and images, and
# bare URLs and e-mail addresses (linked by GFM); a marker opening a heading, quote or list.
_INLINE_MARKUP = re.compile(r"[\\`*_\[\]~|]|(?<=\w)(?=:\s*//)|(?<=\bwww)(?=\.)|(?=@)", re.I)
_BLOCK_MARKER = re.compile(r"^(\s*(?:\d+)?)([#+=.)-])")
TABLE_RULE = re.compile(r"\|(?:\s*:?-+:?\s*\|)+")
TABLE_LABEL = re.compile(r"\*\*[A-Za-z ]+\*\*")


class PageAction(gr.EventData):
    """A button drawn inside HTML, as `BRIDGE_JS` sends it: `{action, product}`.

    Gradio builds an event listener's `gr.EventData` subclass from what the page sent.
    """

    def __init__(self, target: Block | None, data: Any) -> None:
        super().__init__(target, data)
        self.sent = data
        fields = data if isinstance(data, dict) else {}
        action, product = fields.get("action"), fields.get("product")
        self.action = action if isinstance(action, str) else None
        self.product = product if isinstance(product, int) else None


def page_language(request: gr.Request | None) -> str:
    """The language of the browser that sent `request` (English without one)."""
    headers = getattr(request, "headers", None) or {}
    return accepted_language(headers.get("accept-language"))


def chat_placeholder() -> str:
    """What the empty chat shows, in the language being spoken."""
    return f"### {_(WHAT_FOR)}\n{_(DESCRIBE_IT)}"


def header_markdown() -> str:
    return f"# {_(TITLE)}\n{_(TAGLINE)}"


def shopper_choices(shoppers: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The sign-in menu: Guest, then each (name, handle) of the demo shoppers."""
    named = [(_(DEMO_SHOPPER).format(name=name), handle) for name, handle in shoppers]
    return [(_(GUEST_NAME), GUEST), *named]


def stream_reply(
    chat: ChatService,
    session_id: str,
    message: str,
    history: list[Message] | None,
    language: str = SOURCE,
) -> Generator[list[Message], None, None]:
    """Chat handler: yields the chat history as the reply grows.

    The first yield shows the shopper's message; each `TurnUpdate` then replaces the assistant
    message with the cards followed by the text so far. A failure of the session store is
    logged and shown as `SORRY` (the assistant's own failures are handled by `ChatService`).
    It blocks: the page runs it on the turn threads (`Services.turns`), not Gradio's workers.
    The cards' words are in the page's `language`; the reply is in the message's.
    """
    history = list(history or [])
    text = (message or "").strip()
    if not text:
        yield history
        return
    history.append({"role": "user", "content": user_markdown(text)})
    yield list(history)
    try:
        for update in chat.send(session_id, text):
            with speaking(language):
                content = assistant_markdown(update.cards, update.text)
            if content:
                yield [*history, {"role": "assistant", "content": content}]
    except UnknownSession:
        with speaking(language):
            expired = _(EXPIRED)
        yield [*history, {"role": "assistant", "content": expired}]
    except Exception:
        log.exception("Could not run a turn for a message of %d characters", len(text))
        yield [*history, {"role": "assistant", "content": said_in(text, SORRY)}]


def assistant_markdown(
    cards: Sequence[ProductCard], text: str, thumbs: Mapping[int, bool] | None = None
) -> str:
    """The cards' HTML (one raw block) followed by the reply text as literal text.

    The text quotes catalog text (names, descriptions, reviews) and the model's words, so no
    Markdown in it may act: like the widget, only the shape the code gives a reply is kept (a
    comparison table, a "- " list, paragraphs); in the words, HTML is escaped and so is every
    Markdown sign that could make a link, an image, markup or a heading (`_literal_words`).
    """
    words = "\n\n".join(_literal_block(block) for block in text.strip().split("\n\n"))
    return "\n\n".join(part for part in (render_cards(cards, thumbs), words) if part)


def _literal_block(block: str) -> str:
    """One paragraph, list or table of a reply, its words escaped and its shape kept."""
    lines = block.split("\n")
    if len(lines) > 1 and all(line.strip().startswith("|") for line in lines):
        return "\n".join(_literal_row(line.strip()) for line in lines)
    return "\n".join(
        "- " + _literal_words(line[2:]) if line.startswith("- ") else _literal_line(line)
        for line in lines
    )


def _literal_row(line: str) -> str:
    """A table row with its cells escaped; the rule row and a row's **label** stay as they are."""
    if TABLE_RULE.fullmatch(line):
        return line
    cells = line[1:-1].split("|")
    shown = [
        cell.strip() if i == 0 and TABLE_LABEL.fullmatch(cell.strip()) else _literal_words(cell)
        for i, cell in enumerate(cells)
    ]
    return "|" + "|".join(shown) + "|"


def _literal_line(line: str) -> str:
    """A line of words that cannot open a heading, a quote or a list either."""
    return _BLOCK_MARKER.sub(r"\1\\\2", _literal_words(line), count=1)


def _literal_words(text: str) -> str:
    """Words shown as they are: HTML escaped, Markdown's active signs backslash-escaped."""
    return _INLINE_MARKUP.sub(lambda sign: "\\" + sign.group(0), html.escape(text, quote=False))


def user_markdown(text: str) -> str:
    """The shopper's words as literal text: HTML and Markdown syntax both neutralised."""
    return "".join(
        _HTML_ENTITIES.get(c) or (f"\\{c}" if c in _MARKDOWN_SYNTAX else c) for c in text
    )


def chat_history(
    messages: list[StoredMessage], given: GivenFeedback | None = None
) -> list[Message]:
    """Stored messages as the chat shows them, with the product thumbs already `given`."""
    products = given.products if given else {}
    return [
        {"role": "user", "content": user_markdown(m.text)}
        if m.role == "user"
        else {"role": "assistant", "content": assistant_markdown(m.cards, m.text, products)}
        for m in messages
    ]


def message_thumbs(messages: list[StoredMessage], given: GivenFeedback) -> list[str | None]:
    """The chat's own thumbs, one per assistant message: "Like", "Dislike" or None."""
    liked = [given.messages.get(m.position) for m in messages if m.role == "assistant"]
    return [None if choice is None else "Like" if choice else "Dislike" for choice in liked]


def build_ui(services: Services, examples: list[str]) -> gr.Blocks:
    """The chat page. Serve it with `css=APP_CSS` for the card and cart styles."""
    chat, cart, feedback = services.chat, services.cart, services.feedback
    demo_mode = services.sign_in.demo  # anyone may be any demo shopper: only in demo mode
    demo_shoppers = [(s.name, s.handle) for s in (chat.demo_shoppers() if demo_mode else [])]
    shoppers = shopper_choices(demo_shoppers)

    def open_session(stored_id: str | None, request: gr.Request):
        """The stored chat and cart, and the page's words in the browser's language."""
        session_id, _resumed = chat.open(stored_id)
        shopper = chat.shopper(session_id)
        messages, given = chat.messages(session_id), feedback.given(session_id)
        with speaking(page_language(request)):
            history: list[MessageDict | ChatbotMessage] = [*chat_history(messages, given)]
            thumbs = message_thumbs(messages, given)
            return (
                gr.Chatbot(
                    history,
                    feedback_value=thumbs,
                    placeholder=chat_placeholder(),
                    examples=[{"text": _(prompt)} for prompt in examples] or None,
                ),
                session_id,
                render_cart(cart.view(session_id)),
                gr.Dropdown(
                    shopper_choices(demo_shoppers),
                    value=shopper.handle if shopper and demo_mode else GUEST,
                    label=_(DEMO_SIGN_IN),
                ),
                header_markdown(),
                gr.Button(_(START_OVER)),
                gr.Textbox(placeholder=_(INPUT_HINT)),
                gr.Button(_(SEND)),
            )

    async def reply(message: str, history: list[Message], session_id: str, request: gr.Request):
        language = page_language(request)
        turn = services.turns.stream(
            lambda: stream_reply(chat, session_id, message, history, language), session_id
        )
        async for shown in turn:
            yield shown

    def show_cart(session_id: str, request: gr.Request) -> str:
        """The cart panel after a turn: the chat can add, change and remove lines too."""
        with speaking(page_language(request)):
            try:
                return render_cart(cart.view(session_id))
            except UnknownSession:
                return render_cart(Cart(()), _(EXPIRED))

    def take_message(message: str):
        return _locked_input(), _locked_button(), message

    def take_example(selection: gr.SelectData):
        value = selection.value
        text = value.get("text", "") if isinstance(value, dict) else str(value or "")
        return _locked_input(), _locked_button(), text

    def reset(session_id: str, request: gr.Request):
        try:
            chat.start_over(session_id)
        except UnknownSession:
            with speaking(page_language(request)):
                gr.Warning(_(EXPIRED))
        return [], *_unlocked()

    def choose_shopper(handle: str, session_id: str, request: gr.Request) -> None:
        with speaking(page_language(request)):
            if not demo_mode and handle:
                raise gr.Error(_(DemoSignInOff.MESSAGE))
            shopper = chat.set_shopper(session_id, handle or None)
            signed_in = _(SIGNED_IN).format(name=shopper.name) if shopper else None
            gr.Info(signed_in or _(BROWSING_AS_GUEST))

    def rate_message(session_id: str, like: gr.LikeData) -> None:
        if not isinstance(like.liked, bool):
            return  # a thumb taken back: the earlier choice stays recorded
        index = like.index if isinstance(like.index, int) else like.index[0]
        messages = chat.messages(session_id)
        if 0 <= index < len(messages):
            feedback.on_message(session_id, messages[index].position, like.liked)

    def act(session_id: str, event: PageAction, request: gr.Request) -> str:
        with speaking(page_language(request)):
            return _act(services, session_id, event)

    with gr.Blocks(title=TITLE, fill_height=True, analytics_enabled=False) as demo:
        session = gr.BrowserState(
            None, storage_key="shopping-assistant-page", secret="shopping-assistant"
        )
        pending = gr.State("")
        with gr.Row(elem_id="sa-header"):
            header = gr.Markdown(header_markdown())
            shopper = gr.Dropdown(
                shoppers,
                value=GUEST,
                label=DEMO_SIGN_IN,
                visible=demo_mode,
                elem_id="sa-shopper",
                scale=0,
                min_width=240,
                filterable=False,
            )
            reset_button = gr.Button(START_OVER, size="sm", scale=0, elem_id="sa-reset")
        with gr.Row(elem_id="sa-main"):
            with gr.Column(scale=3, min_width=320):
                chatbot = gr.Chatbot(
                    elem_id="sa-chat",
                    show_label=False,
                    height=None,
                    min_height=460,
                    placeholder=chat_placeholder(),
                    examples=[{"text": prompt} for prompt in examples] or None,
                    latex_delimiters=[],
                    allow_tags=False,
                    buttons=[],
                    feedback_options=("Like", "Dislike"),
                    group_consecutive_messages=False,
                )
                with gr.Row(elem_id="sa-input-row", equal_height=True):
                    textbox = gr.Textbox(
                        placeholder=INPUT_HINT,
                        show_label=False,
                        container=False,
                        lines=1,
                        max_lines=4,
                        # Longer than the assistant reads: an over-long paste is kept and
                        # answered with the limit, not silently cut.
                        max_length=MAX_MESSAGE_CHARS,
                        scale=1,
                        elem_id="sa-input",
                    )
                    send = gr.Button(SEND, variant="primary", elem_id="sa-send", scale=0)
            with gr.Column(scale=1, min_width=260):
                cart_panel = gr.HTML(
                    render_cart_placeholder(),
                    elem_id="sa-cart-panel",
                    js_on_load=BRIDGE_JS,
                    padding=False,
                )

        page_words = [header, reset_button, textbox, send]
        demo.load(open_session, [session], [chatbot, session, cart_panel, shopper, *page_words])
        lock = [textbox, send, pending]
        triggers = [
            textbox.submit(take_message, [textbox], lock, queue=False),
            send.click(take_message, [textbox], lock, queue=False),
            chatbot.example_select(take_example, None, lock, queue=False),
        ]
        streams = []
        for trigger in triggers:
            stream = trigger.then(
                reply, [pending, chatbot, session], [chatbot], concurrency_limit=TURNS_AT_ONCE
            )
            stream.then(_unlocked, None, [textbox, send], queue=False)
            stream.then(show_cart, [session], [cart_panel], queue=False)
            streams.append(stream)
        reset_button.click(reset, [session], [chatbot, textbox, send], cancels=streams, queue=False)
        # The chat's own "Clear" icon must start over too, or the old conversation would go on.
        chatbot.clear(reset, [session], [chatbot, textbox, send], cancels=streams)
        chatbot.like(rate_message, [session], None, queue=False)
        shopper.input(choose_shopper, [shopper, session], None, queue=False)
        cart_panel.click(act, [session], [cart_panel], queue=False)
    return demo


def render_cart_placeholder() -> str:
    heading, loading = _(YOUR_CART), _("Loading…")
    return f'<section class="sa-cart"><h2>{heading}</h2><p class="sa-empty">{loading}</p></section>'


def _act(services: Services, session_id: str, event: PageAction) -> str:
    """The cart panel after a card or cart button, with its notice."""
    cart = services.cart
    action, product = event.action, event.product
    if action not in CART_ACTIONS or product is None:
        log.warning("Ignored a malformed page action: %r", event.sent)
        return render_cart(cart.view(session_id))
    try:
        notice = _apply(services, session_id, action, product)
    except (CartError, FeedbackError) as exc:
        notice = translated(str(exc))
    except UnknownSession:
        return render_cart(Cart(()), _(EXPIRED))
    return render_cart(cart.view(session_id), notice)


def _apply(services: Services, session_id: str, action: str, product: int) -> str:
    """Carry out one card or cart button (or a click on a card); the notice to show, in the
    language being spoken."""
    if action == "click":
        services.feedback.on_click(session_id, product)
        return ""
    if action in ("like", "dislike"):
        services.feedback.on_product(session_id, product, liked=action == "like")
        return _("Thanks, noted.") if action == "like" else _("Thanks, we'll show fewer like that.")
    cart = services.cart
    if action in ("cart", "increase"):
        item = next(i for i in cart.add(session_id, product).items if i.product_id == product)
        return _("Added {name} to your cart.").format(name=item.name) if action == "cart" else ""
    if action == "decrease":
        current = next(
            (i.quantity for i in cart.view(session_id).items if i.product_id == product), 0
        )
        cart.set_quantity(session_id, product, current - 1)
        return ""
    cart.remove(session_id, product)
    return _("Removed from your cart.")


def _unlocked() -> tuple[gr.Textbox, gr.Button]:
    return gr.Textbox(interactive=True), gr.Button(interactive=True)


def _locked_input() -> gr.Textbox:
    return gr.Textbox(value="", interactive=False)


def _locked_button() -> gr.Button:
    return gr.Button(interactive=False)
