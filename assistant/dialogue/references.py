"""Which earlier products a message points at: "the second one", "the cheaper of those two",
"it", "that jacket".

Positions count in the latest results list; "it", "those" and "the cheaper one" look first at
the products the conversation last talked about (compared, described, added) and then at the
results; a product word ("that jacket") picks the one product whose name has it — on screen,
or else among those talked about earlier in the conversation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from assistant.dialogue.state import DialogueState
from assistant.understanding.stemming import stem, stems


def resolve(
    references: Sequence[str],
    words: Sequence[str],
    state: DialogueState,
    names: Mapping[int, str],
    prices: Mapping[int, Decimal],
) -> tuple[int, ...]:
    """The product ids referred to, in the order named; () when the message names none.

    `names` and `prices` describe at least the shown and discussed products; `words` are the
    message's product words for "that jacket", looked for on screen first, then among the
    products the conversation talked about before (described, compared, added).
    """
    shown, focus = state.shown_ids, state.focus_ids
    group = focus if len(focus) > 1 else shown
    found: list[int] = []
    for reference in references:
        if reference.isdigit() and 0 < int(reference) <= len(shown):
            found.append(shown[int(reference) - 1])
        elif reference == "last" and shown:
            found.append(shown[-1])
        elif reference in ("cheapest", "dearest") and group:
            pick = min if reference == "cheapest" else max
            found.append(pick(group, key=lambda i: prices.get(i, Decimal(0))))
        elif reference == "all":
            found += group
        elif reference == "it":
            found += focus if len(focus) == 1 else shown if len(shown) == 1 else ()
    if not found:
        found = named(words, [*focus, *shown], names) or named(words, state.discussed_ids, names)
    return tuple(dict.fromkeys(found))


def named(words: Sequence[str], candidates: Sequence[int], names: Mapping[int, str]) -> list[int]:
    """The one candidate whose name holds a word of `words` ("that jacket"), if only one does."""
    wanted = {stem(w) for w in words if len(w) > 2}
    matches = [i for i in dict.fromkeys(candidates) if wanted & stems(names.get(i, ""))]
    return matches if len(matches) == 1 else []
