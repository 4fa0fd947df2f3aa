"""From a parsed document to the model's instances, and from gold facts to their labels.

An instance is one candidate pair with its features. For training, a pair is a positive
example of a relation when a gold fact of the document names the same two parties in
that relation (either order for symmetric relations) and one of the fact's evidence
sentences overlaps the pair's sentence; a pair whose parties hold the relation only by
evidence elsewhere is left out of that relation's training (neither positive nor
negative), since the gold lists a fact once per sentence that the annotator chose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tracewire.evaluate.names import NameMatcher
from tracewire.extract.claims.lexicon import Lexicon
from tracewire.extract.learn.candidates import Pair, document_refs, pairs
from tracewire.extract.learn.corpus import Fact, evidence_spans
from tracewire.extract.learn.features import Features, pair_features, sentence_view
from tracewire.extract.mentions import is_headline
from tracewire.extract.parsed import ParsedDocument
from tracewire.ontology import Gazetteer
from tracewire.records import SYMMETRIC, Claim, Relation

RELATIONS = tuple(r.value for r in Relation)
Labels = dict[str, int]  # relation -> 1 (holds) or 0 (does not); absent: not known


@dataclass(slots=True)
class Instance:
    """One candidate pair of a document: where it stands and its features."""

    doc: str
    pair: Pair
    start: int  # the sentence's character offsets in the document text
    end: int
    features: Features


def document_instances(
    parsed: ParsedDocument, rule_claims: Sequence[Claim], lexicon: Lexicon, gazetteer: Gazetteer
) -> list[Instance]:
    """Every candidate pair of a parsed document with its features."""
    by_sentence: dict[int, list[Claim]] = {}
    for claim in rule_claims:
        by_sentence.setdefault(claim.start, []).append(claim)
    found: list[Instance] = []
    headlines: dict[int, bool] = {}  # per block: a title line, one sentence, no full stop
    for sentence in document_refs(parsed, lexicon, gazetteer):
        if len(sentence.refs) < 2:
            continue
        block, sent = sentence.block, sentence.sent
        start = block.offset + sent.start_char
        end = start + len(sent.text.rstrip())
        if block.offset not in headlines:
            headlines[block.offset] = sent.end == len(block.doc) and is_headline(block.doc)
        headline = headlines[block.offset]
        view = sentence_view(
            sent, lexicon, by_sentence.get(start, []), headline, len(sentence.refs)
        )
        for pair in pairs(sentence):
            found.append(
                Instance(parsed.document.name, pair, start, end, pair_features(pair, view))
            )
    return found


def _names_of(instance: Instance, side: str) -> list[str]:
    ref = instance.pair.subject if side == "subject" else instance.pair.object
    return [ref.party.canonical, ref.party.text]


def _same(names: NameMatcher, ours: list[str], theirs: str) -> bool:
    return any(names.same(name, theirs) for name in ours)


def label(
    instances: Sequence[Instance], facts: Sequence[Fact], text: str, names: NameMatcher
) -> list[Labels]:
    """The gold labels of each instance of one document, per relation."""
    spans = {id(f): evidence_spans(text, f.evidence) for f in facts}
    result: list[Labels] = []
    for instance in instances:
        subject, obj = _names_of(instance, "subject"), _names_of(instance, "object")
        labels: Labels = dict.fromkeys(RELATIONS, 0)
        for fact in facts:
            forward = _same(names, subject, fact.subject) and _same(names, obj, fact.object)
            backward = Relation(fact.relation) in SYMMETRIC and (
                _same(names, subject, fact.object) and _same(names, obj, fact.subject)
            )
            if not (forward or backward):
                continue
            here = any(s < instance.end and instance.start < e for s, e in spans[id(fact)])
            if here:
                labels[fact.relation] = 1
            elif labels.get(fact.relation) == 0:
                del labels[fact.relation]  # holds, but this sentence is not its evidence
        result.append(labels)
    return result
