"""A document after the NLP stage: its parsed blocks, their mentions and what the document
taught along the way. Every claim extractor reads this one object."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from tracewire.extract.context import Candidate, DocumentContext
from tracewire.records import Document, Mention


@dataclass(slots=True)
class ParsedBlock:
    """One parsed block: its offset in the document text, the spaCy doc, its settled
    entity spans and the sentences read earlier in the document (start tokens)."""

    offset: int
    doc: Doc
    candidates: list[Candidate]
    repeated: set[int]
    recent: int  # mentions of earlier blocks: context.recent[:recent]
    salient: int  # subjects among them: context.salient[:salient]


@dataclass(slots=True)
class ParsedDocument:
    """A document with every block parsed and its mentions found, in text order."""

    document: Document
    context: DocumentContext
    blocks: list[ParsedBlock] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def context_at(self, block: ParsedBlock) -> DocumentContext:
        """What the document had taught before `block` (names for looking back)."""
        return replace(
            self.context,
            recent=self.context.recent[: block.recent],
            salient=self.context.salient[: block.salient],
        )
