"""Many clients at once against the web server: is every answer a 200 or a quick 503?

Run through `benchmarks/web_load.py --clients N --seconds S` (see its usage). Each client
is a keep-alive HTTP/1.1 connection (asyncio streams, so that 200 of them cost the
measuring process little) asking, one request after another, for a mix of the pages and
API calls a reader makes: search (page and API), dossiers, entity details, graphs, claims.
A client told 503 waits its `Retry-After` (with jitter), as a browser or a polite script
does; a request not answered within `--timeout` counts as a timeout and the client opens
a new connection. Printed: answers by status, timeouts, connection errors, latency
percentiles of the 200s and of the 503s.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import func, select

from tracewire.store import open_store
from tracewire.store.models import EntityRow

Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter]


@dataclass
class Tally:
    """What the clients saw."""

    latencies: dict[int, list[float]] = field(default_factory=dict)  # status -> ms
    timeouts: int = 0
    errors: int = 0

    def add(self, status: int, ms: float) -> None:
        self.latencies.setdefault(status, []).append(ms)


def flood_paths(db: Path, limit: int = 100) -> list[str]:
    """Request paths over the store's representatives: ids and the names to search for."""
    store = open_store(str(db), create=False)
    with store.session() as session:
        is_rep = func.coalesce(EntityRow.cluster_key, EntityRow.key) == EntityRow.key
        rows = session.execute(
            select(EntityRow.id, EntityRow.canonical).where(is_rep).order_by(EntityRow.id)
        ).all()
    store.close()
    sample = random.Random(5).sample(rows, min(limit, len(rows)))
    paths: list[str] = []
    for entity_id, name in sample:
        word = quote(name.split()[0])
        paths += [
            f"/entities/{entity_id}",
            f"/api/entities/{entity_id}",
            f"/api/graph/{entity_id}",
            f"/api/entities?q={word}",
            f"/?q={word}",
            f"/api/claims?party={entity_id}&limit=20",
        ]
    return paths


async def _read(reader: asyncio.StreamReader) -> tuple[int, dict[str, str]]:
    """One response: its status and headers (the body is read and dropped)."""
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("the server closed the connection")
    status = int(status_line.split()[1])
    headers: dict[str, str] = {}
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while size := int((await reader.readline()).split(b";")[0], 16):
            await reader.readexactly(size + 2)
        await reader.readline()
    return status, headers


async def _client(port: int, paths: list[str], stop: float, timeout: float, tally: Tally) -> None:
    rng = random.Random()
    connection: Connection | None = None
    loop = asyncio.get_running_loop()
    while loop.time() < stop:
        path = rng.choice(paths)
        started = time.perf_counter()
        try:
            if connection is None:
                connection = await asyncio.wait_for(
                    asyncio.open_connection("127.0.0.1", port), timeout
                )
            reader, writer = connection
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            await writer.drain()
            status, headers = await asyncio.wait_for(_read(reader), timeout)
        except TimeoutError:
            tally.timeouts += 1
            connection = _closed(connection)
            continue
        except (OSError, ValueError, asyncio.IncompleteReadError):
            tally.errors += 1
            connection = _closed(connection)
            await asyncio.sleep(0.1)
            continue
        tally.add(status, (time.perf_counter() - started) * 1000)
        if headers.get("connection") == "close":
            connection = _closed(connection)
        if status == 503:
            await asyncio.sleep(float(headers.get("retry-after") or 1) * rng.uniform(0.5, 1.5))
    _closed(connection)


def _closed(connection: Connection | None) -> None:
    """Close a connection (if any); None, for the client's next one."""
    if connection is not None:
        connection[1].close()


async def _flood(
    port: int, paths: list[str], clients: int, seconds: float, timeout: float
) -> Tally:
    tally = Tally()
    stop = asyncio.get_running_loop().time() + seconds
    await asyncio.gather(*(_client(port, paths, stop, timeout, tally) for _ in range(clients)))
    return tally


def flood(port: int, paths: list[str], clients: int, seconds: float, timeout: float) -> Tally:
    """`clients` clients asking for `paths` for `seconds` seconds."""
    return asyncio.run(_flood(port, paths, clients, seconds, timeout))


def _percentiles(values: list[float]) -> str:
    if len(values) < 2:
        return "  ".join(f"{v:.1f}" for v in values) or "-"
    q = statistics.quantiles(values, n=100, method="inclusive")
    return f"p50 {q[49]:.1f}  p95 {q[94]:.1f}  p99 {q[98]:.1f}  max {max(values):.1f}"


def report_flood(tally: Tally, clients: int, seconds: float, setup: str) -> None:
    """Answers by status with latencies (ms), timeouts and errors, and the verdict."""
    answers = sum(len(v) for v in tally.latencies.values())
    print(f"\n{clients} clients for {seconds:g} s, {setup}")
    print(f"answers {answers} ({answers / seconds:.0f}/s)  timeouts {tally.timeouts}  "
          f"connection errors {tally.errors}")  # fmt: skip
    for status in sorted(tally.latencies):
        values = tally.latencies[status]
        print(f"  {status}: {len(values):>6}  {_percentiles(values)} ms")
    others = sorted(s for s in tally.latencies if s not in (200, 503))
    ok = not tally.timeouts and not tally.errors and not others
    verdict = f"timeouts {tally.timeouts}, errors {tally.errors}, other statuses {others}"
    print("every answer a 200 or a 503, no timeouts" if ok else f"NOT MET: {verdict}")
