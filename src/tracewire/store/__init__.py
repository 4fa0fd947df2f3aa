"""Store stage: SQLAlchemy models, Alembic migrations, writers and queries."""

from tracewire.store.db import Store, open_store, resolve_url

__all__ = ["Store", "open_store", "resolve_url"]
