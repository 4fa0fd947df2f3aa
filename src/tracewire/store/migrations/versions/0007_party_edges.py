"""Party edges: claims counted by cluster pair, relation, direction and hedging.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_EDGE_INDEX = ("party", "counterparty", "relation", "direction", "hedging", "claims")


def upgrade() -> None:
    op.create_table(
        "party_edges",
        sa.Column("id", sa.Integer(), autoincrement=True),
        sa.Column("party", sa.Integer(), nullable=False),
        sa.Column("counterparty", sa.Integer(), nullable=False),
        sa.Column("relation", sa.String(32), nullable=False),
        sa.Column("direction", sa.String(3), nullable=False),
        sa.Column("hedging", sa.String(128), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_party_edges"),
    )
    op.create_index("ix_party_edges_party", "party_edges", list(_EDGE_INDEX))
    op.create_table(
        "aggregates",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.Column("last_claim", sa.Integer(), nullable=False),
        sa.Column("entities", sa.Integer(), nullable=False),
        sa.Column("last_entity", sa.Integer(), nullable=False),
        sa.Column("built_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_aggregates"),
    )


def downgrade() -> None:
    op.drop_table("aggregates")
    op.drop_index("ix_party_edges_party", table_name="party_edges")
    op.drop_table("party_edges")
