"""Shared fixtures: the real dev corpus (read in place) and stores built from it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tracewire.extract import Extractor
from tracewire.pipeline import build
from tracewire.records import BuildReport
from tracewire.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpus" / "dev"
EXAMPLES = ROOT / "examples" / "corpus"


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
    """An empty, migrated SQLite store in a temporary folder."""
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
