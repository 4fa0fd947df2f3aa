"""The resolved entities and claims that the graph exports (FtM, GraphML, GEXF) draw."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from tracewire.records import SYMMETRIC
from tracewire.store.models import AliasRow, EntityRow, MentionRow
from tracewire.store.read.claims import ClaimView, claim_views
from tracewire.store.read.entities import cluster_members, list_entities
from tracewire.store.sanctions import NOT_NAMES, best_hit_labels

# An ISO date or its year / year-month prefix, as claims write them ("2021-03", "2010/2012").
# Our own: FtM's date type refuses "2021-13" whole, where the year is still worth keeping.
ISO_DATE = re.compile(r"(?<!\d)(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?!\d)")


@dataclass(frozen=True, slots=True)
class Node:
    """A resolved entity (a cluster's representative) as the graph exports show it."""

    id: int
    key: str
    canonical: str
    type: str
    qid: str | None
    aliases: tuple[str, ...]  # every name of the cluster, the canonical name first
    mentions: int = 0
    documents: int = 0
    claims: int = 0
    sanctions: tuple[str, ...] = ()  # best sanctions-list hit labels
    # names the reports use only as a capital, demonym or surname ("Beijing" for China)
    weak: frozenset[str] = frozenset()

    @property
    def sanctioned(self) -> bool:
        """Whether screening found the entity on a sanctions list."""
        return bool(self.sanctions)


@dataclass(frozen=True, slots=True)
class GraphData:
    """Every resolved entity and every claim, the claims' parties always among the nodes."""

    nodes: dict[int, Node]
    claims: list[ClaimView]


def load_graph(session: Session) -> GraphData:
    """The mentioned entities plus any claim party without a mention, and all claims."""
    views = claim_views(session)
    claims: Counter[int] = Counter()
    for view in views:
        claims.update({view.subject_id, view.object_id})
    summaries = list_entities(session)
    known = {e.id for e in summaries}
    parties = {v.subject_id for v in views} | {v.object_id for v in views}
    extra = _unmentioned(session, parties - known)
    hits = best_hit_labels(session, known | set(extra))
    weak = _weak_names(session)
    nodes = {
        e.id: Node(
            e.id,
            e.key,
            e.canonical,
            e.type,
            e.qid,
            names(e.canonical, e.aliases),
            mentions=e.mentions,
            documents=e.documents,
            claims=claims[e.id],
            sanctions=tuple(hits.get(e.id, ())),
            weak=weak.get(e.id, frozenset()),
        )
        for e in summaries
    }
    for entity_id, (row, aliases) in sorted(extra.items()):
        nodes[entity_id] = Node(
            row.id, row.key, row.canonical, row.type, row.qid, names(row.canonical, aliases),
            claims=claims[row.id], sanctions=tuple(hits.get(row.id, ())),
        )  # fmt: skip
    return GraphData(nodes, views)


def _weak_names(session: Session) -> dict[int, frozenset[str]]:
    """Per representative, the mention texts that are never the entity's own name."""
    member, rep = aliased(EntityRow), aliased(EntityRow)
    forms: dict[tuple[int, str], set[str]] = defaultdict(set)
    for rep_id, text, form in session.execute(
        select(rep.id, MentionRow.text, MentionRow.form)
        .join(member, member.id == MentionRow.entity_id)
        .join(rep, rep.key == func.coalesce(member.cluster_key, member.key))
        .group_by(rep.id, MentionRow.text, MentionRow.form)
    ):
        forms[rep_id, one_line(text)].add(form)
    weak: dict[int, set[str]] = defaultdict(set)
    for (rep_id, text), seen in forms.items():
        if seen <= NOT_NAMES:
            weak[rep_id].add(text)
    return {rep_id: frozenset(texts) for rep_id, texts in weak.items()}


def _unmentioned(session: Session, ids: set[int]) -> dict[int, tuple[EntityRow, list[str]]]:
    """Claim parties that no mention names (possible in hand-made stores), with aliases."""
    if not ids:
        return {}
    members = cluster_members(session, ids)
    owner = {m: rep for rep, found in members.items() for m in found}
    aliases: dict[int, list[str]] = {rep: [] for rep in ids}
    for entity_id, name in session.execute(
        select(AliasRow.entity_id, AliasRow.name)
        .where(AliasRow.entity_id.in_(owner))
        .order_by(AliasRow.id)
    ):
        aliases[owner[entity_id]].append(name)
    rows = session.scalars(select(EntityRow).where(EntityRow.id.in_(ids)))
    return {row.id: (row, aliases[row.id]) for row in rows}


def parties(data: GraphData, view: ClaimView) -> tuple[Node, Node]:
    """A claim's (subject, object) nodes; a symmetric relation's in key order, so that
    "A contract B" and "B contract A" are one edge."""
    subject, obj = data.nodes[view.subject_id], data.nodes[view.object_id]
    if view.relation in SYMMETRIC and obj.key < subject.key:
        return obj, subject
    return subject, obj


def one_line(text: str) -> str:
    """`text` with runs of whitespace (line breaks included) as single spaces."""
    return " ".join(text.split())


def names(canonical: str, aliases: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The canonical name then each other name once, whitespace tidied."""
    seen: dict[str, None] = {}
    for name in (canonical, *aliases):
        tidy = one_line(name)
        if tidy:
            seen.setdefault(tidy)
    return tuple(seen)


def iso_dates(text: str | None) -> list[str]:
    """The ISO dates (or year / year-month prefixes) in a claim's date, in order."""
    found: list[str] = []
    for match in ISO_DATE.finditer(text or ""):
        year, month, day = match.groups()
        if not 1000 <= int(year) <= 2999:
            continue
        value = year
        if month and 1 <= int(month) <= 12:
            value = f"{year}-{month}"
            if day and _valid_day(int(year), int(month), int(day)):
                value = f"{value}-{day}"
        if value not in found:
            found.append(value)
    return found


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True
