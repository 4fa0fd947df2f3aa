"""The FollowTheMoney export: every entity valid under the FtM model, links by id."""

from __future__ import annotations

import io
import json
import subprocess
import sys
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
from tracewire.serve.ftm_entities import make
from tracewire.serve.web import create_app
from tracewire.store import Store, open_store
from tracewire.store.read.claims import claim_views

from .conftest import DOC_A, URL_A, Trade, build_trade
from .web.factory import StoreBuilder

Entity = dict[str, Any]
INTERVALS = {s.name for s in model if s.is_a("Interval")}


def ftm_export(store: Store, *, include_denied: bool = False) -> list[Entity]:
    out = io.StringIO()
    with store.session() as session:
        count = export(session, "ftm", out, include_denied=include_denied)
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
        assert link["properties"]["role"] == ["supplier"]
    # The contract IPVM suspects between Tiandy and the IRGC: a Contract of the IRGC's
    # awarded to Tiandy, with the hedging it was reported with and its report as proof.
    awards = [link for link in links if link["schema"] == "ContractAward"]
    assert [a["properties"]["supplier"] for a in awards] == [[tiandy["id"]]]
    (award,) = awards
    contract = by_id[award["properties"]["contract"][0]]
    assert contract["properties"]["authority"] == [irgc["id"]]
    assert award["properties"]["status"] == contract["properties"]["status"] == ["alleged"]
    assert award["properties"]["role"] == ["contractor"]
    assert award["properties"]["publisher"] == ["IPVM"]
    assert "suspects a direct business relation" in award["properties"]["description"][0]
    assert by_id[award["properties"]["proof"][0]]["schema"] == "Article"
    # Every claim that names two exported parties is in some link, denied ones only when
    # asked for.
    with store.session() as session:
        views = claim_views(session)
    recorded = {r for e in entities for r in e["properties"].get("recordId", [])}
    assert recorded == {str(v.id) for v in views if "denied" not in v.hedging}
    with_denied = ftm_export(store, include_denied=True)
    check_valid(with_denied)
    assert {r for e in with_denied for r in e["properties"].get("recordId", [])} == {
        str(v.id) for v in views
    }
    assert "denied" in {s for e in with_denied for s in e["properties"].get("status", [])}


def test_dev_corpus_links_carry_dates_amounts_hedging_and_proof(
    dev_store: tuple[Store, BuildReport],
) -> None:
    store, _report = dev_store
    entities = ftm_export(store)
    by_id = check_valid(entities)
    with store.session() as session:
        views = {str(v.id): v for v in claim_views(session)}
    links = [e for e in entities if "recordId" in e["properties"]]
    assert {"UnknownLink", "Contract", "ContractAward", "Payment", "Ownership", "Sanction"} <= {
        e["schema"] for e in entities
    }
    for link in links:
        props = link["properties"]
        schema = model.get(link["schema"])
        assert schema is not None
        assert [by_id[p]["schema"] for p in props["proof"]] == ["Article"]
        claims = [views[r] for r in props["recordId"]]
        labels = {", ".join(c.hedging) or "asserted" for c in claims}
        if schema.get("status") is not None:
            (status,) = props["status"]
            assert all(status in c.hedging for c in claims)
        assert {d.split("] ", 1)[0][1:] for d in props["description"]} == labels
        dated = [c.date for c in claims if c.date]
        if dated:
            assert props.get("date") or (props.get("startDate") and props.get("endDate"))
        sums = [c.amount for c in claims if c.amount]
        if sums and schema.get("amount") is not None:
            assert props["amount"] and props["currency"]
    # The one sanctions screening found on the list: Sanctions citing the list, no notes.
    irgc = named(entities, "Islamic Revolutionary Guard Corps")
    designations = [
        e
        for e in entities
        if e["schema"] == "Sanction" and e["properties"]["entity"] == [irgc["id"]]
        and "authorityId" in e["properties"]
    ]  # fmt: skip
    (designation,) = designations
    assert designation["properties"]["authorityId"] == ["10391"]
    assert designation["properties"]["authority"] == ["Office of Foreign Assets Control"]
    assert designation["properties"]["country"] == ["us"]
    assert "IRGC" in designation["properties"]["program"]
    (listing,) = designation["properties"]["proof"]
    assert by_id[listing]["schema"] == "Document"
    assert by_id[listing]["properties"]["publishedAt"] == ["2024-05-03"]
    assert all("INTELLIGENCE" not in p for p in designation["properties"]["program"])
    assert any("AIR FORCE" in note for note in irgc["properties"]["notes"])
    assert all(note.startswith("Related designation") for note in irgc["properties"]["notes"])


def test_dev_corpus_range_is_start_and_end(dev_store: tuple[Store, BuildReport]) -> None:
    entities = ftm_export(dev_store[0])
    by_id = check_valid(entities)
    ranged = [e for e in entities if "startDate" in e["properties"]]
    chinese = named(entities, "Chinese Foreign Ministry")
    iranian = named(entities, "Iranian Foreign Ministry")  # "its Iranian counterpart"
    (link,) = [e for e in ranged if {chinese["id"], iranian["id"]} <= set(endpoints(e, by_id))]
    assert link["schema"] == "UnknownLink"
    assert (link["properties"]["startDate"], link["properties"]["endDate"]) == (["2010"], ["2012"])
    assert "date" not in link["properties"]
    assert link["properties"]["status"] == ["speculative"]
    assert link["properties"]["role"] == ["cooperation partner"]


def test_dev_corpus_export_passes_ftm_validate(
    dev_store: tuple[Store, BuildReport], tmp_path: Path
) -> None:
    """followthemoney's own command re-reads every entity: the same entities come out."""
    entities = ftm_export(dev_store[0])
    exported = tmp_path / "dev.ftm.json"
    exported.write_text("".join(json.dumps(e) + "\n" for e in entities), encoding="utf-8")
    checked = tmp_path / "checked.ftm.json"
    ftm = Path(sys.executable).with_name("ftm")
    subprocess.run([str(ftm), "validate", "-i", str(exported), "-o", str(checked)], check=True)
    again = [json.loads(line) for line in checked.read_text(encoding="utf-8").splitlines()]
    assert {e["id"]: e["properties"] for e in again} == {e["id"]: e["properties"] for e in entities}


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
    # the hit of sanctions screening is a Sanction of the entity citing the list, the
    # candidate below the threshold nothing
    screened = [e for e in entities if e["properties"].get("authorityId")]
    assert [e["properties"]["entity"] for e in screened] == [[zenith["id"]]]
    assert screened[0]["properties"]["authority"] == ["Test SDN"]
    assert by_id[screened[0]["properties"]["proof"][0]]["properties"]["title"] == ["Test SDN"]
    assert "notes" not in acme["properties"] and "notes" not in zenith["properties"]

    schemata = {e["schema"] for e in entities}
    assert {"Ownership", "Sanction", "Membership", "Contract", "ContractAward"} <= schemata
    (ownership,) = [e for e in entities if e["schema"] == "Ownership"]
    assert ownership["properties"]["owner"] == [acme["id"]]
    assert ownership["properties"]["asset"] == [zenith["id"]]
    assert ownership["properties"]["description"] == [
        "[alleged] Acme Vision is allegedly the owner of Zenith Labs."
    ]
    (sanction,) = [e for e in entities if e["schema"] == "Sanction" and e not in screened]
    assert sanction["properties"]["entity"] == [zenith["id"]]
    assert sanction["properties"]["authority"] == ["Borduria"]
    assert sanction["properties"]["date"] == ["2023"]
    assert sanction["properties"]["status"] == ["asserted"]
    (membership,) = [e for e in entities if e["schema"] == "Membership"]
    assert membership["properties"]["member"] == [ruritania["id"]]
    assert membership["properties"]["organization"] == [alliance["id"]]

    # the same triple in two reports: two links, each proven by its own report
    supplies = links_between(entities, by_id, acme["id"], ministry["id"])
    unknown = [e for e in supplies if e["schema"] == "UnknownLink"]
    assert len(unknown) == 2
    proofs = {by_id[e["properties"]["proof"][0]]["properties"]["fileName"][0]: e for e in unknown}
    assert set(proofs) == {"ruritania.txt", "zenith.txt"}
    first = proofs["ruritania.txt"]["properties"]
    assert first["role"] == ["supplier"]
    assert first["summary"] == ["facial recognition cameras"]
    assert first["status"] == ["asserted"]
    assert first["date"] == ["2021-03"]
    assert first["sourceUrl"] == [URL_A]
    assert proofs["zenith.txt"]["properties"]["description"] == [
        "[planned] Acme Vision plans to supply drones to the Ruritanian Interior Ministry."
    ]
    assert proofs["zenith.txt"]["properties"]["status"] == ["planned"]


def test_a_contract_is_awarded_per_hedging_label(trade: Trade) -> None:
    entities = ftm_export(trade.store)
    check_valid(entities)
    acme = named(entities, "Acme Vision", "Company")
    ministry = named(entities, "Ruritanian Interior Ministry", "PublicBody")
    # both orders of the symmetric contract claim make one contract per hedging label
    contracts = {e["properties"]["status"][0]: e for e in entities if e["schema"] == "Contract"}
    awards = {e["properties"]["status"][0]: e for e in entities if e["schema"] == "ContractAward"}
    assert set(contracts) == set(awards) == {"reported", "asserted"}
    for status, award in awards.items():
        assert contracts[status]["properties"]["authority"] == [ministry["id"]]
        assert award["properties"]["contract"] == [contracts[status]["id"]]
        assert award["properties"]["supplier"] == [acme["id"]]
        assert award["properties"]["role"] == ["contractor"]
    assert awards["reported"]["properties"]["recordId"] == [str(trade.claims["contract"])]
    assert awards["asserted"]["properties"]["recordId"] == [str(trade.claims["contract_again"])]
    assert contracts["reported"]["properties"]["contractDate"] == ["2022"]
    assert awards["reported"]["properties"]["date"] == ["2022"]
    assert awards["reported"]["properties"]["publisher"] == ["Local Watch"]


def test_documents_are_articles_that_links_cite(trade: Trade) -> None:
    entities = ftm_export(trade.store)
    articles = {e["id"]: e for e in entities if e["schema"] == "Article"}
    assert len(articles) == 2
    cited = {p for e in entities if "recordId" in e["properties"] for p in e["properties"]["proof"]}
    assert cited == set(articles)
    (report,) = [a for a in articles.values() if a["properties"]["fileName"] == ["ruritania.txt"]]
    assert report["properties"]["title"] == ["Cameras for Ruritania"]
    assert report["properties"]["publishedAt"] == ["2023-06-01"]
    assert report["properties"]["sourceUrl"] == [URL_A]
    assert report["properties"]["publisher"] == ["example.org"]
    assert report["properties"]["bodyText"] == [DOC_A]


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


DEALS = (
    "Borduria lent the Ruritanian Interior Ministry 7.5 million euros for drones in 2019. "
    "The Ruritanian Interior Ministry paid Acme Vision $2.8 million (£1.8m) under a contract "
    "that ran from 2017 to 2020. Acme Vision denied selling cameras to Borduria."
)


def test_funds_and_contracts_carry_amounts_and_ranges(store: Store) -> None:
    b = StoreBuilder(store)
    b.document("deals", "deals.txt", DEALS)
    borduria = b.entity("Borduria", "Country")
    ministry = b.entity("Ruritanian Interior Ministry", "PublicBody")
    acme = b.entity("Acme Vision", "Company")
    funds = b.claim(
        "deals",
        borduria,
        "funds",
        ministry,
        "Borduria lent the Ruritanian Interior Ministry 7.5 million euros for drones in 2019.",
        date="2019",
        amount="7.5 million euros",
        technology="drones",
        hedging=("reported",),
    )
    contract = b.claim(
        "deals",
        ministry,
        "contract",
        acme,
        "The Ruritanian Interior Ministry paid Acme Vision $2.8 million "
        "(£1.8m) under a contract that ran from 2017 to 2020.",
        date="2017/2020",
        amount="$2.8 million (£1.8m)",
    )
    denied = b.claim("deals", acme, "supplies", borduria,
                     "Acme Vision denied selling cameras to Borduria.",
                     hedging=("denied",), technology="cameras")  # fmt: skip
    entities = ftm_export(store)
    by_id = check_valid(entities)
    (payment,) = [e for e in entities if e["schema"] == "Payment"]
    assert payment["properties"]["recordId"] == [str(funds)]
    assert by_id[payment["properties"]["payer"][0]]["properties"]["name"] == ["Borduria"]
    assert (payment["properties"]["amount"], payment["properties"]["currency"]) == (
        ["7500000"],
        ["EUR"],
    )
    assert payment["properties"]["amountEur"] == ["7500000"]
    assert payment["properties"]["purpose"] == ["drones"]
    assert payment["properties"]["date"] == ["2019"]
    assert payment["properties"]["description"][0].startswith("[reported] ")
    (award,) = [e for e in entities if e["schema"] == "ContractAward"]
    (deal,) = [e for e in entities if e["schema"] == "Contract"]
    assert award["properties"]["recordId"] == [str(contract)]
    for part in (award, deal):
        assert part["properties"]["amount"] == ["2800000"]
        assert part["properties"]["currency"] == ["USD"]
    assert (award["properties"]["startDate"], award["properties"]["endDate"]) == (
        ["2017"],
        ["2020"],
    )
    assert deal["properties"]["contractDate"] == ["2017"]
    # the denial: left out, or kept with its status when asked for
    assert str(denied) not in {r for e in entities for r in e["properties"].get("recordId", [])}
    everything = ftm_export(store, include_denied=True)
    check_valid(everything)
    (link,) = [e for e in everything if str(denied) in e["properties"].get("recordId", [])]
    assert link["schema"] == "UnknownLink"
    assert link["properties"]["status"] == ["denied"]
    assert link["properties"]["summary"] == ["cameras"]


def test_a_value_ftm_refuses_fails_the_export() -> None:
    with pytest.raises(InvalidData, match="startDate"):
        make("UnknownLink", "tw-x", {"startDate": ["sometime in spring"]})
    with pytest.raises(InvalidData, match="no property"):
        make("UnknownLink", "tw-x", {"technology": ["cameras"]})
