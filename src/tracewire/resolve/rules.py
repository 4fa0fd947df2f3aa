"""Merge rules: which pairs of entities name the same real-world actor, and why.

Each rule proposes positive edges; `clusters` applies them under the never-merge
constraints (two gazetteer entities, two types, a user's split).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations

from tracewire.ontology import load_gazetteer, load_type_rules
from tracewire.records import EntityType
from tracewire.resolve.keys import (
    acronym_of,
    core_forms,
    org_key,
    person_tokens,
    plain,
    typo_distance,
)

ORGANISATIONS = {
    EntityType.COMPANY,
    EntityType.ORGANIZATION,
    EntityType.PUBLIC_BODY,
    EntityType.AGREEMENT,
}


@dataclass(slots=True)
class EntityInfo:
    """What the rules know of one entity."""

    key: str
    canonical: str
    type: EntityType
    gazetteer: bool
    names: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    counterparts: set[str] = field(default_factory=set)
    mentions: int = 0
    state: str | None = None  # for a state body: the key of the state it is part of

    def shares_context(self, other: EntityInfo) -> bool:
        """Same document, or a shared counterparty in claims."""
        return bool(self.documents & other.documents or self.counterparts & other.counterparts)


@dataclass(frozen=True, slots=True)
class Edge:
    """A proposed merge of two entity keys, with the rule that proposed it."""

    left: str
    right: str
    rule: str
    strength: float


def _compatible_tokens(a: list[str], b: list[str]) -> bool:
    """Same number of name parts, each equal or one a prefix of the other (3+ letters)."""
    if len(a) != len(b) or len(a) < 2:
        return False
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        short, long_ = sorted((x, y), key=len)
        if len(short) < 3 or not long_.startswith(short):
            return False
    return True


def name_forms(entities: list[EntityInfo]) -> Iterator[Edge]:
    """Names equal once legal form, case, quotes, plurals and "the" are set aside."""
    by_key: dict[tuple[EntityType, str], list[EntityInfo]] = defaultdict(list)
    for entity in entities:
        if entity.type in ORGANISATIONS:
            for key in {org_key(n) for n in entity.names | {entity.canonical}} - {""}:
                by_key[(entity.type, key)].append(entity)
    for group in by_key.values():
        for a, b in combinations(group, 2):
            yield Edge(a.key, b.key, "name-form", 0.95)


def transliterations(entities: list[EntityInfo]) -> Iterator[Edge]:
    """Person names that differ in transliteration (Ibrahim/Ebrahim) or by a clipped part."""
    people = [e for e in entities if e.type is EntityType.PERSON]
    forms = {
        e.key: [person_tokens(n) for n in e.names | {e.canonical} if len(n.split()) > 1]
        for e in people
    }
    blocks: dict[str, list[EntityInfo]] = defaultdict(list)  # by the first name's skeleton
    for entity in people:
        for first in {f[0][:2] for f in forms[entity.key] if f and f[0]}:
            blocks[first].append(entity)
    seen: set[tuple[str, str]] = set()
    for group in blocks.values():
        for a, b in combinations(group, 2):
            pair = (min(a.key, b.key), max(a.key, b.key))
            if pair in seen or not (a.gazetteer or b.gazetteer or a.shares_context(b)):
                continue
            seen.add(pair)
            if any(_compatible_tokens(x, y) for x in forms[a.key] for y in forms[b.key]):
                yield Edge(a.key, b.key, "transliteration", 0.9)


def acronyms(entities: list[EntityInfo]) -> Iterator[Edge]:
    """An acronym standing alone ("CSP") and the entity it abbreviates elsewhere."""
    short = [e for e in entities if not e.gazetteer and e.canonical.isupper()]
    long_ = [e for e in entities if e.type in ORGANISATIONS]
    for a in short:
        matches = [
            b
            for b in long_
            if b.key != a.key and any(acronym_of(a.canonical, n) for n in b.names | {b.canonical})
        ]
        if len(matches) == 1 and (
            matches[0].type is a.type
            or (  # the model called one an organisation: only within one document
                EntityType.ORGANIZATION in {a.type, matches[0].type}
                and bool(a.documents & matches[0].documents)
            )
        ):
            yield Edge(a.key, matches[0].key, "acronym", 0.85)


def short_forms(entities: list[EntityInfo]) -> Iterator[Edge]:
    """ "The Communist Party" after "the Chinese Communist Party" in the same document."""
    by_document: dict[str, list[EntityInfo]] = defaultdict(list)
    for entity in entities:
        for doc in entity.documents:
            by_document[doc].append(entity)
    for a in entities:
        if a.gazetteer or a.type not in ORGANISATIONS:
            continue
        words = plain(a.canonical).split()
        if len(words) < 2:
            continue
        near = {b.key: b for doc in a.documents for b in by_document[doc]}
        hosts = [
            b
            for b in near.values()
            if b.key != a.key
            and b.type is a.type
            and a.documents & b.documents
            and any(_ends_with(plain(n).split(), words) for n in b.names | {b.canonical})
        ]
        if len(hosts) == 1:
            yield Edge(a.key, hosts[0].key, "short-form", 0.8)


def _ends_with(longer: list[str], shorter: list[str]) -> bool:
    return len(longer) > len(shorter) and longer[-len(shorter) :] == shorter


@cache
def _country_words() -> dict[str, str]:
    """Country names, short names and demonyms, plain ("united states", "chinese"), with
    their state's key."""
    words: dict[str, str] = {}
    for entry in load_gazetteer().entries.values():
        if entry.type is EntityType.COUNTRY:
            for surface, form in entry.names():
                if form != "capital" and len(surface.split()) <= 2:
                    words.setdefault(plain(surface), entry.key)
    return words


@cache
def _generic_words() -> frozenset[str]:
    """Head and lead words of organisation names: alone they name nothing in particular."""
    rules = load_type_rules()
    return frozenset(rules.head_words) | frozenset(rules.lead_words)


# Types that the model confuses for one another: a company the model calls an
# organisation is still the company.
KINDRED = {
    EntityType.COMPANY: "org",
    EntityType.ORGANIZATION: "org",
    EntityType.PUBLIC_BODY: "org",
}


def core_names(entities: list[EntityInfo]) -> Iterator[Edge]:
    """Long and short forms of one organisation: "Cognyte Software Ltd" / "Cognyte",
    "Exim Bank of China" / "China Exim Bank" / "EXIMBANK China". Names that state
    different countries never meet; outside the gazetteer the two must share a document
    or a counterparty."""
    countries, corporate = _country_words(), load_type_rules().corporate_words
    generic = _generic_words()
    blocks: dict[tuple[str, str], list[tuple[EntityInfo, frozenset[str]]]] = defaultdict(list)
    for entity in entities:
        kind = KINDRED.get(entity.type)
        if kind is None:
            continue
        for name in entity.names | {entity.canonical}:
            cores, states = core_forms(name, countries, corporate, generic)
            for core in cores:
                blocks[(kind, core)].append((entity, states))
    seen: set[tuple[str, str]] = set()
    for group in blocks.values():
        for (a, sa), (b, sb) in combinations(group, 2):
            pair = (min(a.key, b.key), max(a.key, b.key))
            if a.key == b.key or pair in seen or (sa and sb and not sa & sb):
                continue
            if not (a.gazetteer or b.gazetteer or a.shares_context(b)):
                continue
            seen.add(pair)
            yield Edge(pair[0], pair[1], "core-name", 0.75)


def typos(entities: list[EntityInfo]) -> Iterator[Edge]:
    """One-letter typos or swapped letters (IVPM/IPVM), only with agreeing context."""
    blocks: dict[tuple[EntityType, str], list[EntityInfo]] = defaultdict(list)
    for entity in entities:
        name = entity.canonical
        if " " not in name and len(name) >= 4:
            blocks[(entity.type, name[0].upper())].append(entity)
    for group in blocks.values():
        for a, b in combinations(group, 2):
            if (a.gazetteer and b.gazetteer) or not a.shares_context(b):
                continue
            x, y = a.canonical, b.canonical
            if x.isupper() == y.isupper() and typo_distance(x, y) == 1:
                yield Edge(a.key, b.key, "typo", 0.7)


RULES = (name_forms, transliterations, acronyms, short_forms, core_names, typos)


def propose(entities: list[EntityInfo]) -> list[Edge]:
    """Every edge the rules propose, strongest first, each with its keys in order.

    The order of the entities given does not matter: resolving a neighbourhood of the
    store gives the edges a resolution of the whole store gives among its entities."""
    edges = [
        edge if edge.left <= edge.right else Edge(edge.right, edge.left, edge.rule, edge.strength)
        for rule in RULES
        for edge in rule(entities)
    ]
    return sorted(edges, key=lambda e: (-e.strength, e.left, e.right))
