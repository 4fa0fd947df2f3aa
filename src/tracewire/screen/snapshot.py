"""The embedded offline default list: a compact gzip-compressed JSON lines snapshot.

The first line holds the list's metadata, each further line one entry with only its
non-empty fields. `scripts/make_sdn_snapshot.py` writes the shipped OFAC SDN snapshot
(`data/us-ofac-sdn.jsonl.gz`) from the Treasury's CSV; `load_snapshot()` reads it once.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from tracewire.screen.lists import (
    SANCTION_TOPIC,
    SanctionsEntry,
    SanctionsError,
    SanctionsList,
)

FORMAT = "tracewire-sanctions-snapshot/1"
SNAPSHOT_NAME = "us-ofac-sdn.jsonl.gz"
_FIELDS = ("aliases", "programs", "linked_to", "countries", "websites")


def write_snapshot(lst: SanctionsList, path: Path) -> Path:
    """Write a list as a snapshot file (deterministic bytes for the same list)."""
    meta = {
        "format": FORMAT,
        "id": lst.id,
        "name": lst.name,
        "source": lst.source,
        "date": lst.date,
        "entries": len(lst.entries),
    }
    lines = [json.dumps(meta, ensure_ascii=False, separators=(",", ":"))]
    for entry in lst.entries:
        record: dict[str, Any] = {"id": entry.entry_id, "name": entry.name, "schema": entry.schema}
        for name in _FIELDS:
            if value := getattr(entry, name):
                record[name] = list(value)
        if entry.remarks:
            record["remarks"] = entry.remarks
        if entry.topics != (SANCTION_TOPIC,):
            record["topics"] = list(entry.topics)
        lines.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return path


def read_snapshot(path: Path) -> SanctionsList:
    """Read a snapshot file written by `write_snapshot`."""
    try:
        raw = gzip.decompress(path.read_bytes())
    except (OSError, EOFError) as exc:
        raise SanctionsError(f"cannot read snapshot {path}: {exc}") from exc
    return parse_snapshot(raw.decode("utf-8"), str(path))


def parse_snapshot(text: str, where: str) -> SanctionsList:
    """Parse the JSON lines of a snapshot; `where` names it in error messages."""
    lines = text.splitlines()
    try:
        meta = json.loads(lines[0]) if lines else None
    except ValueError:
        meta = None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise SanctionsError(f"{where} is not a tracewire sanctions snapshot: bad first line")
    list_id = str(meta["id"])
    entries: list[SanctionsEntry] = []
    for number, line in enumerate(lines[1:], start=2):
        try:
            record = json.loads(line)
            entries.append(
                SanctionsEntry(
                    list_id=list_id,
                    entry_id=str(record["id"]),
                    name=record["name"],
                    schema=record["schema"],
                    remarks=record.get("remarks"),
                    topics=tuple(record.get("topics", [SANCTION_TOPIC])),
                    **{name: tuple(record.get(name, ())) for name in _FIELDS},
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise SanctionsError(f"{where} line {number}: bad entry ({exc})") from exc
    return SanctionsList(
        id=list_id,
        name=str(meta.get("name") or list_id),
        source=str(meta.get("source") or where),
        date=meta.get("date"),
        entries=tuple(entries),
    )


@cache
def load_snapshot() -> SanctionsList:
    """The OFAC SDN snapshot shipped with tracewire (read once per process)."""
    resource = resources.files("tracewire.screen").joinpath("data", SNAPSHOT_NAME)
    try:
        raw = gzip.decompress(resource.read_bytes())
    except (OSError, EOFError) as exc:
        raise SanctionsError(
            f"embedded snapshot data/{SNAPSHOT_NAME} missing or unreadable: {exc} "
            "(rebuild it with scripts/make_sdn_snapshot.py)"
        ) from exc
    return parse_snapshot(raw.decode("utf-8"), f"tracewire.screen/data/{SNAPSHOT_NAME}")
