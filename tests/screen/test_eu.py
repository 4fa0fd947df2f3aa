"""The EU consolidated financial sanctions list, on a small file in its published XML."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracewire.screen import SanctionsError, Screener, read_eu_xml, read_list_file

EU_XML = """<?xml version="1.0" encoding="UTF-8"?>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2024-04-29T18:10:04.124+02:00"
        globalFileId="171398">
  <sanctionEntity designationDetails="" unitedNationId="" euReferenceNumber="EU.9001.12"
                  logicalId="9001">
    <remark>Provider of a video analytics platform to the security services.</remark>
    <regulation regulationType="regulation" organisationType="council"
                publicationDate="2022-06-03" entryIntoForceDate="2022-06-03"
                numberTitle="2022/876 (OJ L153)" programme="BLR" logicalId="181">
      <publicationUrl>https://eur-lex.europa.eu/example</publicationUrl>
    </regulation>
    <subjectType code="enterprise" classificationCode="E"/>
    <nameAlias firstName="" middleName="" lastName="" wholeName="Vesterhold Analytics LLC"
               function="" gender="" title="" nameLanguage="" strong="true"
               regulationLanguage="en" logicalId="9100"/>
    <nameAlias wholeName="Vesterhold" strong="true" nameLanguage="" logicalId="9101"/>
    <address city="Minsk" street="Example street 1" countryIso2Code="BY"
             countryDescription="BELARUS" logicalId="9102">
      <contactInfo key="WEB" value="www.vesterhold-analytics.example"/>
    </address>
  </sanctionEntity>
  <sanctionEntity euReferenceNumber="EU.9002.34" logicalId="9002">
    <regulation programme="BLR" publicationDate="2022-06-03"/>
    <subjectType code="person" classificationCode="P"/>
    <nameAlias firstName="Oskar" middleName="Petrovich" lastName="Lindqvar"
               wholeName="Oskar Petrovich Lindqvar" gender="M" strong="true" logicalId="9200"/>
    <citizenship countryIso2Code="BY" countryDescription="BELARUS" logicalId="9201"/>
  </sanctionEntity>
  <sanctionEntity logicalId="9003">
    <subjectType code="unknown"/>
    <nameAlias wholeName="Not a party" strong="true"/>
  </sanctionEntity>
</export>
"""


@pytest.fixture()
def eu_file(tmp_path: Path) -> Path:
    path = tmp_path / "eu-fsf.xml"
    path.write_text(EU_XML, encoding="utf-8")
    return path


def test_reads_entities_persons_and_the_generation_date(eu_file: Path) -> None:
    lst = read_eu_xml(eu_file)
    assert (lst.id, lst.date, lst.skipped) == ("eu-fsf", "2024-04-29", 1)
    company, person = lst.entries
    assert (company.entry_id, company.schema) == ("EU.9001.12", "Organization")
    assert company.name == "Vesterhold Analytics LLC"
    assert company.aliases == ("Vesterhold",)
    assert company.programs == ("BLR",)
    assert company.countries == ("BY",)
    assert company.websites == ("www.vesterhold-analytics.example",)
    assert company.topics == ("sanction",)
    assert (person.schema, person.name) == ("Person", "Lindqvar, Oskar Petrovich")
    assert person.aliases == ("Oskar Petrovich Lindqvar",)


def test_auto_detection_and_screening(eu_file: Path) -> None:
    lst = read_list_file(eu_file)
    screener = Screener(lst)
    assert screener.screen("Oskar Lindqvar", "Person")[0].level == "listed"
    top = screener.screen("Vesterhold Analytics", "Company")[0]
    assert (top.entry.entry_id, top.level) == ("EU.9001.12", "listed")


def test_other_xml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text("<export><nothing/></export>", encoding="utf-8")
    with pytest.raises(SanctionsError, match="no entity read"):
        read_eu_xml(path)
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<!DOCTYPE x [<!ENTITY a "aaaa">]><export>&a;</export>', encoding="utf-8")
    with pytest.raises(SanctionsError, match="DTD"):
        read_eu_xml(bomb)
