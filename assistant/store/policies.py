"""Answers about store policies taken only from the policy text in the database.

The passage that shares the most words with the question is quoted. When the question asks
about something the text does not mention, the answer says so, quotes the closest general
passage when there is one, and hands the shopper to a person (the contact details are quoted
from the policy text too) — it never guesses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.understanding.stemming import stem, stems
from catalog.models import Policy

SENTENCES_QUOTED = 2
COST = re.compile(r"much|cost|costs|price|fee|fees|charge|expensive|cheaper")
MONEY = re.compile(r"[$€£₹]\s?\d")
COST_BONUS = 0.5  # a question about cost prefers, among equals, the paragraph with a price
SENTENCE_END = re.compile(r"(?<![ap]\.m\.)(?<=[.!?])\s+(?=[A-Z])")  # not after "8 p.m."
GENERIC = frozenset(
    (
        "what's",
        "whats",
        "policy",
        "policies",
        "store",
        "shop",
        "do",
        "does",
        "can",
        "what",
        "how",
        "is",
        "are",
        "your",
        "you",
        "tell",
        "about",
        "much",
        "long",
        "there",
        "have",
        "offer",
        "accept",
        "allow",
        "work",
        "works",
        "rule",
        "option",
        "options",
        "get",
        "buy",
        "bought",
    )
)


@dataclass(frozen=True)
class Passage:
    title: str
    text: str


@dataclass(frozen=True)
class PolicyAnswer:
    """`passage` is the quoted text (None when nothing fits); `covered` whether it holds every
    specific word the question named ("gift wrapping" is not covered by "gift cards")."""

    passage: Passage | None
    covered: bool
    contact: str | None
    unmentioned: tuple[str, ...] = ()  # the question's words the quoted passage lacks


class PolicyLibrary:
    """The store's policy sections, split into paragraphs, searched by shared words."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def answer(self, topic: str | None, words: Sequence[str]) -> PolicyAnswer:
        """The passage for a question about `topic` (a PolicyTopic value) using `words`."""
        with self._sessions() as db:
            sections = [
                (p.topic, p.title, p.body) for p in db.scalars(select(Policy).order_by(Policy.id))
            ]
        paragraphs = [
            (t, title, para.strip())
            for t, title, body in sections
            for para in body.split("\n\n")
            if para.strip()
        ]
        contact = next(
            (_sentences(para, 1) for t, _, para in paragraphs if t.startswith("contact")), None
        )
        in_topic = [p for p in paragraphs if topic and p[0].startswith(topic)]
        wanted = {
            stem(w)
            for w in words
            if w.lower() not in GENERIC and not COST.fullmatch(w.lower()) and len(w) > 2
        }
        wanted -= stems(" ".join([topic or "", *(title for _, title, _ in in_topic)]))
        if not wanted:  # "how long is your warranty?" asks the topic's general rule
            first = in_topic[0] if in_topic else None
            passage = Passage(first[1], _sentences(first[2], SENTENCES_QUOTED)) if first else None
            return PolicyAnswer(passage, passage is not None, contact)
        asks_cost = any(COST.fullmatch(w.lower()) for w in words)
        scored = [
            (
                len(wanted & stems(para)) + (COST_BONUS if asks_cost and MONEY.search(para) else 0),
                title,
                para,
            )
            for _, title, para in (in_topic or paragraphs)
        ]
        score, title, para = max(scored, key=lambda s: s[0], default=(0, "", ""))
        if score == 0:
            fallback = in_topic[0] if in_topic else None
            passage = (
                Passage(fallback[1], _sentences(fallback[2], SENTENCES_QUOTED))
                if fallback
                else None
            )
            unmentioned = tuple(dict.fromkeys(w for w in words if stem(w) in wanted))
            return PolicyAnswer(passage, False, contact, unmentioned)
        lacking = wanted - stems(para)
        unmentioned = tuple(dict.fromkeys(w for w in words if stem(w) in lacking))
        return PolicyAnswer(
            Passage(title, _best_sentences(para, wanted)), not lacking, contact, unmentioned
        )


def _sentences(text: str, count: int) -> str:
    return " ".join(SENTENCE_END.split(text)[:count])


def _best_sentences(paragraph: str, wanted: set[str]) -> str:
    """The paragraph's sentences that share words with the question, in their own order."""
    sentences = SENTENCE_END.split(paragraph)
    hits = [s for s in sentences if wanted & stems(s)]
    return " ".join(hits[:SENTENCES_QUOTED] or sentences[:SENTENCES_QUOTED])
