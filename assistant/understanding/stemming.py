"""A crude stemmer, enough to match a shopper's word with the store's own text."""

from __future__ import annotations

import re

SUFFIX = re.compile(r"(ing|ed|s)$")


def stem(word: str) -> str:
    """ "shipping", "shipped", "ships" → "ship"; "jackets" → "jacket"; "takes", "take" → "tak"."""
    lowered = word.lower()
    root = SUFFIX.sub("", lowered) if len(lowered) > 4 else lowered
    return root[:-1] if len(root) > 3 and root[-1] in "e" + root[-2] else root


def stems(text: str) -> set[str]:
    """The stems of every word in `text`."""
    return {stem(w) for w in re.findall(r"[a-zA-Z]+", text)}
