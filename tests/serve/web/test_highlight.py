"""Cutting a document at evidence offsets."""

from __future__ import annotations

from tracewire.serve.web.highlight import pieces, spans

TEXT = "One sentence here. Two sentences there. Three."


def test_pieces_cover_the_text_exactly_and_mark_each_span_once() -> None:
    evidence = [(7, 0, 18), (8, 19, 39), (9, 19, 39)]
    found = pieces(TEXT, evidence)
    assert "".join(p.text for p in found) == TEXT
    marked = [(p.text, p.claims) for p in found if p.claims]
    assert marked == [("One sentence here.", (7,)), ("Two sentences there.", (8, 9))]
    assert [sorted(p.anchors) for p in found if p.anchors] == [[7], [8, 9]]


def test_overlapping_spans_nest_and_anchor_at_their_first_piece() -> None:
    found = pieces(TEXT, [(1, 0, 39), (2, 19, 46)])
    assert "".join(p.text for p in found) == TEXT
    by_text = {p.text: p for p in found}
    assert by_text["One sentence here. "].claims == (1,)
    middle = by_text["Two sentences there."]
    assert middle.claims == (1, 2) and middle.anchors == frozenset({2})
    assert by_text[" Three."].claims == (2,)


def test_offsets_outside_the_text_are_clipped_or_dropped() -> None:
    found = pieces("short", [(1, -5, 3), (2, 10, 20), (3, 4, 4)])
    assert "".join(p.text for p in found) == "short"
    assert [(p.text, p.claims) for p in found] == [("sho", (1,)), ("rt", ())]


def test_spans_group_claims_sharing_a_sentence() -> None:
    grouped = spans([(5, 10, 20), (3, 10, 20), (4, 0, 9)])
    assert [(s.start, s.end, s.claim_ids) for s in grouped] == [(0, 9, (4,)), (10, 20, (3, 5))]
