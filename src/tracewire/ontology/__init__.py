"""The domain model as data: gazetteer and type rules, read from YAML in this package."""

from tracewire.ontology.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer
from tracewire.ontology.parties import PartyCues, load_party_cues
from tracewire.ontology.types import TypeRules, load_type_rules

__all__ = [
    "Gazetteer",
    "GazetteerEntry",
    "PartyCues",
    "TypeRules",
    "load_gazetteer",
    "load_party_cues",
    "load_type_rules",
]
