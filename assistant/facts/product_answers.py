"""Answers to questions about products, from their facts, in order of how sure they are.

1. The product's attributes, through the facets the question names: "room for a 16 inch
   laptop?" against `laptop_sleeve_in: 16` is a yes, against 15 a no.
2. Its colour, material and sizes.
3. A value asked for ("how long does the battery last?"): the attribute whose words the
   question names (or means, by the catalog's embedder).
4. The sentence of its listing or reviews that answers it (`text_evidence`): a yes only when
   it holds every word asked about, unnegated; a no when it negates one.
Where nothing answers, the reply says the listing doesn't say, with the closest fact it does
state. The answer comes first, then where it comes from; never a guessed yes or no.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np

from assistant.facts.facet_phrases import key_words
from assistant.facts.money import format_price
from assistant.facts.product_details import (
    FIELD_WORDS,
    Fact,
    attribute_keys,
    attribute_values,
    capitalised,
    checked_facts,
    clauses,
    detail,
    field_keys,
    inverted,
    value_answer,
)
from assistant.facts.quotes import quote
from assistant.facts.review_aspects import aspect_summary
from assistant.facts.reviews import no_reviews
from assistant.facts.text_evidence import (
    RELATED,
    Found,
    Passage,
    TextEvidence,
    holds_every_word,
    measured,
    passages,
)
from assistant.translation.lists import both
from assistant.translation.speaking import _, ngettext
from assistant.understanding.facet_reading import facet_stems
from assistant.understanding.product_question import (
    MEASURES,
    ProductQuestion,
    QuestionForm,
    model_words,
)
from catalog.embedding import Embedder
from catalog.facets import key_unit, value_number, yes_or_no
from catalog.models import Product

KEY_MEANING = 0.5  # a value question means an attribute key at least this close
MEANT_KEY, MEANT_MARGIN = 0.5, 0.08
MOST_WORDS = 0.5  # a sentence holding fewer of the question's words does not answer it
EVERY_WORD_RELATED = 0.35  # a sentence naming every word asked about need be less close
VALUE_MEANING = 0.5  # a sentence this close in meaning, with a number, answers "how far?"
UNRELATED = 0.3  # no review sentence scoring this much is about the question
PRONOUN = re.compile(r"\b(?:it|its|this|these|they|them|that one)\b", re.I)


class Verdict(StrEnum):
    YES = "yes"
    NO = "no"
    VALUE = "value"
    NOT_STATED = "not_stated"


@dataclass(frozen=True)
class Answer:
    """The verdict and the reply that gives it with its evidence; for a verdict not stated,
    the closest thing the product's text does say, when one was found."""

    verdict: Verdict
    text: str
    closest: str = ""


class ProductAnswers:
    """Answers questions about shown products; the embedder reads keys and sentences by
    meaning."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder
        self._text = TextEvidence(embedder)

    def answer(self, product: Product, question: ProductQuestion) -> Answer:
        """One product's answer to `question`."""
        if question.about_reviews:
            return self._from_reviews(product, question)
        if question.form is not QuestionForm.YES_NO:
            key = self._key_for(product, [*question.words, *question.measure.split()], True)
            if key is not None:
                return Answer(Verdict.VALUE, value_answer(product, key))
            return self._from_text(product, question)
        named, meant = checked_facts(product, question)
        if named:
            return _yes_no(named)
        key = self._key_for(product, question.words, by_meaning=False, every_word=True)
        if key is not None and key not in FIELD_WORDS and not re.search(r"\d", question.text):
            value = product.attributes[key]
            has = yes_or_no(value) if value_number(value) is None else None
            if has is not None:
                return _yes_no([Fact(has != inverted(key, question), detail(key, value))])
            if value_number(value) is None or _asks_only(question, key):
                # "fit?" → "fit: slim"; "thread count?" → its number; not "burn around cats?"
                return Answer(Verdict.YES, _("Yes — {fact}.").format(fact=detail(key, value)))
        meant += self._meant_facts(product, question)
        from_text = self._from_text(product, question)
        if from_text.verdict is not Verdict.NOT_STATED or not meant:
            return from_text
        return _yes_no(meant[:1])  # an attribute the question means but does not name

    def what_reviewers_say(self, product: Product) -> str:
        """ "What do people say about it?": its reviews by aspect, counted and quoted."""
        return aspect_summary(product, self._embedder)

    def _meant_facts(self, product: Product, question: ProductQuestion) -> list[Fact]:
        """The product's yes/no attribute closest in meaning to the question ("can I throw it
        in the washer?" → `machine_washable`), when it is clearly the closest."""
        keys = {
            k: v
            for k, v in (product.attributes or {}).items()
            if yes_or_no(v) is not None and k not in {f.key for f in question.facets}
        }
        if not keys or not question.words:
            return []
        texts = [question.topic, *(key_words(k) for k in keys)]
        vectors = self._embedder.embed(texts)
        similarity = vectors[1:] @ vectors[0]
        order = np.argsort(-similarity)
        best = float(similarity[order[0]])
        runner_up = float(similarity[order[1]]) if len(order) > 1 else 0.0
        if best < MEANT_KEY or best - runner_up < MEANT_MARGIN:
            return []
        key = list(keys)[int(order[0])]
        return [Fact(bool(yes_or_no(keys[key])), detail(key, keys[key]))]

    def across(self, products: Sequence[Product], question: ProductQuestion) -> Answer:
        """A question about the shown products together: the extreme of a number ("the
        lightest"), each one's value ("what is the plot?"), or which of them a yes/no question
        holds for ("do any come in blue?")."""
        if question.form is QuestionForm.EXTREME and question.extreme is not None:
            return self._extreme(products, question)
        if question.form is QuestionForm.VALUE:  # "what is the plot?": each one's own answer
            answers = [(p, self.answer(p, question)) for p in products]
            lines = "\n".join(f"- {p.name}: {_in_brief(a)}" for p, a in answers)
            if all(a.verdict is Verdict.NOT_STATED for _, a in answers):
                lead = _("Their listings don't say it in so many words.")  # the closest follow
                return Answer(Verdict.NOT_STATED, f"{lead}\n{lines}")
            return Answer(Verdict.VALUE, lines)
        each = replace(question, form=QuestionForm.YES_NO)  # "which of these are …?"
        verdicts = [(p, self.answer(p, each)) for p in products]
        yes = [p for p, a in verdicts if a.verdict is Verdict.YES]
        said = [a for _, a in verdicts if a.verdict is not Verdict.NOT_STATED]
        lines = "\n".join(f"- {p.name}: {_in_brief(a)}" for p, a in verdicts)
        if not said:
            return Answer(Verdict.NOT_STATED, _("None of their listings say.") + f"\n{lines}")
        if not yes:
            none = _("No — none of these, as far as their listings say.")
            return Answer(Verdict.NO, f"{none}\n{lines}")
        these = ngettext("Yes — It's {names}.", "Yes — {count} of these: {names}.", len(yes))
        holding = these.format(count=len(yes), names=both([p.name for p in yes]))
        return Answer(Verdict.YES, f"{holding}\n{lines}")

    def _key_for(
        self, product: Product, words: Sequence[str], by_meaning: bool, every_word: bool = False
    ) -> str | None:
        """The product's attribute (or field) whose words `words` name most (`every_word`:
        all of the key's words); else, `by_meaning`, the one they mean ("heavy" → weight)."""
        keys = {**attribute_keys(product), **field_keys(product)}
        asked = set(facet_stems(" ".join(words)))
        if not keys or not asked:
            return None
        named = {
            k: len(asked & set(facet_stems(phrase)))
            for k, phrase in keys.items()
            if not every_word or set(facet_stems(key_words(k, key_unit(k)))) <= asked
        }
        if named and max(named.values()) > 0:
            return max(named, key=lambda k: named[k])
        if not by_meaning:
            return None
        vectors = self._embedder.embed([" ".join(words), *keys.values()])
        similarity = vectors[1:] @ vectors[0]
        best = int(np.argmax(similarity))
        return list(keys)[best] if similarity[best] >= KEY_MEANING else None

    def _extreme(self, products: Sequence[Product], question: ProductQuestion) -> Answer:
        assert question.extreme is not None
        dimension, most = question.extreme.dimension, question.extreme.most
        if "price" in dimension or "cheap" in dimension or "expensive" in dimension:
            ranked = sorted(products, key=lambda p: p.price, reverse=most)
            best = ranked[0]
            said = (
                _("The {name} is the most expensive of these, at {price}.")
                if most
                else _("The {name} is the cheapest of these, at {price}.")
            )
            price = format_price(best.price, best.currency)
            return Answer(Verdict.VALUE, said.format(name=best.name, price=price))
        if dimension == "rating":
            rated = [p for p in products if p.rating is not None]
            if not rated:
                return Answer(Verdict.NOT_STATED, _("None of these has a rating yet."))
            best = sorted(rated, key=lambda p: (p.rating or 0, p.review_count), reverse=most)[0]
            said = (
                _("The {name} is the best rated of these, at {rating}/5.")
                if most
                else _("The {name} is the lowest rated of these, at {rating}/5.")
            )
            return Answer(Verdict.VALUE, said.format(name=best.name, rating=f"{best.rating:.1f}"))
        candidates: dict[str, list[Product]] = {}
        for product in products:
            key = self._key_for(product, dimension.split(), by_meaning=True)
            if key is not None and key not in FIELD_WORDS:
                number = value_number(product.attributes[key])
                if number is not None:
                    candidates.setdefault(key, []).append(product)
        if not candidates:
            said = _("Their listings don't give a {measure} I can compare.")
            return Answer(Verdict.NOT_STATED, said.format(measure=dimension.split()[-1]))
        key = max(candidates, key=lambda k: len(candidates[k]))
        having = candidates[key]
        ranked = sorted(having, key=lambda p: value_number(p.attributes[key]) or 0.0, reverse=most)
        lines = "\n".join(f"- {p.name}: {detail(key, p.attributes[key])}" for p in ranked)
        missing = len(products) - len(having)
        unlisted = ngettext(
            "{count} of them don't list it.", "{count} of them don't list it.", missing
        )
        note = "\n" + unlisted.format(count=missing) if missing else ""
        lead = _("The {name} ({fact}).").format(
            name=ranked[0].name, fact=detail(key, ranked[0].attributes[key])
        )
        return Answer(Verdict.VALUE, f"{lead}\n{lines}{note}")

    def _from_text(self, product: Product, question: ProductQuestion) -> Answer:
        words = _topic_words(product, question)
        candidates = passages(product)
        if question.form is not QuestionForm.YES_NO:
            figure = self._figure(product, question, words, candidates)
            if figure is not None:
                return figure
            words += question.measure.split()  # "how heavy" is answered by a weight
        found = self._text.best(question.text, words, candidates, product.name)
        return _text_answer(product, question, found)

    def _figure(
        self,
        product: Product,
        question: ProductQuestion,
        words: list[str],
        sentences: Sequence[Passage],
    ) -> Answer | None:
        """ "how heavy is it?", "how long is the cord?": the sentence that gives a number in a
        unit of what is measured ("weighing only 309g", "Power Cord(1.5m)"), naming the part
        asked about, if any ("cord"); one naming the measure ("Length: 5.7\"") first."""
        thing = [  # "the cord", not "the pen" of a pen: the sentence is about the product
            w for w in words if w not in MEASURES and not holds_every_word(product.name, [w])
        ]
        if question.measure == "date":  # "when did it come out?": a date says when by itself
            thing = []
        candidates = [
            p
            for p in sentences
            if measured(p.text, question.measure) and holds_every_word(p.text, thing)
        ]
        named = [p for p in candidates if _names_any(p.text, question.measure.split())]
        found = self._text.best(question.text, thing, named or candidates, product.name)
        return None if found is None else Answer(Verdict.VALUE, capitalised(_source(found.passage)))

    def _from_reviews(self, product: Product, question: ProductQuestion) -> Answer:
        """What the reviews say about the question: the review sentence that answers it, or
        that none of them mention it."""
        if not product.reviews:
            return Answer(Verdict.NOT_STATED, no_reviews(product))
        reviews = [p for p in passages(product) if p.rating is not None]
        found = self._text.best(
            question.text, _topic_words(product, question), reviews, product.name
        )
        if found is not None and found.score >= RELATED and found.shared >= MOST_WORDS:
            return _yes_or_no_from(found)
        if found is None or found.score < UNRELATED:
            count = len(product.reviews)
            none = ngettext(
                "None of its {count} written review mentions that.",
                "None of its {count} written reviews mention that.",
                count,
            )
            return Answer(Verdict.NO, none.format(count=count))
        source = _source(found.passage)
        said = _("The reviews don't say directly. The closest: {source}").format(source=source)
        return Answer(Verdict.NOT_STATED, said)


def _asks_only(question: ProductQuestion, key: str) -> bool:
    """Whether the key's words are all the question asks about: "thread count?" of
    `thread_count`, not "safe to burn around cats?" of `burn_hours`."""
    return set(facet_stems(" ".join(question.words))) <= set(facet_stems(key_words(key)))


def _names_any(text: str, words: Sequence[str]) -> bool:
    """Whether `text` names one of `words` ("6.Length: 5.7\"" names "length")."""
    return any(holds_every_word(text, [w]) for w in words)


def _in_brief(answer: Answer) -> str:
    """One product's answer as a line of a list: "not stated (closest: …)" when unstated."""
    if answer.verdict is not Verdict.NOT_STATED:
        return answer.text
    if not answer.closest:
        return _("not stated")
    return _("not stated (closest: {source})").format(source=answer.closest.rstrip("."))


def _topic_words(product: Product, question: ProductQuestion) -> list[str]:
    """The question's words, less those naming the product or its kind ("does the backpack
    …", "is Billy Summers a hardcover?")."""
    subject = PRONOUN.search(question.text) is None  # "is Billy Summers …", not "… with my X"
    named = " ".join(
        w for w in model_words(question.text) if subject and w.lower() in product.name.lower()
    )
    own = set(facet_stems(f"{product.name.split()[-1]} {product.category} {named}"))
    return [w for w in question.words if not set(facet_stems(w)) <= own]


def _yes_no(facts: list[Fact]) -> Answer:
    said = clauses(list(dict.fromkeys(f.words for f in facts)))
    if all(f.yes for f in facts):
        return Answer(
            Verdict.YES, _("Yes — {facts} (from the product details).").format(facts=said)
        )
    return Answer(Verdict.NO, _("No — {facts} (from the product details).").format(facts=said))


def _yes_or_no_from(found: Found) -> Answer:
    """ "Yes — the listing says …", or "No — …" when the sentence negates what was asked."""
    source = _source(found.passage)
    if found.negated:
        return Answer(Verdict.NO, _("No — {source}").format(source=source))
    return Answer(Verdict.YES, _("Yes — {source}").format(source=source))


def _text_answer(product: Product, question: ProductQuestion, found: Found | None) -> Answer:
    """A yes, a no or a value from the sentence that answers the question; else "the listing
    doesn't say", with the closest sentence or the product's main details. A yes needs every
    word asked about in the sentence, unnegated; a no, most of them with one negated."""
    if found is None:
        return Answer(Verdict.NOT_STATED, f"{_not_stated(question)} {_details(product)}")
    source = _source(found.passage)
    value_said = (
        question.form is not QuestionForm.YES_NO
        and found.meaning >= VALUE_MEANING
        and re.search(r"\d", found.passage.text) is not None
    )
    every_word = not found.missing and found.score >= EVERY_WORD_RELATED
    if not (value_said or every_word) and (found.score < RELATED or found.shared < MOST_WORDS):
        return _closest(question, source)
    if question.form is not QuestionForm.YES_NO:
        return Answer(Verdict.VALUE, capitalised(source))
    if found.negated or not found.missing:
        return _yes_or_no_from(found)
    return _closest(question, source)


def _closest(question: ProductQuestion, source: str) -> Answer:
    """ "The listing doesn't say. The closest it comes: …"."""
    closest = _("The closest it comes: {source}").format(source=source)
    return Answer(Verdict.NOT_STATED, f"{_not_stated(question)} {closest}", source)


def _source(passage: Passage) -> str:
    """Who says the sentence, and the sentence quoted: "a 5★ review says “…”."."""
    said = quote(passage.text.rstrip(".!"))
    if passage.rating is None:
        return _("the listing says {quote}.").format(quote=said)
    return _("a {rating}★ review says {quote}.").format(rating=passage.rating, quote=said)


def _not_stated(question: ProductQuestion) -> str:
    if question.measure and question.form is QuestionForm.VALUE:
        measure = question.measure.split()[0]
        return _("The listing doesn't give its {measure}.").format(measure=measure)
    return _("The listing doesn't say.")


def _details(product: Product) -> str:
    """Its material and first two details, as the closest facts it does state."""
    details = [detail(k, v) for k, v in list(attribute_values(product).items())[:2]]
    if product.material:
        details.insert(0, _("made of {material}").format(material=product.material))
    if not details:
        return ""
    return _("What its details do say: {details}.").format(details=clauses(details))
