"""Which language a turn answers in."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.understanding.languages import Language, written_in


def reply_language(messages: Sequence[str]) -> Language:
    """The latest message's language, or for one that shows none ("2", "XL") the latest
    earlier message's that does; English when none ever did. "other" (a language the shop
    does not read) is said in English by `assistant.translation`."""
    for message in reversed(messages):
        shown = written_in(message)
        if shown is not None:
            return shown
    return "en"
