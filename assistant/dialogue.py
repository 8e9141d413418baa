"""The dialogue manager: one shopper turn from message to cards and grounded, streamed words."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass

from assistant import replies
from assistant.describe import describe_request, fit_reason, stated_limits
from assistant.grounding import grounded_sentences
from assistant.guard import check_message
from assistant.intent_rules import Context
from assistant.knowledge import CatalogKnowledge
from assistant.llm import LLM, LLMError
from assistant.policy import Action, decide, new_request, refine_request
from assistant.prompts import PromptLibrary
from assistant.schema import Intent
from assistant.state import (
    AssistantSaid,
    ClarificationAsked,
    Conversation,
    RequestRefined,
    RequestStarted,
    ResultsShown,
    ShopperSaid,
    StartedOver,
)
from assistant.turns import ProductCard, TurnUpdate
from assistant.understanding import Understander, Understanding
from catalog.search import ProductSearch, SearchHit, SearchRequest

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DialogueConfig:
    results_per_turn: int = 4
    reply_max_new_tokens: int = 48
    reply_timeout_s: float = 30.0
    max_message_chars: int = 2000


class DialogueManager:
    """Runs turns: guard, understand, decide, retrieve, respond, record."""

    example_prompts: tuple[str, ...] = replies.EXAMPLE_PROMPTS

    def __init__(self, llm: LLM, understander: Understander, search: ProductSearch,
                 knowledge: Callable[[], CatalogKnowledge], prompts: PromptLibrary,
                 config: DialogueConfig, image_path: Callable[[str | None], str | None]) -> None:
        self._llm = llm
        self._understander = understander
        self._search = search
        self._knowledge = knowledge
        self._prompts = prompts
        self._config = config
        self._image_path = image_path

    def new_conversation(self) -> Conversation:
        return Conversation()

    def respond(self, conversation: Conversation, message: str) -> Iterator[TurnUpdate]:
        checked = check_message(message, self._config.max_message_chars)
        if checked.problem:
            yield TurnUpdate((), checked.problem, True)
            return
        state = conversation.state
        knowledge = self._knowledge()
        context = Context(describe_request(state.request) if state.request else None,
                          len(state.shown_ids))
        understanding = self._understander.understand(checked.text, knowledge.vocabulary, context)
        action = decide(understanding, state)
        log.info("turn: intent=%s action=%s", understanding.intent, action)
        conversation.record(ShopperSaid(checked.text))

        if action in (Action.NEW_SEARCH, Action.REFINE):
            if action is Action.NEW_SEARCH:
                request = new_request(understanding.parsed)
            else:
                assert state.request is not None
                request = refine_request(state.request, understanding.parsed, state)
            yield from self._show_products(conversation, request, action)
            return
        text = self._fixed_reply(conversation, action, understanding)
        conversation.record(AssistantSaid(text))
        yield TurnUpdate((), text, True)

    def _fixed_reply(self, conversation: Conversation, action: Action,
                     understanding: Understanding) -> str:
        if action is Action.START_OVER:
            conversation.record(StartedOver())
            return replies.START_OVER
        if action is Action.CLARIFY:
            question = replies.clarifying_question(understanding.parsed.mentions_gift)
            vague_search = understanding.intent is not Intent.OUT_OF_SCOPE
            conversation.record(ClarificationAsked(question, new_topic=vague_search))
            return question
        if action is Action.NOT_YET:
            return replies.not_yet(understanding.intent)
        if action is Action.ACKNOWLEDGE:
            return replies.acknowledgement(understanding.parsed.slots.sentiment)
        return replies.GREETING if action is Action.GREET else replies.OUT_OF_SCOPE

    def _show_products(self, conversation: Conversation, request: SearchRequest,
                       action: Action) -> Iterator[TurnUpdate]:
        hits = self._search.search(request, self._config.results_per_turn)
        if not hits:
            text = replies.no_results(request, refined=action is Action.REFINE)
            conversation.record(AssistantSaid(text))
            yield TurnUpdate((), text, True)
            return
        cards = tuple(self._card(hit, request) for hit in hits)
        conversation.record(
            RequestStarted(request) if action is Action.NEW_SEARCH else RequestRefined(request),
            ResultsShown(tuple(c.product_id for c in cards), tuple(c.price for c in cards)),
        )
        text = replies.results_intro(request, len(cards))
        yield TurnUpdate(cards, text, False)
        for sentence in self._model_sentences(request, cards):
            text = f"{text} {sentence}"
            yield TurnUpdate(cards, text, False)
        conversation.record(AssistantSaid(text))
        yield TurnUpdate(cards, text, True)

    def _model_sentences(self, request: SearchRequest,
                         cards: tuple[ProductCard, ...]) -> Iterator[str]:
        """The model's grounded sentences after the fixed introduction; none if it fails."""
        messages = self._prompts.render("reply", request=describe_request(request),
                                        products=cards)
        stream = self._llm.generate(messages, max_new_tokens=self._config.reply_max_new_tokens,
                                    timeout_s=self._config.reply_timeout_s)
        try:
            with closing(stream):
                yield from grounded_sentences(stream, cards, self._knowledge().grounding,
                                              stated_limits(request))
        except LLMError as exc:
            log.warning("reply model failed; the fixed introduction stands alone: %s", exc)

    def _card(self, hit: SearchHit, request: SearchRequest) -> ProductCard:
        product = hit.product
        return ProductCard(
            product_id=product.id, sku=product.sku, name=product.name, brand=product.brand,
            price=product.price, currency=product.currency, rating=product.rating,
            review_count=product.review_count, stock=product.stock,
            image=self._image_path(product.image), reason=fit_reason(product, request),
        )
