"""GET /api/entities and /api/entities/{id} on the invented store."""

from __future__ import annotations

from .conftest import Ruritania


def test_search_by_name_and_alias_returns_representatives(ruritania: Ruritania) -> None:
    client, ids = ruritania.client, ruritania.ids
    hits = client.get("/api/entities", params={"q": "acme"}).json()["items"]
    assert [h["id"] for h in hits] == [ids["acme"]]  # the member "Acme Vision Ltd" folds in
    assert hits[0]["mentions"] == 4 and hits[0]["claims"] == 10
    assert "Acme Vision Ltd" in hits[0]["aliases"] and "AV Group" in hits[0]["aliases"]
    by_alias = client.get("/api/entities", params={"q": "av group"}).json()["items"]
    assert [h["id"] for h in by_alias] == [ids["acme"]]
    assert client.get("/api/entities", params={"q": "nothing like it"}).json()["items"] == []


def test_exact_match_ranks_before_longer_names(ruritania: Ruritania) -> None:
    hits = ruritania.client.get("/api/entities", params={"q": "Ruritania"}).json()["items"]
    names = [h["canonical"] for h in hits]
    assert names[0] == "Ruritania"
    assert set(names) == {"Ruritania", "Ruritanian Interior Ministry", "Ruritanian Police"}


def test_type_and_relation_filters(ruritania: Ruritania) -> None:
    client, ids = ruritania.client, ruritania.ids
    bodies = client.get("/api/entities", params={"q": "ruritan", "type": "PublicBody"}).json()[
        "items"
    ]
    assert {h["id"] for h in bodies} == {ids["ministry"], ids["police"]}
    owners = client.get("/api/entities", params={"relation": "owns"}).json()["items"]
    assert {h["id"] for h in owners} == {ids["acme"], ids["zenith"]}
    funds = client.get("/api/entities", params={"relation": "funds", "type": "Country"}).json()[
        "items"
    ]
    assert [h["id"] for h in funds] == [ids["borduria"]]
    limited = client.get("/api/entities", params={"limit": 2}).json()
    assert len(limited["items"]) == 2 and limited["total"] == 7 and limited["offset"] == 0
    rest = client.get("/api/entities", params={"limit": 2, "offset": 5}).json()
    every = client.get("/api/entities", params={"limit": 500}).json()["items"]
    assert [h["id"] for h in rest["items"]] == [h["id"] for h in every[5:]]
    assert rest["total"] == 7 and len(every) == 7
    named = client.get("/api/entities", params={"q": "ruritan", "limit": 1, "offset": 1}).json()
    assert named["total"] == 3 and len(named["items"]) == 1
    assert client.get("/api/entities", params={"limit": 0}).status_code == 422


def test_detail_has_aliases_counts_claims_summary_and_sanctions(ruritania: Ruritania) -> None:
    client, ids = ruritania.client, ruritania.ids
    body = client.get(f"/api/entities/{ids['acme']}").json()
    assert body["canonical"] == "Acme Vision" and body["type"] == "Company"
    aliases = {a["name"]: a["count"] for a in body["aliases"]}
    assert aliases == {"Acme Vision": 3, "Acme Vision Ltd": 1, "AV Group": 0}
    assert body["aliases"][0] == {"name": "Acme Vision", "count": 3}
    assert body["mentions"] == 4 and body["documents"] == 1
    summary = body["claims"]
    assert summary["total"] == 10
    rel = {(r["relation"], r["direction"]): r["claims"] for r in summary["by_relation"]}
    assert rel == {
        ("supplies", "out"): 5, ("contract", "both"): 2, ("cooperates", "both"): 1,
        ("funds", "in"): 1, ("owns", "out"): 1,
    }  # fmt: skip
    top = summary["counterparties"][0]
    assert (top["counterparty"], top["relation"], top["claims"]) == (ids["ministry"], "supplies", 4)
    assert (top["strongest"], top["weakest"]) == ("asserted", "speculative")
    [match] = body["sanctions"]
    assert match["is_hit"] is False and match["explanation"] == "similar name only"


def test_listed_entity_shows_its_hit_with_explanation(ruritania: Ruritania) -> None:
    body = ruritania.client.get(f"/api/entities/{ruritania.ids['secret']}").json()
    match, related = body["sanctions"]  # its own listing first, then a related designation
    assert (match["level"], related["level"]) == ("listed", "related")
    assert match["is_hit"] is True
    assert match["entry_name"] == "BORDURIAN SECRET POLICE"
    assert match["explanation"] == "exact name match" and match["programs"] == ["TEST"]


def test_member_id_redirects_to_its_representative(ruritania: Ruritania) -> None:
    client, ids = ruritania.client, ruritania.ids
    response = client.get(f"/api/entities/{ids['acme_ltd']}", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == f"/api/entities/{ids['acme']}"
    assert client.get(f"/api/entities/{ids['acme_ltd']}").json()["id"] == ids["acme"]


def test_unknown_entity_is_404(ruritania: Ruritania) -> None:
    response = ruritania.client.get("/api/entities/987654")
    assert response.status_code == 404
    assert response.json() == {"detail": "no entity with id 987654"}
    assert ruritania.client.get("/api/entities/not-a-number").status_code == 422
