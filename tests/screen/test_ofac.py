"""Reading the OFAC SDN CSV: the real file, damaged files and files of another kind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tracewire.screen import SanctionsError, SanctionsList, read_ofac_csv
from tracewire.screen.ofac import clean_alias, parse_programs, parse_remarks


def test_real_file_parses_every_row(sdn: SanctionsList) -> None:
    assert len(sdn) == 14965
    assert sdn.skipped == 0  # the trailing DOS end-of-file byte is not a row
    assert sdn.id == "us-ofac-sdn"
    assert sdn.date == "2024-05-03"
    assert sdn.source.endswith("sdn-2024-05-03.csv")
    schemas = {entry.schema for entry in sdn.entries}
    assert schemas == {"Person", "Organization", "Vessel", "Aircraft"}
    assert sum(entry.schema == "Person" for entry in sdn.entries) == 6854
    assert sum(entry.schema == "Vessel" for entry in sdn.entries) == 851


def test_known_entries(sdn: SanctionsList) -> None:
    irgc = sdn.get("10391")
    assert irgc is not None
    assert irgc.name == "ISLAMIC REVOLUTIONARY GUARD CORPS"
    assert irgc.schema == "Organization"
    assert irgc.programs[:4] == ("FTO", "SDGT", "NPWMD", "IRGC")
    assert "ELECTION-EO13848" in irgc.programs
    tesa = sdn.get("12941")
    assert tesa is not None and tesa.aliases == ("TESA",)
    mois = sdn.get("12111")
    assert mois is not None and mois.aliases == ("MOIS", "VEVAK")
    soleimani = sdn.get("10481")
    assert soleimani is not None and soleimani.schema == "Person"
    assert "ir" in soleimani.countries


def test_linked_to_and_quoted_aliases(sdn: SanctionsList) -> None:
    linked = [e for e in sdn.entries if "ISLAMIC REVOLUTIONARY GUARD CORPS" in e.linked_to]
    assert len(linked) > 20
    assert all(not name.endswith(".") for e in linked for name in e.linked_to)
    # Aliases with apostrophes inside keep them: a.k.a. 'ABU 'ABDALLAH'.
    aliases = {alias for entry in sdn.entries for alias in entry.aliases}
    assert "ABU 'ABDALLAH" in aliases
    assert "FOOPIE" in aliases  # a.k.a. ''FOOPIE'': a nickname quoted twice
    assert "'ABD-AL-'IZ" in aliases  # a leading ayn is part of the name
    assert not any(alias.startswith("'") and alias.endswith("'") for alias in aliases)


def test_parse_programs_and_remarks() -> None:
    assert parse_programs("SDGT] [IRGC") == ("SDGT", "IRGC")
    assert parse_programs("CUBA") == ("CUBA",)
    aliases, linked, countries = parse_remarks(
        "DOB 1957; nationality Iran; a.k.a. 'HAJJ QASEM'; f.k.a. 'OLD NAME CO.'; "
        "n.k.a. 'NEW NAME'; Linked To: QODS FORCE."
    )
    assert aliases == ("HAJJ QASEM", "OLD NAME CO.", "NEW NAME")
    assert linked == ("QODS FORCE",)
    assert countries == ("ir",)
    assert clean_alias("'AL-QA'IDA'.") == "AL-QA'IDA"


def test_bad_rows_are_skipped_and_counted(tmp_path: Path, sdn_rows: str) -> None:
    path = tmp_path / "sdn-2023-01-02.csv"
    bad = (
        'x12,"NOT A NUMBER",-0- \r\n99,"TOO","FEW"\r\n13,"BAD TYPE","spaceship",'
        + "-0- ," * 8
        + "-0- \r\n"
    )
    path.write_text(sdn_rows + bad, encoding="utf-8")
    lst = read_ofac_csv(path)
    assert [e.entry_id for e in lst.entries] == ["10391", "12941", "10481"]
    assert lst.skipped == 3
    assert lst.date == "2023-01-02"


def test_date_from_mtime_without_dated_name(tmp_path: Path, sdn_rows: str) -> None:
    path = tmp_path / "sdn.csv"
    path.write_text(sdn_rows, encoding="utf-8")
    os.utime(path, (1_700_000_000, 1_700_000_000))  # 2023-11-14 UTC
    assert read_ofac_csv(path, list_id="ofac", date=None).date == "2023-11-14"
    assert read_ofac_csv(path, date="2024-01-01").date == "2024-01-01"
    assert read_ofac_csv(path, list_id="ofac").entries[0].list_id == "ofac"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"name,country\nAcme,US\nFoo,DE\n", "not an SDN CSV"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (b"", "not an SDN CSV"),
    ],
)
def test_other_files_raise(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(content)
    with pytest.raises(SanctionsError, match=reason) as info:
        read_ofac_csv(path)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(SanctionsError, match="cannot read"):
        read_ofac_csv(tmp_path / "absent.csv")
