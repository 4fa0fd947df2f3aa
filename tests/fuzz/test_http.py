"""Generated HTTP responses from a server on 127.0.0.1: every fetch ends within its budget
in a response or a one-line FetchError, every page read in a Document or an IngestError.

The server answers each request with the bytes of the case at hand (status lines,
headers and bodies made up by hypothesis: wrong lengths, odd encodings, broken chunks,
redirects anywhere) and closes the connection; names all resolve to 127.0.0.1, so no
case leaves the machine.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
import zlib
from collections.abc import Iterator, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracewire.ingest import FetchError, FetchPolicy, IngestError, fetch, post_json, read_url

pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")
POLICY = FetchPolicy(allow_private=True, timeout=1.0, max_bytes=200_000, max_redirects=3)
PAGE = (b"<html><head><meta charset=\"%s\"></head><body><p>Lumen Vantage sold cameras to the "
        b"Eastport police in 2024, the council said.</p></body></html>")  # fmt: skip


class RawServer:
    """Accepts connections, reads the request head, sends `reply`, closes."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.reply = b""
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    head = b""
                    while b"\r\n\r\n" not in head and len(head) < 65536:
                        chunk = conn.recv(4096)
                        if not chunk:
                            break
                        head += chunk
                    conn.sendall(self.reply)
                except OSError:
                    pass  # the client gave up first

    def close(self) -> None:
        self.listener.close()


@pytest.fixture(scope="module")
def raw_server() -> Iterator[RawServer]:
    server = RawServer()
    yield server
    server.close()


def loopback(host: str, port: int) -> Sequence[str]:
    return ["127.0.0.1"]


def chunked(body: bytes, sizes: list[int], lie: bool) -> bytes:
    """`body` in chunks of `sizes`, the last size announced wrongly when `lie`."""
    out, at = b"", 0
    for size in sizes:
        piece = body[at : at + size]
        at += size
        out += b"%x\r\n%s\r\n" % (len(piece) + (7 if lie else 0), piece)
    return out + b"0\r\n\r\n"


@st.composite
def responses(draw: st.DrawFn) -> bytes:
    """A response as bytes on the wire, right or wrong in any part."""
    status = draw(st.sampled_from([200, 200, 200, 204, 301, 302, 404, 500, 999, 0]))
    reason = draw(st.sampled_from([b"OK", b"", b"\xff\xfe", b"Moved"]))
    line = draw(st.just(b"HTTP/1.1 %d %s" % (status, reason)) | st.binary(max_size=30))
    charset = draw(st.sampled_from([b"utf-8", b"hex", b"rot13", b"latin-1", b"zzz", b""]))
    body = draw(st.one_of(st.binary(max_size=3000), st.just(PAGE % charset),
                          st.just(b"%PDF-1.4\n" + draw(st.binary(max_size=300)))))  # fmt: skip
    headers: list[tuple[bytes, bytes]] = []
    ctype = draw(st.sampled_from([b"text/html", b"text/plain", b"application/pdf", b"", b"x/y"]))
    if ctype:
        headers.append((b"Content-Type", ctype + b"; charset=" + charset))
    encoding = draw(st.sampled_from([None, b"gzip", b"deflate", b"br", b"gzip"]))
    if encoding == b"gzip":
        body = gzip.compress(body)[: draw(st.integers(1, 10_000))]
    elif encoding == b"deflate":
        body = zlib.compress(body)
    if encoding:
        headers.append((b"Content-Encoding", encoding))
    framing = draw(st.sampled_from(["length", "wrong-length", "chunked", "bad-chunks", "close"]))
    if framing == "length":
        headers.append((b"Content-Length", b"%d" % len(body)))
    elif framing == "wrong-length":
        headers.append((b"Content-Length", draw(st.sampled_from([b"-1", b"x", b"99999999"]))))
    elif framing in ("chunked", "bad-chunks"):
        headers.append((b"Transfer-Encoding", b"chunked"))
        sizes = draw(st.lists(st.integers(1, 500), min_size=1, max_size=8))
        body = chunked(body, sizes, lie=framing == "bad-chunks")
    if status in (301, 302):
        target = draw(st.sampled_from([b"/again", b"http://elsewhere.test:1/", b"", b"\xff"]))
        headers.append((b"Location", target))
    headers += draw(st.lists(st.tuples(st.binary(max_size=12), st.binary(max_size=40)),
                             max_size=3))  # fmt: skip
    head = line + b"\r\n" + b"".join(k + b": " + v + b"\r\n" for k, v in headers) + b"\r\n"
    return head + body


@given(reply=responses())
def test_any_response_ends_in_time_in_a_result_or_one_line(
    raw_server: RawServer, reply: bytes
) -> None:
    raw_server.reply = reply
    url = f"http://news.test:{raw_server.port}/page"
    started = time.monotonic()
    try:
        fetched = fetch(url, POLICY, resolver=loopback)
    except FetchError as error:
        assert str(error).startswith(f"cannot fetch {url}: ") and "\n" not in str(error)
    else:
        assert 200 <= fetched.status < 300 and len(fetched.body) <= POLICY.max_bytes
    try:
        post_json(url, {"alerts": []}, POLICY, resolver=loopback)
    except FetchError as error:
        assert "\n" not in str(error)
    try:
        read_url(url, POLICY, fetcher=lambda u, p: fetch(u, p, resolver=loopback))
    except IngestError as error:
        assert "\n" not in str(error)
    # Three requests, each within its one-second budget (plus a redirect or three).
    assert time.monotonic() - started < 3 * (POLICY.timeout + 1.0)
