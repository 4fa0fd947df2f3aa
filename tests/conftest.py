"""Shared fixtures: the real dev corpus (read in place) and stores built from it.

The suite runs twice in `make test`: on SQLite, and with TRACEWIRE_TEST_DB=postgresql on a
PostgreSQL server started for the session (tests/postgres.py). In that second run every
store a test names by file path (`open_store(path)`, `--db path`, $TRACEWIRE_DB) is a
fresh PostgreSQL database instead, so the same tests check both backends; tests of
SQLite's own behaviour (its file, its pragmas) are marked `sqlite_only`.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from tracewire.extract import Extractor, ParsedDocument, registry
from tracewire.extract.claims import rule_extractor
from tracewire.pipeline import build
from tracewire.records import BuildReport, Claim, Mention
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


class StampedExtractor:
    """A test extractor: the rules' claims under its own name and a version a test may
    change (as a new release of an extractor would)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.version = "1+test"
        self.rules = rule_extractor()

    def extract(self, parsed: ParsedDocument, mentions: Sequence[Mention]) -> list[Claim]:
        """The rules' claims, stamped with this extractor's name and version."""
        return [
            replace(c, extractor=self.name, version=self.version)
            for c in self.rules.extract(parsed, mentions)
        ]


_registered = itertools.count(1)


@pytest.fixture()
def stamped(monkeypatch: pytest.MonkeyPatch) -> StampedExtractor:
    """A `StampedExtractor` registered under a fresh name for one test (the registry as
    it was comes back afterwards)."""
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))
    name = f"tests.stamped/{next(_registered)}"
    registry.register(name)(lambda: StampedExtractor(name))
    found = registry.get_extractor(name)
    assert isinstance(found, StampedExtractor)
    return found


ANNOTATIONS = ROOT / "src" / "tracewire" / "extract" / "learn" / "annotations"
# Ten of the team's own annotated documents, with every relation among their gold lines.
SMALL_CORPUS = (
    "001_zambia_quillfeather_phone_hacking.txt",
    "002_kenya_brightmoor_safe_city_loan.txt",
    "003_peru_regulator_fines_lumora.txt",
    "004_entity_list_tessaly_vostok.txt",
    "005_bangladesh_halvorsen_imsi_catchers.txt",
    "006_opinion_belgrade_cameras.txt",
    "007_milan_orvieto_charges_turkmenistan.txt",
    "009_uganda_china_police_mou.txt",
    "010_mexico_norvane_forensics_reseller.txt",
    "012_nigeria_aurex_drones.txt",
)


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small annotated corpus (texts, their gold lines, the alias clusters) copied from
    the built-in annotations into a temporary folder, as a user's corpus would look."""
    folder = tmp_path_factory.mktemp("small-corpus")
    for name in SMALL_CORPUS:
        (folder / name).write_bytes((ANNOTATIONS / name).read_bytes())
    gold = (ANNOTATIONS / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    mine = [line for line in gold if line and json.loads(line)["doc"] in SMALL_CORPUS]
    (folder / "gold.jsonl").write_text("\n".join(mine) + "\n", encoding="utf-8")
    (folder / "aliases.jsonl").write_bytes((ANNOTATIONS / "aliases.jsonl").read_bytes())
    return folder
