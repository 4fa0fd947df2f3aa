"""The store: migrations match the models and the schema stays portable to PostgreSQL."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import IntegrityError
from sqlalchemy.schema import CreateTable

from tracewire.store import Store, open_store, resolve_url
from tracewire.store.models import Base, SourceRow


def test_migrations_create_exactly_the_models(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"render_as_batch": True})
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
