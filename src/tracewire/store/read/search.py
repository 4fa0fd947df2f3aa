"""Full-text search over evidence sentences and document text, with highlighted snippets.

The indexes are the database's own (migration 0014): FTS5 on SQLite, tsvector with GIN on
PostgreSQL, both stemming English, so "chairs" finds "chair". Every word of the query must
occur (AND); punctuation is ignored. A hit carries its snippet as plain text with the
matched words' offsets in it, and the place in the document it comes from. A sentence whose
every claim a reviewer rejected is no evidence any more and is not found as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from tracewire.store.claim_reviews import C, any_rejected, rejected, rejected_ids

# Tables the search indexes consist of (FTS5 keeps shadow tables under the same prefix).
SEARCH_TABLES = ("evidence_fts", "documents_fts", "evidence_search", "ix_documents_search")
# PostgreSQL's parser takes typographic quotes for letters under the C locale ("“tiger"
# would be one word): it reads them as straight quotes (as many characters: offsets hold).
CURLY, STRAIGHT = "“”‘’«»", '""\'\'""'
STRAIGHT_SQL = STRAIGHT.replace("'", "''")  # as an SQL string literal
STRAIGHTEN = str.maketrans(CURLY, STRAIGHT)


def plain(expression: str) -> str:
    """SQL: `expression` with typographic quotes as straight ones (migration 0014 indexes
    the documents by the same expression, so that the index serves these queries)."""
    return f"translate({expression}, '{CURLY}', '{STRAIGHT_SQL}')"


OPEN, CLOSE = "\ue000", "\ue001"  # private-use marks around matches, never in report text
ELLIPSIS = "…"
WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 16
SNIPPET_WORDS = 24


@dataclass(frozen=True, slots=True)
class Hit:
    """A sentence or passage that matches: where it is and what to show."""

    kind: str  # "evidence" or "document"
    document_id: str
    document_name: str
    document_title: str | None
    claim_id: int | None  # the (first) claim resting on an evidence sentence
    start: int  # offset of the snippet's text in the document (-1: not located)
    snippet: str
    marks: tuple[tuple[int, int], ...]  # matched words, as offsets into `snippet`


def terms(query: str) -> list[str]:
    """The words of a query, lower-cased (at most MAX_TERMS)."""
    return [w.lower() for w in WORD.findall(query)][:MAX_TERMS]


def unmark(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A snippet with OPEN/CLOSE marks as plain text and the marked stretches."""
    out: list[str] = []
    marks: list[tuple[int, int]] = []
    size = 0
    start = None
    for part in re.split(f"([{OPEN}{CLOSE}])", marked):
        if part == OPEN:
            start = size
        elif part == CLOSE:
            if start is not None and start < size:
                marks.append((start, size))
            start = None
        else:
            out.append(part)
            size += len(part)
    return "".join(out), tuple(marks)


def _fts5_query(words: list[str]) -> str:
    # Each word quoted: FTS5 operators and column filters in the user's text stay words.
    return " ".join(f'"{w}"' for w in words)


# Ranking by relevance (bm25 / ts_rank) scores every match: a word in thousands of
# sentences lists them newest first instead, which reads only the page.
RANKED_UP_TO = 2000
# A sentence some claim not rejected still rests on (the claim `c` indexes it).
_STANDING = """ AND EXISTS (SELECT 1 FROM claims o WHERE o.document_id = c.document_id
  AND o.evidence_start = c.evidence_start AND o.evidence_end = c.evidence_end
  AND NOT EXISTS (SELECT 1 FROM claim_reviews r WHERE r.deleted_at IS NULL
    AND r.document_id = o.document_id AND r.evidence_start = o.evidence_start
    AND r.subject_start = o.subject_start AND r.object_start = o.object_start
    AND r.relation = o.relation))"""
_SQLITE_EVIDENCE = """
SELECT c.id AS claim_id, c.document_id, c.evidence_start, d.name, d.title,
       snippet(evidence_fts, 0, :open, :close, :ellipsis, 64) AS snippet
FROM evidence_fts JOIN claims c ON c.id = evidence_fts.rowid
JOIN documents d ON d.id = c.document_id
WHERE evidence_fts MATCH :q{standing} ORDER BY {order} LIMIT :limit OFFSET :offset
"""
_SQLITE_EVIDENCE_COUNT = """SELECT count(*) FROM evidence_fts
JOIN claims c ON c.id = evidence_fts.rowid WHERE evidence_fts MATCH :q{standing}"""
_SQLITE_DOCUMENTS = """
SELECT f.document_id, d.name, d.title, d.text,
       snippet(documents_fts, 2, :open, :close, :ellipsis, :words) AS snippet
FROM documents_fts f JOIN documents d ON d.id = f.document_id
WHERE documents_fts MATCH :q ORDER BY f.rank, f.document_id LIMIT :limit OFFSET :offset
"""
_SQLITE_DOCUMENTS_COUNT = "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH :q"

_PG_HEADLINE = f"StartSel={OPEN}, StopSel={CLOSE}, MaxWords=35, MinWords=15, MaxFragments=1"
_PG_SENTENCE = plain("substr(d.text, c.evidence_start + 1, c.evidence_end - c.evidence_start)")
_PG_EVIDENCE = """
WITH q AS (SELECT plainto_tsquery('english', :q) AS q),
hits AS (
  SELECT s.claim_id, ts_rank(s.tsv, q.q) AS rank
  FROM evidence_search s CROSS JOIN q JOIN claims c ON c.id = s.claim_id
  WHERE s.tsv @@ q.q{standing}
  ORDER BY {order} LIMIT :limit OFFSET :offset)
SELECT h.claim_id, c.document_id, c.evidence_start, d.name, d.title, h.rank,
       ts_headline('english', {sentence}, q.q, 'HighlightAll=true, ' || :options) AS snippet
FROM hits h CROSS JOIN q JOIN claims c ON c.id = h.claim_id
JOIN documents d ON d.id = c.document_id
ORDER BY {order}
"""
_PG_EVIDENCE_COUNT = """
SELECT count(*) FROM evidence_search s JOIN claims c ON c.id = s.claim_id
WHERE s.tsv @@ plainto_tsquery('english', :q){standing}
"""
_DOCUMENT_TEXT = "coalesce(title, '') || ' ' || text"
_PG_TEXT = plain("d.text")
_PG_DOCUMENT_VECTOR = f"to_tsvector('english', {plain(_DOCUMENT_TEXT)})"
_PG_DOCUMENTS = f"""
WITH q AS (SELECT plainto_tsquery('english', :q) AS q),
hits AS (
  SELECT id, ts_rank({_PG_DOCUMENT_VECTOR}, q.q) AS rank
  FROM documents CROSS JOIN q WHERE {_PG_DOCUMENT_VECTOR} @@ q.q
  ORDER BY rank DESC, id LIMIT :limit OFFSET :offset)
SELECT d.id, d.name, d.title, d.text, ts_headline('english', {_PG_TEXT}, q.q, :options)
       AS snippet
FROM hits h CROSS JOIN q JOIN documents d ON d.id = h.id ORDER BY h.rank DESC, d.id
"""
_PG_DOCUMENTS_COUNT = (
    f"SELECT count(*) FROM documents WHERE {_PG_DOCUMENT_VECTOR} @@ plainto_tsquery('english', :q)"
)


def _params(session: Session, words: list[str], limit: int, offset: int) -> dict[str, Any]:
    postgres = session.get_bind().dialect.name == "postgresql"
    return {
        "q": " ".join(words) if postgres else _fts5_query(words),
        "open": OPEN,
        "close": CLOSE,
        "ellipsis": ELLIPSIS,
        "words": SNIPPET_WORDS,
        "options": _PG_HEADLINE,
        "limit": limit,
        "offset": offset,
    }


def _postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def search_evidence(
    session: Session, query: str, limit: int = 20, offset: int = 0
) -> tuple[int, list[Hit]]:
    """Evidence sentences containing every word of `query` (a sentence shared by several
    claims once), best first (newest first when there are more than RANKED_UP_TO); the
    total and one page."""
    words = terms(query)
    if not words:
        return 0, []
    params = _params(session, words, limit, offset)
    pg = _postgres(session)
    reviewed = any_rejected(session)
    standing = _STANDING if reviewed else ""
    count = _PG_EVIDENCE_COUNT if pg else _SQLITE_EVIDENCE_COUNT
    total = int(session.execute(text(count.format(standing=standing)), params).scalar() or 0)
    if pg:
        order = "rank DESC, claim_id" if total <= RANKED_UP_TO else "claim_id DESC"
        statement = _PG_EVIDENCE.format(order=order, sentence=_PG_SENTENCE, standing=standing)
    else:
        order = "evidence_fts.rank" if total <= RANKED_UP_TO else "evidence_fts.rowid DESC"
        statement = _SQLITE_EVIDENCE.format(order=order, standing=standing)
    rows = session.execute(text(statement), params).all()
    # the claim indexing a sentence may be rejected while another read from it stands
    moved = _standing_claims(session, [int(row.claim_id) for row in rows]) if reviewed else {}
    hits = []
    for row in rows:
        snippet, marks = unmark(row.snippet or "")
        claim_id = moved.get(int(row.claim_id), int(row.claim_id))
        hits.append(
            Hit("evidence", row.document_id, row.name, row.title, claim_id,
                int(row.evidence_start), snippet, marks)
        )  # fmt: skip
    return total, hits


def _standing_claims(session: Session, claim_ids: list[int]) -> dict[int, int]:
    """For each rejected claim among these, the first claim not rejected read from the
    same sentence."""
    found: dict[int, int] = {}
    for claim_id in rejected_ids(session, claim_ids):
        sentence = select(C.document_id, C.evidence_start, C.evidence_end).where(C.id == claim_id)
        document, start, end = session.execute(sentence).one()
        other = session.scalar(
            select(func.min(C.id)).where(
                C.document_id == document, C.evidence_start == start, C.evidence_end == end,
                ~rejected(),
            )
        )  # fmt: skip
        if other is not None:
            found[claim_id] = int(other)
    return found


def search_documents(
    session: Session, query: str, limit: int = 20, offset: int = 0
) -> tuple[int, list[Hit]]:
    """Documents whose title or text contain every word of `query`, best first, each with
    the passage that matches best; the total and one page."""
    words = terms(query)
    if not words:
        return 0, []
    params = _params(session, words, limit, offset)
    pg = _postgres(session)
    total = session.execute(text(_PG_DOCUMENTS_COUNT if pg else _SQLITE_DOCUMENTS_COUNT), params)
    hits = []
    for row in session.execute(text(_PG_DOCUMENTS if pg else _SQLITE_DOCUMENTS), params):
        snippet, marks = unmark(row.snippet or "")
        start = locate(row.text, snippet)
        hits.append(Hit("document", row[0], row.name, row.title, None, start, snippet, marks))
    return int(total.scalar() or 0), hits


def locate(document: str, snippet: str) -> int:
    """Where a snippet's text (without the ellipses the index adds) starts in the
    document, or -1."""
    body = snippet.strip().removeprefix(ELLIPSIS).removesuffix(ELLIPSIS).strip()
    body = body.removesuffix("...").strip().translate(STRAIGHTEN)
    return document.translate(STRAIGHTEN).find(body) if body else -1
