"""Latency of the web interface on a synthetic store: p50/p95/p99 per endpoint.

Usage: python benchmarks/web_load.py [--db PATH] [--requests 500] [--concurrency 4]
Generates (or reuses, with --db of an existing file) a store of 10k entities, 100k claims
over 2k documents (rows written with SQLAlchemy core), serves it with uvicorn in a subprocess
on 127.0.0.1, and times the dossier page, the entity API and the graph API for hub entities
(the most claimed) and ordinary ones, first on the schema as migrated, then with the
indexes the web queries recommend. Target: p95 < 50 ms, measured with `--no-cache` (every
request computed), the primary figure:

    python benchmarks/web_load.py --db /tmp/wl.db --requests 200 --concurrency 4 \
        --workers 2 --phases indexed --no-cache

Many clients at once (does the server shed what it cannot serve, with a quick 503?), on the
store built from the dev corpus:

    python benchmarks/web_load.py --db /tmp/dev.db --corpus ../shared/corpus/dev \
        --clients 200 --seconds 30

The store's party_edges aggregate (and the tables built with it) is built as
`resolve_store` builds it at the end of every `tracewire build` (its cost is printed);
`--no-aggregate` drops it, so that the server reads the claims directly. Without
`--no-cache` the server keeps rendered responses until the store changes: each worker
computes a URL once and serves it from memory after that, so most timed requests are cache
hits. The `hits` column counts them (from the server's X-Cache header): such a row measures
the cache, not the computation.

The analyst's workspace (the claims table with three filters, its page, and full-text
search; target p95 < 100 ms with 4 clients), every request computed:

    python benchmarks/web_load.py --db /tmp/wl.db --requests 300 --concurrency 4 \
        --phases workspace --no-cache
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select

from tracewire.pipeline import build
from tracewire.store import open_store
from tracewire.store.edges import AggregateRow, is_current, rebuild_party_edges
from tracewire.store.models import (
    AliasRow,
    ClaimHedgeRow,
    ClaimRow,
    DocumentRow,
    EntityRow,
    MatchRow,
    MentionRow,
    SanctionsListRow,
)
from tracewire.store.read.parties import RECOMMENDED_INDEXES
from tracewire.store.technology import save_classes
from web_flood import flood, flood_paths, report_flood

TARGET_MS = 50.0
TYPES = ("Company", "Company", "Company", "PublicBody", "Organization", "Person")
VERBS = {
    "supplies": "supplied surveillance cameras to", "contract": "signed a contract with",
    "agreement": "signed an agreement with", "owns": "owns a stake in", "funds": "funded",
    "sanctions": "sanctioned", "trains": "trained officers of", "meets": "met officials of",
    "cooperates": "cooperates on policing with", "member_of": "joined",
}  # fmt: skip
RELATIONS = list(VERBS)
TECHNOLOGIES = (
    None, None, None, "facial recognition cameras", "Pegasus spyware", "deep packet inspection",
    "IMSI catchers", "a 4G core network", "police training", "tiger chairs", "surveillance drones",
    "CCTV cameras", "an AFIS fingerprint database", "Cellebrite phone forensics kits",
)  # fmt: skip
WORKSPACE_TARGET_MS = 100.0
HEDGES = (
    ("asserted",) * 8
    + ("reported", "reported", "alleged", "rumoured", "speculative", "planned", "denied")
    + ("reported,alleged", "planned,reported")
)


def _insert(session: Any, model: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), 5000):
        session.execute(insert(model), rows[start : start + 5000])


def generate(path: Path, entities: int, claims: int, documents: int, seed: int = 7) -> None:
    """A store with Zipf-like party frequencies (the first entities, countries, are hubs) and
    15% of the entities other names (cluster members) of earlier ones."""
    rng, now = random.Random(seed), datetime(2024, 1, 1)
    store = open_store(str(path))
    names = [
        f"Country {i}" if i < 30 else f"Entity {i} {rng.choice(TYPES)}" for i in range(entities)
    ]
    split = int(entities * 0.85)
    weights = [1 / (i + 1) ** 0.8 for i in range(entities)]
    rep_of = list(range(split)) + rng.choices(range(split), weights[:split], k=entities - split)
    parties = rng.choices(range(entities), weights, k=2 * claims)
    texts: list[list[str]] = [[] for _ in range(documents)]
    sizes = [0] * documents
    claim_rows, mention_rows = [], []
    for k in range(claims):
        s, o, doc, relation = parties[2 * k], parties[2 * k + 1], k % documents, RELATIONS[k % 10]
        o = (o + 1) % entities if s == o else o
        year = rng.choice([None, None, *range(2005, 2025)])
        when = f"{year}-{rng.randint(1, 12):02d}" if year and k % 3 else year and str(year)
        when = f"{year}/{year + 2}" if year and k % 17 == 0 else when  # a range of years
        tech = rng.choice(TECHNOLOGIES)
        what = f" {tech} to" if tech else ""
        sentence = f"{names[s]} {VERBS[relation]}{what} {names[o]} in {when or 'recent years'}."
        start, o_start = sizes[doc], sizes[doc] + len(names[s]) + len(VERBS[relation]) + 2
        texts[doc].append(sentence)
        sizes[doc] += len(sentence) + 1
        claim_rows.append({
            "document_id": f"doc{doc:05d}", "relation": relation, "subject_id": s + 1,
            "object_id": o + 1, "subject_text": names[s], "object_text": names[o],
            "subject_start": start, "subject_end": start + len(names[s]), "object_start": o_start,
            "object_end": o_start + len(names[o]), "technology": tech, "date": when,
            "amount": None, "hedging": rng.choice(HEDGES), "source": rng.choice([None, "IPVM"]),
            "evidence_start": start, "evidence_end": start + len(sentence), "trigger": relation,
            "extractor": "bench", "version": "1", "confidence": 0.7,
        })  # fmt: skip
        mention_rows += [
            {"document_id": f"doc{doc:05d}", "entity_id": e + 1, "start": at,
             "end": at + len(names[e]), "text": names[e], "type": "Company",
             "sentence_start": start, "sentence_end": start + len(sentence), "form": "name",
             "origin": "rule"}
            for e, at in ((s, start), (o, o_start))
        ]  # fmt: skip
    with store.transaction() as session:
        _insert(session, EntityRow, [
            {"id": i + 1, "key": f"bench:{i}", "canonical": names[i],
             "type": "Country" if i < 30 else names[i].rsplit(" ", 1)[1],
             "qid": f"Q{1000 + i}" if i < 30 else None, "origin": "text",
             "cluster_key": f"bench:{rep_of[i]}"}
            for i in range(entities)
        ])  # fmt: skip
        _insert(session, AliasRow, [
            {"entity_id": i + 1, "name": n, "normalised": n.lower(), "origin": "text"}
            for i in range(entities) for n in (names[i], f"{names[i]} Group")
        ])  # fmt: skip
        _insert(session, DocumentRow, [
            {"id": f"doc{d:05d}", "name": f"report-{d:05d}.txt", "source": f"/r/{d}.txt",
             "media_type": "text/plain", "title": f"Report {d}", "published": None, "url": None,
             "text": " ".join(texts[d]), "word_count": len(" ".join(texts[d]).split()),
             "signature": b"", "added_at": now}
            for d in range(documents)
        ])  # fmt: skip
        _insert(session, ClaimRow, claim_rows)
        ids = session.scalars(select(ClaimRow.id).order_by(ClaimRow.id)).all()
        _insert(session, ClaimHedgeRow, [
            {"claim_id": i, "label": label} for i, row in zip(ids, claim_rows, strict=True)
            for label in row["hedging"].split(",") if label
        ])  # fmt: skip
        techs = [row["technology"] for row in claim_rows]
        save_classes(session, list(zip(ids, techs, strict=True)))
        _insert(session, MentionRow, mention_rows)
        session.add(SanctionsListRow(id="bench", name="Bench SDN", source="synthetic",
                                     date="2024-01-01", entries=200, loaded_at=now))  # fmt: skip
        session.flush()
        _insert(session, MatchRow, [
            {"entity_id": i + 1, "list_id": "bench", "entry_id": f"B{i}",
             "entry_name": names[i].upper(), "entry_schema": "Organization", "programs": "BENCH",
             "query_name": names[i], "matched_name": names[i], "score": 0.9 if i % 4 else 0.6,
             "is_hit": bool(i % 4), "algorithm": "bench/1", "features": "{}",
             "explanation": "synthetic match", "screened_at": now}
            for i in range(0, split, split // 200)
        ])  # fmt: skip
    store.close()


def pick_targets(path: Path, ordinary: int, seed: int = 3) -> dict[str, list[int]]:
    """The 3 representatives with most claims, and a sample of ordinary ones (5-50 claims)."""
    store = open_store(str(path), create=False)
    with store.session() as session:
        counts: dict[int, int] = {}
        for column in (ClaimRow.subject_id, ClaimRow.object_id):
            for raw, n in session.execute(select(column, func.count()).group_by(column)):
                counts[raw] = counts.get(raw, 0) + n
        is_rep = EntityRow.cluster_key == EntityRow.key
        reps = set(session.scalars(select(EntityRow.id).where(is_rep)))
    store.close()
    ranked = sorted((e for e in counts if e in reps), key=lambda e: -counts[e])
    middle = [e for e in ranked if 5 <= counts[e] <= 50]
    sample = random.Random(seed).sample(middle, min(ordinary, len(middle)))
    print(f"hubs: {', '.join(f'#{e} ({counts[e]} claims)' for e in ranked[:3])}; ordinary: "
          f"{len(sample)} entities with 5-50 raw claims")  # fmt: skip
    return {"hub": ranked[:3], "ordinary": sample}


def prepare_aggregate(path: Path, wanted: bool, rebuild: bool = False) -> None:
    """Build party_edges (timed) when wanted and not current (or `rebuild`); drop its state
    when not wanted."""
    store = open_store(str(path))  # migrates a store generated before the aggregate
    with store.transaction() as session:
        if not wanted:
            session.execute(delete(AggregateRow))
        elif rebuild or not is_current(session):
            started = time.perf_counter()
            rebuild_party_edges(session)
            print(f"built party_edges in {time.perf_counter() - started:.2f}s")
    store.close()


def _free_port() -> int:
    with socket.socket() as sock:  # a free port for the server to take
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    path: Path, port: int, workers: int, cache: bool = True
) -> subprocess.Popen[bytes]:
    """uvicorn serving create_app() over the store, once it answers."""
    env = {**os.environ, "TRACEWIRE_DB": str(path)}
    if not cache:
        env["TRACEWIRE_WEB_CACHE"] = "0"
    command = [sys.executable, "-m", "uvicorn", "tracewire.serve.web:create_app", "--factory",
               "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
               "--workers", str(workers)]  # fmt: skip
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            conn.request("GET", "/api/entities?limit=1")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
        finally:
            conn.close()
    server.kill()
    raise RuntimeError("the server did not start")


def load(
    port: int, paths: list[str], requests: int, concurrency: int, budget: float
) -> dict[str, Any]:
    """`requests` GETs over `paths` from `concurrency` keep-alive clients, within `budget` s."""
    timings: list[float] = []
    errors: list[int] = []
    hits: list[bool] = []
    lock = threading.Lock()
    jobs = iter(paths[i % len(paths)] for i in range(requests))
    stop = time.monotonic() + budget

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop:
            with lock:
                path = next(jobs, None)
            if path is None:
                return
            start = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                timings.append(elapsed)
                errors.extend([response.status] if response.status != 200 else [])
                hits.append(response.getheader("X-Cache") == "hit")

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    q = statistics.quantiles(timings, n=100, method="inclusive") if len(timings) > 1 else [0.0] * 99
    return {"n": len(timings), "errors": len(errors), "hits": sum(hits), "p50": q[49],
            "p95": q[94], "p99": q[98], "max": max(timings, default=0.0)}  # fmt: skip


ENDPOINTS = {"dossier page": "/entities/{}", "entity API": "/api/entities/{}",
             "graph API": "/api/graph/{}"}  # fmt: skip


def add_indexes(path: Path) -> None:
    """Create the covering indexes the web queries recommend (party_queries)."""
    store = open_store(str(path), create=False)
    with store.engine.begin() as conn:
        for name, (table, cols) in RECOMMENDED_INDEXES.items():
            conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({','.join(cols)})")
        conn.exec_driver_sql("ANALYZE")
    store.close()


def run_phase(path: Path, targets: dict[str, list[int]], args: argparse.Namespace) -> list[Any]:
    """Every endpoint and entity class against one server over the store."""
    port = _free_port()
    server = start_server(path, port, args.workers, cache=not args.no_cache)
    results = []
    try:
        for name, pattern in ENDPOINTS.items():
            for kind, ids in targets.items():
                paths = [pattern.format(i) for i in ids]
                load(port, paths, 20, args.concurrency, args.budget)  # warm-up
                stats = load(port, paths, args.requests, args.concurrency, args.budget)
                results.append({"endpoint": name, "entities": kind, **stats})
    finally:
        server.terminate()
        server.wait(timeout=10)
    return results


def workspace_paths(seed: int = 5) -> dict[str, list[str]]:
    """URLs of the claims table with three filters (relation, hedging, technology class,
    sometimes a date range for one of them, some sorted) and of full-text searches."""
    rng = random.Random(seed)
    classes = ["facial-recognition", "spyware-intrusion", "dpi-censorship",
               "lawful-interception", "telecom-networks", "weapons-interrogation"]  # fmt: skip
    hedges = ["asserted", "reported", "alleged", "planned", "denied"]
    tables, pages, searches = [], [], []
    for k in range(60):
        three = [f"relation={rng.choice(RELATIONS)}", f"hedging={rng.choice(hedges)}",
                 f"technology={rng.choice(classes)}"]  # fmt: skip
        if k % 3 == 0:  # a date range instead of the relation
            year = rng.randint(2005, 2022)
            three[0] = f"date_from={year}&date_to={year + 2}"
        sort = rng.choice(["", "&sort=-date", "&sort=subject", "&sort=source"])
        tables.append(f"/api/claims?{'&'.join(three)}{sort}")
        pages.append(f"/?{'&'.join(three)}{sort}")
    words = ["tiger chairs", "Pegasus spyware", "packet inspection", "fingerprint database",
             "core network", "facial recognition", "drones", "trained"]  # fmt: skip
    for k in range(60):
        entity = f"Entity {rng.randint(30, 9000)}"
        q = rng.choice(words) if k % 2 else f"{entity} {rng.choice(words).split()[0]}"
        searches.append(f"/api/search?q={q.replace(' ', '+')}")
    return {"claims API, 3 filters": tables, "claims page, 3 filters": pages,
            "search API": searches}  # fmt: skip


def run_workspace(path: Path, args: argparse.Namespace) -> list[Any]:
    """The claims table and full-text search against one server over the store."""
    port = _free_port()
    server = start_server(path, port, args.workers, cache=not args.no_cache)
    results = []
    try:
        for name, paths in workspace_paths().items():
            load(port, paths, 20, args.concurrency, args.budget)  # warm-up
            stats = load(port, paths, args.requests, args.concurrency, args.budget)
            results.append({"endpoint": name, "entities": "-", **stats})
    finally:
        server.terminate()
        server.wait(timeout=10)
    return results


def report(title: str, results: list[dict[str, Any]], target: float = TARGET_MS) -> None:
    """A table of latencies in ms, each row marked against the target."""
    print(f"\n{title}")
    print(f"{'endpoint':<24}{'entities':<10}{'n':>5}{'err':>5}{'hits':>6}" + "".join(
        f"{h:>8}" for h in ("p50", "p95", "p99", "max")))  # fmt: skip
    for r in results:
        verdict = "ok" if r["p95"] < target else f"p95 over {target:.0f} ms"
        if r["hits"]:
            verdict += f" ({r['hits']} of {r['n']} from the response cache)"
        row = f"{r['endpoint']:<24}{r['entities']:<10}{r['n']:>5}{r['errors']:>5}{r['hits']:>6}"
        print(row + "".join(f"{r[k]:>8.1f}" for k in ("p50", "p95", "p99", "max")), verdict)
    hits, total = sum(r["hits"] for r in results), sum(r["n"] for r in results)
    if hits:
        print(f"{hits} of {total} timed requests were cache hits (served, not computed); "
              "--no-cache times the computation")  # fmt: skip


def run_flood(path: Path, args: argparse.Namespace) -> None:
    """`--clients` clients for `--seconds` against a server over the store at `path`."""
    paths = flood_paths(path)
    port = _free_port()
    server = start_server(path, port, args.workers, cache=not args.no_cache)
    try:
        tally = flood(port, paths, args.clients, args.seconds, args.timeout)
    finally:
        server.terminate()
        server.wait(timeout=10)
    cache = "no cache" if args.no_cache else "response cache"
    setup = f"{args.workers} uvicorn worker(s), {cache}, {len(paths)} URLs"
    report_flood(tally, args.clients, args.seconds, setup)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="store to use (generated when missing)")
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=2_000)
    parser.add_argument("--requests", type=int, default=500, help="per endpoint and class")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per row at most")
    parser.add_argument(
        "--phases", default="schema,indexed",
        help="schema: the store as migrated; indexed: after adding RECOMMENDED_INDEXES; "
        "workspace: the claims table with three filters and full-text search",
    )  # fmt: skip
    parser.add_argument("--no-cache", action="store_true", help="serve without response cache")
    parser.add_argument("--no-aggregate", action="store_true", help="serve without party_edges")
    parser.add_argument("--rebuild", action="store_true", help="rebuild party_edges (timed)")
    parser.add_argument("--clients", type=int, help="flood: this many clients at once")
    parser.add_argument("--seconds", type=float, default=30.0, help="flood: for this long")
    parser.add_argument("--timeout", type=float, default=30.0, help="flood: client timeout")
    parser.add_argument("--corpus", type=Path, help="build --db from these reports if missing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "web-load.db"
        if not path.exists() and args.corpus:
            store = open_store(str(path))
            print(f"built {path} from {args.corpus}: {len(build([args.corpus], store).stored)} "
                  "documents")  # fmt: skip
            store.close()
        if args.clients:
            run_flood(path, args)
            return
        if not path.exists():
            started = time.perf_counter()
            generate(path, args.entities, args.claims, args.documents)
            took = time.perf_counter() - started
            print(f"generated {path} in {took:.1f}s: {args.entities} entities, "
                  f"{args.claims} claims, {args.documents} documents")  # fmt: skip
        prepare_aggregate(path, wanted=not args.no_aggregate, rebuild=args.rebuild)
        targets = pick_targets(path, ordinary=50)
        setup = f"{args.concurrency} concurrent clients, {args.workers} uvicorn worker(s), "
        setup += "no cache, " if args.no_cache else "response cache (see hits), "
        setup += "no aggregate, " if args.no_aggregate else "party_edges, "
        setup += f"{args.requests} requests per row; ms"
        for phase in args.phases.split(","):
            if phase == "workspace":  # target: p95 < 100 ms
                report(f"{phase}: {setup}", run_workspace(path, args), WORKSPACE_TARGET_MS)
                continue
            if phase == "indexed":
                add_indexes(path)
            report(f"{phase}: {setup}", run_phase(path, targets, args))


if __name__ == "__main__":
    main()
