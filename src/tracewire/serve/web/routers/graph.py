"""/api/graph/{entity_id}: the neighbourhood of an entity as nodes and edges; and
/api/graph/edges: the edges among entities a view shows (a view that grows by expanding a
node asks it, so that new nodes are drawn linked to every node already there)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel
from sqlalchemy.orm import Session

from tracewire.ontology.technology import load_taxonomy
from tracewire.serve.web.cache import cached
from tracewire.serve.web.claim_params import check_choice
from tracewire.serve.web.deps import SessionDep, get_parties, representative_or_404
from tracewire.serve.web.graph import MAX_DEPTH, Neighbourhood, neighbourhood
from tracewire.serve.web.schemas import EdgeSummary, GraphOut, edge_fields, json_response
from tracewire.store.read import clusters as queries

router = APIRouter(prefix="/api/graph", tags=["graph"])
MAX_SHOWN = 500  # entities one call of /api/graph/edges takes
TechnologyQuery = Annotated[
    str | None,
    Query(description="A technology class id (GET /api/technologies): only its claims."),
]


class EdgesOut(BaseModel):
    """The edges among some entities (named by their representatives' ids)."""

    ids: list[int]
    edges: list[EdgeSummary]


def graph_out(session: Session, graph: Neighbourhood, depth: int) -> GraphOut:
    """The response form of a neighbourhood, with sanctioned nodes marked (validated in one
    pass: a hub's star has hundreds of edges)."""
    listed = queries.hit_labels(session, graph.nodes)
    return GraphOut.model_validate(
        {
            "centre": graph.centre.id,
            "depth": depth,
            "truncated": graph.truncated,
            "nodes": [
                {
                    "id": ref.id,
                    "canonical": ref.canonical,
                    "type": ref.type,
                    "depth": graph.depth[ref.id],
                    "sanctioned": ref.id in listed,
                    "url": f"/entities/{ref.id}",
                }
                for ref in graph.nodes.values()
            ],
            "edges": [edge_fields(edge) for edge in graph.edges],
        }
    )


def checked_technology(technology: str | None) -> str | None:
    """The class id when it is one (None: no filter), else a 422 naming the classes."""
    return check_choice("technology", technology, load_taxonomy().ids)


@router.get("/edges", response_model=EdgesOut)
def get_edges(
    request: Request,
    session: SessionDep,
    ids: Annotated[list[int], Query(description="Entity ids (a member stands for its cluster).")],
    technology: TechnologyQuery = None,
) -> Response:
    """Every edge between two of the entities (each claim once), folded as the
    neighbourhood's edges are; unknown ids are left out."""
    technology = checked_technology(technology)
    if len(ids) > MAX_SHOWN:
        raise HTTPException(422, f"at most {MAX_SHOWN} ids, not {len(ids)}")
    reps = {ref.id: ref for ref in queries.rep_map(session, set(ids)).values()}
    refs = list(reps.values())
    edges = get_parties(request, session, technology).edges(refs, refs) if refs else []
    body = {"ids": sorted(reps), "edges": [edge_fields(edge) for edge in edges]}
    return json_response(EdgesOut.model_validate(body))


@router.get(
    "/{entity_id}",
    response_model=GraphOut,
    responses={307: {"description": "The id is a cluster member: see its representative."}},
)
async def get_graph(
    entity_id: int,
    *,
    request: Request,
    session: SessionDep,
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH)] = 1,
    max_nodes: Annotated[int, Query(ge=2, le=1000, description="Nodes at most.")] = 50,
    technology: TechnologyQuery = None,
) -> Response:
    """Nodes within `depth` claims and the edges between them (of one technology class's
    claims when asked). Each edge folds the claims (subject, relation, object) with their
    count and strongest and weakest hedging, in the order asserted > reported > planned >
    alleged > speculative > rumoured > denied."""
    technology = checked_technology(technology)

    def build() -> Response:
        entity = representative_or_404(session, entity_id)
        if entity.id != entity_id:
            extra = f"&technology={technology}" if technology else ""
            target = f"/api/graph/{entity.id}?depth={depth}&max_nodes={max_nodes}{extra}"
            return RedirectResponse(target, status_code=307)
        parties = get_parties(request, session, technology)
        graph = neighbourhood(session, parties, entity, depth, max_nodes)
        return json_response(graph_out(session, graph, depth))

    return await cached(request, build)
