"""The analyst's pages: the claims table (the home page), sources, technology classes and
full-text search. Filters live in the URL, so a view can be shared as a link."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from tracewire.ontology.technology import load_taxonomy
from tracewire.serve.web.claim_params import (
    HEDGES,
    RELATIONS,
    check_choice,
    claim_query_of,
)
from tracewire.serve.web.deps import SessionDep
from tracewire.serve.web.pages import templates
from tracewire.serve.web.routers.search import MAX_QUERY, hit_out
from tracewire.serve.web.routers.technologies import technology_detail
from tracewire.store.read import claim_pages as claim_queries
from tracewire.store.read import clusters as queries
from tracewire.store.read.claims_table import SANCTIONS_LEVELS, table_page
from tracewire.store.read.clusters import ENTITIES
from tracewire.store.read.documents import SORT_KEYS as SOURCE_SORTS
from tracewire.store.read.documents import source_page
from tracewire.store.read.search import search_documents, search_evidence
from tracewire.store.read.technology import class_counts

router = APIRouter(tags=["pages"], include_in_schema=False)
TABLE_PAGE = 50
SOURCES_PAGE = 100
HITS_PAGE = 20
COUNTRIES = 300


@router.get("/", response_class=HTMLResponse)
def claims_page(request: Request, session: SessionDep) -> Response:
    """Every claim as a row, filtered by the URL's parameters, sorted, a page at a time."""
    params = dict(request.query_params)
    if "q" in params:  # the entity search's old address
        return RedirectResponse(f"/entities?{urlencode(params)}", status_code=307)
    kept = {k: v for k, v in params.items() if v != ""}
    if len(kept) != len(params):  # the filter form sends empty fields: a clean URL to share
        return RedirectResponse(f"/?{urlencode(kept)}" if kept else "/", status_code=303)
    query = claim_query_of(session, kept)
    offset = int(kept["offset"]) if kept.get("offset", "").isdigit() else 0
    page = table_page(session, query.where, query.sort, TABLE_PAGE, offset)
    views = claim_queries.claim_views(session, page.ids)
    taxonomy = load_taxonomy()
    names = _named(session, [int(kept[k]) for k in ("party", "country") if k in kept])
    context = {
        "claims": views, "total": page.total, "offset": offset, "limit": TABLE_PAGE,
        "params": query.params, "sort": query.sort, "relations": RELATIONS, "hedges": HEDGES,
        "classes": taxonomy.classes, "levels": SANCTIONS_LEVELS, "names": names,
        "countries": countries(session),
        "classify": taxonomy.classify, "labels": {c.id: c.label for c in taxonomy.classes},
        "link": linker("/", query.params), "export": linker("/api/claims/export", query.params),
    }  # fmt: skip
    return templates.TemplateResponse(request, "claims.html", context)


def countries(session: Session) -> list[tuple[int, str]]:
    """The countries (representatives) for the filter's list, by name."""
    rows = session.execute(
        select(ENTITIES.c.id, ENTITIES.c.canonical)
        .where(ENTITIES.c.type == "Country",
               or_(ENTITIES.c.cluster_key.is_(None), ENTITIES.c.cluster_key == ENTITIES.c.key))
        .order_by(ENTITIES.c.canonical)
        .limit(COUNTRIES)
    )  # fmt: skip
    return [(int(i), str(name)) for i, name in rows]


def linker(path: str, params: dict[str, str]) -> Callable[..., str]:
    """A function making links to `path` with the view's parameters, some changed
    (`link(sort="date")`, `link(party=None)` to drop one); a page offset is dropped
    unless given."""

    def link(suffix: str = "", **changes: object) -> str:
        merged = {k: v for k, v in params.items() if k != "offset"}
        for key, value in changes.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = str(value)
        return f"{path}{suffix}?{urlencode(merged)}" if merged else f"{path}{suffix}"

    return link


def _named(session: Session, ids: list[int]) -> dict[int, str]:
    found = queries.entity_refs(session, ids)
    return {i: ref.canonical for i, ref in found.items()}


@router.get("/documents", response_class=HTMLResponse)
def sources_page(
    request: Request,
    session: SessionDep,
    sort: str = "-published",
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """The stored reports by title, publisher and date, sortable."""
    check_choice("sort", sort, SOURCE_SORTS)
    total, found = source_page(session, sort, SOURCES_PAGE, offset)
    context = {"sources": found, "total": total, "sort": sort, "offset": offset,
               "limit": SOURCES_PAGE}  # fmt: skip
    return templates.TemplateResponse(request, "sources.html", context)


@router.get("/technologies", response_class=HTMLResponse)
def technologies_page(request: Request, session: SessionDep) -> Response:
    """The technology classes with their claim counts."""
    counts = class_counts(session)
    context = {"classes": load_taxonomy().classes, "counts": counts}
    return templates.TemplateResponse(request, "technologies.html", context)


@router.get("/technologies/{class_id}", response_class=HTMLResponse)
def technology_page(class_id: str, request: Request, session: SessionDep) -> Response:
    """One class: who supplies it and who receives it, with links to their claims."""
    detail = json.loads(bytes(technology_detail(class_id, session).body))
    return templates.TemplateResponse(request, "technology.html", {"t": detail})


@router.get("/search", response_class=HTMLResponse)
def search_page_html(
    request: Request,
    session: SessionDep,
    q: Annotated[str, Query(max_length=MAX_QUERY)] = "",
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """Evidence sentences and documents matching `q`, snippets highlighted."""
    evidence = search_evidence(session, q, HITS_PAGE, offset) if q.strip() else (0, [])
    documents = search_documents(session, q, HITS_PAGE, 0) if q.strip() else (0, [])
    context = {
        "q": q, "offset": offset, "limit": HITS_PAGE,
        "evidence_total": evidence[0], "evidence": [hit_out(h, q) for h in evidence[1]],
        "documents_total": documents[0], "documents": [hit_out(h, q) for h in documents[1]],
    }  # fmt: skip
    return templates.TemplateResponse(request, "fulltext.html", context)
