"""Builds the real assistant from settings: database, demo catalog, embedder, model, dialogue."""

from __future__ import annotations

import logging
import os
from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker

from assistant.app.settings import Settings
from assistant.app.turn_executor import TurnExecutor
from assistant.dialogue.manager import DialogueConfig, DialogueManager
from assistant.dialogue.moves import StoreMoves
from assistant.dialogue.service_desk import ServiceDesk
from assistant.facts.knowledge import CurrentKnowledge
from assistant.facts.product_answers import ProductAnswers
from assistant.facts.product_facts import ProductFacts
from assistant.history.sessions import StorageLimits
from assistant.llm.admission import AdmittedLLM
from assistant.llm.base import LLM
from assistant.llm.local import TransformersLLM
from assistant.llm.openai_compatible import OpenAICompatibleLLM
from assistant.llm.prompts import PromptLibrary
from assistant.llm.provisioning import provision
from assistant.store.accounts import Accounts
from assistant.store.cart import CartService
from assistant.store.customer_orders import CustomerOrders
from assistant.store.order_changes import OrderChanges
from assistant.store.orders import OrderDesk
from assistant.store.policies import PolicyLibrary
from assistant.store.product_options import ProductOptions
from assistant.understanding.understander import Understander
from catalog.db import create_schema, make_engine, session_factory
from catalog.demo_loader import resolve_image, seed_demo
from catalog.embedding import Embedder, MiniLMEmbedder
from catalog.personalisation import Personaliser
from catalog.retention import expire_anonymous_sessions
from catalog.search import ProductSearch

log = logging.getLogger(__name__)

# Free-text searches with no known category must be at least this similar (MiniLM cosine).
MIN_SIMILARITY = 0.30
SERVER_CONCURRENCY = 8  # generations at once on a model server (it batches them itself)
# Turn threads per CPU core. Measured on 2 cores, 50 shoppers, the packaged model: 32 turn
# threads put light routes' p99 at 300-400 ms, 8 at 120-130 ms (benchmarks/load_test.py).
TURN_THREADS_PER_CORE = 4


def load_llm(settings: Settings) -> LLM:
    """The configured language model: an OpenAI-compatible server, or the local one."""
    if settings.llm_backend == "openai":
        key = settings.openai_api_key
        return OpenAICompatibleLLM(
            settings.openai_base_url,
            settings.openai_model,
            key.get_secret_value() if key else None,
            max_retries=settings.openai_max_retries,
        )
    model_dir = provision(settings.model, settings.model_cache_dir)
    return TransformersLLM(
        model_dir,
        device=settings.device,
        quantization=settings.quantization,
        max_batch=settings.max_batch,
    )


def admitted(llm: LLM, settings: Settings) -> AdmittedLLM:
    """`llm` behind its admission gate: the local model's batch size (or the configured
    number) of generations at once, twice as many waiting."""
    concurrency = settings.model_concurrency or (
        llm.max_batch if isinstance(llm, TransformersLLM) else SERVER_CONCURRENCY
    )
    waiting = settings.model_queue_limit
    return AdmittedLLM(llm, concurrency, 2 * concurrency if waiting is None else waiting)


def turn_executor(settings: Settings) -> TurnExecutor:
    """The threads turns run on (the configured number, or a few per CPU core), and each
    turn's deadline."""
    workers = settings.turn_workers or TURN_THREADS_PER_CORE * (os.cpu_count() or 1)
    return TurnExecutor(workers, settings.turn_deadline_s, settings.turn_reserve_s)


def open_database(settings: Settings) -> sessionmaker[Session]:
    """Sessions on the configured database, brought to the newest schema (or
    `catalog.schema.SchemaMismatch`), its expired anonymous sessions deleted."""
    engine = make_engine(settings.resolved_database_url)
    create_schema(engine)
    sessions = session_factory(engine)
    idle = timedelta(days=settings.anonymous_session_days)
    expired = expire_anonymous_sessions(sessions, idle)
    if expired:
        log.info("Deleted %d anonymous chat sessions idle for over %s", expired, idle)
    return sessions


def storage_limits(settings: Settings) -> StorageLimits:
    """How much each chat session may store."""
    return StorageLimits(
        settings.max_message_chars, settings.max_session_messages, settings.max_session_events
    )


def build_assistant(
    settings: Settings,
    llm: LLM | None = None,
    embedder: Embedder | None = None,
    sessions: sessionmaker[Session] | None = None,
) -> DialogueManager:
    """Wire the real objects; `llm`, `embedder` and `sessions` may be given to share them.
    The model (given or loaded) is put behind an admission gate (`admitted`)."""
    sessions = sessions or open_database(settings)
    embedder = embedder or MiniLMEmbedder()
    if settings.load_demo_catalog:
        with sessions() as session:
            report = seed_demo(session, embedder, progress=True)
            if report.created:
                log.info("Seeded the demo catalog: %s", report.summary())
    return dialogue_manager(
        settings, sessions, embedder, admitted(llm or load_llm(settings), settings)
    )


def dialogue_manager(
    settings: Settings,
    sessions: sessionmaker[Session],
    embedder: Embedder,
    llm: LLM,
    intent_llm: LLM | None = None,
    min_similarity: float = MIN_SIMILARITY,
) -> DialogueManager:
    """The dialogue manager over an existing catalog; `intent_llm` defaults to `llm`."""
    knowledge = CurrentKnowledge(sessions, embedder)
    knowledge()  # read at start-up, not in the first shopper's turn
    prompts = PromptLibrary()
    return DialogueManager(
        llm=llm,
        understander=Understander(intent_llm or llm, prompts, settings.intent_timeout_s),
        search=ProductSearch(sessions, embedder, min_similarity=min_similarity),
        knowledge=knowledge,
        prompts=prompts,
        config=DialogueConfig(
            results_per_turn=settings.results_per_turn,
            reply_max_new_tokens=settings.reply_max_new_tokens,
            reply_timeout_s=settings.reply_timeout_s,
            max_message_chars=settings.max_message_chars,
        ),
        image_path=resolve_image,
        moves=StoreMoves(
            ProductFacts(sessions),
            ProductAnswers(embedder),
            CartService(sessions),
            OrderDesk(sessions),
            PolicyLibrary(sessions),
        ),
        personaliser=Personaliser(sessions),
        service=ServiceDesk(
            Accounts(sessions),
            CustomerOrders(sessions),
            OrderChanges(sessions),
            ProductOptions(sessions),
        ),
    )
