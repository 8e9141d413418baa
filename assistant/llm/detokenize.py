"""Streaming text out of token ids, piece by piece."""

from __future__ import annotations

from typing import Any


class IncrementalText:
    """The text of a growing list of token ids, handed out as new pieces, never half a character."""

    def __init__(self, tokenizer: Any) -> None:
        self._tokenizer, self._sent = tokenizer, 0
        self.ids: list[int] = []

    def add(self, ids: list[int]) -> str:
        self.ids.extend(ids)
        text: str = self._tokenizer.decode(self.ids, skip_special_tokens=True)
        if not ids or text.endswith("\ufffd"):  # a character split across tokens: wait
            return ""
        piece, self._sent = text[self._sent :], len(text)
        return piece
