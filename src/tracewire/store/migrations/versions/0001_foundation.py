"""Foundation: documents, sources, entities, aliases, mentions.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("source", sa.String(2048), nullable=False),
        sa.Column("media_type", sa.String(64), nullable=False),
        sa.Column("title", sa.String(1024)),
        sa.Column("published", sa.Date()),
        sa.Column("url", sa.String(2048)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), autoincrement=True),
        sa.Column("location", sa.String(2048), nullable=False),
        sa.Column("document_id", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
        sa.UniqueConstraint("location", name="uq_sources_location"),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name="fk_sources_document_id_documents",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_sources_document_id", "sources", ["document_id"])
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer(), autoincrement=True),
        sa.Column("key", sa.String(512), nullable=False),
        sa.Column("canonical", sa.String(512), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("qid", sa.String(32)),
        sa.Column("origin", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_entities"),
        sa.UniqueConstraint("key", name="uq_entities_key"),
    )
    op.create_index("ix_entities_canonical", "entities", ["canonical"])
    op.create_index("ix_entities_type", "entities", ["type"])
    op.create_table(
        "aliases",
        sa.Column("id", sa.Integer(), autoincrement=True),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("normalised", sa.String(512), nullable=False),
        sa.Column("origin", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_aliases"),
        sa.UniqueConstraint("entity_id", "name", name="uq_aliases_entity_id"),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entities.id"],
            name="fk_aliases_entity_id_entities",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_aliases_name", "aliases", ["name"])
    op.create_index("ix_aliases_normalised", "aliases", ["normalised"])
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), autoincrement=True),
        sa.Column("document_id", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(1024), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
        sa.Column("form", sa.String(32), nullable=False),
        sa.Column("origin", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mentions"),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name="fk_mentions_document_id_documents",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name="fk_mentions_entity_id_entities"
        ),
    )
    op.create_index("ix_mentions_document_start", "mentions", ["document_id", "start"])
    op.create_index("ix_mentions_entity_id", "mentions", ["entity_id"])


def downgrade() -> None:
    op.drop_table("mentions")
    op.drop_table("aliases")
    op.drop_table("entities")
    op.drop_table("sources")
    op.drop_table("documents")
