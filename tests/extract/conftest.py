"""Helpers for the mention tests: read a one-off document, look its mentions up.

Sentences in these tests are written for them (never taken from a corpus): other
countries, vendors and bodies, gazetteer names and invented ones.
"""

from __future__ import annotations

from tracewire.extract import Extraction, Extractor
from tracewire.ingest import document_id, split_blocks
from tracewire.records import Document, Mention


def document(text: str) -> Document:
    """A one-off plain-text document."""
    return Document(
        id=document_id(text),
        text=text,
        source="t.txt",
        media_type="text/plain",
        blocks=split_blocks(text),
    )


def mentions_of(extractor: Extractor, text: str) -> list[Mention]:
    """Every mention the extractor finds in a plain-text document, in text order."""
    return extractor.mentions(document(text))


def extract_of(extractor: Extractor, text: str) -> Extraction:
    """Mentions and claims of a plain-text document."""
    return extractor.extract(document(text))


def by_text(mentions: list[Mention]) -> dict[str, Mention]:
    """Mentions by the words used (the last one wins where words repeat)."""
    return {m.text: m for m in mentions}


def summary(mention: Mention) -> tuple[str, str, str, str | None]:
    """(type, canonical, form, part_of) of a mention, for compact assertions."""
    return mention.type.value, mention.canonical, mention.form, mention.part_of
