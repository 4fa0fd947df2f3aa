"""The analyst's workspace: technology classes of claims, full-text search indexes, and
reviewers' rejections of claims (claim_reviews).

Revision ID: 0014_h15
Revises: 0013_h14b
Create Date: 2026-12-05

claim_technologies holds each claim's technology classes (ontology/technology.py), filled
here for the claims already stored. The search indexes are the database's own and are kept
current by triggers, whatever writes the claims and documents:

Evidence is indexed once per sentence (the first claim read from it stands for the others).

- SQLite: FTS5 tables `evidence_fts` (rowid = claim id, its evidence sentence) and
  `documents_fts` (document id, title, text), porter-stemmed.
- PostgreSQL: `evidence_search` (claim id, tsvector of its sentence) with a GIN index, and
  a GIN expression index on the documents' title and text.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tracewire.ontology.technology import load_taxonomy
from tracewire.store.read.search import plain

revision = "0014_h15"
down_revision = "0013_h14b"
branch_labels = None
depends_on = None

BATCH = 10_000
SETTING = "technology_taxonomy"

FIRST_OF_SENTENCE = """NOT EXISTS (SELECT 1 FROM claims o WHERE o.document_id = c.document_id
    AND o.evidence_start = c.evidence_start AND o.evidence_end = c.evidence_end AND o.id < c.id)"""
SQLITE_UP = [
    "CREATE VIRTUAL TABLE evidence_fts USING fts5(sentence, tokenize='porter unicode61')",
    "CREATE VIRTUAL TABLE documents_fts USING fts5("
    "document_id UNINDEXED, title, text, tokenize='porter unicode61')",
    # One row per sentence: the first claim read from it stands for the others (a
    # PostgreSQL row trigger runs after its whole statement, seeing every row of it).
    """CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims
    WHEN NOT EXISTS (SELECT 1 FROM claims c WHERE c.document_id = NEW.document_id
                     AND c.evidence_start = NEW.evidence_start
                     AND c.evidence_end = NEW.evidence_end AND c.id < NEW.id)
    BEGIN
        INSERT INTO evidence_fts(rowid, sentence)
        SELECT NEW.id, substr(d.text, NEW.evidence_start + 1,
                              NEW.evidence_end - NEW.evidence_start)
        FROM documents d WHERE d.id = NEW.document_id;
    END""",
    """CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
        DELETE FROM evidence_fts WHERE rowid = OLD.id;
    END""",
    """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(document_id, title, text)
        VALUES (NEW.id, NEW.title, NEW.text);
    END""",
    """CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
        DELETE FROM documents_fts WHERE document_id = OLD.id;
        INSERT INTO documents_fts(document_id, title, text)
        VALUES (NEW.id, NEW.title, NEW.text);
    END""",
    """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        DELETE FROM documents_fts WHERE document_id = OLD.id;
    END""",
    f"""INSERT INTO evidence_fts(rowid, sentence)
        SELECT c.id, substr(d.text, c.evidence_start + 1, c.evidence_end - c.evidence_start)
        FROM claims c JOIN documents d ON d.id = c.document_id WHERE {FIRST_OF_SENTENCE}""",
    "INSERT INTO documents_fts(document_id, title, text) SELECT id, title, text FROM documents",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS claims_fts_insert",
    "DROP TRIGGER IF EXISTS claims_fts_delete",
    "DROP TRIGGER IF EXISTS documents_fts_insert",
    "DROP TRIGGER IF EXISTS documents_fts_update",
    "DROP TRIGGER IF EXISTS documents_fts_delete",
    "DROP TABLE IF EXISTS evidence_fts",
    "DROP TABLE IF EXISTS documents_fts",
]
EVIDENCE_SENTENCE = "substr(d.text, {0}.evidence_start + 1, {0}.evidence_end - {0}.evidence_start)"
NEW_SENTENCE = plain(EVIDENCE_SENTENCE.format("NEW"))
STORED_SENTENCE = plain(EVIDENCE_SENTENCE.format("c"))
DOCUMENT_TEXT = plain("coalesce(title, '') || ' ' || text")  # as store/read/search.py reads
PG_UP = [
    """CREATE TABLE evidence_search (
        claim_id INTEGER PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
        tsv tsvector NOT NULL)""",
    "CREATE INDEX ix_evidence_search_tsv ON evidence_search USING gin (tsv)",
    f"""CREATE FUNCTION tracewire_evidence_search() RETURNS trigger AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM claims c WHERE c.document_id = NEW.document_id
                   AND c.evidence_start = NEW.evidence_start
                   AND c.evidence_end = NEW.evidence_end AND c.id < NEW.id) THEN
            RETURN NULL;  -- one row per sentence: the first claim read from it
        END IF;
        INSERT INTO evidence_search (claim_id, tsv)
        SELECT NEW.id, to_tsvector('english', {NEW_SENTENCE})
        FROM documents d WHERE d.id = NEW.document_id;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER claims_search_insert AFTER INSERT ON claims
        FOR EACH ROW EXECUTE FUNCTION tracewire_evidence_search()""",
    f"""INSERT INTO evidence_search (claim_id, tsv)
        SELECT c.id, to_tsvector('english', {STORED_SENTENCE})
        FROM claims c JOIN documents d ON d.id = c.document_id WHERE {FIRST_OF_SENTENCE}""",
    f"""CREATE INDEX ix_documents_search ON documents USING gin (
        to_tsvector('english', {DOCUMENT_TEXT}))""",
]
PG_DOWN = [
    "DROP INDEX IF EXISTS ix_documents_search",
    "DROP TRIGGER IF EXISTS claims_search_insert ON claims",
    "DROP FUNCTION IF EXISTS tracewire_evidence_search()",
    "DROP TABLE IF EXISTS evidence_search",
]


def upgrade() -> None:
    classes = op.create_table(
        "claim_technologies",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("technology_class", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name="fk_claim_technologies_claim_id_claims",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("claim_id", "technology_class", name="pk_claim_technologies"),
    )
    op.create_index(
        "ix_claim_technologies_class", "claim_technologies", ["technology_class", "claim_id"]
    )
    _classify_stored(classes)
    op.create_table(
        "claim_reviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(32), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("subject_start", sa.Integer(), nullable=False),
        sa.Column("object_start", sa.Integer(), nullable=False),
        sa.Column("relation", sa.String(32), nullable=False),
        sa.Column("judgement", sa.String(16), nullable=False),
        sa.Column("user", sa.String(128), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_claim_reviews"),
    )
    op.create_index(
        "ix_claim_reviews_document_start", "claim_reviews", ["document_id", "evidence_start"]
    )
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_UP if dialect == "sqlite" else PG_UP if dialect == "postgresql" else ():
        op.execute(statement)


def _classify_stored(classes: sa.Table) -> None:
    """Classify the claims already stored, with the taxonomy of this release (a build
    reclassifies when the taxonomy changes: store/technology.py)."""
    taxonomy = load_taxonomy()
    claims = sa.table("claims", sa.column("id", sa.Integer), sa.column("technology", sa.String))
    bind = op.get_bind()
    found = bind.execute(
        sa.select(claims.c.id, claims.c.technology).where(claims.c.technology.is_not(None))
    )
    rows = [
        {"claim_id": claim_id, "technology_class": cls}
        for claim_id, text in found
        for cls in taxonomy.classify(text)
    ]
    for start in range(0, len(rows), BATCH):
        op.bulk_insert(classes, rows[start : start + BATCH])
    settings = sa.table("settings", sa.column("key", sa.String), sa.column("value", sa.String))
    bind.execute(sa.delete(settings).where(settings.c.key == SETTING))
    bind.execute(sa.insert(settings).values(key=SETTING, value=taxonomy.version))


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_DOWN if dialect == "sqlite" else PG_DOWN:
        op.execute(statement)
    op.drop_index("ix_claim_reviews_document_start", table_name="claim_reviews")
    op.drop_table("claim_reviews")
    op.drop_index("ix_claim_technologies_class", table_name="claim_technologies")
    op.drop_table("claim_technologies")
