"""kill -9 during builds, then compare the store the next build leaves with a clean build.

Usage: python benchmarks/chaos.py [CORPUS ...] [--random 50] [--per-step 10] [--seed 1]

The corpus defaults to ../shared/corpus/dev and ../shared/corpus/field. First a clean
`tracewire build` gives the reference store. Then:

- random: rounds on a fresh store, each up to 5 times `tracewire build` (the real command)
  killed with SIGKILL at a random moment of its run, then one build left to finish;
- each step: a build (in a process of its own, the real pipeline) that kills itself with
  SIGKILL at a step: after reading a document (ingest), while extracting one, after
  the last document's commit (commit), inside the resolution's transaction
  (resolution); the 10 kills of a step move through the corpus (ingest, extraction)
  or build a growing part of it (commit, resolution). Then `tracewire build` over the
  whole corpus.

After every kill the store is checked (every stored document whole: its mentions and
claims those of the clean build); after the last build of each round it must equal the
clean store: documents, sources, entities, aliases, mentions, claims, clusters and
judgements, counted (a row stored twice shows). Printed: kills, documents lost,
duplicated, half-written, and stores that differ, per scenario.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased

from tracewire.ingest import discover
from tracewire.store import open_store
from tracewire.store.generations import resolution_behind
from tracewire.store.models import (
    AliasRow,
    ClaimRow,
    DocumentRow,
    EntityRow,
    JudgementRow,
    MentionRow,
    SourceRow,
)
from tracewire.store.writer import Writer

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT.parent / "shared" / "corpus" / "dev", ROOT.parent / "shared" / "corpus" / "field"]
STEPS = ("ingest", "extraction", "commit", "resolution")
TRACEWIRE = [str(Path(sys.executable).with_name("tracewire"))]  # the installed command
Snapshot = dict[str, Counter[tuple[Any, ...]]]


def snapshot(db: Path) -> Snapshot:
    """The store's content without row ids or times, each table as a multiset of rows."""
    try:
        store = open_store(str(db), create=False)
    except FileNotFoundError:  # killed before its schema was committed: an empty store
        return defaultdict(Counter)
    subject, obj = aliased(EntityRow), aliased(EntityRow)
    queries: dict[str, Any] = {
        "documents": select(DocumentRow.id, DocumentRow.source, DocumentRow.title,
                            DocumentRow.published, DocumentRow.text),
        "sources": select(SourceRow.location, SourceRow.document_id, SourceRow.status),
        "entities": select(EntityRow.key, EntityRow.canonical, EntityRow.type, EntityRow.origin),
        "clusters": select(EntityRow.key, EntityRow.cluster_key),
        "aliases": select(EntityRow.key, AliasRow.name, AliasRow.origin).join(EntityRow),
        "mentions": select(MentionRow.document_id, MentionRow.start, MentionRow.end,
                           EntityRow.key, MentionRow.type, MentionRow.form).join(EntityRow),
        "claims": select(ClaimRow.document_id, ClaimRow.relation, subject.key, obj.key,
                         ClaimRow.evidence_start, ClaimRow.evidence_end, ClaimRow.hedging,
                         ClaimRow.technology, ClaimRow.date, ClaimRow.amount, ClaimRow.source,
                         ClaimRow.extractor, ClaimRow.version)
        .join(subject, subject.id == ClaimRow.subject_id)
        .join(obj, obj.id == ClaimRow.object_id),
        "judgements": select(JudgementRow.left_key, JudgementRow.right_key,
                             JudgementRow.judgement, JudgementRow.origin, JudgementRow.reason),
    }  # fmt: skip
    with store.session() as session:
        found = {
            name: Counter(tuple(row) for row in session.execute(q)) for name, q in queries.items()
        }
    store.close()
    return found


def differences(got: Snapshot, want: Snapshot) -> list[str]:
    """Tables whose rows differ, with how many rows are missing and extra."""
    out = []
    for table, rows in want.items():
        missing, extra = rows - got[table], got[table] - rows
        if missing or extra:
            out.append(f"{table}: {sum(missing.values())} missing, {sum(extra.values())} extra")
    return out


@dataclass
class Damage:
    """What one check of a killed store found against the clean store."""

    lost: int = 0  # documents of the clean store missing after the final build
    duplicated: int = 0  # rows present more often than in the clean store
    half_written: int = 0  # stored documents whose mentions or claims are not all there


def check_whole(got: Snapshot, want: Snapshot) -> Damage:
    """Every document in a (killed) store must be whole: its mentions and claims exactly
    those of the clean build; no row may be there more often than in the clean store
    (clusters and judgements may lag: resolution may not have run yet)."""
    damage = Damage()
    for table in ("documents", "sources", "entities", "aliases", "mentions", "claims"):
        damage.duplicated += sum((got[table] - want[table]).values())
    stored = {row[0] for row in got["documents"]}
    for table in ("mentions", "claims"):
        mine = Counter({row: n for row, n in got[table].items() if row[0] in stored})
        clean = Counter({row: n for row, n in want[table].items() if row[0] in stored})
        damage.half_written += len({row[0] for row in clean - mine})
    return damage


def cli_build(db: Path, paths: Sequence[Path]) -> subprocess.Popen[bytes]:
    """`tracewire build PATHS --db DB`, started."""
    command = [*TRACEWIRE, "build", *map(str, paths), "--db", str(db)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)


def finish_build(db: Path, paths: Sequence[Path]) -> str:
    """An uninterrupted `tracewire build`; its summary (exit status 0 or RuntimeError)."""
    process = cli_build(db, paths)
    out, _ = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"tracewire build exited {process.returncode}")
    return out.decode("utf-8", "replace")


def killed_build(db: str, paths: list[str], step: str, at: int, seed: int) -> None:
    """A build of `paths` into `db` that kills itself with SIGKILL at `step` (of the
    `at`-th document for ingest and extraction); run in a process of its own."""
    from tracewire import pipeline  # noqa: PLC0415 - only in the child process
    from tracewire.extract import Extractor  # noqa: PLC0415

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    def nth(wrapped: Callable[..., Any], after: bool) -> Callable[..., Any]:
        calls = Counter[str]()

        def counting(*args: Any, **kwargs: Any) -> Any:
            calls["n"] += 1
            if not after and calls["n"] > at:
                threading.Timer(random.Random(seed).uniform(0, 0.2), die).start()
            result = wrapped(*args, **kwargs)
            if calls["n"] > at:
                die()
            return result

        return counting

    if step == "ingest":
        pipeline.read_file = nth(pipeline.read_file, after=True)  # type: ignore[assignment]
    elif step == "extraction":
        Extractor.extract = nth(Extractor.extract, after=False)  # type: ignore[method-assign]
    elif step == "commit":
        pipeline.Builder.finish = lambda *_args: die()  # type: ignore[assignment,method-assign]
    elif step == "resolution":
        real = Writer.resolve

        def resolving(writer: Writer, *, full: bool = False) -> Any:
            applied = real(writer, full=full)
            writer.session.flush()  # every row written, the transaction not yet committed
            die()
            return applied

        Writer.resolve = resolving  # type: ignore[method-assign]
    store = open_store(db)
    pipeline.build([Path(p) for p in paths], store)


def run_killed(db: Path, paths: Sequence[Path], step: str, at: int, seed: int) -> bool:
    """Run `killed_build` in a spawned process; True when it was killed."""
    context = multiprocessing.get_context("spawn")
    process = context.Process(
        target=killed_build, args=(str(db), list(map(str, paths)), step, at, seed)
    )
    process.start()
    process.join()
    return process.exitcode == -signal.SIGKILL


@dataclass
class Scenario:
    """The outcome of one scenario's kills."""

    name: str
    kills: int = 0
    damage: Damage = field(default_factory=Damage)
    unequal: list[str] = field(default_factory=list)
    recovered: int = 0  # builds that found the resolution behind and resolved first

    def add(self, damage: Damage) -> None:
        self.damage.lost += damage.lost
        self.damage.duplicated += damage.duplicated
        self.damage.half_written += damage.half_written


def settle(db: Path, corpus: Sequence[Path], clean: Snapshot, scenario: Scenario) -> None:
    """Check a killed store, finish it with an uninterrupted build, compare it with clean."""
    scenario.add(check_whole(snapshot(db), clean))
    summary = finish_build(db, corpus)
    scenario.recovered += "resolved them first" in summary
    final = snapshot(db)
    lost = {r[0] for r in clean["documents"]} - {r[0] for r in final["documents"]}
    scenario.add(Damage(lost=len(lost)))
    scenario.unequal += differences(final, clean)
    store = open_store(str(db), create=False)
    with store.session() as session:
        if resolution_behind(session):
            scenario.unequal.append("resolution still behind after the last build")
    store.close()


def random_kills(
    corpus: Sequence[Path], clean: Snapshot, work: Path, *, kills: int, span: float, seed: int
) -> Scenario:
    """Rounds of up to 5 random kills of `tracewire build` on a fresh store, then a build."""
    scenario, rng = Scenario("random"), random.Random(seed)
    round_no = 0
    while scenario.kills < kills:
        round_no += 1
        db = work / f"random-{round_no}.db"
        for _ in range(min(5, kills - scenario.kills)):
            process = cli_build(db, corpus)
            time.sleep(rng.uniform(0, span))
            if process.poll() is not None:  # finished before the kill: not a kill
                process.communicate()
                break
            process.send_signal(signal.SIGKILL)
            process.communicate()
            scenario.kills += 1
            if db.exists():
                scenario.add(check_whole(snapshot(db), clean))
        settle(db, corpus, clean, scenario)
    return scenario


def step_kills(
    corpus: Sequence[Path], clean: Snapshot, work: Path, *, step: str, per_step: int
) -> Scenario:
    """`per_step` self-kills at `step`, each on a fresh store, then a build of the corpus."""
    scenario = Scenario(step)
    files = [p for p in discover(corpus) if isinstance(p, Path)]
    for trial in range(per_step):
        db = work / f"{step}-{trial}.db"
        if step in ("ingest", "extraction"):
            paths, at = list(corpus), trial * len(files) // per_step
        else:  # a growing part of the corpus, stored and then killed before resolution ends
            paths, at = files[: max(1, (trial + 1) * len(files) // per_step)], 0
        if run_killed(db, paths, step, at, seed=trial):
            scenario.kills += 1
        settle(db, corpus, clean, scenario)
    return scenario


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--random", type=int, default=50, help="random kills in all")
    parser.add_argument("--per-step", type=int, default=10, help="kills at each step")
    parser.add_argument("--steps", default=",".join(STEPS), help="which steps")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    corpus = [p.resolve() for p in args.corpus]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        finish_build(work / "clean.db", corpus)
        span = time.perf_counter() - started
        clean = snapshot(work / "clean.db")
        counts = {table: sum(rows.values()) for table, rows in clean.items()}
        print(f"clean build in {span:.1f}s: {counts}")
        scenarios = []
        if args.random:
            scenarios.append(
                random_kills(corpus, clean, work, kills=args.random, span=span, seed=args.seed)
            )
            print_row(scenarios[-1])
        for step in filter(None, args.steps.split(",")):
            scenarios.append(step_kills(corpus, clean, work, step=step, per_step=args.per_step))
            print_row(scenarios[-1])
    total = sum(s.kills for s in scenarios)
    bad = sum(s.damage.lost + s.damage.duplicated + s.damage.half_written + len(s.unequal)
              for s in scenarios)  # fmt: skip
    print(f"\n{total} kills: " + ("every store whole and equal to the clean build" if not bad
                                 else f"{bad} problems (see above)"))  # fmt: skip


def print_row(scenario: Scenario) -> None:
    """One scenario's line: kills, damage and whether the stores equal the clean one."""
    d = scenario.damage
    equal = "equal to clean" if not scenario.unequal else "; ".join(scenario.unequal)
    print(f"{scenario.name:<11} kills {scenario.kills:>3}  lost {d.lost}  duplicated "
          f"{d.duplicated}  half-written {d.half_written}  recovered first "
          f"{scenario.recovered:>2}  {equal}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
