"""Build throughput on all cores and on Ray, and what a bigger store costs, at 1x to 64x.

Usage: python benchmarks/build_scale.py [--scales 1,4,16,64] [--modes 1,2,ray]
                                        [--postgres] [--corpus DIR ...]

The corpus (default: ../shared/corpus/dev and field, *.txt) is copied N times into a
temporary folder, each copy made distinct so that the duplicate checks keep it: every
number is shifted and every capitalised word inside a sentence gets a suffix of the copy's
own ("Hacking Team" -> "Hacking Teamak"), which changes enough 5-word shingles to fall far
below the near-duplicate threshold. Per scale it prints:

- words/s of `build` into a new store with 1 worker, 2 worker processes and a local Ray
  of 2 CPUs (the model is loaded beforehand in each case: its loading is not timed);
  the time includes the resolution at the end of the build, also shown on its own;
- the cores each local build had (CPU over wall seconds), and "2/1 free": the speed-up of
  2 workers over 1 that their CPU seconds give on two free cores (on a shared machine the
  measured ratio is bounded by the share of the CPUs the build gets);
- a full re-resolution of that store (`tracewire resolve --full`; a build resolves only
  the neighbourhood of what it changed);
- the time to add 5 new documents to that store (incremental build, 1 worker), beside
  adding the same 5 to an empty store;
- the `tracewire entities` and `tracewire export -f ftm` times on that store.

With --postgres every store is a database on a throwaway PostgreSQL server
(tests/postgres.py) instead of an SQLite file.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from tracewire.cli.app import app
from tracewire.engine.tasks import extract_document
from tracewire.extract import DEFAULT_EXTRACTOR, Extractor
from tracewire.ingest import read_file
from tracewire.pipeline import build
from tracewire.resolve.resolution import resolve_store
from tracewire.store import open_store

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests/postgres.py
DEFAULT = [ROOT.parent / "shared" / "corpus" / "dev", ROOT.parent / "shared" / "corpus" / "field"]
NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]{3,}\b")  # a capitalised word inside a sentence
NUMBER = re.compile(r"\b\d+\b")
SYLLABLES = ("an", "ol", "er", "is", "ur", "ak", "em", "ot")
NEW = 5  # documents added to each built store
NEW_COPY = 100_000  # copy numbers of the added documents: beyond any scale's copies


def suffix(copy: int) -> str:
    """The copy's own syllables: 1 -> "ol", 9 -> "olol"."""
    out = ""
    while copy:
        copy, rest = divmod(copy, len(SYLLABLES))
        out += SYLLABLES[rest]
    return out


def variant(text: str, copy: int) -> str:
    """Copy `copy` of a report (0: the report itself)."""
    if copy == 0:
        return text
    end = suffix(copy)
    text = NUMBER.sub(lambda m: str(int(m.group()) + copy), text)
    return NAME.sub(lambda m: m.group() + end, text)


def write_copies(reports: list[Path], folder: Path, copies: range) -> int:
    """Write `copies` of every report into `folder`; returns the words written."""
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for copy in copies:
        for report in reports:
            text = variant(report.read_text(encoding="utf-8"), copy)
            (folder / f"{copy:06d}_{report.name}").write_text(text, encoding="utf-8")
            words += len(text.split())
    return words


class Stores:
    """New stores: SQLite files in a folder, or databases on a throwaway PostgreSQL server."""

    def __init__(self, folder: Path, postgres: bool) -> None:
        self.folder = folder
        self.count = 0
        self.server: Any = None
        if postgres:
            from tests.postgres import PostgresServer  # noqa: PLC0415

            self.server = PostgresServer().start()

    def new(self) -> str:
        """The URL or path of a new, empty store."""
        self.count += 1
        if self.server is not None:
            return str(self.server.create(f"bench_{self.count}"))
        return str(self.folder / f"store-{self.count}.db")

    def close(self) -> None:
        """Stop the PostgreSQL server, if any."""
        if self.server is not None:
            self.server.stop()


def timed(fn: Callable[[], object]) -> float:
    """Seconds `fn` takes."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def cli_seconds(*args: str) -> float:
    """Seconds a `tracewire` command takes in this process (output discarded)."""
    runner = CliRunner()
    start = time.perf_counter()
    result = runner.invoke(app, list(args))
    seconds = time.perf_counter() - start
    if result.exit_code != 0:
        raise RuntimeError(f"tracewire {' '.join(args)} failed: {result.output[-500:]}")
    return seconds


@contextmanager
def local_ray(extractor_docs: list[Path]) -> Iterator[None]:
    """A local Ray of 2 CPUs whose two workers have loaded the extractor (not timed)."""
    from tracewire.engine.cluster import RayEngine  # noqa: PLC0415

    engine = RayEngine(2)
    warm = [read_file(p) for p in extractor_docs[:2]]
    for task in [engine.submit(extract_document, d, DEFAULT_EXTRACTOR) for d in warm]:
        task.result()
    try:
        yield
    finally:
        engine.close()


MODES: dict[str, dict[str, Any]] = {
    "1": {"workers": 1},
    "2": {"workers": 2},
    "ray": {"workers": 2, "engine": "ray"},
}


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds of this process, and of its finished children (the pool's workers)."""
    times = os.times()
    return times.user + times.system, times.children_user + times.children_system


def timed_build(corpus: Path, stores: Stores, extractor: Extractor, mode: str) -> dict[str, Any]:
    """Build `corpus` into a new store in `mode`: the store, words/s, and the CPU seconds
    of the build's process and of its worker processes (Ray's workers are not counted).
    CPU over wall seconds is the cores the build had: fewer than it asked for when other
    programs share the machine (Linux shares the CPUs between sessions first)."""
    db = stores.new()
    store = open_store(db)
    parent, children = cpu_seconds()
    # Ray's workers load the registry's extractor by name (an object stays in this process)
    given = None if MODES[mode].get("engine") == "ray" else extractor
    report = build([corpus], store, extractor=given, **MODES[mode])
    parent_after, children_after = cpu_seconds()
    store.close()
    cpu = {"parent": parent_after - parent, "workers": children_after - children}
    cores = (cpu["parent"] + cpu["workers"]) / report.seconds
    print(f"  {corpus.name} {mode:>3}: {len(report.stored)} documents, {report.words} words "
          f"in {report.seconds:.1f} s on {cores:.2f} cores (build {cpu['parent']:.1f} s, "
          f"workers {cpu['workers']:.1f} s of CPU); load {os.getloadavg()[0]:.1f}",
          flush=True)  # fmt: skip
    return {"db": db, "wps": report.words / report.seconds, "cores": cores, **cpu}


def projected(one: dict[str, Any], two: dict[str, Any]) -> float:
    """2 workers' speed-up over 1 on two free cores, from CPU seconds: the build's process
    and the workers share the cores, and the build's own work cannot be split."""
    serial = one["parent"] + one["workers"]
    return float(serial / max(two["parent"], (two["parent"] + two["workers"]) / 2))


def measure_store(db: str, work: Path, extractor: Extractor, added: Path) -> dict[str, float]:
    """Resolution, `entities`, FtM export and adding NEW documents on a built store."""
    store = open_store(db)
    with store.transaction() as session:
        resolve = timed(lambda: resolve_store(session, full=True))
    entities = cli_seconds("entities", "--db", db)
    ftm = cli_seconds("export", "-f", "ftm", "-o", str(work / "out.ftm.json"), "--db", db)
    add5 = build([added], store, extractor=extractor).seconds
    store.close()
    return {"resolve": resolve, "entities": entities, "ftm": ftm, "add5": add5}


def measure(
    scales: list[int], modes: list[str], reports: list[Path], stores: Stores, work: Path
) -> tuple[list[dict[str, Any]], float]:
    """The figures of every scale, and the time to add NEW documents to an empty store."""
    extractor = Extractor.load()
    added = work / "added"
    picked = reports[:: max(1, len(reports) // NEW)][:NEW]
    write_copies(picked, added, range(NEW_COPY, NEW_COPY + 1))
    empty = open_store(stores.new())
    add_empty = build([added], empty, extractor=extractor).seconds
    empty.close()
    rows: list[dict[str, Any]] = []
    for scale in scales:
        corpus = work / f"{scale}x"
        row: dict[str, Any] = {"scale": scale, "docs": scale * len(reports)}
        row["words"] = write_copies(reports, corpus, range(scale))
        builds = {m: timed_build(corpus, stores, extractor, m) for m in modes if m != "ray"}
        for mode, built in builds.items():
            row[mode], row[f"{mode} cores"] = built["wps"], built["cores"]
        if "1" in builds and "2" in builds:
            row["projected"] = projected(builds["1"], builds["2"])
        if builds:
            row |= measure_store(next(iter(builds.values()))["db"], work, extractor, added)
        rows.append(row)
    # Ray last: its driver's threads must not be in the process the pool forks.
    if "ray" in modes:
        with local_ray(reports):
            for row in rows:
                corpus = work / f"{row['scale']}x"
                row["ray"] = timed_build(corpus, stores, extractor, "ray")["wps"]
    return rows, add_empty


def print_table(rows: list[dict[str, Any]], modes: list[str], title: str) -> None:
    """The figures as a Markdown table."""
    print(f"\n{title}")
    local = [m for m in modes if m != "ray"]
    header = ["scale", "docs", "words", *(f"{m} w/s" for m in modes)]
    header += [*(f"{m} cores" for m in local), "2/1", "2/1 free", "resolve s", "add 5 s"]
    header += ["entities s", "ftm s"]
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    nan = float("nan")
    for row in rows:
        cells = [f"{row['scale']}x", str(row["docs"]), str(row["words"])]
        cells += [f"{row[m]:.0f}" for m in modes]
        cells += [f"{row[f'{m} cores']:.2f}" for m in local]
        ratio = row["2"] / row["1"] if "1" in row and "2" in row else nan
        cells += [f"{ratio:.2f}"]
        keys = ("projected", "resolve", "add5", "entities", "ftm")
        cells += [f"{row.get(k, nan):.2f}" for k in keys]
        print(" | ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,4,16,64")
    parser.add_argument("--modes", default="1,2,ray", help="of: 1, 2 (workers), ray")
    parser.add_argument("--postgres", action="store_true", help="stores on PostgreSQL")
    parser.add_argument("--corpus", nargs="*", type=Path, default=DEFAULT)
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    modes = [m for m in args.modes.split(",") if m]
    reports = sorted(p for folder in args.corpus for p in folder.glob("*.txt"))
    with tempfile.TemporaryDirectory(prefix="tracewire-scale-") as tmp:
        stores = Stores(Path(tmp), args.postgres)
        try:
            rows, add_empty = measure(scales, modes, reports, stores, Path(tmp))
        finally:
            stores.close()
    backend = "PostgreSQL" if args.postgres else "SQLite"
    title = f"{len(reports)} reports; {backend}; words/s of build incl. resolution"
    print_table(rows, modes, title)
    print(f"adding the same {NEW} documents to an empty store: {add_empty:.2f} s")


if __name__ == "__main__":
    main()
