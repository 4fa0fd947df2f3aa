"""Named extractors and judgements kept as nomenklatura keeps them.

Revision ID: 0009_i11
Revises: 0008
Create Date: 2026-12-04

Claims record the frame or model that produced them and why; documents record the
extractor name and version their claims came from (a build re-reads documents of another
version). Judgements gain "unsure" and a deleted_at instead of being deleted, so user
judgements keep their history (the unique constraint on a pair goes). `entity_links` holds
edges between entities that are not merges: a state body `part_of` its state.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_i11"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: no table is copied (a batch copy of a table that others refer to
    # with ON DELETE CASCADE would empty them).
    op.add_column("claims", sa.Column("frame", sa.String(64), nullable=False, server_default=""))
    op.add_column("claims", sa.Column("explanation", sa.Text(), nullable=False, server_default=""))
    op.add_column("documents", sa.Column("extractor", sa.String(64)))
    op.add_column("documents", sa.Column("extractor_version", sa.String(32)))
    with op.batch_alter_table("judgements") as batch:  # no table refers to judgements
        batch.drop_constraint("uq_judgements_left_key", type_="unique")
        batch.add_column(sa.Column("deleted_at", sa.DateTime()))
    op.create_table(
        "entity_links",
        sa.Column("id", sa.Integer(), autoincrement=True),
        sa.Column("child_key", sa.String(512), nullable=False),
        sa.Column("parent_key", sa.String(512), nullable=False),
        sa.Column("relation", sa.String(32), nullable=False),
        sa.Column("origin", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_entity_links"),
        sa.UniqueConstraint(
            "child_key", "parent_key", "relation", name="uq_entity_links_child_key"
        ),
    )
    op.create_index("ix_entity_links_child_key", "entity_links", ["child_key"])
    op.create_index("ix_entity_links_parent_key", "entity_links", ["parent_key"])


def downgrade() -> None:
    op.drop_table("entity_links")
    with op.batch_alter_table("judgements") as batch:
        batch.drop_column("deleted_at")
        batch.create_unique_constraint(
            "uq_judgements_left_key", ["left_key", "right_key", "origin"]
        )
    op.drop_column("documents", "extractor_version")  # ALTER TABLE DROP COLUMN, no copy
    op.drop_column("documents", "extractor")
    op.drop_column("claims", "explanation")
    op.drop_column("claims", "frame")
