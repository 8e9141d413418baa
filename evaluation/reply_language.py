"""Is a reply in the language of the shopper's message? Judged on the assistant's own words.

What the catalog says stays in the catalog's language and is set aside first: quoted text
(“…”, «…», "…"), the names, materials and attribute values of the catalog's products, and its
vocabulary of brands, categories, colours and attribute keys. What is left must be in the shopper's
language: a Chinese reply has Chinese characters and no English function words; a Spanish or
French one has no English function words; an English one has no Chinese characters and does
not read as Spanish or French.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.understanding.languages import HAN, WORD, detect
from catalog.models import Product

QUOTED = re.compile(r"“[^”]*”|«[^»]*»|\"[^\"]*\"|「[^」]*」|\*\*[^*]*\*\*")
ENGLISH_ONLY = frozenset(  # function words no Spanish or French sentence uses
    " ".join(
        [
            "the and is are you your with of to it this that these those here there sorry i",
            "i'm i'll i've we our would like which what can could please have has been from",
            "shall don't isn't they them it's there's their be will",
        ]
    ).split()
)


@dataclass(frozen=True)
class CatalogText:
    """The catalog's own words, which a reply in any language may repeat."""

    names: tuple[str, ...]  # longest first
    vocabulary: frozenset[str]

    @classmethod
    def read(cls, db: Session) -> CatalogText:
        names: set[str] = set()
        words: set[str] = set()
        for product in db.scalars(select(Product)):
            texts = [product.name, product.material or ""]  # set aside whole
            fields = [product.brand, product.category, product.colour]
            for key, value in (product.attributes or {}).items():
                fields.append(key.replace("_", " "))
                texts.append(value if isinstance(value, str) else "")
                words_of_key = key.split("_")
                if len(words_of_key) > 2:  # "rated to" of rated_to_c, said as a phrase
                    texts += [" ".join(words_of_key), " ".join(words_of_key[:-1])]
            names.update(t for t in texts if t)
            words.update(_words(" ".join(f.replace(">", " ") for f in fields if f)))
        vocabulary = frozenset(words) - ENGLISH_ONLY  # "with" of a material is not a term
        return cls(tuple(sorted(names, key=len, reverse=True)), vocabulary)

    def without(self, text: str) -> str:
        """The text less quotes and the catalog's product texts."""
        text = QUOTED.sub(" ", text)
        for name in self.names:
            if name in text:
                text = text.replace(name, " ")
        return text


def problems(language: str, reply: str, catalog: CatalogText) -> list[str]:
    """Why `reply` is not in `language` ("en", "zh", "es", "fr"); [] when it is."""
    own = catalog.without(reply)
    words = [w for w in _words(own) if w not in catalog.vocabulary]
    english = sorted({w for w in words if w in ENGLISH_ONLY})
    if language == "en":
        if HAN.search(own):
            return [f"Chinese in an English reply: {reply!r}"]
        read = detect(" ".join(words))
        return [f"an English turn answered in {read}: {reply!r}"] if read in ("es", "fr") else []
    found = [f"English words {english} in a {language} reply: {reply!r}"] if english else []
    read = detect(" ".join(words))
    if language in ("es", "fr") and read in ("es", "fr") and read != language:
        found.append(f"a {language} turn answered in {read}: {reply!r}")
    if language == "zh" and not HAN.search(own):
        found.append(f"no Chinese in a zh reply: {reply!r}")
    return found


def _words(text: str) -> Iterable[str]:
    return (w.lower() for w in WORD.findall(text.replace("\u2019", "'")))
