"""Fetching a web page or feed, and posting to a webhook, over HTTP(S) with limits.

The HTTP client is httpx; what it does not do is added here, around it:

- the SSRF guard: httpx connects through `_GuardedBackend`, a network backend of its
  transport layer (httpcore) that resolves the host itself, checks every address with
  `addresses.vet_addresses` and connects to an address that passed, never to the name
  again (so a DNS answer that changes between check and connect changes nothing), while
  the `Host` header, TLS SNI and the certificate check use the name. Redirects are
  followed here, hop by hop, so that each target is checked the same way;
- one time budget for the whole request: httpx's timeouts count per operation, so every
  read and write of the connection (`_DeadlineStream`) and the name lookup wait only for
  what is left of the budget, and a server that trickles header or body bytes cannot
  stretch a request past its timeout;
- size caps on the declared length, the bytes read and the decompressed bytes: bodies
  are read raw and inflated here, since httpx's decoders inflate a chunk whole however
  large it grows (a compression bomb).

Every failure is a `FetchError` whose str is one line.
"""

from __future__ import annotations

import json
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpcore
import httpx

from tracewire.ingest.addresses import AddressRefusedError, Resolver, resolve_host, vet_addresses
from tracewire.ingest.addresses import parse_networks as _parse_networks

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
                location = reply.headers.get("Location")
                if reply.status_code not in REDIRECT_STATUSES or not location:
                    _check_status(reply)
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
            _check_status(reply)
            return reply.status_code  # the reply's body is not used (nor read)
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


def _checked_url(url: str) -> str:
    """`url` if it is an http(s) URL with a host, else `_StepError`."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as error:
        raise _StepError(f"invalid URL ({error})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise _StepError("only http and https URLs are supported")
    if not parts.hostname:
        raise _StepError("no host name in the URL")
    return url.strip().replace(" ", "%20")


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
) -> Iterator[httpx.Response]:
    """Send one request through the guarded client and yield the reply (its body not yet
    read); errors as `_StepError`."""
    target = _checked_url(url)
    backend = _GuardedBackend(policy, resolver, deadline)
    request_headers = {"User-Agent": policy.user_agent, "Connection": "close", **headers}
    try:
        with (
            httpx.Client(
                transport=_GuardedTransport(backend),
                timeout=httpx.Timeout(policy.timeout),
                follow_redirects=False,
                trust_env=False,  # no proxy from the environment: it would skip the guard
            ) as client,
            client.stream(method, target, headers=request_headers, content=body) as reply,
        ):
            yield reply
    except _StepError:
        raise
    except (httpx.HTTPError, httpx.InvalidURL, OSError, UnicodeError, ValueError) as error:
        raise _StepError(describe(error, policy.timeout)) from None


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport over a connection pool that connects through our backend.

    httpx's transport takes no network backend of its own; its pool (httpcore's, which
    does) is replaced by one made with the same TLS settings and our backend."""

    def __init__(self, backend: _GuardedBackend) -> None:
        context = ssl.create_default_context()  # the system's CAs ($SSL_CERT_FILE too)
        super().__init__(verify=context)
        self._pool = httpcore.ConnectionPool(
            ssl_context=context, max_connections=1, retries=0, network_backend=backend
        )


class _GuardedBackend(httpcore.NetworkBackend):
    """Connections only to vetted addresses, each step within the request's deadline."""

    def __init__(self, policy: FetchPolicy, resolver: Resolver, deadline: float) -> None:
        self._policy, self._resolver, self._deadline = policy, resolver, deadline
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        """A connection to the first vetted address of `host` that answers."""
        addresses = _addresses(host, port, self._policy, self._resolver, self._deadline)
        error: Exception = OSError("no address to connect to")
        for address in addresses:
            left = _left(self._deadline, self._policy, httpcore.ConnectTimeout)
            try:
                stream = self._inner.connect_tcp(
                    address, port, timeout=left, socket_options=socket_options
                )
            except httpcore.ConnectTimeout:
                raise
            except httpcore.ConnectError as exc:
                error = exc
                continue
            return _DeadlineStream(stream, self._deadline, self._policy)
        raise error

    def sleep(self, seconds: float) -> None:
        """httpcore's retry pause (no retries are made)."""
        time.sleep(seconds)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write (TLS handshake included) waits only for
    what is left until the deadline: http parsing reads the status line and headers in
    many small reads, each of which would otherwise get the whole timeout."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float, policy: FetchPolicy) -> None:
        self._inner, self._deadline, self._policy = inner, deadline, policy

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        """Bytes from the server, waiting at most until the deadline."""
        return self._inner.read(max_bytes, _left(self._deadline, self._policy))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        """Bytes to the server, waiting at most until the deadline."""
        self._inner.write(buffer, _left(self._deadline, self._policy, httpcore.WriteTimeout))

    def close(self) -> None:
        """Close the connection."""
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        """The TLS handshake (SNI and the certificate check use the host name)."""
        left = _left(self._deadline, self._policy, httpcore.ConnectTimeout)
        inner = self._inner.start_tls(ssl_context, server_hostname, left)
        return _DeadlineStream(inner, self._deadline, self._policy)

    def get_extra_info(self, info: str) -> Any:
        """What httpcore asks of the socket (its TLS object, addresses)."""
        return self._inner.get_extra_info(info)


def _left(
    deadline: float, policy: FetchPolicy, timeout: type[Exception] = httpcore.ReadTimeout
) -> float:
    """Seconds left in the time budget, or `timeout` raised if none are."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise timeout(f"timed out after {policy.timeout:g} s")
    return left


def _lookup(resolver: Resolver, host: str, port: int, deadline: float, timeout: float) -> list[str]:
    """The resolver's answer, waited for only until `deadline` (the system resolver has
    no timeout of its own): in a daemon thread, abandoned if it is late."""
    answer: list[Sequence[str] | BaseException] = []

    def ask() -> None:
        try:
            answer.append(resolver(host, port))
        except BaseException as error:  # handed over to the caller's thread
            answer.append(error)

    thread = threading.Thread(target=ask, name=f"resolve {host}", daemon=True)
    thread.start()
    thread.join(max(deadline - time.monotonic(), 0))
    if not answer:
        raise httpcore.ConnectTimeout(f"timed out after {timeout:g} s")
    if isinstance(answer[0], BaseException):
        raise answer[0]
    return list(answer[0])


def _addresses(
    host: str, port: int, policy: FetchPolicy, resolver: Resolver, deadline: float
) -> list[str]:
    """The host's addresses, each allowed by the policy, or `_StepError`."""
    try:
        found = _lookup(resolver, host, port, deadline, policy.timeout)
    except (OSError, UnicodeError) as error:
        raise _StepError(describe(error, policy.timeout)) from None
    try:
        return vet_addresses(
            host,
            found,
            allow_private=policy.allow_private,
            allowed=_parse_networks(policy.allow_networks),
        )
    except AddressRefusedError as refusal:
        raise _StepError(str(refusal), refused=True) from None


def _check_status(reply: httpx.Response) -> None:
    """Raise `_StepError` for a response that is not a success."""
    if not 200 <= reply.status_code < 300:
        raise _StepError(f"HTTP {reply.status_code} {reply.reason_phrase}".strip())


def _fetched(url: str, reply: httpx.Response, policy: FetchPolicy) -> Fetched:
    """The `Fetched` record of a successful response, its body read within the limits."""
    message = Message()
    if "Content-Type" in reply.headers:
        message["Content-Type"] = reply.headers["Content-Type"]
    return Fetched(
        url=redact(url),
        status=reply.status_code,
        content_type=message.get_content_type() if "Content-Type" in message else None,
        charset=message.get_content_charset(),
        body=_read_body(reply, policy),
        etag=reply.headers.get("ETag"),
        last_modified=reply.headers.get("Last-Modified"),
    )


def _read_body(reply: httpx.Response, policy: FetchPolicy) -> bytes:
    """The body, decoded from gzip/deflate, within the byte limit (and, through the
    connection's reads, the time budget)."""
    limit = policy.max_bytes
    declared = (reply.headers.get("Content-Length") or "").strip()
    if declared.isdigit() and int(declared) > limit:
        raise _StepError(f"{int(declared):,} bytes exceeds the {limit:,}-byte limit")
    inflater = _inflater(reply.headers.get("Content-Encoding"))
    chunks: list[bytes] = []
    size = 0
    try:
        for raw in reply.iter_raw(CHUNK):
            chunk = _inflate(inflater, raw, limit - size) if inflater is not None else raw
            size += len(chunk)
            if size > limit:
                raise _StepError(f"more than the {limit:,}-byte limit")
            chunks.append(chunk)
    except (httpx.HTTPError, OSError) as error:
        raise _StepError(describe(error, policy.timeout)) from None
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


def _root(error: BaseException) -> BaseException:
    """The error at the bottom of httpx's and httpcore's wrapping (an OSError, an SSL
    error, a protocol error), or `error` itself."""
    seen: set[int] = set()
    while id(error) not in seen:
        seen.add(id(error))
        inner = error.__cause__ or error.__context__
        if inner is None:
            break
        error = inner
    return error


def describe(error: BaseException, timeout: float) -> str:
    """A short reason for a failed request, in words a user can act on."""
    if isinstance(error, httpx.TimeoutException | httpcore.TimeoutException):
        return f"timed out after {timeout:g} s"
    if isinstance(error, httpx.RemoteProtocolError | httpcore.RemoteProtocolError):
        text = str(error).lower()
        if "without sending" in text and "response" in text:
            return "the server closed the connection without replying"
        if "incomplete" in text or "peer closed" in text:
            return "the server closed the connection before the whole response was sent"
        return f"malformed HTTP response ({' '.join(str(error).split())[:120]})"
    if isinstance(error, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return f"invalid URL ({error})"
    root = _root(error)
    if root is not error and isinstance(root, OSError | UnicodeError):
        return describe(root, timeout)
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
    text = str(getattr(error, "strerror", None) or error)
    return " ".join(text.split()) or type(error).__name__
