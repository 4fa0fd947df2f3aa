"""After a build or fetch (which screened the new parties): record alerts, deliver them.

Alerts are recorded in the build's store; the Atom file and the webhook are outputs that
may fail without losing anything (an undelivered alert is POSTed again next time).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tracewire.ingest.http import FetchError, FetchPolicy
from tracewire.serve.alerts import post_alerts, write_atom
from tracewire.store.db import Store
from tracewire.store.watch import (
    Alert,
    alerts,
    get_setting,
    mark_delivered,
    record_alerts,
    watches,
)

ATOM_SETTING = "alerts.atom"
WEBHOOK_SETTING = "alerts.webhook"
ALLOW_PRIVATE_SETTING = "alerts.webhook.allow_private"
ATOM_ENTRIES = 200


@dataclass(slots=True)
class NotifyReport:
    """What the alerting step did after a build."""

    alerts: list[Alert] = field(default_factory=list)
    atom: Path | None = None
    delivered: int = 0
    errors: list[str] = field(default_factory=list)


def notify(store: Store, after_claim_id: int) -> NotifyReport:
    """Record alerts for claims newer than `after_claim_id`; write and send them."""
    report = NotifyReport()
    with store.transaction() as session:
        rules = watches(session)
        if not rules:
            return report
        report.alerts = record_alerts(session, after_claim_id)
        atom = get_setting(session, ATOM_SETTING)
        webhook = get_setting(session, WEBHOOK_SETTING)
        allow_private = get_setting(session, ALLOW_PRIVATE_SETTING) == "true"
        recent = alerts(session, limit=ATOM_ENTRIES) if atom else []
        pending = alerts(session, undelivered=True) if webhook else []
    if atom:
        try:
            report.atom = write_atom(recent, Path(atom))
        except OSError as exc:
            report.errors.append(f"cannot write the alerts feed {atom}: {exc.strerror or exc}")
    if webhook and pending:
        try:
            post_alerts(pending, webhook, FetchPolicy(timeout=15.0, allow_private=allow_private))
        except FetchError as exc:
            report.errors.append(f"{exc} (the alerts stay queued for the next build)")
        else:
            with store.transaction() as session:
                mark_delivered(session, [a.id for a in pending])
            report.delivered = len(pending)
    return report
