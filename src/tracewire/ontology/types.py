"""Type rules: which entity type a name has, from its words and its context."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from tracewire.records import EntityType

TYPES_FILE = Path(__file__).parent / "types.yaml"


def _invert(table: dict[str, list[str]]) -> dict[str, EntityType]:
    return {word.lower(): EntityType(kind) for kind, words in table.items() for word in words}


@dataclass(frozen=True, slots=True)
class TypeRules:
    """Lookup tables from types.yaml."""

    ner_labels: dict[str, EntityType | None]
    head_words: dict[str, EntityType]
    lead_words: dict[str, EntityType]
    descriptor_nouns: dict[str, EntityType]
    stop_names: frozenset[str]
    corporate_words: frozenset[str] = frozenset()

    def from_label(self, label: str) -> EntityType | None:
        """The entity type for a spaCy NER label (None: not a graph node)."""
        return self.ner_labels.get(label)

    def from_words(self, words: list[str]) -> EntityType | None:
        """The type revealed by a name's last word, or else its first word; in "<lead
        word> of ..." the lead word ("Ministry of Information Technology", "University of
        Science and Technology")."""
        if not words:
            return None
        if "of" in words[1:] and words[0].lower() in self.lead_words:
            return self.lead_words[words[0].lower()]
        last = words[-1].lower().rstrip(".")
        if len(words) > 1 and f"{words[-2].lower()} {last}" in self.head_words:
            return self.head_words[f"{words[-2].lower()} {last}"]
        if last in self.head_words:
            return self.head_words[last]
        return self.lead_words.get(words[0].lower())

    def from_descriptor(self, noun_lemma: str) -> EntityType | None:
        """The type revealed by a descriptor noun ("company", "minister")."""
        return self.descriptor_nouns.get(noun_lemma.lower())


@cache
def load_type_rules(path: Path = TYPES_FILE) -> TypeRules:
    """Read the type rules shipped with tracewire."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    labels = {
        label: EntityType(kind) if kind else None for label, kind in data["ner_labels"].items()
    }
    return TypeRules(
        ner_labels=labels,
        head_words=_invert(data["head_words"]),
        lead_words=_invert(data["lead_words"]),
        descriptor_nouns=_invert(data["descriptor_nouns"]),
        stop_names=frozenset(n.lower() for n in data["stop_names"]),
        corporate_words=frozenset(w.lower() for w in data.get("corporate_words", [])),
    )
