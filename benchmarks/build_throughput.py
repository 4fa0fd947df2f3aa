"""Words per second of `tracewire build` beside bare spaCy `nlp.pipe` on the same texts.

Usage: python benchmarks/build_throughput.py [CORPUS_DIR ...] [--rounds N] [--workers N]

Both sides use the same model, already loaded (model loading is not timed). The build
side runs the whole stage chain into a fresh SQLite store each round: reading files,
ids and duplicate checks, the NLP pipeline with the gazetteer, mention rules, the claim
extractor (`--extractor`, the default one unless named), writes, resolution, screening of
the new parties and alerts. Each fresh store has the sanctions list loaded before the
clock starts: loading a list into a store is done once per store, not per document.

The build is timed twice: with one worker (the same single process as bare `nlp.pipe`)
and with `--workers` processes, the cores unless given, as `tracewire build` runs by
default (the pool's start is timed too).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from tracewire.engine import default_workers
from tracewire.extract import DEFAULT_EXTRACTOR, Extractor, extractor_names
from tracewire.extract.nlp import load_model
from tracewire.ingest import discover, read_file
from tracewire.pipeline import build
from tracewire.store import open_store
from tracewire.store.screening import list_screeners

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT.parent / "shared" / "corpus" / "dev", ROOT / "examples" / "corpus"]


def corpus_texts(paths: list[Path]) -> list[str]:
    """The texts the build would store, read the same way."""
    return [read_file(p).text for p in discover(paths) if isinstance(p, Path)]


def time_bare(texts: list[str], rounds: int) -> float:
    nlp = load_model()
    list(nlp.pipe(texts))  # warm-up
    runs = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _doc in nlp.pipe(texts):
            pass
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def time_build(paths: list[Path], rounds: int, name: str, workers: int = 1) -> float:
    extractor = Extractor.load(name)
    runs = []
    for _ in range(rounds + 1):
        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(str(Path(tmp) / "bench.db"))
            with store.transaction() as session:
                list_screeners(session)  # the embedded list, loaded once per store
            start = time.perf_counter()
            build(paths, store, extractor=extractor, workers=workers)
            runs.append(time.perf_counter() - start)
            store.close()
    return statistics.median(runs[1:])  # the first round warms caches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--extractor", default=DEFAULT_EXTRACTOR, choices=extractor_names())
    parser.add_argument("--workers", type=int, default=default_workers())
    args = parser.parse_args()
    paths = [p for p in (args.corpus or DEFAULT) if p.exists()]
    texts = corpus_texts(paths)
    words = sum(len(t.split()) for t in texts)
    bare = time_bare(texts, args.rounds)
    built = time_build(paths, args.rounds, args.extractor)
    pooled = time_build(paths, args.rounds, args.extractor, args.workers)
    print(f"corpus: {', '.join(str(p) for p in paths)}  extractor: {args.extractor}")
    print(f"documents {len(texts)}  words {words}  rounds {args.rounds} (median)")
    print(f"bare nlp.pipe     {words / bare:10.0f} words/s  ({bare:.3f} s)")
    print(f"tracewire build   {words / built:10.0f} words/s  ({built:.3f} s)")
    print(f"ratio build/bare  {bare / built:10.2f}")
    pool = f"--workers {args.workers}"
    print(f"tracewire build {pool}  {words / pooled:6.0f} words/s  ({pooled:.3f} s)")
    print(f"ratio build {pool}/bare  {bare / pooled:6.2f}  (the default build)")


if __name__ == "__main__":
    main()
