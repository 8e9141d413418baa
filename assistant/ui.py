"""The browser chat page (Gradio): product cards first, then the reply as it streams.

`build_ui` lays out the page and wires its events; `stream_reply` is the chat handler as a plain
generator (testable without a browser). Each browser session keeps its own conversation object
in a `gr.State`, created lazily with `assistant.new_conversation()`. Failures never reach the
page as a traceback: they are logged with `logging.exception` and the shopper reads `SORRY`.
Gradio 6 takes CSS and theme in `launch()`, so callers pass `css=APP_CSS` there.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant.card_view import CARD_CSS, render_cards
from assistant.settings import Settings
from assistant.turns import Assistant, TurnUpdate

log = logging.getLogger(__name__)

TITLE = "Shopping assistant"
SORRY = "Sorry, something went wrong on our side — please try again."
PLACEHOLDER = (
    "### What are you shopping for?\n"
    "Describe it in your own words — budget, colour, size, brand — and I'll find it in the shop."
)
APP_CSS = (
    CARD_CSS
    + """
#sa-header{align-items:center}
#sa-header h1{margin:0;font-size:1.5rem}
#sa-header p{margin:.2rem 0 0;color:var(--body-text-color-subdued)}
#sa-reset{flex-grow:0;min-width:110px;align-self:center}
#sa-send{flex-grow:0;min-width:96px}
#sa-chat .bot-row:has(.pc-grid){align-self:stretch;width:auto;max-width:980px}
#sa-chat .bot-row:has(.pc-grid) .role,#sa-chat .bot-row:has(.pc-grid) .message{width:100%}
@media (max-width:480px){
  #sa-header h1{font-size:1.25rem}
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

Message = dict[str, Any]
_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_MARKDOWN_SYNTAX = set("\\`*_{}[]()#+-.!|~$")


def stream_reply(
    assistant: Assistant,
    message: str,
    history: list[Message] | None,
    conversation: object | None,
) -> Iterator[tuple[list[Message], object | None]]:
    """Chat handler: yields (chat history, conversation) as the reply grows.

    The first yield shows the shopper's message; each `TurnUpdate` then replaces the assistant
    message with the cards followed by the text so far. Any exception from the assistant is
    logged and shown as `SORRY`.
    """
    history = list(history or [])
    text = (message or "").strip()
    if not text:
        yield history, conversation
        return
    history.append({"role": "user", "content": user_markdown(text)})
    yield list(history), conversation
    updates: Iterator[TurnUpdate] | None = None
    shown = False
    try:
        if conversation is None:
            conversation = assistant.new_conversation()
        updates = assistant.respond(conversation, text)
        for update in updates:
            content = assistant_markdown(update)
            if content:
                shown = True
                yield [*history, {"role": "assistant", "content": content}], conversation
        if not shown:
            log.error("The assistant finished a turn without any cards or text")
            yield [*history, {"role": "assistant", "content": SORRY}], conversation
    except Exception:
        log.exception("The assistant failed to answer a message of %d characters", len(text))
        yield [*history, {"role": "assistant", "content": SORRY}], conversation
    finally:
        close = getattr(updates, "close", None)
        if close is not None:
            close()


def assistant_markdown(update: TurnUpdate) -> str:
    """The cards' HTML (one raw block) followed by the reply text, escaped as HTML."""
    cards = render_cards(update.cards)
    words = html.escape(update.text.strip(), quote=False)
    return "\n\n".join(part for part in (cards, words) if part)


def user_markdown(text: str) -> str:
    """The shopper's words as literal text: HTML and Markdown syntax both neutralised."""
    return "".join(
        _HTML_ENTITIES.get(c) or (f"\\{c}" if c in _MARKDOWN_SYNTAX else c) for c in text
    )


def start_over(assistant: Assistant) -> tuple[list[Message], object | None]:
    """An empty chat and a fresh conversation (or none yet, if creating one failed)."""
    try:
        return [], assistant.new_conversation()
    except Exception:
        log.exception("Could not start a new conversation; will retry on the next message")
        return [], None


def build_ui(assistant: Assistant, settings: Settings, examples: list[str]) -> gr.Blocks:
    """The chat page. Launch it with `.launch(css=APP_CSS, ...)` for the card styles."""

    def reply(message: str, history: list[Message], conversation: object | None):
        yield from stream_reply(assistant, message, history, conversation)

    def take_message(message: str):
        return _locked_input(), _locked_button(), message

    def take_example(selection: gr.SelectData):
        value = selection.value
        text = value.get("text", "") if isinstance(value, dict) else str(value or "")
        return _locked_input(), _locked_button(), text

    def reset():
        chat, conversation = start_over(assistant)
        return chat, conversation, *_unlocked()

    with gr.Blocks(title=TITLE, fill_height=True, analytics_enabled=False) as demo:
        conversation = gr.State(None)
        pending = gr.State("")
        with gr.Row(elem_id="sa-header"):
            gr.Markdown(
                f"# {TITLE}\nTell me what you need; I'll show matching products from the shop."
            )
            reset_button = gr.Button("Start over", size="sm", scale=0, elem_id="sa-reset")
        chatbot = gr.Chatbot(
            elem_id="sa-chat",
            show_label=False,
            scale=1,
            height=None,
            min_height=420,
            placeholder=PLACEHOLDER,
            examples=[{"text": prompt} for prompt in examples] or None,
            latex_delimiters=[],
            allow_tags=False,
            buttons=[],
            feedback_options=None,
            group_consecutive_messages=False,
        )
        with gr.Row(elem_id="sa-input-row", equal_height=True):
            textbox = gr.Textbox(
                placeholder="e.g. running shoes under $80, size 42",
                show_label=False,
                container=False,
                lines=1,
                max_lines=4,
                max_length=settings.max_message_chars,
                scale=1,
                elem_id="sa-input",
            )
            send = gr.Button("Send", variant="primary", elem_id="sa-send", scale=0)

        lock = [textbox, send, pending]
        triggers = [
            textbox.submit(take_message, [textbox], lock, queue=False),
            send.click(take_message, [textbox], lock, queue=False),
            chatbot.example_select(take_example, None, lock, queue=False),
        ]
        streams = []
        for trigger in triggers:
            stream = trigger.then(reply, [pending, chatbot, conversation], [chatbot, conversation])
            stream.then(_unlocked, None, [textbox, send], queue=False)
            streams.append(stream)
        reset_button.click(
            reset, None, [chatbot, conversation, textbox, send], cancels=streams, queue=False
        )
        # The chat's own "Clear" icon must start over too, or the old conversation would go on.
        chatbot.clear(reset, None, [chatbot, conversation, textbox, send], cancels=streams)
    return demo


def _unlocked() -> tuple[gr.Textbox, gr.Button]:
    return gr.Textbox(interactive=True), gr.Button(interactive=True)


def _locked_input() -> gr.Textbox:
    return gr.Textbox(value="", interactive=False)


def _locked_button() -> gr.Button:
    return gr.Button(interactive=False)
