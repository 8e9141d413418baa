"""What reviewers like and dislike about a product, quoted as their words, never the shop's.

Each quote names who said it ("one 5★ reviewer wrote “…”"), is cut to a bounded length, and
comes only from sentences `claims.is_quotable` allows: a review sentence that claims a price,
discount, warranty, shipping or returns, speaks to an assistant, or carries a link is not
quoted at all.
"""

from __future__ import annotations

import re

from assistant.facts.quotes import quotable_sentences, quote
from catalog.models import Product, Review

QUOTES_PER_SIDE = 2
COMPLAINT = re.compile(
    r"\b(but|not|no|n't|too|only|wish|however|though|although|sadly|"
    r"poor|cheap|broke|broken|small|tight|loose|thin|noisy|returned|sheds?|"
    r"flimsy|uncomfortable|disappoint\w*)\b",
    re.I,
)


def review_summary(product: Product) -> str:
    """Likes from the best-rated reviews and dislikes from the worst, as attributed quotes."""
    reviews = product.reviews
    if not reviews:
        return f"No one has written a review of the {product.name} yet."
    praise = sorted((r for r in reviews if r.rating >= 4), key=lambda r: -r.rating)
    complaints = sorted((r for r in reviews if r.rating <= 3), key=lambda r: r.rating)
    average = sum(r.rating for r in reviews) / len(reviews)
    parts = [
        f"{len(reviews)} written review{'s' if len(reviews) != 1 else ''} of the "
        f"{product.name} average {average:.1f}/5."
    ]
    liked = _quotes(praise, complaint=False)
    if liked:
        parts.append(f"What reviewers like: {liked}.")
    disliked = _quotes(complaints, complaint=True)
    if disliked:
        parts.append(f"Less happy: {disliked}.")
    elif complaints:
        parts.append(f"{_reviewers(len(complaints))} gave it 3★ or fewer.")
    else:
        parts.append("None of them mention a problem.")
    return " ".join(parts)


def _quotes(reviews: list[Review], complaint: bool) -> str:
    """Up to `QUOTES_PER_SIDE` reviews that have a quotable sentence, each attributed."""
    quoted = []
    for review in reviews:
        sentence = _sentence(review.text, complaint)
        if sentence is not None:
            quoted.append(f"one {review.rating}★ reviewer wrote {quote(sentence.rstrip('.!'))}")
        if len(quoted) == QUOTES_PER_SIDE:
            break
    return "; ".join(quoted)


def _sentence(text: str, complaint: bool) -> str | None:
    """A review's first quotable sentence, or for a complaint its first critical one (else its
    last); None when no sentence of it may be quoted."""
    sentences = quotable_sentences(text)
    if not sentences:
        return None
    if complaint:
        critical = [s for s in sentences if COMPLAINT.search(s)]
        return critical[0] if critical else sentences[-1]
    return sentences[0]


def _reviewers(count: int) -> str:
    return f"{count} reviewer{'s' if count != 1 else ''}"
