"""One narrow language-model interface with a local transformers backend and a fake for tests."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import Protocol, TypedDict


class Message(TypedDict):
    role: str
    content: str


class LLMError(RuntimeError):
    """The model could not produce an answer (failed, timed out, nothing queued)."""


class LLM(Protocol):
    """Streams the model's answer to a chat, piece by piece."""

    def generate(
        self,
        messages: Sequence[Message],
        *,
        max_new_tokens: int,
        timeout_s: float | None = None,
    ) -> Generator[str, None, None]: ...


def complete(llm: LLM, messages: Sequence[Message], **kwargs: float) -> str:
    """The whole answer as one string."""
    return "".join(llm.generate(messages, **kwargs))  # type: ignore[arg-type]


def pick_device(requested: str) -> str:
    """`auto` means CUDA when present, else the CPU."""
    if requested != "auto":
        return requested
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


class TransformersLLM:
    """A local causal LM: bf16 with accelerate placement on CUDA, fp32 on the CPU; greedy."""

    def __init__(self, model_dir: Path, device: str = "auto") -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        self.device = pick_device(device)
        on_gpu = self.device.startswith("cuda")
        self.dtype = torch.bfloat16 if on_gpu else torch.float32
        self._tokenizer = AutoTokenizer.from_pretrained(model_dir)
        self._model = AutoModelForCausalLM.from_pretrained(
            model_dir, dtype=self.dtype, device_map="auto" if on_gpu else None
        )
        self._model.eval()
        self._lock = threading.Lock()  # one generation at a time on this model

    def generate(
        self,
        messages: Sequence[Message],
        *,
        max_new_tokens: int,
        timeout_s: float | None = None,
    ) -> Generator[str, None, None]:
        from transformers import StoppingCriteriaList, TextIteratorStreamer

        chat = [{"role": m["role"], "content": m["content"]} for m in messages]
        prompt = self._tokenizer.apply_chat_template(
            chat, tokenize=False, add_generation_prompt=True
        )
        inputs = self._tokenizer(prompt, return_tensors="pt").to(self._model.device)
        streamer = TextIteratorStreamer(
            self._tokenizer, skip_prompt=True, skip_special_tokens=True, timeout=timeout_s
        )
        failure: list[BaseException] = []
        cancelled = threading.Event()

        def run() -> None:
            try:
                with self._lock:
                    self._model.generate(  # type: ignore[misc]
                        **inputs,
                        streamer=streamer,
                        max_new_tokens=max_new_tokens,
                        do_sample=False,
                        max_time=timeout_s,
                        stopping_criteria=StoppingCriteriaList([_StopWhenSet(cancelled)]),
                        pad_token_id=self._tokenizer.eos_token_id,
                    )
            except BaseException as exc:  # reported to the caller below
                failure.append(exc)
                streamer.end()

        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        try:
            yield from streamer
        except Exception as exc:  # queue.Empty from the streamer's timeout
            raise LLMError(f"no token within {timeout_s} s") from exc
        finally:  # also when the caller stops reading early: free the model for the next call
            cancelled.set()
            worker.join()
        if failure:
            raise LLMError(f"generation failed: {failure[0]!r}") from failure[0]


class _StopWhenSet:
    """A stopping criterion that ends generation once the reader has gone away."""

    def __init__(self, event: threading.Event) -> None:
        self._event = event

    def __call__(self, input_ids, scores, **kwargs):  # type: ignore[no-untyped-def]
        import torch

        return torch.full((input_ids.shape[0],), self._event.is_set(), dtype=torch.bool)


class FakeLLM:
    """Queue-driven stand-in: `enqueue()` answers (or exceptions); `.calls` records prompts."""

    def __init__(self, chunk_chars: int = 8) -> None:
        self._queue: deque[str | BaseException] = deque()
        self.calls: list[list[Message]] = []
        self._chunk_chars = chunk_chars

    def enqueue(self, *answers: str | BaseException) -> None:
        self._queue.extend(answers)

    def clear(self) -> None:
        self._queue.clear()

    @property
    def pending(self) -> int:
        return len(self._queue)

    def generate(
        self,
        messages: Sequence[Message],
        *,
        max_new_tokens: int,
        timeout_s: float | None = None,
    ) -> Generator[str, None, None]:
        self.calls.append(list(messages))
        if not self._queue:
            raise LLMError("FakeLLM has no queued answer")
        answer = self._queue.popleft()
        if isinstance(answer, BaseException):
            raise answer
        for start in range(0, len(answer), self._chunk_chars):
            yield answer[start : start + self._chunk_chars]


class SlowLLM:
    """Wraps an LLM and sleeps before each chunk: exercises timeouts in tests and benchmarks."""

    def __init__(self, inner: LLM, delay_s: float) -> None:
        self._inner, self._delay_s = inner, delay_s

    def generate(self, messages: Sequence[Message], **kwargs: float) -> Generator[str, None, None]:
        for chunk in self._inner.generate(messages, **kwargs):  # type: ignore[arg-type]
            time.sleep(self._delay_s)
            yield chunk
