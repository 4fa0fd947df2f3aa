"""Downloading a list: served from a local HTTP server on 127.0.0.1, never the internet."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tracewire.screen import OFAC_SDN_URL, SanctionsError, download_list, download_sdn, sdn_url


class ListHandler(BaseHTTPRequestHandler):
    """Serves /sdn.csv, a slow /slow.csv, a big /big.csv and 404 for the rest."""

    body = b""

    def do_GET(self) -> None:
        if self.path == "/sdn.csv":
            self._send(self.body)
        elif self.path == "/dated.csv":
            self._send(self.body, modified="Fri, 03 May 2024 14:05:00 GMT")
        elif self.path == "/big.csv":
            self._send(b"x" * 5000)
        elif self.path == "/chunked-big.csv":
            self.send_response(200)
            self.end_headers()  # no Content-Length: the cap must hold while reading
            self.wfile.write(b"y" * 5000)
        elif self.path == "/slow.csv":
            time.sleep(2.0)
            self._send(self.body)
        else:
            self.send_error(404, "Not Found")

    def _send(self, body: bytes, modified: str | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        if modified:
            self.send_header("Last-Modified", modified)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output quiet


class QuietServer(ThreadingHTTPServer):
    """A server that does not print the broken pipes of clients that gave up."""

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@pytest.fixture()
def server(sdn_rows: str) -> Iterator[str]:
    ListHandler.body = sdn_rows.encode("utf-8")
    httpd = QuietServer(("127.0.0.1", 0), ListHandler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_downloads_and_reads(server: str, tmp_path: Path, sdn_rows: str) -> None:
    dest = tmp_path / "lists" / "sdn.csv"
    assert download_list(f"{server}/sdn.csv", dest) == dest
    assert dest.read_bytes() == sdn_rows.encode("utf-8")
    assert [p.name for p in dest.parent.iterdir()] == ["sdn.csv"]  # no temp file left
    lst = download_sdn(tmp_path / "again.csv", f"{server}/sdn.csv")
    assert [e.entry_id for e in lst.entries] == ["10391", "12941", "10481"]


def test_a_downloaded_list_is_dated_as_its_server_dates_it(server: str, tmp_path: Path) -> None:
    # The SDN CSV states no date: the server's Last-Modified is the list's, not today.
    lst = download_sdn(tmp_path / "sdn.csv", f"{server}/dated.csv")
    assert lst.date == "2024-05-03"


def test_http_error_keeps_the_old_file(server: str, tmp_path: Path) -> None:
    dest = tmp_path / "sdn.csv"
    dest.write_text("previous list", encoding="utf-8")
    with pytest.raises(SanctionsError, match=r"cannot download http://127\.0\.0\.1.*: HTTP 404"):
        download_list(f"{server}/missing.csv", dest)
    assert dest.read_text(encoding="utf-8") == "previous list"
    assert [p.name for p in tmp_path.iterdir()] == ["sdn.csv"]


def test_closed_port_reads_as_offline(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}/sdn.csv"
    with pytest.raises(SanctionsError, match="connection refused") as info:
        download_list(url, tmp_path / "sdn.csv", timeout=2.0)
    assert str(info.value).startswith(f"cannot download {url}: ")
    assert "\n" not in str(info.value)
    assert not (tmp_path / "sdn.csv").exists()


def test_timeout(server: str, tmp_path: Path) -> None:
    with pytest.raises(SanctionsError, match=r"timed out after 0\.3 s"):
        download_list(f"{server}/slow.csv", tmp_path / "sdn.csv", timeout=0.3)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("path", ["/big.csv", "/chunked-big.csv"])
def test_size_cap(server: str, tmp_path: Path, path: str) -> None:
    with pytest.raises(SanctionsError, match="1,000-byte limit"):
        download_list(f"{server}{path}", tmp_path / "sdn.csv", max_bytes=1000)
    assert list(tmp_path.iterdir()) == []


def test_unresolvable_host_and_bad_scheme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dns(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    # Name resolution fails as it does offline, without asking any resolver.
    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    with pytest.raises(SanctionsError, match=r"host name not found \(no network.*offline\?\)"):
        download_list("https://www.treasury.gov/ofac/downloads/sdn.csv", tmp_path / "a.csv")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(SanctionsError, match="only http and https"):
        download_list("file:///etc/passwd", tmp_path / "b.csv")


def test_url_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRACEWIRE_SDN_URL", raising=False)
    assert sdn_url() == OFAC_SDN_URL == "https://www.treasury.gov/ofac/downloads/sdn.csv"
    monkeypatch.setenv("TRACEWIRE_SDN_URL", "http://127.0.0.1:9/sdn.csv")
    assert sdn_url() == "http://127.0.0.1:9/sdn.csv"
