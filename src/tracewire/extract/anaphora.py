"""Later mentions: "the company", "the Israeli firm", "the regulator", "the Fijian premier"
stand for the latest earlier party of a compatible type (and of the stated nationality,
when the phrase gives one). The mention keeps the words used; the nouns and the types
they may refer to live in ontology/parties.yaml."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from tracewire.extract.context import Candidate, DocumentContext, is_subject
from tracewire.ontology import Gazetteer, PartyCues
from tracewire.records import EntityType

DEFINITE = {"the", "this", "that"}
APPOSED_DEPS = {"appos", "nmod", "compound", "npadvmod"}  # as in mentions.APPOSED_DEPS
SUBJECT_DEPS = {"nsubj", "nsubjpass"}


def _anaphor_kinds(
    token: Token, cues: PartyCues, named: dict[int, Candidate]
) -> tuple[tuple[EntityType, ...], Token] | None:
    """The types a definite noun may refer to, and the first word of its phrase."""
    if token.pos_ != "NOUN" or token.tag_ in {"NNS", "NNPS"} or token.dep_ == "compound":
        return None
    if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children):
        return None
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return None  # "the group of hackers" introduces, it does not refer back
    lefts = [c for c in token.lefts if c.dep_ in {"compound", "amod"}]
    # "the Bull technology group" and "the Andes trading company" (the proper noun a
    # modifier of the modifier) are names; "the Israeli firm" is not
    chain = [c for c in lefts if c.dep_ == "compound"]
    for word in chain:  # grows as it goes: the compounds of each compound
        chain += [c for c in word.lefts if c.dep_ == "compound"]
    for left in dict.fromkeys([*lefts, *chain]):
        cand = named.get(left.i)
        if left.pos_ == "PROPN" and (cand is None or cand.type is not EntityType.COUNTRY):
            return None
    if lefts:
        two = f"{lefts[-1].lower_} {token.lower_}"
        if two in cues.anaphors:
            return cues.anaphors[two], lefts[0]
    kinds = cues.anaphors.get(token.lemma_.lower()) or cues.anaphors.get(token.lower_)
    if not kinds:
        return None
    return kinds, (lefts[0] if lefts else token)


class AnaphorReader:
    """Resolves definite descriptions of one block against earlier names."""

    def __init__(
        self,
        doc: Doc,
        candidates: list[Candidate],
        context: DocumentContext,
        gazetteer: Gazetteer,
        cues: PartyCues,
    ) -> None:
        self.doc = doc
        self.cues = cues
        self.candidates = candidates
        self.by_token = {i: c for c in candidates for i in range(c.start, c.end)}
        self.context = context
        self.gazetteer = gazetteer

    def _nationality(self, token: Token) -> str | None:
        for child in token.children:
            cand = self.by_token.get(child.i)
            if (
                child.dep_ in {"amod", "compound", "nmod"}
                and cand is not None
                and cand.type is EntityType.COUNTRY
            ):
                return cand.key
        return None

    def _state_of(self, key: str, part_of: str | None) -> str | None:
        if part_of is not None:
            return part_of
        state = self.gazetteer.state_of(key)
        return state.key if state is not None else None

    def _options(self, before: int) -> list[tuple[str, str, EntityType, str | None, bool]]:
        """(key, canonical, type, part_of, subject) of earlier names, latest first."""
        here = [
            (c.key, c.canonical, c.type, c.part_of, is_subject(c))
            for c in self.candidates
            if c.end <= before and c.form != "anaphor"
        ]
        earlier = [
            (m.entity_key, m.canonical, m.type, m.part_of, m in self.context.salient)
            for m in self.context.recent
            if m.form != "anaphor"
        ]
        return list(reversed(earlier + here))

    def antecedent(
        self, token: Token, kinds: tuple[EntityType, ...]
    ) -> tuple[str, str, EntityType, str | None] | None:
        """The latest compatible earlier party, clause subjects first."""
        nationality = self._nationality(token)
        options = self._options(token.i)
        for subjects_only in (True, False):
            for key, canonical, kind, part_of, subject in options:
                if kind not in kinds or (subjects_only and not subject):
                    continue
                state = self._state_of(key, part_of)
                if nationality is not None and state is not None and state != nationality:
                    continue
                return key, canonical, kind, part_of
        return None

    def read(self) -> list[Candidate]:
        """Candidates for the block's later mentions."""
        found: list[Candidate] = []
        for token in self.doc:
            if token.i in self.by_token:
                continue
            anaphor = _anaphor_kinds(token, self.cues, self.by_token)
            if anaphor is None:
                continue
            kinds, first = anaphor
            target = self._apposed(token, kinds) or self.antecedent(token, kinds)
            if target is None:
                continue
            key, canonical, kind, part_of = target
            span = self.doc[first.i : token.i + 1]
            # with a nationality or a proper adjective the words describe the party ("the
            # Israeli firm", "the Asian country"): an alias; "the company" is not
            proper = any(
                c.dep_ == "amod" and c.text[:1].isupper() and c.i > first.i - 1 for c in token.lefts
            )
            form = "descriptor" if self._nationality(token) or proper else "anaphor"
            found.append(Candidate(span, kind, key, canonical, form, "rule", part_of=part_of))
        return found

    def _apposed(
        self, token: Token, kinds: tuple[EntityType, ...]
    ) -> tuple[str, str, EntityType, str | None] | None:
        """ "The Fijian prime minister, Sitiveni Rabuka, ...": a description in apposition
        with a name is that name; so is one the name right after it stands under ("the
        Dutch company Netorix 2 million euros", the name parsed under the sum)."""
        for other in [*token.children, token.head]:
            linked = other.dep_ == "appos" or (other is token.head and token.dep_ == "appos")
            cand = self.by_token.get(other.i)
            if linked and cand is not None and cand.type in kinds:
                return cand.key, cand.canonical, cand.type, cand.part_of
        after = self.by_token.get(token.i + 1)
        if (
            after is not None
            and after.start == token.i + 1
            and after.type in kinds
            and token in after.span.root.ancestors
            and after.span.root.dep_ in APPOSED_DEPS
        ):
            return after.key, after.canonical, after.type, after.part_of
        return None


def add_anaphors(
    doc: Doc,
    candidates: list[Candidate],
    cues: PartyCues,
    context: DocumentContext,
    gazetteer: Gazetteer,
) -> list[Candidate]:
    """The block's candidates with its later mentions resolved and added."""
    reader = AnaphorReader(doc, candidates, context, gazetteer, cues)
    found = reader.read()
    if not found:
        return candidates
    # a description absorbs the nationality inside it ("the Israeli firm")
    kept = [c for c in candidates if not any(f.start <= c.start and c.end <= f.end for f in found)]
    found = [f for f in found if not any(f.overlaps(c) for c in kept)]
    return sorted(kept + found, key=lambda c: c.start)
