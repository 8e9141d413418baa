"""Understanding a message: deterministic parse first, the model's JSON intent second, merged.

The model only says what the shopper wants to do and which kind of item they name. Its answer
must validate against `ModelIntent`; an invalid, failed or late answer leaves the parse alone.
"""

from __future__ import annotations

import json
import logging
import re
import time
from contextlib import closing
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from assistant.llm import LLM, LLMError
from assistant.parsing import CatalogVocabulary, ParsedMessage, parse_message
from assistant.prompts import PromptLibrary

log = logging.getLogger(__name__)

INTENT_MAX_NEW_TOKENS = 24


class Intent(StrEnum):
    SEARCH = "search"
    REFINE = "refine"
    GREETING = "greeting"
    RESET = "reset"
    OTHER = "other"


class ModelIntent(BaseModel):
    """The JSON the intent prompt asks for."""

    model_config = ConfigDict(extra="ignore")

    intent: Intent
    product: str | None = None

    @field_validator("product")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value.strip().lower() or None if value else None


@dataclass(frozen=True)
class Understanding:
    parsed: ParsedMessage
    intent: Intent
    model_intent: ModelIntent | None
    model_seconds: float


def parse_model_intent(raw: str) -> ModelIntent:
    """The first JSON object in the model's answer, validated; raises ValueError otherwise."""
    match = re.search(r"\{.*?\}", raw, re.DOTALL)
    if not match:
        raise ValueError(f"no JSON object in {raw[:80]!r}")
    try:
        return ModelIntent.model_validate(json.loads(match.group(0)))
    except (json.JSONDecodeError, ValidationError) as exc:
        raise ValueError(f"invalid intent JSON {match.group(0)[:80]!r}: {exc}") from exc


def deterministic_intent(parsed: ParsedMessage, has_request: bool) -> Intent:
    if parsed.wants_reset:
        return Intent.RESET
    if parsed.is_greeting:
        return Intent.GREETING
    if parsed.category:
        return Intent.SEARCH
    if has_request and (parsed.has_constraints or parsed.excluded_terms):
        return Intent.REFINE
    if parsed.keywords or parsed.has_constraints or parsed.mentions_gift:
        return Intent.SEARCH
    return Intent.OTHER


def merge(parsed: ParsedMessage, model: ModelIntent | None, vocabulary: CatalogVocabulary,
          has_request: bool) -> Intent:
    """Code's readings win; the model may add a category it names with the shopper's own words."""
    fallback = deterministic_intent(parsed, has_request)
    if model is None or fallback in (Intent.RESET, Intent.GREETING):
        return fallback
    if model.product:
        own_words = " ".join(w for w in model.product.split() if w in parsed.text.lower())
        named = parse_message(own_words, vocabulary).category if own_words else None
        if named and (parsed.category is None or named.startswith(parsed.category + " >")):
            parsed.category = named  # "shoes for running" + "running shoes": the narrower one
    if model.intent is Intent.OTHER and fallback is not Intent.OTHER and not parsed.category:
        return Intent.OTHER if not parsed.has_constraints else fallback
    if model.intent is Intent.REFINE and not has_request:
        return fallback
    return fallback if fallback is not Intent.OTHER else model.intent


class Understander:
    """Parses a message and asks the model for its intent within a time limit."""

    def __init__(self, llm: LLM, prompts: PromptLibrary, timeout_s: float) -> None:
        self._llm, self._prompts, self._timeout_s = llm, prompts, timeout_s

    def understand(self, message: str, vocabulary: CatalogVocabulary,
                   previous_request: str | None) -> Understanding:
        parsed = parse_message(message, vocabulary)
        if parsed.wants_reset or parsed.is_greeting:
            return Understanding(parsed, deterministic_intent(parsed, bool(previous_request)),
                                 None, 0.0)
        started = time.perf_counter()
        model_intent = self._ask_model(message, previous_request)
        intent = merge(parsed, model_intent, vocabulary, bool(previous_request))
        return Understanding(parsed, intent, model_intent, time.perf_counter() - started)

    def _ask_model(self, message: str, previous_request: str | None) -> ModelIntent | None:
        messages = self._prompts.render(
            "intent", message=message, previous_request=previous_request or ""
        )
        deadline = time.perf_counter() + self._timeout_s
        raw = ""
        stream = self._llm.generate(
            messages, max_new_tokens=INTENT_MAX_NEW_TOKENS, timeout_s=self._timeout_s
        )
        try:
            with closing(stream):
                for chunk in stream:
                    raw += chunk
                    if "}" in raw or time.perf_counter() > deadline:
                        break
            return parse_model_intent(raw)
        except (LLMError, ValueError) as exc:
            log.warning("model intent unusable, using the parse alone: %s", exc)
            return None
