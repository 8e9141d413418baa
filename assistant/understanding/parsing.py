"""Deterministic parsers: every slot code can read with certainty, from regular expressions,
the word lists in `assistant.understanding.lexicon` and the catalog's own brands and categories.

Exact where models are weak (numbers, negations, references) and fast (microseconds).
`parse_message` consumes what it recognises; the words left over are `keywords`. It also reads
what the whole message asks of the conversation ("more", "why", "make it 3", "bye"), so that
nothing after understanding reads the message's text again.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from assistant.understanding.choice_meaning_multilingual import (
    ForeignChoiceMeanings,
    choice_reading,
    with_comparisons,
)
from assistant.understanding.conversation_acts import Act, read_act
from assistant.understanding.facet_reading import (
    CJK_UNIT,
    FacetReading,
    Quantity,
    find_quantities,
    narrowed_category,
    read_choices,
    read_numbers,
    read_ranges,
    read_yes_no,
)
from assistant.understanding.foreign_cues import FOREIGN, leftover_words, read_foreign
from assistant.understanding.languages import Language, detect
from assistant.understanding.lexicon import (
    AUDIENCE_WORDS,
    COLOUR_WORDS,
    FEATURE_WORDS,
    MATERIAL_WORDS,
    NUMBER_WORDS,
    OCCASION_WORDS,
    ORDINALS,
    POLICY_WORDS,
    SENTIMENT_WORDS,
    STOPWORDS,
)
from assistant.understanding.schema import Intent, PriceDirection, Slots
from assistant.understanding.vocabulary import AUDIENCE_NAMES, CatalogVocabulary
from catalog.facets import Facet
from catalog.request import FacetFilter

RESET_PHRASES = (
    "start over",
    "start again",
    "reset",
    "new search",
    "forget that",
    "forget it",
    "clear everything",
    "from scratch",
    "scrap that",
    "begin again",
    "start fresh",
    "fresh start",
    "clear the search",
)
CART_PHRASE = re.compile(r"\b(my|the|your|shopping) (cart|basket|bag|trolley)\b")
THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?")
SALUTATION = re.compile(
    r"^\W*(?:(?:hi|hello|hey|hiya)(?: there)?|"
    r"good (?:morning|afternoon|evening|day))\b[\s!.,]*"
)  # "Good evening! I…"
NO_PRICE_WORRY = re.compile(
    r"\b(?:budget|price|money|cost)\b.{0,12}\b(?:not|no|isn'?t)\b.{0,12}"
    r"\b(?:problem|issue|concern|object)\b"
)
GREETING = re.compile(
    r"^\s*(hi|hello|hey|hiya|howdy|yo|good (morning|afternoon|evening))\b"
    r"[\s!.,]*(there|again)?[\s!.,]*$",
    re.I,
)
CHEAPER = re.compile(
    r"\b(cheaper|less expensive|more affordable|lower price[sd]?|lowest price|"
    r"too (expensive|pricey))\b",
    re.I,
)
THRIFTY = re.compile(r"\b(cheap|affordable|inexpensive|budget|low cost|bargain)\b", re.I)
PRICIER = re.compile(
    r"\b(pricier|more expensive|higher[- ]end|premium|fancier|better quality|"
    r"splurge|luxury|luxurious)\b",
    re.I,
)
NEGATION = (
    r"(?:not|no|non|except|without|excluding|anything but|other than|don't want|avoid|"
    r"instead of|rather than|aren't|arent|isn't|isnt|never)"
)
NEGATED_TERM = re.compile(
    rf"\b{NEGATION}\s+(?:(?:too|so|very|really|overly|any)\s+)?"
    r"([a-z][a-z-]+)"
)
AGE = re.compile(r"\b(?:a\s+)?(\d{1,2})\s*(?:yo|y/o|yr olds?|years? olds?|year-olds?|-year-old)\b")
KIDS_MAX_AGE = 12
WORD_NUMBERS = [
    (re.compile(r"\b(?:a|one) hundred\b"), "100"),
    (re.compile(r"\btwo hundred\b"), "200"),
    (re.compile(r"\bthree hundred\b"), "300"),
    (re.compile(r"\bfifty\b"), "50"),
    (re.compile(r"\btwenty\b"), "20"),
    (re.compile(r"\bthirty\b"), "30"),
    (re.compile(r"\bforty\b"), "40"),
    (re.compile(r"\b(\d+)k\b"), r"\g<1>000"),
]
ORDER_NUMBER = re.compile(r"\b([a-z]{2}-\d{5,7})\b|\border\s*(?:#|no\.?|number)\s*(\d{4,})", re.I)
ORDINAL = "|".join(ORDINALS)
REFERENCES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:the\s+)?first\s+(two|three|2|3)\b"), "first_n"),
    (
        re.compile(
            rf"\b(?:the\s+)?({ORDINAL})(?:\s+(?:one|pair|item|option|product|"
            rf"pick|of them|jacket|shoe|shoes|one's))?\b"
        ),
        "ordinal",
    ),
    (
        re.compile(
            r"\b(?:the\s+(last)(?:\s+(?:one|pair|item|option|product|of them))?|"
            r"(last) (?:one|pair|item|option))\b"
        ),
        "ordinal",
    ),  # not "last night"
    (re.compile(r"(?:#|\bnumber\s+|\bno\.\s*)([1-9])\b"), "number"),
    (
        re.compile(
            r"\b(?:the\s+)?(cheaper|cheapest|less expensive|least expensive)\s+"
            r"(?:one|of (?:those|the|these)"
            r"(?:\s+(?:two|2))?|pair|option)\b"
        ),
        "cheapest",
    ),
    (
        re.compile(
            r"\b(?:the\s+)?(pricier|priciest|more expensive|most expensive|dearer|dearest)"
            r"\s+"
            r"(?:one|of (?:those|the|these)(?:\s+(?:two|2))?|pair|option)\b"
        ),
        "dearest",
    ),
    (re.compile(r"\b(both|all of them|all of these|these|those|them)\b"), "all"),
    (
        re.compile(
            r"\b(any of (?:them|these|those))\b"
            r"|^\W*(?:do|does|are|is|will|can|would|did) (any|they)\b"
        ),
        "all",
    ),
    (re.compile(r"\b(that one|this one|the one|it)\b"), "it"),
    (re.compile(r"\b(?:does|is|will|can|would) (that|this)\b"), "it"),
    (re.compile(r"(?<!size )\b([1-9])\s*(?:and|or|&|vs\.?|versus)\s*([1-9])\b"), "number"),
]
MIN_RATING = re.compile(
    r"(?:\b(?:rated\s+)?(?:at least|minimum|min\.?|over|above|rated)\s+)?(?<![\w.$€£₹])"
    r"([1-5](?:\.\d?)?)\s*(?:\+\s*stars?|stars?(?:\s*(?:and up|or more|"
    r"or higher|or better|\+|plus))?|\+)",
    re.I,
)
QUANTITY = re.compile(
    rf"\b(\d{{1,2}}|{'|'.join(NUMBER_WORDS)})\s+(?:of|x|pairs?|units?|more)\b"
    r"|\b(\d{1,2})\s*x\b|\bx\s*(\d{1,2})\b"
)
NOT_MONEY = (  # a number with one of these after it is a quantity: "at least 16gb"
    r"(?![\d.,]?\d)(?!\s?(?:gb|tb|mb|mp|mah|ghz|hz|mm|cm|inch|inches|ml|kg|lbs?|oz|hours?|hrs?|days?|"
    r"years?|watts?|gsm|pcs|pieces|pack|people|players)\b)"
)
MONEY = (
    r"[$€£₹]?\s?(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:[.,]\d{1,2})?(?:e\+?\d+)?)"
    + NOT_MONEY
    + r"\s?(?:k\b)?\s?(?:dollars?|bucks|usd|euros?|eur|inr)?"
)  # "12,000" is twelve thousand, "12,50" not
CURRENCIES = (  # the currency a shopper's price names, in the four languages
    ("EUR", re.compile(r"€|\beuros?\b|\beur\b|欧元", re.I)),
    ("GBP", re.compile(r"£|\bpounds?\b|\bgbp\b|英镑|\blibras?\b|\blivres?\b", re.I)),
    ("INR", re.compile(r"₹|\brupees?\b|\binr\b|卢比", re.I)),
    ("USD", re.compile(r"\$|\bdollars?\b|\bbucks\b|\busd\b|美元|美金|d[oó]lar", re.I)),
)
PRICE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b(?:between|from)\s+{MONEY}\s*(?:and|to|-)\s*{MONEY}", re.I), "range"),
    (
        re.compile(
            r"(?<![\w.])[$€£₹]\s?(\d+(?:\.\d{1,2})?)\s*(?:-|to)\s*[$€£₹]?\s?"
            r"(\d+(?:\.\d{1,2})?)",
            re.I,
        ),
        "range",
    ),
    (
        re.compile(
            rf"(?:\b(?:under|below|less than|cheaper than|at most|up to|upto|max(?:imum)?|"
            rf"no more than|within|not more than|not over|beneath|"
            rf"nothing (?:above|over|more than|higher than)|not above)|<=?)\s*{MONEY}",
            re.I,
        ),
        "max",
    ),
    (re.compile(rf"{MONEY}\s*(?:or less|max(?:imum)?|or under|tops|or cheaper)\b", re.I), "max"),
    (
        re.compile(
            rf"(?:\b(?:over|above|more than|at least|min(?:imum)?|starting at)|>=?)\s*{MONEY}", re.I
        ),
        "min",
    ),
    (re.compile(rf"{MONEY}\s*(?:or more|and up|plus|\+)", re.I), "min"),
    (
        re.compile(
            rf"\b(?:around|about|roughly|approximately|approx\.?|near|close to|~)\s*{MONEY}", re.I
        ),
        "around",
    ),
    (re.compile(r"(?<![\w.])[$€£₹]\s?(\d+(?:\.\d{1,2})?)\b"), "max"),
    (re.compile(r"\b(\d+(?:\.\d{1,2})?)\s?(?:dollars?|bucks|usd)\b", re.I), "max"),
    (re.compile(rf"\bbudget(?: is| of)?\s*{MONEY}", re.I), "max"),
]
SIZE_PATTERN = re.compile(
    r"\bsize\s+(\d{1,2}(?:\.5)?|xxs|xs|s|m|l|xl|xxl|xxxl|small|medium|large|extra large)\b"
    r"|\b(xxs|xs|xl|xxl|xxxl)\b|\bin (?:a |an )?(small|medium|large)\b"
    r"|\b(\d{2}) waist\b|\b(twin|full|queen|king)[- ]size\b",
    re.I,
)
SIZE_PAIR = re.compile(r"\b(xs|s|m|l|xl|xxl)\s*(?:or|/|and)\s*(xs|s|m|l|xl|xxl)\b")
SIZE_WORDS = {"small": "S", "medium": "M", "large": "L", "extra large": "XL"}
AROUND_TOLERANCE = Decimal("0.2")
PRICE_CEILING = Decimal(1_000_000_000)  # "under $1e308" sets no limit; "over $1e308" this one
# How many people a product is for, as product names say it: "for 4 people" → "4-person".
_COUNT = rf"(\d{{1,2}}|{'|'.join(NUMBER_WORDS)})"
PEOPLE = re.compile(
    rf"\b{_COUNT}\s+(?:people|persons|adults|guests)\b|\bsleeps\s+{_COUNT}\b"
    rf"|\b{_COUNT}[- ]person\b",
    re.I,
)
COUNTS = {"zero": 0, **NUMBER_WORDS}  # a quantity may be set to zero
# Read from the whole message as the shopper wrote it; nothing is consumed.
MORE = re.compile(
    r"^\W*(show me )?(some )?more\W*$"
    r"|\b(more|other) (options|like (this|that|these))\b"
    r"|\bsomething (else|different)\b|\bshow me more\b",
    re.I,
)
REVIEWS = re.compile(
    r"\b(reviews?|reviewers?|people say|others say|customers say|"
    r"what do (people|others|customers) think|rated|ratings?)\b",
    re.I,
)
WHY = re.compile(r"\bwhy\b", re.I)
SET_QUANTITY = re.compile(
    r"\b(make|change|set|update|want|quantity|only)\b.{0,40}?"
    r"\b(\d{1,2}|zero|one|two|three|four|five|six|seven|eight|nine|ten)\b",
    re.I,
)
EMPTY_CART = re.compile(
    r"\b(empty|clear)\b.{0,15}\b(cart|basket|bag)\b|\bremove (everything|"
    r"all)\b",
    re.I,
)
GOODBYE = re.compile(
    r"\b(bye|goodbye|see you|see ya|good night|have a (nice|good|great) "
    r"(day|one|evening|night))\b",
    re.I,
)


@dataclass
class ParsedMessage:
    """What code read in a message: the slots, the `keywords` it could not place, and what
    the message asks of the conversation (start over, more, reviews, a new quantity, bye)."""

    text: str
    slots: Slots = field(default_factory=Slots)
    keywords: list[str] = field(default_factory=list)  # words the catalog uses
    unknown_words: list[str] = field(default_factory=list)  # words it never uses: not searched
    category_words: list[str] = field(default_factory=list)  # the words that named a category
    facets: list[FacetFilter] = field(default_factory=list)  # attribute constraints read
    kind_phrase: str | None = None  # the one phrase that named the category ("sunscreen")
    contradictions: list[str] = field(default_factory=list)  # "waterproof but not waterproof"
    category_by_meaning: bool = False  # no phrase named it: a word meant it ("purse")
    wants_reset: bool = False
    is_greeting: bool = False
    says_goodbye: bool = False  # "bye", "have a nice day"
    wants_more: bool = False  # "something different", "show me more"
    asks_reviews: bool = False  # "what do people say about it?"
    asks_why: bool = False  # "why this one?"
    quantity_to_set: int | None = None  # "make it 3", "I only want two"
    empties_cart: bool = False  # "empty my cart", "remove everything"
    act: Act | None = None  # "sure", "thanks", "oh god", "I'll go for …" (conversation_acts)
    chosen: str = ""  # the words naming the product an Act.CHOICE picked ("the guest list")
    language: Language = "en"  # of this message (`languages.detect`)
    cue_text: str = ""  # a zh/es/fr message with its cues in English (`foreign_cues`)
    stated_intent: Intent | None = None  # "加入购物车", "vacía mi carrito" (`foreign_cues`)
    price_currency: str | None = None  # the currency a price limit was said in ("300 euros")

    @property
    def grammar_text(self) -> str:
        """The text the English grammar reads: the message, or its English cues."""
        return self.cue_text or self.text

    @property
    def product_words(self) -> list[str]:
        """Every word left over, known to the catalog or not: what the message names."""
        return [*self.keywords, *self.unknown_words]

    @property
    def has_constraints(self) -> bool:
        """Anything that narrows a search, besides the product kind itself."""
        s = self.slots
        return bool(
            s.price_min is not None
            or s.price_max is not None
            or s.price_direction
            or s.colours
            or s.excluded_colours
            or s.sizes
            or s.brands
            or s.excluded_brands
            or s.audience
            or s.materials
            or s.excluded_materials
            or s.features
            or s.min_rating is not None
            or s.excluded_terms
            or s.facets
        )

    @property
    def mentions_gift(self) -> bool:
        return self.slots.occasion == "gift"


def _money(text: str) -> Decimal:
    if THOUSANDS.fullmatch(text):
        return Decimal(text.replace(",", ""))
    return Decimal(text.replace(",", "."))


class _Scanner:
    """Finds patterns in a message and blanks out what was consumed."""

    def __init__(self, text: str) -> None:
        self.rest = " " + text + " "

    def take(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        matches = list(pattern.finditer(self.rest))
        for match in reversed(matches):
            start, end = match.span()
            self.rest = self.rest[:start] + " " * (end - start) + self.rest[end:]
        return matches

    def take_words(self, words: dict[str, str] | tuple[str, ...]) -> list[str]:
        """Whole-word matches, longest phrases first; returns the mapped values found."""
        found = []
        for word in sorted(words, key=len, reverse=True):
            if self.take(_word_regex(word)):
                found.append(words[word] if isinstance(words, dict) else word)
        return found


def _word_pattern(phrase: str) -> str:
    """Whole words; a phrase ending in a Chinese character ends there ("20升的" holds "20升")."""
    end = "" if CJK_UNIT.search(phrase[-1:]) else r"(?![\w'])"
    return r"(?<![\w'])" + re.escape(phrase) + end


@functools.cache
def _word_regex(phrase: str) -> re.Pattern[str]:
    """The whole-word pattern for a phrase, compiled once (a catalog has hundreds)."""
    return re.compile(_word_pattern(phrase))


@functools.cache
def _negated_regex(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"\b{NEGATION}\s+(?:\w+\s+)?{_word_pattern(phrase)}")


def parse_message(
    text: str, vocabulary: CatalogVocabulary, about: str | None = None
) -> ParsedMessage:
    """Read every slot code can be sure of; what is left over becomes `keywords` when the
    catalog uses the word, else `unknown_words` (never searched or read back). `about` is the
    category of a product the message asks about: attributes are read among its keys ("room
    for a 16 inch laptop" is the sleeve of a backpack, not a laptop's screen). A Chinese,
    Spanish or French message is read through its cues in English (`foreign_cues`)."""
    language = detect(text)
    foreign = read_foreign(text, language) if language in FOREIGN else None
    said = foreign.english if foreign else text  # what the English grammar reads
    lowered = vocabulary.normalise(said)
    for pattern, digits in WORD_NUMBERS:
        lowered = pattern.sub(digits, lowered)
    parsed = ParsedMessage(
        text=text,
        is_greeting=bool(GREETING.match(lowered)),
        says_goodbye=bool(GOODBYE.search(said)),
        wants_more=bool(MORE.search(said)),
        asks_reviews=bool(REVIEWS.search(said)),
        asks_why=bool(WHY.search(said)),
        quantity_to_set=_quantity_to_set(said),
        empties_cart=bool(EMPTY_CART.search(said)),
        language=language,
        cue_text=foreign.english if foreign else "",
        stated_intent=foreign.intent if foreign else None,
    )
    parsed.act, parsed.chosen = read_act(said)
    slots, scan = parsed.slots, _Scanner(lowered)
    scan.take(SALUTATION)
    parsed.wants_reset = bool(scan.take_words(RESET_PHRASES))
    scan.take(CART_PHRASE)  # "my bag" is the cart, not a handbag
    for match in scan.take(ORDER_NUMBER):
        slots.order_number = (match.group(1) or match.group(2)).upper()
    _parse_policy_and_sentiment(scan, slots)
    people = scan.take(PEOPLE)  # before "2 or 3" is read as a reference
    _parse_references(scan, slots)
    _parse_sizes(scan, slots)
    quantities = find_quantities(scan.rest, vocabulary.unit_words)  # not prices: "8 mm"
    for quantity in quantities:
        scan.take(_word_regex(quantity.said))
    for match in scan.take(MIN_RATING):
        slots.min_rating = Decimal(match.group(1))
    _parse_prices(scan, slots)
    if slots.price_min is not None or slots.price_max is not None:
        parsed.price_currency = next((c for c, said in CURRENCIES if said.search(text)), None)
    _parse_quantity(scan, slots)
    _parse_named(
        scan, {b.lower(): b for b in vocabulary.brands}, slots.brands, slots.excluded_brands
    )
    _parse_named(scan, MATERIAL_WORDS, slots.materials, slots.excluded_materials)
    _parse_named(scan, COLOUR_WORDS, slots.colours, slots.excluded_colours)
    slots.excluded_terms = [m.group(1) for m in scan.take(NEGATED_TERM)]  # "not too sporty"
    slots.features = scan.take_words(FEATURE_WORDS)  # before categories: "noise cancelling"
    _parse_category(scan, vocabulary, parsed)
    if foreign and slots.category:
        _check_by_products(text, vocabulary, parsed)
    slots.category = about or slots.category
    if slots.category is None and vocabulary.kinds is not None:  # "purse" → handbags
        kind = vocabulary.kinds.read(scan.rest)
        if kind is not None:
            slots.category = kind.category
            scan.take(_word_regex(kind.window))
            parsed.category_words += kind.window.split()
            parsed.category_by_meaning = True
            parsed.kind_phrase = kind.phrase  # "mic" shows microphones only
    ages = [int(match.group(1)) for match in scan.take(AGE)]
    if any(age <= KIDS_MAX_AGE for age in ages):
        slots.audience = "kids"
    _parse_facets(scan, vocabulary, parsed, ages, quantities)
    slots.occasion = next(iter(scan.take_words(OCCASION_WORDS)), None)
    if slots.category and slots.occasion:  # "shoes for running" names "running shoes"
        narrower = vocabulary.category_of(f"{slots.occasion} {slots.category.split('>')[-1]}")
        slots.category = (
            narrower if narrower and narrower.startswith(slots.category) else slots.category
        )
    for audience, words in AUDIENCE_WORDS.items():
        if scan.take_words((*words, *(f"{w}'s" for w in words if not w.endswith("'s")))):
            slots.audience = slots.audience or audience
    leftover = [
        w
        for w in (
            leftover_words(scan.rest, language)
            if foreign
            else re.findall(r"[a-z0-9][a-z0-9'-]*", scan.rest)
        )
        if w not in STOPWORDS and not w.isdigit() and len(w) > 1
    ]
    parsed.keywords = [
        *(f"{_count(next(g for g in m.groups() if g))}-person" for m in people),
        *(w for w in leftover if vocabulary.knows(w)),
    ]
    parsed.unknown_words = [w for w in leftover if not vocabulary.knows(w)]
    slots.excluded_terms = [t for t in slots.excluded_terms if vocabulary.names(t)]
    return parsed


def _parse_category(scan: _Scanner, vocabulary: CatalogVocabulary, parsed: ParsedMessage) -> None:
    """The category the message names. Of two names side by side the second is the head and
    decides ("laptop bag" is a bag; "laptop" stays a word to read). The words of a yes/no
    key ("fragrance free") name no category."""
    text = scan.rest
    for phrase in vocabulary.facet_phrases:
        text = _word_regex(phrase).sub(lambda m: " " * len(m.group(0)), text)
    found: list[tuple[int, int, str, str]] = []  # start, end, phrase, path
    for phrase, path in vocabulary.category_phrases:  # longest first
        for match in _word_regex(phrase).finditer(text):
            found.append((match.start(), match.end(), phrase, path))
            text = text[: match.start()] + " " * len(match.group(0)) + text[match.end() :]
    found.sort()
    modifiers = {
        i
        for i, (_, end, _, _) in enumerate(found[:-1])
        if _compound_gap(scan.rest[end : found[i + 1][0]])
    }
    named = [match for i, match in enumerate(found) if i not in modifiers]
    if len(named) == 1:
        parsed.kind_phrase = named[0][2]
    for start, end, phrase, path in named:
        parsed.slots.category = parsed.slots.category or path
        parsed.category_words += phrase.split()
        scan.rest = scan.rest[:start] + " " * (end - start) + scan.rest[end:]


def _check_by_products(text: str, vocabulary: CatalogVocabulary, parsed: ParsedMessage) -> None:
    """A Chinese, Spanish or French message's category read from English words it shares
    with the catalog gives way to the kind of the products nearest it, when those are all of
    another (`ForeignKindMeanings.overruling`): "collar de plata" is a necklace."""
    reader = vocabulary.kinds.foreign if vocabulary.kinds else None
    category = parsed.slots.category
    other = reader.overruling(text, category) if reader and category else None
    if other is not None:
        parsed.slots.category, parsed.kind_phrase = other, None
        parsed.category_by_meaning = True


def _compound_gap(between: str) -> bool:
    """Whether two names are one compound: nothing between, or at most two words that are
    neither stop words nor punctuation ("laptop sleeve backpack")."""
    words = between.split()
    return (
        len(words) <= 2
        and re.fullmatch(r"[\w\s'-]*", between) is not None
        and not any(w in STOPWORDS for w in words)
    )


def _parse_facets(
    scan: _Scanner,
    vocabulary: CatalogVocabulary,
    parsed: ParsedMessage,
    ages: list[int],
    quantities: list[Quantity],
) -> None:
    """Attribute constraints in the catalog's terms, among the facets of the category read
    (`facet_reading`); a key read may narrow the category ("laptop sleeve" → backpacks)."""
    slots, catalog = parsed.slots, vocabulary.facets
    scope = catalog.within(slots.category)
    foreign = parsed.language in FOREIGN
    if foreign:  # "40 horas o más", "40小时以上", "que aguante 140 kg"
        quantities = with_comparisons(quantities, parsed.grammar_text)
    readings = [
        *read_numbers(quantities, scope, scan.rest, named_only=slots.category is None),
        *read_ranges(scan.rest, scope, ages),
    ]
    for reading in readings:
        for words in reading.used:
            scan.take(_word_regex(words))
    yes_no = read_yes_no(scan.rest, scope, slots.excluded_terms, slots.features)
    cues = " ".join([scan.rest, *slots.features])
    readings += yes_no
    if slots.category:  # a choice value is an ordinary word outside its category ("fine")
        said = {w for reading in yes_no for w in reading.used}
        rest = " ".join(w for w in re.findall(r"[\w'-]+", cues) if w not in said)
        readings += read_choices(rest, scope, [*slots.colours, *AUDIENCE_NAMES])
    if vocabulary.meanings is not None and slots.category:  # "can see in the dark"
        readings += [
            FacetReading(FacetFilter(match.facet.key, "=", "true"), tuple(match.window.split()))
            for match in vocabulary.meanings.read(
                scan.rest,
                scope,
                {r.filter.key for r in readings},
                parsed.language,
                parsed.category_words,
            )
        ]
    if foreign and vocabulary.choices is not None and slots.category:  # "deportivas"
        words = " ".join([cues, *slots.excluded_terms])  # "no sean deportivas": "not deportivas"
        readings = _foreign_choices(vocabulary.choices, words, parsed, scope, readings)
    kept: dict[str, FacetFilter] = {}
    for reading in readings:
        if reading.contradicted:  # asked both ways: a question, not a filter
            parsed.contradictions.append(" ".join(reading.used))
        else:
            kept.setdefault(reading.filter.key, reading.filter)
        used = set(reading.used)
        slots.features = [f for f in slots.features if f not in used]
        slots.excluded_terms = [t for t in slots.excluded_terms if t not in used]
        for words in used:
            scan.take(_word_regex(words))
    parsed.facets = list(kept.values())
    slots.facets = [str(f) for f in parsed.facets]
    slots.category = narrowed_category(slots.category, readings, catalog)


def _foreign_choices(
    reader: ForeignChoiceMeanings,
    text: str,
    parsed: ParsedMessage,
    scope: list[Facet],
    readings: list[FacetReading],
) -> list[FacetReading]:
    """`readings` with the choice values a Chinese, Spanish or French message means in `text`
    (what is left of it, with the feature and negated words read: `choice_meaning_multilingual`).
    A value said after a negation is excluded as the English "not too sporty" is, and wanted
    by no other reading or feature ("que no sean de trail")."""
    slots = parsed.slots
    already = {r.filter.key for r in readings}
    matches = reader.read(text, parsed.grammar_text, scope, already, parsed.category_words)
    unwanted = {(m.facet.key, m.value.lower()) for m in matches if not m.wanted}
    excluded = sorted(value for _, value in unwanted)
    slots.excluded_terms += excluded
    slots.features = [f for f in slots.features if f not in excluded]
    kept = [r for r in readings if (r.filter.key, r.filter.value) not in unwanted]
    return kept + [choice_reading(m) for m in matches if m.wanted]


def _parse_policy_and_sentiment(scan: _Scanner, slots: Slots) -> None:
    for topic, words in POLICY_WORDS.items():
        if scan.take_words(words):
            slots.policy_topic = slots.policy_topic or topic
    for sentiment, words in SENTIMENT_WORDS.items():
        if scan.take_words(words):
            slots.sentiment = slots.sentiment or sentiment


def _parse_references(scan: _Scanner, slots: Slots) -> None:
    for pattern, kind in REFERENCES:
        for match in scan.take(pattern):
            value = match.group(1)
            if kind == "first_n":
                refs = [str(i) for i in range(1, _count(value) + 1)]
            elif kind == "ordinal":
                value = next(g for g in match.groups() if g)
                refs = ["last" if value == "last" else str(ORDINALS[value])]
            elif kind == "number":
                refs = [g for g in match.groups() if g]
            else:
                refs = [kind]
            slots.references += [r for r in refs if r not in slots.references]


def _parse_sizes(scan: _Scanner, slots: Slots) -> None:
    for match in scan.take(SIZE_PAIR):
        slots.sizes += [g.upper() for g in match.groups()]
    for match in scan.take(SIZE_PATTERN):
        raw = next(g for g in match.groups() if g).lower()
        slots.sizes.append(SIZE_WORDS.get(raw, raw.upper()))


def _parse_prices(scan: _Scanner, slots: Slots) -> None:
    for pattern, kind in PRICE_PATTERNS:
        for match in scan.take(pattern):
            values = [min(_money(g), PRICE_CEILING) for g in match.groups() if g]
            if kind == "max" and values[0] >= PRICE_CEILING:
                continue  # every price is under it
            if kind == "range":
                slots.price_min, slots.price_max = min(values), max(values)
            elif kind == "max":
                slots.price_max = values[0]
            elif kind == "min":
                slots.price_min = values[0]
            else:
                slots.price_min = (values[0] * (1 - AROUND_TOLERANCE)).quantize(Decimal("1"))
                slots.price_max = (values[0] * (1 + AROUND_TOLERANCE)).quantize(Decimal("1"))
    worry_free = bool(scan.take(NO_PRICE_WORRY))  # "budget is not a problem"
    named_amount = slots.price_min is not None or slots.price_max is not None
    thrifty = bool(scan.take(THRIFTY)) and not (named_amount or worry_free)  # not "budget $30"
    if scan.take(CHEAPER) or thrifty:
        slots.price_direction = PriceDirection.CHEAPER
    elif scan.take(PRICIER):
        slots.price_direction = PriceDirection.PRICIER


def _parse_quantity(scan: _Scanner, slots: Slots) -> None:
    for match in scan.take(QUANTITY):
        slots.quantity = _count(next(g for g in match.groups() if g))


def _quantity_to_set(text: str) -> int | None:
    """The new quantity of a cart line: "make it 3", "set the quantity to zero"."""
    match = SET_QUANTITY.search(text)
    return None if match is None else _count(match.group(2))


def _count(raw: str) -> int:
    """A count in digits or words: "3", "three", "a couple of"."""
    return int(raw) if raw.isdigit() else COUNTS[raw.lower()]


def _parse_named(
    scan: _Scanner, names: dict[str, str], wanted: list[str], excluded: list[str]
) -> None:
    """Brands, colours or materials, each either wanted or (after a negation) excluded."""
    for word in sorted(names, key=len, reverse=True):
        if scan.take(_negated_regex(word)):
            excluded.append(names[word])
        elif scan.take(_word_regex(word)):
            wanted.append(names[word])
