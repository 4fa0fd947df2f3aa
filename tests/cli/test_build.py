"""`tracewire build` on PostgreSQL, with worker processes, and its engine options."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracewire.cli.app import app

from ..postgres import PostgresServer

runner = CliRunner()


def test_postgresql_with_two_workers_exports_what_sqlite_with_one_does(
    tmp_path: Path, dev_corpus: Path, postgres: PostgresServer
) -> None:
    stores = {
        "sqlite": (f"sqlite:///{tmp_path / 'dev.db'}", "1"),
        "postgresql": (postgres.create(f"cli_{tmp_path.name}"), "2"),
    }
    exported = {}
    for name, (url, workers) in stores.items():
        built = runner.invoke(app, ["build", str(dev_corpus), "--db", url, "--workers", workers])
        assert built.exit_code == 0, built.output
        assert "stored 5" in built.output
        out = tmp_path / f"{name}.jsonl"
        result = runner.invoke(app, ["export", "-f", "claims-jsonl", "-o", str(out), "--db", url])
        assert result.exit_code == 0, result.output
        exported[name] = out.read_text(encoding="utf-8")
    assert exported["postgresql"] == exported["sqlite"]
    assert exported["sqlite"].count("\n") > 20


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        (["--workers", "0"], "--workers must be at least 1"),
        (["--engine", "spark"], "unknown engine 'spark'"),
        (["--address", "10.0.0.1:6379"], "--address is for --engine ray"),
    ],
)
def test_bad_engine_options_fail_before_the_store_is_made(
    tmp_path: Path, dev_corpus: Path, options: list[str], reason: str
) -> None:
    db = tmp_path / "never.db"
    result = runner.invoke(app, ["build", str(dev_corpus), "--db", str(db), *options])
    assert result.exit_code == 2
    assert reason in result.output
    assert not db.exists()
