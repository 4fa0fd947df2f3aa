"""The claim lexicon: relation triggers and hedging cues, read from the ontology YAML."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tracewire.records import EntityType, Hedge, Relation

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
FRAMES = (
    "transfer",
    "acquire",
    "use",
    "pay",
    "directed",
    "passive_of",
    "owned_by",
    "bilateral",
    "clientele",
    "listed",
    "target",
)


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word that signals a relation, and the frame that reads its parties."""

    relation: Relation
    frame: str
    modifier: str | None = None  # "business" of "business relation"


@dataclass(frozen=True, slots=True)
class PartyTypes:
    """The entity types a relation's claims may have: allowed on each side (None: any),
    and (subject, object) pairs never allowed."""

    subject: frozenset[str] | None = None
    object: frozenset[str] | None = None
    not_pairs: frozenset[tuple[str, str]] = frozenset()

    def allows(self, subject: str, obj: str) -> bool:
        """Whether a claim with parties of these types may be made."""
        return (
            (self.subject is None or subject in self.subject)
            and (self.object is None or obj in self.object)
            and (subject, obj) not in self.not_pairs
        )


@dataclass(frozen=True, slots=True)
class HedgeCues:
    """Cue words of one hedging label, by the part they play in the parse."""

    verbs: frozenset[str] = frozenset()
    adverbs: frozenset[str] = frozenset()
    adjectives: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    modals: frozenset[str] = frozenset()
    negations: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class FieldCues:
    """What names the field of a relation that needs one ("cyber cooperation")."""

    words: frozenset[str] = frozenset()
    adverbs: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    implied: frozenset[str] = frozenset()

    def names(self, text: str) -> bool:
        """Whether a word or phrase (lower case) is one of the field words."""
        return text in self.words or any(
            " " in word and word in text for word in self.words if len(word) > 3
        )


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the claim extractor looks words up in."""

    verbs: dict[str, list[Trigger]]
    nouns: dict[str, list[Trigger]]
    particles: dict[str, frozenset[str]]
    weak: frozenset[str]
    requires_list: frozenset[str]
    lists: dict[str, str | None]  # list name -> the authority that keeps it
    light_verbs: frozenset[str]
    state_body_nouns: frozenset[str]
    company_nouns: frozenset[str]
    person_nouns: frozenset[str]
    country_nouns: frozenset[str]
    keep_generic_for: frozenset[Relation]
    technology_nouns: frozenset[str] = frozenset()
    hedges: dict[Hedge, HedgeCues] = field(default_factory=dict)
    inflections: dict[str, str] = field(default_factory=dict)  # "fined" -> "fine"
    attribution_verbs: frozenset[str] = frozenset()
    fields: dict[Relation, FieldCues] = field(default_factory=dict)
    locative: frozenset[str] = frozenset()
    # verbs of saying, alleging and denying: their subject speaks for a pronoun in what
    # they govern ("X said it had sold")
    speech_verbs: frozenset[str] = frozenset()
    # "Those countries include A and B": verbs naming a group's members, and group words
    member_verbs: frozenset[str] = frozenset()
    group_nouns: frozenset[str] = frozenset()
    # "Its customers range from A to B": verbs naming a group's members by a range
    range_verbs: frozenset[str] = frozenset()
    # "documents were provided to X by Y": papers handed over are no goods
    record_nouns: frozenset[str] = frozenset()
    # "the sanctions also targeted X": verbs whose subject is a sanction, object its target
    target_verbs: frozenset[str] = frozenset()
    # relation -> the entity types its claims may have on each side (relations.yaml)
    party_types: dict[Relation, PartyTypes] = field(default_factory=dict)

    def fits(self, relation: Relation, subject: EntityType, obj: EntityType) -> bool:
        """Whether the parties' types may stand on the two sides of the relation
        (relations.yaml `party_types`)."""
        types = self.party_types.get(relation)
        return types is None or types.allows(subject.value, obj.value)

    def verb_triggers(self, lemma: str, surface: str = "") -> list[Trigger]:
        """Triggers for a verb lemma, or for its inflected form when the model's lemma is
        off ("fined" lemmatised as "fin")."""
        found = self.verbs.get(lemma.lower())
        if found:
            return found
        return self.verbs.get(self.inflections.get(surface.lower(), ""), [])

    def noun_triggers(self, lemma: str) -> list[Trigger]:
        """Triggers for a noun's head lemma (entries with a modifier included)."""
        return self.nouns.get(lemma.lower(), [])


def _words(value: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in value or ())


def _triggers(
    table: dict[str, list[Trigger]], relation: Relation, frames: dict[str, list[str]]
) -> None:
    for frame, words in frames.items():
        if frame not in FRAMES:
            raise ValueError(f"relations.yaml: unknown frame {frame!r} for {relation}")
        for word in words:
            parts = str(word).lower().split()
            head, modifier = parts[-1], " ".join(parts[:-1]) or None
            table.setdefault(head, []).append(Trigger(relation, frame, modifier))


def inflect(lemma: str) -> set[str]:
    """Regular inflected forms of an English verb: fine -> fines, fined, fining."""
    if lemma.endswith("e"):
        return {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in set("aeiou"):
        return {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    return {lemma + "s", lemma + "es", lemma + "ed", lemma + "ing"}


def _hedges(data: dict[str, Any]) -> dict[Hedge, HedgeCues]:
    cues: dict[Hedge, HedgeCues] = {}
    for label, parts in data["labels"].items():
        cues[Hedge(label)] = HedgeCues(**{part: _words(words) for part, words in parts.items()})
    return cues


def _party_types(spec: dict[str, Any]) -> dict[Relation, PartyTypes]:
    known = {t.value for t in EntityType}
    result = {}
    for name, sides in spec.items():
        named = {*sides.get("subject", ()), *sides.get("object", ())}
        named |= {t for pair in sides.get("not_pairs", ()) for t in pair}
        if not named <= known:
            raise ValueError(
                f"relations.yaml: party_types of {name}: unknown type(s) {sorted(named - known)}"
            )
        result[Relation(name)] = PartyTypes(
            subject=frozenset(sides["subject"]) if "subject" in sides else None,
            object=frozenset(sides["object"]) if "object" in sides else None,
            not_pairs=frozenset((str(a), str(b)) for a, b in sides.get("not_pairs", ())),
        )
    return result


@cache
def load_lexicon(directory: Path = ONTOLOGY) -> Lexicon:
    """Read relations.yaml and hedging.yaml from the ontology folder."""
    rel = yaml.safe_load((directory / "relations.yaml").read_text(encoding="utf-8"))
    hedging = yaml.safe_load((directory / "hedging.yaml").read_text(encoding="utf-8"))
    cues = _hedges(hedging)
    verbs: dict[str, list[Trigger]] = {}
    nouns: dict[str, list[Trigger]] = {}
    particles: dict[str, frozenset[str]] = {}
    weak: set[str] = set()
    requires_list: set[str] = set()
    lists: dict[str, str | None] = {}
    fields: dict[Relation, FieldCues] = {}
    locative: set[str] = set()
    target_verbs: set[str] = set()
    for name, spec in rel["relations"].items():
        relation = Relation(name)
        _triggers(verbs, relation, spec.get("verbs", {}))
        _triggers(nouns, relation, spec.get("nouns", {}))
        for verb, parts in (spec.get("particles") or {}).items():
            particles[verb] = _words(parts)
        weak |= _words(spec.get("weak"))
        requires_list |= _words(spec.get("requires_list"))
        locative |= _words(spec.get("locative"))
        target_verbs |= _words(spec.get("target_verbs"))
        lists |= {str(k).lower(): v for k, v in (spec.get("lists") or {}).items()}
        if spec.get("fields"):
            fields[relation] = FieldCues(**{k: _words(v) for k, v in spec["fields"].items()})
    return Lexicon(
        verbs=verbs,
        nouns=nouns,
        particles=particles,
        weak=frozenset(weak),
        requires_list=frozenset(requires_list),
        lists=lists,
        light_verbs=_words(rel["light_verbs"]),
        state_body_nouns=_words(rel["state_body_nouns"]),
        company_nouns=_words(rel["company_nouns"]),
        person_nouns=_words(rel["person_nouns"]),
        country_nouns=_words(rel["country_nouns"]),
        keep_generic_for=frozenset(Relation(r) for r in rel["keep_generic_for"]),
        technology_nouns=_words(rel["technology_nouns"]),
        hedges=cues,
        inflections={form: lemma for lemma in verbs for form in inflect(lemma)},
        attribution_verbs=_words(hedging["attribution_verbs"]),
        fields=fields,
        locative=frozenset(locative),
        member_verbs=_words(rel.get("member_verbs")),
        party_types=_party_types(rel.get("party_types") or {}),
        group_nouns=_words(rel.get("group_nouns")),
        range_verbs=_words(rel.get("range_verbs")),
        record_nouns=_words(rel.get("record_nouns")),
        target_verbs=frozenset(target_verbs),
        speech_verbs=_words(hedging["attribution_verbs"]).union(
            *(cues[label].verbs for label in (Hedge.REPORTED, Hedge.ALLEGED, Hedge.DENIED))
        ),
    )
