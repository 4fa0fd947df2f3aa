"""Opening a store: engine, migrations to the latest schema, sessions."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_DB = "tracewire.db"
ENV_VAR = "TRACEWIRE_DB"
MIGRATIONS = Path(__file__).parent / "migrations"


def resolve_url(db: str | None = None) -> str:
    """Turn `--db`, `$TRACEWIRE_DB` or the default into a SQLAlchemy URL.

    A value with `://` is taken as a URL (e.g. `postgresql+psycopg://...`); anything
    else is a path to an SQLite file.
    """
    value = db or os.environ.get(ENV_VAR) or DEFAULT_DB
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


POOL_TIMEOUT = 10.0  # seconds a session waits for a pooled connection


class Store:
    """A migrated database and a session factory over it.

    `pool_size`: connections kept for threads that use the store at once (a web worker
    passes how many requests it serves at once); SQLAlchemy's default otherwise.
    """

    def __init__(self, url: str, *, pool_size: int | None = None) -> None:
        self.url = url
        options: dict[str, Any] = {}
        if pool_size is not None and ":memory:" not in url:
            options = {
                "pool_size": pool_size,
                "max_overflow": pool_size,
                "pool_timeout": POOL_TIMEOUT,
            }
        self.engine: Engine = create_engine(url, **options)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def location(self) -> str:
        """Where the data lives: a file path for SQLite, else the URL without password."""
        if self.engine.dialect.name == "sqlite" and self.engine.url.database:
            return self.engine.url.database
        return self.engine.url.render_as_string(hide_password=True)

    def migrate(self) -> None:
        """Bring the schema to the latest Alembic revision."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def is_initialised(self) -> bool:
        """True when the schema exists."""
        return inspect(self.engine).has_table("documents")

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session committed on success and rolled back on any error."""
        with self._sessions() as session, session.begin():
            yield session

    def session(self) -> Session:
        """A plain session for reading."""
        return self._sessions()

    def close(self) -> None:
        """Release pooled connections."""
        self.engine.dispose()


def open_store(
    db: str | None = None, *, create: bool = True, pool_size: int | None = None
) -> Store:
    """Open (and migrate) the store named by `db`, `$TRACEWIRE_DB` or the default."""
    url = resolve_url(db)
    if not create and url.startswith("sqlite:///") and not Path(url[10:]).exists():
        raise FileNotFoundError(f"no tracewire store at {url[10:]}; run `tracewire build`")
    store = Store(url, pool_size=pool_size)
    if create:
        store.migrate()
    elif not store.is_initialised():
        store.close()
        raise FileNotFoundError(f"no tracewire store at {store.location}; run `tracewire build`")
    return store
