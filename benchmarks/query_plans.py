"""The query plans of the reads that must grow with their answer, not with the store.

Usage: python benchmarks/query_plans.py [--db URL-or-path]

Prints SQLite's EXPLAIN QUERY PLAN or PostgreSQL's EXPLAIN for: a cluster's members
(`cluster_members` for some representatives), the entities sharing blocking keys and an
old cluster's members (`resolve.incremental`), and the aggregate rows a re-resolution
replaces (`store.edges.update_party_edges`). On PostgreSQL sequential scans are
discouraged for the session (`enable_seqscan = off`), so that a small store shows which
index a large one would use; a "SCAN" / "Seq Scan" line in the output is a regression.
"""

from __future__ import annotations

import argparse

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from tracewire.store import open_store
from tracewire.store.edges import PartyClaimRow, PartyEdgeRow
from tracewire.store.models import ClaimRow, EntityRow, MentionRow
from tracewire.store.resolution import BlockingKeyRow

KEYS = ["company:a", "company:b"]
IDS = [1, 2, 3]
QUERIES = {
    "representatives by id": select(EntityRow.key, EntityRow.id).where(EntityRow.id.in_(IDS)),
    "members by cluster key": select(EntityRow.cluster_key, EntityRow.id).where(
        EntityRow.cluster_key.in_(KEYS)
    ),
    "entities sharing blocking keys": select(BlockingKeyRow.entity_key).where(
        BlockingKeyRow.block.in_(["nf:company:a", "ac:AB"])
    ),
    "blocking keys of entities": select(BlockingKeyRow.block).where(
        BlockingKeyRow.entity_key.in_(KEYS)
    ),
    "mentions of members": select(MentionRow.entity_id, MentionRow.document_id).where(
        MentionRow.entity_id.in_(IDS)
    ),
    "claims of members (subject)": select(ClaimRow.id).where(ClaimRow.subject_id.in_(IDS)),
    "claims of members (object)": select(ClaimRow.id).where(ClaimRow.object_id.in_(IDS)),
    "party_claims by party": delete(PartyClaimRow).where(PartyClaimRow.party.in_(IDS)),
    "party_claims by counterparty": delete(PartyClaimRow).where(
        PartyClaimRow.counterparty.in_(IDS)
    ),
    "party_edges by party": delete(PartyEdgeRow).where(PartyEdgeRow.party.in_(IDS)),
}


def plan(session: Session, statement: object) -> list[str]:
    """The database's plan of `statement`, one line per step."""
    dialect = session.get_bind().dialect
    sql = str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))  # type: ignore[attr-defined]
    if dialect.name == "sqlite":
        return [str(row[-1]) for row in session.execute(text(f"EXPLAIN QUERY PLAN {sql}"))]
    session.execute(text("SET enable_seqscan = off"))
    return [str(row[0]) for row in session.execute(text(f"EXPLAIN {sql}"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    store = open_store(args.db)
    with store.session() as session:
        for name, statement in QUERIES.items():
            print(f"{name}:")
            for line in plan(session, statement):
                print(f"    {line}")
            session.rollback()  # nothing is deleted: EXPLAIN does not run the statement
    store.close()


if __name__ == "__main__":
    main()
