"""Incremental resolution: blocking keys, the resolution queue, and the index that lets a
re-resolved cluster's aggregate rows be replaced by counterparty.

Revision ID: 0013_h14b
Revises: 0012_i14
Create Date: 2026-12-05

The tables start empty: the first resolution after the upgrade finds no blocking keys of
this version (the "blocking" generation) and resolves the whole store, filling them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_h14b"
down_revision = "0012_i14"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "blocking_keys",
        sa.Column("block", sa.String(512), nullable=False),
        sa.Column("entity_key", sa.String(512), nullable=False),
        sa.PrimaryKeyConstraint("block", "entity_key", name="pk_blocking_keys"),
    )
    op.create_index("ix_blocking_keys_entity_key", "blocking_keys", ["entity_key", "block"])
    op.create_table(
        "resolution_queue",
        sa.Column("entity_key", sa.String(512), nullable=False),
        sa.PrimaryKeyConstraint("entity_key", name="pk_resolution_queue"),
    )
    op.create_index("ix_party_claims_counterparty", "party_claims", ["counterparty", "party"])


def downgrade() -> None:
    op.drop_index("ix_party_claims_counterparty", table_name="party_claims")
    op.drop_table("resolution_queue")
    op.drop_index("ix_blocking_keys_entity_key", table_name="blocking_keys")
    op.drop_table("blocking_keys")
