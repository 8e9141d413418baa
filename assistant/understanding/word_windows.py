"""Short runs of a message's words, clause by clause: what meaning is compared on."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

CLAUSE_BREAK = re.compile(r"[,.;:!?()]|\s{2,}")  # punctuation, or words the parse used up


def word_windows(text: str, sizes: Iterable[int], keep: Callable[[list[str]], bool]) -> list[str]:
    """Runs of each of `sizes` words inside each clause that `keep` accepts, each once."""
    windows: dict[str, None] = {}
    for clause in CLAUSE_BREAK.split(text.lower()):
        words = re.findall(r"[a-z][a-z'-]*", clause)
        for size in sizes:
            for start in range(len(words) - size + 1):
                run = words[start : start + size]
                if keep(run):
                    windows[" ".join(run)] = None
    return list(windows)
