"""A tiny tokenizer and a tiny random Qwen2 model, built here in a second (no download)."""

import json
from pathlib import Path

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import PreTrainedTokenizerFast

from assistant.understanding.schema import Intent

STOP = "<|end|>"
CHAT_TEMPLATE = (
    "{% for m in messages %}<|{{ m.role }}|>{{ m.content }}{% endfor %}"
    "{% if add_generation_prompt %}<|assistant|>{% endif %}"
)


def toy_tokenizer() -> PreTrainedTokenizerFast:
    """Byte-level BPE trained on JSON-ish text, with a stop token and a chat template."""
    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    corpus = [
        json.dumps(
            {
                "intent": i.value,
                "product": "rain jacket",
                "colours": ["black"],
                "price_max": 80,
                "references": ["2", "it"],
            }
        )
        for i in Intent
    ]
    trainer = trainers.BpeTrainer(
        vocab_size=400, special_tokens=[STOP], initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    bpe.train_from_iterator(corpus * 20, trainer)
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=bpe, eos_token=STOP)
    tokenizer.chat_template = CHAT_TEMPLATE
    return tokenizer


def save_toy_model(directory: Path, seed: int = 0) -> Path:
    """A two-layer Qwen2 with random weights and the toy tokenizer, saved for from_pretrained.

    Its vocabulary has spare rows past the tokenizer's, as real models do.
    """
    import torch
    from transformers import Qwen2Config, Qwen2ForCausalLM

    tokenizer = toy_tokenizer()
    torch.manual_seed(seed)
    config = Qwen2Config(
        vocab_size=len(tokenizer) + 12,
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=512,
        eos_token_id=tokenizer.eos_token_id,
    )
    model = Qwen2ForCausalLM(config)
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory
