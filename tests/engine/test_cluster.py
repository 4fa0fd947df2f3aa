"""The Ray engine, on a local Ray the tests start (two CPUs) and stop."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracewire.pipeline import build
from tracewire.records import BuildReport
from tracewire.serve.exports import claim_records
from tracewire.store import Store

pytest.importorskip("ray", reason="Ray is not installed: pip install -e '.[ray]'")

from tracewire.engine.cluster import RayEngine


def _square(n: int) -> int:
    return n * n


def _pid(_n: int) -> int:
    return os.getpid()


def _fail(name: str) -> None:
    raise ValueError(f"{name} is unreadable")


@pytest.fixture(scope="module")
def local_ray() -> Iterator[RayEngine]:
    """A local Ray of two CPUs for the module; builds in it join it."""
    engine = RayEngine(2)
    yield engine
    engine.close()


def test_tasks_run_in_ray_workers_in_the_order_asked(local_ray: RayEngine) -> None:
    assert local_ray.workers == 2
    tasks = [local_ray.submit(_square, n) for n in range(10)]
    assert [t.result() for t in tasks] == [n * n for n in range(10)]
    assert os.getpid() not in {local_ray.submit(_pid, n).result() for n in range(4)}
    with pytest.raises(ValueError, match=r"r\.txt is unreadable"):
        local_ray.submit(_fail, "r.txt").result()


def test_a_build_on_ray_stores_what_a_serial_build_stores(
    local_ray: RayEngine,
    dev_corpus: Path,
    dev_store: tuple[Store, BuildReport],
    store: Store,
) -> None:
    serial, serial_report = dev_store
    report = build([dev_corpus], store, engine="ray", workers=2)
    assert len(report.stored) == len(serial_report.stored) == 5
    assert report.claims == serial_report.claims
    with store.session() as ours, serial.session() as theirs:
        assert claim_records(ours) == claim_records(theirs)
    again = build([dev_corpus], store, engine="ray", workers=2)
    assert again.stored == [] and len(again.unchanged) == 5
