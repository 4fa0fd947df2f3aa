"""Followed feeds and their items, watchlists, alerts and store settings.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer(), autoincrement=True),
        sa.Column("url", sa.String(2048), nullable=False),
        sa.Column("title", sa.String(1024)),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("fetched_at", sa.DateTime()),
        sa.Column("last_error", sa.String(1024)),
        sa.PrimaryKeyConstraint("id", name="pk_feeds"),
        sa.UniqueConstraint("url", name="uq_feeds_url"),
    )
    op.create_table(
        "feed_items",
        sa.Column("id", sa.Integer(), autoincrement=True),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(2048), nullable=False),
        sa.Column("url", sa.String(2048)),
        sa.Column("title", sa.String(1024)),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("reason", sa.String(1024)),
        sa.Column("document_id", sa.String(32)),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_feed_items"),
        sa.ForeignKeyConstraint(
            ["feed_id"], ["feeds.id"], name="fk_feed_items_feed_id_feeds", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("feed_id", "key", name="uq_feed_items_feed_id"),
    )
    op.create_index("ix_feed_items_feed_id", "feed_items", ["feed_id"])
    op.create_table(
        "watches",
        sa.Column("id", sa.Integer(), autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("normalised", sa.String(512), nullable=False),
        sa.Column("user", sa.String(128)),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_watches"),
        sa.UniqueConstraint("kind", "normalised", name="uq_watches_kind"),
    )
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), autoincrement=True),
        sa.Column("watch_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(32), nullable=False),
        sa.Column("title", sa.String(1024), nullable=False),
        sa.Column("url", sa.String(2048)),
        sa.Column("reason", sa.String(1024), nullable=False),
        sa.Column("claims", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("delivered_at", sa.DateTime()),
        sa.PrimaryKeyConstraint("id", name="pk_alerts"),
        sa.ForeignKeyConstraint(
            ["watch_id"], ["watches.id"], name="fk_alerts_watch_id_watches", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("watch_id", "document_id", name="uq_alerts_watch_id"),
    )
    op.create_index("ix_alerts_watch_id", "alerts", ["watch_id"])
    op.create_index("ix_alerts_created_at", "alerts", ["created_at"])
    op.create_table(
        "settings",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.String(2048), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_settings"),
    )


def downgrade() -> None:
    op.drop_table("settings")
    op.drop_table("alerts")
    op.drop_table("watches")
    op.drop_table("feed_items")
    op.drop_table("feeds")
