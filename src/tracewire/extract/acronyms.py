"""Acronyms a document defines ("the Armed Forces General Staff (AFGS)") and uses later."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from tracewire.extract.context import Candidate, DocumentContext
from tracewire.ontology import TypeRules
from tracewire.ontology.gazetteer import slug
from tracewire.records import EntityType
from tracewire.resolve.keys import acronym_of

OPEN, CLOSE = "(", ")"


def _definition(doc: Doc, cand: Candidate) -> int | None:
    """The index of the token inside "( ... )" right after a candidate, if one follows."""
    j = cand.end
    while j < len(doc) and (doc[j].is_quote or doc[j].text in {"\u201d", "\u2019"}):
        j += 1
    if j + 2 < len(doc) and doc[j].text == OPEN and doc[j + 2].text == CLOSE:
        return j + 1
    return None


def _spelled_out(doc: Doc, open_at: int, rules: TypeRules) -> Candidate | None:
    """A capitalised name just before "(ABC)" whose initials spell ABC, when no span
    covers it yet: "the “Comprehensive Strategic Partnership” (CSP)"."""
    acronym = doc[open_at + 1].text
    end = open_at
    while end > 0 and (doc[end - 1].is_quote or doc[end - 1].text in {"\u201d", "\u2019"}):
        end -= 1
    for start in range(end - 1, max(end - 8, -1), -1):
        words = doc[start:end]
        if not words[0].text[:1].isupper():
            break
        if acronym_of(acronym, words.text):
            kind = rules.from_words([t.text for t in words]) or EntityType.ORGANIZATION
            key = f"{kind.value.lower()}:{slug(words.text)}"
            return Candidate(words, kind, key, words.text, "name", "rule")
    return None


def apply_acronyms(
    doc: Doc, candidates: list[Candidate], context: DocumentContext, rules: TypeRules
) -> list[Candidate]:
    """Learn "Name (ABC)" definitions and give every later "ABC" the name's entity."""
    by_start = {c.start: c for c in candidates}
    taken = {i for c in candidates for i in range(c.start, c.end)}
    for token in doc[1:-2]:
        if token.text == OPEN and doc[token.i + 2].text == CLOSE and token.i - 1 not in taken:
            if doc[token.i - 1].is_quote and token.i - 2 in taken:
                continue
            spelled = _spelled_out(doc, token.i, rules)
            if spelled is not None and not taken.intersection(range(spelled.start, spelled.end)):
                by_start[spelled.start] = spelled
                candidates = [*candidates, spelled]
    for cand in candidates:
        if cand.type is EntityType.COUNTRY or len(cand) < 2:
            continue
        index = _definition(doc, cand)
        if index is not None and acronym_of(doc[index].text, cand.span.text):
            context.acronyms.setdefault(doc[index].text, cand)
            if index not in by_start:  # the model missed the acronym itself
                by_start[index] = replace(cand, span=doc[index : index + 1], form="acronym")
    result: list[Candidate] = []
    for start in sorted(by_start):
        cand = by_start[start]
        expansion = context.acronyms.get(cand.span.text)
        if (
            expansion is not None
            and len(cand) == 1
            and cand.origin != "gazetteer"
            and expansion.key != cand.key
        ):
            cand = replace(
                cand,
                type=expansion.type,
                key=expansion.key,
                canonical=expansion.canonical,
                form="acronym",
                origin="rule",
                qid=expansion.qid,
            )
        result.append(cand)
    return result
