"""What frames read off the parse besides the trigger: parties of tokens, the goods and
who makes, holds or uses them, by-agents, and the keepers of sanctions lists."""

from __future__ import annotations

from spacy.tokens import Token

from tracewire.extract.claims.lexicon import HedgeCues, Lexicon
from tracewire.extract.claims.nouns import noun_preps
from tracewire.extract.claims.parties import PartyResolver, Resolved
from tracewire.extract.claims.syntax import (
    by_agents,
    children,
    prep_objects,
    span_text,
    subjects,
)
from tracewire.records import EntityType, Hedge, Party, Relation

PEOPLE_AND_BODIES = {
    EntityType.PERSON,
    EntityType.PUBLIC_BODY,
    EntityType.ORGANIZATION,
    EntityType.COMPANY,
}
LISTS = {"list", "blacklist", "register", "registry"}
# Who may be the unnamed actor of an agentless sanction: the state or state body that says
# it ("X were sanctions targets, the Treasury said"), never a company or a reporter.
STATE_SPEAKERS = (EntityType.PUBLIC_BODY, EntityType.COUNTRY)
# Edges a claim's clause reaches a verb of saying through ("..., the ministry said"), and
# edges that leave the clause for a subordinate one (a relative or adverbial clause).
SPEECH_EDGES = {"ccomp", "parataxis"}
SUBORDINATE = {"relcl", "advcl", "acl", "csubj", "appos"}
SPEAKER_PRONOUNS = {"it", "they"}
COMPANY_PRONOUNS = {"it", "its", "they", "their"}
# Words that end the clause a range runs through ("ranges from A to B, but ...").
CLAUSE_BREAKS = {";", ":", "but", "while", "whereas", "which", "who", "that", "although"}
# Who keeps a sanctions list named by a modifier ("the US blacklist", "the EU's list")
LIST_OWNERS = {EntityType.COUNTRY, EntityType.PUBLIC_BODY, EntityType.ORGANIZATION}
MODIFIERS = ("nmod", "compound", "amod")
# Who may be the unnamed buyer of goods "bought in France", when they say so.
BUYERS = (EntityType.PUBLIC_BODY, EntityType.COUNTRY, EntityType.COMPANY)


class Reading:
    """Readings shared by the frames of one parsed block."""

    def __init__(
        self, resolver: PartyResolver, lexicon: Lexicon, authority: Party | None = None
    ) -> None:
        self.resolver = resolver
        self.lexicon = lexicon
        self.authority = authority  # who sanctioned last in the document

    def parties(self, tokens: list[Token], relation: Relation) -> list[Resolved]:
        """The parties the tokens stand for; a sanctions list ("the Entity List") is what
        a party is put on, never a party itself."""
        found: dict[str, Resolved] = {}
        for token in tokens:
            if token.lemma_.lower() in LISTS and self._list_names(token):
                continue  # "placed on the SDN list": the list's name is no party
            for resolved in self.resolver.resolve(token, relation):
                if not self._is_list_name(resolved.party.canonical):
                    found.setdefault(resolved.party.entity_key, resolved)
        return list(found.values())

    def _is_list_name(self, name: str) -> bool:
        """ "Entity List", "the SDN List", "Specially Designated Nationals List"."""
        lower = name.lower().removeprefix("the ")
        return lower in self.lexicon.lists or (
            lower.endswith("list") and any(key in lower for key in self.lexicon.lists)
        )

    def _technology(self, tokens: list[Token], cut: frozenset[str] = frozenset()) -> str | None:
        """The phrase naming the goods: a noun that is no party, or a goods noun whatever
        names its maker ("Hytera radios"); without the phrases of the prepositions `cut`."""
        for token in tokens:
            if token.pos_ not in {"NOUN", "PROPN"}:
                continue
            goods = token.lemma_.lower() in self.lexicon.technology_nouns
            if goods or not self.parties([token], Relation.SUPPLIES):
                return span_text(token, cut=cut)
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

    def _list_owners(self, lists: list[Token], relation: Relation) -> list[Resolved]:
        """ "added to the US Treasury's sanctions list", "made America's blacklist", "the
        US blacklist": whose list it is (not a name the list bears: "the SDN list")."""
        owners = [c for o in lists for c in children(o, "poss")]
        modifiers = [c for o in lists for c in children(o, *MODIFIERS)]
        modifiers += [g for c in modifiers for g in children(c, *MODIFIERS)]  # "EU sanctions list"
        for child in modifiers:
            cand = self.resolver.by_token.get(child.i)
            if (
                cand is not None
                and cand.type in LIST_OWNERS
                and not self._is_list_name(cand.span.text)
                and not self._is_list_name(cand.span.text + " list")
            ):
                owners.append(child)
        return self.parties(owners, relation)

    def _list_names(self, token: Token) -> list[str]:
        """The sanctions lists a phrase names ("the United States' blacklist"; not a list
        its relative clause mentions: "the naughty list, which ... the Entity List")."""
        text = token.doc[token.left_edge.i : token.i + 1].text.lower()
        return [name for name in self.lexicon.lists if name in text]

    def _targets_by_verb(self, noun: Token) -> bool:
        """ "The sanctions also targeted X": a sanction noun is the subject of a verb whose
        object it hits."""
        return noun.dep_ == "nsubj" and noun.head.lemma_.lower() in self.lexicon.target_verbs

    # -- goods and deals ---------------------------------------------------------------

    def _sources(self, verb: Token, goods: list[Token]) -> list[Resolved]:
        """Where goods come from, when a party: "deploying technologies from Russia",
        "equipment from Hexlon is used by", "using software from the firm X"."""
        tokens = prep_objects(verb).get("from", []) + [
            o
            for g in goods
            for p in children(g, "prep")
            if p.lower_ == "from"
            for o in children(p, "pobj")
        ]
        return [
            r
            for r in self.parties(tokens, Relation.SUPPLIES)
            if r.party.type is not EntityType.LOCATION
        ]

    def _partners(self, deal: Token) -> list[Token]:
        """The other side of a deal noun: "a deal with Israel"."""
        return noun_preps(deal, self.lexicon).get("with", [])

    def _origin_states(self, places: list[Token], buyers: list[Resolved]) -> list[Resolved]:
        """ "The drones were bought in Israel": a state named as where goods were bought
        sold them (not a capital, which is a place of signing, nor the buyer's own state)."""
        own = {s.entity_key for b in buyers if (s := self.resolver.state_of(b.party)) is not None}
        found = []
        for place in places:
            cand = self.resolver.by_token.get(place.i)
            if cand is None or cand.type is not EntityType.COUNTRY or cand.form == "capital":
                continue
            for resolved in self.parties([place], Relation.SUPPLIES):
                if resolved.party.entity_key not in own:
                    found.append(resolved)
        return found

    # -- groups -----------------------------------------------------------------------

    def _named_members(self, group: Token) -> list[Token]:
        """The members the group's own verb names: "its customers include A and B",
        "the countries range from A and B to C" (the tokens naming them)."""
        verb = group.head
        if group.dep_ != "nsubj":
            return []
        lemma = verb.lemma_.lower()
        if lemma in self.lexicon.member_verbs:
            return children(verb, "dobj")
        if lemma in self.lexicon.range_verbs:  # "range from A [to B]", "span A and B"
            ends = [p for p in children(verb, "prep") if p.lower_ in {"from", "to"}]
            # the parser may hang "to B" on "from" or on A itself
            hosts = ends + [o for e in ends if e.lower_ == "from" for o in children(e, "pobj")]
            ends += [p for h in hosts for p in children(h, "prep") if p.lower_ == "to"]
            named = children(verb, "dobj") + [o for p in ends for o in children(p, "pobj")]
            return named + [t for t in self._range_words(verb) if t not in named]
        return []

    def _range_words(self, verb: Token) -> list[Token]:
        """The names a range runs through, read off the words after "from" up to the end of
        the clause, for the parser that hangs a long range's names elsewhere ("ranges from
        the UK, France, and Spain to Kenya": "Spain" made a second verb, "to Kenya" its)."""
        start = verb.i + 1
        if start >= verb.sent.end or verb.doc[start].lower_ != "from":
            return []
        found: list[Token] = []
        for token in verb.doc[start + 1 : verb.sent.end]:
            if token.pos_ in {"VERB", "AUX"} or token.lower_ in CLAUSE_BREAKS:
                break
            if token.i in self.resolver.by_token:
                found.append(token)
        return found

    def _stray_goods(self, verb: Token) -> list[Token]:
        """The object of a relative clause that the parser made a second subject of the
        main verb ("the list of countries that bought X's kits ranges from ...": "kits"
        hung on "ranges"): goods right after the clause, when the clause has no object."""
        clause = verb.head if verb.dep_ == "conj" else verb
        if children(verb, "dobj") or clause.dep_ != "relcl":
            return []
        group = clause.head
        holder = group.head.head if group.dep_ == "pobj" and group.head.lower_ == "of" else group
        if holder.dep_ != "nsubj":
            return []
        end = max(t.i for t in clause.subtree)
        return [
            s
            for s in children(holder.head, "nsubj")
            if s.i > end and s.left_edge.i == end + 1 and self._is_technology([s])
        ]

    def _clause_group(self, verb: Token, relation: Relation) -> list[Resolved]:
        """ "Countries that bought X's spyware include A and B", "the list of states using
        it ranges from A to B": the members of a group a relative clause describes (also
        through the clause's second verb: "states that use or have used X's kits")."""
        if verb.dep_ == "conj" and verb.head.dep_ in {"relcl", "acl"}:
            verb = verb.head
        if verb.dep_ not in {"relcl", "acl"}:
            return []
        group = verb.head
        lex = self.lexicon
        kinds = lex.group_nouns | lex.country_nouns | lex.company_nouns
        wholes = [  # "the list of countries", "a number of governments"
            o for p in children(group, "prep") if p.lower_ == "of" for o in children(p, "pobj")
        ]
        if not any({w.lemma_.lower(), w.lower_} & kinds for w in [group, *wholes]):
            return []
        if group.dep_ == "pobj" and group.head.lower_ == "of":  # "the list of countries that"
            return self.parties(self._named_members(group.head.head), relation)
        return self.parties(self._named_members(group), relation)

    def _pronoun_company(self, tokens: list[Token]) -> list[Resolved]:
        """ "Its customers range ...", "it made the blacklist": the company named last, for
        a pronoun the resolver leaves unread outside reported speech."""
        for token in tokens:
            if token.lower_ not in COMPANY_PRONOUNS:
                continue
            for kind in (EntityType.COMPANY, EntityType.ORGANIZATION):
                party = self.resolver.latest(kind, token)
                if party is not None:
                    return [Resolved(party, inferred=True)]
        return []

    def _last_authority(self, relation: Relation) -> list[Resolved]:
        """An agentless sanction ("were added to the list") after the document named who
        sanctions: that authority."""
        if relation is not Relation.SANCTIONS or self.authority is None:
            return []
        return [Resolved(self.authority, inferred=True)]

    def _speaking_authority(self, trigger: Token) -> list[Resolved]:
        """The state or state body a claim's clause is attributed to ("X and Y were
        sanctions targets, the Treasury said"; "..., it said" after the ministry was
        named): for a sanction that names no actor, the one announcing it imposed it."""
        return self._speaking(trigger, STATE_SPEAKERS, Relation.SANCTIONS)

    def _speaking(
        self,
        trigger: Token,
        kinds: tuple[EntityType, ...],
        relation: Relation = Relation.SUPPLIES,
    ) -> list[Resolved]:
        """The parties of the kinds given that say the clause carrying `trigger`; "it"
        and "they" for the latest of those kinds named before."""
        found: list[Resolved] = []
        for speaker in self._speakers(trigger):
            if speaker.lower_ in SPEAKER_PRONOUNS:  # named before the sentence, not in it
                start = speaker.sent[0]
                party = next((p for k in kinds if (p := self.resolver.latest(k, start))), None)
                found += [Resolved(party, inferred=True)] if party is not None else []
                continue
            found += [r for r in self.parties([speaker], relation) if r.party.type in kinds]
        return found

    def _speakers(self, trigger: Token) -> list[Token]:
        """Who says the clause that carries `trigger`: the subject of a verb of saying
        that governs it ("the ministry said X was ...") or is hung beside it ("X was ...,
        the ministry said"); none across a relative or adverbial clause."""
        saying = self.lexicon.hedges.get(Hedge.REPORTED, HedgeCues()).verbs
        node = trigger
        while True:
            for aside in children(node, "parataxis"):
                if aside.lemma_.lower() in saying:
                    return children(aside, "nsubj") or by_agents(aside)
            if node.head.i == node.i:
                return []
            edge, node = node.dep_, node.head
            if edge in SPEECH_EDGES and node.lemma_.lower() in saying:
                return children(node, "nsubj") or by_agents(node)
            if edge in SUBORDINATE:
                return []
