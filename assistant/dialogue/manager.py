"""The dialogue manager: one shopper turn from message to cards and grounded, streamed words."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, replace

from assistant.dialogue import replies
from assistant.dialogue.moves import StoreMoves, Turn
from assistant.dialogue.next_action import (
    STORE_MOVES,
    Action,
    decide,
    new_request,
    refine_request,
    relative_price,
)
from assistant.dialogue.state import (
    AssistantSaid,
    ClarificationAsked,
    Conversation,
    ProductsDiscussed,
    RequestRefined,
    RequestStarted,
    ResultsShown,
    ShopperSaid,
    StartedOver,
)
from assistant.dialogue.turns import TurnUpdate
from assistant.facts.cards import ProductCard
from assistant.facts.describe import describe_request, fit_reason, stated_limits
from assistant.facts.grounding import grounded_sentences
from assistant.facts.knowledge import CatalogKnowledge
from assistant.llm.base import LLM, LLMError
from assistant.llm.prompts import PromptLibrary
from assistant.understanding.guard import check_message
from assistant.understanding.intent_rules import MORE, Context
from assistant.understanding.parsing import ParsedMessage
from assistant.understanding.schema import Intent
from assistant.understanding.understander import Understander, Understanding
from catalog.models import Product
from catalog.personalisation import PersonalBoost, Personaliser
from catalog.request import SearchRequest
from catalog.search import ProductSearch

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
                 config: DialogueConfig, image_path: Callable[[str | None], str | None],
                 moves: StoreMoves, personaliser: Personaliser) -> None:
        self._llm = llm
        self._understander = understander
        self._search = search
        self._knowledge = knowledge
        self._prompts = prompts
        self._config = config
        self._image_path = image_path
        self._moves = moves
        self._personaliser = personaliser

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
        for update in self._act(conversation, action, understanding):
            yield replace(update, intent=understanding.intent.value,
                          move=update.move or action.value)

    def _act(self, conversation: Conversation, action: Action,
             understanding: Understanding) -> Iterator[TurnUpdate]:
        state, parsed = conversation.state, understanding.parsed
        if action is Action.NEW_SEARCH:
            request = new_request(parsed)
            yield from self._show_products(conversation, request, action,
                                           replies.no_results(request, refined=False))
            return
        if action is Action.REFINE:
            assert state.request is not None
            if MORE.search(parsed.text) and not parsed.has_constraints:  # "something different"
                yield from self._show_products(conversation, state.request, action,
                                               replies.nothing_else(state.request),
                                               skip=state.seen_ids)
                return
            request = refine_request(state.request, parsed, state)
            direction = relative_price(parsed)
            empty = (replies.nothing_beyond(direction, state.request) if direction
                     else replies.no_results(request, refined=True))
            yield from self._show_products(conversation, request, action, empty)
            return
        if action in STORE_MOVES:
            yield self._store_move(conversation, action, parsed)
            return
        text = self._fixed_reply(conversation, action, understanding)
        conversation.record(AssistantSaid(text))
        yield TurnUpdate((), text, True)

    def _store_move(self, conversation: Conversation, action: Action,
                    parsed: ParsedMessage) -> TurnUpdate:
        state = conversation.state
        words = [*parsed.keywords, *parsed.category_words]
        personal = self._personal(conversation.session_id)
        move = self._moves.run(action, Turn(conversation.session_id, parsed, state,
                                            tuple(words)), personal.reason)
        request = state.request or SearchRequest()
        cards = tuple(self._card(product, request, personal.reason(product.id))
                      for product in move.products)
        if move.focus is not None:
            conversation.record(ProductsDiscussed(move.focus))
        if move.action is Action.CLARIFY:
            conversation.record(ClarificationAsked(move.text, new_topic=False))
        conversation.record(AssistantSaid(move.text))
        return TurnUpdate(cards, move.text, True, move=move.action.value)

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
        if action is Action.ACKNOWLEDGE:
            return replies.acknowledgement(understanding.parsed.slots.sentiment)
        if action is Action.GREET:
            return replies.small_talk(understanding.parsed.text)
        return replies.OUT_OF_SCOPE

    def _show_products(self, conversation: Conversation, request: SearchRequest,
                       action: Action, empty: str, skip: tuple[int, ...] = ()
                       ) -> Iterator[TurnUpdate]:
        """Search and show (`empty` when nothing is found); `skip` leaves out products."""
        wanted = self._config.results_per_turn
        personal = self._personal(conversation.session_id)
        hits = [hit for hit in self._search.search(request, wanted + len(skip),
                                                   boosters=(personal,))
                if hit.product.id not in skip][:wanted]
        if not hits:
            conversation.record(AssistantSaid(empty))
            yield TurnUpdate((), empty, True)
            return
        cards = tuple(self._card(hit.product, request, personal.reason(hit.product.id))
                      for hit in hits)
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

    def _personal(self, session_id: str | None) -> PersonalBoost:
        return self._personaliser.for_session(session_id)

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

    def _card(self, product: Product, request: SearchRequest,
              personal: str | None) -> ProductCard:
        return ProductCard(
            product_id=product.id, sku=product.sku, name=product.name, brand=product.brand,
            price=product.price, currency=product.currency, rating=product.rating,
            review_count=product.review_count, stock=product.stock,
            image=self._image_path(product.image),
            reason=fit_reason(product, request, personal),
        )
