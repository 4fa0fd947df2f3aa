"""The gazetteer data files and their loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracewire.ontology import load_gazetteer
from tracewire.ontology.gazetteer import OntologyError, build_gazetteer, normalise_name
from tracewire.records import EntityType


def test_shipped_files_load_without_conflicts() -> None:
    gazetteer = load_gazetteer()
    assert len(gazetteer) > 300
    types = {entry.type for entry in gazetteer.entries.values()}
    assert {EntityType.COMPANY, EntityType.PUBLIC_BODY, EntityType.COUNTRY} <= types
    assert EntityType.TECHNOLOGY in types


@pytest.mark.parametrize(
    "name",
    [
        "Tiandy",
        "Hikvision",
        "Dahua",
        "Uniview",
        "Huawei",
        "ZTE",
        "CEIEC",
        "Megvii",
        "SenseTime",
        "CloudWalk",
        "Yitu",
        "iFlytek",
        "NSO Group",
        "Cellebrite",
        "FinFisher",
        "Sandvine",
        "Palantir",
    ],
)
def test_named_vendors_are_companies(name: str) -> None:
    hit = load_gazetteer().lookup(name)
    assert hit is not None, name
    assert hit[0].type is EntityType.COMPANY


@pytest.mark.parametrize(
    ("surface", "canonical", "form"),
    [
        ("Beijing", "China", "capital"),
        ("Iranian", "Iran", "demonym"),
        ("Tehran", "Iran", "capital"),
        ("IRGC", "Islamic Revolutionary Guard Corps", "acronym"),
    ],
)
def test_capitals_demonyms_and_acronyms(surface: str, canonical: str, form: str) -> None:
    hit = load_gazetteer().lookup(surface)
    assert hit is not None
    assert hit[0].name == canonical
    assert hit[1] == form


def test_distinct_bodies_stay_distinct() -> None:
    gazetteer = load_gazetteer()
    irgc = gazetteer.lookup("Islamic Revolutionary Guard Corps")
    qods = gazetteer.lookup("Qods Force")
    assert irgc is not None and qods is not None
    assert irgc[0].key != qods[0].key


def test_technologies_are_typed() -> None:
    hit = load_gazetteer().lookup("facial recognition")
    assert hit is not None and hit[0].type is EntityType.TECHNOLOGY


def test_alias_claimed_by_two_entries_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "type: Company\nentries:\n  - name: Alpha Vision\n    aliases: [AV]\n"
        "  - name: Avant Video\n    aliases: [AV]\n",
        encoding="utf-8",
    )
    with pytest.raises(OntologyError, match="AV"):
        build_gazetteer([path])


def test_unknown_type_and_bad_qid_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text("type: Spaceship\nentries:\n  - name: Nostromo\n", encoding="utf-8")
    with pytest.raises(OntologyError, match=r"odd\.yaml.*Spaceship"):
        build_gazetteer([path])
    path.write_text("type: Company\nentries:\n  - name: Nostromo\n    qid: 12\n", encoding="utf-8")
    with pytest.raises(OntologyError, match="QID"):
        build_gazetteer([path])


def test_normalise_name_folds_quotes_case_and_space() -> None:
    assert normalise_name("Sa\u2019iran") == normalise_name("SA'IRAN")
    assert normalise_name("  Huawei\tTechnologies ") == "huawei technologies"
