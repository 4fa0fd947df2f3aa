"""Entity pages: search (/), the dossier and the network view."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from tracewire.ontology.technology import load_taxonomy
from tracewire.records import EntityType, Relation
from tracewire.serve.web import vendor
from tracewire.serve.web.cache import cached
from tracewire.serve.web.deps import SessionDep, get_parties, representative_or_404
from tracewire.serve.web.dossier import dossier, fill_claims
from tracewire.serve.web.graph import MAX_DEPTH, neighbourhood
from tracewire.serve.web.pages import templates
from tracewire.serve.web.routers.entities import search_entities
from tracewire.serve.web.routers.graph import checked_technology, graph_out
from tracewire.serve.web.search import MAX_QUERY_CHARS
from tracewire.store.read import clusters as queries

router = APIRouter(tags=["pages"], include_in_schema=False)
GROUPS = 30  # claim groups (counterparty and relation) a dossier shows
PER_GROUP = 3  # claims shown per group (all of one counterparty's claims: ALL_CLAIMS)
ALL_CLAIMS = 200
TIMELINE = 50
NETWORK_NODES = 50
ENTITY_PAGE = 100


@router.get("/entities", response_class=HTMLResponse)
def search_page(
    *,
    request: Request,
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS)] = None,
    type_: Annotated[str | None, Query(alias="type")] = None,
    relation: str | None = None,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """Entities by name or alias, with type and relation filters, a page at a time."""
    type_ = type_ if type_ in {t.value for t in EntityType} else None
    relation = relation if relation in {r.value for r in Relation} else None
    page = search_entities(
        session=session, q=q, type_=EntityType(type_) if type_ else None,
        relation=Relation(relation) if relation else None, limit=ENTITY_PAGE, offset=offset,
    )  # fmt: skip
    context = {"q": q or "", "type": type_ or "", "relation": relation or "", "page": page,
               "hits": page.items}  # fmt: skip
    return templates.TemplateResponse(request, "search.html", context)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
async def dossier_page(
    entity_id: int,
    request: Request,
    session: SessionDep,
    with_: Annotated[int | None, Query(alias="with")] = None,
    candidates: bool = False,
) -> Response:
    """Names, sanctions flags (near candidates with `?candidates=true`), claims by
    counterparty and relation, and a timeline."""
    return await cached(
        request, lambda: _dossier_page(entity_id, request, session, with_, candidates)
    )


def _dossier_page(
    entity_id: int, request: Request, session: Session, with_: int | None, candidates: bool
) -> Response:
    entity = representative_or_404(session, entity_id)
    if entity.id != entity_id:
        suffix = f"?with={with_}" if with_ is not None else ""
        return RedirectResponse(f"/entities/{entity.id}{suffix}", status_code=307)
    if with_ is not None:  # a member's id stands for its cluster here too
        other = queries.representative(session, with_)
        with_ = other.id if other is not None else with_
    parties = get_parties(request, session)
    found = dossier(session, parties, entity, top=GROUPS, only=with_)
    per_group = ALL_CLAIMS if with_ is not None else PER_GROUP
    more_dated, events = fill_claims(session, parties, found, per_group, TIMELINE)
    context = {
        "d": found,
        "with_": with_,
        "more_dated": more_dated,
        "events": events,
        "per_group": per_group,
        "candidates": candidates,
    }
    return templates.TemplateResponse(request, "entity.html", context)


@router.get("/entities/{entity_id}/network", response_class=HTMLResponse)
def network_page(
    entity_id: int,
    request: Request,
    session: SessionDep,
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH)] = 1,
    technology: str | None = None,
) -> Response:
    """The neighbourhood drawn with cytoscape and its fcose layout (served from
    node_modules under /vendor); a node's click adds its own neighbours. `technology`
    (a class id; empty: all) keeps the claims of one technology class."""
    technology = checked_technology(technology or None)
    entity = representative_or_404(session, entity_id)
    if entity.id != entity_id:
        extra = f"&technology={technology}" if technology else ""
        target = f"/entities/{entity.id}/network?depth={depth}{extra}"
        return RedirectResponse(target, status_code=307)
    parties = get_parties(request, session, technology)
    found = neighbourhood(session, parties, entity, depth, NETWORK_NODES)
    graph = graph_out(session, found, depth)
    installed = request.app.state.vendor
    context = {
        "entity": entity,
        "graph": graph,
        "depth": depth,
        "technology": technology or "",
        "technologies": [(c.id, c.label) for c in load_taxonomy().classes],
        "names": {node.id: node.canonical for node in graph.nodes},
        "script": vendor.GRAPH_SCRIPT if "cytoscape" in installed else None,
        "layout_scripts": vendor.LAYOUT_SCRIPTS if "cytoscape-fcose" in installed else (),
        "install_hint": vendor.INSTALL_HINT,
    }
    return templates.TemplateResponse(request, "network.html", context)
