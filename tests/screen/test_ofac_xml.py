"""OFAC's advanced XML format (sdn_advanced.xml), on a small file in its published form."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracewire.screen import SanctionsError, Screener, read_list_file, read_ofac_xml

NS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML"
OFAC_XML = f"""<?xml version="1.0" encoding="utf-8"?>
<Sanctions xmlns="{NS}">
  <DateOfIssue><Year>2024</Year><Month>5</Month><Day>3</Day></DateOfIssue>
  <ReferenceValueSets>
    <AliasTypeValues><AliasType ID="1400">A.K.A.</AliasType><AliasType ID="1403">Name</AliasType>
    </AliasTypeValues>
    <FeatureTypeValues><FeatureType ID="14">Website</FeatureType>
      <FeatureType ID="8">Birthdate</FeatureType></FeatureTypeValues>
    <NamePartTypeValues>
      <NamePartType ID="1520">Last Name</NamePartType>
      <NamePartType ID="1521">First Name</NamePartType>
      <NamePartType ID="1522">Middle Name</NamePartType>
      <NamePartType ID="1525">Entity Name</NamePartType>
      <NamePartType ID="1526">Vessel Name</NamePartType>
    </NamePartTypeValues>
    <PartySubTypeValues>
      <PartySubType ID="1" PartyTypeID="3">Vessel</PartySubType>
      <PartySubType ID="3" PartyTypeID="2">Unknown</PartySubType>
      <PartySubType ID="4" PartyTypeID="1">Unknown</PartySubType>
    </PartySubTypeValues>
    <PartyTypeValues><PartyType ID="1">Individual</PartyType><PartyType ID="2">Entity</PartyType>
      <PartyType ID="3">Transport</PartyType></PartyTypeValues>
    <SanctionsTypeValues><SanctionsType ID="1">Program</SanctionsType>
      <SanctionsType ID="2">Block</SanctionsType></SanctionsTypeValues>
  </ReferenceValueSets>
  <DistinctParties>
    <DistinctParty FixedRef="90001">
      <Profile ID="90001" PartySubTypeID="3">
        <Identity ID="7001" FixedRef="90001" Primary="true" False="false">
          <Alias FixedRef="90001" AliasTypeID="1403" Primary="true" LowQuality="false">
            <DocumentedName ID="8001" FixedRef="90001" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="6001" ScriptID="215"
                ScriptStatusID="1" Acronym="false">HALCYON RELAY NETWORKS LLC</NamePartValue>
              </DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <Alias FixedRef="90001" AliasTypeID="1400" Primary="false" LowQuality="false">
            <DocumentedName ID="8002" FixedRef="90001" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="6001">HALCYON NET</NamePartValue>
              </DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <NamePartGroups><MasterNamePartGroup><NamePartGroup ID="6001" NamePartTypeID="1525"/>
          </MasterNamePartGroup></NamePartGroups>
        </Identity>
        <Feature ID="5001" FeatureTypeID="14"><FeatureVersion ID="5101" ReliabilityID="1">
          <VersionDetail DetailTypeID="1432">www.halcyon-relay.example</VersionDetail>
        </FeatureVersion></Feature>
      </Profile>
    </DistinctParty>
    <DistinctParty FixedRef="90002">
      <Profile ID="90002" PartySubTypeID="4">
        <Identity ID="7002" FixedRef="90002" Primary="true" False="false">
          <Alias FixedRef="90002" AliasTypeID="1403" Primary="true" LowQuality="false">
            <DocumentedName ID="8003" FixedRef="90002" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="6002">Severin</NamePartValue>
              </DocumentedNamePart>
              <DocumentedNamePart><NamePartValue NamePartGroupID="6003">Aurelio</NamePartValue>
              </DocumentedNamePart>
              <DocumentedNamePart><NamePartValue NamePartGroupID="6004">QUISTORP</NamePartValue>
              </DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <NamePartGroups><MasterNamePartGroup>
            <NamePartGroup ID="6002" NamePartTypeID="1521"/>
            <NamePartGroup ID="6003" NamePartTypeID="1522"/>
            <NamePartGroup ID="6004" NamePartTypeID="1520"/>
          </MasterNamePartGroup></NamePartGroups>
        </Identity>
      </Profile>
    </DistinctParty>
    <DistinctParty FixedRef="90003">
      <Profile ID="90003" PartySubTypeID="1">
        <Identity ID="7003" FixedRef="90003" Primary="true" False="false">
          <Alias FixedRef="90003" AliasTypeID="1403" Primary="true" LowQuality="false">
            <DocumentedName ID="8004" FixedRef="90003" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="6005">NORTH STAR 7</NamePartValue>
              </DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <NamePartGroups><MasterNamePartGroup><NamePartGroup ID="6005" NamePartTypeID="1526"/>
          </MasterNamePartGroup></NamePartGroups>
        </Identity>
      </Profile>
    </DistinctParty>
  </DistinctParties>
  <ProfileRelationships>
    <ProfileRelationship ID="3001" From-ProfileID="90002" To-ProfileID="90001"
      RelationTypeID="1555" RelationQualityID="1" Former="false"/>
  </ProfileRelationships>
  <SanctionsEntries>
    <SanctionsEntry ID="4001" ProfileID="90001" ListID="1550">
      <EntryEvent ID="4101" EntryEventTypeID="1" LegalBasisID="1"><Date><Year>2023</Year>
        <Month>3</Month><Day>7</Day></Date></EntryEvent>
      <SanctionsMeasure ID="4201" SanctionsTypeID="1"><Comment>CYBER2</Comment></SanctionsMeasure>
      <SanctionsMeasure ID="4202" SanctionsTypeID="2"/>
    </SanctionsEntry>
    <SanctionsEntry ID="4002" ProfileID="90002" ListID="1550">
      <SanctionsMeasure ID="4203" SanctionsTypeID="1"><Comment>CYBER2</Comment></SanctionsMeasure>
      <SanctionsMeasure ID="4204" SanctionsTypeID="1"><Comment>SDGT</Comment></SanctionsMeasure>
    </SanctionsEntry>
  </SanctionsEntries>
</Sanctions>
"""


@pytest.fixture()
def ofac_file(tmp_path: Path) -> Path:
    path = tmp_path / "sdn_advanced.xml"
    path.write_text(OFAC_XML, encoding="utf-8")
    return path


def test_reads_profiles_names_programs_and_the_date_of_issue(ofac_file: Path) -> None:
    lst = read_ofac_xml(ofac_file)
    assert (lst.id, lst.date, lst.skipped) == ("us-ofac-sdn", "2024-05-03", 0)
    company, person, vessel = lst.entries
    assert (company.entry_id, company.schema, company.name) == (
        "90001",
        "Organization",
        "HALCYON RELAY NETWORKS LLC",
    )
    assert company.aliases == ("HALCYON NET",)
    assert company.programs == ("CYBER2",)
    assert company.websites == ("www.halcyon-relay.example",)
    assert (person.schema, person.name) == ("Person", "QUISTORP, Severin Aurelio")
    assert person.programs == ("CYBER2", "SDGT")
    assert person.linked_to == ("HALCYON RELAY NETWORKS LLC",)
    assert (vessel.schema, vessel.name) == ("Vessel", "NORTH STAR 7")


def test_auto_detection_and_screening(ofac_file: Path) -> None:
    screener = Screener(read_list_file(ofac_file))
    assert screener.screen("Severin Quistorp", "Person")[0].level == "listed"
    top = screener.screen("HalcyonRelay", "Company")[0]
    assert (top.entry.entry_id, top.level) == ("90001", "listed")
    assert top.features["website_match"] == 1.0


def test_a_file_without_reference_values_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sdn_advanced.xml"
    path.write_text(f'<Sanctions xmlns="{NS}"><DistinctParties/></Sanctions>')
    with pytest.raises(SanctionsError, match="not an OFAC advanced XML file"):
        read_ofac_xml(path)
