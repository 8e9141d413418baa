"""Lists in the language being spoken: "black or white", "noir ou blanc", "黑色或白色"."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from babel.lists import format_list

from assistant.translation.speaking import LOCALES, SOURCE, language


def either(items: Sequence[str]) -> str:
    """Alternatives: "black or white or red" in English (the shop's own form)."""
    spoken = language()
    if spoken == SOURCE:
        return " or ".join(items)
    return format_list(list(items), style="or", locale=LOCALES[spoken])


def both(items: Sequence[str]) -> str:
    """All of them: "a, b and c"."""
    spoken = language()
    if spoken != SOURCE:
        return format_list(list(items), locale=LOCALES[spoken])
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def series(items: Sequence[str]) -> str:
    """Items one after another, no conjunction: "a, b, c" (in Chinese with its full-width comma)."""
    return ("，" if language() == "zh" else ", ").join(items)  # noqa: RUF001 (Chinese comma)


def in_a_row(sentences: Iterable[str]) -> str:
    """Sentences one after another: a space between them, none in Chinese."""
    return ("" if language() == "zh" else " ").join(sentences)
