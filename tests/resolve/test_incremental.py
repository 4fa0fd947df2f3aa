"""Incremental resolution: a build re-resolves the neighbourhood of what it changed, and
the store ends as one full resolution would leave it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.resolve.test_resolution import (
    LATER,
    MINISTRIES,
    NORVIK,
    NORVIK_LTD,
    QUILL,
    REPORTS,
    TESSALY,
    build_reports,
    clusters,
)
from tracewire.extract import Extractor
from tracewire.resolve import propose
from tracewire.resolve.blocking import blocking_keys, partner_blocks
from tracewire.resolve.incremental import neighbourhood
from tracewire.resolve.resolution import judge, resolve_store, undo
from tracewire.store import Store
from tracewire.store import resolution as rows
from tracewire.store.edges import TABLES
from tracewire.store.models import EntityRow, JudgementRow
from tracewire.store.queue import take_queue

# Our own sentences: an acronym, a typo, a short form and a transliteration that reach
# entities of earlier batches, and a name no earlier batch knows.
MORE = {
    "e.txt": (
        "The Norvik Security Systems team met the Kenyan police in Nairobi. NSS engineers "
        "installed servers there in 2024.\n"
    ),
    "f.txt": (
        "Quilfeather denied that its tools reached the police of Ruritania. Quillfeather "
        "and Tessaly Optics both sell to the capital's police.\n"
    ),
    "g.txt": (
        "Hosein Salami met officials of Uganda's interior ministry in Kampala, according "
        "to the ministry.\n"
    ),
    "h.txt": "Brightwater Analytics opened an office in Lagos in 2024.\n",
}
BRIGHTWATER = "company:brightwater-analytics"  # "Analytics" is a trade word


def snapshot(session: Session) -> dict[str, Any]:
    """Clusters, rule judgements and the aggregate tables, comparable across runs."""
    rule = select(JudgementRow).where(JudgementRow.origin != "user")
    tables = {
        model.__tablename__: sorted(
            tuple(getattr(r, c.key) for c in model.__table__.columns if c.key != "id")
            for r in session.scalars(select(model))
        )
        for model in TABLES
    }
    return {
        "clusters": clusters(session),
        "rules": sorted(
            (r.left_key, r.right_key, r.origin, r.reason) for r in session.scalars(rule)
        ),
        **tables,
    }


def full_resolution_changes_nothing(store: Store) -> dict[str, Any]:
    """The store as the incremental builds left it, after checking that a full resolution
    of it leaves it the same."""
    with store.session() as session:
        before = snapshot(session)
    with store.transaction() as session:
        resolve_store(session, full=True)
    with store.session() as session:
        after = snapshot(session)
    assert before == after
    return after


def test_batches_and_judgements_resolve_as_one_full_resolution(
    tmp_path: Path, store: Store, extractor: Extractor, dev_corpus: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for report in sorted(dev_corpus.glob("*.txt"))[:2]:
        shutil.copy(report, folder / report.name)
    build_reports(folder, store, extractor, **REPORTS)  # the first build resolves in full
    build_reports(folder, store, extractor, **{"d.txt": LATER, **MINISTRIES})
    with store.transaction() as session:
        judge(session, NORVIK_LTD, NORVIK, positive=False, user="alice")  # split a rule merge
        judge(session, QUILL, TESSALY, positive=True, user="bob")  # merge two vendors
    build_reports(folder, store, extractor, **MORE)
    state = full_resolution_changes_nothing(store)
    reps = state["clusters"]
    assert reps[NORVIK_LTD] != reps[NORVIK] and reps[QUILL] == reps[TESSALY]
    # the bodies of two states stay apart through every batch
    assert reps["publicbody:kenya-interior-ministry"] != reps["publicbody:uganda-interior-ministry"]
    assert state["party_edges"]  # the aggregates were compared, not two empty tables

    with store.transaction() as session:  # undoing the split lets the rules merge again
        split = session.scalars(select(JudgementRow).where(JudgementRow.user == "alice")).one()
        undo(session, split.id)
    (folder / "c.txt").write_text(REPORTS["c.txt"] + MORE["h.txt"], encoding="utf-8")
    for report in sorted(dev_corpus.glob("*.txt"))[2:]:  # an edited report, and more
        shutil.copy(report, folder / report.name)
    build_reports(folder, store, extractor)
    state = full_resolution_changes_nothing(store)
    assert state["clusters"][NORVIK_LTD] == state["clusters"][NORVIK]


def test_a_new_name_reaches_only_what_it_could_merge_with(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    folder = tmp_path / "in"
    build_reports(folder, store, extractor, **REPORTS)
    build_reports(folder, store, extractor, **{"n.txt": MORE["h.txt"]})
    with store.session() as session:
        everything = set(clusters(session))
        reached, _ = neighbourhood(session, {BRIGHTWATER})
        near_norvik, _ = neighbourhood(session, {NORVIK})
    assert BRIGHTWATER in everything and BRIGHTWATER in reached
    assert not {NORVIK, QUILL, TESSALY} & reached and len(reached) <= 3
    assert {NORVIK, NORVIK_LTD} <= near_norvik
    assert QUILL not in near_norvik


def test_a_build_queues_what_it_changed_and_resolution_empties_the_queue(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    folder = tmp_path / "in"
    build_reports(folder, store, extractor, **REPORTS)
    with store.transaction() as session:
        assert take_queue(session) == set()  # the build resolved what it stored
        (folder / "later.txt").write_text(LATER, encoding="utf-8")
    (folder / "later.txt").unlink()
    with store.transaction() as session:
        keys = {k for (k,) in session.execute(select(EntityRow.key))}
        rows.enqueue_document(session, "no such document")
        assert take_queue(session) == set()
        rows.enqueue(session, [NORVIK])
        rows.enqueue(session, [NORVIK, QUILL])
        assert take_queue(session) == {NORVIK, QUILL} and {NORVIK, QUILL} <= keys


def test_every_edge_the_rules_propose_shares_a_blocking_key(
    dev_store: tuple[Store, Any],
) -> None:
    store, _report = dev_store
    with store.session() as session:
        infos = rows.load_infos(session)
    infos |= rows.gazetteer_people(exclude=infos)
    keys = {key: blocking_keys(info) for key, info in infos.items()}
    edges = propose(list(infos.values()))
    assert len({e.rule for e in edges}) >= 3  # several rules are covered
    assert all(partner_blocks(keys[e.left]) & keys[e.right] for e in edges)
