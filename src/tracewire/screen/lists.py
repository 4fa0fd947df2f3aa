"""Sanctions lists as typed records: one `SanctionsEntry` per listed party.

Readers (`ofac.py`, `ftm.py`, `snapshot.py`) produce a `SanctionsList`; the matcher only
ever reads these records, never a source format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

SCHEMATA = ("Person", "Organization", "Vessel", "Aircraft")
"""The four kinds of listed party; every entry has exactly one."""
SANCTION_TOPIC = "sanction"
_ORGANIZATION_ONLY = ("Organization",)
_BY_QUERY_SCHEMA: dict[str, tuple[str, ...]] = {
    "Person": ("Person",),
    "Vessel": ("Vessel",),
    "Aircraft": ("Aircraft",),
    "Airplane": ("Aircraft",),
}


def compatible_schemata(schema: str | None) -> tuple[str, ...]:
    """The list schemata a query of this type may match.

    A person matches persons only, a vessel vessels, an aircraft aircraft; organisations,
    companies, public bodies, states and any other known type match organisations
    only. `None` (type not known) may match every schema.
    """
    if schema is None:
        return SCHEMATA
    return _BY_QUERY_SCHEMA.get(schema, _ORGANIZATION_ONLY)


class SanctionsError(Exception):
    """A sanctions list cannot be read, parsed or downloaded (one-line message)."""


@dataclass(frozen=True, slots=True)
class SanctionsEntry:
    """One listed party: its primary name, aliases and what it is listed for."""

    list_id: str
    entry_id: str
    name: str
    schema: str
    aliases: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    linked_to: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    remarks: str | None = None
    topics: tuple[str, ...] = (SANCTION_TOPIC,)
    """What the entry is on the list for, as OpenSanctions topics ("sanction",
    "sanction.linked", "debarment", "export.control", "crime"...)."""
    websites: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.schema not in SCHEMATA:
            raise ValueError(f"unknown schema {self.schema!r} for entry {self.entry_id}")

    @property
    def names(self) -> tuple[str, ...]:
        """The primary name followed by the aliases, without duplicates."""
        seen: dict[str, None] = {self.name: None}
        for alias in self.aliases:
            seen.setdefault(alias, None)
        return tuple(seen)

    @property
    def sanctioned(self) -> bool:
        """Whether the entry is a sanctions designation (a sanction topic, topics.yaml)."""
        from tracewire.screen.topics import is_sanction  # noqa: PLC0415 - YAML read on use

        return any(is_sanction(topic) for topic in self.topics)

    @property
    def key(self) -> str:
        """A globally unique key: `list_id:entry_id`."""
        return f"{self.list_id}:{self.entry_id}"


@dataclass(frozen=True, slots=True)
class SanctionsList:
    """A dated snapshot of one sanctions list."""

    id: str
    name: str
    source: str
    date: str | None
    entries: tuple[SanctionsEntry, ...]
    skipped: int = field(default=0, compare=False)
    """Rows or lines of the source that could not be read and were left out."""

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str) -> SanctionsEntry | None:
        """The entry with this id, or None."""
        for entry in self.entries:
            if entry.entry_id == entry_id:
                return entry
        return None


_DATED_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")


def date_from_path(path: Path) -> str | None:
    """The list date from a file name like `sdn-2024-05-03.csv`, else the file's mtime date."""
    if match := _DATED_NAME.search(path.name):
        return match.group(1)
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date().isoformat()
    except OSError:
        return None
