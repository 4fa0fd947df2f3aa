"""Reading the text layer of a PDF report with pypdf."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import PdfReadWarning, PyPdfError

from tracewire.ingest.errors import IngestError


@dataclass(frozen=True, slots=True)
class PdfText:
    """The text of every page (pages separated by a blank line) and the metadata title."""

    text: str
    title: str | None


def extract_pdf(data: bytes, source: str) -> PdfText:
    """The text of all pages of a PDF, keeping its line breaks.

    Hard-wrapped lines are left as they are: `split_blocks` rejoins them. A truncated,
    corrupt or password-protected file raises `IngestError("unreadable PDF (...)")`.
    """
    try:
        with warnings.catch_warnings():
            # pypdf warns about every recoverable defect; the text is what matters here.
            warnings.simplefilter("ignore", PdfReadWarning)
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise IngestError(source, "unreadable PDF (encrypted)")
            pages = [page.extract_text() or "" for page in reader.pages]
            title = _title(reader)
    except IngestError:
        raise
    except PyPdfError as error:
        raise IngestError(source, f"unreadable PDF ({_short(error)})") from None
    # A damaged file can break pypdf's parser part-way with any kind of error (KeyError,
    # struct.error, zlib.error, RecursionError...); none of them should stop a build.
    except Exception as error:
        raise IngestError(
            source, f"unreadable PDF ({type(error).__name__}: {_short(error)})"
        ) from None
    return PdfText(text="\n\n".join(page.strip("\n") for page in pages), title=title)


def _title(reader: PdfReader) -> str | None:
    """The document-information title, when the producer set a real one."""
    metadata = reader.metadata
    title = metadata.title if metadata is not None else None
    if isinstance(title, str) and title.strip() and title.strip().lower() != "untitled":
        return title.strip()
    return None


def _short(error: Exception) -> str:
    """The first line of an error message, or its type when it has none."""
    message = str(error).strip().splitlines()
    return message[0][:120] if message else type(error).__name__
