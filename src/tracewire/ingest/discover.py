"""Finding the report files to ingest among the paths a user names."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from tracewire.ingest.readers import SUPPORTED_SUFFIXES, unsupported_reason
from tracewire.records import Skip


def discover(paths: Iterable[Path]) -> Iterator[Path | Skip]:
    """The report files under `paths`, and a `Skip` for each input that cannot be one.

    A file named directly is yielded as it is, whatever its type (`read_file` gives the
    reason if it cannot read it). A directory is walked recursively in name order:
    hidden entries and files without an extension are passed over silently, files of
    an unsupported type yield a `Skip`. A path that does not exist yields a `Skip`.
    Each file is yielded once, even when named twice or reached through a symlink.
    """
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            yield from _walk(path, seen)
        elif path.exists():
            if _first_visit(path, seen):
                yield path
        else:
            yield Skip(str(path), "no such file or directory")


def _walk(directory: Path, seen: set[Path]) -> Iterator[Path | Skip]:
    """Depth-first, name-ordered walk that visits each real directory once."""
    if not _first_visit(directory, seen):
        return
    try:
        entries = sorted(directory.iterdir(), key=lambda entry: entry.name)
    except OSError as error:
        yield Skip(str(directory), f"cannot list directory ({error.strerror or error})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, seen)
        elif not entry.is_file() or not entry.suffix:
            continue
        elif entry.suffix.lower() not in SUPPORTED_SUFFIXES:
            yield Skip(str(entry), unsupported_reason(entry))
        elif _first_visit(entry, seen):
            yield entry


def _first_visit(path: Path, seen: set[Path]) -> bool:
    """Record `path` by its real location; False if it was recorded before."""
    real = path.resolve()
    if real in seen:
        return False
    seen.add(real)
    return True
