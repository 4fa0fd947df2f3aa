"""Engines on this machine: calls deferred in the build's process, or run in a pool."""

from __future__ import annotations

import importlib.util
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tracewire.engine import (
    EngineError,
    InlineEngine,
    ProcessEngine,
    check_options,
    open_engine,
)


def _pid(_n: int) -> int:
    return os.getpid()


def _square(n: int) -> int:
    return n * n


def _fail(n: int) -> int:
    raise ValueError(f"document {n} is unreadable")


def test_inline_calls_run_here_when_asked_for() -> None:
    calls: list[int] = []
    engine = InlineEngine()
    task = engine.submit(calls.append, 7)
    assert calls == []  # deferred: the build asks for results in order
    task.result()
    task.result()
    assert calls == [7]


def test_a_pool_runs_calls_in_other_processes_and_keeps_their_order() -> None:
    prepared: list[int] = []
    engine = ProcessEngine(2, prepare=lambda: prepared.append(os.getpid()))
    try:
        tasks = [engine.submit(_square, n) for n in range(20)]
        assert [t.result() for t in tasks] == [n * n for n in range(20)]
        pids = {engine.submit(_pid, n).result() for n in range(20)}
        assert os.getpid() not in pids
        assert prepared == [os.getpid()]  # once, here, before the workers started
        with pytest.raises(ValueError, match="document 3 is unreadable"):
            engine.submit(_fail, 3).result()
    finally:
        engine.close()


def test_a_pool_starts_only_when_given_work() -> None:
    prepared: list[int] = []
    engine = ProcessEngine(2, prepare=lambda: prepared.append(1))
    engine.close()
    assert prepared == []


@pytest.mark.parametrize(
    ("kind", "workers", "address", "reason"),
    [
        ("spark", 2, None, "unknown engine 'spark'"),
        ("local", 0, None, "at least 1"),
        ("local", 2, "10.0.0.1:6379", "--address is for --engine ray"),
    ],
)
def test_bad_options_are_refused_with_the_reason(
    kind: str, workers: int, address: str | None, reason: str
) -> None:
    with pytest.raises(EngineError, match=reason):
        check_options(kind, workers, address)
    with pytest.raises(EngineError, match=reason):
        open_engine(kind, workers, address)


def test_one_worker_is_inline_and_more_a_pool() -> None:
    assert isinstance(open_engine("local", 1), InlineEngine)
    pool = open_engine("local", 3)
    assert isinstance(pool, ProcessEngine) and pool.workers == 3
    pool.close()


def test_the_ray_engine_without_ray_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "ray" else real(name, *a)
    )
    with pytest.raises(EngineError, match=re.escape("pip install 'tracewire[ray]'")):
        check_options("ray", 2)
    check_options("local", 2)  # the local engines need nothing more


PARENT = """
import time
from tracewire.engine import ProcessEngine
from tests.engine.test_local import _slow_pid
engine = ProcessEngine(2)
tasks = [engine.submit(_slow_pid, n) for n in range(2)]
print(" ".join(str(t.result()) for t in tasks), flush=True)
time.sleep(600)  # killed long before
"""


def _slow_pid(_n: int) -> int:
    time.sleep(0.5)  # so that each worker takes one
    return os.getpid()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except FileNotFoundError:
        return False
    return state != "Z"  # a zombie has exited


def test_workers_leave_when_the_build_is_killed() -> None:
    """kill -9 of a build cannot stop its pool: the workers notice and exit, instead of
    waiting for work for ever with the build's output pipe open."""
    root = Path(__file__).resolve().parents[2]
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT], cwd=root, stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    workers = [int(p) for p in parent.stdout.readline().split()]
    assert workers and parent.pid not in workers and all(_alive(p) for p in workers)
    parent.send_signal(signal.SIGKILL)
    parent.communicate(timeout=30)  # returns: no worker holds the pipe open
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers)
