"""The language the assistant is speaking in this turn, and the words of its own sentences.

Code-written sentences call `_()` (or `ngettext`) when they are said, not when a module is
imported; module constants are marked with `N_()` so extraction finds them. English is the
source language: its sentences come back unchanged, without a catalog lookup.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from assistant.translation.catalogs import translations
from assistant.understanding.languages import SUPPORTED, Language, written_in

SOURCE: Language = "en"
LOCALES = {"zh": "zh_CN", "es": "es_ES", "fr": "fr_FR"}  # Babel locales of the others
_speaking: ContextVar[Language] = ContextVar("speaking", default=SOURCE)


@contextmanager
def speaking(language: Language) -> Iterator[None]:
    """Say this block's sentences in `language` (an unsupported one falls back to English)."""
    token = _speaking.set(language if language in SUPPORTED else SOURCE)
    try:
        yield
    finally:
        _speaking.reset(token)


def language() -> Language:
    return _speaking.get()


def _(message: str) -> str:
    """A sentence (a `str.format` template) in the language being spoken."""
    spoken = _speaking.get()
    return message if spoken == SOURCE else translations(spoken).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a sentence for `count` in the language being spoken."""
    spoken = _speaking.get()
    if spoken == SOURCE:
        return singular if count == 1 else plural
    return translations(spoken).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark a constant for translation; it is translated where it is said, with `_()`."""
    return message


def language_of(messages: Sequence[str]) -> Language:
    """The language to answer in: the latest message's, or for one that shows none ("2",
    "XL") the latest earlier message's that does; English when none ever did."""
    for message in reversed(messages):
        shown = written_in(message)
        if shown is not None:
            return shown
    return SOURCE
