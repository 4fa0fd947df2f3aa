"""The claims table's query parameters, shared by /api/claims, its exports and the table
page: each filter checked (an unknown value is a 422 naming the values allowed) and turned
into a `ClaimFilter`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query
from sqlalchemy.orm import Session

from tracewire.ontology.technology import UnknownClassError, chosen_classes
from tracewire.records import Hedge, Relation
from tracewire.serve.web.deps import SessionDep, representative_or_404
from tracewire.store.claim_reviews import any_rejected
from tracewire.store.read import claim_pages as claim_queries
from tracewire.store.read import clusters as queries
from tracewire.store.read.claim_pages import ClaimFilter
from tracewire.store.read.claims_table import (
    SANCTIONS_LEVELS,
    SORT_KEYS,
    country_members,
    sanctioned_members,
)

RELATIONS = [r.value for r in Relation]
HEDGES = [h.value for h in Hedge]
DATE_HELP = "YYYY, YYYY-MM or YYYY-MM-DD; claims whose (partial or ranged) date overlaps."


def check_choice(name: str, value: str | None, allowed: Iterable[str]) -> str | None:
    """`value` when it is one of `allowed` (or None), else a 422 listing them."""
    choices = list(allowed)
    if value is not None and value not in choices:
        raise HTTPException(422, f"{name} must be one of {', '.join(choices)}; not {value!r}")
    return value


@dataclass(frozen=True)
class ClaimQuery:
    """A checked claims-table query: the filter, the sort key and the parameters as given
    (for links that keep the view)."""

    where: ClaimFilter
    sort: str
    params: dict[str, str]


def claim_query(
    *,
    session: SessionDep,
    relation: Annotated[str | None, Query(description=f"One of {RELATIONS}.")] = None,
    hedging: Annotated[
        str | None, Query(description=f"Claims carrying this label, one of {HEDGES}.")
    ] = None,
    technology: Annotated[
        list[str] | None,
        Query(description="A technology class id (GET /api/technologies); repeated: any."),
    ] = None,
    party: Annotated[
        int | None, Query(description="An entity id: claims with its cluster as either party.")
    ] = None,
    counterparty: Annotated[
        int | None,
        Query(description="An entity id: only claims between `party` and its cluster."),
    ] = None,
    country: Annotated[
        int | None,
        Query(description="A country's entity id: claims of it or of its bodies."),
    ] = None,
    sanctions: Annotated[
        str | None,
        Query(description=f"A party has a sanctions match at this level ({SANCTIONS_LEVELS})."),
    ] = None,
    date_from: Annotated[str | None, Query(description=DATE_HELP)] = None,
    date_to: Annotated[str | None, Query(description=DATE_HELP)] = None,
    document: Annotated[str | None, Query(description="A document id.")] = None,
    sort: Annotated[str, Query(description=f"One of {SORT_KEYS} ('-': descending).")] = "id",
) -> ClaimQuery:
    """The query parameters checked and resolved to raw entity ids."""
    check_choice("relation", relation, RELATIONS)
    check_choice("hedging", hedging, HEDGES)
    try:
        classes = chosen_classes(technology)
    except UnknownClassError as exc:
        check_choice("technology", exc.class_id, exc.allowed)  # the 422 of every choice
        raise
    check_choice("sanctions", sanctions, SANCTIONS_LEVELS)
    check_choice("sort", sort, SORT_KEYS)
    for name, value in (("date_from", date_from), ("date_to", date_to)):
        if value is not None and not claim_queries.valid_date(value):
            raise HTTPException(422, f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    if counterparty is not None and party is None:
        raise HTTPException(422, "counterparty needs party")
    members = others = None
    if party is not None:
        members = queries.members(session, representative_or_404(session, party))
    if counterparty is not None:
        others = queries.members(session, representative_or_404(session, counterparty))
    touching = []
    if country is not None:
        touching.append(country_members(session, representative_or_404(session, country)))
    if sanctions is not None:
        touching.append(sanctioned_members(session, sanctions))
    where = ClaimFilter(
        relation=relation,
        hedging=hedging,
        party=members,
        counterparty=others,
        date_from=date_from,
        date_to=date_to,
        document=document,
        technology=classes,
        touching=tuple(touching),
        without_rejected=any_rejected(session),
    )
    given = {
        # a page's links hold one class (its form chooses one)
        "relation": relation, "hedging": hedging,
        "technology": classes[0] if len(classes) == 1 else None, "party": party,
        "counterparty": counterparty, "country": country, "sanctions": sanctions,
        "date_from": date_from, "date_to": date_to,
        "document": document, "sort": sort if sort != "id" else None,
    }  # fmt: skip
    return ClaimQuery(where, sort, {k: str(v) for k, v in given.items() if v is not None})


ClaimQueryDep = Annotated[ClaimQuery, Depends(claim_query)]


INTEGER_PARAMS = ("party", "counterparty", "country")


def claim_query_of(session: Session, params: dict[str, str]) -> ClaimQuery:
    """`claim_query` for a page's query string (values as text; empty ones left out)."""
    known = {
        "relation", "hedging", "technology", "party", "counterparty", "country", "sanctions",
        "date_from", "date_to", "document", "sort",
    }  # fmt: skip
    given: dict[str, Any] = {k: v for k, v in params.items() if k in known and v != ""}
    if "technology" in given:
        given["technology"] = [given["technology"]]
    for name in INTEGER_PARAMS:
        if name in given:
            if not given[name].isdigit():
                raise HTTPException(422, f"{name} must be an entity id, not {given[name]!r}")
            given[name] = int(given[name])
    return claim_query(session=session, **given)
