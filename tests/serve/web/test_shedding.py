"""Load shedding: a bounded number of requests at work, a bounded queue, a quick 503.

The middleware is driven here with an ASGI app that holds each request until a gate
opens, so that which request works, waits or is refused is decided by the limits alone;
many real clients against a real server are measured by benchmarks/web_load.py --clients.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

import anyio
import httpx
from fastapi.testclient import TestClient
from starlette.types import Receive, Scope, Send

from tracewire.records import BuildReport
from tracewire.serve.web import create_app
from tracewire.serve.web.search import MAX_QUERY_CHARS
from tracewire.serve.web.shedding import Limits, LoadShedder
from tracewire.store import Store


class Gated:
    """An ASGI app that answers 200 once `gate` is set; counts the requests it saw."""

    def __init__(self) -> None:
        self.gate = anyio.Event()
        self.seen = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.seen += 1
        if not scope["path"].startswith("/static/"):
            await self.gate.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"done"})


Step = Callable[[httpx.AsyncClient, Gated, dict[str, httpx.Response]], Awaitable[None]]


def run(limits: Limits, step: Step) -> tuple[Gated, dict[str, httpx.Response]]:
    """Run `step` against a gated app behind the shedder; the app and the responses."""
    app, answers = Gated(), {}

    async def main() -> None:
        transport = httpx.ASGITransport(app=LoadShedder(app, limits))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            await step(client, app, answers)

    anyio.run(main)
    return app, answers


def test_a_full_queue_is_answered_at_once_with_503() -> None:
    async def step(client: httpx.AsyncClient, app: Gated, answers: dict[str, httpx.Response]):
        async def get(name: str) -> None:
            answers[name] = await client.get(f"/{name}")

        async with anyio.create_task_group() as group:
            group.start_soon(get, "working")
            await anyio.sleep(0.05)
            group.start_soon(get, "waiting")
            await anyio.sleep(0.05)
            started = time.monotonic()
            await get("refused")  # while the gate is still shut
            answers["refused-after"] = httpx.Response(200, text=str(time.monotonic() - started))
            app.gate.set()

    app, answers = run(Limits(concurrency=1, queue=1, wait=10.0), step)
    assert (answers["working"].status_code, answers["waiting"].status_code) == (200, 200)
    refused = answers["refused"]
    assert refused.status_code == 503 and refused.headers["retry-after"] == "1"
    assert float(answers["refused-after"].text) < 1.0  # answered without waiting its turn
    assert app.seen == 2  # the refused request never reached the app


def test_a_request_that_waits_too_long_is_refused() -> None:
    async def step(client: httpx.AsyncClient, app: Gated, answers: dict[str, httpx.Response]):
        async def get(name: str) -> None:
            answers[name] = await client.get(f"/{name}")

        async with anyio.create_task_group() as group:
            group.start_soon(get, "working")
            await anyio.sleep(0.05)
            await get("waited")  # gives up after 0.2 s
            app.gate.set()

    app, answers = run(Limits(concurrency=1, queue=5, wait=0.2), step)
    assert answers["working"].status_code == 200
    assert answers["waited"].status_code == 503
    assert app.seen == 1


def test_static_files_are_never_shed() -> None:
    async def step(client: httpx.AsyncClient, app: Gated, answers: dict[str, httpx.Response]):
        async def get(name: str) -> None:
            answers[name] = await client.get(f"/{name}")

        async with anyio.create_task_group() as group:
            group.start_soon(get, "working")
            await anyio.sleep(0.05)
            await get("static/style.css")
            app.gate.set()

    _app, answers = run(Limits(concurrency=1, queue=0, wait=0.0), step)
    assert answers["static/style.css"].status_code == 200


def test_the_pool_follows_the_requests_served_at_once(
    dev_store: tuple[Store, BuildReport],
) -> None:
    store, _report = dev_store
    app = create_app(store.url, Limits(concurrency=3, queue=4, wait=1.0))
    with TestClient(app) as client:
        assert app.state.store.engine.pool.size() == 3
        assert client.get("/api/entities", params={"q": "Tiandy"}).status_code == 200


def test_an_overlong_query_is_refused_with_422(dev_store: tuple[Store, BuildReport]) -> None:
    store, _report = dev_store
    with TestClient(create_app(store.url)) as client:
        for path in ("/api/entities", "/"):
            assert client.get(path, params={"q": "x" * 50_001}).status_code == 422
            assert client.get(path, params={"q": "x" * (MAX_QUERY_CHARS + 1)}).status_code == 422
            assert client.get(path, params={"q": "x" * MAX_QUERY_CHARS}).status_code == 200
