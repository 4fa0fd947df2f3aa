"""Generation counters: whether resolution and alerts have caught up with the documents.

Every transaction that adds or removes a document advances "documents"; a resolution
records the "documents" generation it saw, in its own transaction. So after a run killed
at any point, "resolution" is behind "documents" exactly when the entity clusters may not
match the documents, and the next build can tell and catch up before anything else.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tracewire.store.models import GenerationRow

DOCUMENTS = "documents"
RESOLUTION = "resolution"
ALERTS = "alerts"  # not a generation: the highest claim id that alerts were recorded for


def generation(session: Session, name: str) -> int:
    """The counter's value (0 when it was never set)."""
    return int(session.scalar(select(GenerationRow.value).where(GenerationRow.name == name)) or 0)


def advance(session: Session, name: str = DOCUMENTS) -> None:
    """Add one to the counter, in the database (two writers never lose an increment)."""
    row = GenerationRow.__table__.c
    changed = session.execute(
        update(GenerationRow).where(row.name == name).values(value=row.value + 1)
    )
    if not getattr(changed, "rowcount", 0):
        session.add(GenerationRow(name=name, value=1))
        session.flush()


def set_generation(session: Session, name: str, value: int) -> None:
    """Set the counter to `value`."""
    row = session.get(GenerationRow, name)
    if row is None:
        session.add(GenerationRow(name=name, value=value))
    else:
        row.value = value
    session.flush()


def resolution_behind(session: Session) -> bool:
    """Whether documents were added or removed since the last resolution."""
    return generation(session, RESOLUTION) < generation(session, DOCUMENTS)
