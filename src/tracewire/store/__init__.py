"""Store stage: SQLAlchemy models, Alembic migrations, writers and queries."""

from tracewire.store import edges as edges  # registers the party_edges tables on Base
from tracewire.store.db import Store, open_store, resolve_url

__all__ = ["Store", "open_store", "resolve_url"]
