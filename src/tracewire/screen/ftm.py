"""Read OpenSanctions FollowTheMoney entity files (one JSON entity per line).

Parties (Person, Organization, Company, LegalEntity, PublicBody, Vessel, Airplane) become
entries of our four schemata, each with the `topics` the file gives it: only a sanction
topic makes a match `listed`, an `export.control`, `debarment` or `crime` entry is shown
as what it is. `Sanction` entities are read too: their programs, authority and reason
go to the party they name (`entity`), and a party with no topics of its own that a
Sanction names is a sanctioned party. The list's date is the latest `last_seen` (or
`last_change`) of its entities: the day the publisher last saw its source, not the day
it was loaded. Lines that are not JSON entities are skipped and counted.
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tracewire.screen.lists import (
    SANCTION_TOPIC,
    SanctionsEntry,
    SanctionsError,
    SanctionsList,
    date_from_path,
)

SCHEMA_MAP = {
    "Person": "Person",
    "Organization": "Organization",
    "Company": "Organization",
    "LegalEntity": "Organization",
    "PublicBody": "Organization",
    "Vessel": "Vessel",
    "Airplane": "Aircraft",
}
NAME_PROPS = ("name", "alias", "previousName")
PROGRAM_PROPS = ("programId", "program")
COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "flag")
SANCTION_PROPS = ("programId", "program", "authority")


@dataclass(slots=True)
class FtmRead:
    """What the lines of a FtM file held."""

    entries: list[SanctionsEntry] = field(default_factory=list)
    skipped: int = 0
    datasets: list[str] = field(default_factory=list)
    date: str | None = None
    """The latest `last_seen` (else `last_change`) of the entities, as YYYY-MM-DD."""


def read_ftm_jsonl(
    path: Path, *, list_id: str | None = None, name: str | None = None
) -> SanctionsList:
    """Read a FtM entity file (`.json`/`.jsonl`, optionally gzip-compressed)."""
    try:
        lines = _lines(path)
        found = parse_ftm(lines, list_id or "")
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise SanctionsError(f"cannot read {path}: {exc}") from exc
    entries = found.entries
    if not entries:
        raise SanctionsError(
            f"{path} is not a FtM entity file: no Person, Organization, Vessel or "
            f"Airplane entity among its lines ({found.skipped} unreadable)"
        )
    list_id = list_id or (found.datasets[0] if found.datasets else path.stem.split(".")[0])
    if not entries[0].list_id:
        entries = [replace(entry, list_id=list_id) for entry in entries]
    return SanctionsList(
        id=list_id,
        name=name or list_id,
        source=str(path),
        date=found.date or date_from_path(path),
        entries=tuple(entries),
        skipped=found.skipped,
    )


def parse_ftm_lines(
    lines: Iterable[str], list_id: str
) -> tuple[list[SanctionsEntry], int, list[str]]:
    """Entries, the count of unreadable lines and the datasets the entities name."""
    found = parse_ftm(lines, list_id)
    return found.entries, found.skipped, found.datasets


def parse_ftm(lines: Iterable[str], list_id: str) -> FtmRead:
    """Parties with their topics and Sanction programs, and the list's date."""
    found = FtmRead()
    datasets: dict[str, None] = {}
    parties: list[dict[str, Any]] = []
    sanctions: defaultdict[str, list[str]] = defaultdict(list)
    dates: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError:
            found.skipped += 1
            continue
        if not isinstance(data, dict) or not isinstance(data.get("schema"), str):
            found.skipped += 1
            continue
        for key in ("last_seen", "last_change"):
            if isinstance(data.get(key), str):
                dates.append(f"{key}:{data[key][:10]}")
        props = data.get("properties")
        if data["schema"] == "Sanction" and isinstance(props, dict):
            for target in _strings(props.get("entity")):
                sanctions[target] += [v for p in SANCTION_PROPS for v in _strings(props.get(p))]
                sanctions[target].append("")  # named by a Sanction, even without a program
            continue
        if data["schema"] in SCHEMA_MAP:
            parties.append(data)
            for dataset in _strings(data.get("datasets")):
                datasets.setdefault(dataset, None)
    for data in parties:
        entry = _entry(data, list_id, sanctions)
        if entry is None:
            found.skipped += 1
        else:
            found.entries.append(entry)
    found.datasets = list(datasets)
    seen = [d.split(":", 1)[1] for d in dates if d.startswith("last_seen:")]
    changed = [d.split(":", 1)[1] for d in dates if d.startswith("last_change:")]
    found.date = max(seen or changed, default=None)
    return found


def _entry(
    data: dict[str, Any], list_id: str, sanctions: dict[str, list[str]]
) -> SanctionsEntry | None:
    props = data.get("properties")
    entity_id = data.get("id")
    if not isinstance(props, dict) or not isinstance(entity_id, str) or not entity_id:
        return None
    names = _unique(value for prop in NAME_PROPS for value in _strings(props.get(prop)))
    if not names:
        return None
    topics = _unique(_strings(props.get("topics")))
    named_by = sanctions.get(entity_id)
    if not topics and named_by is not None:
        topics = (SANCTION_TOPIC,)
    programs = [v for prop in PROGRAM_PROPS for v in _strings(props.get(prop))]
    programs += [v for v in named_by or () if v]
    notes = _strings(props.get("notes"))
    return SanctionsEntry(
        list_id=list_id,
        entry_id=entity_id,
        name=names[0],
        schema=SCHEMA_MAP[data["schema"]],
        aliases=names[1:],
        programs=_unique(programs),
        countries=_unique(v for prop in COUNTRY_PROPS for v in _strings(props.get(prop))),
        remarks="; ".join(notes) or None,
        topics=topics,
        websites=_unique(_strings(props.get("website"))),
    )


def _lines(path: Path) -> list[str]:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return raw.decode("utf-8", errors="replace").splitlines()


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [" ".join(v.split()) for v in value if isinstance(v, str) and v.strip()]


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
