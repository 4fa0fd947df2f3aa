"""Shedding the load a server process cannot serve, instead of stalling under it.

Each worker process serves at most `concurrency` requests at once (the size of its
database pool follows: every request at work has a connection without waiting), keeps
at most `queue` more waiting for `wait` seconds, and answers the rest at once with
503 and `Retry-After`. A slow client is then told to come back, where without a bound
every request would wait its turn in the thread pool and the connection pool until
clients time out and the pool raises "QueuePool limit ... reached".
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass

import anyio
from starlette.types import ASGIApp, Receive, Scope, Send

CONCURRENCY_VAR = "TRACEWIRE_WEB_CONCURRENCY"
QUEUE_VAR = "TRACEWIRE_WEB_QUEUE"
WAIT_VAR = "TRACEWIRE_WEB_WAIT"
# Static files (stylesheet, scripts) are read from disk without the database.
EXEMPT = ("/static/", "/vendor/")


@dataclass(frozen=True, slots=True)
class Limits:
    """Requests at work at once, requests waiting, seconds one may wait, and the
    `Retry-After` seconds a refused client is given."""

    concurrency: int = 8
    queue: int = 64
    wait: float = 5.0
    retry_after: int = 1

    def __post_init__(self) -> None:
        if self.concurrency < 1 or self.queue < 0 or self.wait < 0 or self.retry_after < 0:
            raise ValueError("concurrency must be at least 1; queue, wait, retry_after >= 0")

    @classmethod
    def from_environment(cls) -> Limits:
        """$TRACEWIRE_WEB_CONCURRENCY, $TRACEWIRE_WEB_QUEUE and $TRACEWIRE_WEB_WAIT, each
        where set, else the defaults."""
        default = cls()
        return cls(
            concurrency=int(os.environ.get(CONCURRENCY_VAR) or default.concurrency),
            queue=int(os.environ.get(QUEUE_VAR) or default.queue),
            wait=float(os.environ.get(WAIT_VAR) or default.wait),
        )


class LoadShedder:
    """ASGI middleware: a bounded number of requests at work and a bounded queue; a quick
    503 with `Retry-After` for a request that finds the queue full or waits too long."""

    def __init__(self, app: ASGIApp, limits: Limits) -> None:
        self.app = app
        self.limits = limits
        self.waiting = 0
        self.refused = 0
        self._slots: anyio.Semaphore | None = None  # made in the event loop, on first use
        self._loop: asyncio.AbstractEventLoop | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(EXEMPT):
            await self.app(scope, receive, send)
            return
        slots = self._slots_here()
        if slots.value == 0 and self.waiting >= self.limits.queue:
            await self._refuse(send)
            return
        self.waiting += 1
        try:
            with anyio.move_on_after(self.limits.wait) as waited:
                await slots.acquire()
        finally:
            self.waiting -= 1
        if waited.cancelled_caught:
            await self._refuse(send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            slots.release()

    def _slots_here(self) -> anyio.Semaphore:
        """The semaphore of the running event loop (an app served again, as tests do,
        runs in a new loop: the old one's waiters cannot be woken from it)."""
        loop = asyncio.get_running_loop()
        if self._slots is None or self._loop is not loop:
            self._slots, self._loop, self.waiting = (
                anyio.Semaphore(self.limits.concurrency),
                loop,
                0,
            )
        return self._slots

    async def _refuse(self, send: Send) -> None:
        self.refused += 1
        body = b"the server is busy: retry later\n"
        headers = [
            (b"content-type", b"text/plain; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
            (b"retry-after", str(self.limits.retry_after).encode()),
        ]
        await send({"type": "http.response.start", "status": 503, "headers": headers})
        await send({"type": "http.response.body", "body": body})
