"""Read OpenSanctions FollowTheMoney entity files (one JSON entity per line).

Only parties are kept: Person, Organization, Company, LegalEntity, PublicBody, Vessel
and Airplane, mapped onto our four schemata. Sanctions, addresses and other entities
of the file are passed over; lines that are not JSON entities are skipped and counted.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tracewire.screen.lists import (
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
PROGRAM_PROPS = ("programId", "program", "topics")
COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "flag")


def read_ftm_jsonl(
    path: Path, *, list_id: str | None = None, name: str | None = None
) -> SanctionsList:
    """Read a FtM entity file (`.json`/`.jsonl`, optionally gzip-compressed)."""
    try:
        lines = _lines(path)
        entries, skipped, datasets = parse_ftm_lines(lines, list_id or "")
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise SanctionsError(f"cannot read {path}: {exc}") from exc
    if not entries:
        raise SanctionsError(
            f"{path} is not a FtM entity file: no Person, Organization, Vessel or "
            f"Airplane entity among its lines ({skipped} unreadable)"
        )
    list_id = list_id or (datasets[0] if datasets else path.stem.split(".")[0])
    if not entries[0].list_id:
        entries = [_with_list(entry, list_id) for entry in entries]
    return SanctionsList(
        id=list_id,
        name=name or list_id,
        source=str(path),
        date=date_from_path(path),
        entries=tuple(entries),
        skipped=skipped,
    )


def parse_ftm_lines(
    lines: Iterable[str], list_id: str
) -> tuple[list[SanctionsEntry], int, list[str]]:
    """Entries, the count of unreadable lines and the datasets the entities name."""
    entries: list[SanctionsEntry] = []
    datasets: dict[str, None] = {}
    skipped = 0
    for line in lines:
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError:
            skipped += 1
            continue
        if not isinstance(data, dict) or not isinstance(data.get("schema"), str):
            skipped += 1
            continue
        if data["schema"] not in SCHEMA_MAP:
            continue
        entry = _entry(data, list_id)
        if entry is None:
            skipped += 1
            continue
        for dataset in _strings(data.get("datasets")):
            datasets.setdefault(dataset, None)
        entries.append(entry)
    return entries, skipped, list(datasets)


def _entry(data: dict[str, Any], list_id: str) -> SanctionsEntry | None:
    props = data.get("properties")
    entity_id = data.get("id")
    if not isinstance(props, dict) or not isinstance(entity_id, str) or not entity_id:
        return None
    names = _unique(value for prop in NAME_PROPS for value in _strings(props.get(prop)))
    if not names:
        return None
    notes = _strings(props.get("notes"))
    return SanctionsEntry(
        list_id=list_id,
        entry_id=entity_id,
        name=names[0],
        schema=SCHEMA_MAP[data["schema"]],
        aliases=names[1:],
        programs=_unique(v for prop in PROGRAM_PROPS for v in _strings(props.get(prop))),
        countries=_unique(v for prop in COUNTRY_PROPS for v in _strings(props.get(prop))),
        remarks="; ".join(notes) or None,
    )


def _with_list(entry: SanctionsEntry, list_id: str) -> SanctionsEntry:
    return SanctionsEntry(
        list_id=list_id,
        entry_id=entry.entry_id,
        name=entry.name,
        schema=entry.schema,
        aliases=entry.aliases,
        programs=entry.programs,
        linked_to=entry.linked_to,
        countries=entry.countries,
        remarks=entry.remarks,
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
