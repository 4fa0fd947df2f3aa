"""Finding entities by name or alias, type and relation."""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, or_, select, union
from sqlalchemy.orm import Session

from tracewire.ontology.gazetteer import normalise_name
from tracewire.store.claim_reviews import any_rejected, rejected
from tracewire.store.read.clusters import ALIASES, CLAIMS, ENTITIES, EntityRef, chunks, rep_map

# The longest name an alias can have: a longer `q` cannot match, and is refused (422)
# before it reaches the database (a LIKE pattern of 50,000 characters makes SQLite fail).
MAX_QUERY_CHARS = 512


def _name_matches(session: Session, q: str) -> dict[int, int]:
    """Raw ids whose names contain `q`, with a rank: 0 exact, 1 prefix, 2 inside."""
    norm, low = normalise_name(q), q.strip().lower()
    canonical = func.lower(ENTITIES.c.canonical)
    rows = session.execute(
        union(
            select(ALIASES.c.entity_id, ALIASES.c.normalised).where(
                ALIASES.c.normalised.contains(norm, autoescape=True)
            ),
            select(ENTITIES.c.id, canonical).where(canonical.contains(low, autoescape=True)),
        )
    )
    ranks: dict[int, int] = {}
    for raw_id, name in rows:
        rank = 0 if name in (norm, low) else 1 if name.startswith((norm, low)) else 2
        ranks[raw_id] = min(rank, ranks.get(raw_id, rank))
    return ranks


def _with_relation(relation: str, *, reviewed: bool = False) -> ColumnElement[bool]:
    """Representatives with at least one claim of `relation` (as either party; not one a
    reviewer rejected, when some are: `reviewed`)."""
    where = (CLAIMS.c.relation == relation, *((~rejected(),) if reviewed else ()))
    parties = union(
        select(CLAIMS.c.subject_id.label("id")).where(*where),
        select(CLAIMS.c.object_id.label("id")).where(*where),
    ).subquery()
    keys = select(func.coalesce(ENTITIES.c.cluster_key, ENTITIES.c.key)).where(
        ENTITIES.c.id.in_(select(parties.c.id))
    )
    return ENTITIES.c.key.in_(keys)


def search(
    session: Session,
    q: str | None = None,
    type_: str | None = None,
    relation: str | None = None,
    limit: int = 50,
) -> list[EntityRef]:
    """Representatives named like `q` (name or alias), best match first, then by name;
    without `q`, in name order."""
    return search_page(session, q, type_, relation, limit=limit)[1]


def search_page(
    session: Session,
    q: str | None = None,
    type_: str | None = None,
    relation: str | None = None,
    *,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[EntityRef]]:
    """How many representatives `search` finds, and the page of them at `offset`."""
    columns = (ENTITIES.c.id, ENTITIES.c.key, ENTITIES.c.canonical, ENTITIES.c.type)
    query = select(*columns, ENTITIES.c.qid).where(
        or_(ENTITIES.c.cluster_key == ENTITIES.c.key, ENTITIES.c.cluster_key.is_(None))
    )
    if type_:
        query = query.where(func.lower(ENTITIES.c.type) == type_.lower())
    if relation:
        query = query.where(_with_relation(relation, reviewed=any_rejected(session)))
    if not q or not q.strip():
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        ordered = query.order_by(ENTITIES.c.canonical, ENTITIES.c.id).limit(limit).offset(offset)
        return int(total), [EntityRef(*row) for row in session.execute(ordered)]
    matched = _name_matches(session, q)
    ranks: dict[int, int] = {}
    for raw_id, rep in rep_map(session, matched).items():
        ranks[rep.id] = min(ranks.get(rep.id, matched[raw_id]), matched[raw_id])
    found: list[EntityRef] = []
    for part in chunks(ranks):
        found += [EntityRef(*row) for row in session.execute(query.where(ENTITIES.c.id.in_(part)))]
    found.sort(key=lambda e: (ranks[e.id], e.canonical.lower(), e.id))
    return len(found), found[offset : offset + limit]
