"""Where the parties of a noun trigger stand: its prepositions, holder and field.

Functions over the parse and the lexicon, used by the frames of noun triggers ("the
contract with C", "A's investment in C", "cyber cooperation between A and B").
"""

from __future__ import annotations

from spacy.tokens import Token

from tracewire.extract.claims.lexicon import Lexicon
from tracewire.extract.claims.syntax import (
    by_agents,
    children,
    is_passive,
    prep_objects,
    span_text,
    subjects,
)
from tracewire.extract.mentions import Candidate
from tracewire.records import EntityType, Relation


def light_relatives(noun: Token, lexicon: Lexicon) -> list[Token]:
    """ "a contract that ZTE signed with TCI": a relative clause of a light verb."""
    return [r for r in children(noun, "relcl") if r.lemma_.lower() in lexicon.light_verbs]


def noun_preps(noun: Token, lexicon: Lexicon) -> dict[str, list[Token]]:
    """Prepositional objects of the noun and of a participle modifying it
    ("the MOU signed between A and B", "a contract with C")."""
    found = prep_objects(noun)
    hosts = children(noun, "acl", "amod") + light_relatives(noun, lexicon)
    hosts += [o for p in children(noun, "prep") if p.lower_ == "of" for o in children(p, "pobj")]
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in lexicon.light_verbs:
        hosts.append(noun.head)  # "signed a contract with C": "with" hangs off the verb
    for host in hosts:
        for key, objs in prep_objects(host).items():
            found.setdefault(key, []).extend(o for o in objs if o not in found.get(key, []))
    # "a contract for 7.5 million euros with X", "a deal worth $20m with X": the parser
    # hangs the partner's phrase on the amount
    for amount in [o for key in AMOUNT_PREPS for o in found.get(key, []) if is_amount(o)]:
        for prep in children(amount, "prep"):
            for obj in children(prep, "pobj"):
                if obj not in found.get(prep.lower_, []):
                    found.setdefault(prep.lower_, []).append(obj)
    return found


AMOUNT_PREPS = ("for", "worth", "of", "at")


def is_amount(token: Token) -> bool:
    """Whether a word heads a sum of money or a count ("7.5 million euros", "$20m")."""
    return (
        token.like_num
        or token.ent_type_ == "MONEY"
        or any(c.dep_ in {"nummod", "quantmod"} for c in token.children)
    )


def noun_agents(noun: Token, lexicon: Lexicon) -> list[Token]:
    """Who holds the noun's action: possessor, by-phrase, or the governing verb's subject."""
    # "their cooperation": a possessive pronoun leaves the governing verb's subject
    agents = [p for p in children(noun, "poss") if p.pos_ != "PRON"]
    for relative in light_relatives(noun, lexicon):
        agents += [s for s in children(relative, "nsubj") if s.lower_ not in {"that", "which"}]
    agents += [c for c in children(noun, "compound") if c.pos_ == "PROPN"]
    # a state's adjective names who acts: "American sanctions", "Chinese loans"
    agents += [c for c in children(noun, "amod") if c.text[:1].isupper()]
    agents += [
        obj
        for prep in children(noun, "prep")
        if prep.lower_ == "by"
        for obj in children(prep, "pobj")
    ]
    if agents:
        return agents
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in lexicon.light_verbs:
        return by_agents(head) if is_passive(head) else subjects(head)
    if noun.dep_ == "nsubjpass" and head.lemma_.lower() in lexicon.light_verbs:
        # "the contract was awarded to X by Y": both are parties
        return by_agents(head) + prep_objects(head).get("to", [])
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"}:
        verb = head.head
        if verb.lemma_.lower() in lexicon.light_verbs:
            return subjects(verb)
    if noun.dep_ == "attr":
        return subjects(head)
    if noun.dep_ == "appos":
        return [head]
    return []


def under(noun: Token) -> list[Token]:
    """ "X is under US sanctions": the subject of the verb whose "under" phrase holds the
    noun is what the noun acts on."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "under" or prep.dep_ != "prep":
        return []
    return subjects(prep.head) or children(prep.head, "nsubjpass")


def names_field(
    trigger: Token, relation: Relation, lexicon: Lexicon, named: dict[int, Candidate]
) -> bool:
    """Whether a relation that needs a field names one: "cyber cooperation", "cooperate on
    policing", "in the field of intelligence", "joint exercises". `named` maps token
    indices to the names found in the block."""
    cues = lexicon.fields.get(relation)
    if cues is None or trigger.lemma_.lower() in cues.implied:
        return True
    for child in trigger.children:
        words = (child.lemma_.lower(), child.lower_, span_text(child).lower())
        if child.dep_ in {"amod", "compound", "nmod", "npadvmod"} and any(
            cues.names(w) for w in words
        ):
            return True
        if child.dep_ == "advmod" and child.lower_ in cues.adverbs:
            return True
    preps = noun_preps(trigger, lexicon) if trigger.pos_ != "VERB" else prep_objects(trigger)
    objects = [o for p in cues.preps for o in preps.get(p, [])]
    objects += [  # a field phrase the parser hung on a party: "with Huawei on crime"
        o
        for p in trigger.subtree
        if p.dep_ == "prep" and p.lower_ in cues.preps and p.head.i in named
        for o in children(p, "pobj")
    ]
    if trigger.pos_ == "VERB" and any(  # the actors name it: "intelligence services"
        cues.names(t.lower_) or cues.names(t.lemma_.lower())
        for s in subjects(trigger)
        for t in s.subtree
    ):
        return True
    for obj in objects:  # "in the field of X", "in areas such as X"
        objects += [o for p in children(obj, "prep") for o in children(p, "pobj")]
        found = named.get(obj.i)
        if found is not None and found.type is not EntityType.TECHNOLOGY:
            continue  # "cooperation in Iran" is a place, not a field
        if found is not None or obj.lemma_.lower() in lexicon.technology_nouns:
            return True
        if any(cues.names(t.lower_) or cues.names(t.lemma_.lower()) for t in obj.subtree):
            return True
    return False


# Prepositions that frame an act as done within a deal: "bought X under a contract with Y",
# "as part of a deal with Y", "through an agreement with Y"
DEAL_PREPS = {"under", "through", "via", "in", "within", "as"}


def deal_verb(noun: Token) -> Token | None:
    """The verb a deal noun frames: "bought drones [as part of / under] a deal with X"."""
    node = noun
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_ == "part":
        node = node.head.head  # "as part of a deal"
    prep = node.head
    if node.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in DEAL_PREPS:
        return None
    if node.lemma_ == "part" and prep.lower_ != "as":
        return None
    return prep.head if prep.head.pos_ == "VERB" else None


def deal_nouns(verb: Token, lexicon: Lexicon) -> list[Token]:
    """The contract or agreement nouns that frame a verb ("as part of a deal", "under an
    agreement")."""
    found = []
    for prep in children(verb, "prep"):
        for obj in children(prep, "pobj"):
            for noun in [obj, *(o for p in children(obj, "prep") for o in children(p, "pobj"))]:
                relations = {t.relation for t in lexicon.noun_triggers(noun.lemma_)}
                if relations & {Relation.CONTRACT, Relation.AGREEMENT} and deal_verb(noun) == verb:
                    found.append(noun)
    return found
