"""What the writer stores: `part_of` links of state bodies (once each), which words become
aliases (descriptions do, bare references not), and claims' hedging labels as rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.resolve import test_resolution as resolution
from tests.resolve.test_resolution import QUILL, TESSALY, build_reports
from tracewire.extract import Extractor
from tracewire.pipeline import build
from tracewire.records import EntityType, Mention
from tracewire.store import Store, open_store
from tracewire.store.models import (
    AliasRow,
    ClaimHedgeRow,
    ClaimRow,
    EntityLinkRow,
    EntityRow,
    JudgementRow,
)
from tracewire.store.read import entities as queries
from tracewire.store.writer import save_links

REPORTS = {
    "serbia.txt": (
        "Serbia's police bought drones from DJI in 2021. "
        "The Hellenic Police bought the same drones a year later.\n"
    ),
    "kenya.txt": (
        "Kenya's police bought drones from DJI in 2022. "
        "Serbia's police later ordered spare parts.\n\n"
        "Kenya's interior ministry bought spyware from NSO Group in 2020.\n"
    ),
    "vendors.txt": (
        "Cellebrite signed a deal with Hikvision in Lima. The Chinese firm later opened an "
        "office there, and the company hired local staff.\n\n"
        "Egypt's government relied on Netsweeper equipment to block news sites.\n"
    ),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Iterator[Store]:
    """One store built from the reports above, shared by the read-only tests here."""
    folder = tmp_path_factory.mktemp("parties")
    opened = open_store(str(folder / "parties.db"))
    build_reports(folder / "in", opened, extractor, **REPORTS)
    yield opened
    opened.close()


def links(session: Session) -> list[tuple[str, str, str, str]]:
    rows = session.execute(
        select(
            EntityLinkRow.child_key,
            EntityLinkRow.parent_key,
            EntityLinkRow.relation,
            EntityLinkRow.origin,
        ).order_by(EntityLinkRow.child_key)
    )
    return list(rows.tuples())


def aliases(session: Session, key: str) -> set[str]:
    rows = session.scalars(
        select(AliasRow.name)
        .join(EntityRow, AliasRow.entity_id == EntityRow.id)
        .where(EntityRow.key == key)
    )
    return set(rows)


def test_each_body_is_linked_once_to_its_state(built: Store) -> None:
    with built.session() as session:
        found = links(session)
    # Serbia's police is named in two reports, its link is stored once
    assert found == [
        ("publicbody:hellenic-police", "country:greece", "part_of", "text"),
        ("publicbody:kenya-interior-ministry", "country:kenya", "part_of", "text"),
        ("publicbody:kenya-national-police-service", "country:kenya", "part_of", "text"),
        ("publicbody:serbia-police", "country:serbia", "part_of", "text"),
    ]


def test_a_state_named_only_through_its_body_is_stored(built: Store) -> None:
    with built.session() as session:
        rows = session.execute(select(EntityRow.key, EntityRow.type, EntityRow.origin)).all()
        types = {key: (kind, origin) for key, kind, origin in rows}
        serbia = aliases(session, "country:serbia")
    assert types["publicbody:serbia-police"] == ("PublicBody", "text")
    assert types["publicbody:hellenic-police"] == ("PublicBody", "gazetteer")
    # no report names Serbia or Greece by itself: the link still has a state to point to
    assert types["country:serbia"] == ("Country", "gazetteer")
    assert types["country:greece"] == ("Country", "gazetteer")
    assert {"Serbia", "Belgrade", "Serbian"} <= serbia


def test_described_words_are_aliases_bare_references_are_not(built: Store) -> None:
    with built.session() as session:
        hikvision = aliases(session, "company:hikvision")
        cellebrite = aliases(session, "company:cellebrite")
        egypt = aliases(session, "country:egypt")
        serbia_police = aliases(session, "publicbody:serbia-police")
    assert "Chinese firm" in hikvision  # a nationality describes the party
    assert "company" not in cellebrite and "company" not in hikvision
    assert "Egypt's government" in egypt
    assert serbia_police == {"Serbia's police"}


def test_show_style_lookups_follow_the_links(built: Store) -> None:
    with built.session() as session:
        kenya_bodies = queries.parts_of(session, "country:kenya")
        police_state = queries.part_of(session, "publicbody:serbia-police")
        none = queries.parts_of(session, "country:egypt")
        company = queries.part_of(session, "company:hikvision")
        serbia = queries.find_entity(session, "Serbia")
        listed = {e.key for e in queries.list_entities(session)}
    assert kenya_bodies == [  # in name order
        ("publicbody:kenya-interior-ministry", "Kenya Interior Ministry"),
        ("publicbody:kenya-national-police-service", "Kenya National Police Service"),
    ]
    assert police_state == [("country:serbia", "Serbia")]
    assert none == [] and company == []
    # the state is found by name though no mention names it; listings stay of mentioned ones
    assert serbia is not None and (serbia.key, serbia.mentions) == ("country:serbia", 0)
    assert "country:serbia" not in listed and "publicbody:serbia-police" in listed


def mention(key: str, part_of: str | None) -> Mention:
    return Mention(
        doc_id="d",
        start=0,
        end=5,
        text="words",
        type=EntityType.PUBLIC_BODY,
        entity_key=key,
        canonical="Body",
        sentence_start=0,
        sentence_end=5,
        form="described",
        source="rule",
        part_of=part_of,
    )


def test_save_links_keeps_one_row_per_pair_and_skips_self_links(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "links.db"))
    try:
        with store.transaction() as session:
            save_links(
                session,
                [
                    mention("publicbody:ruritania-police", "country:ruritania"),
                    mention("publicbody:ruritania-police", "country:ruritania"),
                    mention("country:ruritania", "country:ruritania"),  # never its own part
                    mention("publicbody:unlinked", None),
                ],
            )
        with store.transaction() as session:  # a later document names it again
            save_links(session, [mention("publicbody:ruritania-police", "country:ruritania")])
        with store.session() as session:
            assert links(session) == [
                ("publicbody:ruritania-police", "country:ruritania", "part_of", "text")
            ]
    finally:
        store.close()


HEDGED_REPORT = (
    "Quillfeather Analytics denied selling spyware to Borduria. Officials said that "
    "Tessaly Optics reportedly plans to supply drones to the Bordurian police."
)


def _labels(store: Store) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """The labels of each labelled claim as its hedging column has them, and as the rows of
    claim_hedges have them (by claim id, whether or not the claim still exists)."""
    with store.session() as session:
        found = session.execute(select(ClaimRow.id, ClaimRow.hedging))
        joined = {i: set(h.split(",")) for i, h in found if h}
        rows: dict[int, set[str]] = defaultdict(set)
        for claim_id, label in session.execute(select(ClaimHedgeRow.claim_id, ClaimHedgeRow.label)):
            rows[claim_id].add(label)
    return joined, dict(rows)


def test_each_label_of_a_claim_is_a_row(tmp_path: Path, store: Store, extractor: Extractor) -> None:
    path = tmp_path / "r.txt"
    path.write_text(HEDGED_REPORT, encoding="utf-8")
    build([path], store, extractor=extractor)
    joined, rows = _labels(store)
    assert rows == joined
    assert "denied" in set().union(*rows.values())
    path.write_text("Nobody sold anything to anyone in this short note.", encoding="utf-8")
    build([path], store, extractor=extractor)  # the edited file replaces its claims
    assert _labels(store) == ({}, {})  # the old claims' rows went with them


def test_a_writer_commits_on_success_and_rolls_back_on_an_error(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    build_reports(tmp_path / "in", store, extractor, **resolution.REPORTS)
    clusters = select(EntityRow.key, func.coalesce(EntityRow.cluster_key, EntityRow.key))
    with store.session() as session:
        before = dict(session.execute(clusters).tuples().all())
    assert before[QUILL] != before[TESSALY]
    with pytest.raises(RuntimeError), store.writer() as writer:
        writer.judge(QUILL, TESSALY, positive=True, user="carol")
        raise RuntimeError("stopped before the commit")
    with store.session() as session:
        assert dict(session.execute(clusters).tuples().all()) == before
        assert session.scalar(select(JudgementRow).where(JudgementRow.user == "carol")) is None
    with store.writer() as writer:
        writer.judge(QUILL, TESSALY, positive=True, user="carol")
    with store.session() as session:
        after = dict(session.execute(clusters).tuples().all())
    assert after[QUILL] == after[TESSALY]
