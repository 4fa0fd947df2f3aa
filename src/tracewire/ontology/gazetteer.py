"""Load the gazetteer: known vendors, state bodies, countries, agreements, technologies."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tracewire.records import EntityType

GAZETTEER_DIR = Path(__file__).parent / "gazetteer"
PARTIES_FILE = Path(__file__).parent / "parties.yaml"


class OntologyError(ValueError):
    """A data file of the ontology is malformed."""


def normalise_name(name: str) -> str:
    """Case-, quote- and space-insensitive form of a name, for lookups and keys."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[^\w'&+.-]+", " ", text)
    return " ".join(text.split())


def slug(name: str) -> str:
    """A readable key fragment: lowercase words joined by hyphens."""
    return "-".join(re.findall(r"\w+", normalise_name(name).replace("'", "")))


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One known real-world entity with the names reports use for it."""

    key: str
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    qid: str | None = None
    country: str | None = None
    capitals: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    function: str | None = None  # what a state body does ("data protection", parties.yaml)
    government_forms: tuple[str, ...] = ()  # a country's "Egyptian authorities" and the like

    def names(self) -> Iterator[tuple[str, str]]:
        """Every (surface form, form kind) this entry is written as."""
        yield self.name, "name"
        for alias in self.aliases:
            yield alias, "acronym" if alias.isupper() and len(alias) <= 8 else "alias"
        for capital in self.capitals:
            yield capital, "capital"
        for demonym in self.demonyms:
            yield demonym, "demonym"
            plural = plural_demonym(demonym)
            if plural is not None:
                yield plural, "demonym"
        for form in self.government_forms:
            yield form, "government"


def plural_demonym(demonym: str) -> str | None:
    """ "Syrians", "Israelis": the plural of a demonym that takes one (not "Chinese")."""
    if demonym[-1:] in {"n", "i"} and " " not in demonym:
        return demonym + "s"
    return None


@dataclass(slots=True)
class Gazetteer:
    """All entries, indexed by key and by normalised surface form."""

    entries: dict[str, GazetteerEntry] = field(default_factory=dict)
    by_name: dict[str, tuple[str, str]] = field(default_factory=dict)
    by_function: dict[tuple[str, str], str] = field(default_factory=dict)  # (state, function)

    def add(self, entry: GazetteerEntry) -> None:
        """Add an entry; a surface form already claimed by another entry is an error."""
        if entry.key in self.entries:
            raise OntologyError(f"duplicate gazetteer key {entry.key!r}")
        self.entries[entry.key] = entry
        for surface, form in entry.names():
            norm = normalise_name(surface)
            owner = self.by_name.get(norm)
            if owner is not None and owner[0] != entry.key:
                raise OntologyError(
                    f"gazetteer name {surface!r} belongs to both {owner[0]} and {entry.key}"
                )
            self.by_name.setdefault(norm, (entry.key, form))
        self.by_function.clear()  # rebuilt on the next `body` lookup

    def body(self, state_key: str, function: str) -> GazetteerEntry | None:
        """The gazetteer body of a state with a function ("Greece", "data protection")."""
        if not self.by_function:
            for entry in self.entries.values():
                state = self.country(entry.country) if entry.function and entry.country else None
                if state is not None and entry.function:
                    self.by_function.setdefault((state.key, entry.function), entry.key)
        key = self.by_function.get((state_key, function))
        return self.entries[key] if key else None

    def countries(self) -> list[GazetteerEntry]:
        """Every country entry."""
        return [e for e in self.entries.values() if e.type is EntityType.COUNTRY]

    def state_of(self, key: str) -> GazetteerEntry | None:
        """The country an entry belongs to (a country is its own)."""
        entry = self.entries.get(key)
        if entry is None:
            return None
        if entry.type is EntityType.COUNTRY:
            return entry
        return self.country(entry.country) if entry.country else None

    def lookup(self, surface: str) -> tuple[GazetteerEntry, str] | None:
        """The entry and form kind for a surface form, if the gazetteer knows it."""
        hit = self.by_name.get(normalise_name(surface))
        return (self.entries[hit[0]], hit[1]) if hit else None

    def country(self, name: str) -> GazetteerEntry | None:
        """The country entry named (or aliased) `name`."""
        hit = self.lookup(name)
        if hit and hit[0].type is EntityType.COUNTRY:
            return hit[0]
        return None

    def __len__(self) -> int:
        return len(self.entries)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise OntologyError(f"{where}: expected a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def _entry(raw: Any, default_type: str, where: str) -> GazetteerEntry:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise OntologyError(f"{where}: every entry needs a 'name'")
    name = raw["name"].strip()
    type_name = raw.get("type", default_type)
    try:
        etype = EntityType(type_name)
    except ValueError as exc:
        raise OntologyError(f"{where}: unknown type {type_name!r} for {name!r}") from exc
    key = raw.get("key") or f"{etype.value.lower()}:{slug(name)}"
    qid = raw.get("qid")
    if qid is not None and not re.fullmatch(r"Q\d+", str(qid)):
        raise OntologyError(f"{where}: malformed QID {qid!r} for {name!r}")
    return GazetteerEntry(
        key=str(key),
        name=name,
        type=etype,
        aliases=_strings(raw.get("aliases"), f"{where} {name}"),
        qid=str(qid) if qid else None,
        country=raw.get("country"),
        capitals=_strings(raw.get("capitals"), f"{where} {name}"),
        demonyms=_strings(raw.get("demonyms"), f"{where} {name}"),
        function=str(raw["function"]) if raw.get("function") else None,
    )


def read_entries(path: Path) -> list[GazetteerEntry]:
    """Parse one gazetteer YAML file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise OntologyError(f"{path.name}: expected a mapping with an 'entries' list")
    default_type = str(data.get("type", EntityType.ORGANIZATION.value))
    return [_entry(raw, default_type, path.name) for raw in data["entries"]]


def build_gazetteer(paths: Iterable[Path], government_forms: Sequence[str] = ()) -> Gazetteer:
    """A gazetteer from the given YAML files, in order; each country also named by the
    `government_forms` templates ("{demonym} authorities") where no entry holds the name."""
    gazetteer = Gazetteer()
    for path in paths:
        for entry in read_entries(path):
            gazetteer.add(entry)
    for key, entry in list(gazetteer.entries.items()):
        if entry.type is not EntityType.COUNTRY or not government_forms:
            continue
        forms = []
        for template in government_forms:
            fills = entry.demonyms if "{demonym}" in template else (entry.name,)
            for fill in fills:
                form = template.format(demonym=fill, name=fill)
                if normalise_name(form) not in gazetteer.by_name:
                    gazetteer.by_name[normalise_name(form)] = (key, "government")
                    forms.append(form)
        gazetteer.entries[key] = replace(entry, government_forms=tuple(forms))
    return gazetteer


@cache
def load_gazetteer(directory: Path = GAZETTEER_DIR) -> Gazetteer:
    """The gazetteer shipped with tracewire (all YAML files of `directory`), countries also
    named through their governments (parties.yaml)."""
    forms = yaml.safe_load(PARTIES_FILE.read_text(encoding="utf-8")).get("government_forms", [])
    return build_gazetteer(sorted(directory.glob("*.yaml")), [str(f) for f in forms])
