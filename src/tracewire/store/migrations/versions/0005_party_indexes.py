"""Composite indexes for an entity's claims and names (web dossier and graph).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_claims_subject_object",
        "claims",
        ["subject_id", "object_id", "relation", "hedging", "date"],
    )
    op.create_index(
        "ix_claims_object_subject",
        "claims",
        ["object_id", "subject_id", "relation", "hedging", "date"],
    )
    op.create_index(
        "ix_mentions_entity_text_document", "mentions", ["entity_id", "text", "document_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_mentions_entity_text_document", "mentions")
    op.drop_index("ix_claims_object_subject", "claims")
    op.drop_index("ix_claims_subject_object", "claims")
