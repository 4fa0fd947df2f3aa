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
    entity("eu-fsf-s1", "Sanction", program=["EU-IRN"]),  # not a party: passed over
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
    assert lst.entries[1].programs == ("sanction",)
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
    assert screener.screen("Qasem Soleimani", "Organization") == []


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
