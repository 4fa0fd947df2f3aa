"""Claims with their evidence offsets, hedging and extractor.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), autoincrement=True),
        sa.Column("document_id", sa.String(32), nullable=False),
        sa.Column("relation", sa.String(32), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=False),
        sa.Column("subject_text", sa.String(512), nullable=False),
        sa.Column("object_text", sa.String(512), nullable=False),
        sa.Column("subject_start", sa.Integer(), nullable=False),
        sa.Column("subject_end", sa.Integer(), nullable=False),
        sa.Column("object_start", sa.Integer(), nullable=False),
        sa.Column("object_end", sa.Integer(), nullable=False),
        sa.Column("technology", sa.String(1024)),
        sa.Column("date", sa.String(32)),
        sa.Column("amount", sa.String(128)),
        sa.Column("hedging", sa.String(128), nullable=False),
        sa.Column("source", sa.String(512)),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("trigger", sa.String(128), nullable=False),
        sa.Column("extractor", sa.String(64), nullable=False),
        sa.Column("version", sa.String(16), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name="fk_claims_document_id_documents",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"], ["entities.id"], name="fk_claims_subject_id_entities"
        ),
        sa.ForeignKeyConstraint(
            ["object_id"], ["entities.id"], name="fk_claims_object_id_entities"
        ),
    )
    op.create_index("ix_claims_document_start", "claims", ["document_id", "evidence_start"])
    op.create_index("ix_claims_relation", "claims", ["relation"])
    op.create_index("ix_claims_subject_id", "claims", ["subject_id"])
    op.create_index("ix_claims_object_id", "claims", ["object_id"])


def downgrade() -> None:
    op.drop_table("claims")
