"""Tests for reading report files into Documents."""

from __future__ import annotations

import codecs
import io
import os
import re
import socket
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from tracewire.ingest import IngestError, read_file
from tracewire.ingest.readers import MAX_STORED_TITLE, markdown_title
from tracewire.ingest.text import document_id
from tracewire.records import Document

from .conftest import PdfBuilder

REPORT = (
    "Port cameras for the harbour authority\n"
    "4 May 2022\n"
    "\n"
    "Northwind Optics, an invented vendor, shipped thermal cameras to the\n"
    "harbour authority of a fictional republic.\n"
    "\n"
    "The authority said the cameras feed a central monitoring room.\n"
)

PAGE = """<!DOCTYPE html>
<html><head>
<title>Vendor ships cameras to port authority | Example News</title>
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://news.example.org/2024/vendor-cameras">
<script>alert(1)</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/tech">Gadgets</a></nav>
<article><h1>Vendor ships cameras to port authority</h1>
<p>The fictional company Northwind Optics delivered two hundred thermal cameras to the
harbour authority of an invented republic last spring, according to shipping records seen
for this report.</p>
<p>Officials at the authority said the cameras would be linked to a central monitoring room, and
that a second batch was expected before the end of the year under the same framework agreement.</p>
<p>Northwind Optics did not respond to requests for comment about the sale or about the training
its engineers provided to local staff.</p>
</article>
<footer>Copyright 2024 Example News. All rights reserved. Subscribe to our newsletter.</footer>
<script>alert(1)</script>
</body></html>
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def block_texts(document: Document) -> list[str]:
    return [document.text[block.start : block.end] for block in document.blocks]


def refusal(path: Path, **kwargs: int) -> str:
    """The reason `read_file` gives for refusing `path`, checking the message's shape."""
    with pytest.raises(IngestError) as caught:
        read_file(path, **kwargs)
    message = str(caught.value)
    assert message == f"{path}: {caught.value.reason}"
    assert caught.value.source == str(path)
    assert "\n" not in message
    return caught.value.reason


class TestPlainText:
    def test_reads_text_title_date_and_blocks(self, tmp_path: Path) -> None:
        path = write(tmp_path, "report.txt", REPORT)
        document = read_file(path)
        assert document.text == REPORT.strip()
        assert document.source == str(path)
        assert document.media_type == "text/plain"
        assert document.title == "Port cameras for the harbour authority"
        assert document.published == date(2022, 5, 4)
        assert document.url is None
        assert document.id == document_id(REPORT)
        assert block_texts(document) == [
            "Port cameras for the harbour authority",
            "4 May 2022",
            "Northwind Optics, an invented vendor, shipped thermal cameras to the\n"
            "harbour authority of a fictional republic.",
            "The authority said the cameras feed a central monitoring room.",
        ]

    def test_cleans_the_text(self, tmp_path: Path) -> None:
        path = write(
            tmp_path, "report.txt", b"\r\n\r\nTitle line\r\n\r\n\r\n\r\nBody\x1b text here.  "
        )
        assert read_file(path).text == "Title line\n\nBody text here."

    def test_same_content_in_other_files_gets_the_same_id(self, tmp_path: Path) -> None:
        one = read_file(write(tmp_path, "one.txt", REPORT))
        other = read_file(write(tmp_path, "other.txt", "\n" + REPORT.upper().replace(" ", "  ")))
        assert one.id == other.id

    @pytest.mark.parametrize(
        "first_line",
        ["A first line that reads like a sentence.", "Long " * 40],
    )
    def test_no_title_when_first_line_is_a_sentence_or_long(
        self, tmp_path: Path, first_line: str
    ) -> None:
        path = write(tmp_path, "report.txt", f"{first_line}\n\nThe authority bought cameras.")
        assert read_file(path).title is None

    def test_utf8_bom_is_dropped(self, tmp_path: Path) -> None:
        path = write(tmp_path, "bom.txt", codecs.BOM_UTF8 + REPORT.encode())
        assert read_file(path).text == REPORT.strip()

    def test_utf16_with_bom_is_read(self, tmp_path: Path) -> None:
        path = write(tmp_path, "wide.txt", REPORT.encode("utf-16"))
        assert read_file(path).text == REPORT.strip()


class TestMarkdown:
    def test_keeps_markdown_and_takes_the_first_heading_as_title(self, tmp_path: Path) -> None:
        text = "Draft notes\n\n# Cameras for the *port*\n\nThe authority **bought** cameras.\n"
        document = read_file(write(tmp_path, "notes.md", text))
        assert document.media_type == "text/markdown"
        assert document.text == text.strip()
        assert document.title == "Cameras for the *port*"

    def test_markdown_suffix_and_fallback_title(self, tmp_path: Path) -> None:
        document = read_file(
            write(tmp_path, "notes.markdown", "## Port cameras\n\nBody text here.")
        )
        assert document.media_type == "text/markdown"
        assert document.title == "Port cameras"


class TestHtml:
    def test_main_text_and_metadata_without_boilerplate(self, tmp_path: Path) -> None:
        document = read_file(write(tmp_path, "page.html", PAGE))
        assert document.media_type == "text/html"
        assert "Northwind Optics delivered two hundred thermal cameras" in document.text
        assert "did not respond to requests for comment" in document.text
        for boilerplate in ("alert(1)", "Gadgets", "Subscribe", "All rights reserved"):
            assert boilerplate not in document.text
        assert document.title == "Vendor ships cameras to port authority"
        assert document.published == date(2024, 3, 5)
        assert document.url == "https://news.example.org/2024/vendor-cameras"

    def test_each_element_is_its_own_block(self, tmp_path: Path) -> None:
        document = read_file(write(tmp_path, "page.htm", PAGE))
        texts = block_texts(document)
        assert texts[0] == "Vendor ships cameras to port authority"
        assert len(texts) == 4
        assert all(text.endswith(".") for text in texts[1:])

    def test_dateline_in_the_text_when_markup_has_no_date(self, tmp_path: Path) -> None:
        page = re.sub(r'<meta property="article:published_time"[^>]*>', "", PAGE)
        page = page.replace("<article><h1>", "<article><p>Published 4 May 2022</p><h1>")
        assert read_file(write(tmp_path, "page.html", page)).published == date(2022, 5, 4)

    def test_declared_charset_is_honoured(self, tmp_path: Path) -> None:
        page = PAGE.replace("<head>", '<head><meta charset="windows-1252">')
        page = page.replace("The fictional company", "The \u201cfictional\u201d company")
        document = read_file(write(tmp_path, "page.html", page.encode("cp1252")))
        assert "The \u201cfictional\u201d company" in document.text

    @pytest.mark.parametrize(
        "declared", ["hex", "base64", "rot13", "zlib", "bz2", "uu", "idna", "unicode_escape",
                     "undefined", "utf-7", "no-such-charset", ""],
    )  # fmt: skip
    def test_a_charset_that_is_no_character_set_counts_as_undeclared(
        self, tmp_path: Path, declared: str
    ) -> None:
        page = PAGE.replace("<head>", f'<head><meta charset="{declared}">')
        assert "Northwind Optics" in read_file(write(tmp_path, "page.html", page)).text
        latin = page.replace("fictional company", "fictional caf\xe9").encode("latin-1")
        assert refusal(write(tmp_path, "latin.html", latin)).startswith("not valid UTF-8 text")

    def test_the_charset_of_a_later_meta_tag_is_found(self, tmp_path: Path) -> None:
        head = '<head><meta name="viewport" content="width=device-width"><meta http-equiv='
        page = PAGE.replace("<head>", head + '"Content-Type" content="text/html; charset=cp1252">')
        document = read_file(write(tmp_path, "page.html", page.replace("spring", "spring\u2019")
                                   .encode("cp1252")))  # fmt: skip
        assert "spring\u2019" in document.text

    def test_truncated_mid_tag_before_any_text_is_refused(self, tmp_path: Path) -> None:
        path = write(tmp_path, "cut.html", PAGE[: PAGE.index("<body>") + 3])
        assert refusal(path) == "no readable text in HTML"

    def test_truncated_mid_article_keeps_the_text_before_the_cut(self, tmp_path: Path) -> None:
        path = write(tmp_path, "cut.html", PAGE[: PAGE.index("central monitoring") + 7])
        document = read_file(path)
        assert "Northwind Optics delivered two hundred thermal cameras" in document.text
        assert document.text.endswith("central")


class TestPdf:
    def test_reads_the_text_of_every_page(self, tmp_path: Path, make_pdf: PdfBuilder) -> None:
        data = make_pdf(
            [
                [
                    "Port cameras",
                    "Northwind Optics shipped thermal cameras to the",
                    "harbour authority of a fictional republic.",
                ],
                ["The second page names Contoso Systems (an invented firm)."],
            ]
        )
        document = read_file(write(tmp_path, "report.pdf", data))
        assert document.media_type == "application/pdf"
        assert document.title == "Port cameras"
        assert document.text.endswith(
            "republic.\n\nThe second page names Contoso Systems (an invented firm)."
        )
        assert block_texts(document)[1] == (
            "Northwind Optics shipped thermal cameras to the\n"
            "harbour authority of a fictional republic."
        )

    def test_truncated_pdf_is_refused(self, tmp_path: Path, make_pdf: PdfBuilder) -> None:
        data = make_pdf([["Northwind Optics shipped thermal cameras."], ["Page two text."]])
        reason = refusal(write(tmp_path, "cut.pdf", data[: len(data) // 2]))
        assert reason.startswith("unreadable PDF (")

    def test_encrypted_pdf_is_refused(self, tmp_path: Path, make_pdf: PdfBuilder) -> None:
        data = make_pdf([["Northwind Optics shipped thermal cameras."]])
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.encrypt("secret", algorithm="RC4-128")
        buffer = io.BytesIO()
        writer.write(buffer)
        assert refusal(write(tmp_path, "locked.pdf", buffer.getvalue())) == (
            "unreadable PDF (encrypted)"
        )

    def test_file_that_is_not_a_pdf_is_refused(self, tmp_path: Path) -> None:
        assert "PDF" in refusal(write(tmp_path, "fake.pdf", "just some text, not a PDF"))

    def test_pdf_without_a_text_layer_has_no_text(
        self, tmp_path: Path, make_pdf: PdfBuilder
    ) -> None:
        assert refusal(write(tmp_path, "scan.pdf", make_pdf([[]]))) == "no text content"


class TestRefusals:
    def test_unsupported_type(self, tmp_path: Path) -> None:
        assert refusal(write(tmp_path, "data.xyz", REPORT)) == "unsupported file type '.xyz'"

    def test_missing_file(self, tmp_path: Path) -> None:
        assert refusal(tmp_path / "gone.txt") == "no such file or directory"

    def test_directory(self, tmp_path: Path) -> None:
        (tmp_path / "folder.txt").mkdir()
        assert refusal(tmp_path / "folder.txt") == "is a directory"

    def test_empty_file(self, tmp_path: Path) -> None:
        assert refusal(write(tmp_path, "empty.txt", b"")) == "empty file"

    def test_oversized_file(self, tmp_path: Path) -> None:
        path = write(tmp_path, "big.txt", REPORT)
        assert refusal(path, max_bytes=100) == "file is larger than 100 bytes"
        assert read_file(path, max_bytes=len(REPORT.encode())).text == REPORT.strip()

    def test_binary_file(self, tmp_path: Path) -> None:
        data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
        assert refusal(write(tmp_path, "image.txt", data)) == "binary file (not text)"

    def test_control_characters_without_nul_are_binary(self, tmp_path: Path) -> None:
        data = bytes(range(1, 32)) * 20 + b"some text"
        assert refusal(write(tmp_path, "noise.md", data)) == "binary file (not text)"

    def test_latin1_text_is_not_guessed(self, tmp_path: Path) -> None:
        path = write(tmp_path, "latin.txt", b"caf\xe9 owners bought cameras for the port")
        assert refusal(path) == "not valid UTF-8 text (byte 0xe9 at offset 3)"

    @pytest.mark.parametrize("content", ["   \n\n\t\n", "Too short."])
    def test_no_text_content(self, tmp_path: Path, content: str) -> None:
        assert refusal(write(tmp_path, "stub.txt", content)) == "no text content"

    def test_a_named_pipe_is_refused_without_waiting_for_a_writer(self, tmp_path: Path) -> None:
        os.mkfifo(tmp_path / "pipe.txt")
        assert refusal(tmp_path / "pipe.txt") == "not a regular file (a named pipe)"

    def test_a_socket_is_refused(self, tmp_path: Path) -> None:
        with socket.socket(socket.AF_UNIX) as listener:
            listener.bind(str(tmp_path / "s.txt"))
            assert refusal(tmp_path / "s.txt") == "not a regular file (a socket)"

    def test_an_undecodable_file_name_is_shown_with_replacement_characters(
        self, tmp_path: Path
    ) -> None:
        name = os.fsdecode(b"caf\xe9-\xff.txt")  # Latin-1 bytes in a UTF-8 file system
        path = write(tmp_path, name, b"caf\xe9 owners bought cameras for the port")
        with pytest.raises(IngestError) as caught:
            read_file(path)
        assert caught.value.source == f"{tmp_path}/caf\ufffd-\ufffd.txt"
        str(caught.value).encode("utf-8")  # printable: no lone surrogates left
        document = read_file(write(tmp_path, name.replace("-", "+"), REPORT))
        assert document.source.endswith("caf\ufffd+\ufffd.txt")
        assert document.name == "caf\ufffd+\ufffd.txt"


class TestTitles:
    def test_a_markdown_heading_is_read_without_its_closing_hashes(self) -> None:
        assert markdown_title("intro\n#\tPort cameras ## \n\ntext") == "Port cameras"
        assert markdown_title("## Second level\n# First level #") == "First level"

    def test_a_heading_of_only_hashes_and_spaces_is_passed_over(self) -> None:
        assert markdown_title("# \t# #\n# Real title") == "Real title"

    def test_a_paragraph_marked_as_a_heading_is_cut_to_a_title(self, tmp_path: Path) -> None:
        heading = "# " + "harbour cameras and thermal sensors " * 3000 + "\n\nBody text here.\n"
        document = read_file(write(tmp_path, "long.md", heading))
        assert document.title is not None
        assert len(document.title) <= MAX_STORED_TITLE and document.title.endswith("\u2026")
        assert document.title.startswith("harbour cameras and thermal sensors harbour")

    def test_a_heading_padded_with_spaces_gives_a_short_title(self, tmp_path: Path) -> None:
        # A lazy group before optional trailing spaces made the old title regex quadratic
        # on this line (46 s for 128 KB).
        text = "# a" + " " * 128_000 + "b\n\nSome body text about harbour cameras.\n"
        assert read_file(write(tmp_path, "spaces.md", text)).title == "a\u2026"
        text = "# " + " \t" * 64_000 + "x\n\nSome body text about harbour cameras.\n"
        assert read_file(write(tmp_path, "tabs.md", text)).title == "x"


class TestDevCorpus:
    def test_every_file_reads_with_a_distinct_id(self, dev_corpus: Path) -> None:
        documents = [read_file(path) for path in sorted(dev_corpus.glob("*.txt"))]
        assert len(documents) == 5
        ids = [document.id for document in documents]
        assert all(re.fullmatch(r"[0-9a-f]{16}", doc_id) for doc_id in ids)
        assert len(set(ids)) == len(ids)
        for document in documents:
            assert document.blocks
            for block in document.blocks:
                span = document.text[block.start : block.end]
                assert span == span.strip()
                assert span

    def test_ids_are_stable(self, dev_corpus: Path) -> None:
        path = sorted(dev_corpus.glob("*.txt"))[0]
        assert read_file(path).id == read_file(path).id

    def test_only_exact_repeats_are_dropped(self, dev_corpus: Path) -> None:
        document = read_file(dev_corpus / "004_96d8c7cf5974db9e.txt")
        texts = block_texts(document)
        similar = [text for text in texts if text.startswith("Evidence suggests that there has")]
        assert len(similar) == 2
        assert similar[0] != similar[1]
        assert len(set(texts)) == len(texts)

    def test_repeated_headline_is_read_once(self, dev_corpus: Path) -> None:
        document = read_file(dev_corpus / "001_432a278657cb3400.txt")
        headline = document.title
        assert headline is not None
        assert document.text.count(headline) == 2
        assert block_texts(document).count(headline) == 1
        assert document.published == date(2026, 1, 19)
