"""Tests for cleaning, ids and block splitting."""

from __future__ import annotations

import itertools
import random
import re
import string

import pytest

from tracewire.ingest.text import (
    MAX_BLOCK_CHARS,
    MAX_BLOCK_TOKENS,
    clean_text,
    cut_dense,
    cut_long,
    document_id,
    estimated_tokens,
    normalise_for_id,
    split_blocks,
)
from tracewire.records import Block


def block_texts(text: str) -> list[str]:
    return [text[block.start : block.end] for block in split_blocks(text)]


class TestCleanText:
    def test_normalises_line_endings(self) -> None:
        assert clean_text("one\r\ntwo\rthree\n") == "one\ntwo\nthree"

    def test_drops_control_characters_but_keeps_tabs(self) -> None:
        assert clean_text("Tian\x00dy\x07 sold\tcameras\x1b\x7f.") == "Tiandy sold\tcameras."

    def test_strips_trailing_spaces_and_outer_blank_lines(self) -> None:
        assert clean_text("\n\n  Title  \nBody line.\t \n\n\n") == "  Title\nBody line."

    def test_collapses_runs_of_blank_lines(self) -> None:
        assert (
            clean_text("First.\n\n\n\n\nSecond.\n \n\t\n\nThird.") == "First.\n\nSecond.\n\nThird."
        )

    def test_keeps_a_single_blank_line(self) -> None:
        assert clean_text("First.\n\nSecond.") == "First.\n\nSecond."

    def test_keeps_quotes_dashes_and_unicode_exactly(self) -> None:
        raw = "Beijing’s “Skynet” — 天网 — cost €4 m; café ﬁrms said so."
        assert clean_text(raw) == raw

    def test_is_idempotent(self) -> None:
        raw = "\r\n Heading \r\n\r\n\r\n\r\nBody\x00 text.  \n"
        assert clean_text(clean_text(raw)) == clean_text(raw)


class TestNormaliseForId:
    def test_folds_case_quotes_and_whitespace(self) -> None:
        assert (
            normalise_for_id("  Iran’s  “DEAL”\n\twith\u00a0China ") == 'iran\'s "deal" with china'
        )

    def test_applies_nfkc(self) -> None:
        assert normalise_for_id("ﬁrm ＡＢＣ") == "firm abc"


class TestDocumentId:
    def test_is_sixteen_hex_characters(self) -> None:
        assert re.fullmatch(r"[0-9a-f]{16}", document_id("Tiandy sold cameras to Iran."))

    def test_same_content_with_other_spacing_casing_and_quotes_gets_the_same_id(self) -> None:
        one = "Tiandy’s cameras\nwere sold to Iran’s police."
        other = "  TIANDY'S   cameras were\n\n sold to IRAN'S police.  "
        assert document_id(one) == document_id(other)

    def test_different_content_gets_a_different_id(self) -> None:
        assert document_id("Tiandy sold cameras to Iran.") != document_id(
            "Tiandy sold drones to Iran."
        )


class TestSplitBlocks:
    def test_each_line_is_a_block_and_offsets_slice_the_text(self) -> None:
        text = "Port cameras\n\n  The harbour authority bought cameras.  \nIt paid in cash."
        blocks = split_blocks(text)
        assert [text[b.start : b.end] for b in blocks] == [
            "Port cameras",
            "The harbour authority bought cameras.",
            "It paid in cash.",
        ]
        assert blocks[1] == Block(16, 53)

    def test_repeated_paragraph_is_read_once(self) -> None:
        paragraph = "Northwind Optics shipped thermal cameras to the port."
        text = f"{paragraph}\n\nA second paragraph follows.\n\n{paragraph}\n\nThe end."
        blocks = split_blocks(text)
        assert block_texts(text) == [paragraph, "A second paragraph follows.", "The end."]
        assert blocks[0].start == 0

    def test_repeat_with_other_spacing_or_case_is_also_dropped(self) -> None:
        text = "Officials confirmed the sale.\n\nOFFICIALS  confirmed the sale."
        assert block_texts(text) == ["Officials confirmed the sale."]

    def test_paragraphs_sharing_a_first_sentence_both_stay(self) -> None:
        text = "The deal was signed. It covers cameras.\n\nThe deal was signed. It covers drones."
        assert len(split_blocks(text)) == 2

    def test_soft_wrapped_lines_join(self) -> None:
        text = "The cameras were shipped to the\nharbour authority in\n2023 by sea.\nNext line."
        assert block_texts(text) == [
            "The cameras were shipped to the\nharbour authority in\n2023 by sea.",
            "Next line.",
        ]

    def test_caption_followed_by_a_capitalised_line_does_not_join(self) -> None:
        text = "Photo: a thermal camera on a pole\nThe authority installed forty of them."
        assert len(split_blocks(text)) == 2

    def test_line_ending_a_sentence_does_not_join(self) -> None:
        for end in '.!?:;"”’)':
            text = f"The authority said so{end}\nand then it bought more."
            assert len(split_blocks(text)) == 2, end

    def test_dateline_under_a_title_does_not_join(self) -> None:
        text = "Port cameras for the harbour authority\n4 May 2022   Staff writer\nBody."
        assert len(split_blocks(text)) == 3

    def test_wrapped_sentence_continuing_with_a_date_joins(self) -> None:
        text = "The deal was signed on\n4 May 2022 in the capital after talks with the supplier."
        assert len(split_blocks(text)) == 1

    def test_blank_line_stops_a_join(self) -> None:
        text = "A heading without a stop\n\nlowercase paragraph start."
        assert len(split_blocks(text)) == 2

    @pytest.mark.parametrize(
        "text",
        [
            "- cameras for the port\n- drones for the border",
            "• cameras for the port\nand more",
            "1. first item without a stop\n2 more items follow",
            "# Sales to the port\nthe authority bought cameras.",
            "The items were\n1. cameras",
        ],
    )
    def test_bullets_and_headings_never_join(self, text: str) -> None:
        assert len(split_blocks(text)) == 2

    def test_empty_text_has_no_blocks(self) -> None:
        assert split_blocks("") == ()
        assert split_blocks("\n \n\t\n") == ()


class TestLongBlocks:
    SENTENCE = "Northwind Optics shipped {n} thermal cameras to the harbour authority. "

    def prose(self, sentences: int) -> str:
        return "".join(self.SENTENCE.format(n=n) for n in range(sentences)).strip()

    def test_a_long_line_is_cut_at_sentence_ends(self) -> None:
        text = self.prose(1000)  # ~72,000 characters on one line
        blocks = split_blocks(text)
        assert len(blocks) > 1
        for block in blocks:
            piece = text[block.start : block.end]
            assert len(piece) <= MAX_BLOCK_CHARS
            assert piece.startswith("Northwind") and piece.endswith("authority.")
        assert " ".join(text[b.start : b.end] for b in blocks) == text  # nothing lost

    def test_a_line_over_a_million_characters_fits_the_parser(self) -> None:
        letters = random.Random(7).choices(string.ascii_lowercase, k=1_200_000)
        text = "".join(letters)  # one "word": no sentence end, no space
        spans = [(b.start, b.end) for b in split_blocks(text)]
        assert max(end - start for start, end in spans) <= MAX_BLOCK_CHARS
        assert spans[0][0] == 0 and spans[-1][1] == len(text)
        assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))

    def test_cuts_fall_at_spaces_when_there_is_no_sentence_end(self) -> None:
        text = "word " * 5000
        spans = cut_long(text, 0, len(text.rstrip()), limit=1000)
        assert all(text[start:end].strip() == text[start:end] for start, end in spans)
        assert all(text[end] == " " for _start, end in spans[:-1])
        assert sum(len(text[s:e].split()) for s, e in spans) == 5000

    def test_a_block_of_punctuation_is_cut_into_fewer_tokens(self) -> None:
        text = "<" * 30_000
        spans = cut_dense(text, cut_long(text, 0, len(text)))
        assert all(estimated_tokens(text[s:e]) <= MAX_BLOCK_TOKENS for s, e in spans)
        assert sum(e - s for s, e in spans) == len(text)

    def test_ordinary_paragraphs_are_left_whole(self) -> None:
        text = self.prose(60)
        assert estimated_tokens(text) < MAX_BLOCK_TOKENS
        assert block_texts(text) == [text]
