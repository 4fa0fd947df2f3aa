"""Options and store opening shared by the command modules."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from tracewire.store import Store, open_store

err = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="TRACEWIRE_DB", help="SQLite file or SQLAlchemy URL."),
]
UserOption = Annotated[
    str | None, typer.Option("--user", envvar="TRACEWIRE_USER", help="Who decides.")
]


def existing_store(db: str | None) -> Store:
    """The store a reading command needs, or a one-line error and exit 1 when missing."""
    try:
        return open_store(db, create=False)
    except FileNotFoundError as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(1) from exc
