"""Recovery: generation counters, and feed items that failed with their next attempt.

Revision ID: 0011_i16
Revises: 0010_i13
Create Date: 2026-12-04

A store upgraded here with documents gets "documents" one ahead of "resolution", so the
first build after the upgrade resolves once: a store left unresolved by a run killed
before this revision is repaired. Alerts count as recorded up to the newest claim, as they were.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_i16"
down_revision = "0010_i13"
branch_labels = None
depends_on = None


def upgrade() -> None:
    generations = op.create_table(
        "generations",
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_generations"),
    )
    bind = op.get_bind()
    newest_claim = bind.execute(sa.text("SELECT max(id) FROM claims")).scalar()
    has_documents = bind.execute(sa.text("SELECT 1 FROM documents LIMIT 1")).scalar()
    op.bulk_insert(
        generations,
        [
            {"name": "documents", "value": 1 if has_documents else 0},
            {"name": "resolution", "value": 0},
            {"name": "alerts", "value": int(newest_claim or 0)},
        ],
    )
    with op.batch_alter_table("feed_items") as batch:
        batch.add_column(sa.Column("attempts", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("retry_at", sa.DateTime()))


def downgrade() -> None:
    with op.batch_alter_table("feed_items") as batch:
        batch.drop_column("retry_at")
        batch.drop_column("attempts")
    op.drop_table("generations")
