"""Which entity a reviewer means by what they type: an entity id (as the pages show them,
"#12" to insist on an id), an exact canonical name, a gazetteer name, or an alias.

A word that names entities of more than one cluster is ambiguous: nothing is picked, and
the error lists the candidates' ids, so the reviewer can give one. Within one cluster the
most direct reading wins (an id, then a canonical name, a gazetteer name, an alias), since
a split of two members needs the member each name stands for.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracewire.ontology import load_gazetteer
from tracewire.ontology.gazetteer import normalise_name
from tracewire.store.models import AliasRow, EntityRow

READINGS = ("id", "name", "gazetteer", "alias")  # the most direct first
MAX_LISTED = 8  # candidates an ambiguity error names


class EntityNameError(LookupError):
    """The word names no entity, or entities of several clusters (a one-line reason)."""


@dataclass(frozen=True, slots=True)
class Named:
    """A raw entity a word names, how it names it, and its cluster's key."""

    id: int
    key: str
    canonical: str
    cluster: str
    reading: str  # one of READINGS


def entities_named(session: Session, text: str) -> list[Named]:
    """Every raw entity the word names, the most direct readings first."""
    word = text.strip()
    found: dict[int, Named] = {}

    def add(rows: object, reading: str) -> None:
        for row_id, key, canonical, cluster in rows:  # type: ignore[attr-defined]
            found.setdefault(row_id, Named(row_id, key, canonical, cluster or key, reading))

    columns = (EntityRow.id, EntityRow.key, EntityRow.canonical, EntityRow.cluster_key)
    digits = word.removeprefix("#")
    if digits.isdigit():
        add(session.execute(select(*columns).where(EntityRow.id == int(digits))), "id")
        if word.startswith("#"):  # an id and nothing else
            return list(found.values())
    norm = normalise_name(word)
    if norm:
        add(session.execute(select(*columns).where(func.lower(EntityRow.canonical) == norm)),
            "name")  # fmt: skip
        hit = load_gazetteer().lookup(word)
        if hit is not None:
            add(session.execute(select(*columns).where(EntityRow.key == hit[0].key)), "gazetteer")
        aliased = (
            select(*columns)
            .join(AliasRow, AliasRow.entity_id == EntityRow.id)
            .where(AliasRow.normalised == norm)
            .order_by(AliasRow.origin.desc(), EntityRow.id)
        )
        add(session.execute(aliased), "alias")
    return sorted(found.values(), key=lambda n: (READINGS.index(n.reading), n.id))


def entity_named(session: Session, text: str) -> Named:
    """The raw entity the word names; `EntityNameError` when it names none, or entities of
    several clusters (the message lists their ids)."""
    found = entities_named(session, text)
    if not found:
        raise EntityNameError(f"no entity named {text!r} in the store")
    clusters = {n.cluster for n in found}
    if len(clusters) > 1:
        listed = ", ".join(f"{n.id} ({n.canonical})" for n in found[:MAX_LISTED])
        more = f" and {len(found) - MAX_LISTED} more" if len(found) > MAX_LISTED else ""
        raise EntityNameError(
            f"{text!r} names entities of {len(clusters)} clusters: {listed}{more}; "
            "give one of these ids (#ID)"
        )
    return found[0]
