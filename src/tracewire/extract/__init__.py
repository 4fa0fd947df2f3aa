"""Extract stage: a Document in, typed mentions and claims out.

The NLP stage (`Extractor.parse`) finds the mentions of every block; a claim extractor,
looked up by name in `tracewire.extract.registry`, reads the claims off the parse.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language

from tracewire.extract.context import DocumentContext
from tracewire.extract.mentions import find_candidates, is_subject, repeated_sentences, to_mention
from tracewire.extract.nlp import load_pipeline
from tracewire.extract.parsed import ParsedBlock, ParsedDocument
from tracewire.extract.registry import (
    DEFAULT_EXTRACTOR,
    ClaimExtractor,
    UnknownExtractorError,
    extractor_names,
    get_extractor,
)
from tracewire.ontology import Gazetteer, TypeRules, load_gazetteer, load_type_rules
from tracewire.records import Claim, Document, Mention


@dataclass(slots=True)
class Extraction:
    """What the extract stage found in one document."""

    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


@dataclass(slots=True)
class Extractor:
    """The NLP pipeline, the ontology and one claim extractor, loaded once for many
    documents."""

    nlp: Language
    gazetteer: Gazetteer
    rules: TypeRules
    claims: ClaimExtractor

    @classmethod
    def load(cls, name: str = DEFAULT_EXTRACTOR) -> Extractor:
        """The shipped model and ontology with the claim extractor registered as `name`."""
        gazetteer = load_gazetteer()
        return cls(load_pipeline(), gazetteer, load_type_rules(), get_extractor(name))

    @property
    def name(self) -> str:
        """The claim extractor's registered name."""
        return self.claims.name

    @property
    def version(self) -> str:
        """The claim extractor's version (changes with its code, data or model file)."""
        return self.claims.version

    def parse(self, document: Document) -> ParsedDocument:
        """Every block parsed, with its mentions, in text order."""
        context = DocumentContext(document.id, document.published)
        parsed = ParsedDocument(document, context)
        texts = [document.text[block.start : block.end] for block in document.blocks]
        for block, doc in zip(document.blocks, self.nlp.pipe(texts), strict=True):
            repeated = repeated_sentences(doc, context)
            candidates = find_candidates(doc, self.gazetteer, self.rules, context)
            parsed.blocks.append(
                ParsedBlock(
                    block.start,
                    doc,
                    candidates,
                    repeated,
                    len(context.recent),
                    len(context.salient),
                )
            )
            for cand in candidates:
                if cand.span.sent.start in repeated:
                    continue
                mention = to_mention(cand, block.start, context)
                context.recent.append(mention)
                if is_subject(cand):
                    context.salient.append(mention)
                parsed.mentions.append(mention)
        return parsed

    def extract(self, document: Document) -> Extraction:
        """Mentions and claims of every block of a document, in text order."""
        parsed = self.parse(document)
        return Extraction(parsed.mentions, self.claims.extract(parsed, parsed.mentions))

    def mentions(self, document: Document) -> list[Mention]:
        """Every typed mention in the document's blocks, in text order."""
        return self.parse(document).mentions


__all__ = [
    "DEFAULT_EXTRACTOR",
    "ClaimExtractor",
    "Extraction",
    "Extractor",
    "ParsedDocument",
    "UnknownExtractorError",
    "extractor_names",
    "get_extractor",
]
