"""Tests for the safe HTTP fetch: limits, errors, and the SSRF guard on every hop.

Every server here runs on 127.0.0.1; addresses outside it only ever reach the address
check, which refuses them before any connection is made.
"""

from __future__ import annotations

import base64
import gzip
import json
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tracewire.ingest import FetchError, FetchPolicy, fetch, post_json
from tracewire.ingest.addresses import address_problem, parse_networks, vet_addresses

from .webserver import LocalServer, serve

LOCAL = FetchPolicy(allow_private=True, timeout=5)
ONLY_LOOPBACK_V4 = FetchPolicy(allow_networks=("127.0.0.1/32",), timeout=5)
HINT = "(allow private addresses explicitly to fetch it)"
NEVER = "(never fetched, even when private addresses are allowed)"


def failure(url: str, policy: FetchPolicy = LOCAL, **kwargs: object) -> str:
    """The message of the `FetchError` that fetching `url` must raise."""
    with pytest.raises(FetchError) as caught:
        fetch(url, policy, **kwargs)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "\n" not in message
    return message


# --- the address classifier -------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("127.0.0.1", "a loopback address"),
        ("127.255.0.9", "a loopback address"),
        ("10.0.0.1", "a private address"),
        ("172.16.5.4", "a private address"),
        ("192.168.1.1", "a private address"),
        ("169.254.169.254", "a link-local address (the cloud metadata service)"),
        ("169.254.1.1", "a link-local address"),
        ("0.0.0.0", "an unspecified address"),
        ("224.0.0.1", "a multicast address"),
        ("240.0.0.1", "a reserved address"),
        ("100.64.0.1", "not a public address"),  # carrier-grade NAT
        ("::1", "a loopback address"),
        ("::", "an unspecified address"),
        ("fe80::1", "a link-local address"),
        ("fc00::1", "a private address"),
        ("fd12:3456::1", "a private address"),
        ("ff02::1", "a multicast address"),
        ("::ffff:127.0.0.1", "a loopback address"),
        ("::ffff:7f00:1", "a loopback address"),
        ("::ffff:10.0.0.1", "a private address"),
        ("::ffff:169.254.169.254", "a link-local address (the cloud metadata service)"),
        ("::7f00:1", "a reserved address"),  # deprecated IPv4-compatible form
        ("2002:7f00:1::", "a loopback address"),  # 6to4 of 127.0.0.1
        ("2002:a00:1::", "a private address"),  # 6to4 of 10.0.0.1
        ("64:ff9b::7f00:1", "a loopback address"),  # NAT64 of 127.0.0.1
    ],
)
def test_address_problem_names_non_public_addresses(address: str, problem: str) -> None:
    assert address_problem(address) == problem


@pytest.mark.parametrize(
    "address", ["8.8.8.8", "93.184.216.34", "2001:4860:4860::8888", "::ffff:8.8.8.8"]
)
def test_address_problem_passes_public_addresses(address: str) -> None:
    assert address_problem(address) is None


def test_vet_addresses_refuses_a_name_with_any_private_address() -> None:
    with pytest.raises(Exception, match=r"news\.test resolves to 10\.0\.0\.1, which is a private"):
        vet_addresses("news.test", ["93.184.216.34", "10.0.0.1"])
    assert vet_addresses("news.test", ["10.0.0.1"], allow_private=True) == ["10.0.0.1"]


@pytest.mark.parametrize(
    ("url", "refusal"),
    [
        ("http://2130706433/", "2130706433 resolves to 127.0.0.1, which is a loopback"),
        ("http://0x7f.1/", "0x7f.1 resolves to 127.0.0.1, which is a loopback"),
        ("http://127.1/", "127.1 resolves to 127.0.0.1, which is a loopback"),
        ("http://017700000001/", "017700000001 resolves to 127.0.0.1, which is a loopback"),
        ("http://[::1]/", "::1 is a loopback"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1 is a loopback"),
        ("http://[::ffff:a9fe:a9fe]/", "::ffff:169.254.169.254 is a link-local"),
        ("http://0.0.0.0/", "0.0.0.0 is an unspecified"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local"),
        ("http://10.0.0.1/admin", "10.0.0.1 is a private"),
        ("http://[fe80::1]/", "fe80::1 is a link-local"),
        ("http://[fd00::1]:8080/", "fd00::1 is a private"),
        ("http://user:pw@192.168.0.1/", "192.168.0.1 is a private"),
    ],
)
def test_non_public_hosts_are_refused_in_any_spelling(url: str, refusal: str) -> None:
    message = failure(url, FetchPolicy(timeout=2))
    assert f": refused: {refusal} address" in message
    assert message.endswith(NEVER if "link-local" in refusal else HINT)
    assert "pw@" not in message


# --- fetching from a local server -------------------------------------------------------


def test_fetch_returns_body_and_response_metadata(server: LocalServer) -> None:
    server.page(
        "/report",
        "<p>Cameras</p>",
        content_type="text/html; charset=ISO-8859-1",
        headers={"ETag": '"v1"', "Last-Modified": "Tue, 05 Mar 2024 10:00:00 GMT"},
    )
    fetched = fetch(server.url("/report?page=1#top"), LOCAL)
    assert fetched.body == b"<p>Cameras</p>"
    assert (fetched.status, fetched.content_type, fetched.charset) == (
        200,
        "text/html",
        "iso-8859-1",
    )
    assert (fetched.etag, fetched.last_modified) == ('"v1"', "Tue, 05 Mar 2024 10:00:00 GMT")
    request = server.received[0]
    assert request.path == "/report?page=1"
    assert request.headers["User-Agent"] == "tracewire/0.1 (+research)"


def test_loopback_is_refused_by_default_and_never_contacted(server: LocalServer) -> None:
    server.page("/", "hello")
    url = server.url("/")
    assert failure(url, FetchPolicy()) == (
        f"cannot fetch {url}: refused: 127.0.0.1 is a loopback address {HINT}"
    )
    assert server.received == []
    assert fetch(url, LOCAL).body == b"hello"


def test_allow_networks_opens_only_the_networks_named(server: LocalServer) -> None:
    server.page("/", "hello")
    assert fetch(server.url("/"), ONLY_LOOPBACK_V4).body == b"hello"
    message = failure(server.url("/"), FetchPolicy(allow_networks=("10.0.0.0/8",)))
    assert "127.0.0.1 is a loopback address" in message


def test_redirects_are_followed_and_the_final_url_reported(server: LocalServer) -> None:
    server.redirect("/old", "/middle", status=301)
    server.redirect("/middle", server.url("/new"), status=307)
    server.page("/new", "moved here")
    fetched = fetch(server.url("/old"), LOCAL)
    assert fetched.body == b"moved here"
    assert fetched.url == server.url("/new")
    assert [request.path for request in server.received] == ["/old", "/middle", "/new"]


@pytest.mark.parametrize(
    ("location", "refusal"),
    [
        (
            "http://169.254.169.254/latest/meta-data/",
            "169.254.169.254 is a link-local address (the cloud metadata service)",
        ),
        ("http://10.0.0.1/internal", "10.0.0.1 is a private address"),
        ("http://[::1]:9/", "::1 is a loopback address"),
        ("http://0x7f000002/", "0x7f000002 resolves to 127.0.0.2, which is a loopback address"),
    ],
)
def test_a_redirect_to_a_private_address_is_refused(
    server: LocalServer, location: str, refusal: str
) -> None:
    # The first hop (127.0.0.1) is allowed by name; the target of the redirect is not.
    server.redirect("/go", location)
    url = server.url("/go")
    message = failure(url, ONLY_LOOPBACK_V4)
    hint = NEVER if "link-local" in refusal else HINT
    assert message == f"cannot fetch {url}: redirect to {location} refused: {refusal} {hint}"
    assert [request.path for request in server.received] == ["/go"]


def test_a_redirect_to_another_scheme_is_refused(server: LocalServer) -> None:
    server.redirect("/go", "file:///etc/passwd")
    message = failure(server.url("/go"))
    assert message.endswith(
        "only http and https URLs are supported (after a redirect to file:///etc/passwd)"
    )


def test_redirect_loops_stop_at_the_limit(server: LocalServer) -> None:
    server.redirect("/loop", "/loop")
    message = failure(server.url("/loop"), FetchPolicy(allow_private=True, max_redirects=3))
    assert message.endswith(": more than 3 redirects")
    assert len(server.received) == 4


def test_the_connection_goes_to_the_vetted_address_not_a_new_lookup(server: LocalServer) -> None:
    # A rebinding resolver: the first answer passes the check, later ones would not.
    # `.test` names never resolve, so the fetch can only work by connecting to the
    # address that was checked, with the name kept for the Host header.
    answers = [["127.0.0.1"]]
    asked: list[tuple[str, int]] = []

    def rebinding(host: str, port: int) -> Sequence[str]:
        asked.append((host, port))
        return answers.pop(0) if answers else ["10.0.0.1"]

    server.page("/story", "pinned")
    url = f"http://news.test:{server.port}/story"
    assert fetch(url, ONLY_LOOPBACK_V4, resolver=rebinding).body == b"pinned"
    assert asked == [("news.test", server.port)]
    assert server.received[0].headers["Host"] == f"news.test:{server.port}"


def test_a_name_resolving_to_public_and_private_addresses_is_refused(server: LocalServer) -> None:
    def mixed(host: str, port: int) -> Sequence[str]:
        return ["93.184.216.34", "127.0.0.1"]

    message = failure(f"http://news.test:{server.port}/", FetchPolicy(), resolver=mixed)
    assert "refused: news.test resolves to 127.0.0.1, which is a loopback address" in message
    assert server.received == []


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "gopher://a/"])
def test_other_schemes_are_refused(url: str) -> None:
    assert failure(url) == f"cannot fetch {url}: only http and https URLs are supported"


def test_an_unresolvable_host_reads_as_offline_or_unknown() -> None:
    url = "http://no-such-host.invalid/report"
    assert failure(url, FetchPolicy(timeout=5)) == (
        f"cannot fetch {url}: host name not found (no network connection, offline?)"
    )


def test_a_closed_port_reads_as_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    assert failure(url).endswith(": connection refused (server down or offline?)")


@pytest.mark.parametrize(("status", "reason"), [(404, "Not Found"), (500, "Internal Server Error")])
def test_http_error_statuses_raise(server: LocalServer, status: int, reason: str) -> None:
    server.page("/x", "nope", status=status)
    url = server.url("/x")
    assert failure(url) == f"cannot fetch {url}: HTTP {status} {reason}"


def test_a_declared_length_over_the_limit_is_refused_before_reading(server: LocalServer) -> None:
    server.page("/big", b"x" * 2000)
    message = failure(server.url("/big"), FetchPolicy(allow_private=True, max_bytes=1000))
    assert message.endswith(": 2,000 bytes exceeds the 1,000-byte limit")


def test_an_undeclared_length_is_capped_while_reading(server: LocalServer) -> None:
    def endless(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.send_header("Connection", "close")
        handler.end_headers()
        for _ in range(100):
            handler.wfile.write(b"y" * 1000)

    server.routes["/stream"] = endless
    message = failure(server.url("/stream"), FetchPolicy(allow_private=True, max_bytes=5000))
    assert message.endswith(": more than the 5,000-byte limit")


def test_gzip_bodies_are_decoded(server: LocalServer) -> None:
    text = b"Cameras were delivered to the city police. " * 20
    server.page("/gz", gzip.compress(text), headers={"Content-Encoding": "gzip"})
    fetched = fetch(server.url("/gz"), LOCAL)
    assert fetched.body == text
    assert "gzip" in server.received[0].headers["Accept-Encoding"]


def test_a_gzip_bomb_is_stopped_at_the_limit(server: LocalServer) -> None:
    bomb = gzip.compress(b"\0" * 5_000_000)
    assert len(bomb) < 10_000
    server.page("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    message = failure(server.url("/bomb"), FetchPolicy(allow_private=True, max_bytes=100_000))
    assert message.endswith(": more than the 100,000-byte limit")


def test_a_server_that_does_not_answer_times_out(server: LocalServer) -> None:
    def silent(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(3)

    server.routes["/slow"] = silent
    url = server.url("/slow")
    started = time.monotonic()
    assert failure(url, FetchPolicy(allow_private=True, timeout=0.5)) == (
        f"cannot fetch {url}: timed out after 0.5 s"
    )
    assert time.monotonic() - started < 2.5


def test_a_trickling_server_cannot_stretch_the_time_budget(server: LocalServer) -> None:
    def trickle(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "100")
        handler.end_headers()
        for _ in range(100):  # each byte well within the timeout, all of them far beyond it
            handler.wfile.write(b"z")
            handler.wfile.flush()
            time.sleep(0.1)

    server.routes["/trickle"] = trickle
    started = time.monotonic()
    message = failure(server.url("/trickle"), FetchPolicy(allow_private=True, timeout=0.6))
    assert message.endswith(": timed out after 0.6 s")
    assert time.monotonic() - started < 2.0


def trickled_headers(handler: BaseHTTPRequestHandler) -> None:
    """A status line and headers sent one byte every 0.1 s: 10 s in all."""
    for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"z" * 100:
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
        time.sleep(0.1)


def test_headers_trickled_byte_by_byte_cannot_stretch_the_budget(server: LocalServer) -> None:
    server.routes["/trickle"] = trickled_headers
    started = time.monotonic()
    message = failure(server.url("/trickle"), FetchPolicy(allow_private=True, timeout=0.6))
    assert message == f"cannot fetch {server.url('/trickle')}: timed out after 0.6 s"
    assert time.monotonic() - started < 2.0


def test_a_webhook_trickling_its_reply_is_not_delivered(server: LocalServer) -> None:
    server.routes["/hook"] = trickled_headers
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        post_json(server.url("/hook"), {"a": 1}, FetchPolicy(allow_private=True, timeout=0.6))
    assert str(caught.value) == f"cannot post to {server.url('/hook')}: timed out after 0.6 s"
    assert time.monotonic() - started < 2.0


def test_a_slow_name_lookup_counts_against_the_budget() -> None:
    def slow(host: str, port: int) -> Sequence[str]:
        time.sleep(3)
        return ["93.184.216.34"]

    started = time.monotonic()
    message = failure("http://news.test/report", FetchPolicy(timeout=0.5), resolver=slow)
    assert message == "cannot fetch http://news.test/report: timed out after 0.5 s"
    assert time.monotonic() - started < 2.0


@pytest.mark.parametrize(
    ("url", "refusal"),
    [
        ("http://169.254.169.254/latest/meta-data/", "a link-local address (the cloud metadata"),
        ("http://[::ffff:169.254.169.254]/", "a link-local address (the cloud metadata"),
        ("http://169.254.10.10/", "a link-local address"),
        ("http://[fe80::1]/", "a link-local address"),
        ("http://[fd00:ec2::254]/latest/meta-data/", "a cloud metadata service address"),
        ("http://100.100.100.200/latest/meta-data/", "a cloud metadata service address"),
        ("http://168.63.129.16/machine", "a cloud metadata service address"),
    ],
)
def test_allowing_private_addresses_never_opens_link_local_or_metadata(
    url: str, refusal: str
) -> None:
    message = failure(url, FetchPolicy(allow_private=True, timeout=2))
    assert f" is {refusal}" in message and message.endswith(NEVER)


def test_a_named_link_local_network_opens_it_but_not_the_metadata_service() -> None:
    policy = FetchPolicy(allow_networks=("169.254.0.0/16",))
    assert vet_addresses("h.test", ["169.254.10.10"], allowed=parse_networks(["169.254.0.0/16"]))
    message = failure("http://169.254.169.254/", policy)
    assert "the cloud metadata service" in message and message.endswith(NEVER)


def test_credentials_are_sent_but_never_shown(server: LocalServer) -> None:
    server.page("/private", "members only")
    url = f"http://reader:s3cret@127.0.0.1:{server.port}/private"
    fetched = fetch(url, LOCAL)
    expected = "Basic " + base64.b64encode(b"reader:s3cret").decode()
    assert server.received[0].headers["Authorization"] == expected
    assert fetched.url == server.url("/private")
    message = failure(f"http://reader:s3cret@127.0.0.1:{server.port}/missing")
    assert "s3cret" not in message
    assert message.startswith(f"cannot fetch {server.url('/missing')}: HTTP 404")


# --- webhooks ---------------------------------------------------------------------------


def test_post_json_delivers_the_payload(server: LocalServer) -> None:
    server.page("/hook", "", content_type=None, status=204)
    payload = {"event": "claim.added", "vendor": "Northwind Optics", "cameras": 200}
    assert post_json(server.url("/hook"), payload, LOCAL) == 204
    request = server.received[0]
    assert request.method == "POST"
    assert request.headers["Content-Type"].startswith("application/json")
    assert json.loads(request.body) == payload


def test_post_json_raises_on_an_error_status(server: LocalServer) -> None:
    server.page("/hook", "broken", status=500)
    url = server.url("/hook")
    with pytest.raises(FetchError) as caught:
        post_json(url, {"a": 1}, LOCAL)
    assert str(caught.value) == f"cannot post to {url}: HTTP 500 Internal Server Error"


def test_post_json_does_not_follow_redirects(server: LocalServer) -> None:
    server.redirect("/hook", "http://169.254.169.254/")
    with pytest.raises(FetchError, match="HTTP 302 Found"):
        post_json(server.url("/hook"), {"a": 1}, LOCAL)
    assert len(server.received) == 1


def test_post_json_refuses_private_addresses_by_default(server: LocalServer) -> None:
    server.page("/hook", "", status=204)
    with pytest.raises(FetchError, match=r"refused: 127\.0\.0\.1 is a loopback address"):
        post_json(server.url("/hook"), {"a": 1})
    assert server.received == []


# --- HTTPS: the connection is pinned, the name is what TLS checks -----------------------


@pytest.fixture
def tls_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[LocalServer, list[str]]]:
    """An HTTPS server on 127.0.0.1 with a self-signed certificate for `news.test`.

    The certificate is made trusted through `SSL_CERT_FILE`; the list collects the
    server names (SNI) clients asked for.
    """
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=news.test", "-addext", "subjectAltName=DNS:news.test",
         "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    names: list[str] = []
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    def record(_socket: ssl.SSLObject, name: str | None, _context: ssl.SSLContext) -> None:
        names.append(name or "")

    context.sni_callback = record
    with serve(context) as running:
        yield running, names


def test_https_uses_the_name_for_sni_and_the_certificate(
    tls_server: tuple[LocalServer, list[str]],
) -> None:
    server, names = tls_server
    server.page("/secure", "over tls")

    def to_loopback(host: str, port: int) -> Sequence[str]:
        return ["127.0.0.1"]

    url = f"https://news.test:{server.port}/secure"
    fetched = fetch(url, ONLY_LOOPBACK_V4, resolver=to_loopback)
    assert fetched.body == b"over tls"
    assert names == ["news.test"]
    assert server.received[0].headers["Host"] == f"news.test:{server.port}"


def test_https_refuses_a_certificate_for_another_name(
    tls_server: tuple[LocalServer, list[str]],
) -> None:
    server, _ = tls_server
    server.page("/secure", "over tls")

    def to_loopback(host: str, port: int) -> Sequence[str]:
        return ["127.0.0.1"]

    url = f"https://other.test:{server.port}/secure"
    message = failure(url, ONLY_LOOPBACK_V4, resolver=to_loopback)
    assert message.startswith(f"cannot fetch {url}: TLS certificate not accepted (")
    assert "other.test" in message
    assert server.received == []


def test_a_proxy_in_the_environment_cannot_route_around_the_guard(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """httpx would send requests to $HTTP_PROXY, which would then connect for us."""
    server.page("/", "proxied")
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.setenv(name, server.url("/"))
    message = failure("http://10.0.0.1/admin", FetchPolicy(timeout=2))
    assert "10.0.0.1 is a private address" in message
    assert server.received == []
