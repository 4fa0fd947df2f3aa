"""Technology classes: the taxonomy in technology_classes.yaml, and a claim's technology
text classified into it (facial recognition, spyware and intrusion, ...)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

TAXONOMY_FILE = Path(__file__).parent / "technology_classes.yaml"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
QID = re.compile(r"^Q[1-9]\d*$")


def normalise(text: str) -> str:
    """Lower case, hyphens, slashes and underscores as spaces, runs of space as one."""
    return " ".join(re.sub(r"[-_/]", " ", text.lower()).split())


@dataclass(frozen=True, slots=True)
class TechnologyClass:
    """One class of the taxonomy: its id (a slug), label, Wikidata QID and words."""

    id: str
    label: str
    qid: str | None
    words: tuple[str, ...]


@dataclass(frozen=True)
class Taxonomy:
    """The technology classes in file order, with one matcher per class."""

    classes: tuple[TechnologyClass, ...]
    version: str  # a hash of the file: stored classifications older than it are redone
    patterns: dict[str, re.Pattern[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        patterns = {}
        for cls in self.classes:
            # Longest words first, so that an alternation prefers "face recognition" to a
            # shorter word inside it; an optional plural "s" after each.
            words = sorted({normalise(w) for w in cls.words}, key=len, reverse=True)
            alternation = "|".join(re.escape(w) for w in words)
            patterns[cls.id] = re.compile(rf"(?<![a-z0-9])(?:{alternation})s?(?![a-z0-9])")
        object.__setattr__(self, "patterns", patterns)

    @property
    def ids(self) -> list[str]:
        """The class ids in file order."""
        return [cls.id for cls in self.classes]

    def get(self, class_id: str) -> TechnologyClass | None:
        """A class by id."""
        return next((cls for cls in self.classes if cls.id == class_id), None)

    def classify(self, text: str | None) -> tuple[str, ...]:
        """The ids of every class one of whose words `text` contains, in file order."""
        if not text:
            return ()
        norm = normalise(text)
        return tuple(cls.id for cls in self.classes if self.patterns[cls.id].search(norm))


def parse_taxonomy(data: bytes, source: str) -> Taxonomy:
    """A taxonomy from YAML bytes; ValueError naming `source` and the fault."""
    raw = yaml.safe_load(data)
    if not isinstance(raw, dict) or not isinstance(raw.get("classes"), dict):
        raise ValueError(f"{source}: expected a mapping `classes:` of class ids")
    classes = []
    for class_id, body in raw["classes"].items():
        if not SLUG.match(str(class_id)):
            raise ValueError(f"{source}: class id {class_id!r} is not a lower-case slug")
        if not isinstance(body, dict) or not body.get("label") or not body.get("words"):
            raise ValueError(f"{source}: class {class_id} needs a label and words")
        qid = body.get("qid")
        if qid is not None and not QID.match(str(qid)):
            raise ValueError(f"{source}: class {class_id} has a malformed qid {qid!r}")
        words = tuple(str(w) for w in body["words"])
        classes.append(TechnologyClass(str(class_id), str(body["label"]), qid, words))
    version = hashlib.sha256(data).hexdigest()[:12]
    return Taxonomy(tuple(classes), version)


@cache
def load_taxonomy(path: Path = TAXONOMY_FILE) -> Taxonomy:
    """The taxonomy shipped with tracewire (read once)."""
    return parse_taxonomy(path.read_bytes(), str(path))


class UnknownClassError(ValueError):
    """A filter names a technology class the taxonomy lacks."""

    def __init__(self, class_id: str, allowed: list[str]) -> None:
        super().__init__(f"unknown technology class {class_id!r}; choose from {', '.join(allowed)}")
        self.class_id = class_id
        self.allowed = allowed


def chosen_classes(given: Iterable[str] | None) -> tuple[str, ...]:
    """The class ids a claim filter names, each once in the order given (the web's and the
    CLI's filters alike); `UnknownClassError` for the first one the taxonomy lacks."""
    classes = tuple(dict.fromkeys(given or ()))
    allowed = load_taxonomy().ids
    for class_id in classes:
        if class_id not in allowed:
            raise UnknownClassError(class_id, allowed)
    return classes
