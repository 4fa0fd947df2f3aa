"""Evidence spans of a document, and its text cut into pieces for highlighting.

The document page renders each piece's text through Jinja's autoescaping and wraps it in
one `<mark>` per claim covering it, so report text can never become markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of text that is the evidence of some claims."""

    start: int
    end: int
    claim_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Piece:
    """Text between two span boundaries, with the claims covering it (outermost first);
    `anchors` are the claims whose evidence starts here (their marks carry the id)."""

    text: str
    claims: tuple[int, ...] = ()
    anchors: frozenset[int] = frozenset()


def spans(evidence: Iterable[tuple[int, int, int]]) -> list[Span]:
    """(claim id, start, end) rows grouped into spans, in text order."""
    grouped: dict[tuple[int, int], list[int]] = {}
    for claim_id, start, end in evidence:
        grouped.setdefault((start, end), []).append(claim_id)
    return [Span(s, e, tuple(sorted(ids))) for (s, e), ids in sorted(grouped.items())]


def pieces(text: str, evidence: Iterable[tuple[int, int, int]]) -> list[Piece]:
    """The whole text, cut at every span boundary (offsets are clipped to the text)."""
    size = len(text)
    clipped = sorted(
        (max(0, min(s, size)), max(0, min(e, size)), claim_id)
        for claim_id, s, e in evidence
        if max(0, min(s, size)) < max(0, min(e, size))
    )
    cuts = sorted({0, size, *(s for s, _e, _c in clipped), *(e for _s, e, _c in clipped)})
    found: list[Piece] = []
    anchored: set[int] = set()
    for left, right in pairwise(cuts):
        # longer spans open first so that marks nest properly
        covering = sorted(
            ((s, -e, c) for s, e, c in clipped if s <= left and right <= e),
        )
        claims = tuple(c for _s, _e, c in covering)
        anchors = frozenset(c for c in claims if c not in anchored)
        anchored |= anchors
        found.append(Piece(text[left:right], claims, anchors))
    return found
