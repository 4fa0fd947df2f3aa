"""Input and output files of the commands, `-` meaning standard input or output."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TextIO

import typer
from rich.console import Console

STDIO = "-"
# One line per message whatever the terminal's width: scripts read errors line by line.
err = Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print `error: message` on one line of standard error; the `Exit` to raise."""
    err.print(f"error: {message}", markup=False, highlight=False)
    return typer.Exit(code)


@contextmanager
def exit_if_missing() -> Iterator[None]:
    """A decision or record the store cannot find (LookupError) as `error: ...` on standard
    error and exit code 1."""
    try:
        yield
    except LookupError as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(1) from exc


def is_stdio(path: Path | None) -> bool:
    """Whether a file option names a standard stream (absent or `-`)."""
    return path is None or str(path) == STDIO


@contextmanager
def open_output(path: Path | None) -> Iterator[TextIO]:
    """Standard output for None or `-`, else `path` opened for writing (UTF-8)."""
    if is_stdio(path):
        yield sys.stdout
        sys.stdout.flush()
        return
    assert path is not None
    try:
        handle = path.open("w", encoding="utf-8")
    except OSError as exc:
        raise fail(f"cannot write {path}: {exc.strerror or exc}") from None
    with handle:
        yield handle


@contextmanager
def open_input(path: Path | None) -> Iterator[tuple[IO[str], str]]:
    """(stream, name) for standard input (None or `-`) or for the file `path`; a missing
    or unreadable file is a one-line error (exit 2)."""
    if is_stdio(path):
        yield sys.stdin, "standard input"
        return
    assert path is not None
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise fail(f"cannot read {path}: {exc.strerror or exc}") from None
    with handle:
        yield handle, str(path)
