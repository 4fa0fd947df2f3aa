"""The domain model as data: gazetteer and type rules, read from YAML in this package."""

from tracewire.ontology.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer
from tracewire.ontology.types import TypeRules, load_type_rules

__all__ = ["Gazetteer", "GazetteerEntry", "TypeRules", "load_gazetteer", "load_type_rules"]
