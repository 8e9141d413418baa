"""The scale benchmark's synthetic catalog and stand-in embedder."""

import json

import numpy as np

from benchmarks.standin_embedder import WordAverageEmbedder
from benchmarks.synthetic_catalog import products, write_jsonl
from catalog.importer import import_file
from evaluation.fakes import HashingEmbedder


def test_the_same_seed_gives_the_same_catalog(tmp_path):
    first = write_jsonl(tmp_path / "a.jsonl", 300, seed=7).read_bytes()
    assert write_jsonl(tmp_path / "b.jsonl", 300, seed=7).read_bytes() == first
    assert write_jsonl(tmp_path / "c.jsonl", 300, seed=8).read_bytes() != first
    assert [json.loads(line)["sku"] for line in first.splitlines()[:2]] == [
        "SYN-0000000",
        "SYN-0000001",
    ]


def test_every_synthetic_product_imports(sessions, tmp_path):
    path = write_jsonl(tmp_path / "p.jsonl", 500)
    with sessions() as session:
        report = import_file(session, path, None, progress=False)
    assert (report.created, report.rejected) == (500, [])
    assert len({p["category"] for p in products(500)}) > 10


class CountingEmbedder(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__(dimension=32)
        self.texts: list[str] = []

    def embed(self, texts):
        self.texts += texts
        return super().embed(texts)


def test_stand_in_embeds_each_word_once_and_normalises():
    base = CountingEmbedder()
    standin = WordAverageEmbedder(base)
    vectors = standin.embed(["Oak table", "oak chair", "42"])
    assert sorted(base.texts) == ["chair", "oak", "table"]
    assert np.allclose(np.linalg.norm(vectors[:2], axis=1), 1.0) and not vectors[2].any()
    again = standin.embed(["table oak"])
    assert sorted(base.texts) == ["chair", "oak", "table"]  # cached
    assert np.allclose(again[0], vectors[0])
