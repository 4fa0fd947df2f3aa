"""Turning a text file's bytes into a string, strictly.

Reports are quoted as evidence, so a wrong guess at an encoding would put wrong
characters into quotations. The policy is therefore strict: UTF-8 (a BOM is dropped),
or UTF-16 with a BOM; an HTML page may also name its charset in a `<meta>` tag.
Anything else is refused with the first offending byte. A declared charset that is not a
character set (`hex`, `base64`, `rot13`, `zlib`: Python codecs of another kind) or that
Python does not know counts as no declaration at all.
"""

from __future__ import annotations

import codecs
import re

from tracewire.ingest.errors import IngestError

_SNIFF = 8192
# More than this share of control characters (other than whitespace) is not prose.
_MAX_CONTROL_RATIO = 0.05
_CONTROL = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r\f") | {"\x7f"}
# Within one <meta ...> tag (cut out without a regex, so the search stays linear).
_CHARSET_ATTRIBUTE = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
# Codecs Python can look up that are not character sets of documents: they transform
# text (escapes, host names) or refuse everything.
_NOT_CHARSETS = frozenset(
    {"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape", "charmap", "utf-7"}
)


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


def text_codec(name: str) -> str | None:
    """Python's name for the character set `name`, or None when it is unknown or is a
    codec of another kind (`hex`, `base64`, `rot13`, `zlib`, `idna`...)."""
    try:
        codec = codecs.lookup(name.strip()).name
        b"a".decode(codec)  # LookupError for bytes-to-bytes and text-to-text codecs
    except (LookupError, UnicodeError, ValueError):
        return None
    return None if codec in _NOT_CHARSETS else codec


def _decode(data: bytes, codec: str, source: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise IngestError(
            source,
            f"not valid {codec} text (byte 0x{data[error.start]:02x} at offset {error.start})",
        ) from None
    except UnicodeError as error:  # a codec's own complaint, not about one byte
        raise IngestError(source, f"not valid {codec} text ({error})") from None


def _declared_charset(data: bytes) -> str | None:
    """The character set an HTML page declares in a `<meta>` tag near its top, if it is one
    Python knows and not UTF-8 (already tried)."""
    for piece in data[:_SNIFF].split(b"<")[1:]:
        if piece[:4].lower() != b"meta":
            continue
        match = _CHARSET_ATTRIBUTE.search(piece.split(b">", 1)[0])
        if match is not None:
            codec = text_codec(match.group(1).decode("ascii"))
            return None if codec in (None, "utf-8") else codec
    return None


def _checked(text: str, source: str) -> str:
    """Refuse decoded text that is mostly control characters (a binary file that decoded)."""
    sample = text[:_SNIFF]
    if sample and sum(char in _CONTROL for char in sample) / len(sample) > _MAX_CONTROL_RATIO:
        raise IngestError(source, "binary file (not text)")
    return text
