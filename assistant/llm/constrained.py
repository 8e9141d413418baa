"""Decoding that can only write JSON valid against a schema (llguidance grammars).

At each step the constraint masks the logits of every token that would leave the schema, so a
greedy answer is well-formed by construction: the intent is one of the enum's values, unknown
keys cannot appear and lists and strings stay within their bounds. Tokens the grammar forces
(`{"intent":"`) are handed back so the caller can feed them in one forward pass.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import numpy as np


class ConstraintError(RuntimeError):
    """The grammar rejected a token or could not be built."""


class SchemaConstraint:
    """The state of one answer: which tokens may come next."""

    def __init__(self, matcher: Any, stop_ids: frozenset[int]) -> None:
        self._matcher, self._stop_ids = matcher, stop_ids

    def allowed(self, vocab_size: int) -> np.ndarray:
        """A boolean mask over the model's vocabulary."""
        bits = np.frombuffer(self._matcher.compute_bitmask(), dtype=np.uint8)
        return np.unpackbits(bits, bitorder="little")[:vocab_size].astype(bool)

    def only_stop_allowed(self, allowed: np.ndarray) -> bool:
        """The answer is complete: nothing but an end-of-answer token may follow."""
        return (
            int(allowed.sum()) <= len(self._stop_ids)
            and set(np.flatnonzero(allowed).tolist()) <= self._stop_ids
        )

    def accept(self, token_ids: Sequence[int]) -> None:
        if not self._matcher.consume_tokens(list(token_ids)):
            raise ConstraintError(
                f"grammar refused tokens {list(token_ids)}: {self._matcher.get_error()}"
            )

    def forced(self) -> list[int]:
        """The tokens the grammar allows as the only continuation (may be empty)."""
        return list(self._matcher.compute_ff_tokens())

    def take(self, token_ids: list[int], budget: int | None = None) -> list[int]:
        """Accept the chosen tokens; they come back followed by those the grammar forces next
        (at most `budget` tokens in all), which are accepted too."""
        self.accept(token_ids)
        forced = self.forced()
        if budget is not None:
            forced = forced[: max(budget - len(token_ids), 0)]
        self.accept(forced)
        return token_ids + forced


def greedy_token(logits: Any, allowed: np.ndarray | None) -> int:
    """The most likely token of a 1-D logits tensor, among the `allowed` ones if given."""
    import torch

    if allowed is not None:
        logits = logits.masked_fill(~torch.from_numpy(allowed).to(logits.device), -np.inf)
    return int(logits.argmax())


class ConstraintFactory:
    """Builds constraints for one tokenizer; each schema is compiled to a grammar once."""

    def __init__(self, hf_tokenizer: Any, vocab_size: int, stop_ids: Sequence[int]) -> None:
        import llguidance.hf

        self._stop_ids = frozenset(stop_ids)
        self._tokenizer = llguidance.hf.from_tokenizer(  # ~2 s for a 150k vocabulary
            hf_tokenizer, n_vocab=vocab_size, eos_token=list(stop_ids)
        )
        self._grammars: dict[str, str] = {}

    def for_schema(self, schema: dict[str, Any]) -> SchemaConstraint:
        from llguidance import LLMatcher

        key = json.dumps(schema, sort_keys=True)
        if key not in self._grammars:
            self._grammars[key] = LLMatcher.grammar_from_json_schema(
                schema, defaults={"whitespace_flexible": False}
            )
        matcher = LLMatcher(self._tokenizer, self._grammars[key], log_level=0)
        if matcher.is_error():
            raise ConstraintError(f"schema cannot be compiled: {matcher.get_error()}")
        return SchemaConstraint(matcher, self._stop_ids)
