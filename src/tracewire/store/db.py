"""Opening a store: engine, migrations to the latest schema, sessions.

Several processes may write to one store at once (two builds, a build and a judgement):
every write transaction starts by taking the store's write lock, so they take turns and
each one sees what the one before committed. On SQLite the lock is the database's own
(`BEGIN IMMEDIATE`, waiting up to LOCK_WAIT seconds); on PostgreSQL it is a transaction
advisory lock (`pg_advisory_xact_lock`), released at commit or rollback. Migrations take a
lock of their own the same way, so that a second process finds the schema made, not half
made. Reads take no lock.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, func, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from tracewire.store.writer import Writer

DEFAULT_DB = "tracewire.db"
ENV_VAR = "TRACEWIRE_DB"
MIGRATIONS = Path(__file__).parent / "migrations"
# Advisory lock keys (any 64-bit numbers no other application on the database uses).
WRITE_LOCK = 0x7472_6163_6577_0001
MIGRATION_LOCK = 0x7472_6163_6577_0002
LOCK_WAIT = 600.0  # seconds an SQLite writer waits for another (resolving a big store)


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
    _use_wal(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _use_wal(cursor: Any) -> None:
    """Switch the file to write-ahead logging (it stays so once switched). While another
    connection writes to a new file that is not switched yet, the switch fails at once
    instead of waiting like other statements: wait for it here."""
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def lock(connection: Connection, key: int = WRITE_LOCK) -> None:
    """Take the store's lock `key` for the connection's transaction (call it first thing)."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        # pysqlite begins lazily, at the first write; begin now, as the writer.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif dialect == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(key)))


POOL_TIMEOUT = 10.0  # seconds a session waits for a pooled connection


class Store:
    """A migrated database and a session factory over it.

    `pool_size`: connections kept for threads that use the store at once (a web worker
    passes how many requests it serves at once); SQLAlchemy's default otherwise.
    """

    def __init__(self, url: str, *, pool_size: int | None = None) -> None:
        self.url = url
        sqlite = url.startswith("sqlite")
        options: dict[str, Any] = {"connect_args": {"timeout": LOCK_WAIT}} if sqlite else {}
        if pool_size is not None and ":memory:" not in url:
            options |= {
                "pool_size": pool_size,
                "max_overflow": pool_size,
                "pool_timeout": POOL_TIMEOUT,
            }
        self.engine: Engine = create_engine(url, **options)
        if sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def location(self) -> str:
        """Where the data lives: a file path for SQLite, else the URL without password."""
        if self.engine.dialect.name == "sqlite" and self.engine.url.database:
            return self.engine.url.database
        return self.engine.url.render_as_string(hide_password=True)

    def migrate(self, revision: str = "head") -> None:
        """Bring the schema to the latest Alembic revision (or to `revision`)."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            lock(connection, MIGRATION_LOCK)
            config.attributes["connection"] = connection
            command.upgrade(config, revision)

    def is_initialised(self) -> bool:
        """True when the schema exists."""
        return inspect(self.engine).has_table("documents")

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session holding the store's write lock, committed on success and rolled back
        on any error. Do not open a second one inside it: it would wait for the first."""
        with self._sessions() as session, session.begin():
            lock(session.connection())
            yield session

    @contextmanager
    def writer(self) -> Iterator[Writer]:
        """The store's writer (`store.writer.Writer`): every change to the store goes
        through one, in a transaction holding the write lock, committed on success."""
        with self.transaction() as session:
            yield Writer(session)

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
