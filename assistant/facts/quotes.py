"""Catalog text in a reply: plain, bounded, and quoted with who wrote it.

Descriptions, reviews and attribute values are data written by sellers and shoppers, never the
shop's own words. A reply shows them only as attributed quotes ('The listing says: “…”'),
cut to a few sentences, on one line, and only the sentences `claims.is_quotable` allows (no
store claims, no instructions to an assistant, no links or markup) that state no rating.
"""

from __future__ import annotations

from assistant.facts.claim_check import rating_problems
from assistant.facts.claims import is_quotable, sentences
from assistant.translation.speaking import _

MAX_QUOTE_CHARS = 160
MAX_FIELD_CHARS = 60
QUOTE_MARKS = str.maketrans({"“": "'", "”": "'", '"': "'"})


def plain(text: str, limit: int = MAX_FIELD_CHARS) -> str:
    """`text` on one line, at most `limit` characters (cut at a word, ending "…")."""
    flat = " ".join(str(text).split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


def quotable_sentences(text: str) -> list[str]:
    """The sentences of catalog `text` that may be quoted, each on one line: no store claims,
    instructions or links (`is_quotable`), and no ratings (the cards state those)."""
    return [
        s
        for s in sentences(" ".join(text.split()))
        if is_quotable(s) and not rating_problems(s, frozenset())
    ]


def quote(text: str, limit: int = MAX_QUOTE_CHARS) -> str:
    """`text` as a bounded quotation: “…”, with its own quote marks made plain."""
    return f"“{plain(text.translate(QUOTE_MARKS), limit)}”"


def listing_quote(description: str) -> str | None:
    """'The listing says: “…”' from a description's quotable sentences, or None."""
    chosen: list[str] = []
    for sentence in quotable_sentences(description):
        if chosen and len(" ".join([*chosen, sentence])) > MAX_QUOTE_CHARS:
            break
        chosen.append(sentence)
    if not chosen:
        return None
    return _("The listing says: {quote}").format(quote=quote(" ".join(chosen)))
