r"""File names as they can be printed and stored, whatever bytes the file system holds.

POSIX file names are bytes; Python hands the ones that are not UTF-8 over as strings with
lone surrogates, which no terminal, database or JSON encoder accepts. `shown` is the name
for people (undecodable bytes as U+FFFD, control characters as `\x0a`), `path_key` the
key a build remembers a file by (undecodable bytes as `\xff`, so two such names stay two
keys).
"""

from __future__ import annotations

import os
from pathlib import Path

# Control characters (a newline, an escape sequence) would break a one-line message or
# drive the terminal.
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))}


def shown(path: Path | str) -> str:
    r"""`path` as text that prints on one line: bytes that are not UTF-8 as U+FFFD,
    control characters as `\xNN`."""
    return os.fsencode(path).decode("utf-8", "replace").translate(_CONTROLS)


def path_key(path: Path) -> str:
    r"""The absolute, resolved `path` as a storable key (undecodable bytes as `\xNN`)."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: the name as given is the key
        real = path.absolute()
    return os.fsencode(real).decode("utf-8", "backslashreplace")
