"""Read the UK sanctions list (FCDO) in its published XML format.

The root `Designations` states the list's date in `DateGenerated` (dd/mm/yyyy). Each
`Designation` has a `UniqueID`, `IndividualEntityShip` (Individual, Entity or Ship), a
`RegimeName`, and `Names/Name` elements with `Name1` (given name) to `Name5` and `Name6`
(family name, or the whole name of an entity or ship) and a `NameType` ("Primary Name",
"Primary Name Variation", "Alias"); `NonLatinNames/NonLatinName/NameNonLatinScript`
holds names in their own script.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from tracewire.screen.lists import SanctionsEntry, SanctionsError, SanctionsList
from tracewire.screen.readers import parse_xml, person_name, read_entries, text_of, unique

LIST_ID = "gb-fcdo-sanctions"
LIST_NAME = "UK sanctions list"
SCHEMAS = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def read_uk_xml(path: Path, *, list_id: str = LIST_ID) -> SanctionsList:
    """Read a UK sanctions list XML file; designations without a type, id or name are
    skipped and counted."""
    root = parse_xml(path, "UK sanctions list")
    if root.tag != "Designations":
        raise SanctionsError(f"{path} is not a UK sanctions list file: root <{root.tag}>")
    entries, skipped = read_entries(root.iter("Designation"), _entry, list_id)
    if not entries:
        raise SanctionsError(f"{path} is not a UK sanctions list file: no designation read")
    return SanctionsList(
        id=list_id,
        name=LIST_NAME,
        source=str(path),
        date=iso_date(text_of(root.find("DateGenerated"))),
        entries=tuple(entries),
        skipped=skipped,
    )


def iso_date(text: str) -> str | None:
    """ "03/05/2024" (day first, as the list writes dates) -> "2024-05-03"."""
    match = _DMY.match(text.strip())
    if match is None:
        return None
    day, month, year = (int(g) for g in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def _entry(element: ET.Element, list_id: str) -> SanctionsEntry | None:
    kind = text_of(element.find("IndividualEntityShip")).lower()
    schema = SCHEMAS.get(kind)
    entry_id = text_of(element.find("UniqueID"))
    if schema is None or not entry_id:
        return None
    primary: list[str] = []
    others: list[str] = []
    for name in element.iter("Name"):
        parts = [text_of(name.find(f"Name{i}")) for i in range(1, 7)]
        if schema == "Person":
            text = person_name(parts[:5], parts[5])
        else:
            text = " ".join(part for part in parts if part)
        name_type = text_of(name.find("NameType")).lower()
        (primary if name_type == "primary name" else others).append(text)
    for name in element.iter("NameNonLatinScript"):
        others.append(text_of(name))
    names = list(unique([*primary, *others]))
    if not names:
        return None
    nationalities = [text_of(n) for n in element.iter("Nationality")]
    return SanctionsEntry(
        list_id=list_id,
        entry_id=entry_id,
        name=names[0],
        schema=schema,
        aliases=tuple(names[1:]),
        programs=unique([text_of(r) for r in element.iter("RegimeName")]),
        countries=_codes(nationalities),
        remarks=text_of(element.find("OtherInformation")) or None,
    )


def _codes(countries: list[str]) -> tuple[str, ...]:
    from rigour.territories import lookup_territory  # noqa: PLC0415

    found = (lookup_territory(c) for c in countries if c)
    return unique([t.code for t in found if t is not None])
