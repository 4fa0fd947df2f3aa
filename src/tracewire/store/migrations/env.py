"""Alembic environment: migrations run on the connection tracewire hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from tracewire.store.models import Base

config = context.config
connection = config.attributes.get("connection")

if connection is None:  # pragma: no cover - only when the alembic CLI is used directly
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///tracewire.db")
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
