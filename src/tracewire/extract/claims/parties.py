"""Who a noun phrase in a claim refers to: a named entity, a state, or an earlier name.

Rules, in order: a named span; the name in apposition to a descriptor ("Sa Iran, an
Iranian company"); an "including" list; then generic phrases: "the company" or "the
minister" refer back to the latest compatible name, "both countries" to the two latest
states, "Chinese companies" to China (except where the relation is about the companies
themselves, such as sanctions: then they are no party), "Peru's security forces" to Peru
and "Sindh's police" to a described body "Sindh police". An unnamed firm ("the Portuguese
camera maker" with no name before it) and a sanctions list are no party.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from tracewire.extract.bodies import described_body
from tracewire.extract.claims.lexicon import Lexicon
from tracewire.extract.claims.syntax import children
from tracewire.extract.mentions import Candidate, DocumentContext, is_subject
from tracewire.ontology import Gazetteer, load_party_cues
from tracewire.ontology.gazetteer import normalise_name, slug
from tracewire.records import EntityType, Mention, Party, Relation

NOT_PARTIES = {EntityType.TECHNOLOGY, EntityType.AGREEMENT}  # what is traded or signed
CUES = load_party_cues()
DEFINITE = {"the", "this", "that", "these", "those"}
STATE_ITSELF = {
    "government",
    "regime",
    "authority",
    "authorities",
    "state",
    "administration",
    "leadership",
    "junta",
}
INCLUDING = {"including", "like", "namely"}
GROUP_REFERENCES = {"they", "these", "those"}  # "they included A and B"
PLURAL = {"NNS", "NNPS"}
RELATIVE = {"who", "which", "that", "whom"}
PRONOUNS = {"it", "its", "they", "their", "them"}


@dataclass(frozen=True, slots=True)
class Resolved:
    """A party and how directly the text named it."""

    party: Party
    inferred: bool = False  # found by reference or generalisation, not by its name
    named_at: int | None = None  # the token naming it, when that is outside the claim's clause
    # described, never named ("sanctioned Chinese firms"): it tells who acted on whom
    # (the authority of later agentless listings) but is no party of a claim
    unnamed: bool = False


class PartyResolver:
    """Maps tokens of one parsed block to parties, using names found so far."""

    def __init__(
        self,
        doc: Doc,
        *,
        offset: int,
        candidates: list[Candidate],
        context: DocumentContext,
        lexicon: Lexicon,
        gazetteer: Gazetteer,
    ) -> None:
        self.doc = doc
        self.offset = offset
        self.candidates = candidates
        self.by_token = {i: c for c in candidates for i in range(c.start, c.end)}
        self.context = context
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self._home_states: dict[str, str | None] = {}

    # -- building parties -------------------------------------------------------------

    def _from_candidate(self, cand: Candidate) -> Party:
        return Party(
            cand.key,
            cand.canonical,
            cand.type,
            cand.span.text,
            self.offset + cand.span.start_char,
            self.offset + cand.span.end_char,
        )

    def party_of(self, cand: Candidate) -> Party:
        """The party a named span of this block stands for."""
        return self._from_candidate(cand)

    def is_list(self, cand: Candidate) -> bool:
        """Whether a name is a sanctions list ("the Entity List"): its keeper acts, the
        list is no party."""
        return normalise_name(cand.span.text) in self.lexicon.lists

    @staticmethod
    def _from_mention(mention: Mention) -> Party:
        return Party(
            mention.entity_key,
            mention.canonical,
            mention.type,
            mention.text,
            mention.start,
            mention.end,
        )

    def _described(self, head: Token, kind: EntityType, owner: Candidate | None = None) -> Party:
        """A party named by description: "Russian security apparatus", "Sindh police"."""
        words: list[str] = [owner.canonical] if owner and owner.span.start > head.i else []
        for child in head.lefts:
            if child.dep_ == "poss":
                words.append(" ".join(t.text for t in child.subtree if t.dep_ != "case"))
            elif child.dep_ in {"amod", "compound", "nmod"}:
                words.append(" ".join(t.text for t in child.subtree))
        words.append(head.text)
        text = " ".join(words)
        return Party(
            f"{kind.value.lower()}:{slug(text)}",
            text,
            kind,
            text,
            self.offset + head.left_edge.idx,
            self.offset + head.idx + len(head.text),
        )

    def authority(self, name: str) -> Party | None:
        """The gazetteer body named `name` as a party (the keeper of a sanctions list)."""
        hit = self.gazetteer.lookup(name)
        if hit is None:
            return None
        entry = hit[0]
        return Party(entry.key, entry.name, entry.type, entry.name, -1, -1)

    def state_of(self, party: Party) -> Party | None:
        """The state a party belongs to, if the gazetteer or its name tells."""
        return _state_of(self.gazetteer, party)

    def home_state(self, party: Party) -> str | None:
        """The key of the state a public body belongs to: the part_of its mentions carry,
        the gazetteer's country, or a state its name holds ("Kenya Interior Ministry")."""
        if party.type is not EntityType.PUBLIC_BODY:
            return None
        if party.entity_key not in self._home_states:
            self._home_states[party.entity_key] = self._find_home_state(party)
        return self._home_states[party.entity_key]

    def _find_home_state(self, party: Party) -> str | None:
        for cand in self.candidates:
            if cand.key == party.entity_key and cand.part_of:
                return cand.part_of
        for mention in self.context.recent:
            if mention.entity_key == party.entity_key and mention.part_of:
                return mention.part_of
        state = self.gazetteer.state_of(party.entity_key)
        if state is not None:
            return state.key
        words = f"{party.canonical} {party.text}".replace("\u2019s", "").replace("'s", "")
        found = next((s for w in words.split() if (s := self.gazetteer.country(w))), None)
        return found.key if found is not None else None

    def of_own_state(self, first: Party, second: Party) -> bool:
        """Whether one party is a public body and the other the state it belongs to (the
        Ghanaian police and Ghana): no claim of theirs is one the body's state makes."""
        for body, state in ((first, second), (second, first)):
            if state.type is EntityType.COUNTRY and self.home_state(body) == state.entity_key:
                return True
        return False

    # -- looking back -----------------------------------------------------------------

    def _earlier(self, before: Token, salient: bool = False) -> list[Party]:
        """Parties named before `before`, latest first (this block, then earlier blocks).

        With `salient`, only those named as the subject of their clause.
        """
        here = [
            self._from_candidate(c)
            for c in self.candidates
            if c.end <= before.i and (not salient or is_subject(c))
        ]
        pool = self.context.salient if salient else self.context.recent
        earlier = [self._from_mention(m) for m in pool]
        return list(reversed(earlier + here))

    def _latest(
        self, kind: EntityType, before: Token, nationality: Party | None = None
    ) -> Party | None:
        """The latest earlier party of a type, preferring clause subjects; with a
        nationality ("the Israeli firm"), one the gazetteer places elsewhere is skipped."""
        for salient in (True, False):
            for party in self._earlier(before, salient):
                if party.type is kind and self._same_state(party, nationality):
                    return party
        return None

    def latest(self, kind: EntityType, before: Token) -> Party | None:
        """The latest party of a type named before `before`, clause subjects first."""
        return self._latest(kind, before)

    def _same_state(self, party: Party, nationality: Party | None) -> bool:
        if nationality is None:
            return True
        entry = self.gazetteer.entries.get(party.entity_key)
        if entry is None or not entry.country:
            return True
        state = self.gazetteer.country(entry.country)
        return state is None or state.key == nationality.entity_key

    def _latest_states(self, count: int, before: Token) -> list[Party]:
        found: dict[str, Party] = {}
        for party in self._earlier(before):
            if party.type is EntityType.COUNTRY and party.entity_key not in found:
                found[party.entity_key] = party
            if len(found) == count:
                return list(found.values())
        return []

    # -- modifiers --------------------------------------------------------------------

    def _nationality(self, head: Token) -> Party | None:
        """The state named by a demonym or country modifier: "Chinese", "PRC", "Iran's"."""
        for child in head.children:
            if child.dep_ in {"amod", "compound", "poss", "nmod", "npadvmod"}:
                cand = self.by_token.get(child.i)
                if cand is not None and cand.type is EntityType.COUNTRY:
                    return self._from_candidate(cand)
        return None

    def _possessor(self, head: Token) -> Candidate | None:
        """ "Kenya's police" or "the police of Kenya": the named owner of a body."""
        for child in head.children:
            if child.dep_ == "poss" and child.i in self.by_token:
                return self.by_token[child.i]
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in {"of", "in"}:  # "police in Sindh"
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.i in self.by_token:
                        return self.by_token[obj.i]
        return None

    # -- resolution -------------------------------------------------------------------

    def resolve(self, token: Token, relation: Relation) -> list[Resolved]:
        """The parties a token stands for, its coordinated tokens included."""
        found: dict[str, Resolved] = {}
        members = [token] + [
            c for c in token.conjuncts if not any(g.dep_ == "case" for g in c.children)
        ]
        for member in members:  # a possessive in the list modifies a name, it is not one
            for resolved in self._resolve_one(member, relation):
                found.setdefault(resolved.party.entity_key, resolved)
        return list(found.values())

    def resolve_word(self, token: Token, relation: Relation) -> list[Resolved]:
        """The parties one token stands for, without its coordinated tokens."""
        return self._resolve_one(token, relation)

    def _resolve_one(self, token: Token, relation: Relation) -> list[Resolved]:
        if token.lower_ in RELATIVE and token.head.dep_ == "relcl":
            token = token.head.head
        if token.lower_ in PRONOUNS:
            speaker = self._speaker(token)
            return self.resolve(speaker, relation) if speaker is not None else []
        cand = self.by_token.get(token.i)
        listed = [
            pobj
            for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ in INCLUDING
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        ]
        if cand is not None and cand.form == "government" and listed:
            return self._listed(listed, relation)  # "Kenyan officials, including X and Y"
        if cand is not None:
            if cand.type in NOT_PARTIES or self.is_list(cand):
                return []
            return [Resolved(self._from_candidate(cand)), *self._coordinated_states(cand)]
        for child in token.children:
            named = self.by_token.get(child.i)
            if named is None or named.type in NOT_PARTIES:
                continue
            if (
                child.dep_ == "compound"
                and named.type is EntityType.LOCATION
                and token.lemma_.lower() in self.lexicon.state_body_nouns
            ):  # "a Munich court", "the Nairobi county government": a body of the place
                return [Resolved(self._described(token, EntityType.PUBLIC_BODY))]
            if child.dep_ == "appos" or (
                child.dep_ == "compound" and named.type is not EntityType.COUNTRY
            ):
                return [Resolved(self._from_candidate(named))]
        if token.dep_ == "appos" and token.head.i in self.by_token:
            head = self.by_token[token.head.i]
            if head.type not in NOT_PARTIES:
                return [Resolved(self._from_candidate(head))]
        if listed:
            return self._listed(listed, relation)
        if (sibling := self._misparsed_apposition(token)) is not None:
            return [Resolved(self._from_candidate(sibling))]
        return self._generic(token, relation)

    def _coordinated_states(self, cand: Candidate) -> list[Resolved]:
        """ "governments in Chad, Mali and Laos": a state named through its government
        whose place word has coordinated states outside the mention; those are meant too."""
        if cand.type is not EntityType.COUNTRY or cand.form != "government":
            return []
        found: dict[str, Resolved] = {}
        for other in (c for t in cand.span for c in t.conjuncts):
            named = self.by_token.get(other.i)
            if named is not None and named is not cand:
                if named.type is EntityType.COUNTRY:
                    found.setdefault(named.key, Resolved(self._from_candidate(named)))
                continue
            # inside the mention: the place words the mention took with it
            first = min(t.i for t in other.subtree if t.dep_ == "compound" or t == other)
            words = self.doc[first : other.i + 1]
            hit = self.gazetteer.lookup(words.text)
            if hit is None or hit[0].type is not EntityType.COUNTRY or hit[0].key == cand.key:
                continue
            start = self.offset + words.start_char
            party = Party(
                hit[0].key,
                hit[0].name,
                EntityType.COUNTRY,
                words.text,
                start,
                start + len(words.text),
            )
            found.setdefault(party.entity_key, Resolved(party))
        return list(found.values())

    def _speaker(self, pronoun: Token) -> Token | None:
        """ "Cellebrite said it had stopped selling", "Hikvision denied that its cameras
        were sold": a pronoun in what someone says or denies is that someone."""
        node = pronoun
        while node.head.i != node.i:
            if node.dep_ == "ccomp" and node.head.lemma_.lower() in self.lexicon.speech_verbs:
                for subject in node.head.children:
                    if subject.dep_ == "nsubj" and subject.lower_ not in PRONOUNS:
                        return subject
                return None
            node = node.head
        return None

    def _listed(self, listed: list[Token], relation: Relation) -> list[Resolved]:
        """An "including" list: its members, and names of the same kind the parser hung
        inside an earlier member ("including President A, Chief of Staff B and C")."""
        found = {r.party.entity_key: r for pobj in listed for r in self.resolve(pobj, relation)}
        kinds = {r.party.type for r in found.values()}
        for pobj in listed:
            for token in pobj.subtree:
                cand = self.by_token.get(token.i)
                if (
                    cand is not None
                    and cand.type in kinds
                    and token.i == cand.span.root.i
                    and token.dep_ not in {"poss", "compound", "amod", "nmod"}
                    and cand.key not in found
                ):
                    found[cand.key] = Resolved(self._from_candidate(cand))
        return list(found.values())

    def _misparsed_apposition(self, token: Token) -> Candidate | None:
        """ "Norvane, one of the largest vendors, signed": the parser may hang the name
        off the verb and make "one" the subject; the name before the comma is meant."""
        if token.i < 2 or self.doc[token.i - 1].text != ",":
            return None
        name = self.by_token.get(token.i - 2)
        if name is None or name.type in NOT_PARTIES or self.doc[token.i - 2].head != token.head:
            return None
        return name if token.lower_ == "one" or token.pos_ == "NOUN" else None

    def _generic(self, token: Token, relation: Relation) -> list[Resolved]:
        lemma, lower = token.lemma_.lower(), token.lower_
        lex = self.lexicon
        groups = lex.group_nouns | lex.company_nouns | lex.country_nouns
        if token.tag_ in PLURAL and {lemma, lower} & groups:
            members = self._members(token, relation)
            if members:
                return members
        if token.pos_ in {"NUM", "PRON", "DET", "ADJ"}:  # "nine of the entities"
            for whole in (
                o for p in children(token, "prep") if p.lower_ == "of" for o in children(p, "pobj")
            ):
                if whole.tag_ in PLURAL and {whole.lemma_.lower(), whole.lower_} & groups:
                    return self._members(whole, relation)
        nationality = self._nationality(token)
        definite = any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children)
        plural = token.tag_ in {"NNS", "NNPS"}
        if lemma == "counterpart" and nationality is not None:
            return [self._counterpart(token, nationality)]
        if lemma in lex.person_nouns or lower in lex.person_nouns:
            person = self._latest(EntityType.PERSON, token, nationality) if definite else None
            if person is not None:
                return [Resolved(person, inferred=True)]
            if nationality is not None and plural and relation is not Relation.MEETS:
                return [Resolved(nationality, inferred=True)]  # "Russian instructors trained"
            return []
        if lemma in lex.company_nouns or lower in lex.company_nouns:
            company = self._latest(EntityType.COMPANY, token, nationality) if definite else None
            if company is not None and not plural:
                return [Resolved(company, inferred=True)]
            if nationality is None or not (plural or definite):
                return []  # "a Chinese company" is one unnamed firm, not the state
            if relation in lex.keep_generic_for:  # sanctioning Chinese firms is not China's
                described = self._described(token, EntityType.COMPANY)
                return [Resolved(described, inferred=True, unnamed=True)]
            if not plural:
                return []  # "the Portuguese camera maker" with no name before it
            return [Resolved(nationality, inferred=True)]  # "Chinese firms supplied ..."
        if lemma in lex.country_nouns or lower in lex.country_nouns:
            if nationality is not None and not plural:
                return [Resolved(nationality, inferred=True)]  # "the Chinese state"
            return [
                Resolved(p, inferred=True) for p in self._latest_states(self._count(token), token)
            ]
        if lemma in lex.state_body_nouns or lower in lex.state_body_nouns:
            return self._state_body(token, nationality)
        return []

    def _members(self, group: Token, relation: Relation) -> list[Resolved]:
        """The members the next words name for a plural group, in its sentence or the next:
        "sold it to a dozen countries. Those countries include A, B and C", "added 12
        firms to the list; they included A and B"."""
        doc = group.doc
        end = group.sent.end
        scope = doc[end].sent.end if end < len(doc) else end
        for verb in doc[group.i + 1 : scope]:
            if verb.lemma_.lower() not in self.lexicon.member_verbs or verb.pos_ != "VERB":
                continue
            if not any(_names_group(s, group) for s in children(verb, "nsubj")):
                continue
            found: dict[str, Resolved] = {}
            for obj in children(verb, "dobj"):
                for member in [obj, *obj.conjuncts]:
                    for resolved in self._resolve_one(member, relation):
                        found.setdefault(
                            resolved.party.entity_key,
                            Resolved(resolved.party, inferred=True, named_at=member.i),
                        )
            if found:
                return list(found.values())
        return []

    def _counterpart(self, token: Token, nationality: Party) -> Resolved:
        """ "the Russian Interior Ministry and its Venezuelan counterpart": the body of the
        other state that does what the body named before it does; else that state ("his
        Rwandan counterpart" of a minister)."""
        for cand in reversed([c for c in self.candidates if c.end <= token.i]):
            if cand.span.sent != token.sent or cand.type is not EntityType.PUBLIC_BODY:
                continue
            entry = self.gazetteer.entries.get(cand.key)
            function = cand.function or (entry.function if entry else None)
            state = self.gazetteer.entries.get(nationality.entity_key)
            if function is None or state is None:
                break
            body = self.gazetteer.body(state.key, function)
            key, name = (body.key, body.name) if body else described_body(state, function, CUES)
            return Resolved(
                Party(
                    key,
                    name,
                    EntityType.PUBLIC_BODY,
                    token.text,
                    nationality.start,
                    nationality.end,
                ),
                inferred=True,
            )
        return Resolved(nationality, inferred=True)

    def _state_body(self, token: Token, nationality: Party | None) -> list[Resolved]:
        owner = self._possessor(token)
        if owner is not None:
            if owner.type is EntityType.COUNTRY:
                return [Resolved(self._from_candidate(owner), inferred=True)]
            if owner.type is EntityType.LOCATION:
                return [Resolved(self._described(token, EntityType.PUBLIC_BODY, owner))]
            return []
        if nationality is None:
            return []
        if token.lemma_.lower() in STATE_ITSELF:
            return [Resolved(nationality, inferred=True)]
        return [Resolved(self._described(token, EntityType.PUBLIC_BODY))]

    @staticmethod
    def _count(token: Token) -> int:
        """How many states "both countries" / "the two countries" refers to (0: unclear)."""
        for child in token.children:
            if child.lower_ == "both" or (child.dep_ == "nummod" and child.lower_ in {"two", "2"}):
                return 2
        return 0


def _names_group(subject: Token, group: Token) -> bool:
    """Whether a subject stands for the group: "they", "those", or the same noun again
    with a definite word ("those countries", "the firms")."""
    if subject.lower_ in GROUP_REFERENCES:
        return True
    same = subject.lemma_.lower() == group.lemma_.lower() or subject.lower_ == group.lower_
    return same and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in subject.children)


def _state_of(gazetteer: Gazetteer, party: Party) -> Party | None:
    """The state a party belongs to: itself, the gazetteer's country, or a demonym in its name."""
    if party.type is EntityType.COUNTRY:
        return party
    entry = gazetteer.entries.get(party.entity_key)
    names = [entry.country] if entry and entry.country else []
    names += party.text.replace("\u2019s", "").replace("'s", "").split()
    for name in names:
        state = gazetteer.country(name)
        if state is not None:
            return Party(
                state.key, state.name, EntityType.COUNTRY, party.text, party.start, party.end
            )
    return None
