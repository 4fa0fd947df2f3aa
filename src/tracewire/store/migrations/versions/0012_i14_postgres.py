"""Claim hedges as rows: each hedging label of a claim in claim_hedges, indexed by label,
so that filters read an index instead of matching a comma-joined string.

Revision ID: 0012_i14
Revises: 0011_i16
Create Date: 2026-12-04

The labels of the claims already stored are copied from claims.hedging.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_i14"
down_revision = "0011_i16"
branch_labels = None
depends_on = None

BATCH = 10_000


def upgrade() -> None:
    hedges = op.create_table(
        "claim_hedges",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name="fk_claim_hedges_claim_id_claims",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("claim_id", "label", name="pk_claim_hedges"),
    )
    op.create_index("ix_claim_hedges_label", "claim_hedges", ["label", "claim_id"])
    claims = sa.table("claims", sa.column("id", sa.Integer), sa.column("hedging", sa.String))
    found = op.get_bind().execute(
        sa.select(claims.c.id, claims.c.hedging).where(claims.c.hedging != "")
    )
    rows = [
        {"claim_id": claim_id, "label": label}
        for claim_id, hedging in found
        for label in dict.fromkeys(hedging.split(","))
        if label
    ]
    for start in range(0, len(rows), BATCH):
        op.bulk_insert(hedges, rows[start : start + BATCH])


def downgrade() -> None:
    op.drop_index("ix_claim_hedges_label", table_name="claim_hedges")
    op.drop_table("claim_hedges")
