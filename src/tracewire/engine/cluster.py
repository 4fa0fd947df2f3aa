"""The Ray engine: reading and extraction as Ray tasks on a cluster (`tracewire[ray]`).

Without an address it starts a local Ray with the given number of CPUs and stops it at
the end; with one it joins that cluster and leaves it running. Every node needs tracewire
installed (the tasks are its functions, imported by name) and the report folders readable
at the same path (files are read where the task runs). Each Ray worker process loads the
extractor on its first document and keeps it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from tracewire.engine.local import EngineError, Task

T = TypeVar("T")
INSTALL_HINT = "the ray engine needs Ray: pip install 'tracewire[ray]'"


def _ray() -> Any:
    try:
        import ray  # noqa: PLC0415 - an optional extra, imported only for this engine
    except ImportError as exc:
        raise EngineError(INSTALL_HINT) from exc
    return ray


class _RayTask(Generic[T]):
    """A Ray object reference, awaited with `ray.get`."""

    def __init__(self, ray: Any, ref: Any) -> None:
        self._ray, self._ref = ray, ref

    def result(self) -> T:
        value: T = self._ray.get(self._ref)
        return value


class RayEngine:
    """Tasks on a Ray cluster: the one at `address`, else a local one with `workers` CPUs."""

    name = "ray"
    remote_reads = True

    def __init__(self, workers: int, address: str | None = None) -> None:
        self._ray = ray = _ray()
        self._started = not ray.is_initialized()
        if self._started:
            options: dict[str, Any] = {
                "include_dashboard": False,
                "logging_level": logging.WARNING,
                "configure_logging": True,
            }
            try:
                if address:
                    ray.init(address=address, **options)
                else:
                    ray.init(num_cpus=workers, **options)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                where = f"the Ray cluster at {address}" if address else "a local Ray"
                raise EngineError(f"cannot start {where}: {exc}") from exc
        self.workers = max(1, int(ray.cluster_resources().get("CPU", workers)))
        self._remote: dict[Callable[..., Any], Any] = {}

    def submit(self, fn: Callable[..., T], /, *args: Any) -> Task[T]:
        """`fn(*args)` as a Ray task of one CPU."""
        remote = self._remote.get(fn)
        if remote is None:
            remote = self._remote[fn] = self._ray.remote(num_cpus=1)(fn)
        return _RayTask(self._ray, remote.remote(*args))

    def close(self) -> None:
        """Stop the local Ray this engine started (a joined cluster keeps running)."""
        if self._started:
            self._ray.shutdown()
            self._started = False
