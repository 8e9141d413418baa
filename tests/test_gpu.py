"""The CUDA path: bf16 weights placed by accelerate. Skipped on machines without a GPU."""

import pytest

from assistant.llm import TransformersLLM, complete
from assistant.provisioning import provision
from assistant.settings import Settings

torch = pytest.importorskip("torch")
pytestmark = [
    pytest.mark.gpu,
    pytest.mark.slow,
    pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU"),
]


def test_model_runs_in_bf16_on_the_gpu():
    settings = Settings()
    llm = TransformersLLM(provision(settings.model, settings.model_cache_dir), device="auto")
    assert llm.device == "cuda" and llm.dtype == torch.bfloat16
    answer = complete(llm, [{"role": "user", "content": "Say hello."}], max_new_tokens=8)
    assert answer.strip()
