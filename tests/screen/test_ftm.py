"""Reading OpenSanctions FollowTheMoney entity files."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tracewire.screen import SanctionsError, Screener, read_ftm_jsonl


def entity(eid: str, schema: str, **props: list[str]) -> str:
    return json.dumps({"id": eid, "schema": schema, "properties": props, "datasets": ["eu_fsf"]})


LINES = [
    entity(
        "eu-fsf-irgc",
        "Organization",
        name=["Islamic Revolutionary Guard Corps"],
        alias=["IRGC", "Pasdaran"],
        programId=["EU-IRN"],
        country=["ir"],
    ),
    entity(
        "eu-fsf-p1", "Person", name=["Qasem Soleimani"], nationality=["ir"], topics=["sanction"]
    ),
    entity("eu-fsf-c1", "Company", name=["Acme Trading LLC"], jurisdiction=["ae"]),
    entity("eu-fsf-pb", "PublicBody", name=["Ministry of Intelligence"]),
    entity("eu-fsf-le", "LegalEntity", name=["Some Holding"]),
    entity("eu-fsf-v1", "Vessel", name=["ADRIAN DARYA 1"], flag=["ir"]),
    entity("eu-fsf-a1", "Airplane", name=["EP-ABC"]),
    entity("eu-fsf-s1", "Sanction", program=["EU-IRN"]),  # names no party: no entry
    entity("eu-fsf-a2", "Address", full=["Tehran"]),  # not a party: passed over
    "{not json",
    json.dumps(["a", "list"]),
    json.dumps({"id": "eu-fsf-x", "schema": "Person", "properties": {}}),  # no name
    "",
]


def test_reads_parties_and_maps_schemata(tmp_path: Path) -> None:
    path = tmp_path / "eu_fsf-2024-02-01.jsonl"
    path.write_text("\n".join(LINES), encoding="utf-8")
    lst = read_ftm_jsonl(path)
    assert lst.id == "eu_fsf"
    assert lst.date == "2024-02-01"
    assert lst.skipped == 3
    schemas = {entry.entry_id: entry.schema for entry in lst.entries}
    assert schemas == {
        "eu-fsf-irgc": "Organization",
        "eu-fsf-p1": "Person",
        "eu-fsf-c1": "Organization",
        "eu-fsf-pb": "Organization",
        "eu-fsf-le": "Organization",
        "eu-fsf-v1": "Vessel",
        "eu-fsf-a1": "Aircraft",
    }
    irgc = lst.entries[0]
    assert irgc.name == "Islamic Revolutionary Guard Corps"
    assert irgc.aliases == ("IRGC", "Pasdaran")
    assert irgc.programs == ("EU-IRN",)
    assert irgc.countries == ("ir",)
    assert irgc.list_id == "eu_fsf"
    assert lst.entries[1].topics == ("sanction",)
    assert lst.entries[1].programs == ()
    assert lst.entries[5].countries == ("ir",)


def test_list_id_and_name_can_be_given_and_gzip_is_read(tmp_path: Path) -> None:
    path = tmp_path / "entities.ftm.json.gz"
    path.write_bytes(gzip.compress("\n".join(LINES).encode("utf-8")))
    lst = read_ftm_jsonl(path, list_id="eu", name="EU financial sanctions")
    assert (lst.id, lst.name) == ("eu", "EU financial sanctions")
    assert {entry.list_id for entry in lst.entries} == {"eu"}


def test_screening_an_ftm_list(tmp_path: Path) -> None:
    path = tmp_path / "entities.jsonl"
    path.write_text("\n".join(LINES), encoding="utf-8")
    screener = Screener(read_ftm_jsonl(path))
    top = screener.screen("Pasdaran", "Organization")[0]
    assert top.entry.entry_id == "eu-fsf-irgc"
    assert top.is_hit
    # The entity has no topics and no Sanction names it: on the list, not as a sanction.
    assert top.level == "other"
    assert screener.screen("Qasem Soleimani", "Organization") == []
    assert screener.screen("Qasem Soleimani", "Person")[0].level == "listed"


@pytest.mark.parametrize(
    "content",
    [b"", b"{bad\n[1,2]\n", b"\x00\x01\x02\xff" * 64, json.dumps({"schema": "Sanction"}).encode()],
)
def test_files_without_entities_raise(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(content)
    with pytest.raises(SanctionsError, match="not a FtM entity file") as info:
        read_ftm_jsonl(path)
    assert str(path) in str(info.value)


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(SanctionsError, match="cannot read"):
        read_ftm_jsonl(tmp_path / "absent.jsonl")


def dated(eid: str, schema: str, last_seen: str, **props: list[str]) -> str:
    record = json.loads(entity(eid, schema, **props))
    record.update(last_seen=last_seen, last_change="2023-01-05T10:00:00")
    return json.dumps(record)


TOPICAL = [
    dated(
        "t-1",
        "Company",
        "2024-03-02T08:00:00",
        name=["Brightwater Optics Ltd"],
        topics=["sanction"],
    ),
    dated(
        "t-2",
        "Company",
        "2024-03-04T08:00:00",
        name=["Halvard Photonics GmbH"],
        topics=["export.control"],
    ),
    dated(
        "t-3",
        "Company",
        "2024-03-01T08:00:00",
        name=["Ostrova Signal Systems"],
        topics=["sanction.linked"],
    ),
    dated("t-4", "Person", "2024-02-28T08:00:00", name=["Teodor Vasquez-Lind"], topics=["crime"]),
    dated(
        "t-5",
        "Organization",
        "2024-03-03T08:00:00",
        name=["Quorra Debarred Works"],
        topics=["debarment"],
    ),
    dated("t-6", "Company", "2024-03-03T08:00:00", name=["Pellucid Relay Networks"]),
    dated(
        "t-7",
        "Sanction",
        "2024-03-03T08:00:00",
        entity=["t-6"],
        program=["Cyber regime"],
        authority=["Council of Ruritania"],
    ),
    dated("t-8", "Sanction", "2024-03-03T08:00:00", entity=["t-2"], program=["Entity List"]),
]


@pytest.fixture()
def topical(tmp_path: Path) -> Screener:
    path = tmp_path / "topics.jsonl"
    path.write_text("\n".join(TOPICAL), encoding="utf-8")
    return Screener(read_ftm_jsonl(path))


@pytest.mark.parametrize(
    ("name", "schema", "level", "topics"),
    [
        ("Brightwater Optics", "Organization", "listed", ("sanction",)),
        ("Halvard Photonics", "Organization", "other", ("export.control",)),
        ("Ostrova Signal Systems", "Organization", "other", ("sanction.linked",)),
        ("Teodor Vasquez-Lind", "Person", "other", ("crime",)),
        ("Quorra Debarred Works", "Organization", "other", ("debarment",)),
        # No topics of its own, but a Sanction entity names it: a sanctioned party.
        ("Pellucid Relay Networks", "Organization", "listed", ("sanction",)),
    ],
)
def test_only_sanction_topics_make_listed(
    topical: Screener, name: str, schema: str, level: str, topics: tuple[str, ...]
) -> None:
    top = topical.screen(name, schema)[0]
    assert (top.level, top.entry.topics) == (level, topics)
    assert top.is_hit
    if level == "other":
        assert f"on the list as {', '.join(topics)}" in top.explanation


def test_sanction_entities_give_their_programs(topical: Screener) -> None:
    entries = {e.entry_id: e for e in topical.list.entries}
    assert "t-7" not in entries and "t-8" not in entries
    assert entries["t-6"].programs == ("Cyber regime", "Council of Ruritania")
    assert entries["t-2"].programs == ("Entity List",)
    assert entries["t-2"].topics == ("export.control",)


def test_the_list_date_is_the_latest_last_seen(topical: Screener) -> None:
    assert topical.list.date == "2024-03-04"
