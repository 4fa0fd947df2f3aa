"""/api/graph/{entity_id}: the neighbourhood of an entity as nodes and edges."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from tracewire.serve.web.cache import cached
from tracewire.serve.web.deps import SessionDep, get_parties, representative_or_404
from tracewire.serve.web.graph import MAX_DEPTH, Neighbourhood, neighbourhood
from tracewire.serve.web.schemas import GraphOut, edge_fields, json_response
from tracewire.store.read import clusters as queries

router = APIRouter(prefix="/api/graph", tags=["graph"])


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


@router.get(
    "/{entity_id}",
    response_model=GraphOut,
    responses={307: {"description": "The id is a cluster member: see its representative."}},
)
async def get_graph(
    entity_id: int,
    request: Request,
    session: SessionDep,
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH)] = 1,
    max_nodes: Annotated[int, Query(ge=2, le=1000, description="Nodes at most.")] = 50,
) -> Response:
    """Nodes within `depth` claims and the edges between them. Each edge folds the claims
    (subject, relation, object) with their count and strongest and weakest hedging, in the
    order asserted > reported > planned > alleged > speculative > rumoured > denied."""

    def build() -> Response:
        entity = representative_or_404(session, entity_id)
        if entity.id != entity_id:
            return RedirectResponse(f"/api/graph/{entity.id}?depth={depth}", status_code=307)
        parties = get_parties(request, session)
        graph = neighbourhood(session, parties, entity, depth, max_nodes)
        return json_response(graph_out(session, graph, depth))

    return await cached(request, build)
