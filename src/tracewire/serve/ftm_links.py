"""Claims as FollowTheMoney links: one link per (report, subject, relation, object,
hedging), the schema and `role` per relation from serve/ftm.yaml.

- owns: `Ownership` (owner → asset) when the owner is a legal entity and the asset a
  company or agreement; otherwise `UnknownLink`.
- member_of: `Membership` (member → organization) when both sides fit; else `UnknownLink`.
- sanctions: `Sanction` on the object; the subject's name is the `authority` (and its
  code the `country` when it is a state).
- contract: a `Contract` (authority: the non-company party; `amount`, `currency`) and a
  `ContractAward` of it to the company, when exactly one party is a company and the other
  a legal entity; otherwise `UnknownLink`.
- funds: a `Payment` (payer → beneficiary, `amount`, `currency`, `purpose`) between legal
  entities; otherwise `UnknownLink`.
- everything else (supplies, agreement, trains, cooperates, meets): `UnknownLink`.

Each link carries its claims' dates (`date`; a range such as "2010/2012" as `startDate`
and `endDate`; `contractDate` on a `Contract`), the technology as `summary`, the hedging
label the claims count as (their weakest: "reported, alleged" is an allegation) as
`status` where the schema has one (`Payment` has none: its label leads each
`description`), the evidence sentences as `description` ("[hedging] sentence"), the
claims' attributed sources as `publisher`, their tracewire ids as `recordId`, the report as
`proof` and its address as `sourceUrl`. A claim one report makes with two hedging labels
gives two links. Denied claims are left out unless asked for (they then carry the status
"denied"). Claims touching a party that is not exported (a technology) are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from followthemoney.proxy import EntityProxy

from tracewire.records import EntityType, Hedge
from tracewire.serve.amounts import Money, parse_amount
from tracewire.serve.ftm_entities import (
    NAME_MAX,
    STRING_MAX,
    Values,
    clip,
    country_code,
    entity_id,
    ftm_config,
    ftm_id,
    make,
    schema_for,
)
from tracewire.serve.graph_data import GraphData, Node, iso_dates, one_line, parties
from tracewire.store.read.claims import ClaimView

LEGAL_ENTITIES = frozenset({"Company", "PublicBody", "Organization", "Person", "LegalEntity"})
ASSETS = frozenset({"Company", "Contract"})
ORGANIZATIONS = frozenset({"Company", "PublicBody", "Organization"})
# FtM's Value schemata keep a converted amount for these currencies.
CONVERTED = {"USD": "amountUsd", "EUR": "amountEur"}


@dataclass(slots=True)
class ClaimGroup:
    """The claims one report makes about one (subject, relation, object) with one
    hedging label."""

    document_id: str
    relation: str
    subject: Node
    object: Node
    hedge: str
    claims: list[ClaimView] = field(default_factory=list)

    def part_id(self, kind: str) -> str:
        """A stable id for one FtM entity made from this group."""
        return ftm_id(
            kind, self.document_id, self.relation, self.subject.key, self.object.key, self.hedge
        )

    @property
    def role(self) -> str:
        """The relation's role word (serve/ftm.yaml)."""
        return str(ftm_config()["relations"][self.relation])


def group_claims(data: GraphData, *, include_denied: bool = False) -> list[ClaimGroup]:
    """Claims grouped by report, triple and hedging label; a symmetric relation's parties
    in key order. Denied claims only with `include_denied`."""
    # Imported here: the web package imports the exports while it starts.
    from tracewire.serve.web.hedging import claim_hedge  # noqa: PLC0415

    groups: dict[tuple[str, str, str, str, str], ClaimGroup] = {}
    for view in data.claims:
        hedge = claim_hedge(view.hedging)
        if hedge == Hedge.DENIED and not include_denied:
            continue
        subject, obj = parties(data, view)
        key = (view.document_id, view.relation, subject.key, obj.key, hedge)
        group = groups.setdefault(
            key, ClaimGroup(view.document_id, view.relation, subject, obj, hedge)
        )
        group.claims.append(view)
    return list(groups.values())


def date_span(text: str | None) -> tuple[list[str], str | None, str | None]:
    """A claim's date as (dates, start, end): "2010/2012" is a range from 2010 to 2012,
    anything else its ISO dates."""
    if text and "/" in text:
        first, _, last = text.partition("/")
        start, end = iso_dates(first), iso_dates(last)
        if start and end:
            return [], start[0], end[-1]
    return iso_dates(text), None, None


def link_entities(group: ClaimGroup, proof: str, url: str | None) -> list[EntityProxy]:
    """The FtM entities that state one claim group; none if a party is not exported."""
    subject, obj = schema_for(group.subject.type), schema_for(group.object.type)
    if subject is None or obj is None:
        return []
    common = _common(group, proof, url)
    ends = {"source": entity_id(group.subject), "target": entity_id(group.object)}
    status: dict[str, Values] = {"status": [group.hedge]}
    role: dict[str, Values] = {"role": [group.role]}
    if group.relation == "owns" and subject in LEGAL_ENTITIES and obj in ASSETS:
        props = {"owner": [ends["source"]], "asset": [ends["target"]]} | status | role
        return [make("Ownership", group.part_id("Ownership"), props | common | _dates(group))]
    if group.relation == "member_of" and subject in LEGAL_ENTITIES and obj in ORGANIZATIONS:
        props = {"member": [ends["source"]], "organization": [ends["target"]]} | status | role
        return [make("Membership", group.part_id("Membership"), props | common | _dates(group))]
    if group.relation == "sanctions":
        return [_sanction(group, common | status | _dates(group))]
    if group.relation == "contract" and (contract_parties := _contract_parties(group)):
        return _contract(group, *contract_parties, common)
    if group.relation == "funds" and subject in LEGAL_ENTITIES and obj in LEGAL_ENTITIES:
        props = {
            "payer": [ends["source"]],
            "beneficiary": [ends["target"]],
            "purpose": _technologies(group),
        }
        payment = props | common | _dates(group) | _money(group)
        return [make("Payment", group.part_id("Payment"), payment)]
    props = {"subject": [ends["source"]], "object": [ends["target"]]} | status | role
    return [make("UnknownLink", group.part_id("UnknownLink"), props | common | _dates(group))]


def _common(group: ClaimGroup, proof: str, url: str | None) -> dict[str, Values]:
    """What every link carries: technology, evidence, attributed sources, claim ids and
    the report it rests on."""
    return {
        "summary": [clip(t, STRING_MAX) for t in _technologies(group)],
        "description": [f"[{_labels(c)}] {one_line(c.evidence)}" for c in group.claims],
        "publisher": [clip(c.source, STRING_MAX) if c.source else None for c in group.claims],
        "proof": [proof],
        "sourceUrl": [url],
        "recordId": [str(c.id) for c in group.claims],
    }


def _dates(group: ClaimGroup) -> dict[str, Values]:
    """`date` for single dates, `startDate`/`endDate` for ranges (earliest start, latest
    end of the group's claims)."""
    dates: set[str] = set()
    starts: set[str] = set()
    ends: set[str] = set()
    for claim in group.claims:
        single, start, end = date_span(claim.date)
        dates.update(single)
        if start and end:
            starts.add(start)
            ends.add(end)
    return {
        "date": sorted(dates),
        "startDate": [min(starts)] if starts else [],
        "endDate": [max(ends)] if ends else [],
    }


def _money(group: ClaimGroup) -> dict[str, Values]:
    """`amount` and `currency` of the claims' sums, and FtM's converted amount where the
    currency is the one it converts to."""
    sums: list[Money] = [m for c in group.claims if (m := parse_amount(c.amount))]
    props: dict[str, list[str | None]] = {
        "amount": [m.amount for m in sums],
        "currency": [m.currency for m in sums],
    }
    for money in sums:
        if money.currency in CONVERTED:
            props.setdefault(CONVERTED[money.currency], []).append(money.amount)
    return dict(props)


def _labels(claim: ClaimView) -> str:
    return ", ".join(claim.hedging) or "asserted"


def _technologies(group: ClaimGroup) -> list[str]:
    return list(dict.fromkeys(one_line(c.technology) for c in group.claims if c.technology))


def _sanction(group: ClaimGroup, props: dict[str, Values]) -> EntityProxy:
    authority = group.subject
    state = authority.type == EntityType.COUNTRY.value
    own: dict[str, Values] = {
        "entity": [entity_id(group.object)],
        "authority": [clip(authority.canonical, STRING_MAX)],
        "country": [country_code(authority) if state else None],
    }
    return make("Sanction", group.part_id("Sanction"), own | props)


def _contract_parties(group: ClaimGroup) -> tuple[Node, Node] | None:
    """(authority, supplier): the one company is the supplier, the other party (a
    public body, organisation, state or person) the authority."""
    both = (group.subject, group.object)
    companies = [p for p in both if schema_for(p.type) == "Company"]
    others = [p for p in both if p not in companies and schema_for(p.type) in LEGAL_ENTITIES]
    if len(companies) == 1 and len(others) == 1:
        return others[0], companies[0]
    return None


def _contract(
    group: ClaimGroup, authority: Node, supplier: Node, common: dict[str, Values]
) -> list[EntityProxy]:
    contract_id = group.part_id("Contract")
    title = f"Contract between {authority.canonical} and {supplier.canonical}"
    dates = _dates(group)
    money = _money(group)
    on_thing = {k: v for k, v in common.items() if k != "recordId"}  # Thing has no recordId
    own: dict[str, Values] = {
        "title": [clip(title, STRING_MAX)],
        "name": [clip(title, NAME_MAX)],
        "authority": [entity_id(authority)],
        "contractDate": [*dates["date"], *dates["startDate"]],
        "status": [group.hedge],
    }
    contract = make("Contract", contract_id, own | on_thing | money)
    award = make(
        "ContractAward",
        group.part_id("ContractAward"),
        {
            "contract": [contract_id],
            "supplier": [entity_id(supplier)],
            "status": [group.hedge],
            "role": [group.role],
        }
        | common
        | dates
        | money,
    )
    return [contract, award]
