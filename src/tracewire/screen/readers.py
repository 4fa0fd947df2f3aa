"""Read a sanctions list file in any supported format: `read_list_file(path, fmt)`.

Formats: `ofac` (SDN CSV), `ofac-xml` (OFAC's advanced XML), `ftm` (OpenSanctions
FollowTheMoney entities), `eu` (EU consolidated financial sanctions XML) and `uk` (the UK
sanctions list XML); `auto` tells them apart by extension and root element. Also the XML
helpers the XML readers share: no DTDs (so no entity expansion), namespaces dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from tracewire.screen.lists import SanctionsEntry, SanctionsError, SanctionsList

FORMATS = ("ofac", "ofac-xml", "ftm", "eu", "uk")
_ROOTS = {"sanctions": "ofac-xml", "export": "eu", "designations": "uk"}
_ROOT_TAG = re.compile(rb"<\s*([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s>/]")
Item = TypeVar("Item")


def read_list_file(path: Path, fmt: str = "auto") -> SanctionsList:
    """Read a list file; `fmt` is one of `FORMATS` or "auto"."""
    from tracewire.screen.eu import read_eu_xml  # noqa: PLC0415 - readers load on use
    from tracewire.screen.ftm import read_ftm_jsonl  # noqa: PLC0415
    from tracewire.screen.ofac import read_ofac_csv  # noqa: PLC0415
    from tracewire.screen.ofac_xml import read_ofac_xml  # noqa: PLC0415
    from tracewire.screen.uk import read_uk_xml  # noqa: PLC0415

    if fmt == "auto":
        fmt = detect_format(path)
    readers = {
        "ofac": read_ofac_csv,
        "ofac-xml": read_ofac_xml,
        "ftm": read_ftm_jsonl,
        "eu": read_eu_xml,
        "uk": read_uk_xml,
    }
    reader = readers.get(fmt)
    if reader is None:
        raise SanctionsError(f"{path}: unknown list format {fmt!r} ({', '.join(FORMATS)})")
    return reader(path)


def detect_format(path: Path) -> str:
    """The format of a list file from its extension and, for XML, its root element."""
    suffixes = [s.lower() for s in path.suffixes]
    if any(s in (".json", ".jsonl", ".ndjson") for s in suffixes):
        return "ftm"
    if ".xml" not in suffixes:
        return "ofac"
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise SanctionsError(f"cannot read {path}: {exc.strerror or exc}") from exc
    for match in _ROOT_TAG.finditer(head):
        name = match.group(2).decode("ascii", "replace").lower()
        if name in ("xml",):
            continue
        if name in _ROOTS:
            return _ROOTS[name]
        break
    raise SanctionsError(
        f"{path} is no known list format: an XML root other than Sanctions (OFAC), "
        "export (EU) or Designations (UK); give --format"
    )


def parse_xml(path: Path, what: str) -> ET.Element:
    """Parse an XML list file with namespaces removed; a DTD is refused (it could
    declare entities that expand without end)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SanctionsError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if b"<!DOCTYPE" in raw[:8192] or b"<!ENTITY" in raw[:8192]:
        raise SanctionsError(f"{path} is refused: it declares a DTD or XML entities")
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        raise SanctionsError(f"{path} is not a readable {what} XML file: {exc}") from exc
    for element in root.iter():
        if isinstance(element.tag, str) and "}" in element.tag:
            element.tag = element.tag.split("}", 1)[1]
        for key in [k for k in element.attrib if "}" in k]:
            element.attrib[key.split("}", 1)[1]] = element.attrib.pop(key)
    return root


def text_of(element: ET.Element | None) -> str:
    """An element's text with whitespace tidied ("" when missing)."""
    if element is None or element.text is None:
        return ""
    return " ".join(element.text.split())


def unique(values: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Non-empty values in first-seen order, without duplicates."""
    return tuple(dict.fromkeys(v for v in values if v))


def person_name(given: list[str], family: str) -> str:
    """A person's name in the lists' "FAMILY, Given Middle" order (family may be empty)."""
    given_text = " ".join(part for part in given if part)
    if family and given_text:
        return f"{family}, {given_text}"
    return family or given_text


def read_entries(
    elements: Iterable[Item],
    read: Callable[[Item, str], SanctionsEntry | None],
    list_id: str,
) -> tuple[list[SanctionsEntry], int]:
    """The entries `read` makes of the elements (XML elements, CSV rows), and how many it
    could not read."""
    entries: list[SanctionsEntry] = []
    skipped = 0
    for element in elements:
        entry = read(element, list_id)
        if entry is None:
            skipped += 1
        else:
            entries.append(entry)
    return entries, skipped
