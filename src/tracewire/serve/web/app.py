"""The web application: `create_app()` with one router per resource, read-only."""

from __future__ import annotations

import gc
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exception_handlers import http_exception_handler
from fastapi.staticfiles import StaticFiles
from sqlalchemy import event
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tracewire.serve.web import vendor
from tracewire.serve.web.cache import ResponseCache, compute_limiter
from tracewire.serve.web.pages import documents as document_pages
from tracewire.serve.web.pages import entities as entity_pages
from tracewire.serve.web.pages import reviews as review_pages
from tracewire.serve.web.pages import templates
from tracewire.serve.web.pages import workspace as workspace_pages
from tracewire.serve.web.review import REVIEW_VAR, review_token
from tracewire.serve.web.routers import (
    claim_exports,
    claims,
    documents,
    entities,
    exports,
    graph,
    reviews,
    search,
    technologies,
)
from tracewire.serve.web.routers import review as review_router
from tracewire.serve.web.shedding import Limits, LoadShedder
from tracewire.store import Store, open_store

STATIC = Path(__file__).resolve().parent / "static"
# Scripts only from this server (no inline script, no CDN); the graph library sets inline
# styles on its container, so styles may be inline.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
DESCRIPTION = (
    "Read-only access to a tracewire evidence graph: entities (resolved clusters), claims "
    "with hedging and evidence, documents with evidence spans, neighbourhood graphs and "
    "exports. Hedging strength: asserted > reported > planned > alleged > speculative > "
    "rumoured > denied."
)
CACHE_VAR = "TRACEWIRE_WEB_CACHE"  # responses kept per worker process; 0 turns caching off
CACHE_SIZE = 256


def create_app(
    db: str | None = None, limits: Limits | None = None, *, review: bool | None = None
) -> FastAPI:
    """The app over an existing store (`db`: SQLite path or SQLAlchemy URL; default
    $TRACEWIRE_DB, then tracewire.db), serving at most `limits.concurrency` requests at
    once with a database connection each, and shedding what it cannot serve
    (`shedding.Limits`, from the environment by default). `review` (default:
    $TRACEWIRE_REVIEW is "1") takes merges, splits, claim rejections and match verdicts,
    each with the token $TRACEWIRE_TOKEN; otherwise the app only reads."""
    token = review_token(os.environ.get(REVIEW_VAR) == "1" if review is None else review)
    limits = limits or Limits.from_environment()
    store = open_store(db, create=False, pool_size=limits.concurrency)
    store.migrate()  # a store built by an older release gains the tables pages read
    cache = _read_tuning(store)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        _settle_heap()
        app.state.compute = compute_limiter()  # one per event loop: made inside it
        yield
        if cache is not None:
            cache.close()
        store.close()

    # Swagger UI and ReDoc load their scripts from a CDN; the schema is at /openapi.json.
    app = FastAPI(
        title="tracewire",
        description=DESCRIPTION,
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.review_token = token
    if token is not None:
        app.include_router(review_router.router)
    app.state.cache = cache
    app.state.vendor = vendor.package_dirs(vendor.node_modules())
    for name, path in app.state.vendor.items():
        app.mount(f"/vendor/{name}", StaticFiles(directory=path), name=f"vendor-{name}")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (entities, claim_exports, claims, documents, graph, exports, technologies,
                   search, reviews, workspace_pages, entity_pages, document_pages,
                   review_pages):  # fmt: skip
        app.include_router(module.router)
    app.add_exception_handler(HTTPException, _error)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(LoadShedder, limits=limits)  # outermost: refuses before any work
    return app


GC_THRESHOLD = 10_000  # container allocations between young collections (Python: 700)


def _settle_heap() -> None:
    """Keep what startup built (modules, routes, models: ~10^5 objects) out of the cyclic
    garbage collector's full passes, which otherwise walk all of it: a pause of ~50 ms in
    whichever request happens to trigger one (gc.freeze, after collecting startup's own
    garbage). A hub's page allocates tens of thousands of short-lived rows and views, freed
    by reference counting: collecting the young generation every 700 of them is ~5% of the
    request for nothing found."""
    gc.collect()
    gc.freeze()
    _first, *older = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, *older)


def _read_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Reads map the file instead of copying pages through a small per-connection cache.
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.execute("PRAGMA cache_size=-16384")
    cursor.close()


def _read_tuning(store: Store) -> ResponseCache | None:
    """SQLite only: pragmas for reading, and the response cache ($TRACEWIRE_WEB_CACHE
    responses, default CACHE_SIZE; 0 for none)."""
    path = store.engine.url.database
    if store.engine.dialect.name != "sqlite" or not path or path == ":memory:":
        return None
    event.listen(store.engine, "connect", _read_pragmas)
    store.engine.dispose()  # the connection opened to check the schema predates the pragmas
    size = int(os.environ.get(CACHE_VAR) or CACHE_SIZE)
    return ResponseCache(path, size) if size > 0 else None


async def _error(request: Request, exc: Exception) -> Response:
    """JSON errors for the API, an HTML page for everything else."""
    if not isinstance(exc, HTTPException):
        raise exc
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return await http_exception_handler(request, exc)
    return templates.TemplateResponse(
        request, "error.html", {"status": exc.status_code, "detail": exc.detail},
        status_code=exc.status_code,
    )  # fmt: skip


class SecurityHeaders:
    """ASGI middleware: nosniff everywhere, the content security policy on HTML pages."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                if headers.get("content-type", "").startswith("text/html"):
                    headers["Content-Security-Policy"] = CSP
            await send(message)

        await self.app(scope, receive, send_with_headers)
