"""Choice attributes and numbers with units said in Chinese, Spanish or French, read in the
catalog's own (English) terms: "deportivas" → `style=sporty`, "冬季" → `season=winter`, "peau
sensible" → `skin_type=sensitive`; "no muy deportivas", "不要太运动" → "sporty" excluded, as the
English "not too sporty"; "que aguante 140 kg", "40小时以上", "500 lumens ou plus" → at least.

Choices are read by meaning, like the yes/no keys (`facet_meaning_multilingual`): the values of
the category's choice keys and, as competitors, its yes/no keys are embedded with the
multilingual embedder, and a value is read when the message's best window is similar enough to
it and clearly closer than to any other value or key. A window said after a negation excludes
the value instead. No translation lists: the units a number is said in are a small closed set
(`facet_reading.FOREIGN_UNIT_WORDS`, read with the English ones), and only the comparison words
around a number ("o más", "以上", "au moins") and the negations are written here, per language.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from assistant.understanding.facet_reading import FacetReading, Quantity
from assistant.understanding.kind_meaning_multilingual import foreign_windows
from catalog.embedding import Embedder
from catalog.facets import Facet, FacetCatalog, FacetKind
from catalog.request import FacetFilter

# Chosen on the dev split of tests/data/catalog_requests_{zh,es,fr}.yaml (items i % 4 != 3):
# every pair from 0.5/0.2 to 0.8/any gives the same dev facet P/R over the three languages,
# 91.5 / 50.2 (90.9 / 46.9 with the numbers alone); below, precision drops (0.5/0.0: 83.8).
# 0.6/0.1 sits inside that plateau; holdout 82.9 / 40.3 (80.0 / 33.3 with numbers alone).
MIN_SIMILARITY = 0.6
MIN_MARGIN = 0.1  # over every other value and yes/no key of the category

ARTICLE = r"(?:un|una|unos|unas|el|la|los|las|mi|mis|une|le|les|mon|ma|mes|du|des)"
# A comparison said just before the number: at least (what it holds, fits, lasts: "que aguante
# 140 kg", "能放15寸", "pour un portable 15 pouces") or at most. Cue rules may already have
# written some in English ("at least", "under"); the English grammar reads those.
AT_LEAST = re.compile(
    r"(?:至少|最少|起码|不少于|不低于|超过|多于|大于|能放下|能放|放得下|装得下|能装|承重|能承受)\s*$"
    r"|(?<![^\W\d_])(?:al menos|por lo menos|como mínimo|mínimo|más de|no menos de|au moins|"
    r"au minimum|minimum|plus de|pas moins de|quepa|quepan|cabe|caben|aguante|aguanten|aguanta|"
    r"soporte|soporten|soporta|dure|duren|dura|para|tient|tienne|tiennent|supporte|supportent|"
    r"rentre|durent|pour)"
    rf"(?:\s+{ARTICLE})?(?:\s+[^\W\d_]+)?(?:\s+de)?\s*$"
)
AT_MOST = re.compile(
    r"(?:不超过|最多|至多|小于|低于|不到|不大于|不高于)\s*$"
    r"|(?<![^\W\d_])(?:menos de|como máximo|máximo|hasta|no más de|a lo sumo|inferior a|"
    r"moins de|au maximum|maximum|jusqu'à|pas plus de|au plus|inférieur à)\s*$"
)
OR_MORE = re.compile(
    r"^\s*(?:以上|或以上|及以上|或更多|起|\+"
    r"|(?:o|or|ou|y|et)\s+(?:más|plus|superior|davantage)(?![^\W\d_])"
    r"|(?:como mínimo|mínimo|al menos|au moins|au minimum|minimum)(?![^\W\d_]))"
)
OR_LESS = re.compile(
    r"^\s*(?:以下|以内|之内|或以下|或更少"
    r"|(?:o|or|ou)\s+(?:menos|moins)(?![^\W\d_])"
    r"|(?:como máximo|máximo|au maximum|maximum|max)(?![^\W\d_]))"
)
# A negation just before a window: "no muy deportivas", "pas trop sportives", "不要太运动"
# (the cue rules write many of them "not").
NEGATED = re.compile(
    r"(?:不要|不想要|不用|不|别|没那么|not)\s*(?:太|很|那么|这么|过于|要|是)?\s*$"
    r"|(?<![^\W\d_])(?:not|no|non|without|sin|sans|pas|ni|nada|ne|n')"
    r"(?:\s+(?:muy|tan|demasiado|tanto|trop|très|si|aussi|too|so|very|de|d'|du|des|para|pour|"
    r"sea|sean|soit|soient|es|son|est|sont|le|la|les|el|los|las|un|une|una)(?![^\W\d_])){0,3}"
    r"\s*$"
)

NUMBERED = re.compile(r"\d+(?:[.,]\d+)?[\s-]*(?:[a-zà-ÿ]+(?:\s+[a-zà-ÿ]+)?|[\u4e00-\u9fff]{1,2})")


@dataclass(frozen=True)
class ChoiceMatch:
    """A choice value a window of the message means, wanted or (after a negation) not."""

    facet: Facet
    value: str
    window: str
    wanted: bool = True


class ForeignChoiceMeanings:
    """The catalog's choice values (and, as their competitors, its yes/no keys) embedded with
    a multilingual embedder on first use, and the reading of a zh/es/fr message against them."""

    def __init__(self, catalog: FacetCatalog, embedder: Embedder) -> None:
        self._embedder = embedder
        facets = list(catalog.facets.values())
        self._entries = [  # (facet, value or None for a yes/no key, phrase embedded)
            *((f, v, v) for f in facets if f.kind is FacetKind.CHOICE for v in f.values),
            *((f, None, " ".join(f.words)) for f in facets if f.kind is FacetKind.YES_NO),
        ]
        self._vectors: np.ndarray | None = None

    def read(
        self,
        text: str,
        said: str,
        scope: Sequence[Facet],
        already: Collection[str],
        kind: Collection[str] = (),
    ) -> list[ChoiceMatch]:
        """The values of `scope`'s choice keys that windows of `text` mean, one a key, but for
        the windows that named the category (`kind`); a window said after a negation in `said`
        (the message as the grammar reads it) excludes its value. Keys in `already` are only
        read excluded ("zapatillas que no sean de trail" after "trail" was read as wanted)."""
        rows = [i for i, (f, _, _) in enumerate(self._entries) if f in scope]
        windows = [w for w in _windows(text) if w not in kind]
        if not windows or not any(self._entries[i][1] is not None for i in rows):
            return []
        similarity = self._embedder.embed(windows) @ self._vectors_()[rows].T
        negated = [is_negated(said.lower(), w) for w in windows]
        found: dict[str, ChoiceMatch] = {}
        best: dict[str, float] = {}
        for column, row in enumerate(rows):
            facet, value, _ = self._entries[row]
            if value is None:
                continue
            window = int(similarity[:, column].argmax())
            score = similarity[window, column]
            others = np.delete(similarity[window], column)
            margin = score - (others.max() if len(others) else 0.0)
            if score >= MIN_SIMILARITY and margin >= MIN_MARGIN and score > best.get(facet.key, 0):
                best[facet.key] = score
                match = ChoiceMatch(facet, value, windows[window], not negated[window])
                found[facet.key] = match
        return [m for m in found.values() if not (m.wanted and m.facet.key in already)]

    def _vectors_(self) -> np.ndarray:
        if self._vectors is None:
            self._vectors = self._embedder.embed([phrase for *_, phrase in self._entries])
        return self._vectors


def choice_reading(match: ChoiceMatch) -> FacetReading:
    """The constraint a wanted choice sets, as the English reader writes it (`read_choices`)."""
    value = match.value.lower()
    facet_filter = FacetFilter(match.facet.key, "=", value, (match.value,), text_valued=True)
    return FacetReading(facet_filter, tuple(match.window.split()))


def _windows(text: str) -> list[str]:
    """The message's windows (`foreign_windows`) without the whole message, which is near
    every value of its category (the whole when it is the only one), and a number with the
    word or two after it, as values say some ("3 saisons" for "3-season")."""
    windows = foreign_windows(text)
    numbered = [" ".join(m.group(0).split()) for m in NUMBERED.finditer(text.lower())]
    return list(dict.fromkeys([*(windows[1:] or windows), *numbered]))


def is_negated(said: str, window: str) -> bool:
    """Whether the window follows a negation in the text (`NEGATED`)."""
    at = said.find(window)
    return at > 0 and bool(NEGATED.search(said[:at]))


def with_comparisons(quantities: Iterable[Quantity], said: str) -> list[Quantity]:
    """The quantities the English grammar read, each with the comparison a Chinese, Spanish
    or French phrase around it says, where the English grammar read none ("que aguante
    140 kg", "500 lumens ou plus")."""
    lowered = said.lower()
    out = []
    for quantity in quantities:
        at = lowered.find(quantity.said)
        op = None
        if quantity.op == "=" and at >= 0:
            op = _comparison(lowered[:at], lowered[at + len(quantity.said) :])
        out.append(replace(quantity, op=op) if op else quantity)
    return out


def _comparison(before: str, after: str) -> str | None:
    if OR_MORE.match(after) or AT_LEAST.search(before):
        return ">="
    if OR_LESS.match(after) or AT_MOST.search(before):
        return "<="
    return None
