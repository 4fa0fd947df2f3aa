"""Screening the stored parties against the real OFAC SDN list, and what that changes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tracewire.extract import Extractor
from tracewire.pipeline import build
from tracewire.screen import Screener, read_ofac_csv
from tracewire.store import Store, open_store
from tracewire.store.models import EntityRow
from tracewire.store.read.claims import claim_views
from tracewire.store.read.entities import find_entity
from tracewire.store.sanctions import match_views, read_list, save_list, stored_lists
from tracewire.store.screening import screen_store, screening_names

SDN = Path(__file__).resolve().parents[3] / "shared" / "data" / "ofac" / "sdn-2024-05-03.csv"


@pytest.fixture(scope="module")
def screened(
    tmp_path_factory: pytest.TempPathFactory, dev_corpus: Path, extractor: Extractor
) -> Iterator[Store]:
    if not SDN.exists():
        pytest.skip(f"OFAC SDN file not found at {SDN}")
    store = open_store(str(tmp_path_factory.mktemp("screen") / "s.db"))
    build([dev_corpus], store, extractor=extractor)
    with store.transaction() as session:
        save_list(session, read_ofac_csv(SDN))
    with store.transaction() as session:
        lst = read_list(session, "us-ofac-sdn")
        screen_store(session, [(lst.id, Screener(lst))])
    yield store
    store.close()


def hits(store: Store, name: str) -> list[str]:
    with store.session() as session:
        entity = find_entity(session, name)
        assert entity is not None, name
        return [m.entry_name for m in match_views(session, {entity.id}, hits_only=True)]


def test_list_is_stored_with_its_name_source_and_date(screened: Store) -> None:
    with screened.session() as session:
        (row,) = stored_lists(session)
        lst = read_list(session, row.id)
    assert row.date == "2024-05-03" and row.source.endswith("sdn-2024-05-03.csv")
    assert row.entries == len(lst.entries) > 14_000
    irgc = next(e for e in lst.entries if e.entry_id == "10391")
    assert "IRGC" in irgc.programs


@pytest.mark.parametrize("name", ["IRGC", "Islamic Revolutionary Guards Corps"])
def test_irgc_top_hit_is_the_corps_itself(screened: Store, name: str) -> None:
    assert hits(screened, name)[0] == "ISLAMIC REVOLUTIONARY GUARD CORPS"


def test_the_centrifuge_company_is_listed(screened: Store) -> None:
    assert "IRAN CENTRIFUGE TECHNOLOGY COMPANY" in hits(screened, "Centrifuge Technology Company")


@pytest.mark.parametrize(
    "name", ["Tiandy", "Hikvision", "Huawei", "IPVM", "China", "Iran", "United States", "Dahua"]
)
def test_no_hit_for_parties_not_listed(screened: Store, name: str) -> None:
    assert hits(screened, name) == []


def test_claims_with_a_listed_party_are_flagged(screened: Store) -> None:
    with screened.session() as session:
        views = claim_views(session)
    tiandy_irgc = [v for v in views if v.subject == "Tiandy" and "Guard Corps" in v.object]
    assert tiandy_irgc
    for view in tiandy_irgc:
        assert [role for role, _ in view.sanctions] == ["object"]
        assert any("IRGC" in flag and "to a listed party" in flag for flag in view.flags())
    unflagged = [v for v in views if v.subject == "Iran" and v.object == "China"]
    assert unflagged and all(not v.sanctions for v in unflagged)


def test_rescreening_replaces_earlier_matches(screened: Store) -> None:
    with screened.session() as session:
        before = len(match_views(session))
    with screened.transaction() as session:
        lst = read_list(session, "us-ofac-sdn")
        screen_store(session, [(lst.id, Screener(lst))])
    with screened.session() as session:
        assert len(match_views(session)) == before


def test_short_names_are_screened_only_without_a_longer_one() -> None:
    names = screening_names(
        "Islamic Revolutionary Guard Corps", ["IRGC", "Sepah", "Pasdaran Corps"]
    )
    assert names == ["Islamic Revolutionary Guard Corps", "Pasdaran Corps"]
    assert screening_names("IPVM", ["IVPM"]) == ["IPVM", "IVPM"]


def levels(store: Store, name: str) -> dict[str, str]:
    with store.session() as session:
        entity = find_entity(session, name)
        assert entity is not None, name
        return {m.entry_name: m.level for m in match_views(session, {entity.id}, hits_only=True)}


def test_parts_of_the_irgc_are_related_designations(screened: Store) -> None:
    found = levels(screened, "IRGC")
    assert found["ISLAMIC REVOLUTIONARY GUARD CORPS"] == "listed"
    assert found["ISLAMIC REVOLUTIONARY GUARD CORPS INTELLIGENCE ORGANIZATION"] == "related"
    assert found["ISLAMIC REVOLUTIONARY GUARD CORPS AIR FORCE"] == "related"
    assert [n for n, level in found.items() if level == "listed"] == [
        "ISLAMIC REVOLUTIONARY GUARD CORPS"
    ]


def test_no_byline_or_state_is_listed(screened: Store) -> None:
    with screened.session() as session:
        listed = match_views(session, levels=["listed"])
        types = {
            e.id: e.type
            for e in session.scalars(select(EntityRow)).all()
            if e.id in {m.entity_id for m in listed}
        }
        byline = find_entity(session, "Abdul Rahman")
        byline_flags = match_views(session, {byline.id}, hits_only=True) if byline else []
    assert listed and "Country" not in set(types.values())
    assert byline_flags == []
