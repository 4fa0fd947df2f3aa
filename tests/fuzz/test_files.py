"""Generated file contents: every input is a Document or an IngestError, nothing else.

The contents are built from the shapes that once broke a build (charsets that are no
character set, headings and tags made to backtrack, long lines, stray bytes) mixed with
arbitrary bytes and text, for each media type a file or a URL can have.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from tracewire.extract import Extractor
from tracewire.ingest import IngestError, document_from_bytes, parse_feed
from tracewire.ingest.readers import MAX_STORED_TITLE, MEDIA_TYPES
from tracewire.ingest.text import (
    MAX_BLOCK_CHARS,
    MAX_BLOCK_TOKENS,
    MIN_DENSE_CHARS,
    estimated_tokens,
)
from tracewire.pipeline import Builder
from tracewire.records import Document
from tracewire.store import Store, open_store
from tracewire.store.models import ClaimRow, DocumentRow

pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")
CODECS = ["hex", "base64", "rot13", "zlib", "bz2", "uu", "quopri", "idna", "punycode",
          "undefined", "unicode_escape", "utf-7", "utf-16", "utf-32", "cp1252", "latin-1",
          "shift_jis", "koi8-r", "x", ""]  # fmt: skip
PROSE = (
    "Northwind Optics sold thermal cameras to the police of Ruritania in 2019. ",
    "Borealis Systems Inc. trained officers of the Bordurian army, officials said. ",
)

text = st.text(st.characters(codec="utf-8"), max_size=400)
prose = st.lists(st.sampled_from(PROSE), min_size=1, max_size=30).map("".join)
noise = st.one_of(
    text,
    prose,
    st.sampled_from(["<", "#", " \t", "&amp;", "<meta", "\x00", "\r", "x"]).flatmap(
        lambda piece: st.integers(1, 20_000).map(lambda n: piece * n)
    ),
)


@st.composite
def html(draw: st.DrawFn) -> bytes:
    """A page that may name any codec, with text, noise and stray bytes in it."""
    codec = draw(st.sampled_from(CODECS) | st.text(max_size=12))
    body = draw(st.lists(noise, max_size=6).map("</p><p>".join))
    page = f'<html><head><meta charset="{codec}"><title>{draw(text)}</title></head>'
    data = (page + f"<body><p>{body}</p></body></html>").encode("utf-8", "replace")
    return data + draw(st.binary(max_size=20))


@st.composite
def markdown(draw: st.DrawFn) -> bytes:
    """Headings of any spaces, tabs and hashes, over text and noise."""
    heading = draw(st.text(st.sampled_from(" \t#x"), max_size=3000))
    return f"# {heading}\n\n{draw(noise)}\n{draw(prose)}".encode("utf-8", "surrogatepass")


contents = st.one_of(st.binary(max_size=3000), html(), markdown(),
                     noise.map(lambda s: s.encode("utf-8", "surrogatepass")),
                     st.binary(max_size=500).map(lambda b: b"%PDF-1.4\n" + b))  # fmt: skip


def check(document: Document) -> None:
    """What every Document must hold, whatever it was read from."""
    assert document.text and document.id
    assert document.title is None or len(document.title) <= MAX_STORED_TITLE
    previous_end = 0
    for block in document.blocks:
        assert previous_end <= block.start < block.end <= len(document.text)
        piece = document.text[block.start : block.end]
        assert piece == piece.strip()
        assert len(piece) <= MAX_BLOCK_CHARS
        assert estimated_tokens(piece) <= MAX_BLOCK_TOKENS or len(piece) <= MIN_DENSE_CHARS
        previous_end = block.end


@given(data=contents, media_type=st.sampled_from(sorted(set(MEDIA_TYPES.values()))))
def test_any_bytes_give_a_document_or_a_one_line_refusal(data: bytes, media_type: str) -> None:
    try:
        document = document_from_bytes(data, "fuzz/input", media_type)
    except IngestError as error:
        assert str(error).startswith("fuzz/input: ") and "\n" not in str(error)
    else:
        check(document)


@given(data=st.one_of(st.binary(max_size=2000), html(), text.map(str.encode)))
def test_any_feed_bytes_give_a_feed_or_a_one_line_refusal(data: bytes) -> None:
    rss = b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>'
    for candidate in (data, rss + data + b"</title></item></channel></rss>"):
        try:
            feed = parse_feed(candidate, "http://feeds.test/rss")
        except IngestError as error:
            assert "\n" not in str(error)
        else:
            assert all(item.key for item in feed.items)


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return open_store(str(tmp_path_factory.mktemp("fuzz") / "fuzz.db"))


@given(data=contents, suffix=st.sampled_from(sorted(MEDIA_TYPES)))
def test_a_build_of_any_file_stores_it_or_skips_it_with_a_line(
    fuzz_store: Store,
    extractor: Extractor,
    tmp_path_factory: pytest.TempPathFactory,
    data: bytes,
    suffix: str,
) -> None:
    path = tmp_path_factory.mktemp("file") / f"input{suffix}"
    path.write_bytes(data)
    builder = Builder(fuzz_store, extractor)
    status = builder.add(path)
    report = builder.report
    if status == "skipped":
        (skip,) = report.skipped
        assert skip.source == str(path) and "\n" not in skip.reason
    else:
        assert status in ("stored", "unchanged", "duplicate") and not report.skipped


def test_the_fuzzed_store_reads_back(fuzz_store: Store) -> None:
    """The documents the build stored above are whole and their evidence in place."""
    with fuzz_store.session() as session:
        texts = dict(session.execute(select(DocumentRow.id, DocumentRow.text)).all())
        for claim in session.scalars(select(ClaimRow)):
            assert 0 <= claim.evidence_start < claim.evidence_end <= len(texts[claim.document_id])
