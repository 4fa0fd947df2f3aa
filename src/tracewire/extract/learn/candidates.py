"""Candidate claims for the learned model: every ordered pair of party references in a
sentence.

A reference is a named span (a gazetteer or model mention) or a word that stands for a
party the way the rules read it: "the company" and "it" for the latest compatible name,
"the Sudanese government" and "Egyptian authorities" for the state, "Chinese companies"
for China. Pairs are between references to different entities; the model decides which
pairs hold which relation, in which direction.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from tracewire.extract.claims.lexicon import Lexicon
from tracewire.extract.claims.parties import NOT_PARTIES, PartyResolver
from tracewire.extract.parsed import ParsedBlock, ParsedDocument
from tracewire.ontology import Gazetteer
from tracewire.records import EntityType, Party, Relation

PARTY_TYPES = {
    EntityType.COMPANY,
    EntityType.PUBLIC_BODY,
    EntityType.ORGANIZATION,
    EntityType.PERSON,
    EntityType.COUNTRY,
    EntityType.LOCATION,
}
PRONOUNS = {"it", "its", "they", "their", "them"}
# Antecedents a pronoun may stand for: actors that act, not places or people (whose
# pronouns are "he" and "she").
PRONOUN_TYPES = (EntityType.COMPANY, EntityType.ORGANIZATION, EntityType.PUBLIC_BODY)
STATE_OF_BODY = "state_of_body"  # a body's state, standing in for it
MAX_REFS = 24  # a sentence naming more parties than this is a table, not a claim


@dataclass(frozen=True, slots=True)
class Ref:
    """One reference to a party in a sentence: the party, the token that heads it in the
    parse, and how it was named (name, alias, acronym, demonym, capital, generic,
    pronoun)."""

    party: Party
    token: Token
    kind: str
    inferred: bool = False


@dataclass(frozen=True, slots=True)
class Pair:
    """An ordered pair of references of one sentence: the subject and object a claim
    would have."""

    block: ParsedBlock
    sent: Span
    subject: Ref
    object: Ref


@dataclass(slots=True)
class SentenceRefs:
    """The references of one sentence and the resolver that found them."""

    block: ParsedBlock
    sent: Span
    refs: list[Ref]
    resolver: PartyResolver


def resolver_for(
    parsed: ParsedDocument, block: ParsedBlock, lexicon: Lexicon, gazetteer: Gazetteer
) -> PartyResolver:
    """The rules' party resolver for one block, knowing the names of earlier blocks."""
    return PartyResolver(
        block.doc,
        offset=block.offset,
        candidates=block.candidates,
        context=parsed.context_at(block),
        lexicon=lexicon,
        gazetteer=gazetteer,
    )


def _referring(token: Token, lexicon: Lexicon) -> bool:
    """Whether a word may stand for a party by itself: "the company", "authorities", "it"."""
    if token.lower_ in PRONOUNS:
        return True
    if token.pos_ not in {"NOUN", "PROPN"} or token.dep_ == "compound":
        return False
    words = {token.lemma_.lower(), token.lower_}
    return bool(
        words
        & (
            lexicon.company_nouns
            | lexicon.state_body_nouns
            | lexicon.person_nouns
            | lexicon.country_nouns
        )
    )


def _pronoun_ref(token: Token, resolver: PartyResolver) -> list[Ref]:
    """A subject or possessive pronoun outside reported speech: the latest actor named as
    the subject of its clause ("Tessaly said it ..." is handled by the rules' speaker)."""
    if token.dep_ not in {"nsubj", "nsubjpass", "poss"}:
        return []
    for kind in PRONOUN_TYPES:
        party = resolver.latest(kind, token)
        if party is not None:
            return [Ref(party, token, "pronoun", inferred=True)]
    return []


def sentence_refs(resolver: PartyResolver, block: ParsedBlock, sent: Span) -> list[Ref]:
    """Every party reference of a sentence, in text order."""
    refs: list[Ref] = []
    covered: set[int] = set()
    for cand in block.candidates:
        if not (sent.start <= cand.start < sent.end) or cand.type not in PARTY_TYPES:
            continue
        if resolver.is_list(cand):
            continue  # "the Entity List": its keeper is the party
        covered.update(range(cand.start, cand.end))
        party = resolver.party_of(cand)
        refs.append(Ref(party, cand.span.root, cand.form))
        state = resolver.gazetteer.entries.get(cand.part_of) if cand.part_of else None
        if state is not None:  # "Kenya's police" may stand for Kenya where reports mean it
            owner = Party(state.key, state.name, state.type, party.text, party.start, party.end)
            refs.append(Ref(owner, cand.span.root, STATE_OF_BODY, inferred=True))
    for token in sent:
        if token.i in covered or not _referring(token, resolver.lexicon):
            continue
        found = resolver.resolve_word(token, Relation.SUPPLIES)
        if not found and token.lower_ in PRONOUNS:
            refs += _pronoun_ref(token, resolver)
            continue
        for resolved in found:
            if resolved.party.type in NOT_PARTIES:
                continue
            kind = "pronoun" if token.lower_ in PRONOUNS else "generic"
            refs.append(Ref(resolved.party, token, kind, inferred=resolved.inferred))
    refs.sort(key=lambda r: r.token.i)
    return refs[:MAX_REFS]


def document_refs(
    parsed: ParsedDocument, lexicon: Lexicon, gazetteer: Gazetteer
) -> Iterator[SentenceRefs]:
    """The references of every sentence read once in a parsed document."""
    for block in parsed.blocks:
        resolver = resolver_for(parsed, block, lexicon, gazetteer)
        for sent in block.doc.sents:
            if sent.start in block.repeated:
                continue
            yield SentenceRefs(block, sent, sentence_refs(resolver, block, sent), resolver)


def pairs(sentence: SentenceRefs) -> Iterator[Pair]:
    """Ordered pairs of references to two different entities. A public body and its own
    state (the Ghanaian police and Ghana) stay a pair: the model learns from these that a
    body's state is no party to the body's deals, and left out they cost it precision."""
    for subject in sentence.refs:
        for obj in sentence.refs:
            if subject.party.entity_key != obj.party.entity_key:
                yield Pair(sentence.block, sentence.sent, subject, obj)
