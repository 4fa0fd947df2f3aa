"""Tests for reading a report at a URL into a Document (pages served on 127.0.0.1)."""

from __future__ import annotations

from datetime import date

import pytest

from tracewire.ingest import (
    Fetched,
    FetchError,
    FetchPolicy,
    IngestError,
    document_from_bytes,
    read_url,
)
from tracewire.ingest.remote import Fetcher
from tracewire.ingest.text import MAX_BLOCK_CHARS, document_id

from .conftest import PdfBuilder
from .webserver import LocalServer

LOCAL = FetchPolicy(allow_private=True, timeout=5)

# A made-up article: the vendor, the city and the people are invented.
ARTICLE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Lumen Vantage to supply cameras to Eastport police | The Harbour Ledger</title>
<meta property="article:published_time" content="2024-04-18T07:45:00Z">
</head><body>
<header><nav><a href="/">Front page</a> <a href="/city">City</a>
<a href="/sport">Sport</a></nav></header>
<main><article>
<h1>Lumen Vantage to supply cameras to Eastport police</h1>
<p>Lumen Vantage, a camera maker invented for this example, signed a contract to supply
three hundred street cameras to the police force of the fictional city of Eastport, according
to procurement documents published by the city council on Tuesday.</p>
<p>The council said the cameras would be installed along the waterfront and connected to a
new control room at police headquarters, with a maintenance agreement running until 2027.</p>
<p>A spokesperson for Lumen Vantage declined to say whether the cameras would use face
recognition software, saying only that the company complied with all applicable rules.</p>
</article></main>
<footer>The Harbour Ledger. Sign up for our newsletter. Cookie settings.</footer>
</body></html>
"""


def test_a_web_page_is_fetched_and_its_main_text_read(server: LocalServer) -> None:
    server.redirect("/story/4471", "/2024/04/lumen-vantage-cameras")
    server.page("/2024/04/lumen-vantage-cameras", ARTICLE)
    url = server.url("/story/4471")
    document = read_url(url, LOCAL)
    assert document.source == url
    assert document.url == server.url("/2024/04/lumen-vantage-cameras")
    assert document.media_type == "text/html"
    assert document.title == "Lumen Vantage to supply cameras to Eastport police"
    assert document.published == date(2024, 4, 18)
    assert "three hundred street cameras to the police force" in document.text
    assert "face recognition software" in document.text
    assert "Front page" not in document.text
    assert "newsletter" not in document.text
    assert document.id == document_id(document.text)
    assert len(document.blocks) >= 3


def test_a_page_read_from_a_url_matches_the_same_bytes_read_as_a_file(
    server: LocalServer,
) -> None:
    server.page("/a", ARTICLE)
    from_url = read_url(server.url("/a"), LOCAL)
    from_bytes = document_from_bytes(ARTICLE.encode(), "saved.html", "text/html")
    assert (from_url.id, from_url.text, from_url.blocks) == (
        from_bytes.id,
        from_bytes.text,
        from_bytes.blocks,
    )


def test_a_pdf_is_read_whatever_the_content_type(server: LocalServer, make_pdf: PdfBuilder) -> None:
    pdf = make_pdf([["Annual procurement report", "Cameras bought for the city police force."]])
    server.page("/files/report", pdf, content_type="application/octet-stream")
    document = read_url(server.url("/files/report"), LOCAL)
    assert document.media_type == "application/pdf"
    assert "Cameras bought for the city police force." in document.text


def test_plain_text_in_a_declared_charset_is_decoded(server: LocalServer) -> None:
    body = "Caméras livrées à la police municipale de la ville.\n".encode("iso-8859-1")
    server.page("/note.txt", body, content_type="text/plain; charset=iso-8859-1")
    document = read_url(server.url("/note.txt"), LOCAL)
    assert document.media_type == "text/plain"
    assert document.text == "Caméras livrées à la police municipale de la ville."


def test_utf8_text_is_kept_even_when_the_header_names_latin1(server: LocalServer) -> None:
    body = "Caméras livrées à la police municipale de la ville.\n".encode()
    server.page("/note.txt", body, content_type="text/plain; charset=iso-8859-1")
    assert read_url(server.url("/note.txt"), LOCAL).text.startswith("Caméras livrées")


@pytest.mark.parametrize("codec", ["hex", "base64", "rot13", "zlib", "bogus-8"])
def test_a_charset_that_is_no_character_set_is_ignored(server: LocalServer, codec: str) -> None:
    page = ARTICLE.replace('<meta charset="utf-8">', f'<meta charset="{codec}">')
    server.page("/a", page, content_type=f"text/html; charset={codec}")
    assert "Lumen Vantage, a camera maker" in read_url(server.url("/a"), LOCAL).text
    server.page("/b", page.replace("signed", "sign\xe9d").encode("latin-1"),
                content_type=f"text/html; charset={codec}")  # fmt: skip
    with pytest.raises(IngestError, match="not valid UTF-8 text"):
        read_url(server.url("/b"), LOCAL)


def test_a_page_with_a_paragraph_of_a_million_characters_is_read(server: LocalServer) -> None:
    sentence = "Lumen Vantage shipped {n} cameras to the Eastport police. "
    paragraph = "".join(sentence.format(n=n) for n in range(20_000))  # 1.2 million chars
    server.page("/long", ARTICLE.replace("<p>A spokesperson", f"<p>{paragraph}</p><p>A spokes"))
    document = read_url(server.url("/long"), FetchPolicy(allow_private=True, timeout=30))
    assert "shipped 19999 cameras" in document.text
    assert max(block.end - block.start for block in document.blocks) <= MAX_BLOCK_CHARS


@pytest.mark.parametrize(
    ("content_type", "reason"),
    [
        ("image/png", "unsupported content type 'image/png'"),
        (
            "application/rss+xml",
            "unsupported content type 'application/rss+xml' (a feed, not a page)",
        ),
    ],
)
def test_unsupported_content_types_are_refused(
    server: LocalServer, content_type: str, reason: str
) -> None:
    server.page("/thing", b"\x89PNG....", content_type=content_type)
    url = server.url("/thing")
    with pytest.raises(IngestError) as caught:
        read_url(url, LOCAL)
    assert str(caught.value) == f"{url}: {reason}"


def test_fetch_failures_become_ingest_errors(server: LocalServer) -> None:
    url = server.url("/missing")
    with pytest.raises(IngestError) as caught:
        read_url(url, LOCAL)
    assert str(caught.value) == f"{url}: HTTP 404 Not Found"


def test_private_addresses_are_refused_by_default(server: LocalServer) -> None:
    server.page("/a", ARTICLE)
    url = server.url("/a")
    with pytest.raises(IngestError) as caught:
        read_url(url)
    assert caught.value.source == url
    assert caught.value.reason.startswith("refused: 127.0.0.1 is a loopback address")
    assert server.received == []


def fake(body: bytes, content_type: str | None, final: str) -> Fetcher:
    """A fetcher that answers without any network (and fails for URLs with `fail`)."""

    def fetcher(url: str, policy: FetchPolicy) -> Fetched:
        if "fail" in url:
            raise FetchError(url, "timed out after 20 s")
        return Fetched(url=final, status=200, content_type=content_type, charset=None, body=body)

    return fetcher


def test_untyped_responses_are_read_by_url_suffix() -> None:
    markdown = (
        b"# Drone deal signed\n\nAn invented agency bought twelve drones for border patrols.\n"
    )
    fetcher = fake(markdown, None, "https://example.org/notes/drones.md")
    document = read_url("https://example.org/notes/drones.md", fetcher=fetcher)
    assert document.media_type == "text/markdown"
    assert document.title == "Drone deal signed"
    assert document.url == "https://example.org/notes/drones.md"


def test_untyped_html_is_sniffed() -> None:
    fetcher = fake(ARTICLE.encode(), "application/octet-stream", "https://example.org/p")
    document = read_url("https://example.org/p", fetcher=fetcher)
    assert document.media_type == "text/html"


def test_an_empty_response_and_a_fetch_error_are_reported() -> None:
    empty = fake(b"", "text/html", "https://example.org/empty")
    with pytest.raises(IngestError, match=r"^https://example\.org/empty: empty response$"):
        read_url("https://example.org/empty", fetcher=empty)
    with pytest.raises(IngestError) as caught:
        read_url("https://user:pw@example.org/fail", fetcher=empty)
    assert str(caught.value) == "https://example.org/fail: timed out after 20 s"
