"""When nothing meets every constraint: which one to let go, least important first.

Attribute constraints go first, the last one said first (the earlier ones were what the
shopper started from), then colours, then the price limits. The product kind is never let go.
Each candidate drops one constraint; the first that finds products is shown, and the reply
says exactly which constraint those products do not meet.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from assistant.facts.describe import price_phrase
from assistant.facts.facet_phrases import facet_words
from catalog.request import SearchRequest


@dataclass(frozen=True)
class Relaxed:
    """The request with one constraint dropped, and what the products it finds miss. Each of
    them misses it: they meet every other constraint, and nothing met them all."""

    request: SearchRequest
    missed: str  # "none of them is listed as reef-friendly"


def relaxations(request: SearchRequest) -> Iterator[Relaxed]:
    for facet in reversed(request.facets):
        words = facet_words(facet)
        rest = tuple(f for f in request.facets if f != facet)
        listed = f"as {words.before}" if words.before else words.after
        yield Relaxed(request.but(facets=rest), f"none of them is listed {listed}")
    if request.colours:
        yield Relaxed(
            request.but(colours=()), f"none of them is listed in {' or '.join(request.colours)}"
        )
    if request.excluded_colours:
        yield Relaxed(
            request.but(excluded_colours=()), f"they are {' or '.join(request.excluded_colours)}"
        )
    if request.price_min is not None or request.price_max is not None:
        yield Relaxed(
            request.but(price_min=None, price_max=None), f"none of them is {price_phrase(request)}"
        )


def for_one(missed: str) -> str:
    """The same said of a single product."""
    return missed.replace("none of them is", "it is not").replace("they are", "it is")
