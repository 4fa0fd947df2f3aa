"""The analyst's workspace, finished: publishers of reports, sanctions verdicts that can be
undone, and rejected claims left out of the party aggregates.

Revision ID: 0015_h15c
Revises: 0014_h15
Create Date: 2026-12-06

- `documents.publisher`: who published a report, where the input says so (HTML metadata,
  a feed item's source or channel); empty for the reports already stored.
- `match_reviews`: a verdict is no longer replaced by the next one on the same pair; every
  verdict is kept, an undone one with `deleted_at`, and the newest one standing applies
  (as user judgements of entities are kept: store/resolution.py). The unique constraint
  on (entity key, list, entry) goes.
- `matches.matcher_level`: the level the matcher gave, before any verdict, so that undoing
  a verdict restores it; NULL for a match only a reviewer's confirmation made. For stored
  reviewed matches the matcher's level is taken as it was when levels came in (0010): a
  hit is `possible`, else `near`, until the next screening of the party replaces them.
- party aggregates built before this revision count rejected claims: they are marked
  stale (their `aggregates` row goes) when a rejection stands, and readers use the claims
  themselves until the next resolution rebuilds them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_h15c"
down_revision = "0014_h15"
branch_labels = None
depends_on = None

CONFIRMED_ONLY = "confirmed by a reviewer%"  # store/screening.py confirmed_row's explanation


def upgrade() -> None:
    # a plain ADD COLUMN: a batch copy of `documents` would trip the search triggers (0014)
    op.add_column("documents", sa.Column("publisher", sa.String(512), nullable=True))
    with op.batch_alter_table("match_reviews") as batch:
        batch.add_column(sa.Column("deleted_at", sa.DateTime(), nullable=True))
        batch.drop_constraint("uq_match_reviews_entity_key", type_="unique")
    op.add_column("matches", sa.Column("matcher_level", sa.String(16), nullable=True))
    op.execute("UPDATE matches SET matcher_level = level WHERE review_id IS NULL")
    op.execute(
        "UPDATE matches SET matcher_level = CASE "
        f"WHEN explanation LIKE '{CONFIRMED_ONLY}' THEN NULL "
        "WHEN is_hit THEN 'possible' ELSE 'near' END WHERE review_id IS NOT NULL"
    )
    op.execute(
        "DELETE FROM aggregates WHERE EXISTS "
        "(SELECT 1 FROM claim_reviews WHERE claim_reviews.deleted_at IS NULL)"
    )


def downgrade() -> None:
    with op.batch_alter_table("matches") as batch:
        batch.drop_column("matcher_level")
    # one verdict per pair again: the newest standing one is kept
    op.execute("DELETE FROM match_reviews WHERE deleted_at IS NOT NULL")
    op.execute(
        "DELETE FROM match_reviews WHERE EXISTS (SELECT 1 FROM match_reviews AS newer "
        "WHERE newer.entity_key = match_reviews.entity_key "
        "AND newer.list_id = match_reviews.list_id "
        "AND newer.entry_id = match_reviews.entry_id AND newer.id > match_reviews.id)"
    )
    with op.batch_alter_table("match_reviews") as batch:
        batch.create_unique_constraint(
            "uq_match_reviews_entity_key", ["entity_key", "list_id", "entry_id"]
        )
        batch.drop_column("deleted_at")
    op.drop_column("documents", "publisher")  # SQLite 3.35+ drops a column in place
