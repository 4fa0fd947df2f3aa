"""Technology classes of stored claims (claim_technologies): written with the claims, and
written again for every claim when the taxonomy file changes."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from tracewire.ontology.technology import Taxonomy, load_taxonomy
from tracewire.store.models import ClaimRow, ClaimTechnologyRow, SettingRow

SETTING = "technology_taxonomy"  # the taxonomy version the stored classes come from
BATCH = 10_000


def save_classes(
    session: Session, claims: Iterable[tuple[int, str | None]], taxonomy: Taxonomy | None = None
) -> int:
    """Store the classes of (claim id, technology text) pairs; returns the rows written."""
    taxonomy = taxonomy or load_taxonomy()
    rows = [
        {"claim_id": claim_id, "technology_class": cls}
        for claim_id, text in claims
        for cls in taxonomy.classify(text)
    ]
    for start in range(0, len(rows), BATCH):
        session.execute(insert(ClaimTechnologyRow), rows[start : start + BATCH])
    return len(rows)


def reclassify_if_changed(session: Session, taxonomy: Taxonomy | None = None) -> int | None:
    """Classify every stored claim again when the store's classes come from another
    version of the taxonomy; the rows written, or None when they were current."""
    taxonomy = taxonomy or load_taxonomy()
    setting = session.get(SettingRow, SETTING)
    if setting is not None and setting.value == taxonomy.version:
        return None
    session.execute(delete(ClaimTechnologyRow))
    found = session.execute(
        select(ClaimRow.id, ClaimRow.technology).where(ClaimRow.technology.is_not(None))
    ).tuples()
    written = save_classes(session, list(found), taxonomy)
    if setting is None:
        session.add(SettingRow(key=SETTING, value=taxonomy.version))
    else:
        setting.value = taxonomy.version
    return written
