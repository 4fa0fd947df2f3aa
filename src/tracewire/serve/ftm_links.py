"""Claims as FollowTheMoney links, one link per (document, subject, relation, object).

- owns: `Ownership` (owner → asset) when the owner is a legal entity and the asset a
  company or agreement; otherwise `UnknownLink`.
- member_of: `Membership` (member → organization) when both sides fit; else `UnknownLink`.
- sanctions: `Sanction` on the object; the subject's name is the `authority` (and its
  code the `country` when it is a state).
- contract: a `Contract` whose `authority` is the non-company party and a
  `ContractAward` of it to the company, when exactly one party is a company and the
  other a legal entity; otherwise `UnknownLink` with role "contract".
- everything else (supplies, funds, trains, agreement, cooperates, meets): `UnknownLink`
  with role "<relation>" or "<relation>: <technology>".

Each link carries the claims' dates (`date`, or `contractDate` on a `Contract`), a
`summary` line and a `description` ("[hedging] evidence sentence") per claim, the claims'
attributed sources as `publisher`, their tracewire ids as `recordId`, the report as
`proof` and its address as `sourceUrl`. Claims touching a party that is not exported (a
technology) are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from tracewire.records import EntityType
from tracewire.serve.ftm_entities import (
    NAME_MAX,
    STRING_MAX,
    FtmEntity,
    clip,
    country_code,
    entity_id,
    ftm_id,
    make_entity,
    schema_for,
)
from tracewire.serve.graph_data import GraphData, Node, iso_dates, one_line, parties
from tracewire.store.claims import ClaimView

LEGAL_ENTITIES = frozenset({"Company", "PublicBody", "Organization", "Person", "LegalEntity"})
ASSETS = frozenset({"Company", "Contract"})
ORGANIZATIONS = frozenset({"Company", "PublicBody", "Organization"})


@dataclass(slots=True)
class ClaimGroup:
    """The claims one report makes about one (subject, relation, object)."""

    document_id: str
    relation: str
    subject: Node
    object: Node
    claims: list[ClaimView] = field(default_factory=list)

    def part_id(self, kind: str) -> str:
        """A stable id for one FtM entity made from this group."""
        return ftm_id(kind, self.document_id, self.relation, self.subject.key, self.object.key)


def group_claims(data: GraphData) -> list[ClaimGroup]:
    """Claims grouped by report and triple; a symmetric relation's parties in key order."""
    groups: dict[tuple[str, str, str, str], ClaimGroup] = {}
    for view in data.claims:
        subject, obj = parties(data, view)
        key = (view.document_id, view.relation, subject.key, obj.key)
        groups.setdefault(key, ClaimGroup(view.document_id, view.relation, subject, obj))
        groups[key].claims.append(view)
    return list(groups.values())


def link_entities(group: ClaimGroup, proof: str, url: str | None) -> list[FtmEntity]:
    """The FtM entities that state one claim group; none if a party is not exported."""
    subject, obj = schema_for(group.subject.type), schema_for(group.object.type)
    if subject is None or obj is None:
        return []
    evidence = _evidence(group, proof, url)
    dates = sorted({d for c in group.claims for d in iso_dates(c.date)})
    ends = {"source": entity_id(group.subject), "target": entity_id(group.object)}
    if group.relation == "owns" and subject in LEGAL_ENTITIES and obj in ASSETS:
        props = {"owner": [ends["source"]], "asset": [ends["target"]], "date": dates}
        return [make_entity("Ownership", group.part_id("Ownership"), props | evidence)]
    if group.relation == "member_of" and subject in LEGAL_ENTITIES and obj in ORGANIZATIONS:
        props = {"member": [ends["source"]], "organization": [ends["target"]], "date": dates}
        return [make_entity("Membership", group.part_id("Membership"), props | evidence)]
    if group.relation == "sanctions":
        return [_sanction(group, dates, evidence)]
    if group.relation == "contract" and (parties := _contract_parties(group)):
        return _contract(group, *parties, dates, evidence)
    roles = [f"{group.relation}: {one_line(t)}" for t in _technologies(group)]
    props = {
        "subject": [ends["source"]],
        "object": [ends["target"]],
        "role": [clip(r, STRING_MAX) for r in roles] or [group.relation],
        "date": dates,
    }
    return [make_entity("UnknownLink", group.part_id("UnknownLink"), props | evidence)]


def _evidence(group: ClaimGroup, proof: str, url: str | None) -> dict[str, Iterable[str | None]]:
    return {
        "summary": [_summary(c) for c in group.claims],
        "description": [f"[{_hedging(c)}] {one_line(c.evidence)}" for c in group.claims],
        "publisher": [clip(c.source, STRING_MAX) if c.source else None for c in group.claims],
        "proof": [proof],
        "sourceUrl": [url],
        "recordId": [str(c.id) for c in group.claims],
    }


def _hedging(claim: ClaimView) -> str:
    return ", ".join(claim.hedging) or "asserted"


def _summary(claim: ClaimView) -> str:
    """ "Tiandy supplies IRGC: cameras (reported); amount: $5m; according to IPVM"."""
    line = f"{claim.subject} {claim.relation.replace('_', ' ')} {claim.object}"
    if claim.technology:
        line += f": {claim.technology}"
    line += f" ({_hedging(claim)})"
    if claim.amount:
        line += f"; amount: {claim.amount}"
    if claim.date:
        line += f"; date: {claim.date}"
    if claim.source:
        line += f"; according to {claim.source}"
    return one_line(line)


def _technologies(group: ClaimGroup) -> list[str]:
    return list(dict.fromkeys(c.technology for c in group.claims if c.technology))


def _sanction(
    group: ClaimGroup, dates: list[str], evidence: dict[str, Iterable[str | None]]
) -> FtmEntity:
    authority = group.subject
    state = authority.type == EntityType.COUNTRY.value
    props: dict[str, Iterable[str | None]] = {
        "entity": [entity_id(group.object)],
        "authority": [clip(authority.canonical, STRING_MAX)],
        "country": [country_code(authority) if state else None],
        "date": dates,
    }
    return make_entity("Sanction", group.part_id("Sanction"), props | evidence)


def _contract_parties(group: ClaimGroup) -> tuple[Node, Node] | None:
    """(authority, supplier): the one company is the supplier, the other party (a
    public body, organisation, state or person) the authority."""
    parties = (group.subject, group.object)
    companies = [p for p in parties if schema_for(p.type) == "Company"]
    others = [p for p in parties if p not in companies and schema_for(p.type) in LEGAL_ENTITIES]
    if len(companies) == 1 and len(others) == 1:
        return others[0], companies[0]
    return None


def _contract(
    group: ClaimGroup,
    authority: Node,
    supplier: Node,
    dates: list[str],
    evidence: dict[str, Iterable[str | None]],
) -> list[FtmEntity]:
    contract_id = group.part_id("Contract")
    title = f"Contract between {authority.canonical} and {supplier.canonical}"
    on_thing = {k: v for k, v in evidence.items() if k != "recordId"}  # Thing has no recordId
    contract = make_entity(
        "Contract",
        contract_id,
        {
            "title": [clip(title, STRING_MAX)],
            "name": [clip(title, NAME_MAX)],
            "authority": [entity_id(authority)],
            "contractDate": dates,
        }
        | on_thing,
    )
    award = make_entity(
        "ContractAward",
        group.part_id("ContractAward"),
        {"contract": [contract_id], "supplier": [entity_id(supplier)], "date": dates} | evidence,
    )
    return [contract, award]
