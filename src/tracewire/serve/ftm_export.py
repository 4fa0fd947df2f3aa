"""The store as FollowTheMoney entities: parties, sanctions designations found by
screening, the reports claims rest on (`Article`) and the claim links.

See `ftm_entities` for how entity types map to schemata, `ftm_links` for claims and
`ftm_sanctions` for screening results.
"""

from __future__ import annotations

from collections.abc import Collection

from followthemoney.proxy import EntityProxy
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracewire.serve.ftm_entities import (
    FtmEntity,
    document_entity,
    document_id,
    entity_id,
    node_entity,
    schema_for,
    web_url,
)
from tracewire.serve.ftm_links import group_claims, link_entities
from tracewire.serve.ftm_sanctions import screening_entities
from tracewire.serve.graph_data import GraphData, load_graph
from tracewire.store.models import DocumentRow


def ftm_entities(
    session: Session, *, include_denied: bool = False, only: Collection[int] | None = None
) -> list[EntityProxy]:
    """Every exported party, the lists and Sanctions of `listed` screening matches, then
    the reports that claims rest on, then the links (denied claims with
    `include_denied` only). `only`: the claims with these ids and their parties alone."""
    data = load_graph(session)
    if only is not None:
        keep = set(only)
        claims = [view for view in data.claims if view.id in keep]
        parties = {v.subject_id for v in claims} | {v.object_id for v in claims}
        data = GraphData({i: n for i, n in data.nodes.items() if i in parties}, claims)
    exported = {
        node.id: entity_id(node)
        for node in data.nodes.values()
        if schema_for(node.type) is not None
    }
    screening, notes = screening_entities(session, exported)
    nodes = [
        proxy
        for node in data.nodes.values()
        if (proxy := node_entity(node, notes.get(node.id, ()))) is not None
    ]
    groups = group_claims(data, include_denied=include_denied)
    documents = session.execute(
        select(
            DocumentRow.id,
            DocumentRow.name,
            DocumentRow.title,
            DocumentRow.published,
            DocumentRow.url,
            DocumentRow.media_type,
            DocumentRow.text,
            DocumentRow.publisher,
        )
        .where(DocumentRow.id.in_({g.document_id for g in groups}))
        .order_by(DocumentRow.name, DocumentRow.id)
    ).all()
    urls = {doc.id: web_url(doc.url) for doc in documents}
    links = [
        link
        for group in groups
        for link in link_entities(group, document_id(group.document_id), urls[group.document_id])
    ]
    cited = {p for link in links for p in link.get("proof")}
    articles = [
        document_entity(
            doc.id,
            doc.name,
            title=doc.title,
            published=doc.published,
            url=doc.url,
            media_type=doc.media_type,
            text=doc.text,
            publisher=doc.publisher,
        )
        for doc in documents
        if document_id(doc.id) in cited
    ]
    return nodes + screening + articles + links


def ftm_records(
    session: Session, *, include_denied: bool = False, only: Collection[int] | None = None
) -> list[FtmEntity]:
    """`ftm_entities` as FtM's JSON objects ({"id", "schema", "properties"})."""
    found = ftm_entities(session, include_denied=include_denied, only=only)
    return [e.to_dict() for e in found]
