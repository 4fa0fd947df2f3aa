"""Shared fixtures: the real dev corpus (read in place) and stores built from it.

The suite runs twice in `make test`: on SQLite, and with TRACEWIRE_TEST_DB=postgresql on a
PostgreSQL server started for the session (tests/postgres.py). In that second run every
store a test names by file path (`open_store(path)`, `--db path`, $TRACEWIRE_DB) is a
fresh PostgreSQL database instead, so the same tests check both backends; tests of
SQLite's own behaviour (its file, its pragmas) are marked `sqlite_only`.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracewire.extract import Extractor
from tracewire.pipeline import build
from tracewire.records import BuildReport
from tracewire.store import Store, db, open_store

from .postgres import PostgresServer, PostgresUnavailableError

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpus" / "dev"
EXAMPLES = ROOT / "examples" / "corpus"
TEST_DB = os.environ.get("TRACEWIRE_TEST_DB", "sqlite")
IN_POSTGRES = TEST_DB == "postgresql"
if TEST_DB not in ("sqlite", "postgresql"):
    raise pytest.UsageError(f"TRACEWIRE_TEST_DB={TEST_DB!r}: use sqlite or postgresql")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """In the PostgreSQL run, skip the tests of SQLite's own behaviour."""
    if not IN_POSTGRES:
        return
    skip = pytest.mark.skip(reason="checks SQLite itself (run with TRACEWIRE_TEST_DB=sqlite)")
    for item in items:
        if item.get_closest_marker("sqlite_only"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL server on 127.0.0.1 for the session, stopped at its end. Skipped where
    PostgreSQL or psycopg is not installed, unless the run is the PostgreSQL one."""
    try:
        if importlib.util.find_spec("psycopg") is None:
            raise PostgresUnavailableError("psycopg is not installed: pip install -e '.[postgres]'")
        server = PostgresServer().start()
    except PostgresUnavailableError as exc:
        if IN_POSTGRES:
            pytest.fail(str(exc))
        pytest.skip(str(exc))
    yield server
    server.stop()


@pytest.fixture(scope="session", autouse=True)
def _stores_in_postgres(request: pytest.FixtureRequest) -> Iterator[None]:
    """In the PostgreSQL run, a store named by a file path opens a PostgreSQL database made
    for that path (the same one each time the path is named); URLs are left as they are."""
    if not IN_POSTGRES:
        yield
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    original = db.resolve_url

    def redirected(value: str | None = None) -> str:
        url = original(value)
        named = value or os.environ.get(db.ENV_VAR) or db.DEFAULT_DB
        if "://" in named:  # a URL is taken as given (a test comparing two databases)
            return url
        return server.database_for(url.removeprefix("sqlite:///"))

    patch = pytest.MonkeyPatch()
    patch.setattr(db, "resolve_url", redirected)
    yield
    patch.undo()


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    """The five real reports of ../shared/corpus/dev (never copied into the repo)."""
    if not DEV.is_dir():
        pytest.skip(f"dev corpus not found at {DEV}")
    return DEV


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The shipped model, gazetteer and rules, loaded once for the whole run."""
    return Extractor.load()


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty, migrated store in a temporary folder (SQLite, or PostgreSQL in that run)."""
    opened = open_store(str(tmp_path / "test.db"))
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def dev_store(
    tmp_path_factory: pytest.TempPathFactory, dev_corpus: Path, extractor: Extractor
) -> Iterator[tuple[Store, BuildReport]]:
    """A store built once from the dev corpus, shared by read-only tests."""
    opened = open_store(str(tmp_path_factory.mktemp("dev") / "dev.db"))
    report = build([dev_corpus], opened, extractor=extractor)
    yield opened, report
    opened.close()
