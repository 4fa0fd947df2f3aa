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
from tracewire.store.generations import ALERTS, generation, set_generation
from tracewire.store.watch import (
    Alert,
    alerts,
    get_setting,
    last_claim_id,
    mark_delivered,
    record_alerts,
    watches,
)

ATOM_SETTING = "alerts.atom"
WEBHOOK_SETTING = "alerts.webhook"
ALLOW_PRIVATE_SETTING = "alerts.webhook.allow_private"
ATOM_ENTRIES = 200
WEBHOOK_TIMEOUT = 15.0  # seconds for the whole POST, the reply's headers included


@dataclass(slots=True)
class NotifyReport:
    """What the alerting step did after a build."""

    alerts: list[Alert] = field(default_factory=list)
    atom: Path | None = None
    delivered: int = 0
    errors: list[str] = field(default_factory=list)


def notify(store: Store, after_claim_id: int | None = None) -> NotifyReport:
    """Record alerts for the claims newer than `after_claim_id` (by default, than the
    newest claim alerts were recorded for); write and send them.

    The mark of the newest claim alerted on moves in the same transaction as the alerts
    it covers, so a run killed before this step leaves claims that the next one alerts on.
    """
    report = NotifyReport()
    with store.writer() as writer:
        session = writer.session
        newest = last_claim_id(session)
        since = generation(session, ALERTS) if after_claim_id is None else after_claim_id
        set_generation(session, ALERTS, newest)
        rules = watches(session)
        if not rules or newest <= since:
            return report
        report.alerts = record_alerts(session, since)
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
            policy = FetchPolicy(timeout=WEBHOOK_TIMEOUT, allow_private=allow_private)
            post_alerts(pending, webhook, policy)
        except FetchError as exc:
            report.errors.append(f"{exc} (the alerts stay queued for the next build)")
        else:
            with store.writer() as writer:
                session = writer.session
                mark_delivered(session, [a.id for a in pending])
            report.delivered = len(pending)
    return report
