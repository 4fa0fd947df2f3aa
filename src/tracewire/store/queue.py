"""The resolution queue: entities changed since the last resolution.

Written in the transaction that changes an entity's names, mentions, claims or links
(`store.writer`), read and emptied by the next resolution (`resolve.resolution`), so that a
run stopped in between leaves the work queued for the next build.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from sqlalchemy import String, delete, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from tracewire.store.models import Base, ClaimRow, EntityRow, MentionRow

Value = TypeVar("Value", str, int)
CHUNK = 500  # values per IN list (far below any database's limit on bound parameters)


class ResolutionQueueRow(Base):
    """An entity changed since the last resolution: its cluster is to be worked out again."""

    __tablename__ = "resolution_queue"

    entity_key: Mapped[str] = mapped_column(String(512), primary_key=True)


def chunks(values: Iterable[Value]) -> Iterator[list[Value]]:
    """Sorted values in lists of CHUNK, for IN lists."""
    ordered = sorted(set(values))
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def enqueue(session: Session, keys: Iterable[str]) -> None:
    """Queue entity keys for resolution (once each; the write lock is held)."""
    wanted = set(keys)
    for part in chunks(wanted):
        held = session.scalars(
            select(ResolutionQueueRow.entity_key).where(ResolutionQueueRow.entity_key.in_(part))
        )
        wanted -= set(held)
    if wanted:
        session.execute(insert(ResolutionQueueRow), [{"entity_key": k} for k in sorted(wanted)])


def enqueue_document(session: Session, document_id: str) -> None:
    """Queue the entities a document mentions or makes claims about (before it changes)."""
    mentioned = select(EntityRow.key).join(MentionRow, MentionRow.entity_id == EntityRow.id)
    keys = set(session.scalars(mentioned.where(MentionRow.document_id == document_id)))
    for column in (ClaimRow.subject_id, ClaimRow.object_id):
        parties = select(EntityRow.key).join(ClaimRow, column == EntityRow.id)
        keys |= set(session.scalars(parties.where(ClaimRow.document_id == document_id)))
    enqueue(session, keys)


def take_queue(session: Session) -> set[str]:
    """The queued entity keys, removed from the queue."""
    keys = set(session.scalars(select(ResolutionQueueRow.entity_key)))
    session.execute(delete(ResolutionQueueRow))
    return keys
