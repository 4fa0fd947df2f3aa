"""The store as FollowTheMoney entities: parties, reports (`Article`) and claim links.

See `ftm_entities` for how entity types map to schemata and `ftm_links` for claims.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracewire.serve.ftm_entities import (
    FtmEntity,
    document_entity,
    document_id,
    node_entity,
    web_url,
)
from tracewire.serve.ftm_links import group_claims, link_entities
from tracewire.serve.graph_data import load_graph
from tracewire.store.models import DocumentRow


def ftm_records(session: Session) -> list[FtmEntity]:
    """Every exported entity, then the reports that claims rest on, then the links."""
    data = load_graph(session)
    records = [e for e in map(node_entity, data.nodes.values()) if e is not None]
    groups = group_claims(data)
    documents = session.execute(
        select(
            DocumentRow.id,
            DocumentRow.name,
            DocumentRow.title,
            DocumentRow.published,
            DocumentRow.url,
            DocumentRow.media_type,
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
    cited = {p for link in links for p in link["properties"].get("proof", [])}
    articles = [
        document_entity(
            doc.id,
            doc.name,
            title=doc.title,
            published=doc.published,
            url=doc.url,
            media_type=doc.media_type,
        )
        for doc in documents
    ]
    return records + [a for a in articles if a["id"] in cited] + links
