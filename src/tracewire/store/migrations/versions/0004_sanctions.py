"""Sanctions lists, their entries, and screening matches.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sanctions_lists",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(256), nullable=False),
        sa.Column("source", sa.String(2048), nullable=False),
        sa.Column("date", sa.String(32), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sanctions_lists"),
    )
    op.create_table(
        "sanctions_entries",
        sa.Column("id", sa.Integer(), autoincrement=True),
        sa.Column("list_id", sa.String(64), nullable=False),
        sa.Column("entry_id", sa.String(128), nullable=False),
        sa.Column("name", sa.String(1024), nullable=False),
        sa.Column("schema", sa.String(32), nullable=False),
        sa.Column("programs", sa.String(512), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sanctions_entries"),
        sa.UniqueConstraint("list_id", "entry_id", name="uq_sanctions_entries_list_id"),
        sa.ForeignKeyConstraint(
            ["list_id"],
            ["sanctions_lists.id"],
            name="fk_sanctions_entries_list_id_sanctions_lists",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_sanctions_entries_list_id", "sanctions_entries", ["list_id"])
    op.create_table(
        "matches",
        sa.Column("id", sa.Integer(), autoincrement=True),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.String(64), nullable=False),
        sa.Column("entry_id", sa.String(128), nullable=False),
        sa.Column("entry_name", sa.String(1024), nullable=False),
        sa.Column("entry_schema", sa.String(32), nullable=False),
        sa.Column("programs", sa.String(512), nullable=False),
        sa.Column("query_name", sa.String(1024), nullable=False),
        sa.Column("matched_name", sa.String(1024), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("is_hit", sa.Boolean(), nullable=False),
        sa.Column("algorithm", sa.String(64), nullable=False),
        sa.Column("features", sa.Text(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("screened_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_matches"),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name="fk_matches_entity_id_entities", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["list_id"],
            ["sanctions_lists.id"],
            name="fk_matches_list_id_sanctions_lists",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_matches_entity_id", "matches", ["entity_id"])
    op.create_index("ix_matches_list_id", "matches", ["list_id"])
    op.create_index("ix_matches_is_hit", "matches", ["is_hit"])


def downgrade() -> None:
    op.drop_table("matches")
    op.drop_table("sanctions_entries")
    op.drop_table("sanctions_lists")
