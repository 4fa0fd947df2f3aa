"""Request dependencies: the store the app was created with, and a session per request."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, cast

from fastapi import Depends, HTTPException, Request
from sqlalchemy import inspect
from sqlalchemy.orm import Session

from tracewire.serve.web.parties import Parties, parties_for
from tracewire.store import Store
from tracewire.store.read import clusters as queries
from tracewire.store.read.clusters import EntityRef


def get_store(request: Request) -> Store:
    """The store opened by create_app()."""
    return cast(Store, request.app.state.store)


def get_session(store: Annotated[Store, Depends(get_store)]) -> Iterator[Session]:
    """A read session, closed (its connection back in the pool) when the request is done."""
    with store.session() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def get_parties(request: Request, session: Session, technology: str | None = None) -> Parties:
    """The stored party edges when they are current, else live queries over the claims
    (always for the claims of one `technology` class).

    Whether the store has the table at all (a store from before migration 0007 does not)
    is asked until the answer is yes, then remembered.
    """
    state = request.app.state
    if not getattr(state, "party_edges", False):
        state.party_edges = inspect(session.connection()).has_table("aggregates")
    return parties_for(session, stored=state.party_edges, technology=technology)


def representative_or_404(session: Session, entity_id: int) -> EntityRef:
    """The representative of `entity_id`'s cluster, or a 404."""
    found = queries.representative(session, entity_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no entity with id {entity_id}")
    return found
