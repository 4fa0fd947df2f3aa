"""Reading one report file (plain text, markdown, HTML or PDF) into a `Document`."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

from tracewire.ingest.dates import find_publication_date
from tracewire.ingest.decode import decode_text
from tracewire.ingest.errors import IngestError
from tracewire.ingest.paths import shown
from tracewire.ingest.pdf import extract_pdf
from tracewire.ingest.text import clean_text, document_id, split_blocks
from tracewire.ingest.web import extract_page
from tracewire.records import Document

MEDIA_TYPES: dict[str, str] = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(MEDIA_TYPES)
MAX_BYTES = 20_000_000
# Shorter than this after cleaning, a file holds no report (a stub, a redirect page).
MIN_TEXT_CHARS = 20
MAX_TITLE_CHARS = 150
# A title longer than this (a whole paragraph marked as a heading) is cut at a word.
MAX_STORED_TITLE = 300
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_FILE_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def read_file(path: Path, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read a report file into a `Document`, or raise `IngestError` with a one-line reason."""
    source = shown(path)
    media_type = MEDIA_TYPES.get(path.suffix.lower())
    if media_type is None:
        raise IngestError(source, unsupported_reason(path))
    return document_from_bytes(_read_bytes(path, source, max_bytes), source, media_type)


def document_from_bytes(data: bytes, source: str, media_type: str) -> Document:
    """A `Document` from a report's bytes and media type (one of `MEDIA_TYPES`' values).

    `source` names the report in the record and in `IngestError`s (a path or a URL).
    """
    title: str | None
    published: date | None = None
    url: str | None = None
    publisher: str | None = None  # only where the input names it
    if media_type == "application/pdf":
        if b"%PDF-" not in data[:1024]:
            raise IngestError(source, "unreadable PDF (no %PDF header)")
        pdf = extract_pdf(data, source)
        text = clean_text(pdf.text)
        title = pdf.title or plain_title(text)
    elif media_type == "text/html":
        page = extract_page(decode_text(data, source, html=True), source)
        text = clean_text(page.text)
        title, published, url, publisher = page.title, page.published, page.url, page.publisher
    elif media_type in ("text/plain", "text/markdown"):
        text = clean_text(decode_text(data, source))
        title = markdown_title(text) if media_type == "text/markdown" else plain_title(text)
    else:
        raise IngestError(source, f"unsupported media type '{media_type}'")
    if len(text) < MIN_TEXT_CHARS:
        raise IngestError(source, "no text content")
    return Document(
        id=document_id(text),
        text=text,
        source=source,
        media_type=media_type,
        title=short_title(title),
        published=published or find_publication_date(text),
        url=url,
        blocks=split_blocks(text),
        publisher=publisher,
    )


def unsupported_reason(path: Path) -> str:
    """The skip reason for a file whose type is not read."""
    suffix = path.suffix.lower()
    return f"unsupported file type '{suffix}'" if suffix else "unsupported file type (no extension)"


def plain_title(text: str) -> str | None:
    """The first non-empty line, when it is short and does not end like a sentence."""
    for line in text.split("\n"):
        candidate = line.strip().lstrip("#").strip()
        if candidate:
            if len(candidate) < MAX_TITLE_CHARS and not candidate.endswith("."):
                return candidate
            return None
    return None


def markdown_title(text: str) -> str | None:
    """The first level-one `# ` heading, else the plain-text title.

    Read line by line with string methods: a regex with a lazy group before optional
    trailing characters is quadratic on a long heading line.
    """
    for line in text.split("\n"):
        if line[:1] == "#" and line[1:2] in (" ", "\t"):
            title = line[2:].strip().rstrip(" \t#").strip()
            if title:
                return title
    return plain_title(text)


def short_title(title: str | None) -> str | None:
    """A title of at most `MAX_STORED_TITLE` characters, cut at a word with an ellipsis."""
    if title is None or len(title) <= MAX_STORED_TITLE:
        return title
    cut = title[: MAX_STORED_TITLE - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > MAX_STORED_TITLE // 2 else cut).rstrip() + "\u2026"


def file_kind(mode: int) -> str | None:
    """What a file that is neither a regular file nor a directory is ("a socket"...)."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return next((kind for test, kind in _FILE_KINDS if test(mode)), "a special file")


def _read_bytes(path: Path, source: str, max_bytes: int) -> bytes:
    """The file's bytes, after checking that it is a regular, non-empty, small enough file.

    The file is opened without blocking and checked through the open descriptor, so a
    named pipe (or a file swapped for one after a check by name) cannot hold the build.
    """
    try:
        _check_file(path.stat(), source, max_bytes)  # sockets cannot even be opened
        fd = os.open(path, _OPEN_FLAGS)
        try:
            _check_file(os.fstat(fd), source, max_bytes)
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(max_bytes + 1)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise IngestError(source, "no such file or directory") from None
    except OSError as error:
        raise IngestError(source, f"cannot read file ({error.strerror or error})") from None
    if len(data) > max_bytes:  # it grew after stat()
        raise IngestError(source, f"file is larger than {_size(max_bytes)}")
    if not data:
        raise IngestError(source, "empty file")
    return data


def _check_file(info: os.stat_result, source: str, max_bytes: int) -> None:
    """Raise `IngestError` unless `info` is that of a regular file of at most `max_bytes`."""
    if stat.S_ISDIR(info.st_mode):
        raise IngestError(source, "is a directory")
    if (kind := file_kind(info.st_mode)) is not None:
        raise IngestError(source, f"not a regular file ({kind})")
    if info.st_size > max_bytes:
        raise IngestError(source, f"file is larger than {_size(max_bytes)}")


def _size(limit: int) -> str:
    """A byte limit as people write it: `20 MB`, `512 bytes`."""
    if limit >= 1_000_000 and limit % 1_000_000 == 0:
        return f"{limit // 1_000_000} MB"
    return f"{limit:,} bytes"
