"""Engines: where a build's reading and extraction run.

A build hands each file to `read_document` and each new document to `extract_document`
(tracewire.engine.tasks) through an engine, and stores the results itself, in order, one
transaction per document. The engines:

- `inline`: in the build's own process, one at a time (`--workers 1`);
- `processes`: a pool of N worker processes on this machine (`--workers N`);
- `ray`: Ray tasks on a Ray cluster, or on a local Ray started with N CPUs
  (`--engine ray [--address ADDR]`; needs the `ray` extra).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable

from tracewire.engine.local import Engine, EngineError, InlineEngine, ProcessEngine, Task

ENGINES = ("local", "ray")


def default_workers() -> int:
    """The machine's cores (those this process may run on)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def check_options(kind: str, workers: int, address: str | None = None) -> None:
    """Raise EngineError, saying why, unless the options name an engine that can start."""
    if kind not in ENGINES:
        raise EngineError(f"unknown engine {kind!r} (one of: {', '.join(ENGINES)})")
    if workers < 1:
        raise EngineError(f"--workers must be at least 1, not {workers}")
    if address is not None and kind != "ray":
        raise EngineError("--address is for --engine ray")
    if kind == "ray" and importlib.util.find_spec("ray") is None:
        from tracewire.engine.cluster import INSTALL_HINT  # noqa: PLC0415

        raise EngineError(INSTALL_HINT)


def open_engine(
    kind: str = "local",
    workers: int = 1,
    address: str | None = None,
    *,
    prepare: Callable[[], object] | None = None,
) -> Engine:
    """The engine `kind` ("local" or "ray") with `workers` processes or CPUs; `address`
    names a running Ray cluster to join (then its CPUs count, not `workers`). `prepare`
    runs in this process before local workers are forked from it (to load the model once
    for all of them)."""
    check_options(kind, workers, address)
    if kind == "ray":
        from tracewire.engine.cluster import RayEngine  # noqa: PLC0415 - an optional extra

        return RayEngine(workers, address)
    return InlineEngine() if workers == 1 else ProcessEngine(workers, prepare)


__all__ = [
    "ENGINES",
    "Engine",
    "EngineError",
    "InlineEngine",
    "ProcessEngine",
    "Task",
    "check_options",
    "default_workers",
    "open_engine",
]
