"""Extract stage: a Document in, typed mentions and claims out."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language

from tracewire.extract.claims import EXTRACTOR_NAME, EXTRACTOR_VERSION, ClaimExtractor
from tracewire.extract.mentions import (
    DocumentContext,
    find_candidates,
    is_subject,
    repeated_sentences,
    to_mention,
)
from tracewire.extract.nlp import load_pipeline
from tracewire.ontology import Gazetteer, TypeRules, load_gazetteer, load_type_rules
from tracewire.records import Claim, Document, Mention


@dataclass(slots=True)
class Extraction:
    """What the extract stage found in one document."""

    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


@dataclass(slots=True)
class Extractor:
    """The NLP pipeline and the ontology, loaded once and applied to many documents."""

    nlp: Language
    gazetteer: Gazetteer
    rules: TypeRules
    claims: ClaimExtractor

    @classmethod
    def load(cls) -> Extractor:
        """The shipped model, gazetteer, type rules and claim lexicon."""
        gazetteer = load_gazetteer()
        return cls(load_pipeline(), gazetteer, load_type_rules(), ClaimExtractor(gazetteer))

    def extract(self, document: Document) -> Extraction:
        """Mentions and claims of every block of a document, in text order."""
        context = DocumentContext(document.id, document.published)
        texts = [document.text[block.start : block.end] for block in document.blocks]
        result = Extraction()
        for block, doc in zip(document.blocks, self.nlp.pipe(texts), strict=True):
            repeated = repeated_sentences(doc, context)
            candidates = find_candidates(doc, self.gazetteer, self.rules, context)
            result.claims += self.claims.block(doc, block.start, candidates, context, repeated)
            for cand in candidates:
                if cand.span.sent.start in repeated:
                    continue
                mention = to_mention(cand, block.start, context)
                context.recent.append(mention)
                if is_subject(cand):
                    context.salient.append(mention)
                result.mentions.append(mention)
        return result

    def mentions(self, document: Document) -> list[Mention]:
        """Every typed mention in the document's blocks, in text order."""
        return self.extract(document).mentions


__all__ = ["EXTRACTOR_NAME", "EXTRACTOR_VERSION", "Extraction", "Extractor"]
