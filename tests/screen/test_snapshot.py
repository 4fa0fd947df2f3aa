"""The embedded SDN snapshot and the snapshot file format."""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

import pytest

from tracewire.screen import (
    SanctionsEntry,
    SanctionsError,
    SanctionsList,
    load_snapshot,
    read_snapshot,
    write_snapshot,
)
from tracewire.screen.snapshot import SNAPSHOT_NAME

SNAPSHOT = Path(__file__).resolve().parents[2] / "src/tracewire/screen/data" / SNAPSHOT_NAME


def small_list() -> SanctionsList:
    return SanctionsList(
        id="test-list",
        name="Test list",
        source="memory",
        date="2024-01-31",
        entries=(
            SanctionsEntry(
                "test-list",
                "1",
                "ACME TRADING LLC",
                "Organization",
                aliases=("ACME",),
                programs=("SDGT", "IRGC"),
            ),
            SanctionsEntry(
                "test-list",
                "2",
                "SMITH, John",
                "Person",
                linked_to=("ACME",),
                countries=("gb",),
                remarks="DOB 1970; a.k.a. 'Johnny'",
            ),
            SanctionsEntry("test-list", "3", "ÖZTÜRK GEMİ", "Vessel"),
        ),
    )


def test_round_trip(tmp_path: Path) -> None:
    lst = small_list()
    path = write_snapshot(lst, tmp_path / "deep" / "list.jsonl.gz")
    again = read_snapshot(path)
    assert again.entries == lst.entries
    assert (again.id, again.name, again.source, again.date) == (
        "test-list",
        "Test list",
        "memory",
        "2024-01-31",
    )
    # Deterministic bytes: the same list gives the same file.
    assert write_snapshot(lst, tmp_path / "again.jsonl.gz").read_bytes() == path.read_bytes()


def test_bad_snapshots_raise(tmp_path: Path) -> None:
    not_gzip = tmp_path / "plain.jsonl.gz"
    not_gzip.write_text("{}", encoding="utf-8")
    with pytest.raises(SanctionsError, match="cannot read snapshot"):
        read_snapshot(not_gzip)
    wrong_header = tmp_path / "other.jsonl.gz"
    wrong_header.write_bytes(gzip.compress(b'{"format": "something-else"}\n'))
    with pytest.raises(SanctionsError, match="not a tracewire sanctions snapshot"):
        read_snapshot(wrong_header)
    bad_entry = tmp_path / "bad.jsonl.gz"
    good = write_snapshot(small_list(), tmp_path / "good.jsonl.gz")
    text = gzip.decompress(good.read_bytes()) + b'{"id": "9", "name": "X", "schema": "Ship"}\n'
    bad_entry.write_bytes(gzip.compress(text))
    with pytest.raises(SanctionsError, match="line 5"):
        read_snapshot(bad_entry)


def test_embedded_snapshot_is_the_sdn_list() -> None:
    assert SNAPSHOT.is_file(), "run scripts/make_sdn_snapshot.py to build the snapshot"
    assert SNAPSHOT.stat().st_size < 1_500_000
    lst = load_snapshot()
    assert load_snapshot() is lst  # read once per process
    assert lst.id == "us-ofac-sdn"
    assert lst.date == "2024-05-03"
    assert len(lst) == 14965
    irgc = lst.get("10391")
    assert irgc is not None and irgc.name == "ISLAMIC REVOLUTIONARY GUARD CORPS"
    tesa = lst.get("12941")
    assert tesa is not None and tesa.aliases == ("TESA",)


def test_embedded_snapshot_matches_the_csv(sdn: SanctionsList) -> None:
    assert load_snapshot().entries == sdn.entries


def run_script(args: list[str]) -> int:
    """Run scripts/make_sdn_snapshot.py's main() in this process."""
    path = Path(__file__).resolve().parents[2] / "scripts" / "make_sdn_snapshot.py"
    spec = importlib.util.spec_from_file_location("make_sdn_snapshot", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result: int = module.main(args)
    return result


def test_make_sdn_snapshot_script(
    tmp_path: Path, sdn_rows: str, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "sdn-2024-02-29.csv"
    src.write_text(sdn_rows, encoding="utf-8")
    out = tmp_path / "out" / "snapshot.jsonl.gz"
    assert run_script([str(src), "--out", str(out)]) == 0
    lst = read_snapshot(out)
    assert [e.entry_id for e in lst.entries] == ["10391", "12941", "10481"]
    assert lst.date == "2024-02-29"
    assert lst.source == "https://www.treasury.gov/ofac/downloads/sdn.csv (sdn-2024-02-29.csv)"
    assert "3 entries" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n", encoding="utf-8")
    assert run_script([str(bad), "--out", str(tmp_path / "x.gz")]) == 1
    assert "not an SDN CSV" in capsys.readouterr().err
