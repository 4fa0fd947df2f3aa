"""Rendered responses of the heavy read endpoints, kept until the store changes.

The app never writes, so a dossier, an entity's details or a graph stays right until some
other process commits to the store (a build, a judgement, a screening). SQLite tells: its
`PRAGMA data_version`, read on one connection of our own, changes whenever another
connection has committed. Each change starts a new generation and empties the cache; a
response is kept only under the generation that was current when it began, so one read
from a snapshot older than a change is never served after it. Other databases give no such
signal, and their responses are not cached.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import anyio
import anyio.to_thread
from fastapi import Request, Response

MAX_BODY = 2_000_000  # bytes; larger responses are rebuilt each time
COMPUTING = 1  # heavy responses built at once per process (see `cached`)
CACHE_HEADER = "X-Cache"  # "hit" or "miss" on cacheable responses, so timings can tell


@dataclass(frozen=True, slots=True)
class Cached:
    """A response as it was sent."""

    body: bytes
    status: int
    media_type: str | None


class ResponseCache:
    """At most `size` responses by URL, for the current generation of one SQLite file."""

    def __init__(self, path: str, size: int) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, Cached] = OrderedDict()
        self._watch = sqlite3.connect(path, check_same_thread=False)
        self._version: int | None = None
        self.generation = 0

    def current(self) -> int:
        """The store's generation now (a new one after any commit by another connection)."""
        with self._lock:
            (version,) = self._watch.execute("PRAGMA data_version").fetchone()
            if version != self._version:
                self._version = version
                self.generation += 1
                self._entries.clear()
            return self.generation

    def get(self, key: str) -> tuple[int, Response | None]:
        """The current generation, and the response kept for `key` if there is one."""
        generation = self.current()
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return generation, None
            self._entries.move_to_end(key)
        return generation, Response(found.body, found.status, media_type=found.media_type)

    def put(self, key: str, generation: int, response: Response) -> None:
        """Keep a successful response built during `generation`, if that is still current."""
        body = bytes(response.body)
        if response.status_code != 200 or len(body) > MAX_BODY:
            return
        with self._lock:
            if generation != self.generation:
                return
            self._entries[key] = Cached(body, response.status_code, response.media_type)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def close(self) -> None:
        """Release the watching connection."""
        self._watch.close()


async def cached(request: Request, build: Callable[[], Response]) -> Response:
    """The response kept for this URL in the current generation, else `build()`'s (kept).

    `build` runs in a worker thread, one at a time per process: it is CPU-bound Python, so
    two of them in one process only take turns on the GIL (each finishing as late as the
    slowest) and pay for the switching; in line, each is done in its own time.
    """
    cache: ResponseCache | None = getattr(request.app.state, "cache", None)
    if cache is None:
        return await _compute(request, build)
    key = f"{request.url.path}?{request.url.query}"
    generation, hit = cache.get(key)
    if hit is not None:
        hit.headers[CACHE_HEADER] = "hit"
        return hit
    response = await _compute(request, build)
    cache.put(key, generation, response)
    response.headers[CACHE_HEADER] = "miss"
    return response


def compute_limiter() -> anyio.CapacityLimiter:
    """The limit on heavy responses built at once (to be made in the app's event loop)."""
    return anyio.CapacityLimiter(COMPUTING)


async def _compute(request: Request, build: Callable[[], Response]) -> Response:
    state = request.app.state
    limiter = getattr(state, "compute", None)
    if limiter is None:  # an app used without its lifespan
        limiter = state.compute = compute_limiter()
    return await anyio.to_thread.run_sync(build, limiter=limiter)
