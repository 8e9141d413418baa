"""The local transformers backend: a causal LM decoded greedily on the CPU or CUDA."""

from __future__ import annotations

import copy
import logging
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import Any

from assistant.llm.base import LLMError, Message
from assistant.llm.batching import BatchedDecoder, BatchError
from assistant.llm.constrained import ConstraintError, ConstraintFactory, greedy_token
from assistant.llm.detokenize import IncrementalText

log = logging.getLogger(__name__)

QUANTIZATIONS = ("none", "fp16", "int8")  # weights of the Linear layers on the CPU
PREFIX_CACHE_SIZE = 4  # distinct system prompts whose key/value cache is kept (the app has two)
GPU_BATCH = 8  # concurrent generations decoded together on CUDA (the CPU decodes one at a time)


def pick_device(requested: str) -> str:
    """`auto` means CUDA when present, else the CPU."""
    if requested != "auto":
        return requested
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


class TransformersLLM:
    """A local causal LM, greedy, decoded step by step in the caller's thread.

    bf16 on CUDA; on the CPU fp32 with int8 (default) or fp16 Linear weights, or none
    quantised. Given a JSON schema, each step's logits are masked so the answer is valid JSON
    for it (`assistant.llm.constrained`). The key/value cache of a chat's leading system message is
    computed once per distinct prefix (keyed by its exact token ids, a few kept, least recently
    used dropped) and a copy of it starts every call whose prompt begins with those tokens, so
    only the rest is prefilled. One generation runs at a time; closing the stream frees the model.
    With `max_batch` > 1 (default on CUDA), concurrent calls are decoded together instead
    (`assistant.llm.batching`, without the prefix cache).
    """

    def __init__(
        self,
        model_dir: Path,
        device: str = "auto",
        quantization: str = "int8",
        prefix_cache_size: int = PREFIX_CACHE_SIZE,
        max_batch: int | None = None,
    ) -> None:
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
            log.info(
                "%s quantisation is for the CPU; keeping bf16 weights on %s",
                quantization,
                self.device,
            )
            quantization = "none"
        if quantization != "none":
            quantize_linears(self._model, quantization)
        self.quantization = quantization
        self._stop_ids = _stop_token_ids(self._model, self._tokenizer)
        self._vocab_size = self._model.config.vocab_size
        self._constraints = ConstraintFactory(
            self._tokenizer, self._vocab_size, sorted(self._stop_ids)
        )
        self._prefixes: OrderedDict[tuple[int, ...], Any] = OrderedDict()  # ids -> DynamicCache
        self.prefix_cache_size = prefix_cache_size  # 0: no prefix cache
        self._lock = threading.Lock()  # one generation at a time on this model
        self.max_batch = max_batch or (GPU_BATCH if on_gpu else 1)
        self._batches = (
            BatchedDecoder(
                self._model, self._tokenizer, self._stop_ids, self._vocab_size, self.max_batch
            )
            if self.max_batch > 1
            else None
        )

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
        json_schema: dict[str, Any] | None = None,
    ) -> Generator[str, None, None]:
        """Stream the greedy answer; past `timeout_s` it stops (LLMError if nothing came yet)."""
        deadline = math.inf if timeout_s is None else time.perf_counter() + timeout_s
        chat = [{"role": m["role"], "content": m["content"]} for m in messages]
        prompt_ids = self._token_ids(chat, add_generation_prompt=True)
        constraint = self._constraints.for_schema(json_schema) if json_schema else None
        if self._batches is not None:
            try:
                yield from self._batches.generate(
                    prompt_ids,
                    max_new_tokens=max_new_tokens,
                    deadline=deadline,
                    constraint=constraint,
                )
            except BatchError as exc:
                raise LLMError(str(exc)) from exc
            return
        prefix = self._cacheable_prefix(chat, prompt_ids)
        if not self._lock.acquire(timeout=-1 if timeout_s is None else timeout_s):
            raise LLMError(f"the model stayed busy for {timeout_s} s")
        try:
            cache = self._prefilled(prefix) if prefix else self._empty_cache()
            text = IncrementalText(self._tokenizer)
            new = constraint.take([], max_new_tokens) if constraint else []  # '{"intent":"'
            pending = prompt_ids[len(prefix or ()) :] + new
            while True:
                piece = text.add(new)
                if piece:
                    yield piece
                if len(text.ids) >= max_new_tokens:
                    return
                if time.perf_counter() > deadline:
                    if text.ids:
                        return
                    raise LLMError(f"no token within {timeout_s} s")
                allowed = None
                if constraint is not None:
                    allowed = constraint.allowed(self._vocab_size)
                    if constraint.only_stop_allowed(allowed):
                        return
                token = self._next_token(pending, cache, allowed)
                if token in self._stop_ids:
                    return
                new = (
                    [token]
                    if constraint is None
                    else constraint.take([token], max_new_tokens - len(text.ids))
                )
                pending = new
        except ConstraintError as exc:
            raise LLMError(f"constrained decoding failed: {exc}") from exc
        finally:  # also when the caller stops reading early: free the model for the next call
            self._lock.release()

    def _next_token(self, input_ids: list[int], cache: Any, allowed: Any) -> int:
        """One forward pass over the new tokens; the greedy choice among the allowed ones."""
        import torch

        with torch.inference_mode():
            logits = self._model(
                input_ids=torch.tensor([input_ids], device=self._model.device),
                past_key_values=cache,
                use_cache=True,
                logits_to_keep=1,
            ).logits[0, -1]
        return greedy_token(logits, allowed)

    def _empty_cache(self) -> Any:
        from transformers import DynamicCache

        return DynamicCache(config=self._model.config)

    def _token_ids(self, chat: list[dict[str, str]], *, add_generation_prompt: bool) -> list[int]:
        text = self._tokenizer.apply_chat_template(
            chat, tokenize=False, add_generation_prompt=add_generation_prompt
        )
        return list(self._tokenizer(text)["input_ids"])

    def _cacheable_prefix(
        self, chat: list[dict[str, str]], prompt_ids: list[int]
    ) -> tuple[int, ...] | None:
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

        cache = self._prefixes.get(prefix)
        if cache is None:
            cache = self._empty_cache()
            with torch.inference_mode():
                self._model(
                    input_ids=torch.tensor([prefix], device=self._model.device),
                    past_key_values=cache,
                    use_cache=True,
                    logits_to_keep=1,
                )
            self._prefixes[prefix] = cache
            while len(self._prefixes) > self.prefix_cache_size:
                self._prefixes.popitem(last=False)
        self._prefixes.move_to_end(prefix)
        return copy.deepcopy(cache)  # decoding appends to the cache it is given


def quantize_linears(model: Any, quantization: str) -> None:
    """Swap every Linear layer for torch's dynamically quantised one (fbgemm kernels, CPU).

    "fp16": weights stored in fp16, activations stay fp32: the same greedy answers as fp32,
    ~1.5x its decode speed as served on 2 cores. "int8": int8 weights per output channel and
    activations quantised per call (one scale per forward pass, 7 bits on AVX2): ~1.9x, but the
    answers drift far from fp32's. Numbers: benchmarks/bench_llm.py.
    """
    import warnings

    import torch

    qconfigs = {
        "fp16": torch.ao.quantization.float16_dynamic_qconfig,
        "int8": torch.ao.quantization.per_channel_dynamic_qconfig,
    }
    with warnings.catch_warnings():
        # torch 2.13 (pinned) still ships eager-mode quantisation but warns it is deprecated in
        # favour of torchao, whose int8 linears ran far slower on these AVX2 CPUs without
        # torch.compile (0.18: prefill 45 s, not 1 s). Only these two messages are hidden,
        # and only while quantising.
        warnings.filterwarnings("ignore", "torch.ao.quantization is deprecated", DeprecationWarning)
        warnings.filterwarnings("ignore", ".*quantized tensor creation functions", UserWarning)
        torch.ao.quantization.quantize_dynamic(
            model, {torch.nn.Linear: qconfigs[quantization]}, inplace=True
        )


def _stop_token_ids(model: Any, tokenizer: Any) -> frozenset[int]:
    """End-of-answer tokens: the generation config's and the tokenizer's."""
    configured = model.generation_config.eos_token_id
    ids = configured if isinstance(configured, list) else [configured]
    return frozenset(i for i in [*ids, tokenizer.eos_token_id] if i is not None)
