"""What frames read off the parse besides the trigger: parties of tokens, the goods and
who makes, holds or uses them, by-agents, and the keepers of sanctions lists."""

from __future__ import annotations

from spacy.tokens import Token

from tracewire.extract.claims.lexicon import Lexicon
from tracewire.extract.claims.parties import PartyResolver, Resolved
from tracewire.extract.claims.syntax import by_agents, children, span_text, subjects
from tracewire.records import EntityType, Party, Relation

PEOPLE_AND_BODIES = {
    EntityType.PERSON,
    EntityType.PUBLIC_BODY,
    EntityType.ORGANIZATION,
    EntityType.COMPANY,
}
LISTS = {"list", "blacklist", "register", "registry"}


class Reading:
    """Readings shared by the frames of one parsed block."""

    def __init__(
        self, resolver: PartyResolver, lexicon: Lexicon, authority: Party | None = None
    ) -> None:
        self.resolver = resolver
        self.lexicon = lexicon
        self.authority = authority  # who sanctioned last in the document

    def parties(self, tokens: list[Token], relation: Relation) -> list[Resolved]:
        found: dict[str, Resolved] = {}
        for token in tokens:
            for resolved in self.resolver.resolve(token, relation):
                found.setdefault(resolved.party.entity_key, resolved)
        return list(found.values())

    def _technology(self, tokens: list[Token]) -> str | None:
        """The phrase naming the goods: a noun that is no party, or a goods noun whatever
        names its maker ("Hytera radios")."""
        for token in tokens:
            if token.pos_ not in {"NOUN", "PROPN"}:
                continue
            goods = token.lemma_.lower() in self.lexicon.technology_nouns
            if goods or not self.parties([token], Relation.SUPPLIES):
                return span_text(token)
        return None

    def _is_technology(self, tokens: list[Token]) -> bool:
        """Whether one of the phrases names goods or services ("cameras", "spyware")."""
        for token in tokens:
            for member in [token, *token.conjuncts]:
                named = self.resolver.by_token.get(member.i)
                if named is not None and named.type is EntityType.TECHNOLOGY:
                    return True
                if member.lemma_.lower() in self.lexicon.technology_nouns:
                    return True
        return False

    def _agents(self, verb: Token, relation: Relation) -> list[Resolved]:
        """The by-phrase of a passive, with names the parser left hanging inside it
        ("signed by Okello and Kenya's minister Wafula" parsed as one noun phrase)."""
        heads = by_agents(verb) or [  # "equipped with a platform by Huawei": by under the object
            obj
            for prep in verb.subtree
            if prep.dep_ == "agent" or (prep.dep_ == "prep" and prep.lower_ == "by")
            if prep.head.pos_ in {"NOUN", "PROPN"}
            for obj in children(prep, "pobj")
        ]
        extra = [
            t
            for head in heads
            for t in head.subtree
            if t.dep_ in {"nmod", "conj"}
            and t.i in self.resolver.by_token
            and self.resolver.by_token[t.i].type in PEOPLE_AND_BODIES
            and not children(t, "case")
        ]
        return self.parties(heads + extra, relation)

    # -- verbs ------------------------------------------------------------------------

    def _users(self, verb: Token, relation: Relation) -> list[Resolved]:
        """ "Belarus deployed equipment supplied by X": who uses, buys or deploys goods
        supplied by someone else receives them."""
        lemma = verb.lemma_.lower()
        frames = {t.frame for t in self.lexicon.verb_triggers(lemma, verb.text)}
        if not ({"use", "acquire"} & frames or lemma in self.lexicon.locative):
            return []
        return self.parties(subjects(verb), relation)

    def _holders(self, objects: list[Token], relation: Relation) -> list[Resolved]:
        """The state or state body whose goods they are: "upgraded Serbia's cameras"."""
        owners = [c for o in objects for c in children(o, "poss")]
        return [
            r
            for r in self.parties(owners, relation)
            if r.party.type in {EntityType.COUNTRY, EntityType.PUBLIC_BODY}
        ]

    @staticmethod
    def _loose_recipients(verb: Token, objects: list[Token]) -> list[Token]:
        """A "to" phrase the parser hung elsewhere: inside the object ("supplied products
        used in X to Y") or on a misread coordinated word ("transfer A and B to Y")."""
        inside = [
            obj
            for o in objects
            for d in o.subtree
            if d.dep_ == "prep" and d.lower_ == "to"
            for obj in children(d, "pobj")
        ]
        if inside:
            return inside
        scope = verb.head if verb.dep_ in {"xcomp", "conj"} else verb
        return [
            obj
            for d in scope.subtree
            if d.dep_ == "prep"
            and d.lower_ == "to"
            and d.i > verb.i
            and not children(d.head, "nsubj", "nsubjpass")
            and d.head.dep_ == "conj"
            for obj in children(d, "pobj")
        ]

    def _makers(self, goods: list[Token]) -> list[Resolved]:
        """The state named as the goods' origin: "Chinese cameras", "Russian-made drones"."""
        found = []
        for obj in goods:
            if not self._is_technology([obj]):
                continue
            for acl in children(obj, "acl"):  # "cameras made by Hikvision"
                found += self._agents(acl, Relation.SUPPLIES)
            modifiers = [
                t
                for child in obj.children
                if child.dep_ == "amod"
                for t in child.children
                if t.dep_ in {"npadvmod", "compound", "amod"}
            ]  # "Chinese-made cameras"
            for child in [*obj.children, *modifiers]:
                named = self.resolver.by_token.get(child.i)
                if child.dep_ not in {"amod", "compound", "nmod", "npadvmod"} or named is None:
                    continue
                if named.type is EntityType.COUNTRY:  # "Chinese cameras": the state
                    found.append(Resolved(self.resolver.party_of(named), inferred=True))
                elif named.type is EntityType.COMPANY:  # "Sandvine equipment": the maker
                    found.append(Resolved(self.resolver.party_of(named)))
        return found

    def _list_keepers(self, named_lists: list[str]) -> list[Resolved]:
        """ "X was added to the Entity List": the list's keeper is the one acting."""
        keepers = []
        for name in named_lists:
            authority = self.lexicon.lists.get(name)
            party = self.resolver.authority(authority) if authority else None
            if party is not None:
                keepers.append(Resolved(party, inferred=True))
        return keepers

    def _list_owners(self, preps: dict[str, list[Token]], relation: Relation) -> list[Resolved]:
        """ "added to the US Treasury's sanctions list": whose list it is."""
        lists = [o for p in ("to", "on") for o in preps.get(p, []) if o.lemma_.lower() in LISTS]
        return self.parties([c for o in lists for c in children(o, "poss")], relation)

    def _last_authority(self, relation: Relation) -> list[Resolved]:
        """An agentless sanction ("were added to the list") after the document named who
        sanctions: that authority."""
        if relation is not Relation.SANCTIONS or self.authority is None:
            return []
        return [Resolved(self.authority, inferred=True)]
