"""What a piece of text claims: store-level claims, and words aimed at the assistant.

Catalog text (descriptions, reviews, attribute values) is data written by others. Before any of
it is quoted, and before the model's words are shown, this classifier says whether a sentence
makes a claim only the shop may make (price, discount, warranty, shipping, returns), gives
instructions to an assistant ("ignore previous instructions", "tell the customer…"), or carries
links or markup. Each pattern below is one kind of wording, kept readable on purpose.

`claim_terms` reduces a sentence to the claim words it uses (canonical: "warranty", "free",
"30"…), so a claim can be compared with what the store policy or a product's fields state.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum


class ClaimKind(StrEnum):
    PRICE = "price"
    DISCOUNT = "discount"
    WARRANTY = "warranty"
    SHIPPING = "shipping"
    RETURNS = "returns"


# (kind, canonical term, wording). A sentence with any of these makes a claim of that kind.
CLAIM_WORDING: tuple[tuple[ClaimKind, str, str], ...] = (
    (ClaimKind.WARRANTY, "warranty", r"warrant(?:y|ies|ied)"),
    (ClaimKind.WARRANTY, "guarantee", r"guarantee[ds]?"),
    (ClaimKind.WARRANTY, "lifetime", r"lifetime|for life"),
    (ClaimKind.SHIPPING, "shipping", r"ship(?:s|ping|ped)?|postage"),
    (ClaimKind.SHIPPING, "delivery", r"deliver(?:y|ies|ed)"),
    (ClaimKind.RETURNS, "return", r"(?<!energy )returns?|returnable"),
    (ClaimKind.RETURNS, "refund", r"refund(?:s|ed|able)?"),
    (ClaimKind.RETURNS, "money back", r"money[- ]back|your money back"),
    (ClaimKind.RETURNS, "exchange", r"exchanges?"),
    (ClaimKind.DISCOUNT, "discount", r"discount(?:s|ed)?|markdowns?"),
    (ClaimKind.DISCOUNT, "sale", r"on sale|sale prices?|flash sales?"),
    (ClaimKind.DISCOUNT, "clearance", r"clearance"),
    (ClaimKind.DISCOUNT, "off", r"\d+(?:\.\d+)?\s?(?:%|percent)\s?off|half[- ]price|bogo"),
    (ClaimKind.DISCOUNT, "coupon", r"coupons?|promo(?:tion(?:al)?)?(?: codes?)?|vouchers?"),
    (ClaimKind.PRICE, "price", r"(?:lowest|best|cheapest|special|reduced|introductory) prices?"),
    (ClaimKind.PRICE, "price match", r"price[- ]match\w*|price (?:drop|cut)s?"),
    (ClaimKind.PRICE, "free", r"free of charge|for free|at no (?:extra )?cost|costs? nothing"),
)
_CLAIMS = tuple(
    (kind, term, re.compile(rf"(?<![\w-])(?:{wording})(?![\w-])", re.I))
    for kind, term, wording in CLAIM_WORDING
)
# A money amount is a price claim too (quoting); grounding checks amounts against the cards.
MONEY = re.compile(
    r"[$€£₹]\s?\d|(?<![\w.])\d[\d,]*(?:\.\d+)?\s?(?:dollars?|bucks|usd|eur|euros?)\b", re.I
)
# Words that make a claim bigger ("free", "full"); they count only beside a claim.
QUALIFIERS = re.compile(
    r"(?<![\w-])(free|unlimited|extended|full|express|next[- ]day|same[- ]day|overnight|"
    r"worldwide|international)(?![\w-])",
    re.I,
)
# A period or a share: "30-day", "2 years", "days: 30" (as product fields write it), "20%".
PERIOD = re.compile(
    r"(?<![\w.])(\d+)\s?-?\s?(day|week|month|year)s?\b|\b(day|week|month|year)s?\s*:\s*(\d+)\b",
    re.I,
)
PERCENT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?(?:%|percent\b)", re.I)

# Text that speaks to an assistant or a model instead of describing a product.
INSTRUCTION_WORDING = (
    r"\b(?:ignore|disregard|forget|override)\b.{0,40}\b(?:instructions?|prompts?|rules|"
    r"directions|guidelines|above|previous|prior|earlier)\b",
    r"\b(?:new|updated|hidden|secret|system|developer)\s+(?:instructions?|prompt|message|mode)\b",
    r"\b(?:tell|inform|remind|assure|promise|convince)\s+(?:the\s+|every\s+|all\s+|any\s+)?"
    r"(?:customers?|shoppers?|users?|buyers?|visitors?|readers?)\b",
    r"\b(?:say|mention|state|claim|respond|reply|answer|recommend)\s+(?:to\s+)?(?:the\s+)?"
    r"(?:customers?|shoppers?|users?|buyers?)\b",
    r"\b(?:always|never|must|should)\s+(?:say|mention|recommend|respond|answer|reply|tell)\b",
    r"\b(?:you\s+are|you're|act\s+as|pretend\s+(?:to\s+be|you\s+are)|as\s+an?)\s+(?:now\s+)?"
    r"(?:an?\s+)?(?:\w+\s+)?(?:ai|assistant|chat\s?bot|bot|language\s+model|llm|gpt|agent)\b",
    r"\b(?:ai|a\.i\.|assistants?|chat\s?bots?|language\s+models?|llms?|gpt)\b\s*(?:[:,]|must|"
    r"should|will|shall|reading\s+this)",
    r"\b(?:dear|attention|note\s+to(?:\s+the)?)\s+(?:ai|assistant|bot|model|chat\s?bot)\b",
    r"(?:^|\s)(?:system|assistant|user)\s*:|<\|im_(?:start|end)\|>|\[/?inst\]|\bjailbreak\b",
)
_INSTRUCTION = re.compile("|".join(f"(?:{w})" for w in INSTRUCTION_WORDING), re.I)
# Links and markup: a URL, an e-mail address, a Markdown link or image, an HTML tag.
MARKUP = re.compile(
    r"https?://|\bwww\.|\b[\w.+-]+@[\w-]+\.\w|\]\(|!\[|\[[^\]]*\]\s*\[|<\s*/?\s*[a-z!]",
    re.I,
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentences(text: str) -> list[str]:
    """`text` cut into sentences after . ! or ?, blanks dropped."""
    return [s.strip() for s in SENTENCE_END.split(text) if s.strip()]


def claim_kinds(text: str) -> frozenset[ClaimKind]:
    """The kinds of store claim `text` makes, a money amount included."""
    kinds = {kind for kind, _, pattern in _CLAIMS if pattern.search(text)}
    if MONEY.search(text):
        kinds.add(ClaimKind.PRICE)
    return frozenset(kinds)


def claim_terms(text: str) -> frozenset[str]:
    """The claim words of `text`, canonical: its claims' terms and, when it makes any, its
    qualifiers ("free"), periods ("30-day") and shares ("20%"). Empty when `text` makes no
    claim; money amounts are left to the price checks."""
    terms = {term for _, term, pattern in _CLAIMS if pattern.search(text)}
    if not terms:
        return frozenset()
    terms |= {q.lower().replace(" ", "-") for q in QUALIFIERS.findall(text)}
    for number, unit, field_unit, field_number in PERIOD.findall(text):
        terms.add(f"{int(number or field_number)}-{(unit or field_unit).lower()}")
    terms |= {f"{_number(share)}%" for share in PERCENT.findall(text)}
    return frozenset(terms)


def addresses_assistant(text: str) -> bool:
    """True when `text` reads as instructions to an assistant or a model."""
    return _INSTRUCTION.search(" ".join(text.split())) is not None


def has_markup(text: str) -> bool:
    """True when `text` carries a link, an e-mail address, an image or an HTML tag."""
    return MARKUP.search(text) is not None


def is_quotable(sentence: str) -> bool:
    """Whether a catalog sentence may be quoted: no store claim, no instructions, no links."""
    return not (claim_kinds(sentence) or addresses_assistant(sentence) or has_markup(sentence))


def _number(text: str) -> str:
    """One canonical form: "20", "20.0" and "020" are all "20"."""
    return format(Decimal(text).normalize(), "f")
