"""One narrow language-model interface with a local transformers backend and a fake for tests."""

from __future__ import annotations

import copy
import logging
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import Any, Protocol, TypedDict

log = logging.getLogger(__name__)

QUANTIZATIONS = ("none", "fp16", "int8")  # weights of the Linear layers on the CPU
PREFIX_CACHE_SIZE = 4  # distinct system prompts whose key/value cache is kept (the app has two)


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
    """A local causal LM, greedy: bf16 on CUDA; on the CPU fp32 with fp16 (default) or int8
    Linear weights, or none quantised.

    The key/value cache of a chat's leading system message is computed once per distinct prefix
    (keyed by its exact token ids, a few kept, least recently used dropped) and a copy of it
    starts every call whose prompt begins with those tokens, so only the rest is prefilled.
    """

    def __init__(self, model_dir: Path, device: str = "auto", quantization: str = "fp16",
                 prefix_cache_size: int = PREFIX_CACHE_SIZE) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        if quantization not in QUANTIZATIONS:
            raise ValueError(f"quantization must be one of {QUANTIZATIONS}, not {quantization!r}")
        self.device = pick_device(device)
        on_gpu = self.device.startswith("cuda")
        self.dtype = torch.bfloat16 if on_gpu else torch.float32
        self._tokenizer = AutoTokenizer.from_pretrained(model_dir)
        self._model = AutoModelForCausalLM.from_pretrained(
            model_dir, dtype=self.dtype, device_map="auto" if on_gpu else None
        )
        self._model.eval()
        if quantization != "none" and on_gpu:
            log.info("%s quantisation is for the CPU; keeping bf16 weights on %s",
                     quantization, self.device)
            quantization = "none"
        if quantization != "none":
            quantize_linears(self._model, quantization)
        self.quantization = quantization
        self._prefixes: OrderedDict[tuple[int, ...], Any] = OrderedDict()  # ids -> DynamicCache
        self.prefix_cache_size = prefix_cache_size  # 0: no prefix cache
        self._lock = threading.Lock()  # one generation at a time on this model

    @property
    def cached_prefixes(self) -> int:
        """How many prompt prefixes have their key/value cache kept now."""
        return len(self._prefixes)

    def generate(
        self,
        messages: Sequence[Message],
        *,
        max_new_tokens: int,
        timeout_s: float | None = None,
    ) -> Generator[str, None, None]:
        import torch
        from transformers import StoppingCriteriaList, TextIteratorStreamer

        chat = [{"role": m["role"], "content": m["content"]} for m in messages]
        prompt_ids = self._token_ids(chat, add_generation_prompt=True)
        prefix = self._cacheable_prefix(chat, prompt_ids)
        input_ids = torch.tensor([prompt_ids], device=self._model.device)
        streamer = TextIteratorStreamer(
            self._tokenizer, skip_prompt=True, skip_special_tokens=True, timeout=timeout_s
        )
        failure: list[BaseException] = []
        cancelled = threading.Event()

        def run() -> None:
            try:
                with self._lock:
                    if cancelled.is_set():  # the reader left while this call waited its turn
                        return
                    cache = {"past_key_values": self._prefilled(prefix)} if prefix else {}
                    self._model.generate(  # type: ignore[misc]
                        input_ids=input_ids,  # the whole prompt; generate skips what is cached
                        attention_mask=torch.ones_like(input_ids),
                        **cache,
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

    def _token_ids(self, chat: list[dict[str, str]], *, add_generation_prompt: bool) -> list[int]:
        text = self._tokenizer.apply_chat_template(
            chat, tokenize=False, add_generation_prompt=add_generation_prompt
        )
        return list(self._tokenizer(text)["input_ids"])

    def _cacheable_prefix(self, chat: list[dict[str, str]],
                          prompt_ids: list[int]) -> tuple[int, ...] | None:
        """The tokens of the leading system message(s), when the prompt starts with exactly them."""
        leading = 0
        while leading < len(chat) and chat[leading]["role"] == "system":
            leading += 1
        if self.prefix_cache_size <= 0 or leading in (0, len(chat)):
            return None
        prefix = self._token_ids(chat[:leading], add_generation_prompt=False)
        if len(prefix) >= len(prompt_ids) or prompt_ids[: len(prefix)] != prefix:
            return None  # the template or the tokenizer joins the parts differently
        return tuple(prefix)

    def _prefilled(self, prefix: tuple[int, ...]) -> Any:
        """A fresh copy of the prefix's key/value cache, computed on first use (lock held)."""
        import torch
        from transformers import DynamicCache

        cache = self._prefixes.get(prefix)
        if cache is None:
            cache = DynamicCache(config=self._model.config)
            with torch.no_grad():
                self._model(
                    input_ids=torch.tensor([prefix], device=self._model.device),
                    past_key_values=cache, use_cache=True, logits_to_keep=1,
                )
            self._prefixes[prefix] = cache
            while len(self._prefixes) > self.prefix_cache_size:
                self._prefixes.popitem(last=False)
        self._prefixes.move_to_end(prefix)
        return copy.deepcopy(cache)  # generate appends to the cache it is given


def quantize_linears(model: Any, quantization: str) -> None:
    """Swap every Linear layer for torch's dynamically quantised one (fbgemm kernels, CPU).

    "fp16": weights stored in fp16, activations stay fp32: ~2.2x fp32 decode on 2 cores and the
    same greedy answers as fp32. "int8": int8 weights per output channel and activations
    quantised per call (one scale per forward pass, 7 bits on AVX2): ~3x decode, but the
    answers drift far from fp32's (benchmarks/bench_llm.py).
    """
    import warnings

    import torch

    qconfigs = {"fp16": torch.ao.quantization.float16_dynamic_qconfig,
                "int8": torch.ao.quantization.per_channel_dynamic_qconfig}
    with warnings.catch_warnings():
        # torch 2.13 (pinned) still ships eager-mode quantisation but warns it is deprecated in
        # favour of torchao, whose int8 linears ran 10-40x slower on these AVX2 CPUs without
        # torch.compile. Only these two messages are hidden, and only while quantising.
        warnings.filterwarnings("ignore", "torch.ao.quantization is deprecated",
                                DeprecationWarning)
        warnings.filterwarnings("ignore", ".*quantized tensor creation functions", UserWarning)
        torch.ao.quantization.quantize_dynamic(
            model, {torch.nn.Linear: qconfigs[quantization]}, inplace=True
        )


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
