"""Personal ranking for a chat session, from the interactions stored in the database.

`Personaliser.for_session` reads whose session it is: a signed-in shopper's taste comes from
their interactions in every session plus this one's, a guest's from this session only. The
`PersonalBoost` it returns is a search `Booster` (content similarity to the shopper's taste,
co-occurrence with what they liked among all shoppers, popularity for a new shopper, disliked
products pushed down) and says why a product suits them (`reason`). The collaborative model is
cached and rebuilt when the interactions table changes, so a thumb counts from the next search.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from catalog.boosts import quality
from catalog.embedding import from_bytes
from catalog.models import ChatSession, Interaction, Product
from catalog.taste import DEFAULT_BLEND, Blend, CoOccurrence, Profile, Signal, TasteScorer, profile

if TYPE_CHECKING:
    from catalog.request import SearchRequest

SIMILAR_MIN = 0.5  # cosine from which a product is called "similar to" one the shopper liked
TOGETHER_MIN = 2  # shoppers who liked both, from which two products are "often chosen" together


def load_vectors(sessions: Callable[[], Session], ids: Iterable[int]) -> dict[int, np.ndarray]:
    """The stored embeddings of the products `ids` (those that have one)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    with sessions() as db:
        rows = db.execute(
            select(Product.id, Product.embedding).where(
                Product.id.in_(wanted), Product.embedding.is_not(None)
            )
        )
        return {pid: from_bytes(blob) for pid, blob in rows if blob is not None}


def matrix(ids: Sequence[int], vectors: Mapping[int, np.ndarray]) -> np.ndarray:
    """The embeddings of `ids` as rows; zeros for a product without one."""
    dimension = next((len(v) for v in vectors.values()), 0)
    rows = np.zeros((len(ids), dimension), dtype=np.float32)
    for row, pid in enumerate(ids):
        if pid in vectors:
            rows[row] = vectors[pid]
    return rows


class PersonalBoost:
    """One shopper's search booster, which can also say why a product suits them."""

    def __init__(
        self,
        scorer: TasteScorer,
        names: Mapping[int, str],
        vectors: Mapping[int, np.ndarray],
        sessions: Callable[[], Session],
        similar_min: float = SIMILAR_MIN,
    ) -> None:
        """`names` and `vectors`: of (at least) the products in the shopper's profile."""
        self.scorer = scorer
        self._names = names
        self._vectors = dict(vectors)
        self._sessions = sessions
        self._similar_min = similar_min

    @property
    def taste(self) -> Profile:
        return self.scorer.taste

    def __call__(self, request: SearchRequest, products: Sequence[Product]) -> np.ndarray:
        ids = [p.id for p in products]
        self._load([i for i in ids if i not in self._vectors])
        return self.scorer.scores(
            ids,
            matrix(ids, self._vectors),
            np.array([quality(p) for p in products], dtype=np.float32),
        )

    def reason(self, product_id: int) -> str | None:
        """Why the product suits this shopper, naming a product from their history ("you bought
        this before" for their own); None when nothing true and specific can be said."""
        taste = self.taste
        if product_id in taste.weights:
            own = product_id in taste.liked
            return f"you {taste.verbs[product_id]} this before" if own else None
        liked = taste.liked
        together = self.scorer.together
        partners = [
            (together.similar(h).get(product_id, 0.0), h)
            for h in liked
            if together.shared(h, product_id) >= TOGETHER_MIN
        ]
        if partners:
            return self._phrase("often chosen with", max(partners)[1])
        self._load([product_id])
        vector = self._vectors.get(product_id)
        similar = [
            (float(vector @ self._vectors[h]), h)
            for h in liked
            if vector is not None and h in self._vectors
        ]
        best = max(similar, default=None)
        if best is not None and best[0] >= self._similar_min:
            return self._phrase("similar to", best[1])
        return None

    def _phrase(self, relation: str, product_id: int) -> str:
        return f"{relation} the {self._names[product_id]} you {self.taste.verbs[product_id]}"

    def _load(self, ids: Sequence[int]) -> None:
        if ids:
            self._vectors.update(load_vectors(self._sessions, ids))


class Personaliser:
    """Makes each chat session's `PersonalBoost`; shares one collaborative model."""

    def __init__(
        self,
        sessions: Callable[[], Session],
        blend: Blend = DEFAULT_BLEND,
        similar_min: float = SIMILAR_MIN,
    ) -> None:
        self._sessions = sessions
        self.blend = blend
        self._similar_min = similar_min
        self._lock = threading.Lock()
        self._built_at: tuple[int, int | None] | None = None
        self._together = CoOccurrence({})

    def for_session(self, chat_session_id: str | None) -> PersonalBoost:
        """The booster for this session's shopper (a guest: this session's interactions)."""
        together = self.together()
        with self._sessions() as db:
            chat = db.get(ChatSession, chat_session_id) if chat_session_id else None
            if chat is None:
                return self._boost(Profile(), {}, together)
            mine = Interaction.chat_session_id == chat.id
            if chat.shopper_id is not None:
                mine = or_(mine, Interaction.shopper_id == chat.shopper_id)
            rows = db.execute(
                select(Interaction.product_id, Interaction.kind, Interaction.value)
                .where(Interaction.product_id.is_not(None), mine)
                .order_by(Interaction.created_at, Interaction.id)
            ).all()
            taste = profile(
                Signal(pid, kind, value) for pid, kind, value in rows if pid is not None
            )
            names = {
                pid: name
                for pid, name in db.execute(
                    select(Product.id, Product.name).where(Product.id.in_(list(taste.weights)))
                )
            }
        return self._boost(taste, names, together)

    def _boost(
        self, taste: Profile, names: Mapping[int, str], together: CoOccurrence
    ) -> PersonalBoost:
        vectors = load_vectors(self._sessions, taste.weights)
        return PersonalBoost(
            TasteScorer(taste, vectors, together, self.blend),
            names,
            vectors,
            self._sessions,
            self._similar_min,
        )

    def together(self) -> CoOccurrence:
        """The co-occurrence model of all stored interactions, rebuilt when they changed."""
        with self._sessions() as db:
            count, last = db.execute(
                select(func.count(Interaction.id), func.max(Interaction.id))
            ).one()
        with self._lock:
            if (count, last) != self._built_at:
                self._together = CoOccurrence(self._shopper_weights())
                self._built_at = (count, last)
            return self._together

    def _shopper_weights(self) -> dict[Hashable, dict[int, float]]:
        """Every shopper's (or guest session's) product weights."""
        signals: dict[Hashable, list[Signal]] = defaultdict(list)
        with self._sessions() as db:
            rows = db.execute(
                select(
                    Interaction.shopper_id,
                    Interaction.chat_session_id,
                    Interaction.product_id,
                    Interaction.kind,
                    Interaction.value,
                )
                .where(Interaction.product_id.is_not(None))
                .order_by(Interaction.created_at, Interaction.id)
            )
            for shopper, chat, pid, kind, value in rows:
                if pid is None or (shopper is None and chat is None):
                    continue
                who = shopper if shopper is not None else ("session", chat)
                signals[who].append(Signal(pid, kind, value))
        return {who: profile(history).weights for who, history in signals.items()}
