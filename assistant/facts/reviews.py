"""What reviewers like and dislike about a product, quoted from their own words."""

from __future__ import annotations

import re

from catalog.models import Product, Review

QUOTES_PER_SIDE = 2
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
COMPLAINT = re.compile(
    r"\b(but|not|no|n't|too|only|wish|however|though|although|sadly|"
    r"poor|cheap|broke|broken|small|tight|loose|thin|noisy|returned|sheds?|"
    r"flimsy|uncomfortable|disappoint\w*)\b",
    re.I,
)


def review_summary(product: Product) -> str:
    """Likes from the best-rated reviews and dislikes from the worst, as short quotes."""
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
    if praise:
        parts.append("Reviewers like: " + _quotes(praise, complaint=False) + ".")
    if complaints:
        parts.append("Less happy: " + _quotes(complaints, complaint=True) + ".")
    else:
        parts.append("None of them mention a problem.")
    return " ".join(parts)


def _quotes(reviews: list[Review], complaint: bool) -> str:
    return "; ".join(
        f"“{_sentence(r.text, complaint)}” ({r.rating}★)" for r in reviews[:QUOTES_PER_SIDE]
    )


def _sentence(text: str, complaint: bool) -> str:
    """A review's first sentence, or for a complaint its first critical one (else its last)."""
    sentences = SENTENCE_END.split(text.strip())
    if complaint:
        critical = [s for s in sentences if COMPLAINT.search(s)]
        chosen = critical[0] if critical else sentences[-1]
    else:
        chosen = sentences[0]
    return chosen.rstrip(".!")
