"""The FollowTheMoney export: every entity valid under the FtM model, links by id."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.types import registry

from tracewire.records import BuildReport
from tracewire.serve.exports import export
from tracewire.serve.web import create_app
from tracewire.store import Store, open_store
from tracewire.store.claims import claim_views

from .conftest import URL_A, Trade, build_trade

Entity = dict[str, Any]
INTERVALS = {s.name for s in model if s.is_a("Interval")}


def ftm_export(store: Store) -> list[Entity]:
    out = io.StringIO()
    with store.session() as session:
        count = export(session, "ftm", out)
    lines = out.getvalue().splitlines()
    assert count == len(lines)
    return [json.loads(line) for line in lines]


def check_valid(entities: list[Entity]) -> dict[str, Entity]:
    """Assert every entity is valid FtM and every entity reference resolves within the
    export to an entity of the property's range; returns the entities by id."""
    by_id = {e["id"]: e for e in entities}
    assert len(by_id) == len(entities), "duplicate ids"
    for entity in entities:
        schema = model.get(entity["schema"])
        assert schema is not None and not schema.abstract, entity["schema"]
        assert set(entity) == {"id", "schema", "properties"}
        assert registry.entity.validate(entity["id"])
        schema.validate(entity)  # raises InvalidData on a value invalid for its type
        for name in schema.required:
            assert entity["properties"].get(name), (entity["schema"], name)
        for name, values in entity["properties"].items():
            prop = schema.get(name)
            assert prop is not None and not prop.stub, (entity["schema"], name)
            assert values and all(isinstance(v, str) and v for v in values)
            if prop.type == registry.entity:
                for value in values:
                    target = model.get(by_id[value]["schema"])
                    assert target is not None and prop.range is not None
                    assert target.is_a(prop.range), (entity["schema"], name, target.name)
        proxy = model.get_proxy(entity, cleaned=False)
        assert proxy.id == entity["id"]
        cleaned = proxy.to_dict()["properties"]
        assert {k: sorted(v) for k, v in cleaned.items()} == {
            k: sorted(v) for k, v in entity["properties"].items()
        }, "FtM cleaning changed or dropped values"
    return by_id


def named(entities: Iterable[Entity], name: str, schema: str | None = None) -> Entity:
    found = [
        e
        for e in entities
        if name in e["properties"].get("name", []) and schema in (None, e["schema"])
    ]
    assert len(found) == 1, (name, found)
    return found[0]


def endpoints(link: Entity, by_id: dict[str, Entity]) -> set[str]:
    """The party entities a link ties together, through a Contract to its authority."""
    parties: set[str] = set()
    schema = model.get(link["schema"])
    assert schema is not None
    for name, values in link["properties"].items():
        prop = schema.get(name)
        if prop is None or prop.type != registry.entity or name == "proof":
            continue
        for value in values:
            target = by_id[value]
            if target["schema"] == "Contract":
                parties |= set(target["properties"].get("authority", []))
            else:
                parties.add(value)
    return parties


def links_between(entities: list[Entity], by_id: dict[str, Entity], a: str, b: str) -> list[Entity]:
    """The links (Interval entities) that tie `a` and `b` together."""
    intervals = [e for e in entities if e["schema"] in INTERVALS]
    return [e for e in intervals if {a, b} <= endpoints(e, by_id)]


def test_dev_corpus_exports_valid_ftm_with_tiandy_irgc_links(
    dev_store: tuple[Store, BuildReport],
) -> None:
    store, _report = dev_store
    entities = ftm_export(store)
    by_id = check_valid(entities)
    tiandy = named(entities, "Tiandy", "Company")
    irgc = named(entities, "Islamic Revolutionary Guard Corps")
    assert "IRGC" in irgc["properties"]["alias"]
    with store.session() as session:
        expected = {
            str(v.id)
            for v in claim_views(session)
            if {v.subject, v.object} == {"Tiandy", "Islamic Revolutionary Guard Corps"}
        }
    assert expected, "the dev corpus no longer yields a Tiandy-IRGC claim"
    links = links_between(entities, by_id, tiandy["id"], irgc["id"])
    assert links
    assert expected <= {r for link in links for r in link["properties"]["recordId"]}
    for link in links:
        (proof,) = link["properties"]["proof"]
        assert by_id[proof]["schema"] == "Article"
    supplies = [link for link in links if link["schema"] == "UnknownLink"]
    for link in supplies:
        assert link["properties"]["subject"] == [tiandy["id"]]
        assert all(r.startswith("supplies") for r in link["properties"]["role"])
    # Every claim that names two exported parties is in some link.
    with store.session() as session:
        all_claims = {str(v.id) for v in claim_views(session)}
    recorded = {r for e in entities for r in e["properties"].get("recordId", [])}
    assert recorded == all_claims


def test_dev_corpus_countries_are_states_with_codes(dev_store: tuple[Store, BuildReport]) -> None:
    entities = ftm_export(dev_store[0])
    iran = named(entities, "Iran")
    assert iran["schema"] == "PublicBody"
    assert iran["properties"]["country"] == ["ir"]
    assert iran["properties"]["wikidataId"] == ["Q794"]
    assert "Tehran" in iran["properties"]["weakAlias"]
    assert "Tehran" not in iran["properties"].get("alias", [])


def test_links_map_relations_to_schemata(trade: Trade) -> None:
    entities = ftm_export(trade.store)
    by_id = check_valid(entities)
    acme = named(entities, "Acme Vision", "Company")
    ministry = named(entities, "Ruritanian Interior Ministry", "PublicBody")
    zenith = named(entities, "Zenith Labs", "Company")
    alliance = named(entities, "Northern Alliance", "Organization")
    ruritania = named(entities, "Ruritania", "PublicBody")
    # a cluster is one entity carrying every name of its members
    assert set(acme["properties"]["alias"]) == {"AV Group", "Acme Vision Ltd"}
    assert not [e for e in entities if "Acme Vision Ltd" in e["properties"].get("name", [])]
    # technologies are not nodes, and the claim with one as a party is left out
    assert not [e for e in entities if "Gaze" in e["properties"].get("name", [])]
    assert str(trade.claims["technology"]) not in {
        r for e in entities for r in e["properties"].get("recordId", [])
    }
    # the hit of sanctions screening is noted on the entity
    assert any("ZENITH LABS" in note for note in zenith["properties"]["notes"])
    assert "notes" not in acme["properties"]

    schemata = {e["schema"] for e in entities}
    assert {"Ownership", "Sanction", "Membership", "Contract", "ContractAward"} <= schemata
    (ownership,) = [e for e in entities if e["schema"] == "Ownership"]
    assert ownership["properties"]["owner"] == [acme["id"]]
    assert ownership["properties"]["asset"] == [zenith["id"]]
    assert ownership["properties"]["description"] == [
        "[alleged] Acme Vision is allegedly the owner of Zenith Labs."
    ]
    (sanction,) = [e for e in entities if e["schema"] == "Sanction"]
    assert sanction["properties"]["entity"] == [zenith["id"]]
    assert sanction["properties"]["authority"] == ["Borduria"]
    assert sanction["properties"]["date"] == ["2023"]
    (membership,) = [e for e in entities if e["schema"] == "Membership"]
    assert membership["properties"]["member"] == [ruritania["id"]]
    assert membership["properties"]["organization"] == [alliance["id"]]

    # both orders of the symmetric contract claim in one report make one contract
    (contract,) = [e for e in entities if e["schema"] == "Contract"]
    (award,) = [e for e in entities if e["schema"] == "ContractAward"]
    assert contract["properties"]["authority"] == [ministry["id"]]
    assert award["properties"]["contract"] == [contract["id"]]
    assert award["properties"]["supplier"] == [acme["id"]]
    assert sorted(award["properties"]["recordId"]) == sorted(
        str(trade.claims[k]) for k in ("contract", "contract_again")
    )
    assert contract["properties"]["contractDate"] == ["2022"]
    assert award["properties"]["publisher"] == ["Local Watch"]

    # the same triple in two reports: two links, each proven by its own report
    supplies = links_between(entities, by_id, acme["id"], ministry["id"])
    unknown = [e for e in supplies if e["schema"] == "UnknownLink"]
    assert len(unknown) == 2
    proofs = {by_id[e["properties"]["proof"][0]]["properties"]["fileName"][0]: e for e in unknown}
    assert set(proofs) == {"ruritania.txt", "zenith.txt"}
    first = proofs["ruritania.txt"]["properties"]
    assert first["role"] == ["supplies: facial recognition cameras"]
    assert first["date"] == ["2021-03"]
    assert first["sourceUrl"] == [URL_A]
    assert proofs["zenith.txt"]["properties"]["description"] == [
        "[planned] Acme Vision plans to supply drones to the Ruritanian Interior Ministry."
    ]


def test_documents_are_articles_that_links_cite(trade: Trade) -> None:
    entities = ftm_export(trade.store)
    articles = {e["id"]: e for e in entities if e["schema"] == "Article"}
    assert len(articles) == 2
    cited = {p for e in entities for p in e["properties"].get("proof", [])}
    assert cited == set(articles)
    (report,) = [a for a in articles.values() if a["properties"]["fileName"] == ["ruritania.txt"]]
    assert report["properties"]["title"] == ["Cameras for Ruritania"]
    assert report["properties"]["publishedAt"] == ["2023-06-01"]
    assert report["properties"]["sourceUrl"] == [URL_A]


def test_ids_are_stable_across_exports_and_rebuilds(trade: Trade, tmp_path: Path) -> None:
    first, second = ftm_export(trade.store), ftm_export(trade.store)
    assert first == second
    rebuilt = open_store(str(tmp_path / "rebuilt.db"))
    try:
        build_trade(rebuilt, reverse=True)  # other row ids, same keys and documents
        again = ftm_export(rebuilt)
    finally:
        rebuilt.close()
    assert {e["id"] for e in again} == {e["id"] for e in first}
    assert all(e["id"].startswith("tw-") for e in first)


def test_web_export_serves_ftm_lines(trade: Trade) -> None:
    with TestClient(create_app(trade.store.url)) as client:
        response = client.get("/api/export/ftm")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert lines == ftm_export(trade.store)


def test_unknown_format_is_refused(trade: Trade) -> None:
    with trade.store.session() as session, pytest.raises(ValueError, match="unknown export"):
        export(session, "ftm-xml", io.StringIO())


@pytest.mark.parametrize(
    ("prop", "value"),
    [("date", "March 2021"), ("nonsense", "x"), ("proof", "tw-missing"), ("asset", "SELF")],
)
def test_validation_catches_a_broken_link(trade: Trade, prop: str, value: str) -> None:
    """The checker above fails on what a broken export would contain."""
    entities = ftm_export(trade.store)
    (ownership,) = [e for e in entities if e["schema"] == "Ownership"]
    ownership["properties"][prop] = [ownership["id"] if value == "SELF" else value]
    with pytest.raises((AssertionError, InvalidData, KeyError)):
        check_valid(entities)
