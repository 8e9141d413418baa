"""Input limits: what a message must look like before any parsing or model call."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from assistant.translation.speaking import _
from assistant.understanding.languages import unsupported

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
UNSUPPORTED = (
    "Sorry, I can't read that language yet. I understand English, Chinese (中文), Spanish "
    "(español) and French (français): could you write your message in one of them?"
)


@dataclass(frozen=True)
class Checked:
    text: str
    problem: str | None  # a friendly message for the shopper when the text can't be used


def check_message(raw: str | None, max_chars: int) -> Checked:
    text = CONTROL.sub(" ", unicodedata.normalize("NFKC", raw or "")).strip()
    if not text:
        return Checked(
            "",
            _(
                "Your message looks empty. Tell me what you're shopping for, "
                'for example "waterproof hiking boots for women".'
            ),
        )
    if len(text) > max_chars:
        return Checked(
            "",
            _(
                "That message is {length} characters long; I can read up to {limit}. Could you "
                "say in a sentence or two what you're looking for? Our conversation so far is kept."
            ).format(length=f"{len(text):,}", limit=f"{max_chars:,}"),
        )
    if not any(ch.isalnum() for ch in text):
        return Checked(
            "",
            _(
                "I can't tell what you're looking for from symbols alone. "
                "Could you describe it in a few words?"
            ),
        )
    if unsupported(text):
        return Checked("", UNSUPPORTED)
    return Checked(text, None)
