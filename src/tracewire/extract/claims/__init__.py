"""Claims: (subject, relation, object) with hedging, date, amount and evidence."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from spacy.about import __version__ as spacy_version
from spacy.tokens import Doc, Token

from tracewire.extract.claims.frames import Frames, RawClaim
from tracewire.extract.claims.hedging import hedge
from tracewire.extract.claims.lexicon import Lexicon, Trigger, load_lexicon
from tracewire.extract.claims.parties import CUES, PartyResolver
from tracewire.extract.claims.qualifiers import claim_amount, claim_date
from tracewire.extract.claims.syntax import span_text
from tracewire.extract.mentions import Candidate, DocumentContext
from tracewire.extract.parsed import ParsedDocument
from tracewire.extract.registry import SHARED_FILES, fingerprint, package_files, register
from tracewire.ontology import Gazetteer, load_gazetteer
from tracewire.records import Claim, EntityType, Mention, Party, Relation

RULES_NAME = "tracewire.rules/2"
RULES_FILES = (*SHARED_FILES, "extract/claims/*.py")
AGREEMENT_TRIGGER = Trigger(Relation.AGREEMENT, "bilateral")
AUTHORITIES = {EntityType.PUBLIC_BODY, EntityType.COUNTRY, EntityType.ORGANIZATION}


class RuleExtractor:
    """Finds trigger words in a parsed block and reads their claims off the parse with
    the trigger's frame (hand-written rules over the ontology's lexicon)."""

    name = RULES_NAME

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon | None = None) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon or load_lexicon()

    @cached_property
    def version(self) -> str:
        """2+hash of the rule code, the NLP stage and the ontology."""
        return "2+" + fingerprint(package_files(*RULES_FILES), spacy_version)

    def extract(self, parsed: ParsedDocument, mentions: Sequence[Mention]) -> list[Claim]:
        """The claims of every block of a parsed document."""
        claims: list[Claim] = []
        authority: Party | None = None  # who sanctioned last: "were added to the list" later
        for block in parsed.blocks:
            context = parsed.context_at(block)
            found, authority = self._block(
                block.doc,
                block.offset,
                block.candidates,
                context,
                block.repeated,
                authority=authority,
            )
            claims += found
        return [c for c in claims if self.lexicon.fits(c.relation, c.subject.type, c.object.type)]

    def _triggers(self, token: Token, agreements: set[int], named: set[int]) -> list[Trigger]:
        if token.pos_ == "VERB":
            return self.lexicon.verb_triggers(token.lemma_, token.text)
        if token.pos_ not in {"NOUN", "PROPN"} or token.dep_ == "compound":
            return []
        if token.i in agreements:
            return [AGREEMENT_TRIGGER]
        if token.i in named:
            return []
        return self.lexicon.noun_triggers(token.lemma_) or self.lexicon.noun_triggers(token.lower_)

    def block(
        self,
        doc: Doc,
        offset: int,
        candidates: list[Candidate],
        context: DocumentContext,
        repeated: set[int],
        *,
        authority: Party | None = None,
    ) -> list[Claim]:
        """Claims of one parsed block whose text starts at `offset` in the document;
        `authority` sanctioned last in the document (for agentless listings)."""
        return self._block(doc, offset, candidates, context, repeated, authority=authority)[0]

    def _block(
        self,
        doc: Doc,
        offset: int,
        candidates: list[Candidate],
        context: DocumentContext,
        repeated: set[int],
        *,
        authority: Party | None = None,
    ) -> tuple[list[Claim], Party | None]:
        """The block's claims and who sanctioned last at its end."""
        resolver = PartyResolver(
            doc,
            offset=offset,
            candidates=candidates,
            context=context,
            lexicon=self.lexicon,
            gazetteer=self.gazetteer,
        )
        frames = Frames(resolver, self.lexicon, authority)
        agreements = {c.span.root.i for c in candidates if c.type is EntityType.AGREEMENT}
        named = {i for c in candidates for i in range(c.start, c.end)}
        found: dict[tuple[str, str, str, int], Claim] = {}
        for token in doc:
            if token.sent.start in repeated:
                continue
            for trigger in self._triggers(token, agreements, named):
                raws = (
                    frames.verb(token, trigger)
                    if token.pos_ == "VERB"
                    else frames.noun(token, trigger)
                )
                for raw in list(raws):
                    if raw.relation is Relation.SANCTIONS and raw.subject.party.type in AUTHORITIES:
                        frames.authority = raw.subject.party  # for later agentless listings
                    if raw.subject.unnamed or raw.object.unnamed:
                        continue  # "added 33 Chinese firms to the list": no party named
                    if raw.relation in CUES.not_with_own_state and resolver.of_own_state(
                        raw.subject.party, raw.object.party
                    ):
                        continue  # "the Ghanaian police ... cameras in Accra": not Ghana's
                    claim = self._claim(raw, offset, context, resolver, trigger.frame)
                    key = (
                        claim.relation,
                        claim.subject.entity_key,
                        claim.object.entity_key,
                        claim.start,
                    )
                    if key not in found or found[key].confidence < claim.confidence:
                        found[key] = claim
        return list(found.values()), frames.authority

    def _claim(
        self,
        raw: RawClaim,
        offset: int,
        context: DocumentContext,
        resolver: PartyResolver,
        frame: str,
    ) -> Claim:
        sent = raw.trigger.sent
        named_at = [r.named_at for r in (raw.subject, raw.object) if r.named_at is not None]
        if named_at and max(named_at) >= sent.end:  # members named in a later sentence
            sent = raw.trigger.doc[sent.start : raw.trigger.doc[max(named_at)].sent.end]
        text = sent.text.rstrip()
        subject, obj = raw.subject.party, raw.object.party
        if raw.relation.symmetric and obj.canonical.casefold() < subject.canonical.casefold():
            subject, obj = obj, subject  # one order for "A and B signed" and "B and A signed"
        hedging = hedge(raw.trigger, self.lexicon)
        source = None
        if hedging.source is not None:
            named = resolver.by_token.get(hedging.source.i)
            source = named.canonical if named else span_text(hedging.source)
        return Claim(
            doc_id=context.doc_id,
            relation=raw.relation,
            subject=subject,
            object=obj,
            hedging=hedging.labels,
            evidence=text,
            start=offset + sent.start_char,
            end=offset + sent.start_char + len(text),
            technology=raw.technology,
            date=claim_date(raw.trigger, context.published),
            amount=claim_amount(raw.trigger),
            source=source,
            trigger=raw.trigger.text,
            extractor=self.name,
            version=self.version,
            confidence=raw.confidence,
            frame=frame,
            explanation=f"rule: {frame} frame of {raw.trigger.lemma_!r} ({raw.trigger.pos_})",
        )


@register(RULES_NAME)
def rule_extractor() -> RuleExtractor:
    """The hand-written rules over the shipped gazetteer and lexicon."""
    return RuleExtractor(load_gazetteer())


__all__ = ["RULES_NAME", "RuleExtractor", "rule_extractor"]
