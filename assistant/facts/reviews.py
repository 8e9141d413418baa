"""What reviewers like and dislike about a product, quoted as their words, never the shop's.

Each quote names who said it ("one 5★ reviewer wrote “…”"), is cut to a bounded length, and
comes only from sentences `claims.is_quotable` allows: a review sentence that claims a price,
discount, warranty, shipping or returns, speaks to an assistant, or carries a link is not
quoted at all.
"""

from __future__ import annotations

import re

from assistant.facts.product_details import clauses
from assistant.facts.quotes import quotable_sentences, quote
from assistant.translation.speaking import _, ngettext
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
        return no_reviews(product)
    praise = sorted((r for r in reviews if r.rating >= 4), key=lambda r: -r.rating)
    complaints = sorted((r for r in reviews if r.rating <= 3), key=lambda r: r.rating)
    average = sum(r.rating for r in reviews) / len(reviews)
    written = ngettext(
        "{count} written review of the {name} average {average}/5.",
        "{count} written reviews of the {name} average {average}/5.",
        len(reviews),
    )
    parts = [written.format(count=len(reviews), name=product.name, average=f"{average:.1f}")]
    liked = _quotes(praise, complaint=False)
    if liked:
        parts.append(_("What reviewers like: {quotes}.").format(quotes=liked))
    disliked = _quotes(complaints, complaint=True)
    if disliked:
        parts.append(_("Less happy: {quotes}.").format(quotes=disliked))
    elif complaints:
        low = ngettext(
            "{count} reviewer gave it 3★ or fewer.",
            "{count} reviewers gave it 3★ or fewer.",
            len(complaints),
        )
        parts.append(low.format(count=len(complaints)))
    else:
        parts.append(_("None of them mention a problem."))
    return " ".join(parts)


def no_reviews(product: Product) -> str:
    return _("No one has written a review of the {name} yet.").format(name=product.name)


def _quotes(reviews: list[Review], complaint: bool) -> str:
    """Up to `QUOTES_PER_SIDE` reviews that have a quotable sentence, each attributed."""
    quoted = []
    for review in reviews:
        sentence = _sentence(review.text, complaint)
        if sentence is not None:
            said = quote(sentence.rstrip(".!"))
            quoted.append(
                _("one {rating}★ reviewer wrote {quote}").format(rating=review.rating, quote=said)
            )
        if len(quoted) == QUOTES_PER_SIDE:
            break
    return clauses(quoted)


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
