"""The language the assistant is speaking in this turn, and the words of its own sentences.

Code-written sentences call `_()` (or `ngettext`) when they are said, not when a module is
imported; module constants are marked with `N_()` so extraction finds them. English is the
source language: its sentences come back unchanged, without a catalog lookup.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from assistant.translation.catalogs import translations

SOURCE = "en"  # the language the sentences are written in
LOCALES = {"zh": "zh_CN", "es": "es_ES", "fr": "fr_FR"}  # Babel locales of the others
_speaking: ContextVar[str] = ContextVar("speaking", default=SOURCE)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Say this block's sentences in `language` ("en", "zh", "es", "fr"; any other: English)."""
    token = _speaking.set(language if language in LOCALES else SOURCE)
    try:
        yield
    finally:
        _speaking.reset(token)


def language() -> str:
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
