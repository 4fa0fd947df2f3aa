"""GET /api/claims and its filters on the invented store."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Ruritania


def _ids(ruritania: Ruritania, **params: Any) -> set[int]:
    response = ruritania.client.get("/api/claims", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["items"])
    return {item["id"] for item in body["items"]}


def _named(ruritania: Ruritania, *names: str) -> set[int]:
    return {ruritania.claims[n] for n in names}


def test_all_claims_in_store_order(ruritania: Ruritania) -> None:
    body = ruritania.client.get("/api/claims").json()
    assert body["total"] == 11
    ids = [item["id"] for item in body["items"]]
    assert ids == sorted(ids)


def test_relation_and_hedging_filters(ruritania: Ruritania) -> None:
    assert _ids(ruritania, relation="contract") == _named(ruritania, "c2", "c3")
    assert _ids(ruritania, hedging="alleged") == _named(ruritania, "c7", "c8")
    assert _ids(ruritania, hedging="planned") == _named(ruritania, "c6", "c9")
    assert _ids(ruritania, hedging="asserted") == _named(ruritania, "c1", "c3", "c12")
    assert _ids(ruritania, relation="supplies", hedging="denied") == _named(ruritania, "c4")
    assert ruritania.client.get("/api/claims", params={"hedging": "maybe"}).status_code == 422


def test_party_filter_covers_the_whole_cluster(ruritania: Ruritania) -> None:
    acme = _ids(ruritania, party=ruritania.ids["acme"])
    assert ruritania.claims["c2"] in acme  # its subject is the member "Acme Vision Ltd"
    assert acme == _named(ruritania, "c1", "c2", "c3", "c12", "c4", "c5", "c7", "c8", "c9", "c10")
    assert _ids(ruritania, party=ruritania.ids["acme_ltd"]) == acme
    assert _ids(ruritania, party=ruritania.ids["zenith"]) == _named(ruritania, "c6", "c7")
    assert ruritania.client.get("/api/claims", params={"party": 987654}).status_code == 404


def test_claims_name_representatives_and_keep_their_evidence(ruritania: Ruritania) -> None:
    body = ruritania.client.get("/api/claims", params={"relation": "contract"}).json()
    c2 = next(i for i in body["items"] if i["id"] == ruritania.claims["c2"])
    assert c2["subject"] == "Acme Vision" and c2["subject_id"] == ruritania.ids["acme"]
    assert c2["source"] == "Local Watch" and c2["hedging"] == ["reported"]
    assert c2["evidence"].startswith("According to Local Watch, Acme Vision Ltd signed")
    assert c2["doc"] == "ruritania-cameras.txt"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"date_from": "2022"}, ("c2", "c4")),
        ({"date_to": "2021-06"}, ("c1", "c5")),
        ({"date_from": "2022-06-01", "date_to": "2022-12-31"}, ("c2",)),
        ({"date_from": "2021-03-15", "date_to": "2021-03-15"}, ("c1",)),
        ({"date_from": "2020", "date_to": "2020"}, ("c5",)),
        ({"date_from": "2024"}, ()),
    ],
)
def test_date_range_keeps_overlapping_partial_dates(
    ruritania: Ruritania, params: dict[str, str], expected: tuple[str, ...]
) -> None:
    assert _ids(ruritania, **params) == _named(ruritania, *expected)


@pytest.mark.parametrize("bad", ["2022-13", "21", "2022-02-30", "yesterday", "2022/01"])
def test_bad_dates_are_rejected(ruritania: Ruritania, bad: str) -> None:
    response = ruritania.client.get("/api/claims", params={"date_from": bad})
    assert response.status_code == 422


def test_document_filter_and_paging(ruritania: Ruritania) -> None:
    assert _ids(ruritania, document="docA") == _named(ruritania, "c1", "c2", "c3", "c12", "c4")
    assert _ids(ruritania, document="nope") == set()
    first = ruritania.client.get("/api/claims", params={"limit": 4}).json()
    second = ruritania.client.get("/api/claims", params={"limit": 4, "offset": 4}).json()
    assert first["total"] == second["total"] == 11
    assert len(first["items"]) == len(second["items"]) == 4
    assert {i["id"] for i in first["items"]}.isdisjoint({i["id"] for i in second["items"]})
    assert ruritania.client.get("/api/claims", params={"limit": 501}).status_code == 422
