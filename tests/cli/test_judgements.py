"""`tracewire merge`, `split`, the aliases export and alias scoring, run as a user would."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from tracewire.cli.app import app
from tracewire.records import BuildReport
from tracewire.store import Store, open_store
from tracewire.store.models import JudgementRow

from ..serve.web.factory import StoreBuilder

runner = CliRunner()

REPORTS = {
    "a.txt": (
        "Norvik Security Systems Ltd supplied facial recognition cameras to the police of "
        "Ruritania in 2021. Hikvision and Dahua also bid for the tender.\n"
    ),
    "b.txt": (
        "Norvik Security Systems sold new servers to the police of Ruritania in 2022. "
        "Spyware maker Quillfeather sold intrusion tools to the same police. Surveillance "
        "vendor Tessaly Optics installed cameras in the capital.\n"
    ),
}


def built(tmp_path: Path) -> str:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = str(tmp_path / "j.db")
    result = runner.invoke(app, ["build", str(folder), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def flat(output: str) -> str:
    """Console output with rich's line wrapping undone."""
    return " ".join(output.split())


def aliases_line(output: str) -> str:
    return next(line for line in output.splitlines() if line.startswith("aliases:"))


def user_rows(db: str, *, undone: bool = False) -> list[tuple[str, str, str, str | None]]:
    """Users' judgements in force (or, with `undone`, those retracted or replaced)."""
    store = open_store(db, create=False)
    with store.session() as session:
        deleted = (
            JudgementRow.deleted_at.is_not(None) if undone else JudgementRow.deleted_at.is_(None)
        )
        rows = session.scalars(
            select(JudgementRow).where(JudgementRow.origin == "user", deleted)
        ).all()
        found = [(r.left_key, r.right_key, r.judgement, r.user) for r in rows]
    store.close()
    return found


def test_merge_then_split_two_unrelated_companies(tmp_path: Path) -> None:
    db = built(tmp_path)
    before = runner.invoke(app, ["show", "Quillfeather", "--db", db])
    assert before.exit_code == 0, before.output
    assert "Tessaly Optics" not in before.output

    merged = runner.invoke(
        app, ["merge", "Quillfeather", "Tessaly Optics", "--user", "alice", "--db", db]
    )
    assert merged.exit_code == 0, merged.output
    assert "merged: Quillfeather / Tessaly Optics (by alice" in flat(merged.output)
    assert user_rows(db) == [
        ("company:quillfeather", "company:tessaly-optics", "positive", "alice")
    ]
    shown = runner.invoke(app, ["show", "Quillfeather", "--db", db])
    assert shown.exit_code == 0, shown.output
    assert set(aliases_line(shown.output)[len("aliases: ") :].split("; ")) == {
        "Quillfeather",
        "Tessaly Optics",
    }
    assert "2 mentions in 1 documents" in flat(shown.output)

    split = runner.invoke(app, ["split", "Quillfeather", "Tessaly Optics", "--db", db])
    assert split.exit_code == 0, split.output
    assert "kept apart: Quillfeather / Tessaly Optics" in flat(split.output)
    assert [row[:3] for row in user_rows(db)] == [
        ("company:quillfeather", "company:tessaly-optics", "negative")
    ]
    # the merge it replaced is kept, marked deleted, as nomenklatura keeps judgements
    assert [row[:3] for row in user_rows(db, undone=True)] == [
        ("company:quillfeather", "company:tessaly-optics", "positive")
    ]
    again = runner.invoke(app, ["show", "Quillfeather", "--db", db])
    assert aliases_line(again.output) == "aliases: Quillfeather"
    assert "1 mentions in 1 documents" in flat(again.output)


def test_split_of_a_rule_merge_and_the_aliases_export(tmp_path: Path) -> None:
    db = built(tmp_path)
    exported = runner.invoke(app, ["export", "--format", "aliases-jsonl", "--db", db])
    assert exported.exit_code == 0, exported.output
    rows = [json.loads(line) for line in exported.output.splitlines()]
    assert rows and all({"canonical", "type", "aliases"} <= set(r) for r in rows)
    by_name = {r["canonical"]: r for r in rows}
    assert "Norvik Security Systems Ltd" not in by_name
    norvik = by_name["Norvik Security Systems"]
    assert norvik["type"] == "Company" and norvik["mentions"] == 2
    assert set(norvik["aliases"]) == {"Norvik Security Systems", "Norvik Security Systems Ltd"}
    assert by_name["Hikvision"]["type"] == "Company"
    assert "Dahua" not in by_name["Hikvision"]["aliases"]

    split = runner.invoke(
        app, ["split", "Norvik Security Systems Ltd", "Norvik Security Systems", "--db", db]
    )
    assert split.exit_code == 0, split.output
    out = tmp_path / "aliases.jsonl"
    runner.invoke(app, ["export", "-f", "aliases-jsonl", "-o", str(out), "--db", db])
    after = {r["canonical"]: r for r in map(json.loads, out.read_text("utf-8").splitlines())}
    assert after["Norvik Security Systems"]["aliases"] == ["Norvik Security Systems"]
    assert after["Norvik Security Systems Ltd"]["aliases"] == ["Norvik Security Systems Ltd"]


def test_merge_refuses_unknown_names_and_a_name_with_itself(tmp_path: Path) -> None:
    db = built(tmp_path)
    unknown = runner.invoke(app, ["merge", "Nobody Inc", "Quillfeather", "--db", db])
    assert unknown.exit_code == 1
    assert "no entity named 'Nobody Inc'" in flat(unknown.output)
    unknown_split = runner.invoke(app, ["split", "Quillfeather", "Ghost Corp", "--db", db])
    assert unknown_split.exit_code == 1 and "no entity named" in unknown_split.output
    same = runner.invoke(
        app, ["merge", "Hikvision", "Hangzhou Hikvision Digital Technology", "--db", db]
    )
    assert same.exit_code == 1 and "name the same entity" in flat(same.output)
    assert user_rows(db) == []


def test_eval_aliases_gold_on_the_dev_corpus(
    dev_store: tuple[Store, BuildReport], dev_corpus: Path
) -> None:
    store, _ = dev_store
    result = runner.invoke(
        app,
        [
            "eval",
            "--aliases-gold",
            str(dev_corpus / "aliases.jsonl"),
            "--json",
            "--db",
            store.location,
        ],
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert list(figures) == ["aliases"]
    scores = figures["aliases"]
    assert set(scores) == {
        "gold_pairs",
        "predicted_pairs",
        "correct_pairs",
        "precision",
        "recall",
        "f1",
        "names_placed",
        "names",
        "missing_names",
        "missed_pairs",
        "wrong_pairs",
    }
    assert 0 <= scores["precision"] <= 1 and 0 <= scores["recall"] <= 1
    assert scores["correct_pairs"] <= min(scores["gold_pairs"], scores["predicted_pairs"])
    assert ["ipvm", "ivpm"] not in scores["missed_pairs"]
    assert scores["recall"] >= 0.9 and scores["precision"] >= 0.9


def judgement_lines(output: str) -> list[str]:
    """The table rows of `tracewire judgements` (one per judgement, cells flattened)."""
    return [flat(line) for line in output.splitlines() if "positive" in line or "negative" in line]


def test_judgements_history_undo_and_rebuild(tmp_path: Path) -> None:
    db = built(tmp_path)
    merged = runner.invoke(
        app, ["merge", "Quillfeather", "Tessaly Optics", "--user", "ann", "--db", db]
    )
    assert merged.exit_code == 0, merged.output
    split = runner.invoke(
        app, ["split", "Quillfeather", "Tessaly Optics", "--user", "ben", "--db", db]
    )
    assert split.exit_code == 0, split.output

    listed = runner.invoke(app, ["judgements", "--db", db])
    assert listed.exit_code == 0, listed.output
    in_force = judgement_lines(listed.output)
    assert len(in_force) == 1 and "negative" in in_force[0] and "ben" in in_force[0]
    number = int(in_force[0].strip("│ ").split()[0])

    everything = runner.invoke(app, ["judgements", "--all", "--db", db])
    rows = judgement_lines(everything.output)
    assert len(rows) == 2
    merge_row = next(r for r in rows if "positive" in r)
    assert "ann" in merge_row and str(datetime.now(UTC).year) in merge_row
    # the replaced merge is kept, with the time it was undone (a second date in its row)
    assert merge_row.count(str(datetime.now(UTC).year)) == 2
    assert any("negative" in r and r.count(str(datetime.now(UTC).year)) == 1 for r in rows)

    # a rebuild with a new report keeps the split in force
    (tmp_path / "in" / "c.txt").write_text(
        "Quillfeather and Tessaly Optics both exhibited at a fair in Lima.\n", encoding="utf-8"
    )
    rebuilt = runner.invoke(app, ["build", str(tmp_path / "in"), "--db", db])
    assert rebuilt.exit_code == 0, rebuilt.output
    apart = runner.invoke(app, ["show", "Quillfeather", "--db", db])
    assert aliases_line(apart.output) == "aliases: Quillfeather"
    assert [row[:3] for row in user_rows(db)] == [
        ("company:quillfeather", "company:tessaly-optics", "negative")
    ]

    undone = runner.invoke(app, ["undo", str(number), "--db", db])
    assert undone.exit_code == 0, undone.output
    assert f"undone: judgement {number} (negative" in flat(undone.output)
    assert judgement_lines(runner.invoke(app, ["judgements", "--db", db]).output) == []
    assert len(judgement_lines(runner.invoke(app, ["judgements", "--all", "--db", db]).output)) == 2
    # with no judgement in force the two names are apart again by the rules alone
    after = runner.invoke(app, ["show", "Quillfeather", "--db", db])
    assert aliases_line(after.output) == "aliases: Quillfeather"
    again = runner.invoke(app, ["undo", str(number), "--db", db])
    assert again.exit_code == 1 and "already undone" in flat(again.output)
    missing = runner.invoke(app, ["undo", "9999", "--db", db])
    assert missing.exit_code == 1 and "no user judgement number 9999" in flat(missing.output)


def test_undo_of_a_split_lets_the_rules_merge_again(tmp_path: Path) -> None:
    db = built(tmp_path)
    long_name, short_name = "Norvik Security Systems Ltd", "Norvik Security Systems"
    split = runner.invoke(app, ["split", long_name, short_name, "--db", db])
    assert split.exit_code == 0, split.output
    assert aliases_line(runner.invoke(app, ["show", long_name, "--db", db]).output) == (
        f"aliases: {long_name}"
    )
    # a rebuild with more of both names, which the rules would merge, keeps them apart
    (tmp_path / "in" / "c.txt").write_text(
        f"{long_name} opened an office in Lima. {short_name} hired twenty engineers.\n",
        encoding="utf-8",
    )
    rebuilt = runner.invoke(app, ["build", str(tmp_path / "in"), "--db", db])
    assert rebuilt.exit_code == 0 and "stored 1" in rebuilt.output, rebuilt.output
    apart = runner.invoke(app, ["show", long_name, "--db", db])
    assert aliases_line(apart.output) == f"aliases: {long_name}"
    assert "2 mentions in 2 documents" in flat(apart.output)
    rows = judgement_lines(runner.invoke(app, ["judgements", "--db", db]).output)
    number = int(rows[0].strip("│ ").split()[0])
    assert runner.invoke(app, ["undo", str(number), "--db", db]).exit_code == 0
    shown = runner.invoke(app, ["show", long_name, "--db", db])
    assert set(aliases_line(shown.output)[len("aliases: ") :].split("; ")) == {
        long_name,
        short_name,
    }
    assert user_rows(db) == [] and len(user_rows(db, undone=True)) == 1


def test_merge_and_split_take_ids_names_and_aliases_and_refuse_an_ambiguous_name(
    tmp_path: Path,
) -> None:
    store = open_store(str(tmp_path / "names.db"))
    b = StoreBuilder(store)
    ids = {
        "orion": b.entity("Orion Vision", "Company", aliases=("Orion",)),
        "group": b.entity("Orion Vision Group", "Company", aliases=("Orion", "OVG")),
        "nebula": b.entity("Nebula Systems", "Company", aliases=("Nebula",)),
    }
    number = str(ids["orion"])  # a firm named as another's id ("360" is one)
    ids["digits"] = b.entity(number, "Company")
    db = store.url
    store.close()

    def judge(verb: str, a: str, c: str) -> tuple[int, str]:
        result = runner.invoke(app, [verb, a, c, "--user", "cy", "--db", db])
        return result.exit_code, flat(result.output)

    code, out = judge("merge", "orion", "Nebula")
    assert code == 1
    assert out == (
        f"error: 'orion' names entities of 2 clusters: {ids['orion']} (Orion Vision), "
        f"{ids['group']} (Orion Vision Group); give one of these ids (#ID)"
    )
    assert user_rows(db) == []
    assert judge("merge", str(ids["group"]), "nebula") == (
        0, f"merged: {ids['group']} / nebula (by cy; survives rebuilds)"
    )  # fmt: skip
    assert judge("split", "OVG", f"#{ids['nebula']}")[0] == 0  # an alias, an insisted id
    assert [r[:3] for r in user_rows(db)] == [
        ("test:nebula systems", "test:orion vision group", "negative")
    ]
    code, out = judge("merge", number, "Nebula Systems")  # an id, and a name
    assert code == 1 and out.startswith(f"error: '{number}' names entities of 2 clusters: ")
    assert f"{ids['orion']} (Orion Vision), {ids['digits']} ({number})" in out
    assert judge("merge", f"#{number}", "Nebula Systems")[0] == 0  # the id, Orion Vision
    assert ("test:nebula systems", "test:orion vision", "positive") in [
        r[:3] for r in user_rows(db)
    ]
    assert judge("merge", "#999999", "Orion Vision") == (
        1, "error: no entity named '#999999' in the store"
    )  # fmt: skip
