"""The dialogue manager: one shopper turn from message to cards and grounded, streamed words."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass, replace

from assistant.dialogue import replies
from assistant.dialogue.card_summary import cards_summary
from assistant.dialogue.moves import StoreMoves, Turn
from assistant.dialogue.next_action import (
    STORE_MOVES,
    Action,
    decide,
    new_request,
    refine_request,
    relative_price,
)
from assistant.dialogue.outcome import Outcome
from assistant.dialogue.relaxation import relaxations
from assistant.dialogue.reply_language import reply_language
from assistant.dialogue.service_desk import ServiceDesk
from assistant.dialogue.state import (
    AssistantSaid,
    ClarificationAsked,
    Conversation,
    DialogueState,
    RequestRefined,
    RequestStarted,
    ResultsShown,
    ShopperSaid,
    StartedOver,
)
from assistant.dialogue.turn_metrics import FALLBACKS, STAGE_SECONDS
from assistant.dialogue.turns import TurnUpdate
from assistant.facts.cards import ProductCard
from assistant.facts.describe import (
    borne_out_by_all,
    borne_out_by_none,
    describe_request,
    fit_reason,
    own_words,
    stated_limits,
    word_stems,
)
from assistant.facts.grounding import grounded_sentences
from assistant.facts.knowledge import CatalogKnowledge
from assistant.llm.base import LLM, LLMError
from assistant.llm.prompts import PromptLibrary
from assistant.translation.lists import in_a_row
from assistant.translation.speaking import SOURCE, _, language, speaking
from assistant.understanding.guard import check_message
from assistant.understanding.intent_rules import Context
from assistant.understanding.parsing import ParsedMessage
from assistant.understanding.product_question import asks_about_a_named_product
from assistant.understanding.schema import Intent
from assistant.understanding.understander import Understander, Understanding
from catalog.models import Product
from catalog.personalisation import PersonalBoost, Personaliser
from catalog.request import SearchRequest
from catalog.search import ProductSearch, SearchHit

log = logging.getLogger(__name__)
CATEGORY_EVIDENCE = 8  # the best matches of a request without a category, read for one
CATEGORY_SHARE = 0.6  # the share of them one category must have to be taken


@dataclass(frozen=True)
class DialogueConfig:
    results_per_turn: int = 4
    reply_max_new_tokens: int = 48
    reply_timeout_s: float = 30.0
    max_message_chars: int = 2000


class DialogueManager:
    """Runs turns: guard, understand, decide, act, record what the act returned, respond."""

    example_prompts: tuple[str, ...] = replies.EXAMPLE_PROMPTS

    def __init__(
        self,
        llm: LLM,
        understander: Understander,
        search: ProductSearch,
        knowledge: Callable[[], CatalogKnowledge],
        prompts: PromptLibrary,
        config: DialogueConfig,
        image_path: Callable[[str | None], str | None],
        moves: StoreMoves,
        personaliser: Personaliser,
        service: ServiceDesk,
    ) -> None:
        self._llm = llm
        self._understander = understander
        self._search = search
        self._knowledge = knowledge
        self._prompts = prompts
        self._config = config
        self._image_path = image_path
        self._moves = moves
        self._personaliser = personaliser
        self._service = service

    def new_conversation(self) -> Conversation:
        return Conversation()

    def respond(self, conversation: Conversation, message: str) -> Iterator[TurnUpdate]:
        """The turn's updates, every code-written sentence in the shopper's language: the
        message's, or the latest earlier one's for a message that shows none ("XL")."""
        earlier = [e.text for e in conversation.events if isinstance(e, ShopperSaid)]
        spoken = reply_language([*earlier, message])
        updates = self._turn(conversation, message)
        try:
            while True:  # each step in the language, whichever thread runs it
                with speaking(spoken):
                    update = next(updates, None)
                if update is None:
                    return
                yield update
        finally:
            updates.close()

    def _turn(self, conversation: Conversation, message: str) -> Generator[TurnUpdate, None, None]:
        started = time.perf_counter()
        checked = check_message(message, self._config.max_message_chars)
        if checked.problem:
            yield TurnUpdate((), checked.problem, True)
            return
        state = conversation.state
        served = self._service.handle(state, checked.text, conversation.session_id)
        if served is not None:
            for update in self._deliver(conversation, ShopperSaid(checked.text), served):
                yield replace(update, intent="customer_service", move=Action.SERVICE.value)
            return
        knowledge = self._knowledge()
        with speaking(SOURCE):  # the model reads the request in the catalog's words
            described = describe_request(state.request) if state.request else None
        context = Context(described, len(state.shown_ids))
        early = self._understander.provisional(checked.text, knowledge.vocabulary, context)
        shown_early = self._early_products(early, state, conversation.session_id)
        if early is not None and shown_early is not None:  # cards never wait for the model
            yield TurnUpdate(
                shown_early[1].cards,
                shown_early[1].text,
                False,
                intent=early.intent.value,
                move=shown_early[0].value,
            )
        understanding = self._understander.understand(checked.text, knowledge.vocabulary, context)
        STAGE_SECONDS.labels("understand").observe(understanding.seconds)
        if understanding.model_called and not understanding.model_valid:
            FALLBACKS.labels("intent").inc()
        action = decide(understanding, state)
        log.info("turn: intent=%s action=%s", understanding.intent, action)
        acting = time.perf_counter()
        if (
            early is not None
            and shown_early is not None
            and shown_early[0] is action
            and early.understood == understanding.understood
        ):
            outcome = shown_early[1]  # the model read it the same way
        else:
            outcome = self._act(action, understanding, state, conversation.session_id)
        searched = action in (Action.NEW_SEARCH, Action.REFINE)
        STAGE_SECONDS.labels("search" if searched else "act").observe(time.perf_counter() - acting)
        shown_text = False
        for update in self._deliver(conversation, ShopperSaid(checked.text), outcome):
            if update.text and not shown_text:
                shown_text = True
                STAGE_SECONDS.labels("first_text").observe(time.perf_counter() - started)
            if update.done:
                STAGE_SECONDS.labels("turn").observe(time.perf_counter() - started)
            yield replace(
                update, intent=understanding.intent.value, move=(outcome.move or action).value
            )

    def _early_products(
        self, early: Understanding | None, state: DialogueState, session_id: str | None
    ) -> tuple[Action, Outcome] | None:
        """The products the rules' reading finds, to show before the model settles it."""
        if early is None:
            return None
        action = decide(early, state)
        if action not in (Action.NEW_SEARCH, Action.REFINE):
            return None
        outcome = self._act(action, early, state, session_id)
        return (action, outcome) if outcome.cards else None

    def _deliver(
        self, conversation: Conversation, said: ShopperSaid, outcome: Outcome
    ) -> Iterator[TurnUpdate]:
        """Record the turn and stream it: the only place a turn's events are recorded.

        The shopper's words and the outcome's events are recorded before the cards are shown,
        so "the first one" resolves even if the client goes away mid-stream; what the
        assistant said is recorded once its text is complete.
        """
        conversation.record(said, *outcome.events)
        text = outcome.text
        if outcome.sentences is not None:
            yield TurnUpdate(outcome.cards, text, False)
            for sentence in outcome.sentences:
                text = in_a_row((text, sentence))
                yield TurnUpdate(outcome.cards, text, False)
        conversation.record(AssistantSaid(text))
        yield TurnUpdate(outcome.cards, text, True)

    def _act(
        self,
        action: Action,
        understanding: Understanding,
        state: DialogueState,
        session_id: str | None,
    ) -> Outcome:
        parsed = understanding.parsed
        if action in (Action.NEW_SEARCH, Action.REFINE) and parsed.contradictions:
            return Outcome(replies.which_way(parsed.contradictions))
        if action in (Action.NEW_SEARCH, Action.REFINE) and _about_a_named_product(parsed):
            answered = self._store_move(Action.DESCRIBE, parsed, state, session_id)
            cards = answered.cards
            if cards:  # "does the Galaxy S20 have a headphone jack?": now on screen
                shown = ResultsShown(
                    tuple(c.product_id for c in cards), tuple(c.price for c in cards)
                )
                return replace(answered, move=Action.DESCRIBE, events=(*answered.events, shown))
        if action is Action.NEW_SEARCH:
            return self._new_search(session_id, parsed)
        if action is Action.REFINE:
            assert state.request is not None
            if parsed.wants_more and not parsed.has_constraints:  # "something different"
                return self._show_products(
                    session_id,
                    state.request,
                    False,
                    replies.nothing_else(state.request),
                    skip=state.seen_ids,
                )
            request = refine_request(state.request, parsed, state)
            if request == state.request and parsed.unknown_words:  # "an ebook version"
                return Outcome(replies.unchanged(parsed.unknown_words, state.request))
            direction = relative_price(parsed)
            empty = (
                replies.nothing_beyond(direction, state.request)
                if direction
                else replies.no_results(request, refined=True)
            )
            if self._names_other_products(session_id, state.request, request):
                return self._new_search(session_id, parsed)  # "cartridges" after paper
            found = self._show_products(session_id, request, False, empty)
            same = {c.product_id for c in found.cards} == set(state.shown_ids)
            words_only = (  # words were added, and nothing else changed
                request != state.request
                and request.but(
                    terms=state.request.terms, foreign_words=state.request.foreign_words
                )
                == state.request
            )
            if same and words_only:
                return Outcome(replies.not_narrowed(state.request))  # "a similar plot?"
            return _with_currency_note(found, parsed)
        if action in STORE_MOVES:
            return self._store_move(action, parsed, state, session_id)
        return self._fixed_reply(action, understanding, state)

    def _names_other_products(
        self, session_id: str | None, current: SearchRequest, refined: SearchRequest
    ) -> bool:
        """Whether words the refinement adds are in the names of products of the same
        category, yet none of its results says them: they ask for another kind of product
        than these ("cartridges" after paper; not "an ebook version" of books)."""
        vocabulary = self._knowledge().vocabulary
        added = [t for t in refined.terms if t not in current.terms and vocabulary.names(t)]
        if not added:
            return False
        personal = self._personal(session_id)
        said = [own_words(hit.product) for hit in self._hits(refined, personal, ())]
        unmet = [w for w in added if not any(word_stems(w) <= words for words in said)]
        if not unmet:
            return False
        others = self._hits(
            SearchRequest(category=current.category, terms=tuple(unmet)), personal, ()
        )
        names = [word_stems(hit.product.name) for hit in others]
        return any(word_stems(w) <= name for w in unmet for name in names)

    def _new_search(self, session_id: str | None, parsed: ParsedMessage) -> Outcome:
        """A request of its own: what the message asks, in the category it most likely means."""
        request = self._with_likely_category(new_request(parsed))
        nothing_known = request.but(foreign_words=()) == SearchRequest()
        if nothing_known and parsed.unknown_words:  # nothing the catalog knows
            return Outcome(replies.not_in_catalog(parsed.unknown_words))
        found = self._show_products(
            session_id, request, True, replies.no_results(request, refined=False), relax=True
        )
        return _with_currency_note(found, parsed)

    def _store_move(
        self, action: Action, parsed: ParsedMessage, state: DialogueState, session_id: str | None
    ) -> Outcome:
        words = [*parsed.product_words, *parsed.category_words]
        personal = self._personal(session_id)
        move = self._moves.run(
            action,
            Turn(session_id, parsed, state, tuple(words), self._knowledge().vocabulary),
            personal.reason,
        )
        request = state.request or SearchRequest()
        cards = tuple(
            self._card(product, request, personal.reason(product.id)) for product in move.products
        )
        return Outcome(move.text, move.events, cards, move.action)

    def _fixed_reply(
        self, action: Action, understanding: Understanding, state: DialogueState
    ) -> Outcome:
        parsed = understanding.parsed
        if action is Action.START_OVER:
            return Outcome(_(replies.START_OVER), (StartedOver(),))
        if action is Action.CLARIFY:
            question = replies.clarifying_question(parsed.mentions_gift)
            vague_search = understanding.intent is not Intent.OUT_OF_SCOPE
            return Outcome(question, (ClarificationAsked(question, new_topic=vague_search),))
        if action is Action.ACKNOWLEDGE:
            shown = len(state.shown_ids)  # what "sure" or "nice" can go on with
            return Outcome(replies.acknowledgement(parsed.slots.sentiment, parsed.act, shown))
        if action is Action.GREET:
            return Outcome(replies.small_talk(parsed.says_goodbye, parsed.act))
        return Outcome(_(replies.OUT_OF_SCOPE))

    def _show_products(
        self,
        session_id: str | None,
        request: SearchRequest,
        new_topic: bool,
        empty: str,
        skip: tuple[int, ...] = (),
        relax: bool = False,
    ) -> Outcome:
        """Search and show (`empty` when nothing is found); `skip` leaves out products;
        with `relax`, when nothing meets every constraint, the closest products are shown
        with the constraint they miss (a refinement that finds nothing keeps the last ones)."""
        personal = self._personal(session_id)
        hits = self._hits(request, personal, skip)
        asked, relaxed = request, None
        if not hits and relax:  # let one constraint go, and say which
            for relaxed in relaxations(request):
                hits = self._hits(relaxed.request, personal, skip)
                if hits:
                    break
            if hits and relaxed is not None:
                request = relaxed.request
        if not hits:
            return Outcome(empty)
        cards = tuple(
            self._card(hit.product, request, personal.reason(hit.product.id)) for hit in hits
        )
        topic = RequestStarted(request) if new_topic else RequestRefined(request)
        shown = ResultsShown(tuple(c.product_id for c in cards), tuple(c.price for c in cards))
        products = [hit.product for hit in hits]
        stated = borne_out_by_all(request, products)  # what may be said of all of them
        facts = {product.id: own_words(product) for product in products}
        intro = replies.results_intro(stated, len(cards))
        unmet = borne_out_by_none(request, facts.values())  # "solar" of no headphones
        if unmet:
            intro = f"{intro} {replies.none_listed_as(unmet, len(cards))}"
        if relaxed is not None:
            missed = relaxed.missed_by(len(cards))
            intro = replies.relaxed_intro(asked, stated, missed, len(cards))
        return Outcome(
            intro,
            (topic, shown),
            cards,
            sentences=self._model_sentences(stated, cards, facts),
        )

    def _with_likely_category(self, request: SearchRequest) -> SearchRequest:
        """A request naming no category takes the one its best matches share ("camping
        stove" → camping), else the one a single word of it points at among them ("a warm
        winter coat for my wife": "coat" → jackets), so one kind of product is shown."""
        if request.category is not None or not request.terms:
            return request
        shares = self._category_shares(request)
        if not shares:
            return request
        best = max(shares, key=shares.__getitem__)
        if shares[best] < CATEGORY_SHARE:
            by_word = [
                self._category_shares(SearchRequest(terms=(word,))) for word in request.terms
            ]
            pointed: dict[str, float] = {}
            for word_shares in by_word:
                for category, share in word_shares.items():
                    if category in shares and share > pointed.get(category, 0.0):
                        pointed[category] = share
            best = max(pointed, key=pointed.__getitem__, default=best)
            shares = pointed or shares
        return request.but(category=best) if shares[best] >= CATEGORY_SHARE else request

    def _category_shares(self, request: SearchRequest) -> dict[str, float]:
        """The share of each category among a request's best matches."""
        hits = self._search.search(request, CATEGORY_EVIDENCE)
        counts = Counter(hit.product.category for hit in hits)
        return {category: count / len(hits) for category, count in counts.items()}

    def _hits(
        self, request: SearchRequest, personal: PersonalBoost, skip: tuple[int, ...]
    ) -> list[SearchHit]:
        """The best results a turn shows, leaving out the products in `skip`."""
        wanted = self._config.results_per_turn
        found = self._search.search(request, wanted + len(skip), boosters=(personal,))
        return [hit for hit in found if hit.product.id not in skip][:wanted]

    def _personal(self, session_id: str | None) -> PersonalBoost:
        return self._personaliser.for_session(session_id)

    def _model_sentences(
        self,
        request: SearchRequest,
        cards: tuple[ProductCard, ...],
        facts: Mapping[int, frozenset[str]],
    ) -> Iterator[str]:
        """The model's grounded sentences after the fixed introduction; if none come (the
        model failed, was too late or said nothing true), a code-written sentence about the
        cards instead, so the reply is never the introduction alone. The small model writes
        English only: in another language the code-written sentence is the reply."""
        if language() != SOURCE:
            yield cards_summary(cards)
            return
        messages = self._prompts.render("reply", request=describe_request(request), products=cards)
        stream = self._llm.generate(
            messages,
            max_new_tokens=self._config.reply_max_new_tokens,
            timeout_s=self._config.reply_timeout_s,
        )
        said = failed = False
        try:
            with closing(stream):
                for sentence in grounded_sentences(
                    stream, cards, self._knowledge().grounding, stated_limits(request), facts
                ):
                    said = True
                    yield sentence
        except LLMError as exc:
            log.warning("reply model failed: %s", exc)
            failed = True
        if not said:
            FALLBACKS.labels("reply_failed" if failed else "reply_ungrounded").inc()
            yield cards_summary(cards)

    def _card(self, product: Product, request: SearchRequest, personal: str | None) -> ProductCard:
        return ProductCard(
            product_id=product.id,
            sku=product.sku,
            name=product.name,
            brand=product.brand,
            price=product.price,
            currency=product.currency,
            rating=product.rating,
            review_count=product.review_count,
            stock=product.stock,
            image=self._image_path(product.image),
            reason=fit_reason(product, request, personal),
        )


def _with_currency_note(outcome: Outcome, parsed: ParsedMessage) -> Outcome:
    """A limit said in another currency than the shown prices' ("under 300 euros" in a shop
    in dollars) was read in the shop's: say so after the introduction."""
    currencies = {card.currency for card in outcome.cards}
    if parsed.price_currency is None or not currencies or parsed.price_currency in currencies:
        return outcome
    note = replies.limit_read_in(sorted(currencies)[0])
    return replace(outcome, text=in_a_row((outcome.text, note)))


def _about_a_named_product(parsed: ParsedMessage) -> bool:
    """A question about a product named by its model (its brand may be named too), with no
    other constraint to search by."""
    unbranded = replace(parsed, slots=parsed.slots.model_copy(update={"brands": []}))
    return not unbranded.has_constraints and asks_about_a_named_product(parsed.text)
