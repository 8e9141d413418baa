"""The customer's words settled against their own orders: which order, which items, which new
options, which payment method. Product names and option values come from the store's data,
never from a word list."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from assistant.store.customer_orders import (
    CustomerFacts,
    LineFacts,
    MethodFacts,
    OrderFacts,
    VariantFacts,
)
from assistant.understanding.service_request import PaymentWords


@functools.lru_cache(maxsize=4096)
def name_pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in re.findall(r"[a-z0-9]+", phrase.lower())]
    joined = r"[\s'\u2019-]*".join(words)  # "women's" is "women" "s"
    return re.compile(r"\b" + joined + r"(s|es)?\b") if words else re.compile("$^")


SAME = re.compile(r"\bsame\s+(\w+\s+)?$")  # "the same kettle but…" names the new item


@functools.lru_cache(maxsize=4096)
def _shorter_names(name: str) -> tuple[str, ...]:
    """Runs of two or more of the name's words, longest first, then its last word:
    "Blister Guard Cushioned Running Socks 3-Pack" … "Running Socks" … "3-Pack"."""
    words = name.split()
    runs = [
        " ".join(words[start : start + size])
        for size in range(len(words) - 1, 1, -1)
        for start in range(len(words) - size + 1)
    ]
    return (*runs, words[-1]) if len(words) > 1 else ()


def mentions(text: str, name: str) -> list[int]:
    """Where `text` names the product: its whole name, else the longest run of its words
    ('running socks'), else its last word ('keyboard'); a mention right after 'same'
    describes the new item, not one more old one."""
    lowered = text.lower()
    found = [m.start() for m in name_pattern(name).finditer(lowered)]
    for shorter in () if found else _shorter_names(name.strip()):
        found = [m.start() for m in name_pattern(shorter).finditer(lowered)]
        if found:
            break
    return [place for place in found if not SAME.search(lowered[:place])]


ORDER_DESCRIBED = re.compile(
    r"\border (with|that has|containing|including)\b.*?"
    r"(?=,?\s*\b(please|i'?d|i would|i want|i need|could|can you|and i)\b|[.?!:;\n]|$)",
    re.I,
)


def named_lines(text: str, order: OrderFacts) -> list[tuple[int, LineFacts]]:
    """The order's lines the text names, with where; of two lines of one product, the one whose
    option values the text repeats. Products named only to say which order ("my order with
    the lamp and the chair") count only when nothing else is named."""
    outside = ORDER_DESCRIBED.sub(lambda m: " " * len(m.group(0)), text)
    return _named_lines(outside, order) or _named_lines(text, order)


def _named_lines(text: str, order: OrderFacts) -> list[tuple[int, LineFacts]]:
    chosen: list[tuple[int, LineFacts]] = []
    for name in dict.fromkeys(line.name for line in order.lines):
        places = mentions(text, name)
        if not places:
            continue
        lines = [line for line in order.lines if line.name == name]
        for place in places[: len(lines)]:
            segment = text[place : place + 160].lower()
            best = max(
                lines,
                key=lambda line: sum(_said(segment, value) for _, value in line.options),
            )
            lines.remove(best)
            chosen.append((place, best))
    return sorted(chosen, key=lambda pair: pair[0])


def _said(text: str, value: str) -> bool:
    return bool(re.search(r"(?<![\w])" + re.escape(value.lower()) + r"(?![\w])", text))


def _said_value(text: str, key: str, value: str) -> bool:
    """The value itself, or for 'none' a 'no <option>', 'without <option>', '<option>: none'."""
    if value.lower() in ("none", "no"):
        option = re.escape(key.lower())
        return bool(
            re.search(rf"\b(no|without)\s+(any\s+)?{option}|\b{option}\W{{0,3}}(none|no)\b", text)
        )
    return _said(text, value)


def wanted_options(segment: str, line: LineFacts) -> dict[str, str]:
    """Option values the segment names for this line's product that differ from its own."""
    current = dict(line.options)
    values: dict[str, set[str]] = {}
    for variant in line.variants:
        for key, value in variant.options:
            values.setdefault(key, set()).add(value)
    wanted = {}
    lowered = segment.lower()
    for key, choices in values.items():
        named = [v for v in choices if v != current.get(key) and _said_value(lowered, key, v)]
        named = [v for v in named if not any(v != o and v.lower() in o.lower() for o in named)]
        if named:
            wanted[key] = max(named, key=lambda v: lowered.rfind(v.lower()))
        elif key in current and (step := _size_step(lowered, key)):
            nearby = _next_value(current[key], choices, step)
            if nearby is not None:
                wanted[key] = nearby
    return wanted


LETTER_SIZES = ("XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL")
WORD_SIZES = ("small", "medium", "large")


def _size_step(text: str, key: str) -> int:
    """+1 for "a size larger" / "one size up" / "a bigger size", -1 for smaller; 0 for neither.
    Only for an option named like a size ("size", "shoe size")."""
    if "size" not in key.lower():
        return 0
    up = r"(larger|bigger|up)"
    down = r"(smaller|down)"
    for step, way in ((1, up), (-1, down)):
        if re.search(rf"\b(a|one|1) size {way}\b|\bsize {way}\b|\b(a )?{way} size\b", text):
            return step
    return 0


def _next_value(value: str, choices: set[str], step: int) -> str | None:
    """The value `step` places from `value` when the choices have an order: numbers ("9",
    "10.5") or the usual letter or word sizes; None when they have none or it runs out."""
    ordered = _ordered(choices)
    if ordered is None or value not in ordered:
        return None
    place = ordered.index(value) + step
    return ordered[place] if 0 <= place < len(ordered) else None


def _ordered(choices: set[str]) -> list[str] | None:
    numbers = {c: re.match(r"\d+(\.\d+)?", c) for c in choices}
    if all(numbers.values()):
        return sorted(choices, key=lambda c: float(numbers[c].group(0)))  # type: ignore[union-attr]
    for scale in (LETTER_SIZES, WORD_SIZES):
        folded = {c: c.upper() if scale is LETTER_SIZES else c.lower() for c in choices}
        if all(f in scale for f in folded.values()):
            return sorted(choices, key=lambda c: scale.index(folded[c]))
    return None


def new_variant(line: LineFacts, wanted: dict[str, str]) -> VariantFacts | None:
    """The variant with the wanted values that keeps most of the line's other options."""
    current = dict(line.options)
    fitting = [
        v for v in line.variants if all(dict(v.options).get(k) == w for k, w in wanted.items())
    ]
    if not fitting or not wanted:
        return None
    return max(
        fitting,
        key=lambda v: (sum(dict(v.options).get(k) == c for k, c in current.items()), v.available),
    )


def payment_method(
    words: PaymentWords, methods: Sequence[MethodFacts], order: OrderFacts | None
) -> MethodFacts | None:
    """The method the words name, if exactly one fits."""
    if words.original:
        paid = order.paid_with if order else None
        return next((m for m in methods if m.method_id == paid), None)
    fitting = [
        m
        for m in methods
        if (words.kind is None or m.kind == words.kind)
        and (words.last_four is None or m.last_four == words.last_four)
        and (words.brand is None or (m.brand or "").lower() == words.brand)
    ]
    return fitting[0] if len(fitting) == 1 else None


def orders_naming(text: str, facts: CustomerFacts, numbers: Sequence[str]) -> list[OrderFacts]:
    """The orders the text points at: by number, else by the products it names."""
    if numbers:
        return [o for o in facts.orders if o.number in numbers]
    return [o for o in facts.orders if _names_mentioned(text, o)[0]]


def best_named(text: str, orders: Sequence[OrderFacts]) -> list[OrderFacts]:
    """The orders most of whose products the text names ("my order with the lamp and chair")."""
    scores = {o.number: _names_mentioned(text, o) for o in orders}
    best = max(scores.values(), default=(0, 0.0))
    return [o for o in orders if scores[o.number] == best]


def _names_mentioned(text: str, order: OrderFacts) -> tuple[int, float]:
    """How many of the order's products the text names, and what share of them."""
    names = {line.name for line in order.lines}
    count = sum(bool(mentions(text, name)) for name in names)
    return count, count / len(names) if names else 0.0


def mentions_own_orders(text: str, facts: CustomerFacts) -> bool:
    """Whether the text names a product of the customer's orders or one of its options."""
    lowered = text.lower()
    for order in facts.orders:
        for line in order.lines:
            if mentions(text, line.name):
                return True
            values = {value for v in line.variants for key, value in v.options}
            if any(_said(lowered, value) for value in values if len(value) > 2):
                return True
    return False
