"""party_edges: the aggregate equals a direct count over the claims after build, merge, split."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from tests.resolve.test_resolution import NORVIK, NORVIK_LTD, QUILL, REPORTS, TESSALY, build_reports
from tracewire.extract import Extractor
from tracewire.resolve.resolution import judge
from tracewire.store import Store
from tracewire.store.db import MIGRATIONS
from tracewire.store.edges import (
    TABLES,
    PartyClaimRow,
    PartyCounterpartyRow,
    PartyEdgeRow,
    PartyTotalRow,
    is_current,
    rebuild_party_edges,
)
from tracewire.store.models import ClaimRow, EntityRow

Key = tuple[int, int, str, str, str]


def stored(session: Session) -> Counter[Key]:
    """The party_edges rows as counts."""
    rows = session.execute(
        select(
            PartyEdgeRow.party,
            PartyEdgeRow.counterparty,
            PartyEdgeRow.relation,
            PartyEdgeRow.direction,
            PartyEdgeRow.hedging,
            PartyEdgeRow.claims,
        )
    )
    found: Counter[Key] = Counter()
    for party, other, relation, direction, hedging, n in rows:
        key = (party, other, relation, direction, hedging)
        assert key not in found, f"{key} stored twice"
        found[key] = n
    return found


def direct(session: Session) -> Counter[Key]:
    """The same counts, claim by claim, from the entities' cluster keys."""
    entities = session.execute(select(EntityRow.id, EntityRow.key, EntityRow.cluster_key)).all()
    by_key = {key: raw for raw, key, _cluster in entities}
    rep = {raw: by_key[cluster or key] for raw, key, cluster in entities}
    found: Counter[Key] = Counter()
    for claim in session.scalars(select(ClaimRow)):
        s, o = rep[claim.subject_id], rep[claim.object_id]
        found[(s, o, claim.relation, "out", claim.hedging)] += 1
        if s != o:
            found[(o, s, claim.relation, "in", claim.hedging)] += 1
    return found


def direct_claims(session: Session) -> set[tuple[int, int, str, str, str, int, str | None]]:
    """party_claims as it should be: each claim under its subject's representative and,
    when that differs, its object's."""
    entities = session.execute(select(EntityRow.id, EntityRow.key, EntityRow.cluster_key)).all()
    by_key = {key: raw for raw, key, _cluster in entities}
    rep = {raw: by_key[cluster or key] for raw, key, cluster in entities}
    found = set()
    for c in session.scalars(select(ClaimRow)):
        s, o = rep[c.subject_id], rep[c.object_id]
        found.add((s, o, c.relation, "out", c.hedging, c.id, c.date))
        if s != o:
            found.add((o, s, c.relation, "in", c.hedging, c.id, c.date))
    return found


def stored_claims(session: Session) -> set[tuple[int, int, str, str, str, int, str | None]]:
    p = PartyClaimRow
    query = select(p.party, p.counterparty, p.relation, p.direction, p.hedging, p.claim, p.date)
    rows = session.execute(query).tuples().all()
    assert len(rows) == len(set(rows))
    return set(rows)


def assert_sums_match_edges(session: Session) -> None:
    """party_totals and party_counterparties are party_edges summed."""
    edges = stored(session)
    totals: Counter[tuple[int, str, str]] = Counter()
    pairs: Counter[tuple[int, int]] = Counter()
    for (party, other, relation, direction, _hedging), n in edges.items():
        totals[(party, relation, direction)] += n
        pairs[(party, other)] += n
    t, p = PartyTotalRow, PartyCounterpartyRow
    got_totals = session.execute(select(t.party, t.relation, t.direction, t.claims)).all()
    assert {(a, b, c): n for a, b, c, n in got_totals} == totals
    assert len(got_totals) == len(totals)
    got_pairs = session.execute(select(p.party, p.counterparty, p.claims)).all()
    assert {(a, b): n for a, b, n in got_pairs} == pairs
    assert len(got_pairs) == len(pairs)


def assert_matches_claims(store: Store) -> None:
    with store.session() as session:
        assert is_current(session)
        assert stored(session) == direct(session)
        assert stored_claims(session) == direct_claims(session)
        assert_sums_match_edges(session)


def test_aggregate_follows_build_merge_and_split(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    folder = tmp_path / "in"
    build_reports(folder, store, extractor, **REPORTS)
    assert_matches_claims(store)
    with store.session() as session:
        before = stored(session)
        claims = len(session.scalars(select(ClaimRow.id)).all())
    assert sum(n for key, n in before.items() if key[3] == "out") == claims > 0

    with store.transaction() as session:  # a user merge of two unrelated companies
        judge(session, TESSALY, QUILL, positive=True, user="bob")
    assert_matches_claims(store)
    with store.transaction() as session:  # a user split of a rule merge
        judge(session, NORVIK_LTD, NORVIK, positive=False, user="alice")
    assert_matches_claims(store)
    with store.session() as session:
        after = stored(session)
        ids = dict(session.execute(select(EntityRow.key, EntityRow.id)).tuples().all())
    parties = {key[0] for key in after}
    assert ids[NORVIK_LTD] in parties and ids[NORVIK] in parties  # apart again
    assert not {ids[QUILL], ids[TESSALY]} <= parties  # one of them stands for both now


def test_new_claims_make_it_stale_until_the_next_resolve(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    build_reports(tmp_path / "in", store, extractor, **REPORTS)
    with store.transaction() as session:
        claim = session.scalars(select(ClaimRow)).first()
        assert claim is not None
        session.add(
            ClaimRow(
                **{
                    c.key: getattr(claim, c.key)
                    for c in ClaimRow.__table__.columns
                    if c.key != "id"
                }
            )
        )
    with store.session() as session:
        assert not is_current(session)
    with store.transaction() as session:
        rebuild_party_edges(session)
    assert_matches_claims(store)


def test_an_empty_store_has_an_empty_current_aggregate(store: Store) -> None:
    with store.session() as session:
        assert not is_current(session)  # never built
    with store.transaction() as session:
        rebuild_party_edges(session)
    with store.session() as session:
        assert is_current(session) and stored(session) == Counter()


def test_migration_0008_fills_the_new_tables_from_a_0007_store(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    build_reports(tmp_path / "in", store, extractor, **REPORTS)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")  # party_edges and its aggregates row stay
    store.migrate()
    assert_matches_claims(store)
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(PartyClaimRow)) > 0


def test_a_rebuild_replaces_every_row(tmp_path: Path, store: Store, extractor: Extractor) -> None:
    build_reports(tmp_path / "in", store, extractor, **REPORTS)
    with store.transaction() as session:
        for model in TABLES:  # rows a rebuild must not keep: a party id no entity has
            session.execute(delete(model))
        session.add(PartyClaimRow(party=-1, counterparty=-1, relation="owns", direction="out",
                                  hedging="", claim=-1, date=None))  # fmt: skip
        session.add(PartyCounterpartyRow(party=-1, counterparty=-1, claims=9))
        rebuild_party_edges(session)
    assert_matches_claims(store)
