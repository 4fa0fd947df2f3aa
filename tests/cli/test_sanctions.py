"""`tracewire sanctions load`, `build` screening, `show --candidates`, `match confirm|reject`
and `stats`, run as a user would, on reports and a list written for the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracewire.cli.app import app

runner = CliRunner()
SDN = "US OFAC Specially Designated Nationals (SDN) list"

FIRST = (
    "Norvik Halden Systems Ltd supplied facial recognition cameras to the police of "
    "Ruritania in 2021. Hikvision and Dahua also bid for the tender.\n"
)
LATER = (
    "Spyware maker Quillfeather sold intrusion tools to the police of Ruritania in 2022. "
    "Norvik Halden Systems Ltd trained its officers.\n"
)


def row(num: int, name: str, remarks: str = "-0- ") -> str:
    return ",".join([str(num), f'"{name}"', "-0- ", '"CYBER2"', *["-0- "] * 7, f'"{remarks}"'])


LIST = [
    row(501, "NORVIK HALDEN SYSTEMS LTD"),
    row(502, "NORVIK HALDEN SYSTEMS TRAINING ACADEMY"),
    row(503, "QUILLFEATHER"),
    row(504, "QUILFETHER TECHNOLOGIES"),
]


def flat(output: str) -> str:
    return " ".join(output.split())


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return flat(result.output)


@pytest.fixture()
def workspace(tmp_path: Path) -> tuple[str, Path, Path]:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text(FIRST, encoding="utf-8")
    sdn = tmp_path / "sdn-2031-02-14.csv"
    sdn.write_text("\r\n".join(LIST) + "\r\n", encoding="utf-8")
    db = str(tmp_path / "w.db")
    loaded = run("sanctions", "load", str(sdn), "--db", db)
    assert "of 2031-02-14: 4 entries" in loaded
    return db, reports, sdn


def test_build_screens_new_parties_by_level(workspace: tuple[str, Path, Path]) -> None:
    db, reports, _ = workspace
    built = run("build", str(reports), "--db", db)
    assert "screened" in built and "flags" in built
    shown = run("show", "Norvik Halden Systems Ltd", "--db", db)
    assert f"listed: {SDN}: NORVIK HALDEN SYSTEMS LTD [CYBER2]" in shown
    assert "related: NORVIK HALDEN SYSTEMS TRAINING ACADEMY — a separate designated entity" in shown
    stats = run("stats", "--db", db)
    assert "│ sanctions: parties listed │ 1 │" in stats
    assert "│ sanctions: parties with a related designation │ 0 │" in stats
    # Vendors not on the list carry no flag.
    assert "sanctions screening" not in run("show", "Hikvision", "--db", db)


def test_confirm_and_reject_survive_rebuilds_and_list_reloads(
    workspace: tuple[str, Path, Path],
) -> None:
    db, reports, sdn = workspace
    run("build", str(reports), "--db", db)
    rejected = run(
        "match",
        "reject",
        "Norvik Halden Systems Ltd",
        "502",
        "--note",
        "a school",
        "--user",
        "alice",
        "--db",
        db,
    )
    assert "rejected (never flagged again)" in rejected and "by alice" in rejected
    confirmed = run(
        "match",
        "confirm",
        "Norvik Halden Systems Ltd",
        "NORVIK HALDEN SYSTEMS LTD",
        "--note",
        "same registration",
        "--user",
        "bob",
        "--db",
        db,
    )
    assert "confirmed" in confirmed

    def check() -> None:
        shown = run("show", "Norvik Halden Systems Ltd", "--db", db)
        assert f"listed: {SDN}: NORVIK HALDEN SYSTEMS LTD [CYBER2]" in shown
        assert "confirmed by bob on" in shown and "same registration" in shown
        assert "TRAINING ACADEMY" not in shown
        candidates = run("show", "Norvik Halden Systems Ltd", "--candidates", "--db", db)
        assert f"rejected: {SDN}: NORVIK HALDEN SYSTEMS TRAINING ACADEMY" in candidates
        assert "rejected by alice on" in candidates and "a school" in candidates

    check()
    (reports / "b.txt").write_text(LATER, encoding="utf-8")
    assert "stored 1" in run("build", str(reports), "--db", db)
    check()
    run("sanctions", "load", str(sdn), "--db", db)  # a reload drops the stored matches
    run("screen", "--db", db)
    check()
    assert "QUILLFEATHER" in run("show", "Quillfeather", "--db", db)


def test_near_candidates_only_when_asked(workspace: tuple[str, Path, Path]) -> None:
    db, reports, _ = workspace
    (reports / "b.txt").write_text(LATER, encoding="utf-8")
    run("build", str(reports), "--db", db)
    plain = run("show", "Quillfeather", "--db", db)
    assert "QUILFETHER TECHNOLOGIES" not in plain
    assert "below the threshold" in plain
    asked = run("show", "Quillfeather", "--candidates", "--db", db)
    assert f"near: {SDN}: QUILFETHER TECHNOLOGIES" in asked


def test_reviewing_an_unknown_entry_fails_in_one_line(workspace: tuple[str, Path, Path]) -> None:
    db, reports, _ = workspace
    run("build", str(reports), "--db", db)
    result = runner.invoke(app, ["match", "confirm", "Hikvision", "999999", "--db", db])
    assert result.exit_code == 1
    assert "no list entry '999999'" in flat(result.output)


def number(output: str) -> str:
    """The review number a confirm or reject prints."""
    return output.split("(review ", 1)[1].split(";", 1)[0]


def test_undo_brings_back_the_verdict_before_then_the_matchers_level(
    workspace: tuple[str, Path, Path],
) -> None:
    db, reports, _sdn = workspace
    (reports / "b.txt").write_text(LATER, encoding="utf-8")
    run("build", str(reports), "--db", db)
    party = "Norvik Halden Systems Ltd"
    academy = f"{SDN}: NORVIK HALDEN SYSTEMS TRAINING ACADEMY"
    assert "related: NORVIK HALDEN SYSTEMS TRAINING ACADEMY" in run("show", party, "--db", db)

    rejected = number(run("match", "reject", party, "502", "--user", "alice", "--db", db))
    confirmed = number(run("match", "confirm", party, "502", "--user", "bob", "--db", db))
    assert "confirmed by bob" in run("show", party, "--db", db)

    undone = run("match", "undo", confirmed, "--db", db)
    assert f"undone: review {confirmed} (confirmed {party} /" in undone
    assert "the match is now rejected" in undone  # alice's verdict stands again
    assert f"rejected: {academy}" in run("show", party, "--candidates", "--db", db)

    assert "the match is now related" in run("match", "undo", rejected, "--db", db)
    shown = run("show", party, "--candidates", "--db", db)
    assert "related: NORVIK HALDEN SYSTEMS TRAINING ACADEMY" in shown
    assert "rejected" not in shown and "confirmed by" not in shown

    # a near candidate confirmed, then undone: near again, also after a rescreening
    near = number(run("match", "confirm", "Quillfeather", "504", "--db", db))
    assert f"listed: {SDN}: QUILFETHER TECHNOLOGIES" in run("show", "Quillfeather", "--db", db)
    assert "the match is now near" in run("match", "undo", near, "--db", db)
    run("screen", "--db", db)
    asked = run("show", "Quillfeather", "--candidates", "--db", db)
    assert f"near: {SDN}: QUILFETHER TECHNOLOGIES" in asked
    assert f"listed: {SDN}: QUILFETHER" not in asked

    # a match only a confirmation made goes with its undo
    made = number(run("match", "confirm", "Hikvision", "503", "--db", db))
    assert f"{SDN}: QUILLFEATHER" in run("show", "Hikvision", "--db", db)
    assert "gone (the matcher never found it)" in run("match", "undo", made, "--db", db)
    assert "QUILLFEATHER" not in run("show", "Hikvision", "--candidates", "--db", db)

    assert run("match", "reviews", "--json", "--db", db) == ""  # every verdict undone
    lines = runner.invoke(app, ["match", "reviews", "--all", "--json", "--db", db]).stdout
    every = [json.loads(line) for line in lines.splitlines()]
    assert [(r["id"], r["judgement"], r["entry_id"], r["user"]) for r in every[-2:]] == [
        (int(confirmed), "confirmed", "502", "bob"),
        (int(rejected), "rejected", "502", "alice"),
    ]
    assert all(r["deleted_at"] for r in every)
    again = runner.invoke(app, ["match", "undo", confirmed, "--db", db])
    assert again.exit_code == 1
    assert flat(again.output) == f"error: no standing match review number {confirmed}"
