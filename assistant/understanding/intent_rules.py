"""The intent code can tell from a parsed message, and whether it is sure of it.

Strong cues (a cart verb, an order number, "compare", a policy word, "start over") settle the
intent; so does a catalog category or a refinement of the request already on screen. What is
left (unknown product words, chit-chat the patterns miss) is left to the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.understanding.conversation_acts import ACKNOWLEDGING, SHOP_QUESTIONS, Act
from assistant.understanding.parsing import ParsedMessage, parse_message
from assistant.understanding.product_question import SUPERLATIVE, VALUE_OF_SHOWN
from assistant.understanding.schema import Intent
from assistant.understanding.vocabulary import CatalogVocabulary


@dataclass(frozen=True)
class Context:
    """What the conversation holds before this message."""

    previous_request: str | None = None  # e.g. "men's running shoes under $100"
    shown: int = 0  # how many products are on screen


@dataclass(frozen=True)
class RulesVerdict:
    intent: Intent
    sure: bool


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.I)


ORDER = _any(
    r"\b(where('s| is)|track|tracking|status|arriv\w*|shipped|dispatched|when will)\b"
    r".{0,40}\b(order|package|parcel|delivery)\b",
    r"\b(order|ordered|package|parcel)\b.{0,40}\b(status|arriv\w*|shipped|where|"
    r"track\w*|delivered|late)\b",
    r"\bmy orders?\b",
)
CART = r"(cart|basket|bag|trolley)"
CART_SHOW = _any(
    rf"\b(what'?s|what is|show|view|see|check|open)\b.{{0,20}}\b{CART}\b",
    rf"^\W*(my )?{CART}\W*$",
    rf"\b{CART} total\b",
    rf"\bin my {CART}\b\W*\?",
    r"\bwhat (have|did) i (added|add|put)\b",
    r"\b(get|got|been) added\b",
)
CART_REMOVE = _any(
    r"\b(remove|delete|take out|drop|get rid of|don't want)\b",
    r"\btake\b.{0,30}\bout\b",
    rf"\b(empty|clear)\b.{{0,10}}\b{CART}\b",
)
CART_ADD = _any(
    rf"\b(add|put|throw|toss|stick)\b.{{0,40}}\b({CART}|it|that|this|them|one)\b",
    r"^\W*(please )?(add|put)\b",
    r"\b(i'?ll|i will|i'd like to|let me|i want to) (just )?(take|buy|get|order|have)\b",
    r"\bi('ll| will)? (want|need|have) (the|that|this) (\w+ )?(one|pair)\W*$",
    r"^\W*(buy|get me|order) (it|that|this|them|the|number|#|[1-9])\b",
)
COUNT = r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"
CART_QUANTITY = _any(
    rf"^\W*(make|change|set|update) (it|that|this|them|the quantity|quantity|"
    rf"the \w+ one|the \w+)( of [\w ]{{1,40}})? (to )?{COUNT}\b",
    rf"\bquantity\b.{{0,30}}\b{COUNT}\b",
    rf"\b(only|just) (want|need) {COUNT}\b",
)
CHECKOUT = _any(
    r"\bcheck ?out\b",
    r"\bplace (the|my|an|this) order\b",
    r"\bready to (pay|order|buy|check)\b",
    r"\b(complete|finish|finalize|finalise) "
    r"(my|the) (order|purchase)\b",
    r"\b(pay now|proceed to (payment|checkout))\b",
    r"^\W*(let'?s )?pay\W*$",
    r"\bhow (do|can) i pay\b",
    r"\bdone shopping\b",
    rf"\b(buy|purchase|order) (everything|it all|all)\b.{{0,20}}\b{CART}\b",
)
COMPARE = _any(
    r"\b(compare|comparison|vs\.?|versus|difference|differences|differ)\b",
    r"\bwhich (one |of (them|these|those|the two) )?(is|are|would be) (better|best)\b",
    r"\bhow do (they|these|those) (compare|stack up)\b",
    r"\bpros and cons\b",
    r"\bside by side\b",
    r"\bwhich (one )?(would|should) (you|i) (pick|choose|get|go)",
    r"\bwhich (is|one is) better\b",
    r"\bwhich of (those|these|the) (two|2|three)\b",
    r"\b(better|worse) than the (first|second|third|fourth|other|last)\b",
)
SMALLTALK = _any(
    r"\b(how are you|how's it going|who are you|what can you do|what's up|"
    r"are you (a )?(bot|robot|human|real)|your name|nice to meet you|"
    r"how's your day|have a (nice|good) (day|one))\b",
    r"^\W*(bye|goodbye|see you|see ya|cheers|good night)\b",
)
OUT_OF_SCOPE = _any(
    r"\b(weather|joke|news|president|football|soccer|recipe|homework|"
    r"capital of|meaning of life|stock price|bitcoin|crypto|movie|song|"
    r"translate|poem|election|horoscope|lottery|sports score|restaurant|"
    r"system prompt|your instructions)\b",
    r"\bhow (do|can|should) i (fix|repair|cook|bake|learn)\b",
)
CHIT_CHAT_QUESTION = _any(
    r"\b(what'?s|whats|what is|how'?s|hows|how is) the weather\b",
    r"\bweather (forecast|today|tomorrow)\b",
    r"\btell me a joke\b",
)
STORE_QUESTION = _any(
    r"^\W*(do|does|can|will) (you|your (store|shop))( guys)? (offer|provide|do|"
    r"run|accept|give|support)\b",
    r"\b(loyalty|rewards? (programme|program|points)|membership|members?|gift ?wrap\w*|"
    r"(student )?discounts?|discount codes?|coupons?|promo(tion)?s?|vouchers?|click and collect|"
    r"in[- ]store pick ?up|layaway)\b",
)
QUESTION = _any(r"\?\s*$", r"^\W*(does|do|is|are|can|could|what|which|how|will|would|tell me)\b")
DESCRIBED_ONE = _any(r"\bthe \w+( \w+)? (one|ones|pair)\b")


def asks(parsed: ParsedMessage) -> bool:
    """Whether the message is a question, or points at a shown product ("the second one")."""
    return bool(parsed.slots.references or QUESTION.search(parsed.grammar_text.lower()))


def rules_intent(
    parsed: ParsedMessage, context: Context, vocabulary: CatalogVocabulary
) -> RulesVerdict:
    """The rules' intent; `sure` is False when the model should have its say."""
    conversational = _conversation_act(parsed, context)
    if conversational is not None:
        return RulesVerdict(conversational, True)
    if parsed.stated_intent is not None:  # "加入购物车", "vacía mi carrito", "ma commande"
        return RulesVerdict(parsed.stated_intent, True)
    text, slots = parsed.grammar_text.lower(), parsed.slots
    has_refs, question = bool(slots.references), bool(QUESTION.search(text))
    names_product = bool(slots.category or parsed.product_words)
    strong = [
        (parsed.wants_reset and not names_product, Intent.RESET),
        (bool(CHECKOUT.search(text)), Intent.CHECKOUT),
        (bool(slots.order_number) or bool(ORDER.search(text)), Intent.ORDER_STATUS),
        (bool(CART_SHOW.search(text)), Intent.CART_SHOW),
        (
            bool(CART_REMOVE.search(text))
            and (
                has_refs or re.search(CART, text) is not None or text.lstrip().startswith("remove")
            ),
            Intent.CART_REMOVE,
        ),
        (bool(CART_ADD.search(text)) or bool(CART_QUANTITY.search(text)), Intent.CART_ADD),
        (bool(COMPARE.search(text)), Intent.COMPARE),
        (
            slots.policy_topic is not None and (question or not slots.category),
            Intent.POLICY_QUESTION,
        ),
        (parsed.is_greeting or bool(SMALLTALK.search(text)), Intent.SMALLTALK),
        (
            (
                bool(OUT_OF_SCOPE.search(text))
                and (not slots.category or parsed.category_by_meaning)
                and not has_refs
            )
            or bool(CHIT_CHAT_QUESTION.search(text)),
            Intent.OUT_OF_SCOPE,
        ),
        (
            bool(slots.sentiment)
            and not question
            and not parsed.has_constraints
            and not slots.occasion
            and not names_product,
            Intent.FEEDBACK,
        ),
    ]
    for matched, intent in strong:
        if matched:
            return RulesVerdict(intent, True)
    ranks_shown = bool(SUPERLATIVE.search(text)) and not parsed.has_constraints
    of_shown = (  # "what is the plot?", "what is the waterproof rating?": of what is shown
        bool(VALUE_OF_SHOWN.search(text)) and not (slots.category or parsed.kind_phrase)
    )
    if (
        context.shown
        and question
        and (has_refs or DESCRIBED_ONE.search(text) or ranks_shown or of_shown)
    ):
        return RulesVerdict(Intent.ASK_PRODUCT, True)
    if has_refs and question and not (names_product or parsed.has_constraints):
        return RulesVerdict(Intent.ASK_PRODUCT, True)  # "why this one?" (asked what about)
    if STORE_QUESTION.search(text) and not slots.category:
        return RulesVerdict(Intent.POLICY_QUESTION, True)  # "do you offer gift wrapping?"
    if context.previous_request and parsed.wants_more:
        return RulesVerdict(Intent.REFINE, True)
    if context.shown and has_refs and not (names_product or parsed.has_constraints):
        return RulesVerdict(Intent.ASK_PRODUCT, True)  # "the cheaper of those two"
    return _search_or_refine(parsed, context, vocabulary)


def _conversation_act(parsed: ParsedMessage, context: Context) -> Intent | None:
    """The intent of a message that is no product request ("sure", "oh god", "hi, can you
    help me shop?", "I'll go for the second one", "which currency is that?"), if it is one.

    Thanks, agreement and reactions are feedback only when they add no constraint ("sure,
    in red" refines); a pick is a cart choice only while there are products to pick from.
    """
    act = parsed.act
    if act is None:
        return None
    if act is Act.CHOICE:  # not "I'll go with the free shipping option"
        return Intent.CART_ADD if context.shown and not parsed.slots.policy_topic else None
    if act in SHOP_QUESTIONS:
        return Intent.POLICY_QUESTION
    without_negations = replace(
        parsed, slots=parsed.slots.model_copy(update={"excluded_terms": []})
    )
    if without_negations.has_constraints:  # "not interested" is no constraint; "in red" is
        return None
    if act in (Act.GREETING, Act.WANTS_TO_SHOP) or parsed.says_goodbye:
        return Intent.SMALLTALK
    assert act in ACKNOWLEDGING
    return Intent.FEEDBACK


def _search_or_refine(
    parsed: ParsedMessage, context: Context, vocabulary: CatalogVocabulary
) -> RulesVerdict:
    slots, previous = parsed.slots, context.previous_request
    ongoing = previous is not None
    if slots.category:
        same = (
            previous is not None
            and parse_message(previous, vocabulary).slots.category == slots.category
        )
        return RulesVerdict(Intent.REFINE if same else Intent.SEARCH, True)
    if parsed.mentions_gift:  # "I need a gift (for my sister)": a new errand, not a refinement
        return RulesVerdict(Intent.SEARCH, not parsed.product_words)
    if parsed.has_constraints or slots.occasion:
        sure = not parsed.product_words
        return RulesVerdict(Intent.REFINE if ongoing else Intent.SEARCH, sure)
    if parsed.product_words:
        return RulesVerdict(Intent.REFINE if ongoing else Intent.SEARCH, False)
    return RulesVerdict(Intent.OUT_OF_SCOPE, False)
