"""Message catalogs: every `messages/<language>/*.po` file, compiled in memory once per process.

A language's sentences may be split over several files (shopping, service, facts, page);
they are read as one catalog. Babel compiles them, so no build step produces .mo files.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

MESSAGES = Path(__file__).parent / "messages"


def catalog(language: str) -> Catalog:
    """All of a language's .po files as one Babel catalog."""
    merged = Catalog(locale=language, domain="assistant")
    for path in sorted((MESSAGES / language).glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=language):
                if message.id:
                    merged[message.id] = message
    return merged


@cache
def translations(language: str) -> Translations:
    """The compiled catalog of `language`, for gettext and ngettext."""
    compiled = io.BytesIO()
    write_mo(compiled, catalog(language))
    compiled.seek(0)
    return Translations(fp=compiled, domain="assistant")
