"""Engines on this machine: inline (in the build's process) and a pool of processes."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Generic, Protocol, TypeVar

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class EngineError(RuntimeError):
    """An engine cannot be used as asked (a bad option, Ray missing or unreachable)."""


class Task(Protocol[T_co]):
    """Work handed to an engine; `result()` waits for it and raises what it raised."""

    def result(self) -> T_co:
        """The function's return value."""
        ...


class Engine(Protocol):
    """Runs functions of picklable arguments, `workers` of them at a time."""

    name: str
    workers: int
    remote_reads: bool  # whether files are read by the workers (else by the build)

    def submit(self, fn: Callable[..., T], /, *args: Any) -> Task[T]:
        """Start `fn(*args)` (or queue it) and return its task."""
        ...

    def close(self) -> None:
        """Stop the workers; tasks not yet done are dropped."""
        ...


class _Deferred(Generic[T]):
    """A call made when its result is first asked for."""

    def __init__(self, fn: Callable[..., T], args: tuple[Any, ...]) -> None:
        self._call: tuple[Callable[..., T], tuple[Any, ...]] | None = (fn, args)
        self._value: T | None = None

    def result(self) -> T:
        if self._call is not None:
            fn, args = self._call
            self._value, self._call = fn(*args), None
        return self._value  # type: ignore[return-value]


class InlineEngine:
    """Every call in the build's own process, when its result is asked for."""

    name = "inline"
    workers = 1
    remote_reads = False

    def submit(self, fn: Callable[..., T], /, *args: Any) -> Task[T]:
        """The call, deferred until `result()`."""
        return _Deferred(fn, args)

    def close(self) -> None:
        """Nothing to stop."""


# Workers are forked from the build's process (on Linux) after `prepare` has loaded what
# they need (the model, once, shared copy-on-write), so they start at once; a fork server
# or spawn would load it again in each worker. Workers touch neither the database
# connections nor the threads they inherit (the CLI's progress bar), and exit without
# running the parent's finalizers.
_START = "fork" if sys.platform == "linux" else "spawn"


PARENT_CHECK = 0.5  # seconds between a worker's checks that its build is still there


def _leave_with_parent(parent: int) -> None:
    """In each worker: exit as soon as the build that started it is gone. A build killed
    with SIGKILL cannot stop its pool, and workers left behind would wait for work for
    ever (holding the build's output pipes open, so a caller never sees them close)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK)
        os._exit(1)

    threading.Thread(target=watch, name="tracewire-parent-watch", daemon=True).start()


class ProcessEngine:
    """A pool of `workers` processes, started on the first call after running `prepare`.
    Files are read by the build (a fraction of a document's cost), so a build with nothing
    new to extract starts no process."""

    name = "processes"
    remote_reads = False

    def __init__(self, workers: int, prepare: Callable[[], object] | None = None) -> None:
        self.workers = workers
        self._prepare = prepare
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, fn: Callable[..., T], /, *args: Any) -> Task[T]:
        """The call, queued for the next free worker."""
        if self._pool is None:
            if self._prepare is not None:
                self._prepare()
            context = multiprocessing.get_context(_START)
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=_leave_with_parent,
                initargs=(os.getpid(),),
            )
        future: Future[T] = self._pool.submit(fn, *args)
        return future

    def close(self) -> None:
        """Stop the pool, dropping queued calls."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
