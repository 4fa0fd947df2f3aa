"""Pages and API read from party_edges give what the live claim queries give; every claim of a
hub stays reachable by paging."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, insert, or_, select, text

from tracewire.serve.web import create_app, deps, parties
from tracewire.serve.web.pages import entities as entity_pages
from tracewire.serve.web.parties import LiveParties, StoredParties, parties_for
from tracewire.store import Store, open_store
from tracewire.store.edges import rebuild_party_edges
from tracewire.store.models import Base, ClaimRow, EntityRow
from tracewire.store.read import clusters as queries
from tracewire.store.sanctions import best_hit_labels, match_views

from .conftest import Ruritania
from .factory import StoreBuilder


def _copy_with_edges(url: str, folder: Path) -> Store:
    """A copy of a store (table by table, so on any database), with party_edges built on it."""
    source = open_store(url, create=False)
    store = open_store(str(folder / "copy.db"))
    with source.engine.connect() as read, store.transaction() as session:
        for table in reversed(Base.metadata.sorted_tables):  # a new store's generation rows
            session.execute(delete(table))
        for table in Base.metadata.sorted_tables:
            rows = [dict(row) for row in read.execute(select(table)).mappings()]
            if rows:  # what the copy's migrations wrote (generations, settings) gives way
                session.execute(delete(table))
                session.execute(insert(table), rows)
        rebuild_party_edges(session)
    source.close()
    return store


def _representatives(store: Store) -> list[int]:
    with store.session() as session:
        rows = session.execute(select(EntityRow.id, EntityRow.key, EntityRow.cluster_key))
        return [i for i, key, cluster in rows if (cluster or key) == key]


def _responses(store: Store, ids: list[int]) -> dict[str, Any]:
    paths = [
        p
        for i in ids
        for p in (
            f"/api/entities/{i}",
            f"/api/graph/{i}",
            f"/api/graph/{i}?depth=2",
            f"/api/graph/{i}?depth=2&max_nodes=4",
            f"/entities/{i}",
            f"/entities/{i}/network",
        )
    ]
    with TestClient(create_app(store.url)) as client:
        found: dict[str, Any] = {}
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            found[path] = response.json() if "/api/" in path else response.text
        for i in ids[:5]:  # one counterparty's claims
            page = found[f"/entities/{i}"]
            for other in re.findall(r"\?with=(\d+)", page)[:3]:
                found[f"/entities/{i}?with={other}"] = client.get(
                    f"/entities/{i}?with={other}"
                ).text
        return found


@pytest.mark.parametrize("source", ["ruritania", "dev"])
def test_stored_edges_answer_like_the_claims(
    source: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if source == "ruritania":
        url = request.getfixturevalue("ruritania").client.app.state.store.url
    else:
        url = request.getfixturevalue("dev_store")[0].url
    store = _copy_with_edges(url, tmp_path)
    ids = _representatives(store)
    monkeypatch.setenv("TRACEWIRE_WEB_CACHE", "0")
    with store.session() as session:
        assert isinstance(parties_for(session, stored=True), StoredParties)
    from_edges = _responses(store, ids)
    monkeypatch.setattr(
        deps, "parties_for", lambda session, stored, technology=None: LiveParties(session)
    )
    from_claims = _responses(store, ids)
    assert from_edges.keys() == from_claims.keys()
    for path, body in from_edges.items():
        assert body == from_claims[path], path
    store.close()


@pytest.fixture()
def hub(tmp_path: Path) -> Iterator[tuple[TestClient, Store, dict[str, int]]]:
    """A hub with 40 small counterparties and 25 claims with one big one (two names each)."""
    store = open_store(str(tmp_path / "hub.db"))
    b = StoreBuilder(store)
    sentences = [f"Hub Corp supplied cameras to Client {i}." for i in range(40)]
    sentences += [f"Hub Corp signed contract {i} with Big Ministry." for i in range(25)]
    b.document("h1", "hub.txt", " ".join(sentences))
    ids = {"hub": b.entity("Hub Corp", "Company"), "big": b.entity("Big Ministry", "PublicBody")}
    ids["hub_ltd"] = b.entity("Hub Corp Ltd", "Company", cluster=ids["hub"])
    ids["big_2"] = b.entity("The Big Ministry", "PublicBody", cluster=ids["big"])
    for i in range(40):
        client = b.entity(f"Client {i}", "Company")
        b.claim("h1", ids["hub"] if i % 2 else ids["hub_ltd"], "supplies", client, sentences[i])
    for i in range(25):
        subject = ids["hub_ltd"] if i % 3 else ids["hub"]
        b.claim("h1", subject, "contract", ids["big_2"] if i % 2 else ids["big"], sentences[40 + i])
    with store.transaction() as session:
        rebuild_party_edges(session)
    with TestClient(create_app(store.url)) as client:
        yield client, store, ids
    store.close()


def _page_through(client: TestClient, limit: int, **params: Any) -> list[int]:
    seen: list[int] = []
    offset, total = 0, None
    while total is None or offset < total:
        body = client.get("/api/claims", params={**params, "limit": limit, "offset": offset})
        assert body.status_code == 200, body.text
        page = body.json()
        total = page["total"]
        seen += [item["id"] for item in page["items"]]
        offset += limit
    assert len(seen) == total
    return seen


def _claims_between(store: Store, left: list[str], right: list[str] | None) -> set[int]:
    with store.session() as session:
        names = dict(session.execute(select(EntityRow.canonical, EntityRow.id)).tuples().all())
        mine = [names[n] for n in left]
        query = select(ClaimRow.id).where(
            or_(ClaimRow.subject_id.in_(mine), ClaimRow.object_id.in_(mine))
        )
        if right is not None:
            theirs = [names[n] for n in right]
            query = query.where(
                or_(ClaimRow.subject_id.in_(theirs), ClaimRow.object_id.in_(theirs))
            )
        return set(session.scalars(query))


def test_paging_reaches_every_claim_of_a_hub(
    hub: tuple[TestClient, Store, dict[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, store, ids = hub
    everything = _claims_between(store, ["Hub Corp", "Hub Corp Ltd"], None)
    assert len(everything) == 65
    seen = _page_through(client, 7, party=ids["hub"])
    assert len(seen) == len(set(seen)) and set(seen) == everything

    page = client.get(f"/entities/{ids['hub']}").text
    groups = re.findall(r'data-counterparty="(\d+)"', page)
    assert len(groups) == 30 and groups[0] == str(ids["big"])  # most claims first
    hidden = re.search(r"(\d+) more counterparties", page)
    assert hidden is not None and int(hidden.group(1)) == 41 - 30
    monkeypatch.setattr(entity_pages, "ALL_CLAIMS", 10)  # fewer shown than the pair has
    monkeypatch.setenv("TRACEWIRE_WEB_CACHE", "0")
    with TestClient(create_app(store.url)) as fresh:
        one = fresh.get(f"/entities/{ids['hub']}", params={"with": ids["big_2"]}).text
        assert len(re.findall(r'class="claim"', one)) == 10
        link = re.search(r'the API lists them all: <a href="([^"]+)"', one)
        assert link is not None
        api = unescape(link.group(1))
        params = dict(p.split("=") for p in api.split("?")[1].split("&"))
        pair = _page_through(fresh, 4, **params)
    assert set(pair) == _claims_between(
        store, ["Hub Corp", "Hub Corp Ltd"], ["Big Ministry", "The Big Ministry"]
    )
    assert len(pair) == 25


def test_counterparty_filter_needs_a_party(ruritania: Ruritania) -> None:
    client, ids, claims = ruritania.client, ruritania.ids, ruritania.claims
    alone = client.get("/api/claims", params={"counterparty": ids["acme"]})
    assert alone.status_code == 422
    both = client.get(
        "/api/claims", params={"party": ids["ministry"], "counterparty": ids["acme_ltd"]}
    ).json()
    assert {c["id"] for c in both["items"]} == {claims[k] for k in ("c1", "c8", "c9", "c10")}


@pytest.mark.sqlite_only  # the response cache watches SQLite's data_version
def test_responses_are_kept_until_the_store_changes(
    hub: tuple[TestClient, Store, dict[str, int]],
) -> None:
    client, store, ids = hub
    computed = client.get(f"/api/entities/{ids['hub']}")
    assert computed.headers["X-Cache"] == "miss"
    first = computed.json()
    again = client.get(f"/api/entities/{ids['hub']}")
    assert again.headers["X-Cache"] == "hit" and again.json() == first
    with store.engine.begin() as conn:  # another connection commits: a new generation
        conn.execute(
            text("UPDATE entities SET canonical = 'Hub Corporation' WHERE id = :i"),
            {"i": ids["hub"]},
        )
    assert client.get(f"/api/entities/{ids['hub']}").json()["canonical"] == "Hub Corporation"


def _agree_on_everything(store: Store) -> int:
    """Ask StoredParties and LiveParties the same questions about every representative:
    counts, rankings, edges, the first claims of each edge (all together and each alone,
    so that an edge's reverse is not there to absorb its claims) and the dated claims."""
    asked = 0
    with store.session() as session:
        stored, live = StoredParties(session), LiveParties(session)
        reps = queries.entity_refs(session, _representatives(store))
        assert queries.hit_labels(session, reps) == best_hit_labels(session, list(reps))
        assert queries.matches(session, reps) == match_views(session, list(reps))
        for ref in reps.values():
            assert stored.relation_counts(ref) == live.relation_counts(ref)
            for exclude in ((), (ref.id,)):
                for limit in (0, 1, 3, 1000):
                    assert stored.counterparties([ref], exclude, limit) == live.counterparties(
                        [ref], exclude, limit
                    )
            ranked, _total = live.counterparties([ref], (), 1000)
            others = [reps[rep] for rep in ranked]
            edges = live.edges([ref], others)
            assert stored.edges([ref], others) == edges
            groups = [(edge, reps[edge.other(ref.id)]) for edge in edges]
            for per_edge in (1, 2, 200):
                assert stored.first_claims(ref, groups, per_edge) == live.first_claims(
                    ref, groups, per_edge
                )
                for group in groups:
                    assert stored.first_claims(ref, [group], per_edge) == live.first_claims(
                        ref, [group], per_edge
                    )
            for limit in (0, 1, 3, 100):
                assert stored.dated_claims(ref, limit) == live.dated_claims(ref, limit)
            asked += len(groups)
    return asked


@pytest.mark.parametrize("source", ["ruritania", "dev"])
def test_stored_parties_answer_each_question_like_the_claims(
    source: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    if source == "ruritania":
        url = request.getfixturevalue("ruritania").client.app.state.store.url
    else:
        url = request.getfixturevalue("dev_store")[0].url
    store = _copy_with_edges(url, tmp_path)
    assert _agree_on_everything(store) > 0
    store.close()


def test_an_edge_shows_only_claims_in_its_direction(tmp_path: Path) -> None:
    """A supplies B and B supplies A are two edges: the claims of one are not the other's,
    even when only one of them is shown (the live query used to fill it with both)."""
    store = open_store(str(tmp_path / "two-way.db"))
    b = StoreBuilder(store)
    sentences = ["Alpha supplied Beta.", "Alpha supplied Beta again.", "Beta supplied Alpha."]
    b.document("d1", "d1.txt", " ".join(sentences))
    alpha, beta = b.entity("Alpha", "Company"), b.entity("Beta", "Company")
    ids = [b.claim("d1", alpha, "supplies", beta, sentences[0], date="2020")]
    ids.append(b.claim("d1", alpha, "supplies", beta, sentences[1], date="2019"))
    back = b.claim("d1", beta, "supplies", alpha, sentences[2], date="2019")
    with store.transaction() as session:
        rebuild_party_edges(session)
    assert _agree_on_everything(store) == 4  # two edges, seen from each end
    with store.session() as session:
        ref = queries.entity_refs(session, [alpha])[alpha]
        other = queries.entity_refs(session, [beta])[beta]
        for parties in (StoredParties(session), LiveParties(session)):
            edges = parties.edges([ref], [other])
            assert [(e.key, e.claims) for e in edges] == [
                ((alpha, "supplies", beta), 2),
                ((beta, "supplies", alpha), 1),
            ]
            assert parties.first_claims(ref, [(edges[0], other)], 3) == {edges[0].key: ids}
            assert parties.dated_claims(ref, 2) == sorted([ids[1], back])  # 2019, by id
    store.close()


def test_first_claims_of_many_edges_are_read_in_parts(
    ruritania: Ruritania, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parties, "EDGES_PER_STATEMENT", 1)
    store = _copy_with_edges(ruritania.client.app.state.store.url, tmp_path)
    assert _agree_on_everything(store) > 1
    store.close()


def test_heavy_responses_are_built_without_the_lifespan_too(
    hub: tuple[TestClient, Store, dict[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit on responses built at once is made on first use when the app's lifespan
    did not run (a TestClient outside `with`)."""
    _client, store, ids = hub
    monkeypatch.setenv("TRACEWIRE_WEB_CACHE", "0")
    client = TestClient(create_app(store.url))
    for path in (
        f"/entities/{ids['hub']}",
        f"/api/entities/{ids['hub']}",
        f"/api/graph/{ids['hub']}",
    ):
        response = client.get(path)
        assert response.status_code == 200 and "X-Cache" not in response.headers
