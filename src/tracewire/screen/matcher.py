"""Screen a party's names against a sanctions list: `Screener.screen` -> `Match`es.

The matcher is named and versioned (`ALGORITHM`, `VERSION`) so stored matches say which
logic produced them. Every `Match` carries a level (`listed`, `related`, `possible` or
`near`), its per-feature values (see `features.py`) and a one-line explanation.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rigour.territories import lookup_territory

from tracewire.screen.aliases import variants
from tracewire.screen.features import (
    IDENTIFIERS,
    LINKED_WEIGHT,
    LISTED,
    NEAR,
    OTHER,
    POSSIBLE,
    RELATED,
    TYPO_EXPLAINED,
    Pairing,
    Query,
    Verdict,
    judge,
)
from tracewire.screen.index import NameIndex
from tracewire.screen.lists import SanctionsEntry, SanctionsList, compatible_schemata
from tracewire.screen.normalize import name_form
from tracewire.screen.scoring import STRONG, Alignment
from tracewire.screen.vocabulary import MIN_DOMAIN_LABEL, domain_label, remark_websites

__all__ = ["ALGORITHM", "HIT_LEVELS", "VERSION", "Match", "Screener", "compatible_schemata"]

ALGORITHM = "tracewire-names"
VERSION = "2"
DEFAULT_THRESHOLD = 0.8
REPORT_FLOOR = 0.5
CANDIDATES = 10
"""How many names per query name and schema the index hands to the scorer."""
CANDIDATES_ANY_TYPE = 12
"""How many of those, over all schemata, a query of unknown type has scored."""
HIT_LEVELS = frozenset({LISTED, RELATED, POSSIBLE, OTHER})
"""The levels shown as flags; `near` candidates are shown only when asked for."""
_LEVEL_RANK = {LISTED: 4, OTHER: 4, RELATED: 3, POSSIBLE: 2, NEAR: 1}


@dataclass(frozen=True, slots=True)
class Match:
    """One list entry that resembles the screened party, with the evidence."""

    entry: SanctionsEntry
    score: float
    matched_name: str
    query_name: str
    algorithm: str
    version: str
    features: dict[str, float] = field(default_factory=dict)
    explanation: str = ""
    threshold: float = DEFAULT_THRESHOLD
    level: str = NEAR
    """`listed`, `related`, `possible`, `other` (on the list for no sanction) or `near`."""

    @property
    def is_hit(self) -> bool:
        """Whether the match is shown as a flag (any level but `near`)."""
        return self.level in HIT_LEVELS


@dataclass(slots=True)
class _Found:
    """The best pairing of one entry so far."""

    verdict: Verdict
    pairing: Pairing


class Screener:
    """Screens names against one sanctions list, held in an in-process index."""

    algorithm = ALGORITHM
    version = VERSION

    def __init__(
        self,
        lst: SanctionsList,
        threshold: float = DEFAULT_THRESHOLD,
        *,
        floor: float = REPORT_FLOOR,
    ) -> None:
        self.list = lst
        self.threshold = threshold
        self.floor = min(floor, threshold)
        self.index = NameIndex(lst)
        self.first_name: dict[int, int] = {}
        for name_id, listed in enumerate(self.index.names):
            self.first_name.setdefault(listed.entry, name_id)
        self.websites: defaultdict[str, list[tuple[int, str]]] = defaultdict(list)
        for pos, entry in enumerate(lst.entries):
            if entry.schema != "Organization":
                continue
            for site in dict.fromkeys((*entry.websites, *remark_websites(entry.remarks))):
                label = domain_label(site)
                if label and len(label) >= MIN_DOMAIN_LABEL and pos in self.first_name:
                    self.websites[label].append((pos, site))

    def with_threshold(self, threshold: float, *, floor: float = REPORT_FLOOR) -> Screener:
        """A screener over the same list and index with another threshold (no rebuild)."""
        other = object.__new__(Screener)
        other.list, other.index = self.list, self.index
        other.first_name, other.websites = self.first_name, self.websites
        other.threshold, other.floor = threshold, min(floor, threshold)
        return other

    def screen(
        self,
        name: str,
        schema: str | None = None,
        *,
        aliases: Sequence[str] = (),
        limit: int = 5,
    ) -> list[Match]:
        """Best matches for a party's name (and aliases), best first, score >= floor.

        `schema` is the party's type: `Person`, `Organization`, `Vessel`, `Aircraft`, or
        `State` for a country (never itself listed); None when not known.
        """
        texts: dict[str, None] = {}
        for text in (name, *aliases):
            if text and text.strip():
                texts.setdefault(text.strip(), None)
                for variant in variants(text):
                    texts.setdefault(variant.text, None)
        best: dict[int, _Found] = {}
        for text in texts:
            for pairing in self._pairings(text, schema):
                verdict = judge(pairing, self.threshold)
                known = best.get(pairing.listed.entry)
                if known is None or _better(verdict, known.verdict):
                    best[pairing.listed.entry] = _Found(verdict, pairing)
        _explain_typos(list(best.values()), self.threshold)
        self._relate_linked(best)
        reported = sorted(
            (found for found in best.values() if found.verdict.score >= self.floor),
            key=lambda f: (
                -f.verdict.score,
                -_LEVEL_RANK[f.verdict.level],
                self.index.entries[f.pairing.listed.entry].entry_id,
            ),
        )
        return [self._match(found) for found in reported[:limit]]

    def _pairings(self, text: str, schema: str | None) -> list[Pairing]:
        """The query name against the best candidates of every compatible schema (and the
        entries whose website spells it); pairings that cannot reach the floor are left out."""
        targets = compatible_schemata(schema)
        state = None if schema == "Person" else place_code(text)
        if schema == "State" and state is None:
            state = "state"
        queries: dict[str, Query] = {}
        pool: list[tuple[float, int, str]] = []
        for target in targets:
            index = self.index.schemas[target]
            form = name_form(text, target)
            if not form.tokens:
                continue
            queries[target] = Query(text, schema, target, form, index, state)
            found = self.index.candidates(form, target, CANDIDATES)
            pool.extend((rank, name_id, target) for rank, name_id in found)
        if len(targets) > 1:
            pool = heapq.nlargest(CANDIDATES_ANY_TYPE, pool)
        sides = {t: q.index.side(q.form, query=True) for t, q in queries.items()}
        pairings = []
        for _, name_id, target in pool:
            listed = self.index.names[name_id]
            alignment = Alignment(sides[target], listed.side, person=target == "Person")
            if alignment.score >= self.floor:
                entry = self.index.entries[listed.entry]
                pairings.append(Pairing(queries[target], listed, entry, alignment))
        query = queries.get("Organization")
        if query is not None and state is None and self.websites:
            key = "".join(query.form.tokens[i] for i in query.core)
            for pos, site in self.websites.get(key, ()):
                listed = self.index.names[self.first_name[pos]]
                alignment = Alignment(sides["Organization"], listed.side, person=False)
                entry = self.index.entries[pos]
                pairings.append(Pairing(query, listed, entry, alignment, website=site))
        return pairings

    def _relate_linked(self, best: dict[int, _Found]) -> None:
        """An organisation entry that holds the party's name and that the list links to
        the party's own listing is a related designation, however long its name."""
        entries = self.index.entries
        listed = {
            entries[pos].name.casefold() for pos, f in best.items() if f.verdict.level == LISTED
        }
        if not listed:
            return
        for pos, found in best.items():
            verdict, pairing = found.verdict, found.pairing
            links = {link.casefold() for link in entries[pos].linked_to}
            if (
                verdict.level != NEAR
                or pairing.person
                or not links & listed
                or pairing.query.generic
                or pairing.query.state is not None
                or pairing.query_left()
                or not pairing.alignment.pairs
                or not all(kind in STRONG for kind in pairing.paired_kinds())
            ):
                continue
            link = next(iter(links & listed))
            verdict.features["linked_to_listed"] = 1.0
            verdict.details["linked_to_listed"] = f"linked to {link.upper()}"
            verdict.score = max(verdict.score, LINKED_WEIGHT)
            verdict.level = RELATED

    def _match(self, found: _Found) -> Match:
        verdict, pairing = found.verdict, found.pairing
        entry = pairing.entry
        level = verdict.level
        if level == LISTED and not entry.sanctioned:
            level = OTHER
        features = dict(verdict.features)
        features["exact_name"] = 1.0 if pairing.alignment.exact else 0.0
        explanation = verdict.explain()
        if level == OTHER:
            explanation += f"; on the list as {', '.join(entry.topics) or 'no sanction'}"
        return Match(
            entry=entry,
            score=verdict.score,
            matched_name=pairing.listed.text,
            query_name=pairing.query.text,
            algorithm=ALGORITHM,
            version=VERSION,
            features=features,
            explanation=f"{explanation}; level {level}; type {_types(pairing)}",
            threshold=self.threshold,
            level=level,
        )


def _types(pairing: Pairing) -> str:
    return f"{pairing.query.schema or 'unknown'}={pairing.listed.schema}"


def _better(verdict: Verdict, known: Verdict) -> bool:
    if verdict.score != known.score:
        return verdict.score > known.score
    return _LEVEL_RANK[verdict.level] > _LEVEL_RANK[known.level]


def _explain_typos(items: list[_Found], threshold: float) -> None:
    """A hit that rests on a misspelt word is dropped below the threshold when another
    entry carries the party's name without one ("Bagheri" is BAGHERI, not BASERI)."""
    strong = {
        f.pairing.listed.schema
        for f in items
        if f.verdict.level in (LISTED, RELATED)
        and f.verdict.main not in IDENTIFIERS
        and all(kind in STRONG for kind in f.pairing.paired_kinds())
    }
    for f in items:
        verdict = f.verdict
        if (
            verdict.level == POSSIBLE
            and verdict.features.get("weak_pairs")
            and f.pairing.listed.schema in strong
        ):
            verdict.features["typo_explained"] = 1.0
            verdict.details["typo_explained"] = "another entry matches the name as written"
            verdict.score = round(max(0.0, verdict.score + TYPO_EXPLAINED), 4)
            if verdict.score < threshold:
                verdict.level = NEAR


@lru_cache(maxsize=4096)
def place_code(text: str) -> str | None:
    """The territory code when `text` is the name of a country or territory, else None."""
    territory = lookup_territory(text)
    return territory.code if territory is not None else None
