"""Store stage: SQLAlchemy models, Alembic migrations, writers and queries."""

from tracewire.store import edges as edges  # registers the party_edges tables on Base
from tracewire.store import queue as queue  # and the resolution queue
from tracewire.store import resolution as resolution  # and the blocking keys
from tracewire.store.db import Store, open_store, resolve_url

__all__ = ["Store", "open_store", "resolve_url"]
