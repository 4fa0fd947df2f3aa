"""Turning a text file's bytes into a string, strictly.

Reports are quoted as evidence, so a wrong guess at an encoding would put wrong
characters into quotations. The policy is therefore strict: UTF-8 (a BOM is dropped),
or UTF-16 with a BOM; an HTML page may also name its charset in a `<meta>` tag.
Anything else is refused with the first offending byte.
"""

from __future__ import annotations

import codecs
import re

from tracewire.ingest.errors import IngestError

_SNIFF = 8192
# More than this share of control characters (other than whitespace) is not prose.
_MAX_CONTROL_RATIO = 0.05
_CONTROL = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r\f") | {"\x7f"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_text(data: bytes, source: str, *, html: bool = False) -> str:
    """Decode a text file's bytes, or raise `IngestError` saying why they are not text."""
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _checked(_decode(data[len(bom) :], codec, source), source)
    if b"\x00" in data[:_SNIFF]:
        raise IngestError(source, "binary file (not text)")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        declared = _declared_charset(data) if html else None
        if declared is None:
            byte = data[error.start]
            raise IngestError(
                source, f"not valid UTF-8 text (byte 0x{byte:02x} at offset {error.start})"
            ) from None
        text = _decode(data, declared, source)
    return _checked(text, source)


def _decode(data: bytes, codec: str, source: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise IngestError(
            source,
            f"not valid {codec} text (byte 0x{data[error.start]:02x} at offset {error.start})",
        ) from None


def _declared_charset(data: bytes) -> str | None:
    """The codec an HTML page declares in a `<meta charset>` near its top, if Python knows it."""
    match = _META_CHARSET.search(data[:_SNIFF])
    if match is None:
        return None
    try:
        codec = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    return None if codec == "utf-8" else codec


def _checked(text: str, source: str) -> str:
    """Refuse decoded text that is mostly control characters (a binary file that decoded)."""
    sample = text[:_SNIFF]
    if sample and sum(char in _CONTROL for char in sample) / len(sample) > _MAX_CONTROL_RATIO:
        raise IngestError(source, "binary file (not text)")
    return text
