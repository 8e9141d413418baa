"""The language of the shopper's browser, for the page's and the widget's own words.

The chat page follows the browser's `Accept-Language`; the widget follows its snippet's
`data-lang` when it names one, else the browser's. Only the assistant's languages (en, zh, es,
fr) are spoken; a browser that accepts none of them gets English.
"""

from __future__ import annotations

from collections.abc import Mapping

from assistant.translation.speaking import SOURCE, _
from assistant.understanding.languages import SUPPORTED, Language


def named_language(tag: str | None) -> Language | None:
    """The supported language a tag names ("zh-CN", "fr", "es-419"), or None."""
    primary = (tag or "").strip().replace("_", "-").split("-")[0].lower()
    return next((language for language in SUPPORTED if language == primary), None)


def accepted_language(header: str | None) -> str:
    """The supported language an `Accept-Language` header prefers most, else English.

    "de-DE,fr;q=0.8" is French; among equal weights the first listed wins."""
    best, best_weight = SOURCE, 0.0
    for part in (header or "").split(","):
        tag, *parameters = part.split(";")
        language, weight = named_language(tag), _weight(parameters)
        if language is not None and weight > best_weight:
            best, best_weight = language, weight
    return best


def _weight(parameters: list[str]) -> float:
    """The `q=` of a header part (1 when it has none, 0 when it is malformed)."""
    for parameter in parameters:
        name, _sep, value = parameter.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                return min(max(float(value), 0.0), 1.0)
            except ValueError:
                return 0.0
    return 1.0


def chosen_language(named: str | None, header: str | None) -> str:
    """The language a page names (the widget's `data-lang`; English when it names another),
    else the browser's."""
    if named and named.strip():
        return named_language(named) or SOURCE
    return accepted_language(header)


def translated(text: str) -> str:
    """Words from elsewhere (an error's message) in the language being spoken where a catalog
    has them, else as they are."""
    return _(text) if text else text


def said(words: Mapping[str, str]) -> dict[str, str]:
    """Marked words (key → `N_` message) in the language being spoken, for a page's script."""
    return {key: _(message) for key, message in words.items()}
