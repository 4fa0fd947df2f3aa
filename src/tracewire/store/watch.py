"""Watchlists and alerts: which new claims touch a watched entity or a sanctioned party."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from tracewire.ontology.gazetteer import normalise_name
from tracewire.store.models import AlertRow, ClaimRow, SettingRow, WatchRow
from tracewire.store.read.claims import ClaimView, claim_views
from tracewire.store.read.entities import cluster_members, find_entity
from tracewire.store.writer import now

SANCTIONED = "sanctioned"
ENTITY = "entity"
SANCTIONED_NAME = "any party on a sanctions list"


class WatchError(ValueError):
    """A watch cannot be added or removed (with a one-line reason)."""


@dataclass(frozen=True, slots=True)
class Alert:
    """New claims of one document about one watched entity (or a sanctioned party)."""

    id: int
    watch: str
    kind: str
    document_id: str
    title: str
    url: str | None
    reason: str
    claims: tuple[dict[str, Any], ...]
    created_at: datetime
    delivered_at: datetime | None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (the webhook payload's items)."""
        return {
            "id": self.id,
            "watch": self.watch,
            "kind": self.kind,
            "document_id": self.document_id,
            "title": self.title,
            "url": self.url,
            "reason": self.reason,
            "claims": list(self.claims),
            "created_at": self.created_at.isoformat(timespec="seconds"),
        }


def add_watch(session: Session, name: str | None, user: str | None = None) -> WatchRow:
    """Watch a name (None: any party with a sanctions hit); adding twice is a no-op."""
    kind = ENTITY if name else SANCTIONED
    label = name.strip() if name else SANCTIONED_NAME
    normalised = normalise_name(label) if name else SANCTIONED
    if kind == ENTITY and not normalised:
        raise WatchError("cannot watch an empty name")
    held = session.scalar(
        select(WatchRow).where(WatchRow.kind == kind, WatchRow.normalised == normalised)
    )
    if held is not None:
        return held
    row = WatchRow(kind=kind, name=label, normalised=normalised, user=user, created_at=now())
    session.add(row)
    session.flush()
    return row


def remove_watch(session: Session, name: str | None) -> None:
    """Stop watching a name (None: the sanctioned-party rule); its alerts go with it."""
    kind = ENTITY if name else SANCTIONED
    normalised = normalise_name(name) if name else SANCTIONED
    found = session.scalar(
        select(WatchRow).where(WatchRow.kind == kind, WatchRow.normalised == normalised)
    )
    if found is None:
        raise WatchError(f"not watched: {name or SANCTIONED_NAME}")
    session.execute(delete(AlertRow).where(AlertRow.watch_id == found.id))
    session.delete(found)


def watches(session: Session) -> list[WatchRow]:
    """Every watch, oldest first."""
    return list(session.scalars(select(WatchRow).order_by(WatchRow.id)))


def last_claim_id(session: Session) -> int:
    """The highest claim id so far: claims above it are new."""
    return int(session.scalar(select(func.max(ClaimRow.id))) or 0)


def _watched_members(session: Session, watch: WatchRow) -> set[int]:
    """Entity ids in the cluster a watched name refers to now (empty: not seen yet)."""
    entity = find_entity(session, watch.name)
    if entity is None:
        return set()
    return set(cluster_members(session, {entity.id}).get(entity.id, [entity.id]))


def _claim_record(view: ClaimView) -> dict[str, Any]:
    return {
        "id": view.id,
        "summary": f"{view.subject} {view.relation} {view.object}",
        "relation": view.relation,
        "subject": view.subject,
        "object": view.object,
        "hedging": list(view.hedging),
        "source": view.source,
        "evidence": view.evidence,
    }


def record_alerts(session: Session, after_claim_id: int) -> list[Alert]:
    """Alerts for the claims newer than `after_claim_id`: one per watch and document."""
    rules = watches(session)
    if not rules:
        return []
    fresh = claim_views(
        session, ids=session.scalars(select(ClaimRow.id).where(ClaimRow.id > after_claim_id))
    )
    if not fresh:
        return []
    created: list[int] = []
    for watch in rules:
        grouped: dict[str, list[ClaimView]] = defaultdict(list)
        reasons: dict[str, set[str]] = defaultdict(set)
        members = _watched_members(session, watch) if watch.kind == ENTITY else set()
        for view in fresh:
            if watch.kind == ENTITY:
                if view.subject_id in members or view.object_id in members:
                    grouped[view.document_id].append(view)
                    reasons[view.document_id].add(f"watched: {watch.name}")
                continue
            for role, label in view.sanctions:
                name = view.subject if role == "subject" else view.object
                grouped[view.document_id].append(view)
                reasons[view.document_id].add(f"{name} is listed ({label})")
        for document_id, views in grouped.items():
            created.append(_save(session, watch, document_id, views, reasons[document_id]))
    return alerts(session, ids=[i for i in created if i])


def _save(
    session: Session, watch: WatchRow, document_id: str, views: list[ClaimView], why: set[str]
) -> int:
    held = session.scalar(
        select(AlertRow).where(AlertRow.watch_id == watch.id, AlertRow.document_id == document_id)
    )
    if held is not None:
        return 0  # this document already raised this watch
    unique = {v.id: v for v in views}
    row = AlertRow(
        watch_id=watch.id,
        document_id=document_id,
        title=views[0].document_title or views[0].document,
        url=views[0].document_url,
        reason="; ".join(sorted(why)),
        claims=json.dumps([_claim_record(v) for v in unique.values()], ensure_ascii=False),
        created_at=now(),
    )
    session.add(row)
    session.flush()
    return row.id


def alerts(
    session: Session,
    *,
    ids: list[int] | None = None,
    limit: int | None = None,
    undelivered: bool = False,
) -> list[Alert]:
    """Alerts, newest first (or the given ones)."""
    query = select(AlertRow, WatchRow).join(WatchRow, WatchRow.id == AlertRow.watch_id)
    if ids is not None:
        query = query.where(AlertRow.id.in_(ids))
    if undelivered:
        query = query.where(AlertRow.delivered_at.is_(None))
    query = query.order_by(AlertRow.created_at.desc(), AlertRow.id.desc()).limit(limit)
    return [
        Alert(
            id=row.id,
            watch=watch.name,
            kind=watch.kind,
            document_id=row.document_id,
            title=row.title,
            url=row.url,
            reason=row.reason,
            claims=tuple(json.loads(row.claims)),
            created_at=row.created_at,
            delivered_at=row.delivered_at,
        )
        for row, watch in session.execute(query).tuples()
    ]


def mark_delivered(session: Session, ids: list[int]) -> None:
    """Record that these alerts reached the webhook."""
    stamp = now()
    for row in session.scalars(select(AlertRow).where(AlertRow.id.in_(ids))):
        row.delivered_at = stamp


def get_setting(session: Session, key: str) -> str | None:
    """A store setting, or None."""
    row = session.get(SettingRow, key)
    return row.value if row else None


def set_setting(session: Session, key: str, value: str | None) -> None:
    """Set (or with None, clear) a store setting."""
    row = session.get(SettingRow, key)
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(SettingRow(key=key, value=value))
    else:
        row.value = value
