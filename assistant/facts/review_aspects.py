"""What reviewers say about each aspect of a product (comfort, fit, battery…), counted.

Each quotable review sentence is embedded and compared with a one-line description of every
aspect; a word cue for the aspect ("battery", "runs small") raises its score. A sentence
mentions the aspects that score at least `THRESHOLD` and within `MARGIN` of its best aspect.
Its polarity comes from its own words (praise, complaints, negation) and, only when they are
neutral, from the review's stars. Performance (the product's main job) is the aspect of a
sentence no other aspect claims, when it holds an opinion or comes near performance. Sentences
`quotes.quotable_sentences` withholds are neither read nor quoted.
"""

from __future__ import annotations

import re
import weakref
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from assistant.facts.quotes import quotable_sentences, quote
from assistant.facts.reviews import COMPLAINT, no_reviews, review_summary
from assistant.translation.speaking import N_, _, ngettext
from catalog.embedding import Embedder
from catalog.models import Product, Review

# Tuned with all-MiniLM-L6-v2 on 448 hand-labelled demo review sentences of products outside
# the benchmark's hand-counted set (benchmarks/score_review_aspects.py).
THRESHOLD = 0.35  # cosine similarity plus cue bonus an aspect needs
MARGIN = 0.08  # how far below a sentence's best aspect another aspect may score
CUE_BONUS = 0.40  # added to an aspect's score when the sentence uses one of its cue words
PERFORMANCE_FLOOR = 0.20  # performance score that names it in a sentence without opinion words
MAX_ASPECTS = 4  # aspects one summary shows
QUOTE_CHARS = 90


class Polarity(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"


@dataclass(frozen=True)
class Aspect:
    name: str  # as the annotation file spells it: "fit & sizing"
    description: str  # what the sentence is embedded against
    cues: re.Pattern[str]  # words that name the aspect


def _cues(words: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{words})\b", re.I)


PERFORMANCE = "performance"
ASPECTS: tuple[Aspect, ...] = (
    Aspect(
        "comfort",
        "How comfortable it feels to wear, hold, sit or sleep on: soft, cushioned, pinches, itchy.",
        _cues(
            r"comfort\w*|comfy|soft(?:er|ness)?|cushion\w*|pinch\w*|itch\w*|hurts?|"
            r"blisters?|chaf\w*|rub(?:s|bed)?|aches?|pain|rash|irritation|support|break in|"
            r"stings?|padded"
        ),
    ),
    Aspect(
        "fit & sizing",
        "The size and fit: runs small or large, true to size, too tight or loose, fits well.",
        _cues(
            r"fits?|fitted|sizes?|sizing|tight\w*|loose\w*|snug\w*|inseam|"
            r"runs? (?:small|large|big)|too (?:big|small|long|short|wide|narrow|tall|thick)|"
            r"(?:bigger|smaller) than|"
            r"stays? (?:in|put|in place|closed)|long enough|slim enough|takes up|boxy|tiny|huge"
        ),
    ),
    Aspect(
        "build & durability",
        "How well made and durable it is: sturdy materials, broke, fell apart, wore out, seams.",
        _cues(
            r"sturdy|sturdier|solid|well made|durab\w*|quality|broke(?! in)|broken|fell apart|"
            r"wore (?:out|through|thin)|"
            r"frayed|seams?|stitch\w*|scratch\w*|chip(?:s|ped)?|crack\w*|flimsy|survived|bent|"
            r"rust|tarnish\w*|pilling|fad(?:ed|es)|came loose|stopped working|destroyed|"
            r"in one piece|like new|shape|snags?|wobbl\w*|plasticky|stains?|popped|floppy|"
            r"chewed|sheds?|squeak\w*|survives?"
        ),
    ),
    Aspect(
        "battery",
        "Battery life and charging: how long the battery lasts, charging time.",
        _cues(r"batter(?:y|ies)|charg\w*|runtime|recharg\w*"),
    ),
    Aspect(
        "sound",
        "Sound and audio quality: bass, noise cancelling, volume, microphone.",
        _cues(
            r"sound\w*|bass|audio|noise|volume|mic|microphone|speakers?|tinny|treble|loud\w*|"
            r"crackles|beep\w*"
        ),
    ),
    Aspect(
        "warmth & weather",
        "Warmth and weather: keeps warm or cold, waterproof, leaks, rain, wind, breathable.",
        _cues(
            r"warm\w*|cold|freez\w*|waterproof|leak\w*|rain|wind|breathab\w*|sweat\w*|"
            r"dry|dries|soaked|snow|airflow"
        ),
    ),
    Aspect(
        "ease of use",
        "Easy or hard to set up, use, clean, assemble; instructions, app and controls.",
        _cues(
            r"easy|easier|easily|hard to|difficult|set ?up|instructions?|assembl\w*|app|"
            r"controls?|clean\w*|fiddly|install\w*|one hand|fold\w*|wipes?|swap\w*|pair\w*|"
            r"stiff to|slow to"
        ),
    ),
    Aspect(
        "looks",
        "How it looks: colour, style, design, looks nice or cheap, matches the photos.",
        _cues(
            r"colou?rs?|style|stylish|design|looks?|pretty|beautiful|gorgeous|photos?|ugly|"
            r"gift box|presentation|glaze|patina"
        ),
    ),
    Aspect(
        "value",
        "Value for money: the price, worth it, a bargain, overpriced.",
        _cues(r"price|priced|worth|bargain|overpriced|pricey|value|money"),
    ),
    Aspect(
        PERFORMANCE,
        "Does its main job well or badly: grip, cuts, brews, bright, accurate, fast.",
        _cues(r"works?|worked|grip\w*|sharp|cuts?|brews?|bright|accurate|powerful"),
    ),
)
_PERFORMANCE_AT = [aspect.name for aspect in ASPECTS].index(PERFORMANCE)
LABELS = {  # each aspect as a summary names it
    "comfort": N_("Comfort"),
    "fit & sizing": N_("Fit & sizing"),
    "build & durability": N_("Build & durability"),
    "battery": N_("Battery"),
    "sound": N_("Sound"),
    "warmth & weather": N_("Warmth & weather"),
    "ease of use": N_("Ease of use"),
    "looks": N_("Looks"),
    "value": N_("Value"),
    PERFORMANCE: N_("Performance"),
}

# Sentence polarity, word by word: praise and complaint words (complaints are
# `reviews.COMPLAINT` plus these), and negators that flip the word after them.
PRAISE = re.compile(
    r"\b(love[ds]?|great|perfect(?:ly)?|comfortable|comfy|soft(?:er)?|sturdy|sturdier|solid|"
    r"easy|easier|easily|excellent|nice(?:ly)?|good|lovely|beautiful(?:ly)?|gorgeous|worth|"
    r"bargain|fantastic|amazing|happy|clear|crisp|smooth(?:ly)?|instant|seamless|stable|"
    r"accurate|sharp|rich|silky|even(?:ly)?|outstanding|well|confident|plenty|handy|help(?:s|ed)?|"
    r"saves?|gentle|precise|precision|thrilled|compliments|favourite|secure|snug(?:ly)?|"
    r"survived|fits?|stays?|stayed|keeps?|kept|holds?|works?|springy|readable|"
    r"visible|clean(?:ly)?|flat|warm|dry|cool|brighter|shinier|defined|natural|mesmerised|"
    r"light(?:er)?|seconds|minutes|less|noticeable|noticeably|rested)\b",
    re.I,
)
GRIPES = re.compile(
    r"\b(hard|difficult|fiddly|stiff(?:er)?|heavy|heavier|bulky|awkward|annoying|confusing|loud|"
    r"loudly|tinny|distorts?|grainy|lag|wobbl\w*|rattle|leak(?:s|ed)?|soak\w*|"
    r"scratch(?:es|ed)?|scuffs?|chip(?:s|ped)?|frayed|fad(?:es|ed)|bent|rust|stains?|tarnish\w*|"
    r"peel\w*|pilling|shr[au]nk|wrinkles?|rub(?:s|bed)?|pinch(?:es)?|hurts?|itch\w*|rash|"
    r"blisters?|chaf\w*|slippery|slips?|slides?|floppy|stopped|destroyed|collapse|"
    r"smudg\w*|transfers|stings?|pricey|overpriced|sticky|glare|"
    r"fogging|flaking|irritation|tangle|bounce|drains?|drops|jumpy|dim|kinks|"
    r"squeak\w*|bleed\w*|crunch|frizz|grease|sweat|hot|fluff|lose|bump|fussing|plasticky|"
    r"cheap|pale|thinner|chewed)\b",
    re.I,
)
NEGATOR = re.compile(r"\b(not|n't|never|nothing|no|without|zero)\b", re.I)
CONTRAST = re.compile(r"\b(but|however|though|although)\b", re.I)
NEGATION_REACH = 3  # a negator flips a polar word at most this many words after it
MIXED_STARS = 3  # a review of these stars says good and bad: its sentences decide
TURN = re.compile(r"\b(but|however|though|although|wish|only|except|downside)\b", re.I)
GOOD_STARS = 4  # a neutral sentence in a review of at least this many stars counts positive


@dataclass(frozen=True)
class AspectMention:
    aspect: str  # an `Aspect.name`
    polarity: Polarity
    sentence: str  # the quotable review sentence that mentions it
    rating: int  # the stars of its review


def aspect_mentions(reviews: Sequence[Review], embedder: Embedder) -> list[AspectMention]:
    """Every (aspect, polarity) each quotable sentence of `reviews` mentions, in review order."""
    sentences = [(s, review.rating) for review in reviews for s in quotable_sentences(review.text)]
    if not sentences:
        return []
    vectors = embedder.embed([s for s, _ in sentences])
    scores = vectors @ _aspect_vectors(embedder).T
    mentions = []
    for (sentence, rating), row in zip(sentences, scores, strict=True):
        polarity = sentence_polarity(sentence, rating)
        for aspect in _aspects_of(sentence, row):
            mentions.append(AspectMention(aspect, polarity, sentence, rating))
    return mentions


def aspect_summary(product: Product, embedder: Embedder) -> str:
    """Reviews by aspect, most mentioned first: counts of praise and complaints, one quote each."""
    reviews = product.reviews
    if not reviews:
        return no_reviews(product)
    mentions = aspect_mentions(reviews, embedder)
    if not mentions:
        return review_summary(product)
    average = sum(r.rating for r in reviews) / len(reviews)
    counted = ngettext(
        "{count} review, average {average}/5.",
        "{count} reviews, average {average}/5.",
        len(reviews),
    )
    parts = [counted.format(count=len(reviews), average=f"{average:.1f}")]
    by_aspect = Counter(m.aspect for m in mentions)
    for aspect, _count in by_aspect.most_common(MAX_ASPECTS):
        parts.append(_aspect_line(aspect, [m for m in mentions if m.aspect == aspect]))
    return " ".join(parts)


def sentence_polarity(sentence: str, rating: int) -> Polarity:
    """The stars of a clear review (4-5★ praise, 1-2★ complaint) unless the sentence turns
    against them ("but", "however", "wish"); a 3★ sentence by its own words, the stars
    deciding when they balance. Word lists misread too much ("paper thin" is praise of a
    knife) to outvote the reviewer's own stars."""
    score = opinion(sentence)
    if rating != MIXED_STARS and not (TURN.search(sentence) and score):
        return Polarity.POSITIVE if rating > MIXED_STARS else Polarity.NEGATIVE
    if score == 0:
        return Polarity.POSITIVE if rating >= GOOD_STARS else Polarity.NEGATIVE
    return Polarity.POSITIVE if score > 0 else Polarity.NEGATIVE


def opinion(sentence: str) -> int:
    """Praise minus complaints in `sentence`, a negator flipping the word after it."""
    words = re.findall(r"[\w']+|n't", sentence.replace("n't", " n't"))
    return sum(_word_score(words, i) for i in range(len(words)))


def _word_score(words: list[str], index: int) -> int:
    """+1 for praise, -1 for a complaint, flipped after a negator; a negator with no polar word
    in reach counts itself: "no" and "without" praise an absence, "not" complains."""
    word = words[index]
    if NEGATOR.fullmatch(word):
        reach = words[index + 1 : index + 1 + NEGATION_REACH]
        if any(_polar(w) for w in reach):
            return 0
        return 1 if word.lower() in {"no", "without", "zero"} else -1
    value = _polar(word)
    before = words[max(0, index - NEGATION_REACH) : index]
    return -value if any(NEGATOR.fullmatch(w) for w in before) else value


def _polar(word: str) -> int:
    if CONTRAST.fullmatch(word):
        return 0
    if GRIPES.fullmatch(word) or (COMPLAINT.fullmatch(word) and not NEGATOR.fullmatch(word)):
        return -1
    return 1 if PRAISE.fullmatch(word) else 0


def _aspects_of(sentence: str, similarities: np.ndarray) -> list[str]:
    """The aspects `sentence` mentions: cue-boosted similarity at least `THRESHOLD` and within
    `MARGIN` of its best; else performance, when the sentence holds an opinion or its
    performance score reaches `PERFORMANCE_FLOOR`."""
    boosted = [
        float(similarity) + (CUE_BONUS if aspect.cues.search(sentence) else 0.0)
        for aspect, similarity in zip(ASPECTS, similarities, strict=True)
    ]
    best = max(boosted)
    named = [
        aspect.name
        for aspect, score in zip(ASPECTS, boosted, strict=True)
        if score >= THRESHOLD and score >= best - MARGIN
    ]
    if named or (boosted[_PERFORMANCE_AT] < PERFORMANCE_FLOOR and opinion(sentence) == 0):
        return named
    return [PERFORMANCE]


_DESCRIPTION_VECTORS: weakref.WeakKeyDictionary[Embedder, np.ndarray] = weakref.WeakKeyDictionary()


def _aspect_vectors(embedder: Embedder) -> np.ndarray:
    """The aspect descriptions embedded, once per embedder."""
    vectors = _DESCRIPTION_VECTORS.get(embedder)
    if vectors is None:
        vectors = embedder.embed([aspect.description for aspect in ASPECTS])
        _DESCRIPTION_VECTORS[embedder] = vectors
    return vectors


def _aspect_line(aspect: str, mentions: list[AspectMention]) -> str:
    """'Comfort: 2 positive, 1 negative — a 5★ reviewer wrote “…”', quoting the larger side
    (praise on a tie)."""
    positive = [m for m in mentions if m.polarity is Polarity.POSITIVE]
    negative = [m for m in mentions if m.polarity is Polarity.NEGATIVE]
    counts = []
    if positive:
        said = ngettext("{count} positive", "{count} positive", len(positive))
        counts.append(said.format(count=len(positive)))
    if negative:
        said = ngettext("{count} negative", "{count} negative", len(negative))
        counts.append(said.format(count=len(negative)))
    quoted = (positive if len(positive) >= len(negative) else negative)[0]
    line = _("{aspect}: {counts} — a {rating}★ reviewer wrote {quote}.")
    return line.format(
        aspect=_(LABELS[aspect]),
        counts=", ".join(counts),
        rating=quoted.rating,
        quote=quote(quoted.sentence.rstrip(".!"), QUOTE_CHARS),
    )
