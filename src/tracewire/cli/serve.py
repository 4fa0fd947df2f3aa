"""`tracewire serve`: the web pages and REST API over a store."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from tracewire.cli.options import DbOption


def serve(  # noqa: PLR0917 - a Typer command: its options are its parameters
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    db: DbOption = None,
    reload: Annotated[
        bool, typer.Option("--reload", help="Restart when the code changes (development).")
    ] = False,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Server processes (one per CPU core).")
    ] = 1,
    review: Annotated[
        bool,
        typer.Option(
            "--review",
            help="Take merges, splits, claim rejections and match verdicts from the browser; "
            "every write needs $TRACEWIRE_TOKEN.",
        ),
    ] = False,
) -> None:
    """Serve the web pages and the REST API (schema at /openapi.json), read-only unless
    --review."""
    import uvicorn  # noqa: PLC0415 - the server is only needed by this command

    from tracewire.serve.web import create_app  # noqa: PLC0415
    from tracewire.serve.web.review import REVIEW_VAR, ReviewConfigError  # noqa: PLC0415
    from tracewire.store.db import ENV_VAR, resolve_url  # noqa: PLC0415

    try:
        app = create_app(db, review=review)  # fails early, with the reason
    except (FileNotFoundError, ReviewConfigError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"tracewire on http://{host}:{port}/  (store: {app.state.store.location})")
    if reload or workers > 1:
        # The reloader and the workers import the app by name in fresh processes, which
        # read the store location from the environment.
        app.state.store.close()
        os.environ[ENV_VAR] = resolve_url(db)
        os.environ[REVIEW_VAR] = "1" if review else "0"
        uvicorn.run(
            "tracewire.serve.web:create_app",
            factory=True,
            host=host,
            port=port,
            reload=reload,
            workers=None if reload else workers,
        )
        return
    uvicorn.run(app, host=host, port=port)
