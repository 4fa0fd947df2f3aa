"""The UK sanctions list, on a small file in its published XML format."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracewire.screen import SanctionsError, Screener, read_list_file, read_uk_xml
from tracewire.screen.uk import iso_date

UK_XML = """<?xml version="1.0" encoding="utf-8"?>
<Designations xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <DateGenerated>02/05/2024</DateGenerated>
  <Designation>
    <LastUpdated>14/03/2024</LastUpdated>
    <DateDesignated>17/12/2020</DateDesignated>
    <UniqueID>BLR0099</UniqueID>
    <OFSIGroupID>14001</OFSIGroupID>
    <Names>
      <Name><Name6>Kestrel Vision Systems</Name6><NameType>Primary Name</NameType></Name>
      <Name><Name6>KVS</Name6><NameType>Alias</NameType></Name>
    </Names>
    <NonLatinNames>
      <NonLatinName><NameNonLatinScript>Кестрел Вижн</NameNonLatinScript></NonLatinName>
    </NonLatinNames>
    <RegimeName>The Republic of Belarus (Sanctions) (EU Exit) Regulations 2019</RegimeName>
    <IndividualEntityShip>Entity</IndividualEntityShip>
    <DesignationSource>UK</DesignationSource>
    <SanctionsImposed>Asset freeze</SanctionsImposed>
  </Designation>
  <Designation>
    <UniqueID>RUS9998</UniqueID>
    <Names>
      <Name><Name1>Marta</Name1><Name2>Ilinichna</Name2><Name6>VOSKRESKAYA</Name6>
        <NameType>Primary Name</NameType></Name>
      <Name><Name1>Marta</Name1><Name6>VOSKRESSKAYA</Name6>
        <NameType>Primary Name Variation</NameType></Name>
    </Names>
    <RegimeName>The Russia (Sanctions) (EU Exit) Regulations 2019</RegimeName>
    <IndividualEntityShip>Individual</IndividualEntityShip>
    <IndividualDetails><Individual><Nationalities><Nationality>Russia</Nationality>
    </Nationalities></Individual></IndividualDetails>
  </Designation>
  <Designation>
    <UniqueID>RUS9999</UniqueID>
    <Names><Name><Name6>SEA HERON</Name6><NameType>Primary Name</NameType></Name></Names>
    <IndividualEntityShip>Ship</IndividualEntityShip>
  </Designation>
  <Designation><UniqueID>X1</UniqueID><IndividualEntityShip>Unknown</IndividualEntityShip>
  </Designation>
</Designations>
"""


@pytest.fixture()
def uk_file(tmp_path: Path) -> Path:
    path = tmp_path / "UK_Sanctions_List.xml"
    path.write_text(UK_XML, encoding="utf-8")
    return path


def test_reads_designations_and_the_date_generated(uk_file: Path) -> None:
    lst = read_uk_xml(uk_file)
    assert (lst.id, lst.date, lst.skipped) == ("gb-fcdo-sanctions", "2024-05-02", 1)
    entity, person, ship = lst.entries
    assert (entity.entry_id, entity.schema, entity.name) == (
        "BLR0099",
        "Organization",
        "Kestrel Vision Systems",
    )
    assert entity.aliases == ("KVS", "Кестрел Вижн")
    assert entity.programs == ("The Republic of Belarus (Sanctions) (EU Exit) Regulations 2019",)
    assert (person.schema, person.name) == ("Person", "VOSKRESKAYA, Marta Ilinichna")
    assert person.aliases == ("VOSKRESSKAYA, Marta",)
    assert person.countries == ("ru",)
    assert (ship.schema, ship.name) == ("Vessel", "SEA HERON")


def test_dates_are_day_first() -> None:
    assert iso_date("02/05/2024") == "2024-05-02"
    assert iso_date("dd/mm/1950") is None


def test_auto_detection_and_screening(uk_file: Path) -> None:
    screener = Screener(read_list_file(uk_file))
    assert screener.screen("Marta Voskreskaya", "Person")[0].level == "listed"
    assert screener.screen("Kestrel Vision Systems", "Company")[0].level == "listed"
    assert screener.screen("Sea Heron", "Vessel")[0].entry.entry_id == "RUS9999"


def test_a_file_without_designations_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_text("<Designations><DateGenerated>01/01/2024</DateGenerated></Designations>")
    with pytest.raises(SanctionsError, match="no designation read"):
        read_uk_xml(path)
