"""The build: idempotent, incremental, one transaction per document, bad input skipped."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from subprocess import PIPE

import pytest
from benchmarks import chaos
from sqlalchemy import func, select

from tracewire import pipeline
from tracewire.extract import DEFAULT_EXTRACTOR, ClaimExtractor, Extractor, get_extractor
from tracewire.extract.claims import RULES_NAME
from tracewire.pipeline import build
from tracewire.records import BuildReport
from tracewire.serve.exports import alias_records, claim_records
from tracewire.store import Store, db, open_store
from tracewire.store.generations import resolution_behind
from tracewire.store.models import ClaimRow, DocumentRow, EntityRow, MentionRow, SourceRow
from tracewire.store.read import entities as queries
from tracewire.store.read.claims import claim_views
from tracewire.store.writer import Writer

from .conftest import StampedExtractor

REPORT = (
    "Ministry officials in Ruritania confirmed the purchase.\n\n"
    "Hikvision supplied {n} cameras to the Ruritanian police in {year}, according to "
    "procurement records reviewed by reporters. The contract also covered training for "
    "operators and a maintenance agreement that runs for five years. Dahua bid for the "
    "same tender but lost, the records show, and officials declined to comment further "
    "on the terms of the deal or on who will operate the control room in the capital."
)


LONG_TAIL = (
    "\n\nThe tender documents list the camera models, the storage servers, the video "
    "analytics licences and the spare parts, with delivery dates spread over three years. "
    "Local engineers were to be trained in the capital and in two provincial cities, and "
    "the vendor promised remote support through a regional office. Opposition members of "
    "parliament asked for the full contract to be published, citing the cost to the "
    "budget and the lack of any privacy assessment before the purchase was approved. The "
    "interior ministry replied that the system complied with national law and that the "
    "footage would be kept for thirty days unless an investigation required longer."
)


def count(store: Store, column: object) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count(column))) or 0)  # type: ignore[call-overload]


def test_dev_corpus_stores_five_documents(dev_store: tuple[Store, BuildReport]) -> None:
    store, report = dev_store
    assert len(report.stored) == 5
    assert count(store, DocumentRow.id) == 5
    assert report.mentions == count(store, MentionRow.id) > 100


def test_rebuilding_adds_nothing(
    dev_store: tuple[Store, BuildReport], dev_corpus: Path, extractor: Extractor
) -> None:
    store, _ = dev_store
    before = (count(store, DocumentRow.id), count(store, MentionRow.id))
    again = build([dev_corpus], store, extractor=extractor)
    assert again.stored == []
    assert len(again.unchanged) == 5
    assert (count(store, DocumentRow.id), count(store, MentionRow.id)) == before


def test_irgc_is_found_across_documents(dev_store: tuple[Store, BuildReport]) -> None:
    store, _ = dev_store
    with store.session() as session:
        irgc = queries.find_entity(session, "IRGC")
        assert irgc is not None
        assert irgc.canonical == "Islamic Revolutionary Guard Corps"
        views = queries.entity_mentions(session, irgc.id)
    assert len({v.document for v in views}) >= 3
    forms = {v.text for v in views}
    assert {
        "IRGC",
        "Islamic Revolutionary Guards Corps",
        "Iranian Revolutionary Guard Corps",
    } <= forms
    for view in views:
        assert view.text in view.sentence


@pytest.mark.parametrize("name", ["Tiandy", "Hikvision", "Dahua", "Uniview", "Huawei"])
def test_vendors_are_companies(dev_store: tuple[Store, BuildReport], name: str) -> None:
    store, _ = dev_store
    with store.session() as session:
        entity = queries.find_entity(session, name)
    assert entity is not None and entity.type == "Company"


def test_ipvm_and_its_misspelling_are_found(dev_store: tuple[Store, BuildReport]) -> None:
    store, _ = dev_store
    with store.session() as session:
        texts = set(session.scalars(select(MentionRow.text)))
    assert {"IPVM", "IVPM"} <= texts


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_bad_inputs_are_skipped_and_the_rest_stored(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    write(corpus, "good.txt", REPORT.format(n=120, year=2021))
    write(corpus, "empty.txt", "")
    write(corpus, "binary.txt", b"\x00\x01\x02\x89PNG\x00" * 50)
    write(corpus, "latin1.txt", "Caf\xe9 society met in Gen\xe8ve.".encode("latin-1"))
    write(corpus, "broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")
    report = build([corpus, tmp_path / "missing.txt"], store, extractor=extractor)
    assert [Path(s).name for s in report.stored] == ["good.txt"]
    reasons = {Path(s.source).name: s.reason for s in report.skipped}
    assert set(reasons) == {"empty.txt", "binary.txt", "latin1.txt", "broken.pdf", "missing.txt"}
    for skip in report.skipped:
        assert "\n" not in str(skip)
        assert str(skip).startswith(skip.source)
    assert count(store, DocumentRow.id) == 1


def test_exact_and_near_duplicates_are_recorded_not_stored(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    first = write(tmp_path, "a.txt", REPORT.format(n=120, year=2021) + LONG_TAIL)
    write(tmp_path, "b.txt", (REPORT.format(n=120, year=2021) + LONG_TAIL).upper())
    write(tmp_path, "c.txt", REPORT.format(n=125, year=2021) + LONG_TAIL)
    report = build([tmp_path], store, extractor=extractor)
    assert [Path(s).name for s in report.stored] == ["a.txt"]
    assert {Path(s).name for s, _ in report.duplicates} == {"b.txt", "c.txt"}
    assert count(store, DocumentRow.id) == 1
    with store.session() as session:
        statuses = dict(session.execute(select(SourceRow.location, SourceRow.status)).all())
    assert statuses[str(first.resolve())] == "original"
    assert sorted(statuses.values()) == ["near-duplicate", "original", "same-content"]


def test_an_edited_file_replaces_its_previous_version(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    path = write(tmp_path, "r.txt", REPORT.format(n=120, year=2021))
    build([path], store, extractor=extractor)
    path.write_text(
        "Dahua installed a new platform for the Kenyan police in 2019.", encoding="utf-8"
    )
    report = build([path], store, extractor=extractor)
    assert len(report.stored) == 1
    with store.session() as session:
        texts = list(session.scalars(select(DocumentRow.text)))
        mention_docs = set(session.scalars(select(MentionRow.document_id)))
    assert texts == ["Dahua installed a new platform for the Kenyan police in 2019."]
    assert len(mention_docs) == 1


def test_failure_inside_a_document_leaves_nothing_half_written(
    tmp_path: Path, store: Store, extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "1.txt", REPORT.format(n=1, year=2001))
    write(tmp_path, "2.txt", "Huawei built a data centre for the interior ministry of Ruritania.")

    real = Writer.save_document
    calls = {"n": 0}

    def failing(*args: object, **kwargs: object) -> int:
        calls["n"] += 1
        written = real(*args, **kwargs)  # type: ignore[arg-type]
        if calls["n"] == 2:
            raise KeyboardInterrupt  # the user interrupts after rows were added
        return written

    monkeypatch.setattr(Writer, "save_document", failing)
    with pytest.raises(KeyboardInterrupt):
        build([tmp_path], store, extractor=extractor)
    with store.session() as session:
        docs = list(session.scalars(select(DocumentRow.id)))
        orphans = session.scalar(
            select(func.count(MentionRow.id)).where(MentionRow.document_id.not_in(docs))
        )
    assert len(docs) == 1
    assert orphans == 0
    monkeypatch.setattr(Writer, "save_document", real)
    report = build([tmp_path], store, extractor=extractor)
    assert len(report.stored) == 1 and len(report.unchanged) == 1


def test_claims_are_stored_with_exact_evidence(dev_store: tuple[Store, BuildReport]) -> None:
    store, report = dev_store
    with store.session() as session:
        views = claim_views(session)
        texts = {d.id: d.text for d in session.scalars(select(DocumentRow))}
    assert len(views) == report.claims > 20
    for view in views:
        text = texts[view.document_id]
        assert text[view.evidence_start : view.evidence_end] == view.evidence
        assert view.hedging and view.subject_id != view.object_id
    tiandy = {(v.relation, v.object) for v in views if v.subject == "Tiandy"}
    assert ("supplies", "Islamic Revolutionary Guard Corps") in tiandy


def test_an_edited_file_drops_its_old_claims(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    path = write(tmp_path, "r.txt", "Hikvision sold cameras to the police of Ruritania in 2019.")
    build([path], store, extractor=extractor)
    with store.session() as session:
        assert [v.subject for v in claim_views(session)] == ["Hikvision"]
    path.write_text("Dahua sold cameras to the police of Ruritania in 2020.", encoding="utf-8")
    build([path], store, extractor=extractor)
    with store.session() as session:
        assert [v.subject for v in claim_views(session)] == ["Dahua"]


# Two pairs of names that resolution merges (legal forms), so that a store left
# unresolved differs from a resolved one.
KILL_REPORTS = {
    "a.txt": "Northwind Optics Ltd sold thermal cameras to the police of Ruritania in 2019.",
    "b.txt": "Northwind Optics Limited sold thermal cameras to the army of Borduria in 2021.",
    "c.txt": "Borealis Systems Inc. trained officers of the Bordurian Secret Police in 2022.",
    "d.txt": "Borealis Systems Incorporated supplied intrusion software to Ruritania in 2023.",
}


def test_an_unexpected_error_in_one_document_is_a_skip_line(
    tmp_path: Path, store: Store, extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    write(corpus, "a.txt", REPORT.format(n=10, year=2020))
    write(corpus, "b.txt", "Huawei built a data centre for the interior ministry of Ruritania.")
    write(corpus, "c.txt", "Dahua installed a new platform for the Kenyan police in 2019.")
    real = pipeline.read_file

    def failing(path: Path) -> object:
        if path.name == "b.txt":  # what a library's bug inside one document looks like
            raise ValueError("[E088] Text of length 1000001 exceeds maximum of 1000000.\nMore.")
        return real(path)

    monkeypatch.setattr(pipeline, "read_file", failing)
    report = build([corpus], store, extractor=extractor)
    assert [Path(s).name for s in report.stored] == ["a.txt", "c.txt"]
    (skip,) = report.skipped
    assert str(skip) == (
        f"{corpus}/b.txt: failed unexpectedly "
        "(ValueError: [E088] Text of length 1000001 exceeds maximum of 1000000.)"
    )


def test_a_document_over_the_time_limit_is_skipped(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    path = write(tmp_path, "long.txt", (REPORT.format(n=5, year=2020) + LONG_TAIL) * 3)
    report = build([path], store, extractor=extractor, time_limit=0.001)
    assert report.stored == []
    assert [str(s) for s in report.skipped] == [
        f"{path}: took longer than the 0.001 s limit for one document"
    ]
    assert build([path], store, extractor=extractor).stored == [str(path)]  # default limit


def test_a_build_stopped_before_resolving_is_resolved_by_the_next(
    tmp_path: Path, store: Store, extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    write(corpus, "a.txt", KILL_REPORTS["a.txt"])
    write(corpus, "b.txt", KILL_REPORTS["b.txt"])
    monkeypatch.setattr(pipeline.Builder, "finish", stopped)
    with pytest.raises(KeyboardInterrupt):
        build([corpus], store, extractor=extractor)
    with store.session() as session:
        assert resolution_behind(session)
        assert set(session.scalars(select(EntityRow.cluster_key))) == {None}
    monkeypatch.undo()
    report = build([corpus], store, extractor=extractor)
    assert (len(report.stored), len(report.unchanged)) == (0, 2)
    assert report.notes == [pipeline.RECOVERED]
    with store.session() as session:
        assert not resolution_behind(session)
        found = queries.find_entity(session, "Northwind Optics Limited")
        assert found is not None and "Northwind Optics Ltd" in found.aliases
    assert build([corpus], store, extractor=extractor).notes == []


def stopped(*_args: object) -> None:
    raise KeyboardInterrupt  # the user stops the build after the last document's commit


@pytest.mark.sqlite_only  # the killed build and the chaos snapshots use the store's file
@pytest.mark.parametrize("step", chaos.STEPS)
def test_a_kill_at_any_step_leaves_a_store_the_next_build_repairs(
    tmp_path: Path, extractor: Extractor, step: str
) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name, text in KILL_REPORTS.items():
        write(corpus, name, text)
    clean_store = open_store(str(tmp_path / "clean.db"))
    build([corpus], clean_store, extractor=extractor)
    clean_store.close()
    clean = chaos.snapshot(tmp_path / "clean.db")
    killed = tmp_path / "killed.db"
    assert chaos.run_killed(killed, [corpus], step, at=2, seed=1)  # kill -9 at the step
    if killed.exists():
        state = chaos.snapshot(killed)
        assert chaos.check_whole(state, clean) == chaos.Damage()  # nothing half-written
    recovered = open_store(str(killed))
    report = build([corpus], recovered, extractor=extractor)
    recovered.close()
    assert chaos.differences(chaos.snapshot(killed), clean) == []
    stored_before = {row[0] for row in state["documents"]} if killed.exists() else set()
    assert len(report.stored) == len(KILL_REPORTS) - len(stored_before)
    if step in ("commit", "resolution"):
        assert "resolved them first" in report.notes[0]


# Re-extraction when the extractor or its version changes ------------------------------

EXTRACTOR_REPORTS = {
    "sudan.txt": (
        "Norvik Systems sold drones to the Sudanese government in 2021. "
        "The deal was signed in Khartoum, officials said.\n"
    ),
    "peru.txt": (
        "Peru's data protection authority fined Tessaly Optics in 2023 for selling face "
        "data. The company said it would appeal.\n"
    ),
}


def with_claims(extractor: Extractor, claims: ClaimExtractor) -> Extractor:
    """The same NLP stage and ontology with another claim extractor."""
    return Extractor(extractor.nlp, extractor.gazetteer, extractor.rules, claims)


def stored_extractors(store: Store) -> tuple[set[tuple[str | None, ...]], set[tuple[str, ...]]]:
    """(extractor, version) of every document and of every claim."""
    with store.session() as session:
        documents = set(
            session.execute(select(DocumentRow.extractor, DocumentRow.extractor_version))
        )
        claims = set(session.execute(select(ClaimRow.extractor, ClaimRow.version)))
    return {tuple(d) for d in documents}, {tuple(c) for c in claims}


def test_another_extractor_re_reads_the_stored_documents(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name, text in EXTRACTOR_REPORTS.items():
        write(corpus, name, text)
    rules = with_claims(extractor, get_extractor(RULES_NAME))
    first = build([corpus], store, extractor=rules)
    assert len(first.stored) == 2 and first.reextracted == []
    assert stored_extractors(store) == ({(RULES_NAME, rules.version)},) * 2
    ids = [d.id for d in store_documents(store)]

    switched = build([corpus], store, extractor=extractor)
    assert switched.stored == [] and len(switched.unchanged) == 2
    assert sorted(switched.reextracted) == sorted(ids)
    wanted = {(extractor.name, extractor.version)}
    assert extractor.name == DEFAULT_EXTRACTOR != RULES_NAME
    assert stored_extractors(store) == (wanted, wanted)
    assert count(store, DocumentRow.id) == 2

    again = build([corpus], store, extractor=extractor)
    assert again.reextracted == [] and len(again.unchanged) == 2
    assert stored_extractors(store) == (wanted, wanted)


def store_documents(store: Store) -> list[DocumentRow]:
    """Every stored document row (detached)."""
    with store.session() as session:
        rows = list(session.scalars(select(DocumentRow)))
        session.expunge_all()
    return rows


def test_re_reading_uses_the_stored_text(
    tmp_path: Path, store: Store, extractor: Extractor
) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name, text in EXTRACTOR_REPORTS.items():
        write(corpus, name, text)
    build([corpus], store, extractor=with_claims(extractor, get_extractor(RULES_NAME)))
    for path in corpus.iterdir():
        path.unlink()  # the files are gone: the store still holds their text
    report = build([], store, extractor=extractor)
    assert len(report.reextracted) == 2
    assert stored_extractors(store)[1] == {(extractor.name, extractor.version)}
    assert ("supplies", "Sudan") in claim_views_of(store, "Norvik Systems")


def claim_views_of(store: Store, name: str) -> set[tuple[str, str]]:
    """(relation, other party) of the claims an entity makes as subject."""
    with store.session() as session:
        entity = queries.find_entity(session, name)
        assert entity is not None, name
        rows = session.execute(
            select(ClaimRow.relation, EntityRow.canonical)
            .join(EntityRow, EntityRow.id == ClaimRow.object_id)
            .where(ClaimRow.subject_id == entity.id)
        )
        return {(relation, other) for relation, other in rows}


def test_a_new_version_of_the_same_extractor_re_reads(
    tmp_path: Path,
    store: Store,
    extractor: Extractor,
    stamped: StampedExtractor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name, text in EXTRACTOR_REPORTS.items():
        write(corpus, name, text)
    mine = with_claims(extractor, stamped)
    first = build([corpus], store, extractor=mine)
    claims = count(store, ClaimRow.id)
    assert claims > 0
    assert stored_extractors(store) == ({(stamped.name, "1+test")},) * 2
    assert build([corpus], store, extractor=mine).reextracted == []

    monkeypatch.setattr(stamped, "version", "2+test")
    report = build([corpus], store, extractor=mine)
    assert sorted(report.reextracted) == sorted(d.id for d in store_documents(store))
    assert len(report.reextracted) == len(first.stored) == 2
    assert stored_extractors(store) == ({(stamped.name, "2+test")},) * 2
    assert count(store, ClaimRow.id) == claims  # replaced, not added to
    assert build([corpus], store, extractor=mine).reextracted == []


def test_a_build_by_name_loads_that_extractor(
    tmp_path: Path, store: Store, stamped: StampedExtractor
) -> None:
    path = write(tmp_path, "r.txt", EXTRACTOR_REPORTS["peru.txt"])
    report = build([path], store, extractor_name=stamped.name)
    assert len(report.stored) == 1
    assert stored_extractors(store) == ({(stamped.name, "1+test")},) * 2


def _claims_without_ids(store: Store) -> list[dict[str, object]]:
    with store.session() as session:
        records = [{k: v for k, v in r.items() if k != "id"} for r in claim_records(session)]
    return sorted(records, key=lambda r: json.dumps(r, sort_keys=True))


def test_two_workers_store_what_one_worker_stores(
    tmp_path: Path, dev_corpus: Path, extractor: Extractor
) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    write(corpus, "a.txt", REPORT.format(n=120, year=2021) + LONG_TAIL)
    write(corpus, "b.txt", (REPORT.format(n=120, year=2021) + LONG_TAIL).upper())  # a's text
    write(corpus, "c.txt", REPORT.format(n=125, year=2021) + LONG_TAIL)  # nearly a's
    write(corpus, "d.pdf", b"%PDF-1.4 torn")
    stores = [open_store(str(tmp_path / f"{n}.db")) for n in (1, 2)]
    one, two = (
        build([dev_corpus, corpus], s, extractor=extractor, workers=n)
        for s, n in zip(stores, (1, 2), strict=True)
    )
    assert [Path(s).name for s in two.stored] == [Path(s).name for s in one.stored]
    assert len(two.stored) == 6 and "a.txt" in two.stored[-1]
    assert two.duplicates == one.duplicates and len(two.duplicates) == 2
    assert two.skipped == one.skipped and (two.claims, two.mentions) == (one.claims, one.mentions)
    with stores[0].session() as first, stores[1].session() as second:
        assert claim_records(second) == claim_records(first)  # ids too: stored in order
    again = build([dev_corpus, corpus], stores[1], extractor=extractor, workers=2)
    assert again.stored == [] and len(again.unchanged) == 7  # b.txt holds a's text
    for store in stores:
        store.close()


def test_concurrent_builds_into_one_store_keep_both(
    tmp_path: Path, dev_corpus: Path, extractor: Extractor
) -> None:
    """Two `tracewire build` processes of different folders at once, into one store (a
    PostgreSQL database in the PostgreSQL run), store what one build of both folders does."""
    reports = sorted(dev_corpus.glob("*.txt"))
    folders = [tmp_path / "left", tmp_path / "right"]
    for folder, part in zip(folders, (reports[:3], reports[3:]), strict=True):
        folder.mkdir()
        for report in part:
            shutil.copy(report, folder / report.name)
    url = db.resolve_url(str(tmp_path / "shared.db"))
    command = [str(Path(sys.executable).with_name("tracewire")), "build", "--workers", "1"]
    runs = [
        subprocess.Popen([*command, str(f), "--db", url], stdout=PIPE, stderr=PIPE, text=True)
        for f in folders
    ]
    for run in runs:
        out, errors = run.communicate(timeout=600)
        assert run.returncode == 0, errors
        assert "stored " in out
    shared = open_store(url, create=False)
    reference = open_store(str(tmp_path / "reference.db"))
    build(folders, reference, extractor=extractor)
    assert count(shared, DocumentRow.id) == count(reference, DocumentRow.id) == 5
    assert _claims_without_ids(shared) == _claims_without_ids(reference)
    with shared.session() as a, reference.session() as b:
        assert sorted(alias_records(a), key=str) == sorted(alias_records(b), key=str)
    shared.close()
    reference.close()
