"""`tracewire serve` as a Typer command (uvicorn itself is replaced)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import typer
import uvicorn
from typer.testing import CliRunner

from tracewire.cli.serve import serve

from .conftest import Hostile

runner = CliRunner()


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command()(serve)
    app.command("other")(lambda: None)  # two commands, so `serve` is a subcommand
    return app


def test_serve_runs_uvicorn_on_the_store(hostile: Hostile, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    db = hostile.url.removeprefix("sqlite:///")
    result = runner.invoke(_app(), ["serve", "--port", "8123", "--db", db])
    assert result.exit_code == 0, result.output
    [(app, options)] = calls
    assert options == {"host": "127.0.0.1", "port": 8123}
    assert app.state.store.location == db
    assert "http://127.0.0.1:8123/" in result.output


def test_serve_reads_the_env_var_and_fails_clearly(
    tmp_path: Path, hostile: Hostile, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(app))
    ok = runner.invoke(_app(), ["serve"], env={"TRACEWIRE_DB": hostile.url})
    assert ok.exit_code == 0, ok.output
    assert len(calls) == 1
    missing = runner.invoke(_app(), ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "tracewire build" in missing.output
    assert len(calls) == 1


def test_workers_and_reload_serve_the_app_by_name(
    hostile: Hostile, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    monkeypatch.setenv("TRACEWIRE_DB", "unset")  # restored after the test: serve() sets it
    db = hostile.url.removeprefix("sqlite:///")
    result = runner.invoke(_app(), ["serve", "--workers", "2", "--db", db])
    assert result.exit_code == 0, result.output
    [(target, options)] = calls
    assert target == "tracewire.serve.web:create_app" and options["factory"] is True
    assert options["workers"] == 2 and options["reload"] is False
    assert os.environ["TRACEWIRE_DB"] == hostile.url  # where the worker processes find it
    assert runner.invoke(_app(), ["serve", "--workers", "0", "--db", db]).exit_code == 2
