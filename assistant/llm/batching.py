"""Batched greedy decoding for concurrent sessions (the GPU path).

`generate()` calls from different threads queue up; one scheduler thread takes up to
`max_batch` of them, prefills their prompts together (left-padded) and then decodes one token
for every sequence per forward pass, streaming each sequence's text back to its caller. On a
GPU a step for eight sequences costs about what one does, so concurrent shoppers share it.
Batches are static: a call arriving while a batch runs waits for the next one. A sequence ends
at a stop token, its token budget, its deadline, or when its reader goes away.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any

from assistant.llm.constrained import SchemaConstraint, greedy_token
from assistant.llm.detokenize import IncrementalText

log = logging.getLogger(__name__)

_DONE = object()  # a sequence's last queue item


class BatchError(RuntimeError):
    """A batched generation failed; the caller turns it into its own error type."""


@dataclass(eq=False)
class _Sequence:
    prompt_ids: list[int]
    max_new_tokens: int
    deadline: float
    constraint: SchemaConstraint | None
    text: IncrementalText
    pieces: queue.Queue[Any] = field(default_factory=queue.Queue)
    forced: deque[int] = field(default_factory=deque)
    cancelled: threading.Event = field(default_factory=threading.Event)
    finished: bool = False

    def emit(self, token: int) -> None:
        piece = self.text.add([token])
        if piece:
            self.pieces.put(piece)

    def finish(self, error: BaseException | None = None) -> None:
        if not self.finished:
            self.finished = True
            self.pieces.put(error if error is not None else _DONE)


class BatchedDecoder:
    """Serves concurrent generations of one model in batches of up to `max_batch`."""

    def __init__(
        self, model: Any, tokenizer: Any, stop_ids: frozenset[int], vocab_size: int, max_batch: int
    ) -> None:
        self._model, self._tokenizer = model, tokenizer
        self._stop_ids, self._vocab_size, self.max_batch = stop_ids, vocab_size, max_batch
        self._pad_id = (
            tokenizer.pad_token_id if tokenizer.pad_token_id is not None else min(stop_ids)
        )
        self._waiting: queue.Queue[_Sequence] = queue.Queue()
        self.batch_sizes: list[int] = []  # of every batch run, for tests and benchmarks
        threading.Thread(target=self._serve, daemon=True, name="llm-batches").start()

    def generate(
        self,
        prompt_ids: list[int],
        *,
        max_new_tokens: int,
        deadline: float,
        constraint: SchemaConstraint | None,
    ) -> Generator[str, None, None]:
        """Queue one sequence and stream its text; BatchError if it failed or came too late."""
        sequence = _Sequence(
            prompt_ids, max_new_tokens, deadline, constraint, IncrementalText(self._tokenizer)
        )
        self._waiting.put(sequence)
        try:
            while (item := sequence.pieces.get()) is not _DONE:
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:  # the reader left: the scheduler drops the sequence at its next step
            sequence.cancelled.set()

    def _serve(self) -> None:
        while True:
            batch = [self._waiting.get()]
            while len(batch) < self.max_batch:
                try:
                    batch.append(self._waiting.get_nowait())
                except queue.Empty:
                    break
            self.batch_sizes.append(len(batch))
            try:
                self._run(batch)
            except Exception as exc:  # reported to every caller still waiting
                log.exception("batched generation failed")
                for sequence in batch:
                    sequence.finish(BatchError(f"generation failed: {exc!r}"))

    def _run(self, batch: list[_Sequence]) -> None:
        import torch
        from transformers import DynamicCache

        for sequence in batch:
            if sequence.constraint is not None:
                sequence.forced.extend(sequence.constraint.take([], sequence.max_new_tokens))
        device = self._model.device
        width = max(len(s.prompt_ids) for s in batch)
        input_ids = torch.tensor(
            [[self._pad_id] * (width - len(s.prompt_ids)) + s.prompt_ids for s in batch],
            device=device,
        )
        mask = torch.tensor(
            [[0] * (width - len(s.prompt_ids)) + [1] * len(s.prompt_ids) for s in batch],
            device=device,
        )
        positions = (mask.cumsum(-1) - 1).clamp(min=0)
        cache = DynamicCache(config=self._model.config)
        while True:
            with torch.inference_mode():
                logits = self._model(
                    input_ids=input_ids,
                    attention_mask=mask,
                    position_ids=positions,
                    past_key_values=cache,
                    use_cache=True,
                    logits_to_keep=1,
                ).logits[:, -1]
            tokens = [self._step(sequence, logits[row]) for row, sequence in enumerate(batch)]
            if all(sequence.finished for sequence in batch):
                return
            input_ids = torch.tensor([[t] for t in tokens], device=device)
            mask = torch.cat([mask, mask.new_ones((len(batch), 1))], dim=1)
            positions = positions[:, -1:] + 1

    def _step(self, sequence: _Sequence, logits: Any) -> int:
        """The sequence's next token (streamed), or a pad once it has finished."""
        if sequence.finished:
            return self._pad_id
        if sequence.cancelled.is_set() or len(sequence.text.ids) >= sequence.max_new_tokens:
            sequence.finish()
            return self._pad_id
        if time.perf_counter() > sequence.deadline:
            late = None if sequence.text.ids else BatchError("no token before the deadline")
            sequence.finish(late)
            return self._pad_id
        token = sequence.forced.popleft() if sequence.forced else self._choose(sequence, logits)
        if token in self._stop_ids:
            sequence.finish()
            return self._pad_id
        sequence.emit(token)
        return token

    def _choose(self, sequence: _Sequence, logits: Any) -> int:
        """Greedy among the tokens the sequence's constraint allows (a stop if it is complete)."""
        constraint = sequence.constraint
        if constraint is None:
            return greedy_token(logits, None)
        allowed = constraint.allowed(self._vocab_size)
        if constraint.only_stop_allowed(allowed):
            return min(self._stop_ids)
        token = greedy_token(logits, allowed)
        if token not in self._stop_ids:
            sequence.forced.extend(constraint.take([token])[1:])
        return token
