"""Conversation state, rebuilt from an append-only list of small frozen events."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from assistant.understanding.change_request import ChangeKind, ChangeRequest
from catalog.request import SearchRequest

DISCUSSED = 24  # products a noun ("that jacket") may still point at after a new search


@dataclass(frozen=True)
class ShopperSaid:
    text: str


@dataclass(frozen=True)
class AssistantSaid:
    text: str


@dataclass(frozen=True)
class RequestStarted:
    """A new topic: the request replaces whatever came before."""

    request: SearchRequest


@dataclass(frozen=True)
class RequestRefined:
    """The same topic, narrowed or changed."""

    request: SearchRequest


@dataclass(frozen=True)
class ResultsShown:
    product_ids: tuple[int, ...]
    prices: tuple[Decimal, ...]


@dataclass(frozen=True)
class ProductsDiscussed:
    """Products the turn was about (compared, described, added): "it" and "those" point here."""

    product_ids: tuple[int, ...]


@dataclass(frozen=True)
class ClarificationAsked:
    """A question instead of results; `new_topic` when the vague request replaces the old one."""

    question: str
    new_topic: bool


@dataclass(frozen=True)
class StartedOver:
    pass


@dataclass(frozen=True)
class ServiceCase:
    """A customer-service case: who the customer is (verified in the conversation), the change
    being asked for and what they said about it, and the change waiting for their yes."""

    shopper_id: int | None = None
    kind: ChangeKind | None = None
    said: tuple[str, ...] = ()
    proposed: ChangeRequest | None = None
    open: bool = True  # False once the customer has nothing more to ask
    last_reply: str = ""  # what the desk said last: is the shopper answering it?
    money_back: Decimal = Decimal("0.00")  # net, over this conversation's changes
    money_changes: int = 0  # how many of them moved money
    last_order: str | None = None  # the order changed last ("that same order")


@dataclass(frozen=True)
class CaseChanged:
    case: ServiceCase


Event = (
    ShopperSaid
    | AssistantSaid
    | RequestStarted
    | RequestRefined
    | ResultsShown
    | ProductsDiscussed
    | ClarificationAsked
    | StartedOver
    | CaseChanged
)


@dataclass(frozen=True)
class DialogueState:
    """Everything the next turn needs to know, derived from the events."""

    request: SearchRequest | None = None
    shown_ids: tuple[int, ...] = ()  # the latest results, in the order shown
    shown_prices: tuple[Decimal, ...] = ()
    seen_ids: tuple[int, ...] = ()  # every product shown since the topic began
    focus_ids: tuple[int, ...] = ()  # the products last talked about
    discussed_ids: tuple[int, ...] = ()  # every product talked about, newest first
    clarification_pending: bool = False
    case: ServiceCase | None = None
    transcript: tuple[tuple[str, str], ...] = ()

    @property
    def cheapest_shown(self) -> Decimal | None:
        return min(self.shown_prices, default=None)

    @property
    def dearest_shown(self) -> Decimal | None:
        return max(self.shown_prices, default=None)


def apply(state: DialogueState, event: Event) -> DialogueState:
    """The state after one event; an unknown event is an error, never a silent pass."""
    match event:
        case ShopperSaid(text):
            return replace(state, transcript=(*state.transcript, ("user", text)))
        case AssistantSaid(text):
            return replace(state, transcript=(*state.transcript, ("assistant", text)))
        case RequestStarted(request):
            return replace(state, request=request, clarification_pending=False, seen_ids=())
        case RequestRefined(request):
            return replace(state, request=request, clarification_pending=False)
        case ResultsShown(ids, prices):
            seen = tuple(dict.fromkeys([*state.seen_ids, *ids]))
            focus = ids if len(ids) == 1 else ()
            return replace(
                state, shown_ids=ids, shown_prices=prices, seen_ids=seen, focus_ids=focus
            )
        case ProductsDiscussed(ids):
            discussed = tuple(dict.fromkeys([*ids, *state.discussed_ids]))[:DISCUSSED]
            return replace(state, focus_ids=ids, discussed_ids=discussed)
        case ClarificationAsked(_, new_topic):
            fresh = DialogueState(transcript=state.transcript) if new_topic else state
            return replace(fresh, clarification_pending=True)
        case StartedOver():
            return DialogueState(transcript=state.transcript, case=state.case)
        case CaseChanged(service_case):
            return replace(state, case=service_case)
    raise TypeError(f"unknown event {event!r}")


@dataclass
class Conversation:
    """One shopper's conversation: the event log and the state folded from it.

    `session_id` is the stored chat session the conversation belongs to (None for a
    conversation kept only in memory); cart, orders and personal ranking are looked up by it.
    """

    events: list[Event] = field(default_factory=list)
    state: DialogueState = field(default_factory=DialogueState)
    session_id: str | None = None

    def record(self, *events: Event) -> None:
        for event in events:
            self.state = apply(self.state, event)
            self.events.append(event)

    @classmethod
    def replay(cls, events: list[Event], session_id: str | None = None) -> Conversation:
        conversation = cls(session_id=session_id)
        conversation.record(*events)
        return conversation
