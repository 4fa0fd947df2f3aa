"""Reading the main text and metadata of a saved web page with trafilatura."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import trafilatura
from trafilatura.settings import set_date_params

from tracewire.ingest.errors import IngestError
from tracewire.ingest.publisher import html_publisher


@dataclass(frozen=True, slots=True)
class WebPage:
    """What trafilatura found in a page: main text (one line per element) and metadata."""

    text: str
    title: str | None
    published: date | None
    url: str | None
    publisher: str | None = None  # as the page's markup names it (ingest/publisher.py)


def extract_page(html: str, source: str) -> WebPage:
    """The main text, title, publication date, canonical URL and publisher of a page.

    Navigation, footers, scripts and comments are left out. The date comes from the
    page's markup (meta tags, structured data, `<time>`), not from a guess over the
    body text; a page truncated part-way yields the text it still holds.
    """
    # Returns None (and logs why) when the page cannot be parsed or holds no main text.
    page = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=set_date_params(extensive=False),
    )
    text = getattr(page, "text", None)
    if not isinstance(text, str) or not text.strip():
        raise IngestError(source, "no readable text in HTML")
    # trafilatura puts one element per line; a blank line between them keeps each
    # element its own block instead of letting the soft-wrap rule join them.
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    return WebPage(
        text="\n\n".join(paragraphs),
        title=_optional(getattr(page, "title", None)),
        published=_iso_date(getattr(page, "date", None)),
        url=_optional(getattr(page, "url", None)),
        publisher=html_publisher(html),
    )


def _optional(value: object) -> str | None:
    """A non-empty stripped string, or None."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _iso_date(value: object) -> date | None:
    """trafilatura's `YYYY-MM-DD` date string as a `date`."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
