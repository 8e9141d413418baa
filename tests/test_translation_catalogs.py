"""The message catalogs: every sentence the code marks is translated into zh, es and fr, with
the same placeholders; no catalog keeps a sentence the code no longer says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from assistant.translation.catalogs import catalog

ROOT = Path(__file__).resolve().parents[1] / "assistant"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
LANGUAGES = ("zh", "es", "fr")
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def extracted() -> dict[str | tuple[str, ...], str]:
    """Every marked message of the runtime code, with where it is said."""
    found: dict[str | tuple[str, ...], str] = {}
    for filename, line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.setdefault(message, f"assistant/{filename}:{line}")
    return found


MESSAGES = extracted()


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def test_the_code_marks_its_sentences() -> None:
    assert len(MESSAGES) > 50  # the extraction itself works


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_sentence_is_translated(language: str) -> None:
    translated = catalog(language)
    missing = []
    for message, where in MESSAGES.items():
        key = message[0] if isinstance(message, tuple) else message
        entry = translated.get(key)
        strings = entry.string if entry is not None else None
        forms = strings if isinstance(strings, tuple) else (strings,)
        if entry is None or not all(forms) or entry.fuzzy:
            missing.append(f"{where}: {message!r}")
    assert not missing, f"{len(missing)} untranslated in {language}:\n" + "\n".join(missing)


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language: str) -> None:
    wrong = []
    for entry in catalog(language):
        if not entry.id or not entry.string:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        said = set().union(*(placeholders(i) for i in ids))
        for string in filter(None, strings):  # a singular form may leave the count unsaid
            if placeholders(string) - said or (len(ids) == 1 and placeholders(string) != said):
                wrong.append(f"{ids[0]!r} → {string!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_sentence_the_code_no_longer_says(language: str) -> None:
    said = {m[0] if isinstance(m, tuple) else m for m in MESSAGES}
    stale = [entry.id for entry in catalog(language) if entry.id and _key(entry.id) not in said]
    assert not stale, f"stale in {language}: {stale}"


def _key(message_id: str | tuple[str, ...]) -> str:
    return message_id[0] if isinstance(message_id, tuple) else message_id
