"""Whether a sentence's store claims and ratings are backed: one checker for grounding and audit.

A sentence may claim a warranty, shipping, returns, a discount or a price deal only when the
store policy text or the shown products' structured fields state the same claim: its claim
terms (`claims.claim_terms`: "free", "lifetime", "warranty", "30-day"…) must all appear in one
backing sentence. "Free lifetime warranty" is not backed by "a limited lifetime warranty"
(nothing says "free"). Text inside quote marks is checked on its own, so "From our Returns
policy: “…”" is the policy's sentence quoted.

Ratings are out of 5: a sentence that puts the top of the scale anywhere else ("rated 6 out of
5", "4.1 is the highest possible rating") fails, and a rating it states must be one of
`ratings` (a card's rating, or for the audit a written review's). Thresholds ("rated 4.5+",
"4 or higher") are requests, not ratings, and only need to be on the scale.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from assistant.facts.claims import claim_terms, sentences

TOP_RATING = Decimal(5)
VALUE = r"\d+(?:\.\d+)?"
QUOTE_MARK = re.compile(r"[“”\"]")
RATING_WORDS = re.compile(r"\brat(?:ed|ing|ings)\b|\bstars?\b|★|\bscor(?:e|ed|es)\b", re.I)
OUT_OF = re.compile(rf"({VALUE})\s*(?:/|out of)\s*({VALUE})", re.I)
STATED = re.compile(
    rf"\brated\s+(?:at\s+)?({VALUE})|\brating\s+(?:of\s+|is\s+)?({VALUE})|"
    rf"({VALUE})\s*-?\s*(?:stars?\b|★)|\bscored?\s+(?:an?\s+)?({VALUE})",
    re.I,
)
THRESHOLD = re.compile(r"\s*(?:\+|or\s+(?:higher|more|above|better|up))", re.I)
TOP_OF_SCALE = re.compile(
    r"\b(?:highest|best|top)\s+possible\s+(?:rating|score)|"
    r"\b(?:maximum|max|perfect)\s+(?:rating|score|stars?)\b|\brating\s+scale\b|"
    r"\bout\s+of\s+a\s+possible\b",
    re.I,
)
NUMBER = re.compile(VALUE)


@dataclass(frozen=True)
class ClaimEvidence:
    """What backs claims: the claim terms of each backing sentence, the ratings that may be
    stated, and product names to read past (a name is checked by the name rules)."""

    statements: tuple[frozenset[str], ...] = ()
    ratings: frozenset[Decimal] = frozenset()
    names: tuple[str, ...] = ()

    @classmethod
    def from_texts(
        cls,
        texts: Iterable[str],
        ratings: Iterable[float | Decimal] = (),
        names: Iterable[str] = (),
    ) -> ClaimEvidence:
        """Evidence from backing texts (policy bodies, product fields written out)."""
        statements = {claim_terms(s) for text in texts for s in sentences(text)}
        return cls(
            tuple(sorted(statements - {frozenset()}, key=sorted)),
            frozenset(Decimal(f"{rating:.1f}") for rating in ratings),
            tuple(sorted(set(names), key=len, reverse=True)),
        )

    def with_products(
        self,
        fields: Iterable[str],
        ratings: Iterable[float | Decimal],
        names: Iterable[str],
    ) -> ClaimEvidence:
        """This evidence plus the shown products' fields, ratings and names."""
        extra = ClaimEvidence.from_texts(fields, ratings, names)
        return ClaimEvidence(
            self.statements + extra.statements,
            self.ratings | extra.ratings,
            tuple(sorted({*self.names, *extra.names}, key=len, reverse=True)),
        )


def claim_problems(sentence: str, evidence: ClaimEvidence) -> list[str]:
    """What in `sentence` nothing backs: store claims, and ratings off the scale or not shown."""
    text = sentence
    for name in evidence.names:
        text = re.sub(re.escape(name), " ", text, flags=re.I)
    problems = []
    for part in QUOTE_MARK.split(text):
        terms = claim_terms(part)
        if terms and not any(terms <= statement for statement in evidence.statements):
            problems.append(
                f"claims {', '.join(sorted(terms))} that neither the store policy nor the "
                f"products' fields state: {part.strip()!r}"
            )
    return problems + rating_problems(text, evidence.ratings)


def rating_problems(sentence: str, ratings: frozenset[Decimal]) -> list[str]:
    """Ratings in `sentence` off the 0 to 5 scale, or stated and not among `ratings`."""
    if not (RATING_WORDS.search(sentence) or TOP_OF_SCALE.search(sentence)):
        return []
    problems = []
    for _, scale in OUT_OF.findall(sentence):
        if Decimal(scale) != TOP_RATING:
            problems.append(f"a rating out of {scale}: ratings are out of 5")
    if TOP_OF_SCALE.search(sentence):
        off = [n for n in NUMBER.findall(sentence) if Decimal(n) != TOP_RATING]
        problems += [f"{n} as the top of the scale: ratings are out of 5" for n in off]
    for match in [*OUT_OF.finditer(sentence), *STATED.finditer(sentence)]:
        value = Decimal(next(group for group in match.groups() if group))
        threshold = THRESHOLD.match(sentence, match.end())
        if value > TOP_RATING:
            problems.append(f"a rating of {value}: ratings are out of 5")
        elif not threshold and value.quantize(Decimal("0.1")) not in ratings:
            problems.append(f"a rating of {value} that no product shown has")
    return list(dict.fromkeys(problems))


def text_claim_problems(text: str, evidence: ClaimEvidence) -> list[str]:
    """`claim_problems` of every sentence of `text`."""
    return [
        problem for sentence in sentences(text) for problem in claim_problems(sentence, evidence)
    ]
