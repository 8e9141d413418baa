"""What a customer-service message says: the change asked for, who the customer is, the order,
the reason, the payment method, a new address, and yes / no to a proposed change.

Only the words are read here; which order, item or payment method they point at is settled
against the customer's own orders by the dialogue's service desk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.understanding.change_request import Address, ChangeKind

ORDER_NUMBER = re.compile(r"#?\b(W\d{7})\b|\b([A-Z]{2}-\d{5,7})\b", re.I)
ORDER_LIKE = re.compile(
    r"(?:\border\s*(?:number|no\.?|id|#)?\s*(?:is\s*)?:?\s*|#)([A-Z]{0,2}-?\d{4,10})\b", re.I
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
ZIP = re.compile(r"\b(?:zip(?:\s*code)?|postcode|postal code)\b\D{0,12}(\d{5})\b", re.I)
NAME = re.compile(
    r"\b(?i:my name is|name's|i am|i'm|this is|it's|name:)\s+"
    r"([A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+){1,2})"
)
CARD_ENDING = re.compile(r"\b(?:ending|ends|last (?:four|4)(?: digits)?)\D{0,12}(\d{4})\b", re.I)
STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|"
    "NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC"
)
ADDRESS = re.compile(
    r"(?<![\w-])(\d+[A-Za-z]?\s+[A-Za-z][A-Za-z0-9 .'-]*?)\s*,\s*"
    r"(?:((?:apt|apartment|suite|unit|ste|#)\.?\s*[\w-]+)\s*,\s*)?([A-Za-z .'-]+?)\s*,\s*("
    + STATES
    + r")\.?\s*,?\s*(\d{5})"
    r"(?:\s*,\s*(USA|United States|US))?\b",
    re.I,
)

KIND_CUES: tuple[tuple[ChangeKind, re.Pattern[str]], ...] = (
    (
        ChangeKind.DEFAULT_ADDRESS,
        re.compile(
            r"\b(default|profile|account|home|billing)\s+address|\baddress on (file|my account)\b",
            re.I,
        ),
    ),
    (ChangeKind.CANCEL, re.compile(r"\bcancel", re.I)),
    (ChangeKind.EXCHANGE, re.compile(r"\bexchang|\bswap\b", re.I)),
    (ChangeKind.RETURN, re.compile(r"\breturn|\bsend (\w+ ){0,3}back\b|\brefund for\b", re.I)),
    (
        ChangeKind.ADDRESS,
        re.compile(r"\b(shipping|delivery)?\s*address\b|\bship\b.{0,30}\bto\b", re.I),
    ),
    (
        ChangeKind.PAYMENT,
        re.compile(
            r"\b(change|switch|update|modify)\b.{0,40}\bpayment\b|"
            r"\b(different|another|new) payment method\b|"
            r"\bpay (for )?(it|this|that|the order|my order|order \S+|#?w\d{7}) (with|by|using)\b",
            re.I,
        ),
    ),
    (
        ChangeKind.ITEMS,
        re.compile(
            r"\b(change|modify|switch|update)\b.{0,60}"
            r"\b(item|items|option|options|size|colou?r|to|for|into)\b|"
            r"\bfor the same\b|\bsame [\w -]{1,30} but\b",
            re.I,
        ),
    ),
)
REASONS = (
    (
        "ordered by mistake",
        re.compile(r"\bmistake|\baccident|\bwrong(ly)? order|\bdidn'?t mean to", re.I),
    ),
    (
        "no longer needed",
        re.compile(r"\bno longer need|\b(don'?t|do not) need|\bnot needed|\bchanged my mind", re.I),
    ),
)
YES = re.compile(
    r"^\W*(yes|yeah|yep|yup|sure|ok(ay)?|correct|confirm(ed)?|go ahead|please do|that'?s right|"
    r"right|absolutely|definitely|do it|proceed"
    r"|是的?|好的?|可以的?|确认|对的?|行"  # the yes of a Chinese, Spanish or French customer
    r"|s[ií]|claro|vale|de acuerdo|adelante|conf[ií]rmalo"
    r"|oui|d'accord|allez-y|bien s[uû]r|je confirme)\b",
    re.I,
)
NO = re.compile(
    r"^\W*(?:(no|nope|nah|wait|stop|hold on|don'?t|not quite|that'?s (not|wrong)"
    r"|espera|todav[ií]a no|non|attendez|pas encore)\b"
    r"|不要|不用|不行|不对|不是|否|算了|等等|等一下)",  # Chinese runs on without a space
    re.I,
)
ALL_SET = re.compile(
    r"\b(that'?s (all|it|everything)|nothing else|no,? thanks?|all set|i'?m good)\b", re.I
)
HUMAN = re.compile(
    r"\b(human|real person|(customer service )?agent|representative|supervisor)\b", re.I
)
ORDER_INFO = re.compile(
    r"\b(status|track(ing)?|where('?s| is| are) (my|the)|details|how much (did|have) i "
    r"(pay|paid|spend|spent)|what did i (order|buy)|(sent|shipped|delivered|going) to)\b",
    re.I,
)
ALL_ITEMS = re.compile(
    r"\b(everything|all (the |of the |my )?(items|things|of them)|whole order)\b", re.I
)
ORIGINAL = re.compile(
    r"\b(original|same) (payment|card|method|account)|\b(card|method|account) i (paid|used)", re.I
)


@dataclass(frozen=True)
class PaymentWords:
    """How the customer named a payment method."""

    kind: str | None = None  # "gift_card" | "paypal" | "credit_card"
    brand: str | None = None
    last_four: str | None = None
    original: bool = False


@dataclass(frozen=True)
class ServiceWords:
    kind: ChangeKind | None
    order_numbers: tuple[str, ...]
    malformed_order: str | None  # "order 9502126": looks meant as an order number, is not one
    email: str | None
    name: str | None
    zip_code: str | None
    reason: str | None
    payment: PaymentWords | None
    address: Address | None
    yes: bool
    no: bool
    all_set: bool
    human: bool
    all_items: bool
    order_info: bool  # "what's the status of…", "tracking number?", "how much did I pay?"

    @property
    def identity(self) -> bool:
        return bool(self.email or (self.name and self.zip_code))


def read_service(text: str) -> ServiceWords:
    """Every customer-service cue in one message."""
    return ServiceWords(
        kind=_kind(text),
        order_numbers=tuple(dict.fromkeys(_order_numbers(text))),
        malformed_order=_malformed_order(text),
        email=m.group(0) if (m := EMAIL.search(text)) else None,
        name=m.group(1) if (m := NAME.search(text)) else None,
        zip_code=m.group(1) if (m := ZIP.search(text)) else None,
        reason=next((reason for reason, cue in REASONS if cue.search(text)), None),
        payment=_payment(text),
        address=_address(text),
        yes=bool(YES.search(text)),
        no=bool(NO.search(text)),
        all_set=bool(ALL_SET.search(text)),
        human=bool(HUMAN.search(text)),
        all_items=bool(ALL_ITEMS.search(text)),
        order_info=bool(ORDER_INFO.search(text)),
    )


def _kind(text: str) -> ChangeKind | None:
    """The change the words ask for; an address alone asks to ship an order there."""
    kind = next((kind for kind, cue in KIND_CUES if cue.search(text)), None)
    if kind is None and _address(text) is not None and re.search(r"\border\b", text, re.I):
        return ChangeKind.ADDRESS
    return kind


def _order_numbers(text: str) -> list[str]:
    return [
        f"#{m.group(1).upper()}" if m.group(1) else m.group(2).upper()
        for m in ORDER_NUMBER.finditer(text)
    ]


def _malformed_order(text: str) -> str | None:
    """The first thing written as an order number that has not the shape of one."""
    bad = (m.group(1) for m in ORDER_LIKE.finditer(text) if not ORDER_NUMBER.search(m.group(0)))
    return next(bad, None)


def _payment(text: str) -> PaymentWords | None:
    lowered = text.lower()
    ending = CARD_ENDING.search(text)
    brand = next((b for b in ("visa", "mastercard", "amex", "discover") if b in lowered), None)
    if ORIGINAL.search(text):
        return PaymentWords(original=True)
    if "gift card" in lowered or "giftcard" in lowered:
        return PaymentWords(kind="gift_card")
    if "paypal" in lowered:
        return PaymentWords(kind="paypal")
    if brand or ending or "credit card" in lowered:
        return PaymentWords("credit_card", brand, ending.group(1) if ending else None)
    return None


def _address(text: str) -> Address | None:
    match = ADDRESS.search(text)
    if match is None:
        return None
    street, second, city, state, zip_code, _country = match.groups()
    return Address(
        street.strip(),
        (second or "").strip(),
        city.strip(),
        state.upper(),
        "USA",
        zip_code,
    )
