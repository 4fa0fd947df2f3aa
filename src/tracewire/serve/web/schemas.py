"""Response models of the REST API (they make its OpenAPI schema)."""

from __future__ import annotations

import datetime
from datetime import date
from typing import Any

from fastapi import Response
from pydantic import BaseModel, Field

from tracewire.ontology.technology import load_taxonomy
from tracewire.serve.ftm_entities import publisher_of
from tracewire.serve.web.graph import Edge
from tracewire.serve.web.hedging import HEDGE_STRENGTH, LINE_STYLE
from tracewire.store.read.claims import ClaimView
from tracewire.store.sanctions import MatchView

HEDGES = [str(h.value) for h in HEDGE_STRENGTH]


def json_response(model: BaseModel) -> Response:
    """A model serialised once by pydantic-core (FastAPI would dump, validate and encode
    it again against the response model; the schema still comes from `response_model`)."""
    return Response(content=model.model_dump_json(), media_type="application/json")


class EntityHit(BaseModel):
    """A search result: a resolved entity with its counts."""

    id: int
    canonical: str
    type: str
    qid: str | None
    aliases: list[str] = Field(description="Names it goes by, most used first (at most 10).")
    mentions: int
    claims: int
    url: str = Field(description="The API address of its details.")


class EntityPage(BaseModel):
    """One page of an entity search."""

    total: int
    limit: int
    offset: int
    items: list[EntityHit]


class AliasCount(BaseModel):
    """A name and how often the reports use it."""

    name: str
    count: int


class RelationCount(BaseModel):
    """Claims of one relation; direction is out (as subject), in (as object) or both."""

    relation: str
    direction: str
    claims: int


class EdgeSummary(BaseModel):
    """Claims (subject, relation, object) between two entities, folded into one edge.

    strongest/weakest follow HEDGE_STRENGTH: asserted > reported > planned > alleged >
    speculative > rumoured > denied; each claim counts as its weakest label.
    """

    subject: int
    relation: str
    object: int
    directed: bool
    claims: int
    strongest: str
    weakest: str
    hedging: dict[str, int] = Field(description="Claims by the label they count as.")
    line: str = Field(description="How the network view draws it: solid, dashed or dotted.")

    @classmethod
    def of(cls, edge: Edge) -> EdgeSummary:
        """The summary of a folded edge (built from checked values: not validated again)."""
        return cls.model_construct(**edge_fields(edge))


def edge_fields(edge: Edge) -> dict[str, Any]:
    """An EdgeSummary's fields as plain values, for a response validated as a whole (one
    pass of pydantic-core instead of a model built in Python per edge)."""
    strongest = edge.strongest
    return {
        "subject": edge.subject,
        "relation": edge.relation,
        "object": edge.object,
        "directed": edge.directed,
        "claims": edge.claims,
        "strongest": strongest,
        "weakest": edge.weakest,
        "hedging": {h: edge.hedges[h] for h in HEDGES if h in edge.hedges},
        "line": LINE_STYLE[strongest],
    }


class Counterparty(EdgeSummary):
    """An edge seen from the entity: who is at the other end and which way it points."""

    counterparty: int
    counterparty_name: str
    direction: str


class ClaimsSummary(BaseModel):
    """What an entity's claims say, in counts."""

    total: int
    by_relation: list[RelationCount]
    counterparties: list[Counterparty] = Field(
        description="The 20 edges with most claims, to the counterparties sharing most claims."
    )
    more_counterparties: int = Field(description="Counterparties left out of `counterparties`.")


class MatchOut(BaseModel):
    """A sanctions-list match with its score and explanation."""

    list_id: str
    list_name: str
    list_date: str
    entry_id: str
    entry_name: str
    entry_schema: str
    programs: list[str]
    query_name: str
    matched_name: str
    score: float
    is_hit: bool
    algorithm: str
    explanation: str
    features: dict[str, float]
    level: str
    """listed, related, possible, other (on a list for no sanction), near or rejected."""
    topics: list[str]
    flag: str
    """What the match says, in words ("related: ... — a separate designated entity")."""
    review: str | None = None

    @classmethod
    def of(cls, match: MatchView) -> MatchOut:
        """The response form of a stored match."""
        fields = {
            name: getattr(match, name)
            for name in cls.model_fields
            if name not in ("flag", "review", "topics")
        }
        return cls.model_validate(
            {
                **fields,
                "programs": list(match.programs),
                "topics": list(match.topics),
                "flag": match.flag_text(),
                "review": match.review.describe() if match.review else None,
            }
        )


class EntityDetail(BaseModel):
    """A resolved entity: names, counts, claims summary and sanctions matches."""

    id: int
    key: str
    canonical: str
    type: str
    qid: str | None
    aliases: list[AliasCount]
    mentions: int
    documents: int
    claims: ClaimsSummary
    sanctions: list[MatchOut]


class SanctionsFlag(BaseModel):
    """A party of a claim that is on a sanctions list."""

    party: str
    match: str


class ClaimOut(BaseModel):
    """A claim in the claims interchange format, with the parties' entity ids."""

    id: int
    doc: str
    document_id: str
    relation: str
    subject: str = Field(description="The party as the report names it in full.")
    subject_entity: str = Field(description="The canonical name of the party's entity.")
    subject_id: int
    subject_type: str
    subject_text: str
    object: str = Field(description="The party as the report names it in full.")
    object_entity: str = Field(description="The canonical name of the party's entity.")
    object_id: int
    object_type: str
    object_text: str
    technology: str | None
    date: str | None
    amount: str | None
    hedging: list[str]
    source: str | None = Field(description="Who the claim is attributed to, if anyone.")
    evidence: str
    evidence_start: int
    evidence_end: int
    extractor: str = Field(description="The claim extractor's registered name.")
    extractor_version: str = Field(description="Its version (changes with code and model).")
    frame: str = Field(description='The rule frame, "model", or "model+<frame>".')
    explanation: str = Field(description="The rule, or the features that weighed most.")
    confidence: float
    sanctions: list[SanctionsFlag]
    flags: list[str]
    technology_classes: list[str] = Field(description="Technology class ids of `technology`.")
    document_title: str | None
    document_publisher: str | None = Field(
        description="The publisher the report names, else the web report's site."
    )
    document_published: datetime.date | None
    document_url: str | None

    @classmethod
    def of(cls, view: ClaimView) -> ClaimOut:
        """The response form of a stored claim."""
        record = view.to_record()
        return cls.model_validate(
            {
                **record,
                "subject_id": view.subject_id,
                "object_id": view.object_id,
                "flags": view.flags(),
                "technology_classes": list(load_taxonomy().classify(view.technology)),
                "document_title": view.document_title,
                "document_publisher": publisher_of(view.document_url, view.document_publisher),
                "document_published": view.document_published,
                "document_url": view.document_url,
            }
        )


class ClaimPage(BaseModel):
    """One page of a filtered claim list."""

    total: int
    limit: int
    offset: int
    items: list[ClaimOut]


class EvidenceSpan(BaseModel):
    """A stretch of a document's text that is the evidence of some claims."""

    start: int
    end: int
    claim_ids: list[int]


class DocumentOut(BaseModel):
    """A stored report with every evidence span in it."""

    id: str
    name: str
    title: str | None
    publisher: str | None = Field(
        description="The publisher the report names, else the web report's site."
    )
    published: date | None
    url: str | None
    source: str = Field(description="Its URL, or for a file its name (never a local path).")
    text: str
    spans: list[EvidenceSpan]


class SourceOut(BaseModel):
    """A stored report as a source of claims."""

    id: str
    name: str
    title: str | None
    publisher: str | None
    published: date | None
    url: str | None
    words: int
    claims: int


class SourcePage(BaseModel):
    """One page of the documents."""

    total: int
    limit: int
    offset: int
    items: list[SourceOut]


class GraphNode(BaseModel):
    """A resolved entity in a neighbourhood."""

    id: int
    canonical: str
    type: str
    depth: int
    sanctioned: bool
    url: str = Field(description="Its dossier page.")


class GraphOut(BaseModel):
    """The neighbourhood of an entity."""

    centre: int
    depth: int
    truncated: bool = Field(description="Whether neighbours were left out (max_nodes).")
    nodes: list[GraphNode]
    edges: list[EdgeSummary]
