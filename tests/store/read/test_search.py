"""Full-text search over evidence sentences and document text (FTS5 / PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import delete, insert

from tests.serve.web.factory import StoreBuilder
from tracewire.store import Store
from tracewire.store.models import ClaimRow, DocumentRow
from tracewire.store.read.search import search_documents, search_evidence, unmark

TEXT = (
    "Harbour Report on Freedonia.\n\n"
    "Northwind Systems shipped “restraint chairs” to the Freedonian Guard in 2019. "
    "The guard's budget doubled. Later, a restraint chair was seen in a prison near Fredville. "
    "Northwind Systems also trained the Freedonian Guard."
)
OTHER = "A second report. Skyline Networks installed routers for the Sylvanian Post."


def _store(store: Store) -> dict[str, int]:
    b = StoreBuilder(store)
    b.document("d1", "freedonia.txt", TEXT, "Harbour Report on Freedonia")
    b.document("d2", "sylvania.txt", OTHER)
    north = b.entity("Northwind Systems", "Company")
    guard = b.entity("Freedonian Guard", "PublicBody")
    sentence = "Northwind Systems shipped “restraint chairs” to the Freedonian Guard in 2019."
    return {
        "shipped": b.claim("d1", north, "supplies", guard, sentence, date="2019"),
        "again": b.claim("d1", guard, "cooperates", north, sentence),
        "trained": b.claim(
            "d1", north, "trains", guard, "Northwind Systems also trained the Freedonian Guard."
        ),
    }


def test_evidence_search_finds_stemmed_words_once_per_sentence(store: Store) -> None:
    claims = _store(store)
    with store.session() as s:
        total, hits = search_evidence(s, "Restraint CHAIR")
    assert total == 1  # two claims rest on the sentence: it is listed once
    [hit] = hits
    assert hit.claim_id == claims["shipped"]
    assert hit.document_title == "Harbour Report on Freedonia"
    assert TEXT[hit.start :].startswith("Northwind Systems shipped")
    marked = {hit.snippet[s:e].lower() for s, e in hit.marks}
    assert marked == {"restraint", "chairs"}


def test_document_search_locates_the_passage(store: Store) -> None:
    _store(store)
    with store.session() as s:
        total, hits = search_documents(s, "prison Fredville")
        none = search_documents(s, "prison Sylvanian")
        quoted = search_evidence(s, 'trained" Freedonian* (:')  # FTS syntax in a query stays words
    assert total == 1
    [hit] = hits
    assert hit.document_id == "d1" and hit.claim_id is None
    body = hit.snippet.strip("…")
    assert hit.start >= 0 and TEXT[hit.start : hit.start + len(body)] == body
    assert hit.start <= TEXT.index("prison") < hit.start + len(body)
    assert "prison" in {hit.snippet[s:e].lower() for s, e in hit.marks}
    assert none == (0, [])
    assert quoted[0] == 1 and quoted[1][0].claim_id is not None


def test_removed_documents_leave_the_index(store: Store) -> None:
    _store(store)
    with store.transaction() as s:
        s.execute(delete(DocumentRow).where(DocumentRow.id == "d1"))
    with store.session() as s:
        assert search_evidence(s, "restraint") == (0, [])
        assert search_documents(s, "Fredville") == (0, [])
        assert search_documents(s, "routers")[0] == 1


def test_unmark_gives_offsets_of_marked_words() -> None:
    text, marks = unmark("a \ue000tiger\ue001 and \ue000chairs\ue001.")
    assert text == "a tiger and chairs."
    assert [text[s:e] for s, e in marks] == ["tiger", "chairs"]


def test_claims_written_in_one_statement_index_their_sentence_once(store: Store) -> None:
    """As the writer stores a document's claims: one INSERT of many rows (PostgreSQL runs
    row triggers after the whole statement)."""
    b = StoreBuilder(store)
    b.document("d3", "pair.txt", OTHER)
    sky, post = b.entity("Skyline Networks", "Company"), b.entity("Sylvanian Post", "PublicBody")
    start = OTHER.index("Skyline")
    row = {
        "document_id": "d3", "subject_id": sky, "object_id": post, "subject_text": "",
        "object_text": "", "subject_start": start, "subject_end": start, "object_start": start,
        "object_end": start, "hedging": "", "evidence_start": start, "evidence_end": len(OTHER),
        "trigger": "", "extractor": "test", "version": "1", "confidence": 0.9,
    }  # fmt: skip
    with store.transaction() as s:
        s.scalars(
            insert(ClaimRow).returning(ClaimRow.id, sort_by_parameter_order=True),
            [{**row, "relation": "supplies"}, {**row, "relation": "cooperates"}],
        ).all()
    with store.session() as s:
        total, hits = search_evidence(s, "routers")
    assert total == 1 and len(hits) == 1
