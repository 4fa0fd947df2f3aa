"""Fetching a web page or feed, and posting to a webhook, over HTTP(S) with limits.

Built on `http.client` so that every step is ours to check: the scheme (http/https only),
each host's addresses against the SSRF guard in `addresses` (on every redirect hop, which
is why redirects are followed here and not by a library), the connection itself (made to
the address that was checked, while the `Host` header, TLS SNI and certificate check use
the host name, so a DNS answer that changes between check and connect changes nothing),
a size cap on the declared length, the bytes read and the decompressed bytes, and one time
budget for the whole request: name lookup, connection, TLS handshake, sending, the status
line and headers and the body each wait only for what is left of it, so a server that
trickles bytes cannot stretch a request past its timeout. Every failure is a `FetchError`
whose str is one line.
"""

from __future__ import annotations

import base64
import http.client
import io
import json
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from tracewire.ingest.addresses import AddressRefusedError, Resolver, resolve_host, vet_addresses
from tracewire.ingest.addresses import parse_networks as _parse_networks

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

USER_AGENT = "tracewire/0.1 (+research)"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK = 1 << 16
ACCEPT = "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5"


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Limits for one fetch: seconds in all, bytes, which addresses, redirects followed.

    `allow_networks` lets particular non-public networks through (`"10.2.0.0/16"`,
    `"127.0.0.1"`) without opening all of them as `allow_private` does.
    """

    timeout: float = 20.0
    max_bytes: int = 10_000_000
    allow_private: bool = False
    user_agent: str = USER_AGENT
    max_redirects: int = 5
    allow_networks: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.timeout <= 0 or self.max_bytes <= 0 or self.max_redirects < 0:
            raise ValueError("timeout and max_bytes must be positive, max_redirects >= 0")
        _parse_networks(self.allow_networks)  # ValueError now rather than at fetch time


@dataclass(frozen=True, slots=True)
class Fetched:
    """A successful response: final URL (after redirects, without credentials) and body."""

    url: str
    status: int
    content_type: str | None
    charset: str | None
    body: bytes
    etag: str | None = None
    last_modified: str | None = None


class FetchError(Exception):
    """A URL that could not be fetched; str is `"cannot fetch {url}: {reason}"`, one line.

    Credentials in the URL (`user:secret@host`) are left out of `url` and the message.
    """

    def __init__(self, url: str, reason: str, *, action: str = "fetch") -> None:
        self.url = redact(url)
        self.reason = " ".join(reason.split())
        super().__init__(f"cannot {action} {self.url}: {self.reason}")


class _StepError(Exception):
    """A failed request step, before it is given the URL the caller asked for."""

    def __init__(self, reason: str, *, refused: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.refused = refused

    def after_redirect(self, hop: str | None) -> str:
        """The reason, saying which redirect target it concerns, if any."""
        if hop is None:
            return f"refused: {self.reason}" if self.refused else self.reason
        if self.refused:
            return f"redirect to {redact(hop)} refused: {self.reason}"
        return f"{self.reason} (after a redirect to {redact(hop)})"


def fetch(
    url: str, policy: FetchPolicy | None = None, *, resolver: Resolver = resolve_host
) -> Fetched:
    """GET `url` within `policy`, following redirects, or raise `FetchError`.

    `resolver` maps (host, port) to addresses; it is there for tests and special set-ups,
    and whatever it returns is still checked against the policy.
    """
    policy = policy or FetchPolicy()
    deadline = time.monotonic() + policy.timeout
    headers = {"Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"}
    current = url
    for hop in range(policy.max_redirects + 1):
        try:
            with _exchange(
                current,
                "GET",
                headers=headers,
                body=None,
                policy=policy,
                resolver=resolver,
                deadline=deadline,
            ) as reply:
                location = reply.response.getheader("Location")
                if reply.response.status not in REDIRECT_STATUSES or not location:
                    _check_status(reply.response)
                    return _fetched(current, reply, policy)
        except _StepError as failure:
            raise FetchError(url, failure.after_redirect(current if hop else None)) from None
        current = urljoin(current, location.strip())
    raise FetchError(url, f"more than {policy.max_redirects} redirects")


def post_json(
    url: str,
    payload: object,
    policy: FetchPolicy | None = None,
    *,
    resolver: Resolver = resolve_host,
) -> int:
    """POST `payload` as JSON to `url`; the 2xx status, else `FetchError` (no redirects)."""
    policy = policy or FetchPolicy()
    deadline = time.monotonic() + policy.timeout
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json; charset=utf-8"}
    try:
        with _exchange(
            url,
            "POST",
            headers=headers,
            body=body,
            policy=policy,
            resolver=resolver,
            deadline=deadline,
        ) as reply:
            _check_status(reply.response)
            return reply.response.status  # the reply's body is not used (nor read)
    except _StepError as failure:
        raise FetchError(url, failure.after_redirect(None), action="post to") from None


def redact(url: str) -> str:
    """`url` without the `user:password@` part, if it has one."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


@dataclass(frozen=True, slots=True)
class _Reply:
    """A response whose every read (headers included) stops at the deadline."""

    response: http.client.HTTPResponse


@dataclass(frozen=True, slots=True)
class _Target:
    """What a URL asks to connect to and request."""

    https: bool
    host: str
    port: int
    path: str
    authorization: str | None


def _target(url: str) -> _Target:
    """Split a URL into connection details, or raise `_StepError` if it is not fetchable."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise _StepError(f"invalid URL ({error})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise _StepError("only http and https URLs are supported")
    if not parts.hostname:
        raise _StepError("no host name in the URL")
    path = (parts.path or "/").replace(" ", "%20")
    if parts.query:
        path += "?" + parts.query.replace(" ", "%20")
    authorization = None
    if parts.username is not None:
        secret = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
        authorization = "Basic " + base64.b64encode(secret.encode("utf-8")).decode("ascii")
    default_port = 443 if scheme == "https" else 80
    return _Target(scheme == "https", parts.hostname, port or default_port, path, authorization)


@contextmanager
def _exchange(
    url: str,
    method: str,
    *,
    headers: dict[str, str],
    body: bytes | None,
    policy: FetchPolicy,
    resolver: Resolver,
    deadline: float,
) -> Iterator[_Reply]:
    """Send one request to a vetted address and yield the reply; errors as `_StepError`."""
    target = _target(url)
    addresses = _addresses(target, policy, resolver, deadline)
    connection: _PinnedHTTPConnection | _PinnedHTTPSConnection
    if target.https:
        context = ssl.create_default_context()
        connection = _PinnedHTTPSConnection(target.host, target.port, addresses, context)
    else:
        connection = _PinnedHTTPConnection(target.host, target.port, addresses)
    connection.response_class = _deadline_response(deadline, policy.timeout)
    request_headers = {"User-Agent": policy.user_agent, "Connection": "close", **headers}
    if target.authorization:
        request_headers["Authorization"] = target.authorization
    try:
        # Each step may take only what is left: the TLS handshake and sendall() count
        # their timeout for the whole call, reads go through `_DeadlineReader`.
        connection.timeout = _remaining(deadline, policy)
        connection.connect()
        if connection.sock is not None:
            connection.sock.settimeout(_remaining(deadline, policy))
        connection.request(method, target.path, body=body, headers=request_headers)
        yield _Reply(connection.getresponse())
    except (OSError, http.client.HTTPException, UnicodeError) as error:
        raise _StepError(describe(error, policy.timeout)) from None
    finally:
        connection.close()


class _DeadlineReader(io.RawIOBase):
    """A socket's stream in which each read waits only for what is left until `deadline`.

    http.client reads the status line and headers line by line from the socket, each
    read with the socket's timeout: a server sending one byte of its headers every few
    seconds would otherwise hold a request for minutes within a short timeout.
    """

    def __init__(
        self, raw: io.RawIOBase, sock: socket.socket, deadline: float, timeout: float
    ) -> None:
        super().__init__()
        self._raw, self._sock, self._deadline, self._timeout = raw, sock, deadline, timeout

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int | None:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"timed out after {self._timeout:g} s")
        self._sock.settimeout(left)
        return self._raw.readinto(buffer)

    def close(self) -> None:
        self._raw.close()
        super().close()


def _deadline_response(deadline: float, timeout: float) -> type[http.client.HTTPResponse]:
    """An `HTTPResponse` class that reads everything (headers too) through a
    `_DeadlineReader`, for one request."""

    class DeadlineResponse(http.client.HTTPResponse):
        def __init__(
            self,
            sock: socket.socket,
            debuglevel: int = 0,
            method: str | None = None,
            url: str | None = None,
        ) -> None:
            super().__init__(sock, debuglevel, method, url)
            # The stream http.client opened keeps the socket open until it is closed.
            self.fp = io.BufferedReader(_DeadlineReader(self.fp.detach(), sock, deadline, timeout))

    return DeadlineResponse


def _lookup(resolver: Resolver, target: _Target, deadline: float, timeout: float) -> list[str]:
    """The resolver's answer, waited for only until `deadline` (the system resolver has
    no timeout of its own): in a daemon thread, abandoned if it is late."""
    answer: list[Sequence[str] | BaseException] = []

    def ask() -> None:
        try:
            answer.append(resolver(target.host, target.port))
        except BaseException as error:  # handed over to the caller's thread
            answer.append(error)

    thread = threading.Thread(target=ask, name=f"resolve {target.host}", daemon=True)
    thread.start()
    thread.join(max(deadline - time.monotonic(), 0))
    if not answer:
        raise TimeoutError(f"timed out after {timeout:g} s")
    if isinstance(answer[0], BaseException):
        raise answer[0]
    return list(answer[0])


def _addresses(
    target: _Target, policy: FetchPolicy, resolver: Resolver, deadline: float
) -> list[str]:
    """The host's addresses, each allowed by the policy, or `_StepError`."""
    try:
        found = _lookup(resolver, target, deadline, policy.timeout)
    except (OSError, UnicodeError) as error:
        raise _StepError(describe(error, policy.timeout)) from None
    try:
        return vet_addresses(
            target.host,
            found,
            allow_private=policy.allow_private,
            allowed=_parse_networks(policy.allow_networks),
        )
    except AddressRefusedError as refusal:
        raise _StepError(str(refusal), refused=True) from None


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to vetted addresses; the host name is used only in `Host`."""

    def __init__(self, host: str, port: int, addresses: Sequence[str]) -> None:
        super().__init__(host, port)
        self._addresses = addresses

    def connect(self) -> None:
        self.sock = _connect(self._addresses, self.port, self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection to vetted addresses; SNI and the certificate check use the name."""

    def __init__(
        self, host: str, port: int, addresses: Sequence[str], context: ssl.SSLContext
    ) -> None:
        super().__init__(host, port, context=context)
        self._addresses = addresses
        self._tls = context

    def connect(self) -> None:
        sock = _connect(self._addresses, self.port, self.timeout)
        try:
            self.sock = self._tls.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


def _connect(addresses: Sequence[str], port: int, timeout: float | None) -> socket.socket:
    """A TCP connection to the first of `addresses` that answers, all tries within
    `timeout` seconds."""
    end = time.monotonic() + (timeout or 0)
    error: OSError = OSError("no address to connect to")
    for address in addresses:
        left = end - time.monotonic() if timeout else None
        if left is not None and left <= 0:
            raise TimeoutError(f"timed out after {timeout:g} s")
        try:
            return socket.create_connection((address, port), left)
        except OSError as exc:
            error = exc
    raise error


def _check_status(response: http.client.HTTPResponse) -> None:
    """Raise `_StepError` for a response that is not a success."""
    if not 200 <= response.status < 300:
        raise _StepError(f"HTTP {response.status} {response.reason}".strip())


def _fetched(url: str, reply: _Reply, policy: FetchPolicy) -> Fetched:
    """The `Fetched` record of a successful response, its body read within the limits."""
    message = reply.response.headers
    return Fetched(
        url=redact(url),
        status=reply.response.status,
        content_type=message.get_content_type() if "Content-Type" in message else None,
        charset=message.get_content_charset(),
        body=_read_body(reply, policy),
        etag=message.get("ETag"),
        last_modified=message.get("Last-Modified"),
    )


def _read_body(reply: _Reply, policy: FetchPolicy) -> bytes:
    """The body, decoded from gzip/deflate, within the byte limit (and, through the
    response's reader, the time budget)."""
    response = reply.response
    limit = policy.max_bytes
    declared = (response.getheader("Content-Length") or "").strip()
    if declared.isdigit() and int(declared) > limit:
        raise _StepError(f"{int(declared):,} bytes exceeds the {limit:,}-byte limit")
    inflater = _inflater(response.getheader("Content-Encoding"))
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = response.read1(CHUNK)
        if not chunk:
            break
        if inflater is not None:
            chunk = _inflate(inflater, chunk, limit - size)
        size += len(chunk)
        if size > limit:
            raise _StepError(f"more than the {limit:,}-byte limit")
        chunks.append(chunk)
    if inflater is not None and not inflater.eof:
        raise _StepError("truncated compressed response")
    return b"".join(chunks)


def _inflater(encoding: str | None) -> zlib._Decompress | None:
    """A decompressor for the response's Content-Encoding, or None for none."""
    name = (encoding or "identity").strip().lower()
    if name in ("", "identity"):
        return None
    if name in ("gzip", "x-gzip", "deflate"):
        return zlib.decompressobj(32 + zlib.MAX_WBITS)  # detects a gzip or zlib header
    raise _StepError(f"unsupported Content-Encoding '{name}'")


def _inflate(inflater: zlib._Decompress, chunk: bytes, room: int) -> bytes:
    """Decompress one chunk, stopping just past `room` bytes so a bomb stays small."""
    try:
        return inflater.decompress(chunk, max(room, 0) + 1)
    except zlib.error as error:
        raise _StepError(f"cannot decompress the response ({error})") from None


def _remaining(deadline: float, policy: FetchPolicy) -> float:
    """Seconds left in the time budget, or a timeout `_StepError` if none are."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise _StepError(f"timed out after {policy.timeout:g} s")
    return left


def describe(error: BaseException, timeout: float) -> str:
    """A short reason for a failed request, in words a user can act on."""
    if isinstance(error, TimeoutError | socket.timeout):
        return f"timed out after {timeout:g} s"
    if isinstance(error, socket.gaierror):
        return "host name not found (no network connection, offline?)"
    if isinstance(error, UnicodeError):
        return "invalid host name"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused (server down or offline?)"
    if isinstance(error, OSError) and error.errno in (101, 113):  # ENETUNREACH, EHOSTUNREACH
        return "no network connection (offline?)"
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"TLS certificate not accepted ({error.verify_message})"
    if isinstance(error, ssl.SSLError):
        return f"TLS error ({error.reason or error})"
    if isinstance(error, http.client.InvalidURL):
        return f"invalid URL ({error})"
    if isinstance(error, http.client.RemoteDisconnected):
        return "the server closed the connection without replying"
    if isinstance(error, http.client.IncompleteRead):
        return "the server closed the connection before the whole response was sent"
    if isinstance(error, http.client.HTTPException):
        return f"malformed HTTP response ({type(error).__name__})"
    text = str(getattr(error, "strerror", None) or error)
    return " ".join(text.split()) or type(error).__name__
