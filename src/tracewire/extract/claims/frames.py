"""Frames: where the parties of a trigger stand in the dependency parse.

Each frame turns one trigger token into raw claims: relation, subject and object parties,
the phrase naming what changes hands, and how directly the parties were named.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from tracewire.extract.claims.lexicon import Trigger
from tracewire.extract.claims.nouns import (
    deal_nouns,
    deal_verb,
    names_field,
    noun_agents,
    noun_preps,
    under,
)
from tracewire.extract.claims.parties import Resolved
from tracewire.extract.claims.reading import BUYERS, LISTS, PEOPLE_AND_BODIES, Reading
from tracewire.extract.claims.syntax import (
    PASSIVE_SUBJECTS,
    by_agents,
    children,
    companions,
    is_passive,
    prep_objects,
    span_text,
    subject_group,
    subjects,
)
from tracewire.records import EntityType, Relation

RECIPIENT_PREPS = ("to", "for")
TARGET_PREPS = ("in", "into", "on", "against", "to", "for", "of", "with")
# "invest in", "a stake in", "membership in"; elsewhere "in X" is where it happened
# ("a training course in Beijing" trains nobody in Beijing)
IN_TARGETS = {Relation.FUNDS, Relation.OWNS, Relation.MEMBER_OF}


def target_preps(relation: Relation) -> tuple[str, ...]:
    """The prepositions whose object is the target of a directed relation."""
    if relation in IN_TARGETS:
        return TARGET_PREPS
    return tuple(p for p in TARGET_PREPS if p not in {"in", "into"})


PAIR_PREPS = ("with", "between", "among", "and")
SHARES = {"percent", "per", "%", "stake", "share", "majority", "minority"}


@dataclass(frozen=True, slots=True)
class RawClaim:
    """A claim as read off the parse, before hedging and qualifiers."""

    relation: Relation
    subject: Resolved
    object: Resolved
    trigger: Token
    technology: str | None
    confidence: float


class Frames(Reading):
    """Applies the frame of a trigger to a token."""

    def verb(self, token: Token, trigger: Trigger) -> Iterator[RawClaim]:
        """Claims of a verb trigger."""
        particles = self.lexicon.particles.get(token.lemma_.lower())
        if particles and not any(c.lower_ in particles for c in children(token, "prt", "prep")):
            return  # "rolled out", "turned to"
        frame = trigger.frame
        if frame == "transfer":
            yield from self._transfer(token, trigger.relation)
        elif frame == "acquire":
            yield from self._acquire(token)
        elif frame == "use":
            yield from self._use(token)
        elif frame == "pay":
            yield from self._pay(token)
        elif frame == "directed":
            yield from self._directed(token, trigger.relation)
        elif frame == "passive_of":
            yield from self._passive_of(token, trigger.relation)
        elif frame == "bilateral":
            yield from self._bilateral_verb(token, trigger.relation)
        elif frame == "listed":
            yield from self._listed(token, trigger.relation)

    def _transfer(self, verb: Token, relation: Relation) -> Iterator[RawClaim]:
        preps = prep_objects(verb)
        objects = children(verb, "dobj")
        handed = objects or children(verb, *PASSIVE_SUBJECTS)
        if not handed and verb.dep_ == "acl":  # "the documents, provided to X by Y"
            handed = [verb.head]
        if handed and all(t.lemma_.lower() in self.lexicon.record_nouns for t in handed):
            return  # a source's papers, not goods
        if verb.lemma_.lower() in self.lexicon.locative and not is_passive(verb):
            sources = self._sources(verb, objects) if self._is_technology(objects) else []
            users = self.parties(subject_group(verb), relation)
            elsewhere = [t for p in RECIPIENT_PREPS for t in preps.get(p, [])]
            if elsewhere or self._origin_states(preps.get("in", []), users):
                sources = []  # "X installed cameras from China in Kenya": X supplies Kenya
            if sources:  # "Bolivia is deploying technologies from Russia": Bolivia uses them
                technology = self._technology(objects, cut=frozenset({"from"}))
                yield from self._pairs(
                    relation, sources, users, verb, technology=technology, confidence=0.65
                )
                return
        if verb.lemma_.lower() in self.lexicon.light_verbs and any(
            t.relation is not relation
            for o in objects
            for t in self.lexicon.noun_triggers(o.lemma_)
        ):
            return  # "provided a loan to X", "offered training to Y": the noun's relation
        datives = [d for d in children(verb, "dative") if d.pos_ != "ADP"]
        recipients = self.parties(
            datives + [t for p in RECIPIENT_PREPS for t in preps.get(p, [])], relation
        )
        weak = verb.lemma_.lower() in self.lexicon.weak
        if not recipients:
            recipients = self.parties(self._loose_recipients(verb, objects), relation)
        if is_passive(verb):
            agents = self._agents(verb, relation)
            patients = children(verb, *PASSIVE_SUBJECTS)
            patient_parties = self.parties(patients, relation)
            if patient_parties and not recipients:
                recipients = patient_parties  # "Iran was supplied with drones by X"
            if not recipients and verb.dep_ == "acl" and verb.head.dep_ == "dobj":
                recipients = self._users(verb.head.head, relation)
                patients = patients or [verb.head]  # the goods it describes
            if not agents and self._is_technology(patients):  # "X's spyware was sold to Y"
                owners = [c for p in patients for c in children(p, "poss")]
                agents = self.parties(owners, relation) or self._makers(patients)
            technology = (
                self._technology(patients)
                or self._technology(objects)  # "Zambia was sold software by X"
                or self._technology(preps.get("with", []))
            )
        else:
            agents = self.parties(subject_group(verb), relation)
            object_parties = self.parties(objects, relation)
            if not recipients and object_parties and not weak:
                recipients = object_parties  # "equip Peru's police", "supply the army with"
            if not recipients and self._is_technology(objects):
                recipients = self._holders(objects, relation)  # "build Kenya's network"
            if not recipients and verb.lemma_.lower() in self.lexicon.locative:
                recipients = [  # "built safe-city systems in Kenya"
                    r
                    for r in self.parties(preps.get("in", []), relation)
                    if r.party.type in {EntityType.COUNTRY, EntityType.PUBLIC_BODY}
                ]
            technology = self._technology(objects) or self._technology(preps.get("with", []))
            if technology is None and objects and recipients and object_parties != recipients:
                # the object is the goods even when it is a name: "sold its Tiangou Gateway to"
                technology = span_text(objects[0], frozenset({"poss", "case"}))
        if weak and not self._is_technology(objects + preps.get("with", [])):
            return
        yield from self._pairs(
            relation, agents, recipients, verb, technology=technology, confidence=0.8
        )

    def _acquire(self, verb: Token) -> Iterator[RawClaim]:
        preps = prep_objects(verb)
        supplies = Relation.SUPPLIES
        if is_passive(verb):  # "the drones were bought by Zambia", "... bought in France"
            goods = children(verb, *PASSIVE_SUBJECTS)
            if not self._is_technology(goods):
                return  # "Hexlon was bought by X" is a takeover (owns), not a purchase
            buyers = self._agents(verb, supplies)
        else:
            goods = children(verb, "dobj") or self._stray_goods(verb)
            buyers = self.parties(subject_group(verb), supplies)
        turned_to: list[Resolved] = []
        if not goods:  # "turned to US technology"; "turned to China for drones"
            particles = self.lexicon.particles.get(verb.lemma_.lower(), frozenset())
            after = [o for p in sorted(particles) for o in preps.get(p, [])]
            turned_to = self.parties(after, supplies)
            goods = preps.get("for", []) if turned_to else after
            if after and not self._is_technology(goods):
                return  # "turned to Uganda for help", "turned to the press"
        # "countries that bought X's tools include A and B"; "the ministry said the
        # cameras were bought in France"
        buyers = buyers or self._clause_group(verb, supplies)
        if not buyers and is_passive(verb):
            buyers = self._speaking(verb, BUYERS)
        inside = [  # "received a system worth $5 million from China": "from" under the goods
            o for g in goods for p in g.subtree if p.lower_ == "from" for o in children(p, "pobj")
        ]
        sellers = turned_to or self.parties(preps.get("from", []) or inside, supplies)
        if not sellers:  # "bought Russian drones": the goods' nationality is the seller
            sellers = self._makers(goods)
        if not sellers and self._is_technology(goods):  # "bought Norvik's tools"
            sellers = self.parties([c for g in goods for c in children(g, "poss")], supplies)
        if not sellers:  # "bought the spyware as part of a deal with Israel"
            sellers = self.parties(
                [w for d in deal_nouns(verb, self.lexicon) for w in self._partners(d)], supplies
            )
        if not sellers and self._is_technology(goods):  # "the drones were bought in Israel"
            sellers = self._origin_states(preps.get("in", []), buyers)
        other = [
            t.relation
            for g in goods
            for t in self.lexicon.noun_triggers(g.lemma_)
            if t.relation is not Relation.SUPPLIES
        ]
        if other:  # "received a grant from the EU", "obtained training from Russia"
            yield from self._pairs(other[0], sellers, buyers, verb, confidence=0.75)
            return
        technology = self._technology(goods, cut=frozenset({"from", "in"}))
        yield from self._pairs(
            Relation.SUPPLIES, sellers, buyers, verb, technology=technology, confidence=0.75
        )

    def _pay(self, verb: Token) -> Iterator[RawClaim]:
        """ "The ministry paid Safaricom $5 million for the network": the payee supplies."""
        goods = prep_objects(verb).get("for", [])
        if not self._is_technology(goods):
            return
        buyers = self.parties(subjects(verb), Relation.SUPPLIES)
        sellers = self.parties(children(verb, "dative", "dobj"), Relation.SUPPLIES)
        yield from self._pairs(
            Relation.SUPPLIES,
            sellers,
            buyers,
            verb,
            technology=self._technology(goods),
            confidence=0.7,
        )

    def _use(self, verb: Token) -> Iterator[RawClaim]:
        if is_passive(verb):  # "X's equipment was used by Y"
            users = self._agents(verb, Relation.SUPPLIES)
            goods = children(verb, *PASSIVE_SUBJECTS)
        else:
            users = self.parties(subjects(verb), Relation.SUPPLIES)
            goods = children(verb, "dobj") or self._stray_goods(verb)
        users = users or self._clause_group(verb, Relation.SUPPLIES)
        if not users and is_passive(verb):  # "X's equipment was used to censor it in Y"
            users = [
                u
                for u in self.parties(self._places(verb), Relation.SUPPLIES)
                if u.party.type in {EntityType.COUNTRY, EntityType.PUBLIC_BODY}
            ]
        for obj in goods:
            if not self._is_technology([obj]):
                continue
            owners = [c for c in obj.children if c.dep_ == "poss" and c.pos_ in {"PROPN", "NOUN"}]
            makers = [  # "ran the software of the US company X": X is a company, not a place
                r
                for r in self.parties(prep_objects(obj).get("of", []), Relation.SUPPLIES)
                if r.party.type is EntityType.COMPANY
            ]
            suppliers = (
                self.parties(owners, Relation.SUPPLIES)
                or makers
                or self._makers([obj])
                or self._sources(verb, [obj])  # "equipment from Hexlon is used by"
            )
            technology = span_text(obj, frozenset({"poss", "case"}), cut=frozenset({"from"}))
            yield from self._pairs(
                Relation.SUPPLIES, suppliers, users, verb, technology=technology, confidence=0.6
            )

    @staticmethod
    def _places(verb: Token) -> list[Token]:
        """Where a use happened: "in" objects of the verb and of the purpose it serves
        ("was used to censor websites in Y")."""
        verbs = [verb, *children(verb, "xcomp", "advcl")]
        return [o for v in verbs for o in prep_objects(v).get("in", [])]

    def _directed(self, verb: Token, relation: Relation) -> Iterator[RawClaim]:
        lemma = verb.lemma_.lower()
        sentence = verb.sent.text.lower()
        named_lists = [n for n in self.lexicon.lists if n in sentence]
        passive = is_passive(verb)
        speakers = (  # "X was designated, the Treasury said": who announces it
            self._speaking_authority(verb) if passive and relation is Relation.SANCTIONS else []
        )
        listing = bool(named_lists) or (  # "were also added", after the document said who lists
            passive
            and relation is Relation.SANCTIONS
            and (self.authority is not None or bool(speakers))
        )
        if lemma in self.lexicon.requires_list and not listing:
            return
        preps = prep_objects(verb)
        # "X, along with Y, was added": Y shares the subject's role; after an active verb's
        # object it shares the object's ("sanctioned X along with Y")
        along = preps.get("along", [])
        if passive:
            lists = [o for p in ("to", "on") for o in preps.get(p, []) if o.lemma_.lower() in LISTS]
            actors = (
                self._agents(verb, relation)
                or self._list_owners(lists, relation)  # "America's Entity List": America
                or self._list_keepers(named_lists)
                or speakers
                or self._last_authority(relation)  # "were added to the list" after "X added"
            )
            targets = self.parties(companions(children(verb, *PASSIVE_SUBJECTS)) + along, relation)
        else:
            actors = self.parties(subject_group(verb), relation)
            objects = children(verb, "dative") + children(verb, "dobj")
            if (
                relation is Relation.OWNS
                and self._is_technology(objects)
                and not any(  # "acquired Saltmere Networks" names a company
                    (named := self.resolver.by_token.get(o.i)) is not None
                    and named.type is not EntityType.TECHNOLOGY
                    for o in objects
                )
            ):
                return  # "operated the cameras of X" is a use of X's goods, not owning X
            after = [a for a in along if a.i > verb.i] if objects else []
            targets = self.parties(objects + after, relation)
        if not targets:
            objects = [t for p in target_preps(relation) for t in preps.get(p, [])]
            targets = self.parties(objects, relation)
        if not targets and relation is Relation.FUNDS:  # "funded Kenya's ID programme"
            goods = children(verb, "dobj") + [t for p in ("in", "into") for t in preps.get(p, [])]
            targets = self._holders(goods, relation)
        if relation is Relation.OWNS:
            targets = [t for t in targets if t.party.type is not EntityType.COUNTRY]
        yield from self._pairs(relation, actors, targets, verb, technology=None, confidence=0.75)

    def _passive_of(self, verb: Token, relation: Relation) -> Iterator[RawClaim]:
        if not is_passive(verb):
            return
        owners = self._agents(verb, relation)
        owned_tokens = children(verb, *PASSIVE_SUBJECTS) or (
            [verb.head] if verb.dep_ == "acl" else []
        )
        head = verb.head
        if verb.dep_ == "acl" and head.lemma_.lower() in SHARES and head.dep_ == "attr":
            owned_tokens = subjects(head.head)  # "X is 42 percent owned by Y"
        owned = self.parties(owned_tokens, relation)
        yield from self._pairs(relation, owners, owned, verb, technology=None, confidence=0.8)

    def _listed(self, verb: Token, relation: Relation) -> Iterator[RawClaim]:
        """ "X made the United States' blacklist, along with Y", "X landed on the Entity
        List": the subject is put on a sanctions list by the list's owner or keeper."""
        if is_passive(verb):
            return
        preps = prep_objects(verb)
        places = children(verb, "dobj") + [o for p in ("on", "onto") for o in preps.get(p, [])]
        lists = [o for o in places if self._list_names(o)]
        if not lists:
            return
        actors = (
            self._list_owners(lists, relation)
            or self._list_keepers([n for o in lists for n in self._list_names(o)])
            or self._speaking_authority(verb)
            or self._last_authority(relation)
        )
        listed = subjects(verb)  # "it made the blacklist": the company named last
        targets = self.parties(companions(listed), relation) or self._pronoun_company(listed)
        targets += self.parties(preps.get("along", []), relation)
        yield from self._pairs(relation, actors, targets, verb, technology=None, confidence=0.7)

    def _bilateral_verb(self, verb: Token, relation: Relation) -> Iterator[RawClaim]:
        preps = prep_objects(verb)
        if is_passive(verb):
            first = self._agents(verb, relation)
            first += self.parties(children(verb, *PASSIVE_SUBJECTS), relation)
        else:
            first = self.parties(subjects(verb) + preps.get("along", []), relation)
        second = self.parties(
            children(verb, "dobj") + [t for p in PAIR_PREPS for t in preps.get(p, [])], relation
        )
        yield from self._bilateral(relation, first, second, verb, 0.75)

    # -- nouns ------------------------------------------------------------------------

    def noun(self, token: Token, trigger: Trigger) -> Iterator[RawClaim]:
        """Claims of a noun trigger."""
        if trigger.modifier and not any(
            c.lemma_.lower() == trigger.modifier or c.lower_ == trigger.modifier
            for c in token.children
            if c.dep_ in {"compound", "amod", "nmod"}
        ):
            return
        frame = trigger.frame
        preps = noun_preps(token, self.lexicon)
        agents = self.parties(noun_agents(token, self.lexicon), trigger.relation)
        for acl in children(token, "acl"):
            agents += [a for a in self._agents(acl, trigger.relation) if a not in agents]
        own = self.resolver.by_token.get(token.i)  # a named agreement is not its own party
        if own is not None:
            agents = [a for a in agents if a.party.entity_key != own.key]
        if frame == "transfer":
            recipients = self.parties(
                [t for p in RECIPIENT_PREPS for t in preps.get(p, [])], trigger.relation
            )
            technology = self._technology(preps.get("of", []))
            yield from self._pairs(
                trigger.relation, agents, recipients, token, technology=technology, confidence=0.7
            )
        elif frame == "directed":
            targets = self.parties(
                [t for p in target_preps(trigger.relation) for t in preps.get(p, [])],
                trigger.relation,
            )
            if not targets:  # "X is under US sanctions", "X remains under an EU ban"
                targets = self.parties(under(token), trigger.relation)
            by_verb = not targets and self._targets_by_verb(token)
            if by_verb:  # "the sanctions also targeted X"
                targets = self.parties(children(token.head, "dobj"), trigger.relation)
            if targets and not agents and trigger.relation is Relation.SANCTIONS:
                agents = self._speaking_authority(token) or (  # "..., the ministry said"
                    self._last_authority(trigger.relation) if by_verb else []
                )
            yield from self._pairs(  # hedged and dated by the verb: "will also target X"
                trigger.relation,
                agents,
                targets,
                token.head if by_verb else token,
                technology=None,
                confidence=0.7,
            )
        elif frame == "clientele":
            yield from self._clientele(token, trigger.relation)
        elif frame == "target":
            yield from self._target(token, trigger.relation)
        elif frame == "owned_by":
            owners = self.parties(preps.get("of", []), trigger.relation)
            yield from self._pairs(
                trigger.relation, owners, agents, token, technology=None, confidence=0.75
            )
        elif frame == "bilateral":
            second = self.parties(
                [t for p in PAIR_PREPS for t in preps.get(p, [])], trigger.relation
            )
            verb = deal_verb(token)
            if not agents and verb is not None:  # "Peru bought drones under a deal with X"
                agents = self.parties(
                    by_agents(verb) if is_passive(verb) else subjects(verb), trigger.relation
                )
            scope = token.head if token.dep_ == "dobj" else token  # the light verb's phrase
            goods = preps.get("for") or [  # "a contract with X for CCTV cameras"
                o
                for p in scope.subtree
                if p.dep_ == "prep" and p.lower_ == "for"
                for o in children(p, "pobj")
            ]
            technology = (  # "a contract for 40 drones with X": the goods, not the partner
                self._technology(goods, cut=frozenset(PAIR_PREPS))
                if self._is_technology(goods)
                else None
            )
            yield from self._bilateral(
                trigger.relation, agents, second, token, 0.7, technology=technology
            )

    def _clientele(self, noun: Token, relation: Relation) -> Iterator[RawClaim]:
        """ "X's customers include A and B", "clients of X included A", "its customers
        range from A to B": the holder of the clientele supplies each member named (never
        the customers' nationality)."""
        members = self._named_members(noun)
        if not members:
            return
        holders = children(noun, "poss", "compound") + noun_preps(noun, self.lexicon).get("of", [])
        suppliers = self.parties(holders, relation) or self._pronoun_company(holders)
        clients = self.parties(members, relation)
        yield from self._pairs(
            relation, suppliers, clients, noun.head, technology=None, confidence=0.7
        )

    def _target(self, noun: Token, relation: Relation) -> Iterator[RawClaim]:
        """ "X and Y were sanctions targets", "X, a US sanctions target": the noun names
        the target; the actor is the state its modifiers name, else the state body that
        says so, else the authority named before."""
        if noun.dep_ in {"attr", "oprd"}:
            targets = subjects(noun.head) or children(noun.head, *PASSIVE_SUBJECTS)
        elif noun.dep_ == "appos":
            targets = [noun.head]
        else:
            return
        modifiers = [
            m
            for c in noun.children
            if c.dep_ in {"compound", "amod", "nmod", "poss"}
            for m in (c, *c.children)
            if m.i in self.resolver.by_token
        ]
        actors = (
            self.parties(modifiers, relation)
            or self._speaking_authority(noun)
            or self._last_authority(relation)
        )
        yield from self._pairs(
            relation,
            actors,
            self.parties(targets, relation),
            noun,
            technology=None,
            confidence=0.7,
        )

    # -- pairing ----------------------------------------------------------------------

    def _pairs(
        self,
        relation: Relation,
        subjects_: list[Resolved],
        objects_: list[Resolved],
        trigger: Token,
        *,
        technology: str | None = None,
        confidence: float,
    ) -> Iterator[RawClaim]:
        for subject in subjects_:
            for obj in objects_:
                if subject.party.entity_key == obj.party.entity_key:
                    continue
                yield RawClaim(
                    relation, subject, obj, trigger, technology, _score(confidence, subject, obj)
                )

    def _bilateral(
        self,
        relation: Relation,
        first: list[Resolved],
        second: list[Resolved],
        trigger: Token,
        confidence: float,
        *,
        technology: str | None = None,
    ) -> Iterator[RawClaim]:
        if not names_field(trigger, relation, self.lexicon, self.resolver.by_token):
            return
        if relation is Relation.MEETS:
            first = [p for p in first if p.party.type in PEOPLE_AND_BODIES]
            second = [p for p in second if p.party.type in PEOPLE_AND_BODIES]
        if first and second:
            yield from self._pairs(
                relation, first, second, trigger, technology=technology, confidence=confidence
            )
            return
        group = first or second
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                yield from self._pairs(
                    relation, [a], [b], trigger, technology=technology, confidence=confidence
                )


def _score(base: float, subject: Resolved, obj: Resolved) -> float:
    penalty = 0.15 * (subject.inferred + obj.inferred)
    return round(max(0.2, base - penalty), 2)
