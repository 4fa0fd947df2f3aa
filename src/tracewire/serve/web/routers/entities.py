"""/api/entities: search, and one entity's details."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from tracewire.records import EntityType, Relation
from tracewire.serve.web.cache import cached
from tracewire.serve.web.deps import SessionDep, get_parties, representative_or_404
from tracewire.serve.web.dossier import dossier
from tracewire.serve.web.schemas import (
    AliasCount,
    ClaimsSummary,
    Counterparty,
    EdgeSummary,
    EntityDetail,
    EntityHit,
    EntityPage,
    MatchOut,
    RelationCount,
    json_response,
)
from tracewire.serve.web.search import MAX_QUERY_CHARS, search_page
from tracewire.store.read import clusters as queries

router = APIRouter(prefix="/api/entities", tags=["entities"])
COUNTERPARTIES = 20


@router.get("", response_model=EntityPage)
def search_entities(
    *,
    session: SessionDep,
    q: Annotated[
        str | None, Query(max_length=MAX_QUERY_CHARS, description="Part of a name or alias.")
    ] = None,
    type_: Annotated[EntityType | None, Query(alias="type", description="An entity type.")] = None,
    relation: Annotated[
        Relation | None, Query(description="Only entities with claims of this relation.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> EntityPage:
    """Resolved entities by name or alias (exact, then prefix, then anywhere in the name);
    without `q`, all of them in name order."""
    total, found = search_page(
        session, q, type_.value if type_ else None, relation.value if relation else None,
        limit=limit, offset=offset,
    )  # fmt: skip
    clusters = queries.members_by_rep(session, found)
    mentions = queries.mention_counts(session, [r for ids in clusters.values() for r in ids])
    claims = queries.claim_counts(session, clusters)
    names = queries.alias_names(session, clusters)
    items = [
        EntityHit(
            id=e.id,
            canonical=e.canonical,
            type=e.type,
            qid=e.qid,
            aliases=names[e.id][:10],
            mentions=sum(mentions.get(raw, 0) for raw in clusters[e.id]),
            claims=claims[e.id],
            url=f"/api/entities/{e.id}",
        )
        for e in found
    ]
    return EntityPage(total=total, limit=limit, offset=offset, items=items)


@router.get(
    "/{entity_id}",
    response_model=EntityDetail,
    responses={307: {"description": "The id is a cluster member: see its representative."}},
)
async def entity_detail(entity_id: int, request: Request, session: SessionDep) -> Response:
    """Names with counts, type, QID, a claims summary and sanctions matches."""
    return await cached(request, lambda: _entity_detail(entity_id, request, session))


def _entity_detail(entity_id: int, request: Request, session: Session) -> Response:
    entity = representative_or_404(session, entity_id)
    if entity.id != entity_id:
        return RedirectResponse(f"/api/entities/{entity.id}", status_code=307)
    found = dossier(session, get_parties(request, session), entity, top=COUNTERPARTIES)
    detail = EntityDetail(
        id=entity.id,
        key=entity.key,
        canonical=entity.canonical,
        type=entity.type,
        qid=entity.qid,
        aliases=[AliasCount(name=n, count=c) for n, c in found.aliases],
        mentions=found.mentions,
        documents=found.documents,
        claims=ClaimsSummary(
            total=found.claims,
            by_relation=[
                RelationCount(relation=relation, direction=direction, claims=n)
                for relation, per in sorted(found.by_relation().items())
                for direction, n in sorted(per.items())
            ],
            counterparties=[
                Counterparty(
                    **dict(EdgeSummary.of(g.edge)),
                    counterparty=g.counterparty.id,
                    counterparty_name=g.counterparty.canonical,
                    direction=g.direction,
                )
                for g in found.groups
            ],
            more_counterparties=found.hidden,
        ),
        sanctions=[MatchOut.of(m) for m in found.matches],
    )
    return json_response(detail)
