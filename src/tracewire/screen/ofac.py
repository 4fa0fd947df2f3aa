"""Read the US Treasury OFAC SDN list in its published CSV format (`sdn.csv`).

The file has no header; its twelve columns are `ent_num, SDN_Name, SDN_Type, Program,
Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks`, with `-0-`
for an empty field. Aliases, links and nationalities live inside `Remarks`.
"""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache
from pathlib import Path

from rigour.territories import lookup_territory

from tracewire.screen.lists import (
    SanctionsEntry,
    SanctionsError,
    SanctionsList,
    date_from_path,
)
from tracewire.screen.readers import read_entries

COLUMNS = 12
EMPTY = "-0-"
SCHEMA_BY_TYPE = {
    "individual": "Person",
    "vessel": "Vessel",
    "aircraft": "Aircraft",
    "": "Organization",
}
_ALIAS = re.compile(r"^(?:a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s+(.+)$", re.IGNORECASE)
_LINKED = re.compile(r"^Linked To:\s*(.+)$", re.IGNORECASE)
_COUNTRY = re.compile(
    r"^(?:alt\.\s+)?(?:nationality|citizen|Nationality of Registration)\s+(.+)$", re.IGNORECASE
)
_MIN_GOOD_SHARE = 0.5


def read_ofac_csv(
    path: Path, *, list_id: str = "us-ofac-sdn", date: str | None = None
) -> SanctionsList:
    """Read an SDN CSV file; unreadable rows are skipped and counted in `skipped`."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SanctionsError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if b"\x00" in raw[:65536]:
        raise SanctionsError(f"{path} is not an SDN CSV file: binary content")
    text = (
        raw.decode("utf-8", errors="replace") if _is_utf8(raw) else raw.decode("cp1252", "replace")
    )
    entries, skipped = parse_ofac_rows(text, list_id)
    total = len(entries) + skipped
    if not entries or len(entries) < total * _MIN_GOOD_SHARE:
        raise SanctionsError(
            f"{path} is not an SDN CSV file: {len(entries)} of {total} rows have "
            f"{COLUMNS} columns and a numeric entry number"
        )
    return SanctionsList(
        id=list_id,
        name="US OFAC Specially Designated Nationals (SDN) list",
        source=str(path),
        date=date or date_from_path(path),
        entries=tuple(entries),
        skipped=skipped,
    )


def parse_ofac_rows(text: str, list_id: str) -> tuple[list[SanctionsEntry], int]:
    """Parse SDN CSV text into entries, returning them and the count of bad rows."""
    skipped = 0
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        rows = []
        for line in text.splitlines():
            try:
                rows.extend(csv.reader([line]))
            except csv.Error:
                skipped += 1
    # blank lines and the DOS end-of-file marker are not rows
    filled = [
        row for row in rows
        if row and not all(not cell.strip() or cell.strip() == "\x1a" for cell in row)
    ]  # fmt: skip
    entries, unread = read_entries(filled, _entry, list_id)
    return entries, skipped + unread


def _entry(row: list[str], list_id: str) -> SanctionsEntry | None:
    if len(row) != COLUMNS:
        return None
    cells = [_cell(value) for value in row]
    ent_num, name, sdn_type, program = cells[0], cells[1], cells[2], cells[3]
    if not ent_num.isdigit() or not name or sdn_type.lower() not in SCHEMA_BY_TYPE:
        return None
    remarks = cells[11]
    aliases, linked, countries = parse_remarks(remarks)
    if cells[9]:
        countries = _unique((*countries, *_country_codes(cells[9])))
    return SanctionsEntry(
        list_id=list_id,
        entry_id=ent_num,
        name=name,
        schema=SCHEMA_BY_TYPE[sdn_type.lower()],
        aliases=tuple(alias for alias in aliases if alias != name),
        programs=parse_programs(program),
        linked_to=linked,
        countries=countries,
        remarks=remarks or None,
    )


def parse_programs(value: str) -> tuple[str, ...]:
    """Split `SDGT] [IRGC` into `("SDGT", "IRGC")`."""
    parts = (part.strip(" []") for part in value.split("] ["))
    return _unique(tuple(part for part in parts if part))


def parse_remarks(remarks: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Aliases, linked parties and country codes named in a `Remarks` field."""
    aliases: list[str] = []
    linked: list[str] = []
    countries: list[str] = []
    for raw in remarks.split(";"):
        part = raw.strip()
        if match := _ALIAS.match(part):
            alias = clean_alias(match.group(1))
            if alias:
                aliases.append(alias)
        elif match := _LINKED.match(part):
            linked.append(match.group(1).strip().rstrip("."))
        elif match := _COUNTRY.match(part):
            countries.extend(_country_codes(match.group(1)))
    return _unique(tuple(aliases)), _unique(tuple(linked)), _unique(tuple(countries))


def clean_alias(value: str) -> str:
    """Strip the quotes around an alias and the punctuation that ends the remark.

    Quotes inside stay ("AL-QA'IDA", "'ABD AL-RAHMAN" with its leading ayn); a nickname
    quoted twice (''FOOPIE'') loses both pairs.
    """
    value = value.strip().rstrip(".;,").strip()
    quoted = False
    while len(value) >= 2 and value[0] == value[-1] == "'":
        value = value[1:-1].strip()
        quoted = True
    if not quoted and value.startswith("'") and value.count("'") % 2 == 1:
        value = value[1:]  # an opening quote whose closing one was lost
    return " ".join(value.split())


@lru_cache(maxsize=1024)
def _country_codes(value: str) -> tuple[str, ...]:
    territory = lookup_territory(value.strip().rstrip("."))
    return (territory.code,) if territory is not None else ()


def _cell(value: str) -> str:
    value = value.strip()
    return "" if value == EMPTY else value


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
