"""File names as they can be printed and stored, whatever bytes the file system holds.

POSIX file names are bytes; Python hands the ones that are not UTF-8 over as strings with
lone surrogates, which no terminal, database or JSON encoder accepts. `shown` is the name
for people (undecodable bytes as U+FFFD), `location` the key a build remembers a file by
(undecodable bytes as `\\xff`, so two such names stay two keys).
"""

from __future__ import annotations

import os
from pathlib import Path


def shown(path: Path | str) -> str:
    """`path` as text that can be printed: bytes that are not UTF-8 become U+FFFD."""
    return os.fsencode(path).decode("utf-8", "replace")


def location(path: Path) -> str:
    """The absolute, resolved `path` as a storable key (undecodable bytes as `\\xNN`)."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: the name as given is the key
        real = path.absolute()
    return os.fsencode(real).decode("utf-8", "backslashreplace")
