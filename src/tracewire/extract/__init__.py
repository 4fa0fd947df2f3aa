"""Extract stage: a Document in, typed mentions out."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language

from tracewire.extract.mentions import DocumentContext, extract_mentions
from tracewire.extract.nlp import load_pipeline
from tracewire.ontology import Gazetteer, TypeRules, load_gazetteer, load_type_rules
from tracewire.records import Document, Mention

EXTRACTOR_NAME = "tracewire.rules"
EXTRACTOR_VERSION = "1"


@dataclass(slots=True)
class Extractor:
    """The NLP pipeline and the ontology, loaded once and applied to many documents."""

    nlp: Language
    gazetteer: Gazetteer
    rules: TypeRules

    @classmethod
    def load(cls) -> Extractor:
        """The shipped model, gazetteer and type rules."""
        return cls(load_pipeline(), load_gazetteer(), load_type_rules())

    def mentions(self, document: Document) -> list[Mention]:
        """Every typed mention in the document's blocks, in text order."""
        context = DocumentContext(document.id)
        texts = [document.text[block.start : block.end] for block in document.blocks]
        found: list[Mention] = []
        for block, doc in zip(document.blocks, self.nlp.pipe(texts), strict=True):
            found.extend(extract_mentions(doc, block.start, self.gazetteer, self.rules, context))
        return found


__all__ = ["EXTRACTOR_NAME", "EXTRACTOR_VERSION", "Extractor"]
