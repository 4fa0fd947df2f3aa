"""/api/technologies: the technology classes, and who supplies each to whom."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Response
from pydantic import BaseModel, Field

from tracewire.ontology.technology import load_taxonomy
from tracewire.serve.web.deps import SessionDep
from tracewire.serve.web.schemas import json_response
from tracewire.store.read.technology import Party, class_counts, class_trade

router = APIRouter(prefix="/api/technologies", tags=["technologies"])


class TechnologyClassOut(BaseModel):
    """A class of the technology taxonomy with its claim count."""

    id: str
    label: str
    qid: str | None = Field(description="Its Wikidata item, where one was checked.")
    words: list[str] = Field(description="Technology text with one of these is in the class.")
    claims: int
    url: str = Field(description="Its API address.")


class TechnologyList(BaseModel):
    """Every class (a short list: not paged, but shaped like the other lists)."""

    total: int
    limit: int
    offset: int
    items: list[TechnologyClassOut]


class TradeParty(BaseModel):
    """A supplier or recipient of a class."""

    id: int
    canonical: str
    type: str
    claims: int
    denied: int = Field(description="Of its claims, those only denied.")


class TechnologyDetail(TechnologyClassOut):
    """A class with who supplies it (subjects) and who receives it (objects) in claims of
    the relations supplies, trains and contract."""

    suppliers: list[TradeParty]
    recipients: list[TradeParty]


def _party(p: Party) -> TradeParty:
    return TradeParty(id=p.entity.id, canonical=p.entity.canonical, type=p.entity.type,
                      claims=p.claims, denied=p.denied)  # fmt: skip


@router.get("", response_model=TechnologyList)
def list_technologies(session: SessionDep) -> Response:
    """The technology classes in taxonomy order, with their claim counts."""
    counts = class_counts(session)
    items = [
        TechnologyClassOut(id=c.id, label=c.label, qid=c.qid, words=list(c.words),
                           claims=counts.get(c.id, 0), url=f"/api/technologies/{c.id}")
        for c in load_taxonomy().classes
    ]  # fmt: skip
    return json_response(TechnologyList(total=len(items), limit=len(items), offset=0, items=items))


@router.get("/{class_id}", response_model=TechnologyDetail)
def technology_detail(class_id: str, session: SessionDep) -> Response:
    """One class: its words, QID, claims, suppliers and recipients (most claims first)."""
    cls = load_taxonomy().get(class_id)
    if cls is None:
        raise HTTPException(
            404, f"no technology class {class_id!r}; one of {', '.join(load_taxonomy().ids)}"
        )
    trade = class_trade(session, class_id)
    out = TechnologyDetail(
        id=cls.id, label=cls.label, qid=cls.qid, words=list(cls.words), claims=trade.claims,
        url=f"/api/technologies/{cls.id}", suppliers=[_party(p) for p in trade.suppliers],
        recipients=[_party(p) for p in trade.recipients],
    )  # fmt: skip
    return json_response(out)
