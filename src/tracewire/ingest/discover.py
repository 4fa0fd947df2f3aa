"""Finding the report files to ingest among the paths a user names."""

from __future__ import annotations

import errno
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from tracewire.ingest.paths import shown
from tracewire.ingest.readers import SUPPORTED_SUFFIXES, file_kind, unsupported_reason
from tracewire.records import Skip


def discover(paths: Iterable[Path]) -> Iterator[Path | Skip]:
    """The report files under `paths`, and a `Skip` for each input that cannot be one.

    A regular file named directly is yielded as it is, whatever its suffix (`read_file`
    gives the reason if it cannot read it). A directory is walked recursively in name order:
    hidden entries and regular files without an extension are passed over silently,
    files of an unsupported type yield a `Skip`, and so do named pipes, sockets, devices,
    dangling symbolic links and symbolic link loops, wherever they are. A path that does
    not exist yields a `Skip`. Each file is yielded once, even when named twice or reached
    through a symlink. Names are shown with U+FFFD for bytes that are not UTF-8.
    """
    seen: set[Path] = set()
    for path in paths:
        mode, problem = _inspect(path)
        if problem is not None:
            yield Skip(shown(path), problem)
        elif stat.S_ISDIR(mode):
            yield from _walk(path, seen)
        elif _first_visit(path, seen):
            yield path


def _inspect(path: Path) -> tuple[int, str | None]:
    """The mode of what `path` leads to (following links), and why it is no report file."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return 0, "dangling symbolic link" if path.is_symlink() else "no such file or directory"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return 0, "symbolic link loop"
        return 0, f"cannot read file information ({error.strerror or error})"
    kind = file_kind(mode)
    return mode, None if kind is None else f"not a regular file ({kind})"


def _walk(directory: Path, seen: set[Path]) -> Iterator[Path | Skip]:
    """Depth-first, name-ordered walk that visits each real directory once."""
    if not _first_visit(directory, seen):
        return
    try:
        entries = sorted(directory.iterdir(), key=lambda entry: entry.name)
    except OSError as error:
        yield Skip(shown(directory), f"cannot list directory ({error.strerror or error})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        mode, problem = _inspect(entry)
        if problem is not None:
            yield Skip(shown(entry), problem)
        elif stat.S_ISDIR(mode):
            yield from _walk(entry, seen)
        elif not entry.suffix:
            continue
        elif entry.suffix.lower() not in SUPPORTED_SUFFIXES:
            yield Skip(shown(entry), unsupported_reason(entry))
        elif _first_visit(entry, seen):
            yield entry


def _first_visit(path: Path, seen: set[Path]) -> bool:
    """Record `path` by its real location; False if it was recorded before."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a loop further up: the name itself is the key
        real = path.absolute()
    if real in seen:
        return False
    seen.add(real)
    return True
