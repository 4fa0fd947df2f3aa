"""Options and store opening shared by the command modules."""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer
from rich.console import Console

from tracewire.store import Store, open_store

err = Console(stderr=True, soft_wrap=True)  # one line per message, for scripts

DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="TRACEWIRE_DB", help="SQLite file or SQLAlchemy URL."),
]
UserOption = Annotated[
    str | None, typer.Option("--user", envvar="TRACEWIRE_USER", help="Who decides.")
]

DebugOption = Annotated[
    bool,
    typer.Option("--debug", envvar="TRACEWIRE_DEBUG", help="Print the traceback of each skip."),
]
TimeLimitOption = Annotated[
    float,
    typer.Option(
        "--time-limit",
        envvar="TRACEWIRE_TIME_LIMIT",
        min=0,
        help="Seconds one document may take (reading, extraction); 0 for no limit.",
    ),
]


DEBUG_HANDLER = "tracewire-debug"


def debug_logging(debug: bool) -> None:
    """With --debug, tracewire's own DEBUG records (a skip's traceback) go to stderr."""
    if not debug:
        return
    logger = logging.getLogger("tracewire")
    for old in [h for h in logger.handlers if h.get_name() == DEBUG_HANDLER]:
        logger.removeHandler(old)  # one handler, on the stderr of now
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(DEBUG_HANDLER)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)


def existing_store(db: str | None) -> Store:
    """The store a reading command needs, or a one-line error and exit 1 when missing."""
    try:
        return open_store(db, create=False)
    except FileNotFoundError as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(1) from exc
