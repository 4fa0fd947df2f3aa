"""Entity resolution: judgements and derived cluster keys.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entities") as batch:
        batch.add_column(sa.Column("cluster_key", sa.String(512)))
        batch.create_index("ix_entities_cluster_key", ["cluster_key"])
    op.create_table(
        "judgements",
        sa.Column("id", sa.Integer(), autoincrement=True),
        sa.Column("left_key", sa.String(512), nullable=False),
        sa.Column("right_key", sa.String(512), nullable=False),
        sa.Column("judgement", sa.String(16), nullable=False),
        sa.Column("origin", sa.String(64), nullable=False),
        sa.Column("user", sa.String(128)),
        sa.Column("reason", sa.String(512)),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_judgements"),
        sa.UniqueConstraint("left_key", "right_key", "origin", name="uq_judgements_left_key"),
    )
    op.create_index("ix_judgements_left_key", "judgements", ["left_key"])
    op.create_index("ix_judgements_right_key", "judgements", ["right_key"])


def downgrade() -> None:
    op.drop_table("judgements")
    with op.batch_alter_table("entities") as batch:
        batch.drop_index("ix_entities_cluster_key")
        batch.drop_column("cluster_key")
