"""A shopper's question about a product, read in the product's own terms.

"does it have room for a 16 inch laptop?" is a yes/no question whose attribute is read among
the keys of the product's category (`laptop_sleeve_in >= 16`, not a laptop's screen); "how
long does the battery last?" asks for a value; "which of these is the lightest?" asks for the
extreme of a number across the shown products; "do reviewers say it runs small?" asks the
reviews. What the words ask is read here; the answer comes from the product's facts
(`facts.product_answers`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from assistant.understanding.facet_reading import facet_stems
from assistant.understanding.languages import Language
from assistant.understanding.lexicon import AUDIENCE_WORDS, MATERIAL_WORDS, STOPWORDS
from assistant.understanding.parsing import REFERENCES, parse_message
from assistant.understanding.vocabulary import CatalogVocabulary
from catalog.request import FacetFilter


class QuestionForm(StrEnum):
    YES_NO = "yes/no"  # "is it waterproof?"
    VALUE = "value"  # "how long does the battery last?"
    EXTREME = "extreme"  # "which of these is the lightest?"


POLAR = re.compile(
    r"^\W*(?:(?:and|so|but|ok|okay|also|hi|hey)\W+)*(?:is|isn't|are|aren't|does|doesn't|do|"
    r"don't|can|could|will|would|has|have|did|should|was|were|any chance)\b",
    re.I,
)
VALUE = re.compile(
    r"\b(?:what|what's|whats|how|which|who|when|where|tell me)\b|\bhow (?:many|much|long|big)\b",
    re.I,
)


def _superlative(adjective: str) -> str:
    """ "light" → "lightest", "heavy" → "heaviest", "big" → "biggest", "large" → "largest"."""
    if adjective.endswith("y"):
        return adjective[:-1] + "iest"
    if adjective.endswith("e"):
        return adjective + "st"
    if re.search(r"[^aeiou][aeiou][bgnt]$", adjective):
        return adjective + adjective[-1] + "est"
    return adjective + "est"


MEASURES = {  # adjective: (what it measures, whether its superlative wants the most)
    "light": ("weight", False),
    "heavy": ("weight", True),
    "long": ("length hours", True),
    "short": ("length hours", False),
    "big": ("capacity size height length", True),
    "large": ("capacity size height length", True),
    "small": ("capacity size height length", False),
    "wide": ("width", True),
    "narrow": ("width", False),
    "tall": ("height", True),
    "thin": ("thickness", False),
    "thick": ("thickness", True),
    "bright": ("lumens brightness", True),
    "warm": ("warmth insulation", True),
    "strong": ("load power", True),
    "high": ("height", True),
    "far": ("distance range", True),
    "weigh": ("weight", True),  # "how much does it weigh?"
}
SUPERLATIVES = {
    **{_superlative(a): measure for a, measure in MEASURES.items()},
    "cheapest": ("price", False),
    "popular": ("rating", True),  # "the most popular", "best rated"
    "rated": ("rating", True),
    "best reviews": ("rating", True),  # "which one has the best reviews?"
    "best reviewed": ("rating", True),
    "most": ("", True),
    "highest": ("", True),
    "least": ("", False),
    "lowest": ("", False),
    "fewest": ("", False),
}
VALUE_OF_SHOWN = re.compile(  # "what is the plot?", "how heavy are they?": of what is shown
    r"^\W*(?:(?:what(?:'s| is| are)|whats)\s+(?:the|their|its)\s+\w+|"
    r"how (?:long|big|heavy|tall|wide|high)\b[\w\s]*?\b(?:is|are)\s+"
    r"(?:the|their|its|it|they|these|those)\b)",
    re.I,
)
WHICH = re.compile(r"\W*which\b", re.I)  # "which is the cheapest one?" ranks the shown
SUPERLATIVE = re.compile(  # not "at least 16gb", "at most $50"
    r"(?<!\bat )\b(" + "|".join(SUPERLATIVES) + r")\b(?:\s+([\w-]+))?(?:\s+([\w-]+))?"
)
FITS = re.compile(r"\b(?:fits?|hold|holds|take|takes|support|supports|room|carry|enough|up to)\b")
FINISH = r"(?:plated|tone|toned|filled|finish)\b"  # "gold plated" names no colour
OWN_WORDS = "one ones colour color version variant option shade"  # "the white one"
FINDING = re.compile(  # asking to find products, not about one
    r"\b(?:do you (?:have|sell|carry|stock)|have you got|are there|is there|any\b|show|find|"
    r"looking for|recommend|suggest)",
    re.I,
)
ABOUT_REVIEWS = re.compile(
    r"\b(?:reviews?|reviewers?|(?:people|ppl) (?:say|said|think|complain|mention)|customers|"
    r"buyers|owners|anyone (?:say|complain|mention)|complaints?)\b",
    re.I,
)
REVIEW_WORD = re.compile(  # what a question about the reviews says besides its topic
    r"(?:reviews?|reviewers?|people|ppl|customers|buyers|owners|anyone|say|says|said|think|"
    r"thought|complain\w*|mention\w*|feel|felt)"
)
FIELD_WORD = re.compile(r"sizes?|colou?rs?|materials?|made|brand|weight|length|width|height")
QUESTION_WORD = re.compile(  # words that ask, not what is asked about
    r"(?:is|isn't|are|aren't|does|doesn't|do|don't|can|could|will|would|has|have|did|should|"
    r"was|were|what|what's|whats|how|which|who|when|where|tell|me|it|its|it's|this|that|"
    r"these|those|one|they|them|their|there|any|chance|first|second|third|last|you|me|my|"
    r"good|ok|okay|work|works|fit|fits|come|comes|use|used|need|needs|get|really|suitable|"
    r"enough|also|much|many|well|like|know|please|actually|thing|item|product|about|more|"
    r"details?|info|information|describe|else)"
)


@dataclass(frozen=True)
class Extreme:
    """ "the lightest": rank by `dimension` (words to match a number key), most first or not."""

    dimension: str
    most: bool


@dataclass(frozen=True)
class ProductQuestion:
    """What a question about a product asks, in the product's terms."""

    text: str
    form: QuestionForm
    facets: tuple[FacetFilter, ...] = ()  # the attribute conditions asked about
    colours: tuple[str, ...] = ()
    materials: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    audience: str | None = None  # "is it for men?"
    words: tuple[str, ...] = ()  # the content words: what the question is about
    extreme: Extreme | None = None
    measure: str = ""  # what "how heavy", "how big" ask for: "weight", "capacity size"
    about_reviews: bool = False
    language: Language = "en"  # of the shopper's message; `text` is its English grammar

    @property
    def specific(self) -> bool:
        """Whether it asks something in particular, not "tell me about it"."""
        return bool(
            self.extreme
            or self.facets
            or self.colours
            or self.materials
            or self.sizes
            or self.words
        )

    @property
    def topic(self) -> str:
        """The question's content words as a phrase ("battery last")."""
        return " ".join(self.words)


AFTER_THE_QUESTION = re.compile(r"\?[^?]*$")  # what follows the question only tells why
SHOWN_REFERENCE = re.compile(r"\b(?:number|no\.|#)\s*\d+\b|\b\d+(?:st|nd|rd|th)\b")  # "number 2"


def read_question(
    message: str, vocabulary: CatalogVocabulary, category: str | None
) -> ProductQuestion:
    """Read the shopper's `message` as a question about a product of `category`; one in
    Chinese, Spanish or French by its English cues, its attributes by meaning ("¿es
    impermeable?" asks about `waterproof`)."""
    parsed = parse_message(message, vocabulary, about=category)
    slots = parsed.slots
    text = parsed.grammar_text
    lowered = _without_price_references(text.lower())  # "the cheapest one?" asks nothing
    asked = AFTER_THE_QUESTION.sub("?", lowered)  # "…nickel free? my baby reacts to nickel"
    words = tuple(
        w
        for w in re.findall(r"[a-z0-9][a-z0-9'&-]*", SHOWN_REFERENCE.sub(" ", asked))
        if (w not in STOPWORDS or FIELD_WORD.fullmatch(w)) and not QUESTION_WORD.fullmatch(w)
    )
    about_reviews = bool(ABOUT_REVIEWS.search(text))
    if about_reviews:
        words = tuple(w for w in words if not REVIEW_WORD.fullmatch(w))
    extreme = _extreme(lowered) or (_extreme(text.lower()) if WHICH.match(text) else None)
    if extreme is not None:
        form = QuestionForm.EXTREME
    elif POLAR.search(lowered) or not VALUE.search(lowered):
        form = QuestionForm.YES_NO
    else:
        form = QuestionForm.VALUE
    return ProductQuestion(
        text=text,
        form=form,
        facets=tuple(_at_least(f) if FITS.search(lowered) else f for f in parsed.facets),
        colours=tuple(c for c in slots.colours if _colours_the_product(c, lowered, category)),
        materials=tuple(slots.materials),
        sizes=tuple(slots.sizes),
        audience=slots.audience if _names_audience(lowered) else None,  # not from an age
        words=words,
        extreme=extreme,
        measure=_measure(lowered),
        about_reviews=about_reviews,
        language=parsed.language,
    )


def _measure(lowered: str) -> str:
    """What "how heavy", "how big" ask for ("weight", "capacity size …"); "when …?" a date."""
    said = [MEASURES[w][0] for w in re.findall(r"[a-z]+", lowered) if w in MEASURES]
    return " ".join(said) or ("date" if re.match(r"\W*when\b", lowered) else "")


def _without_price_references(lowered: str) -> str:
    """The text less "the cheapest one", "the most expensive of these": words that point at a
    shown product, not a question about it."""
    for pattern, kind in REFERENCES:
        if kind in ("cheapest", "dearest"):
            lowered = pattern.sub(" ", lowered)
    return lowered


def _colours_the_product(colour: str, lowered: str, category: str | None) -> bool:
    """Whether a colour word asks the product's colour: "is it white?", "a black one", "in
    red leather"; not "gold plated", nor "white noise" or "a black strap" (another thing's
    colour, which the product's colour does not answer)."""
    if re.search(rf"\b{colour}\W+{FINISH}", lowered):
        return False
    following = re.search(rf"\b{colour}\s+([a-z]+)", lowered)
    if following is None:
        return True
    word = following.group(1)
    own = set(facet_stems(category or "")) | set(facet_stems(OWN_WORDS))
    return word in STOPWORDS or word in MATERIAL_WORDS or bool(set(facet_stems(word)) & own)


def _names_audience(lowered: str) -> bool:
    words = set(re.findall(r"[\w']+", lowered))
    return any(words & set(said) for said in AUDIENCE_WORDS.values())


def _at_least(facet: FacetFilter) -> FacetFilter:
    """ "will it hold 150 kg?" asks for at least 150 kg, not about 150."""
    return replace(facet, op=">=") if facet.op == "=" and facet.unit else facet


def _extreme(lowered: str) -> Extreme | None:
    """ "the lightest" → weight, least first; "the longest battery" → battery, most first;
    "most pockets" → pockets."""
    match = SUPERLATIVE.search(lowered)
    if match is None:
        return None
    dimension, most = SUPERLATIVES[match.group(1)]
    following = [w for w in match.groups()[1:] if w and w not in STOPWORDS]
    if not dimension and following and following[0] in SUPERLATIVES:  # "most popular"
        return Extreme(SUPERLATIVES[following[0]][0], most)
    return Extreme(" ".join([*following[:1], dimension]).strip(), most)


def model_words(text: str) -> list[str]:
    """The words of a message that name a product model: "Does Galaxy s20 have …" →
    ["Galaxy", "s20"]; "is Billy Summers a hardcover?" → ["Billy", "Summers"]."""
    tokens = re.findall(r"[\w'&-]+", text)
    return [t for i, t in enumerate(tokens) if _names_a_model(t, opens=i == 0)]


def asks_about_a_named_product(text: str) -> bool:
    """A question about one product named by its model ("does the Galaxy S20 have a jack?"),
    not a request to find some ("do you have any Nike trail shoes?")."""
    if not (POLAR.search(text) or VALUE.search(text)) or FINDING.search(text):
        return False
    words = model_words(text)
    return any(re.search(r"\d", w) for w in words) or len(words) >= 2


def _names_a_model(token: str, opens: bool) -> bool:
    """A letter-and-digit word ("s20", "WH-1000XM5") or a capitalised one mid-sentence."""
    if len(token) < 2 or token.lower() in STOPWORDS or token == "I":
        return False
    alphanumeric = bool(re.search(r"\d", token)) and bool(re.search(r"[a-z]", token, re.I))
    return alphanumeric or (not opens and token[0].isupper())
