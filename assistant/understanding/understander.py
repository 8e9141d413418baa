"""Understanding a message: the deterministic parse first, the model's JSON second, merged.

In the combined mode the model is asked only when the rules are unsure (unknown product words,
an intent no pattern settles); code's readings of prices, colours, sizes, brands, references
and negations always win, and the model may settle the intent and add slots code left empty.
A model answer is repaired where it can be (intent synonyms, stray keys, numbers as strings)
and validated against the schema; an invalid, failed or late answer leaves the parse alone.
"""

from __future__ import annotations

import json
import logging
import re
import time
from contextlib import closing
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from pydantic import ValidationError

from assistant.llm.base import LLM, LLMError
from assistant.llm.prompts import PromptLibrary
from assistant.understanding.intent_rules import Context, asks, rules_intent
from assistant.understanding.lexicon import AUDIENCE_WORDS, COLOUR_WORDS
from assistant.understanding.parsing import ParsedMessage, parse_message
from assistant.understanding.schema import Intent, Slots, Understood
from assistant.understanding.vocabulary import CatalogVocabulary

log = logging.getLogger(__name__)

INTENT_MAX_NEW_TOKENS = 64
_WORDS = {"type": "array", "items": {"type": "string", "maxLength": 24}, "maxItems": 4}
_PRICE = {"type": "number", "minimum": 0, "maximum": 1_000_000}
# The answer prompts/intent.yaml asks for, in its key order; the local model is held to it by
# constrained decoding, an OpenAI-compatible server through `response_format`.
MODEL_ANSWER_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "intent": {"enum": [i.value for i in Intent]},
        "product": {"type": "string", "maxLength": 40},
        "colours": _WORDS,
        "brands": _WORDS,
        "features": _WORDS,
        "audience": {"enum": ["men", "women", "kids", "unisex"]},
        "price_min": _PRICE,
        "price_max": _PRICE,
        "references": {
            "type": "array",
            "maxItems": 4,
            "items": {"enum": [*"123456789", "it", "last", "cheapest", "dearest", "all"]},
        },
    },
    "required": ["intent"],
    "additionalProperties": False,
}
INTENT_SYNONYMS = {
    "greeting": Intent.SMALLTALK,
    "other": Intent.OUT_OF_SCOPE,
    "add_to_cart": Intent.CART_ADD,
    "policy": Intent.POLICY_QUESTION,
    "question": Intent.ASK_PRODUCT,
    "order": Intent.ORDER_STATUS,
}
SEARCH_INTENTS = (Intent.SEARCH, Intent.REFINE)
# The slots the model may fill when code left them empty. Not features or references: on the
# holdout split every feature the model added was a product noun or a filler word ("fryer",
# "same"), and two of its three references were wrong; code's word lists read those better.
# Not prices: code reads every way of saying an amount, and the model made prices of other
# numbers in real conversations ("4 desks" → over $4).
MODEL_FILLS = frozenset({"category", "colours", "brands", "audience"})
# Slots that only mean something for some intents ("my last order" is no product reference).
INTENT_SLOTS = {
    "references": (
        Intent.REFINE,
        Intent.COMPARE,
        Intent.ASK_PRODUCT,
        Intent.CART_ADD,
        Intent.CART_REMOVE,
    ),
    "quantity": (Intent.CART_ADD, Intent.CART_REMOVE),
    "order_number": (Intent.ORDER_STATUS,),
    "policy_topic": (Intent.POLICY_QUESTION,),
    "sentiment": (Intent.FEEDBACK,),
}


class Mode(StrEnum):
    RULES = "rules"
    MODEL = "model"
    COMBINED = "combined"


@dataclass(frozen=True)
class Understanding:
    parsed: ParsedMessage  # the final slots (merged) and the words nobody placed
    intent: Intent
    model_called: bool
    model_valid: bool | None  # None without a model call
    seconds: float

    @property
    def understood(self) -> Understood:
        return Understood(intent=self.intent, slots=self.parsed.slots)


class Understander:
    """Parses a message and, when needed, asks the model within a time limit."""

    def __init__(
        self, llm: LLM | None, prompts: PromptLibrary, timeout_s: float, mode: Mode = Mode.COMBINED
    ) -> None:
        if llm is None and mode is not Mode.RULES:
            raise ValueError(f"mode {mode} needs a language model")
        self._llm, self._prompts, self._timeout_s, self._mode = llm, prompts, timeout_s, mode

    def provisional(
        self, message: str, vocabulary: CatalogVocabulary, context: Context
    ) -> Understanding | None:
        """The rules' reading when the model will be asked to settle it (so products can be
        shown while it thinks); None when the rules are sure or the model decides alone."""
        if self._mode is not Mode.COMBINED:
            return None
        started = time.perf_counter()
        parsed = parse_message(message, vocabulary)
        verdict = rules_intent(parsed, context, vocabulary)
        if verdict.sure:
            return None
        _fit_slots_to(verdict.intent, parsed.slots, context)
        return Understanding(parsed, verdict.intent, False, None, time.perf_counter() - started)

    def understand(
        self, message: str, vocabulary: CatalogVocabulary, context: Context
    ) -> Understanding:
        started = time.perf_counter()
        parsed = parse_message(message, vocabulary)
        verdict = rules_intent(parsed, context, vocabulary)
        intent, called, valid = verdict.intent, False, None
        if self._mode is Mode.MODEL or (self._mode is Mode.COMBINED and not verdict.sure):
            called = True
            model = self._ask_model(message, context, vocabulary)
            valid = model is not None
            if self._mode is Mode.MODEL:
                parsed = replace(
                    parsed, slots=model.slots if model else Slots(), category_words=[]
                )  # the model's slots replace code's
                intent = model.intent if model else Intent.OUT_OF_SCOPE
            elif model is not None:
                intent = merge_into(parsed, model, verdict.intent, context)
        _fit_slots_to(intent, parsed.slots, context)
        return Understanding(parsed, intent, called, valid, time.perf_counter() - started)

    def _ask_model(
        self, message: str, context: Context, vocabulary: CatalogVocabulary
    ) -> Understood | None:
        messages = self._prompts.render(
            "intent",
            message=message,
            shown=context.shown,
            previous_request=context.previous_request or "",
        )
        deadline = time.perf_counter() + self._timeout_s
        raw = ""
        assert self._llm is not None
        stream = self._llm.generate(
            messages,
            max_new_tokens=INTENT_MAX_NEW_TOKENS,
            timeout_s=self._timeout_s,
            json_schema=MODEL_ANSWER_SCHEMA,
        )
        try:
            with closing(stream):
                for chunk in stream:
                    raw += chunk
                    if raw.count("{") and raw.count("{") == raw.count("}"):
                        break
                    if time.perf_counter() > deadline:  # what came in time is repaired
                        log.warning("intent answer cut at the %s s deadline", self._timeout_s)
                        log.debug("the cut intent answer: %r", raw)  # may echo the message
                        break
            own_words = message if self._mode is Mode.COMBINED else None
            return repair_model_answer(raw, vocabulary, own_words)
        except LLMError as exc:
            log.warning("intent model failed, using the parse alone: %s", exc)
            return None
        except ValueError as exc:  # its text may quote the shopper's words: debug level only
            log.warning("intent answer unusable, using the parse alone")
            log.debug("the unusable intent answer: %s", exc)
            return None


def _fit_slots_to(intent: Intent, slots: Slots, context: Context) -> None:
    """Drop slots the intent gives no meaning to; "the last one" becomes its position."""
    for name, intents in INTENT_SLOTS.items():
        if intent not in intents:
            setattr(slots, name, Slots.model_fields[name].get_default(call_default_factory=True))
    if "last" in slots.references and context.shown:
        slots.references = [str(context.shown) if r == "last" else r for r in slots.references]


def merge_into(parsed: ParsedMessage, model: Understood, rules: Intent, context: Context) -> Intent:
    """Code's slots win and the model fills empty ones of `MODEL_FILLS`; the intent is settled
    by who knows best.

    Whether a product request is new (search) or changes the one on screen (refine) follows
    from the conversation, which the rules track; the small model confuses the two and reads
    "compare" into most follow-ups (on the labelled set's unsure messages it was wrong on every
    search/refine/compare call it made there). Its say is what the message is about when the
    rules found no product request in it, or that it is not a product request at all (a policy
    or order question, small talk, out of scope), which is what the rules cannot tell.
    """
    slots = parsed.slots
    for name, value in model.slots:
        if name in MODEL_FILLS and value not in (None, []) and getattr(slots, name) in (None, []):
            setattr(slots, name, value)
    product_request = model.intent in (*SEARCH_INTENTS, Intent.COMPARE)
    if product_request and rules in SEARCH_INTENTS:
        return rules
    if model.intent is Intent.ASK_PRODUCT and rules in SEARCH_INTENTS and not asks(parsed):
        return rules  # "I need cartridges specifically." asks nothing about a product
    if product_request and model.intent is not Intent.COMPARE:
        return Intent.REFINE if context.previous_request else Intent.SEARCH
    return model.intent


def repair_model_answer(
    raw: str, vocabulary: CatalogVocabulary, message: str | None = None
) -> Understood:
    """The model's first JSON object as a valid `Understood`; raises ValueError if hopeless.

    Repairs: unclosed braces, intent synonyms, unknown keys dropped, numbers given as strings,
    single values where lists are expected, colours and audiences normalised, the product
    words mapped to a catalog category when they name one. Given the `message`, only product
    words the shopper used count, so an invented item cannot become a category.
    """
    data = _first_json_object(raw)
    intent_text = str(data.pop("intent", "")).strip().lower()
    try:
        intent = INTENT_SYNONYMS.get(intent_text) or Intent(intent_text)
    except ValueError as exc:
        raise ValueError(f"unknown intent {intent_text!r}") from exc
    product = data.pop("product", None) or data.pop("category", None)
    fields: dict[str, Any] = {}
    if isinstance(product, str):
        words = product.lower().split()
        if message is not None:
            words = [w for w in words if w in message.lower()]
        fields["category"] = parse_message(" ".join(words), vocabulary).slots.category
    for name, value in data.items():
        if name in Slots.model_fields and name != "category":
            fields[name] = _coerce(name, value)
            if message is not None:
                fields[name] = _said(fields[name], message.lower())
    try:
        slots = Slots.model_validate({k: v for k, v in fields.items() if v not in (None, [])})
    except ValidationError:  # keep the fields that validate on their own
        slots = Slots.model_validate({k: v for k, v in fields.items() if _valid_field(k, v)})
    return Understood(intent=intent, slots=slots)


def _first_json_object(raw: str) -> dict[str, Any]:
    """The first JSON object in `raw`; one cut off mid-way keeps its complete members."""
    start = raw.find("{")
    if start < 0:
        raise ValueError(f"no JSON object in {raw[:80]!r}")
    text, member_ends = _balanced_prefix(raw[start:])
    candidates = [text] + [text[:end] + "}" for end in reversed(member_ends)]
    for candidate in candidates:
        try:
            data = json.loads(candidate)
        except json.JSONDecodeError:
            continue
        if not isinstance(data, dict):
            raise ValueError(f"not a JSON object: {candidate[:80]!r}")
        return data
    raise ValueError(f"invalid JSON {text[:80]!r}")


def _balanced_prefix(text: str) -> tuple[str, list[int]]:
    """The object up to its closing brace (closed if missing) and where its members end."""
    depth, in_string, escaped = 0, False, False
    member_ends: list[int] = []
    for i, char in enumerate(text):
        if in_string:
            in_string = escaped or char != '"'
            escaped = not escaped and char == "\\"
        elif char == '"':
            in_string = True
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth == 0:
                return text[: i + 1], member_ends
        elif char == "," and depth == 1:
            member_ends.append(i)
    return text + "}" * max(depth, 0), member_ends


def _coerce(name: str, value: Any) -> Any:
    annotation = str(Slots.model_fields[name].annotation)
    if "list" in annotation:
        items = value if isinstance(value, list) else [value]
        items = [str(v).strip().lower() for v in items if v not in (None, "")]
        if name == "colours":
            items = [COLOUR_WORDS[v] for v in items if v in COLOUR_WORDS]
        return items
    if name == "audience":
        text = str(value).strip().lower()
        return next((a for a, words in AUDIENCE_WORDS.items() if text == a or text in words), None)
    if "Decimal" in annotation and isinstance(value, str):
        number = re.sub(r"[^\d.]", "", value)
        try:
            return Decimal(number) if number else None
        except InvalidOperation:
            return None
    return value


def _said(value: Any, message: str) -> Any:
    """The part of a model's slot value the shopper's words support (None or [] if none).

    Small models copy values from the prompt's examples; a value counts only when its words
    (a number, an audience's cue word, a colour, a feature) occur in the message. Positions
    said in words ("the second one") do not count: code parses those itself.
    """
    if isinstance(value, list):
        return [v for v in value if _said(v, message) is not None]
    if value is None:
        return None
    text = format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)
    words = set(re.findall(r"[\w']+", message))
    cues = AUDIENCE_WORDS.get(text, (text,))
    return value if any(set(cue.split()) <= words for cue in cues) else None


def _valid_field(name: str, value: Any) -> bool:
    try:
        Slots.model_validate({name: value})
    except ValidationError:
        return False
    return value not in (None, [])
