"""Screening inside every build: the embedded list by default, only new or changed
parties screened again, matches of merged-away entities removed."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from tracewire.extract import Extractor
from tracewire.pipeline import build
from tracewire.resolve.resolution import judge, resolve_store
from tracewire.store import Store
from tracewire.store.models import MatchRow, ScreeningRow
from tracewire.store.read.entities import find_entity
from tracewire.store.sanctions import match_views, stored_lists
from tracewire.store.screening import screen_changed

FIRST = "The Islamic Revolutionary Guard Corps bought cameras from Tessaly Optics Ltd in 2021.\n"
LATER = "Quillfeather Ltd sold intrusion software to the police of Ruritania in 2023.\n"


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_a_build_screens_against_the_embedded_list(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    write(tmp_path / "in", "a.txt", FIRST)
    report = build([tmp_path / "in"], store, extractor=extractor)
    assert report.screened >= 2 and report.flagged >= 1
    with store.session() as session:
        assert [row.id for row in stored_lists(session)] == ["us-ofac-sdn"]
        irgc = find_entity(session, "Islamic Revolutionary Guard Corps")
        tessaly = find_entity(session, "Tessaly Optics Ltd")
        assert irgc is not None and tessaly is not None
        levels = {m.entry_name: m.level for m in match_views(session, {irgc.id})}
        assert levels["ISLAMIC REVOLUTIONARY GUARD CORPS"] == "listed"
        assert match_views(session, {tessaly.id}, hits_only=True) == []


def test_only_new_or_changed_parties_are_screened_again(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    write(tmp_path / "in", "a.txt", FIRST)
    first = build([tmp_path / "in"], store, extractor=extractor)
    with store.session() as session:
        before = dict(
            session.execute(select(ScreeningRow.entity_id, ScreeningRow.screened_at)).all()
        )
    write(tmp_path / "in", "b.txt", LATER)
    later = build([tmp_path / "in"], store, extractor=extractor)
    assert 0 < later.screened < first.screened + later.screened
    with store.session() as session:
        after = dict(
            session.execute(select(ScreeningRow.entity_id, ScreeningRow.screened_at)).all()
        )
        quill = find_entity(session, "Quillfeather Ltd")
    assert quill is not None and quill.id in after and quill.id not in before
    unchanged = [i for i in before if i in after and after[i] == before[i]]
    assert len(unchanged) == len(before)  # nobody screened again for nothing
    with store.transaction() as session:
        assert screen_changed(session).entities == 0


def test_screenings_of_entities_merged_away_are_removed(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    write(tmp_path / "in", "a.txt", FIRST)
    build([tmp_path / "in"], store, extractor=extractor)
    with store.transaction() as session:
        tessaly = find_entity(session, "Tessaly Optics Ltd")
        irgc = find_entity(session, "Islamic Revolutionary Guard Corps")
        assert tessaly is not None and irgc is not None
        assert session.scalar(select(ScreeningRow.id).where(ScreeningRow.entity_id == tessaly.id))
        judge(session, irgc.key, tessaly.key, positive=True, user="carol")
        resolve_store(session)
    with store.transaction() as session:
        report = screen_changed(session)
        merged = find_entity(session, "Tessaly Optics Ltd")
        rows = session.scalars(select(ScreeningRow.entity_id)).all()
        matches = session.scalars(select(MatchRow.entity_id)).all()
    assert merged is not None and merged.id != tessaly.id  # now the cluster's representative
    assert report.entities >= 1  # the cluster's names changed: screened again
    assert tessaly.id not in rows and tessaly.id not in matches
