"""The intent code can tell from a parsed message, and whether it is sure of it.

Strong cues (a cart verb, an order number, "compare", a policy word, "start over") settle the
intent; so does a catalog category or a refinement of the request already on screen. What is
left (unknown product words, chit-chat the patterns miss) is left to the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.parsing import CatalogVocabulary, ParsedMessage, parse_message
from assistant.schema import Intent


@dataclass(frozen=True)
class Context:
    """What the conversation holds before this message."""

    previous_request: str | None = None  # e.g. "men's running shoes under $100"
    shown: int = 0                       # how many products are on screen


@dataclass(frozen=True)
class RulesVerdict:
    intent: Intent
    sure: bool


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.I)


ORDER = _any(r"\b(where('s| is)|track|tracking|status|arriv\w*|shipped|dispatched|when will)\b"
             r".{0,40}\b(order|package|parcel|delivery)\b",
             r"\b(order|package|parcel)\b.{0,30}\b(status|arriv\w*|shipped|where|track\w*|"
             r"delivered|late)\b", r"\bmy orders?\b")
CART = r"(cart|basket|bag|trolley)"
CART_SHOW = _any(rf"\b(what'?s|what is|show|view|see|check|open)\b.{{0,20}}\b{CART}\b",
                 rf"^\W*(my )?{CART}\W*$", rf"\b{CART} total\b", rf"\bin my {CART}\b\W*\?")
CART_REMOVE = _any(r"\b(remove|delete|take out|drop|get rid of|don't want)\b",
                   r"\btake\b.{0,30}\bout\b")
CART_ADD = _any(rf"\b(add|put|throw|toss|stick)\b.{{0,40}}\b({CART}|it|that|this|them|one)\b",
                r"\b(i'?ll|i will|i'd like to|let me|i want to) (take|buy|get|order|have)\b",
                r"^\W*(buy|get me|order) (it|that|this|them|the)\b")
CHECKOUT = _any(r"\bcheck ?out\b", r"\bplace (the|my|an|this) order\b",
                r"\bready to (pay|order|buy|check)\b", r"\b(complete|finish|finalize|finalise) "
                r"(my|the) (order|purchase)\b", r"\b(pay now|proceed to (payment|checkout))\b",
                r"^\W*(let'?s )?pay\W*$")
COMPARE = _any(r"\b(compare|comparison|vs\.?|versus|difference|differences|differ)\b",
               r"\bwhich (one |of (them|these|those|the two) )?(is|are|would be) (better|best)\b",
               r"\bhow do (they|these|those) (compare|stack up)\b")
SMALLTALK = _any(r"\b(how are you|how's it going|who are you|what can you do|what's up|"
                 r"are you (a )?(bot|robot|human|real)|your name|good (morning|evening|night)|"
                 r"nice to meet you)\b")
OUT_OF_SCOPE = _any(r"\b(weather|joke|news|president|football|soccer|recipe|homework|"
                    r"capital of|meaning of life|stock price|bitcoin|crypto|movie|song|"
                    r"translate|poem|election|horoscope|lottery|sports score)\b")
QUESTION = _any(r"\?\s*$", r"^\W*(does|do|is|are|can|could|what|which|how|will|would|tell me)\b")


def rules_intent(parsed: ParsedMessage, context: Context,
                 vocabulary: CatalogVocabulary) -> RulesVerdict:
    """The rules' intent; `sure` is False when the model should have its say."""
    text, slots = parsed.text.lower(), parsed.slots
    has_refs = bool(slots.references)
    strong = [
        (parsed.wants_reset, Intent.RESET),
        (bool(slots.order_number) or bool(ORDER.search(text)), Intent.ORDER_STATUS),
        (bool(CART_SHOW.search(text)), Intent.CART_SHOW),
        (bool(CHECKOUT.search(text)), Intent.CHECKOUT),
        (bool(CART_REMOVE.search(text)) and (has_refs or re.search(CART, text) is not None),
         Intent.CART_REMOVE),
        (bool(CART_ADD.search(text)), Intent.CART_ADD),
        (bool(COMPARE.search(text)), Intent.COMPARE),
        (slots.policy_topic is not None and not slots.category, Intent.POLICY_QUESTION),
        (parsed.is_greeting or bool(SMALLTALK.search(text)), Intent.SMALLTALK),
        (bool(OUT_OF_SCOPE.search(text)) and not slots.category, Intent.OUT_OF_SCOPE),
    ]
    for matched, intent in strong:
        if matched:
            return RulesVerdict(intent, True)
    if has_refs and context.shown and (QUESTION.search(text) or not slots.category):
        return RulesVerdict(Intent.ASK_PRODUCT, True)
    if slots.sentiment and not slots.category and not parsed.keywords:
        return RulesVerdict(Intent.FEEDBACK, True)
    return _search_or_refine(parsed, context, vocabulary)


def _search_or_refine(parsed: ParsedMessage, context: Context,
                      vocabulary: CatalogVocabulary) -> RulesVerdict:
    slots, previous = parsed.slots, context.previous_request
    ongoing = previous is not None
    if slots.category:
        same = previous is not None and \
            parse_message(previous, vocabulary).slots.category == slots.category
        return RulesVerdict(Intent.REFINE if same else Intent.SEARCH, True)
    if parsed.mentions_gift:  # "I need a gift (for my sister)": a new errand, not a refinement
        return RulesVerdict(Intent.SEARCH, not parsed.keywords)
    if parsed.has_constraints or slots.occasion:
        sure = not parsed.keywords
        return RulesVerdict(Intent.REFINE if ongoing else Intent.SEARCH, sure)
    if parsed.keywords:
        return RulesVerdict(Intent.REFINE if ongoing else Intent.SEARCH, False)
    return RulesVerdict(Intent.OUT_OF_SCOPE, False)
