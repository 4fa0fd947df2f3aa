"""Read OFAC's sanctions lists in their advanced XML format (`sdn_advanced.xml`).

The root `Sanctions` states the list's date in `DateOfIssue` (`Year`, `Month`, `Day`).
Codes are defined once in `ReferenceValueSets` (`PartySubTypeValues/PartySubType`,
`PartyTypeValues`, `AliasTypeValues`, `NamePartTypeValues`, `FeatureTypeValues`,
`SanctionsTypeValues`, each value with an `ID`). Each
`DistinctParties/DistinctParty/Profile` (its `ID` is the SDN entry number) has one
`Identity` whose `Alias` elements hold `DocumentedName/DocumentedNamePart/NamePartValue`
parts, typed through `NamePartGroups/MasterNamePartGroup/NamePartGroup` ("Last Name",
"First Name", "Entity Name"...), and `Feature` elements (a "Website" in `VersionDetail`).
`SanctionsEntries/SanctionsEntry` (by `ProfileID`) names the programs in the `Comment`
of its `SanctionsMeasure` of type "Program"; `ProfileRelationship` links profiles.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from tracewire.screen.lists import SanctionsEntry, SanctionsError, SanctionsList
from tracewire.screen.readers import parse_xml, person_name, text_of, unique

LIST_ID = "us-ofac-sdn"
LIST_NAME = "US OFAC Specially Designated Nationals (SDN) list"
SCHEMAS = {
    "Individual": "Person",
    "Entity": "Organization",
    "Vessel": "Vessel",
    "Aircraft": "Aircraft",
}
GIVEN_PARTS = ("First Name", "Middle Name", "Patronymic", "Matronymic", "Maiden Name")
WHOLE_PARTS = ("Entity Name", "Vessel Name", "Aircraft Name", "Nickname")


class _Refs:
    """The reference values of the file: text by kind and ID."""

    def __init__(self, root: ET.Element) -> None:
        self.values: dict[tuple[str, str], ET.Element] = {}
        sets = root.find("ReferenceValueSets")
        if sets is None:
            raise SanctionsError("no ReferenceValueSets")
        for group in sets:
            kind = group.tag.removesuffix("Values")
            for value in group:
                if value.get("ID") is not None:
                    self.values[(kind, value.get("ID") or "")] = value

    def text(self, kind: str, value_id: str | None) -> str:
        found = self.values.get((kind, value_id or ""))
        return text_of(found)

    def get(self, kind: str, value_id: str | None) -> ET.Element | None:
        return self.values.get((kind, value_id or ""))


def read_ofac_xml(path: Path, *, list_id: str = LIST_ID) -> SanctionsList:
    """Read an OFAC advanced XML file; profiles without a known type or a name are
    skipped and counted."""
    root = parse_xml(path, "OFAC advanced")
    if root.tag != "Sanctions":
        raise SanctionsError(f"{path} is not an OFAC advanced XML file: root <{root.tag}>")
    try:
        refs = _Refs(root)
    except SanctionsError as exc:
        raise SanctionsError(f"{path} is not an OFAC advanced XML file: {exc}") from exc
    programs = _programs(root, refs)
    profiles: dict[str, ET.Element] = {}
    for party in root.iter("DistinctParty"):
        for profile in party.findall("Profile"):
            if profile.get("ID"):
                profiles[profile.get("ID") or ""] = profile
    links = _links(root, profiles)
    entries: list[SanctionsEntry] = []
    skipped = 0
    for profile_id, profile in profiles.items():
        entry = _entry(profile_id, profile, refs, programs=programs, links=links, list_id=list_id)
        if entry is None:
            skipped += 1
        else:
            entries.append(entry)
    if not entries:
        raise SanctionsError(f"{path} is not an OFAC advanced XML file: no party read")
    # Links name the linked party, as the CSV's "Linked To:" remarks do.
    names = {entry.entry_id: entry.name for entry in entries}
    entries = [
        replace(entry, linked_to=unique([names.get(i, "") for i in entry.linked_to]))
        for entry in entries
    ]
    return SanctionsList(
        id=list_id,
        name=LIST_NAME,
        source=str(path),
        date=_issue_date(root.find("DateOfIssue")),
        entries=tuple(entries),
        skipped=skipped,
    )


def _issue_date(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    try:
        year, month, day = (int(text_of(element.find(p)) or 0) for p in ("Year", "Month", "Day"))
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year and month and day else None


def _programs(root: ET.Element, refs: _Refs) -> dict[str, list[str]]:
    found: defaultdict[str, list[str]] = defaultdict(list)
    for entry in root.iter("SanctionsEntry"):
        for measure in entry.findall("SanctionsMeasure"):
            if refs.text("SanctionsType", measure.get("SanctionsTypeID")) == "Program":
                found[entry.get("ProfileID") or ""].append(text_of(measure.find("Comment")))
    return found


def _links(root: ET.Element, profiles: dict[str, ET.Element]) -> dict[str, list[str]]:
    """Profile ids each profile is linked to (the CSV's "Linked To")."""
    found: defaultdict[str, list[str]] = defaultdict(list)
    for relation in root.iter("ProfileRelationship"):
        source, target = relation.get("From-ProfileID"), relation.get("To-ProfileID")
        if source in profiles and target in profiles:
            found[source or ""].append(target or "")
    return found


def _schema(profile: ET.Element, refs: _Refs) -> str | None:
    sub_type = refs.get("PartySubType", profile.get("PartySubTypeID"))
    if sub_type is None:
        return None
    kind = text_of(sub_type)
    if kind == "Unknown":
        kind = refs.text("PartyType", sub_type.get("PartyTypeID"))
    return SCHEMAS.get(kind)


def _names(identity: ET.Element, refs: _Refs, person: bool) -> list[str]:
    groups = {
        group.get("ID") or "": refs.text("NamePartType", group.get("NamePartTypeID"))
        for group in identity.iter("NamePartGroup")
    }
    primary: list[str] = []
    others: list[str] = []
    for alias in identity.findall("Alias"):
        for documented in alias.findall("DocumentedName"):
            parts: defaultdict[str, list[str]] = defaultdict(list)
            for value in documented.iter("NamePartValue"):
                parts[groups.get(value.get("NamePartGroupID") or "", "")].append(text_of(value))
            whole = " ".join(p for kind in WHOLE_PARTS for p in parts.get(kind, []))
            if (person and parts.get("Last Name")) or not whole:
                given = [p for kind in GIVEN_PARTS for p in parts.get(kind, [])]
                whole = person_name(given, " ".join(parts.get("Last Name", []))) or whole
            target = primary if alias.get("Primary") == "true" else others
            target.append(whole)
    return list(unique([*primary, *others]))


def _entry(
    profile_id: str,
    profile: ET.Element,
    refs: _Refs,
    *,
    programs: dict[str, list[str]],
    links: dict[str, list[str]],
    list_id: str,
) -> SanctionsEntry | None:
    schema = _schema(profile, refs)
    identity = profile.find("Identity")
    if schema is None or identity is None:
        return None
    names = _names(identity, refs, schema == "Person")
    if not names:
        return None
    websites = [
        text_of(feature.find(".//VersionDetail"))
        for feature in profile.findall("Feature")
        if refs.text("FeatureType", feature.get("FeatureTypeID")) == "Website"
    ]
    return SanctionsEntry(
        list_id=list_id,
        entry_id=profile_id,
        name=names[0],
        schema=schema,
        aliases=tuple(names[1:]),
        programs=unique(programs.get(profile_id, [])),
        linked_to=tuple(links.get(profile_id, [])),
        websites=unique(websites),
    )
