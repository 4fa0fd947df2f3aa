"""The store: migrations match the models and the schema stays portable to PostgreSQL."""

from __future__ import annotations

import threading
import time
from datetime import datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import insert, inspect, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import IntegrityError
from sqlalchemy.schema import CreateTable

from tracewire.store import Store, db, open_store, resolve_url
from tracewire.store.models import Base, ClaimHedgeRow, SettingRow, SourceRow
from tracewire.store.read.search import SEARCH_TABLES


def _not_a_search_index(name: str | None, kind: str, _parent: object) -> bool:
    """The full-text indexes are the database's own (FTS5 tables, a tsvector table and an
    expression index), made by migration 0014 and not declared as models."""
    return not (kind in ("table", "index") and name and name.startswith(SEARCH_TABLES))


def test_migrations_create_exactly_the_models(store: Store) -> None:
    with store.engine.connect() as connection:
        opts = {"render_as_batch": True, "include_name": _not_a_search_index}
        context = MigrationContext.configure(connection, opts=opts)
        diff = compare_metadata(context, Base.metadata)
    assert diff == []
    assert set(inspect(store.engine).get_table_names()) >= {
        "documents",
        "sources",
        "entities",
        "aliases",
        "mentions",
        "alembic_version",
    }


def test_migrate_twice_is_a_no_op(store: Store) -> None:
    store.migrate()
    with store.engine.connect() as connection:
        version = connection.execute(text("select version_num from alembic_version")).scalar()
    assert version is not None


def test_schema_compiles_for_postgresql() -> None:
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    for table in Base.metadata.sorted_tables:
        ddl = str(CreateTable(table).compile(dialect=dialect))
        assert "CREATE TABLE" in ddl
        assert "BLOB" not in ddl  # LargeBinary becomes BYTEA there


def test_foreign_keys_are_enforced(store: Store) -> None:
    orphan = SourceRow(location="/reports/gone.txt", document_id="no-such", status="original",
                       seen_at=datetime(2024, 1, 1))  # fmt: skip
    with pytest.raises(IntegrityError), store.transaction() as session:
        session.add(orphan)


def test_resolve_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"
    monkeypatch.setenv("TRACEWIRE_DB", str(tmp_path / "env.db"))
    assert resolve_url(None).endswith("env.db")


def test_opening_a_missing_store_for_reading_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="tracewire build"):
        open_store(str(tmp_path / "absent.db"), create=False)
    assert not (tmp_path / "absent.db").exists()


def test_writers_take_turns(store: Store) -> None:
    """A second write transaction waits for the first and starts from what it committed."""
    first_in = threading.Event()

    def first() -> None:
        with store.transaction() as session:
            session.add(SettingRow(key="holder", value="first"))
            session.flush()
            first_in.set()
            time.sleep(0.5)

    thread = threading.Thread(target=first)
    thread.start()
    assert first_in.wait(10)
    with store.transaction() as session:
        mine = SettingRow.key.in_(["holder", "after"])  # the store keeps settings of its own
        seen = session.scalars(select(SettingRow.value).where(mine)).all()
        session.add(SettingRow(key="after", value="second"))
    thread.join()
    assert seen == ["first"]


def test_concurrent_migrations_of_a_new_store_both_succeed(tmp_path: Path) -> None:
    """Two processes opening a new store at once: one makes the schema, the other finds it."""
    url = db.resolve_url(str(tmp_path / "new.db"))
    stores = [Store(url), Store(url)]
    failures: list[BaseException] = []

    def migrate(store: Store) -> None:
        try:
            store.migrate()
        except BaseException as exc:  # reported by the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=migrate, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with stores[0].engine.connect() as connection:
        versions = connection.execute(text("select version_num from alembic_version")).all()
    assert len(versions) == 1
    for store in stores:
        store.close()


def test_upgrading_copies_each_hedging_label_into_a_row(tmp_path: Path) -> None:
    store = Store(db.resolve_url(str(tmp_path / "old.db")))
    store.migrate("0011_i16")  # before claim_hedges
    tables = Base.metadata.tables
    with store.engine.begin() as connection:
        connection.execute(
            insert(tables["documents"]),
            {"id": "d1", "name": "r.txt", "source": "r.txt", "media_type": "text/plain",
             "text": "Zenith Labs reportedly sold spyware.", "word_count": 5,
             "signature": b"", "added_at": datetime(2024, 1, 1)},
        )  # fmt: skip
        connection.execute(
            insert(tables["entities"]),
            [{"id": i, "key": k, "canonical": k, "type": "Company", "origin": "text"}
             for i, k in ((1, "zenith"), (2, "borduria"))],
        )  # fmt: skip
        claim = {"document_id": "d1", "relation": "supplies", "subject_id": 1, "object_id": 2,
                 "subject_text": "", "object_text": "", "subject_start": 0, "subject_end": 0,
                 "object_start": 0, "object_end": 0, "evidence_start": 0, "evidence_end": 5,
                 "trigger": "sold", "extractor": "test", "version": "1",
                 "confidence": 0.5}  # fmt: skip
        connection.execute(
            insert(tables["claims"]),
            [{**claim, "id": 1, "hedging": "reported,alleged"}, {**claim, "id": 2, "hedging": ""}],
        )
    store.migrate()
    with store.session() as session:
        rows = set(session.execute(select(ClaimHedgeRow.claim_id, ClaimHedgeRow.label)).tuples())
    assert rows == {(1, "reported"), (1, "alleged")}
    store.close()


def test_upgrading_to_0015_keeps_matchers_levels_and_stales_aggregates_with_rejections(
    tmp_path: Path,
) -> None:
    store = Store(db.resolve_url(str(tmp_path / "old15.db")))
    store.migrate("0014_h15")  # one verdict per pair; aggregates counted rejected claims
    tables = Base.metadata.tables
    stamp = datetime(2024, 1, 1)
    with store.engine.begin() as connection:
        connection.execute(
            insert(tables["entities"]),
            {"id": 1, "key": "vega", "canonical": "Vega", "type": "Company", "origin": "text"},
        )
        connection.execute(
            insert(tables["sanctions_lists"]),
            {"id": "sdn", "name": "SDN", "source": "t", "date": "2024", "entries": 3,
             "loaded_at": stamp},
        )  # fmt: skip
        match = {"entity_id": 1, "list_id": "sdn", "entry_schema": "Organization",
                 "programs": "X", "query_name": "Vega", "matched_name": "VEGA", "score": 0.9,
                 "algorithm": "t/1", "features": "{}", "screened_at": stamp}  # fmt: skip
        connection.execute(
            insert(tables["matches"]),
            [
                {**match, "entry_id": "1", "entry_name": "VEGA", "is_hit": True,
                 "level": "listed", "explanation": "names", "review_id": None},
                {**match, "entry_id": "2", "entry_name": "VEGA LAB", "is_hit": True,
                 "level": "rejected", "explanation": "names", "review_id": 7},
                {**match, "entry_id": "3", "entry_name": "VEGA CO", "is_hit": True,
                 "level": "listed", "review_id": 8,
                 "explanation": "confirmed by a reviewer; the names alone do not reach it"},
            ],
        )  # fmt: skip
        connection.execute(
            insert(tables["claim_reviews"]),
            {"document_id": "d1", "evidence_start": 0, "subject_start": 0, "object_start": 0,
             "relation": "supplies", "judgement": "rejected", "created_at": stamp},
        )  # fmt: skip
        connection.execute(
            text("INSERT INTO aggregates (name, claims, last_claim, entities, last_entity, "
                 "built_at) VALUES ('party_edges', 0, 0, 1, 1, :at)"), {"at": stamp},
        )  # fmt: skip
    store.migrate()
    with store.engine.begin() as connection:
        levels = dict(connection.execute(text("SELECT entry_id, matcher_level FROM matches")).all())
        assert levels == {"1": "listed", "2": "possible", "3": None}
        assert connection.execute(text("SELECT count(*) FROM aggregates")).scalar() == 0
        verdict = {"entity_key": "vega", "list_id": "sdn", "entry_id": "2", "entry_name": "x",
                   "judgement": "rejected", "created_at": stamp}  # fmt: skip
        connection.execute(insert(tables["match_reviews"]), [verdict, verdict])  # a history
        assert connection.execute(text("SELECT count(*) FROM match_reviews")).scalar() == 2
        assert connection.execute(text("SELECT publisher FROM documents")).all() == []
    store.close()
