"""The CUDA path: bf16 weights placed by accelerate. Skipped on machines without a GPU."""

import pytest

from assistant.app.settings import Settings
from assistant.llm.base import complete
from assistant.llm.local import TransformersLLM
from assistant.llm.provisioning import provision

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


def test_concurrent_sessions_share_batches_on_the_gpu():
    import threading

    settings = Settings()
    llm = TransformersLLM(provision(settings.model, settings.model_cache_dir), device="auto")
    assert llm.max_batch == 8
    answers: list[str] = []
    messages = [[{"role": "user", "content": f"Name a colour, number {i}."}] for i in range(6)]
    threads = [
        threading.Thread(target=lambda m=m: answers.append(complete(llm, m, max_new_tokens=12)))
        for m in messages
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(answers) == 6 and all(a.strip() for a in answers)
    assert max(llm._batches.batch_sizes) > 1
