"""Generation counters: documents move them on, resolution catches up, 0009 seeds them."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, select

from tracewire import pipeline
from tracewire.extract import Extractor
from tracewire.pipeline import build
from tracewire.resolve.resolution import resolve_store
from tracewire.store import Store
from tracewire.store.db import MIGRATIONS
from tracewire.store.generations import (
    ALERTS,
    DOCUMENTS,
    RESOLUTION,
    advance,
    generation,
    resolution_behind,
    set_generation,
)
from tracewire.store.models import ClaimRow, GenerationRow

REPORT = "Northwind Optics Ltd sold thermal cameras to the police of Ruritania in 2019."
EDITED = "Borealis Systems Inc. trained officers of the Bordurian Secret Police in 2022."


def generations(store: Store) -> tuple[int, int, int]:
    with store.session() as session:
        documents, resolution, alerts = (
            generation(session, n) for n in (DOCUMENTS, RESOLUTION, ALERTS)
        )
        return documents, resolution, alerts


def test_a_new_store_starts_resolved(store: Store) -> None:
    assert generations(store) == (0, 0, 0)
    with store.session() as session:
        assert not resolution_behind(session)


def test_counters_missing_from_a_store_start_at_zero(store: Store) -> None:
    with store.transaction() as session:
        session.query(GenerationRow).delete()
    with store.transaction() as session:
        assert generation(session, DOCUMENTS) == 0
        advance(session)
        advance(session)
        set_generation(session, RESOLUTION, 1)
    with store.session() as session:
        assert (generation(session, DOCUMENTS), generation(session, RESOLUTION)) == (2, 1)
        assert resolution_behind(session)


def test_storing_and_replacing_documents_moves_the_counter_on(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    build([path], store, extractor=extractor)
    documents, resolution, alerts = generations(store)
    assert documents == resolution == 1  # stored, then resolved in the same build
    with store.session() as session:
        assert alerts == max(session.scalars(select(ClaimRow.id)))
    path.write_text(EDITED, encoding="utf-8")  # stores one document and drops another
    build([path], store, extractor=extractor)
    assert generations(store)[:2] == (3, 3)
    build([path], store, extractor=extractor)  # unchanged: nothing moves
    assert generations(store)[:2] == (3, 3)


def test_resolution_records_the_generation_it_saw(store: Store) -> None:
    with store.transaction() as session:
        advance(session)
        advance(session)
    with store.transaction() as session:
        assert resolution_behind(session)
        resolve_store(session)
    with store.session() as session:
        assert not resolution_behind(session)
        assert generation(session, RESOLUTION) == 2


def test_migration_0009_asks_a_store_with_documents_to_resolve_once(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    build([path], store, extractor=extractor)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0008")
    columns = {c["name"] for c in inspect(store.engine).get_columns("feed_items")}
    assert "retry_at" not in columns and not inspect(store.engine).has_table("generations")
    store.migrate()
    columns = {c["name"] for c in inspect(store.engine).get_columns("feed_items")}
    assert {"attempts", "retry_at"} <= columns
    with store.session() as session:
        assert resolution_behind(session)  # a store killed before resolving is repaired
        newest_claim = max(session.scalars(select(ClaimRow.id)))
    assert generations(store) == (1, 0, newest_claim)  # old claims raise no new alerts
    report = build([path], store, extractor=extractor)
    assert report.notes == [pipeline.RECOVERED]
    assert report.alerts == 0
