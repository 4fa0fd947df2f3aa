"""Small stores written row by row from invented report texts, for exact expectations."""

from __future__ import annotations

import json
from datetime import date, datetime

from tracewire.ontology.gazetteer import normalise_name
from tracewire.store import Store
from tracewire.store.models import (
    AliasRow,
    ClaimHedgeRow,
    ClaimRow,
    DocumentRow,
    EntityRow,
    MatchRow,
    MentionRow,
    SanctionsEntryRow,
    SanctionsListRow,
)
from tracewire.store.technology import save_classes

STAMP = datetime(2024, 1, 1)


class StoreBuilder:
    """Adds documents, entities (with clusters), mentions, claims and matches to a store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.texts: dict[str, str] = {}

    def document(
        self,
        doc_id: str,
        name: str,
        text: str,
        title: str | None = None,
        published: date | None = None,
    ) -> str:
        with self.store.transaction() as s:
            s.add(
                DocumentRow(
                    id=doc_id, name=name, source=f"/reports/{name}", media_type="text/plain",
                    title=title, published=published, url=None, text=text,
                    word_count=len(text.split()), signature=b"", added_at=STAMP,
                )
            )  # fmt: skip
        self.texts[doc_id] = text
        return doc_id

    def entity(
        self,
        canonical: str,
        type_: str,
        *,
        aliases: tuple[str, ...] = (),
        cluster: int | None = None,
        qid: str | None = None,
    ) -> int:
        """A raw entity; `cluster` names the representative it belongs to."""
        key = f"test:{normalise_name(canonical)}"
        with self.store.transaction() as s:
            cluster_key = s.get(EntityRow, cluster).key if cluster else key  # type: ignore[union-attr]
            row = EntityRow(
                key=key, canonical=canonical, type=type_, qid=qid, origin="text",
                cluster_key=cluster_key,
            )  # fmt: skip
            s.add(row)
            s.flush()
            for name in (canonical, *aliases):
                s.add(
                    AliasRow(entity_id=row.id, name=name, normalised=normalise_name(name),
                             origin="text")
                )  # fmt: skip
            return row.id

    def mention(
        self, doc_id: str, entity_id: int, surface: str, occurrence: int = 0, form: str = "name"
    ) -> None:
        text = self.texts[doc_id]
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(surface, start + 1)
        with self.store.transaction() as s:
            s.add(
                MentionRow(
                    document_id=doc_id, entity_id=entity_id, start=start,
                    end=start + len(surface), text=surface, type="Company",
                    sentence_start=0, sentence_end=len(text), form=form, origin="rule",
                )
            )  # fmt: skip

    def claim(
        self,
        doc_id: str,
        subject: int,
        relation: str,
        obj: int,
        sentence: str,
        *,
        hedging: tuple[str, ...] = ("asserted",),
        date: str | None = None,
        source: str | None = None,
        technology: str | None = None,
        amount: str | None = None,
    ) -> int:
        """A claim whose evidence is `sentence`, found in the document's text."""
        start = self.texts[doc_id].index(sentence)
        with self.store.transaction() as s:
            row = ClaimRow(
                document_id=doc_id, relation=relation, subject_id=subject, object_id=obj,
                subject_text="", object_text="", subject_start=start, subject_end=start,
                object_start=start, object_end=start, technology=technology, date=date,
                amount=amount, hedging=",".join(hedging), source=source, evidence_start=start,
                evidence_end=start + len(sentence), trigger="", extractor="test", version="1",
                confidence=0.9,
            )  # fmt: skip
            s.add(row)
            s.flush()
            s.add_all(ClaimHedgeRow(claim_id=row.id, label=label) for label in hedging)
            save_classes(s, [(row.id, technology)])
            return row.id

    def match(
        self,
        entity_id: int,
        entry_name: str,
        *,
        hit: bool,
        explanation: str,
        level: str | None = None,
    ) -> None:
        with self.store.transaction() as s:
            if s.get(SanctionsListRow, "test-sdn") is None:
                s.add(
                    SanctionsListRow(id="test-sdn", name="Test SDN", source="test",
                                     date="2024-01-01", entries=2, loaded_at=STAMP)
                )  # fmt: skip
                s.flush()
            entry_id = f"E-{entry_name}" + (f"-{level}" if level else "")
            s.add(  # the listed entry, as a loaded list holds it (reviews read it)
                SanctionsEntryRow(
                    list_id="test-sdn", entry_id=entry_id, name=entry_name,
                    schema="Organization", programs="TEST",
                    data=json.dumps({"topics": ["sanction"]}),
                )
            )  # fmt: skip
            level = level or ("listed" if hit else "near")
            s.add(
                MatchRow(
                    entity_id=entity_id, list_id="test-sdn", entry_id=entry_id,
                    entry_name=entry_name, entry_schema="Organization", programs="TEST",
                    query_name=entry_name, matched_name=entry_name, score=0.97 if hit else 0.6,
                    is_hit=hit, level=level, matcher_level=level, algorithm="test/1",
                    features=json.dumps({"name": 0.97}),
                    explanation=explanation, screened_at=STAMP,
                )
            )  # fmt: skip
