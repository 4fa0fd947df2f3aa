"""Sanctions review: match levels, reviewers' judgements, list digests, screenings.

Revision ID: 0010_i13
Revises: 0009_i11
Create Date: 2026-12-02

- `matches.level`: listed, related, possible, other (on a list for no sanction) or near;
  rows of an older store become `possible` (a hit of the old matcher, to review) or
  `near`, until the next screening replaces them. `matches.review_id` points at the
  reviewer's judgement applied to the match; `matches.topics` says what the entry is on
  its list for (OpenSanctions topics: sanction, export.control, debarment...).
- `match_reviews`: a reviewer's confirm or reject of one party against one list entry,
  keyed by the entity key and the entry, so it outlives rebuilds and list reloads.
- `sanctions_lists.digest`: a hash of the list's entries (which screener to reuse).
- `screenings`: what each party was last screened as, against which list (a party whose
  names, type or list changed is screened again by the next build).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_i13"
down_revision = "0009_i11"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "match_reviews",
        sa.Column("id", sa.Integer(), autoincrement=True),
        sa.Column("entity_key", sa.String(512), nullable=False),
        sa.Column("list_id", sa.String(64), nullable=False),
        sa.Column("entry_id", sa.String(128), nullable=False),
        sa.Column("entry_name", sa.String(1024), nullable=False),
        sa.Column("judgement", sa.String(16), nullable=False),
        sa.Column("user", sa.String(128)),
        sa.Column("note", sa.Text()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_match_reviews"),
        sa.UniqueConstraint(
            "entity_key", "list_id", "entry_id", name="uq_match_reviews_entity_key"
        ),
    )
    op.create_index("ix_match_reviews_entity_key", "match_reviews", ["entity_key"])
    op.create_table(
        "screenings",
        sa.Column("id", sa.Integer(), autoincrement=True),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.String(64), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("screened_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_screenings"),
        sa.UniqueConstraint("entity_id", "list_id", name="uq_screenings_entity_id"),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entities.id"],
            name="fk_screenings_entity_id_entities",
            ondelete="CASCADE",
        ),
    )
    with op.batch_alter_table("matches") as batch:
        batch.add_column(sa.Column("level", sa.String(16), nullable=False, server_default="near"))
        batch.add_column(sa.Column("review_id", sa.Integer()))
        batch.add_column(
            sa.Column("topics", sa.String(256), nullable=False, server_default="sanction")
        )
        batch.create_index("ix_matches_level", ["level"])
    op.execute("UPDATE matches SET level = 'possible' WHERE is_hit")
    with op.batch_alter_table("sanctions_lists") as batch:
        batch.add_column(sa.Column("digest", sa.String(64)))


def downgrade() -> None:
    with op.batch_alter_table("sanctions_lists") as batch:
        batch.drop_column("digest")
    with op.batch_alter_table("matches") as batch:
        batch.drop_index("ix_matches_level")
        batch.drop_column("topics")
        batch.drop_column("review_id")
        batch.drop_column("level")
    op.drop_table("screenings")
    op.drop_index("ix_match_reviews_entity_key", table_name="match_reviews")
    op.drop_table("match_reviews")
