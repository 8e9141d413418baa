"""When nothing meets every constraint: which one to let go, least important first.

Attribute constraints go first, the last one said first (the earlier ones were what the
shopper started from), then colours, then the price limits. The product kind is never let go.
Each candidate drops one constraint; the first that finds products is shown, and the reply
says exactly which constraint those products do not meet — of several products or of one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from assistant.facts.describe import colour_name, price_phrase
from assistant.facts.facet_phrases import facet_words
from assistant.translation.lists import either
from assistant.translation.speaking import N_, _
from catalog.request import SearchRequest

# Each kind of miss as said of several products and of one: (several, one).
LISTED_AS = (N_("none of them is listed as {what}"), N_("it is not listed as {what}"))
LISTED = (N_("none of them is listed {what}"), N_("it is not listed {what}"))
IN_COLOURS = (N_("none of them is listed in {what}"), N_("it is not listed in {what}"))
EXCLUDED_COLOURS = (N_("they are {what}"), N_("it is {what}"))
PRICED = (N_("none of them is {what}"), N_("it is not {what}"))


@dataclass(frozen=True)
class Relaxed:
    """The request with one constraint dropped, and what the products it finds miss. Each of
    them misses it: they meet every other constraint, and nothing met them all."""

    request: SearchRequest
    kind: tuple[str, str]  # the miss said of several products and of one
    what: str  # the constraint in words ("reef-friendly")

    def missed_by(self, count: int) -> str:
        """ "none of them is listed as reef-friendly"; of one: "it is not listed as …"."""
        several, one = self.kind
        return _(one if count == 1 else several).format(what=self.what)


def relaxations(request: SearchRequest) -> Iterator[Relaxed]:
    for facet in reversed(request.facets):
        words = facet_words(facet)
        rest = tuple(f for f in request.facets if f != facet)
        relaxed = request.but(facets=rest)
        if words.before:
            yield Relaxed(relaxed, LISTED_AS, words.before)
        else:
            yield Relaxed(relaxed, LISTED, words.after)
    if request.colours:
        yield Relaxed(request.but(colours=()), IN_COLOURS, _colours(request.colours))
    if request.excluded_colours:
        yield Relaxed(
            request.but(excluded_colours=()), EXCLUDED_COLOURS, _colours(request.excluded_colours)
        )
    if request.price_min is not None or request.price_max is not None:
        yield Relaxed(request.but(price_min=None, price_max=None), PRICED, price_phrase(request))


def _colours(colours: tuple[str, ...]) -> str:
    return either([colour_name(colour) for colour in colours])
