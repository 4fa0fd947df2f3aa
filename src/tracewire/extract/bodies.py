"""States named through their governments, and state bodies named by what they do.

"The Sudanese government", "Egypt's government", "the government of Fiji", "Belarusian
authorities", "the Ortega regime" and "Gaddafi's regime" are mentions of the state (the
annotation guide makes the state the party), keeping the words used. "The Greek data
protection authority" and "Ukraine's security service" are state bodies: the gazetteer's
body of that state with that function when it has one, else a body described by its
function and state ("Data protection authority of Chile"), part of its state either way.
The cue words live in ontology/parties.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from tracewire.extract.context import Candidate, DocumentContext
from tracewire.ontology import Gazetteer, PartyCues
from tracewire.ontology.gazetteer import GazetteerEntry, slug
from tracewire.records import EntityType

STATE_EDGES = {"amod", "compound", "nmod", "poss", "npadvmod"}
STATE_PREPS = {"of", "in"}
ORG_TYPES = {EntityType.COMPANY, EntityType.PUBLIC_BODY, EntityType.ORGANIZATION}
# Body nouns too general to name a function: "the Greek authority" takes the function of
# the body the document spoke of last.
GENERAL_BODY_NOUNS = {"authority", "agency", "regulator", "watchdog", "body", "office"}


@dataclass(frozen=True, slots=True)
class StateWord:
    """The state a phrase names, and the tokens that name it."""

    state: GazetteerEntry
    tokens: tuple[Token, ...]


def _state_of_candidate(cand: Candidate, gazetteer: Gazetteer, doc: Doc) -> GazetteerEntry | None:
    """The state a named span stands for: a country, or a leader whose state the
    gazetteer knows or whose demonym precedes the name ("Libyan dictator Muammar Gaddafi")."""
    if cand.type is EntityType.COUNTRY:
        return gazetteer.entries.get(cand.key)
    if cand.type is not EntityType.PERSON:
        return None
    known = gazetteer.state_of(cand.key)
    if known is not None:
        return known
    for token in cand.span.root.children:
        if token.dep_ in {"amod", "compound"} and token.i < cand.start:
            found = gazetteer.country(token.text)
            if found is not None:
                return found
    return None


class BodyReader:
    """Finds government and state-body phrases in one parsed block."""

    def __init__(
        self,
        doc: Doc,
        candidates: list[Candidate],
        gazetteer: Gazetteer,
        cues: PartyCues,
        context: DocumentContext,
    ) -> None:
        self.doc = doc
        self.candidates = candidates
        self.by_token = {i: c for c in candidates for i in range(c.start, c.end)}
        self.gazetteer = gazetteer
        self.cues = cues
        self.context = context

    def _state_at(
        self, token: Token, head: Token
    ) -> tuple[GazetteerEntry, tuple[Token, ...]] | None:
        """The state a word names, with the tokens naming it. Inside the head's own span
        (a model span "Government of Egypt") the word itself is looked up."""
        cand = self.by_token.get(token.i)
        if cand is not None and not (cand.start <= head.i < cand.end):
            state = _state_of_candidate(cand, self.gazetteer, self.doc)
            if state is None and cand.type is EntityType.PERSON:
                state = self._demonym_before(token)  # "Libyan dictator Muammar Gaddafi"
            return (state, tuple(token.subtree)) if state is not None else None
        compounds = [c for c in token.lefts if c.dep_ == "compound"]
        for first in [*compounds, token]:  # "South Sudan" before "Sudan"
            state = self.gazetteer.country(self.doc[first.i : token.i + 1].text)
            if state is not None:
                return state, tuple(self.doc[first.i : token.i + 1])
        return None

    def _demonym_before(self, token: Token) -> GazetteerEntry | None:
        """A state named before a person in their own phrase ("late Libyan leader X")."""
        for word in token.subtree:
            if word.i >= token.i:
                break
            cand = self.by_token.get(word.i)
            if cand is not None and cand.type is EntityType.COUNTRY:
                return self.gazetteer.entries.get(cand.key)
        return None

    def _state_word(self, head: Token) -> StateWord | None:
        for child in head.children:
            if child.dep_ in STATE_EDGES and child.i < head.i:
                found = self._state_at(child, head)
                if found is not None:
                    return StateWord(*found)
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in STATE_PREPS:
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    found = self._state_at(obj, head) or self._described_leader(obj)
                    if found is not None:
                        return StateWord(found[0], (prep, *found[1]))
        return None

    def _described_leader(self, obj: Token) -> tuple[GazetteerEntry, tuple[Token, ...]] | None:
        """ "the regime of Libyan dictator Muammar Gaddafi": a leader described by the
        object of "of", with the state named by a demonym or known for the leader."""
        found: list[tuple[Candidate, GazetteerEntry]] = []
        for word in obj.subtree:
            cand = self.by_token.get(word.i)
            if cand is not None and cand.type in {EntityType.COUNTRY, EntityType.PERSON}:
                state = _state_of_candidate(cand, self.gazetteer, self.doc)
                if state is not None and all(c is not cand for c, _ in found):
                    found.append((cand, state))
        if not found:
            return None
        people = [f for f in found if f[0].type is EntityType.PERSON]
        state = (people or found)[0][1]  # the leader's state before a passing demonym
        end = max(c.end for c, _ in found)
        return state, tuple(self.doc[obj.left_edge.i : end])

    def _modifiers(self, head: Token, state: StateWord) -> list[Token]:
        """The words before the head that say what it is ("data protection")."""
        named = {t.i for t in state.tokens}
        mods = [
            t
            for c in head.lefts
            if c.dep_ in {"amod", "compound", "nmod"} and c.i not in named
            for t in c.subtree
            if t.i not in named
        ]
        return sorted(mods, key=lambda t: t.i)

    def _follow_function(self, cand: Candidate | None) -> None:
        """Remember what the latest named body does: a later "the French authority" is
        the French body of that function."""
        if cand is None or cand.type is not EntityType.PUBLIC_BODY:
            return
        entry = self.gazetteer.entries.get(cand.key)
        if entry is not None and entry.function:
            self.context.function = entry.function

    def read(self) -> list[Candidate]:
        """New candidates for government and body phrases; the spans they absorb go."""
        found: list[Candidate] = []
        for head in self.doc:
            named = self.by_token.get(head.i)
            if named is not None and head.i == named.start:
                self._follow_function(named)
                written = self._written_body(named)
                if written is not None:
                    found.append(written)
                    continue
            if head.pos_ not in {"NOUN", "PROPN"} or head.dep_ == "compound":
                continue
            if named is not None and named.origin == "gazetteer" and named.span.root == head:
                other = self._other_states_body(head, named)
                if other is not None:
                    found.append(other)
                continue
            if named is not None and (named.origin == "gazetteer" or named.span.root != head):
                continue
            state = self._state_word(head)
            if state is None:
                continue
            cand = self._government(head, state) or self._body(head, state)
            if cand is not None:
                found.append(cand)
        return found

    def _other_states_body(self, head: Token, named: Candidate) -> Candidate | None:
        """ "Britain's Treasury", "the Australian Treasury": a gazetteer body's short name
        ("Treasury" is the US department) said of another state is that state's body of
        the same function."""
        entry = self.gazetteer.entries.get(named.key)
        own = self.gazetteer.state_of(named.key)
        if named.type is not EntityType.PUBLIC_BODY or entry is None or own is None:
            return None
        state = self._state_word(head)
        if state is None or state.state.key == own.key:
            return None
        if any(named.start <= t.i < named.end for t in state.tokens):
            return None  # the state is part of the name the gazetteer matched
        return self._body(head, state)

    def _written_body(self, named: Candidate) -> Candidate | None:
        """A name the model found that reads "<state>'s <function>" ("The Netherlands'
        Data Protection Agency"), whatever the parse made of it."""
        if named.origin == "gazetteer" or named.type not in ORG_TYPES:
            return None
        words = [t for t in named.span if not t.is_punct and t.lower_ not in {"the", "'s"}]
        for cut in range(1, min(3, len(words) - 1) + 1):
            state = self.gazetteer.country(" ".join(t.text for t in words[:cut]))
            if state is None or state.type is not EntityType.COUNTRY:
                continue
            function = self.cues.function_of(" ".join(t.lower_ for t in words[cut:]))
            if function is not None:
                return self._body_candidate(named.span.start, named.span.end, state, function)
        return None

    def _span_of(self, head: Token, state: StateWord, mods: list[Token]) -> tuple[int, int]:
        tokens = [head, *state.tokens, *mods]
        start = min(t.i for t in tokens)
        end = max(t.i for t in tokens) + 1
        while end > start + 1 and self.doc[end - 1].is_punct:
            end -= 1
        return start, end

    def _government(self, head: Token, state: StateWord) -> Candidate | None:
        words = {head.lower_, head.lemma_.lower()}
        if not words & self.cues.government_words:
            return None
        mods = self._modifiers(head, state)
        if any(m.lower_ not in self.cues.government_modifiers for m in mods if m.is_alpha):
            return None  # "the Chinese government's procurement office" is something else
        start, end = self._span_of(head, state, [])  # "previous", "new": not in the name
        span = self.doc[start:end]
        entry = state.state
        return Candidate(span, EntityType.COUNTRY, entry.key, entry.name, "government", "rule")

    def _body(self, head: Token, state: StateWord) -> Candidate | None:
        plural = head.tag_ in {"NNS", "NNPS"} and head.lower_ not in self.cues.functions
        if state.state.type is not EntityType.COUNTRY or plural:
            return None  # "data protection authorities in France and Italy" are several
        mods = self._modifiers(head, state)
        phrase = " ".join([*(m.lower_ for m in mods), head.lower_])
        function = self.cues.function_of(phrase)
        if function is None and not mods and head.lemma_.lower() in GENERAL_BODY_NOUNS:
            function = self.context.function
        if function is None:
            return None
        start, end = self._span_of(head, state, mods)
        return self._body_candidate(start, end, state.state, function)

    def _body_candidate(
        self, start: int, end: int, state: GazetteerEntry, function: str
    ) -> Candidate:
        """The body of `state` that does `function`: the gazetteer's, else a described one."""
        span = self.doc[start:end]
        self.context.function = function
        entry = self.gazetteer.body(state.key, function)
        if entry is not None:
            return Candidate(
                span,
                entry.type,
                entry.key,
                entry.name,
                "described",
                "rule",
                entry.qid,
                part_of=state.key,
                function=function,
            )
        key, name = described_body(state, function, self.cues)
        return Candidate(
            span,
            EntityType.PUBLIC_BODY,
            key,
            name,
            "described",
            "rule",
            part_of=state.key,
            function=function,
        )


def described_body(state: GazetteerEntry, function: str, cues: PartyCues) -> tuple[str, str]:
    """(key, name) of the body of a state the gazetteer does not hold: "Serbia Police",
    named as the gazetteer names bodies by function."""
    title = cues.function_names.get(function, function).title()
    name = f"{state.name} {title}"
    return f"{EntityType.PUBLIC_BODY.value.lower()}:{slug(name)}", name


def add_bodies(
    doc: Doc,
    candidates: list[Candidate],
    gazetteer: Gazetteer,
    cues: PartyCues,
    context: DocumentContext,
) -> list[Candidate]:
    """The block's candidates with government and state-body phrases read in: a phrase
    replaces the spans inside it ("the Sudanese government" absorbs "Sudanese")."""
    reader = BodyReader(doc, candidates, gazetteer, cues, context)
    found = reader.read()
    if not found:
        return _with_states(candidates, gazetteer)
    kept = [c for c in candidates if not any(f.start <= c.start and c.end <= f.end for f in found)]
    kept = [c for c in kept if not any(c.overlaps(f) for f in found)]
    return _with_states(sorted(kept + found, key=lambda c: c.start), gazetteer)


def _with_states(candidates: list[Candidate], gazetteer: Gazetteer) -> list[Candidate]:
    """Gazetteer bodies carry the state they belong to."""
    result = []
    for cand in candidates:
        if cand.part_of is None and cand.type in ORG_TYPES and cand.origin == "gazetteer":
            entry = gazetteer.entries.get(cand.key)
            state = gazetteer.country(entry.country) if entry and entry.country else None
            if state is not None and cand.type is EntityType.PUBLIC_BODY:
                cand.part_of = state.key
        result.append(cand)
    return result
