"""Read the EU consolidated list of persons, groups and entities subject to financial
sanctions in its published XML format (the "Financial Sanctions Files", FSF).

The root `export` states the list's date in its `generationDate` attribute. Each
`sanctionEntity` (with `logicalId` and `euReferenceNumber`) has a `subjectType`
(`code` "person" or "enterprise"), `nameAlias` elements (`wholeName`, `firstName`,
`middleName`, `lastName`, `strong`), `regulation` elements naming the `programme`,
`citizenship` and `address` elements with country codes, and `contactInfo` (`key` WEB
for a website) inside addresses.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from tracewire.screen.lists import SanctionsEntry, SanctionsError, SanctionsList
from tracewire.screen.readers import parse_xml, person_name, read_entries, text_of, unique

LIST_ID = "eu-fsf"
LIST_NAME = "EU consolidated financial sanctions list"
SCHEMAS = {"person": "Person", "enterprise": "Organization"}


def read_eu_xml(path: Path, *, list_id: str = LIST_ID) -> SanctionsList:
    """Read an EU FSF XML file; entries without a type or a name are skipped and counted."""
    root = parse_xml(path, "EU financial sanctions")
    if root.tag != "export":
        raise SanctionsError(f"{path} is not an EU financial sanctions file: root <{root.tag}>")
    entries, skipped = read_entries(root.iter("sanctionEntity"), _entry, list_id)
    if not entries:
        raise SanctionsError(f"{path} is not an EU financial sanctions file: no entity read")
    generated = root.get("generationDate") or ""
    return SanctionsList(
        id=list_id,
        name=LIST_NAME,
        source=str(path),
        date=generated[:10] or None,
        entries=tuple(entries),
        skipped=skipped,
    )


def _entry(element: ET.Element, list_id: str) -> SanctionsEntry | None:
    subject = element.find("subjectType")
    schema = SCHEMAS.get((subject.get("code") or "").lower()) if subject is not None else None
    entry_id = element.get("euReferenceNumber") or element.get("logicalId")
    if schema is None or not entry_id:
        return None
    names: list[str] = []
    for alias in element.findall("nameAlias"):
        whole = " ".join((alias.get("wholeName") or "").split())
        if schema == "Person" and alias.get("lastName"):
            parts = [alias.get("firstName") or "", alias.get("middleName") or ""]
            names.append(person_name(parts, alias.get("lastName") or ""))
        names.append(whole)
    names = list(unique(names))
    if not names:
        return None
    programs = unique([r.get("programme") or "" for r in element.findall("regulation")])
    countries = unique(
        [
            (node.get("countryIso2Code") or "").upper()
            for tag in ("citizenship", "address")
            for node in element.findall(tag)
            if (node.get("countryIso2Code") or "").upper() not in ("", "00")
        ]
    )
    websites = unique(
        [
            info.get("value") or ""
            for info in element.iter("contactInfo")
            if (info.get("key") or "").upper() == "WEB"
        ]
    )
    remark = text_of(element.find("remark"))
    return SanctionsEntry(
        list_id=list_id,
        entry_id=entry_id,
        name=names[0],
        schema=schema,
        aliases=tuple(names[1:]),
        programs=programs,
        countries=countries,
        remarks=remark or None,
        websites=websites,
    )
