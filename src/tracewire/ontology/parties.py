"""Party cues: government words, state-body functions and anaphor nouns (parties.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from tracewire.records import EntityType, Relation

PARTIES_FILE = Path(__file__).parent / "parties.yaml"


@dataclass(frozen=True, slots=True)
class PartyCues:
    """How reports name parties without their names."""

    government_words: frozenset[str]
    government_modifiers: frozenset[str]
    functions: dict[str, str]  # "data protection watchdog" -> "data protection"
    function_names: dict[str, str]  # "data protection" -> "Data protection authority"
    anaphors: dict[str, tuple[EntityType, ...]]  # "firm" -> (Company,)
    not_with_own_state: frozenset[Relation] = frozenset()  # never body -> its own state

    def function_of(self, phrase: str) -> str | None:
        """The body function a phrase names, matching its longest ending:
        "the national data protection authority" -> "data protection"."""
        words = phrase.lower().split()
        for start in range(len(words)):
            found = self.functions.get(" ".join(words[start:]))
            if found is not None:
                return found
        return None


@cache
def load_party_cues(path: Path = PARTIES_FILE) -> PartyCues:
    """Read parties.yaml."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    functions = {
        str(phrase).lower(): str(function)
        for function, spec in data["body_functions"].items()
        for phrase in spec["words"]
    }
    names = {str(function): str(spec["name"]) for function, spec in data["body_functions"].items()}
    anaphors = {
        str(noun).lower(): tuple(EntityType(kind) for kind in kinds)
        for noun, kinds in data["anaphors"].items()
    }
    return PartyCues(
        government_words=frozenset(str(w).lower() for w in data["government_words"]),
        government_modifiers=frozenset(str(w).lower() for w in data["government_modifiers"]),
        functions=functions,
        function_names=names,
        anaphors=anaphors,
        not_with_own_state=frozenset(Relation(r) for r in data.get("not_with_own_state", [])),
    )
