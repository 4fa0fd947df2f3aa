"""Party sums and claims: party_edges summed by relation and direction and by
counterparty, and each claim listed under each of its parties.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24

A store upgraded here keeps its aggregates row: the sums are taken from party_edges as it
stands and party_claims from the claims and clusters as they stand, as the rebuild in
tracewire.store.edges does (if party_edges is stale, readers ignore all four until the next
resolve rebuilds them).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_CLAIMS = """
INSERT INTO party_claims (party, counterparty, relation, direction, hedging, claim, date)
WITH owner AS (
  SELECT raw.id AS raw, rep.id AS rep FROM entities AS raw
  JOIN entities AS rep ON rep.key = coalesce(raw.cluster_key, raw.key)
)
SELECT * FROM (
  SELECT s.rep, o.rep, c.relation, 'out', c.hedging, c.id, c.date FROM claims AS c
  JOIN owner AS s ON s.raw = c.subject_id JOIN owner AS o ON o.raw = c.object_id
  UNION ALL
  SELECT o.rep, s.rep, c.relation, 'in', c.hedging, c.id, c.date FROM claims AS c
  JOIN owner AS s ON s.raw = c.subject_id JOIN owner AS o ON o.raw = c.object_id
  WHERE s.rep != o.rep
) AS sides ORDER BY 1, 2, 3, 4, 5, 6
"""


def upgrade() -> None:
    op.create_table(
        "party_totals",
        sa.Column("id", sa.Integer(), autoincrement=True),
        sa.Column("party", sa.Integer(), nullable=False),
        sa.Column("relation", sa.String(32), nullable=False),
        sa.Column("direction", sa.String(3), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_party_totals"),
    )
    op.create_index(
        "ix_party_totals_party", "party_totals", ["party", "relation", "direction", "claims"]
    )
    op.create_table(
        "party_counterparties",
        sa.Column("id", sa.Integer(), autoincrement=True),
        sa.Column("party", sa.Integer(), nullable=False),
        sa.Column("counterparty", sa.Integer(), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_party_counterparties"),
    )
    op.create_index(
        "ix_party_counterparties_party",
        "party_counterparties",
        ["party", "claims", "counterparty"],
    )
    op.create_table(
        "party_claims",
        sa.Column("party", sa.Integer(), nullable=False),
        sa.Column("counterparty", sa.Integer(), nullable=False),
        sa.Column("relation", sa.String(32), nullable=False),
        sa.Column("direction", sa.String(3), nullable=False),
        sa.Column("hedging", sa.String(128), nullable=False),
        sa.Column("claim", sa.Integer(), nullable=False),
        sa.Column("date", sa.String(10)),
        sa.PrimaryKeyConstraint(
            "party",
            "counterparty",
            "relation",
            "direction",
            "hedging",
            "claim",
            name="pk_party_claims",
        ),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_party_claims_date", "party_claims", ["party", "date", "claim"])
    op.execute(_CLAIMS)
    op.execute(
        "INSERT INTO party_totals (party, relation, direction, claims) "
        "SELECT party, relation, direction, sum(claims) FROM party_edges "
        "GROUP BY party, relation, direction"
    )
    op.execute(
        "INSERT INTO party_counterparties (party, counterparty, claims) "
        "SELECT party, counterparty, sum(claims) FROM party_edges "
        "GROUP BY party, counterparty"
    )


def downgrade() -> None:
    op.drop_index("ix_party_claims_date", table_name="party_claims")
    op.drop_table("party_claims")
    op.drop_index("ix_party_counterparties_party", table_name="party_counterparties")
    op.drop_table("party_counterparties")
    op.drop_index("ix_party_totals_party", table_name="party_totals")
    op.drop_table("party_totals")
