"""Screen a party's names against a sanctions list: `Screener.screen` -> `Match`es.

The matcher is named and versioned (`ALGORITHM`, `VERSION`) so stored matches say which
logic produced them; every `Match` carries its per-feature scores and a one-line
explanation a reviewer can read.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rigour.territories import lookup_territory

from tracewire.screen.aliases import variants
from tracewire.screen.index import IndexedName, NameIndex
from tracewire.screen.lists import SanctionsEntry, SanctionsList
from tracewire.screen.normalize import name_form
from tracewire.screen.scoring import Alignment, Comparison, Side

ALGORITHM = "tracewire-names"
VERSION = "1"
DEFAULT_THRESHOLD = 0.8
REPORT_FLOOR = 0.5
CANDIDATES = 10
"""How many names per query name and schema the index hands to the scorer."""
CANDIDATES_ANY_TYPE = 12
"""How many of those, over all schemata, a query of unknown type has scored."""
PLACE_CAP = 0.6
"""Highest score of a query that names a country or territory against a different name."""

_ORGANIZATION_ONLY = ("Organization",)
_BY_QUERY_SCHEMA: dict[str, tuple[str, ...]] = {
    "Person": ("Person",),
    "Vessel": ("Vessel",),
    "Aircraft": ("Aircraft",),
    "Airplane": ("Aircraft",),
}


def compatible_schemata(schema: str | None) -> tuple[str, ...]:
    """The list schemata a query of this type may match.

    A person matches persons only, a vessel vessels, an aircraft aircraft; organisations,
    companies, public bodies, countries and any other known type match organisations
    only. `None` (type not known) may match every schema.
    """
    if schema is None:
        return ("Organization", "Person", "Vessel", "Aircraft")
    return _BY_QUERY_SCHEMA.get(schema, _ORGANIZATION_ONLY)


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

    @property
    def is_hit(self) -> bool:
        """Whether the score reaches the screener's threshold."""
        return self.score >= self.threshold


@dataclass(frozen=True, slots=True)
class _Candidate:
    """The best alignment of one entry so far, with the query name that produced it."""

    score: float
    alignment: Alignment
    listed: IndexedName
    text: str
    place: str | None


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

    def with_threshold(self, threshold: float, *, floor: float = REPORT_FLOOR) -> Screener:
        """A screener over the same list and index with another threshold (no rebuild)."""
        other = object.__new__(Screener)
        other.list, other.index = self.list, self.index
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
        """Best matches for a party's name (and aliases), best first, score >= floor."""
        texts: dict[str, None] = {}
        for text in (name, *aliases):
            if text and text.strip():
                texts.setdefault(text.strip(), None)
                for variant in variants(text):
                    texts.setdefault(variant.text, None)
        best: dict[int, _Candidate] = {}
        for text in texts:
            place = None if schema == "Person" else place_code(text)
            for listed, alignment in self._align(text, schema):
                score = alignment.score
                if place is not None and not alignment.exact:
                    # A country is not its ministries, banks or namesakes: "Islamic
                    # Republic of Iran" must not hit "... OF IRAN BROADCASTING".
                    score = min(score, PLACE_CAP)
                known = best.get(listed.entry)
                if known is None or score > known.score:
                    best[listed.entry] = _Candidate(score, alignment, listed, text, place)
        reported = sorted(
            (found for found in best.values() if found.score >= self.floor),
            key=lambda found: (-found.score, self.index.entries[found.listed.entry].entry_id),
        )
        return [self._match(found, schema) for found in reported[:limit]]

    def _align(self, text: str, schema: str | None) -> list[tuple[IndexedName, Alignment]]:
        """Align one query name with the best candidates of every compatible schema."""
        targets = compatible_schemata(schema)
        sides: dict[str, Side] = {}
        pool: list[tuple[float, int, str]] = []
        for target in targets:
            index = self.index.schemas[target]
            form = name_form(text, target)
            if not form.tokens:
                continue
            sides[target] = index.side(form, query=True)
            found = self.index.candidates(form, target, CANDIDATES)
            pool.extend((rank, name_id, target) for rank, name_id in found)
        if len(targets) > 1:
            pool = heapq.nlargest(CANDIDATES_ANY_TYPE, pool)
        aligned = []
        for _, name_id, target in pool:
            listed = self.index.names[name_id]
            person = target == "Person"
            aligned.append((listed, Alignment(sides[target], listed.side, person=person)))
        return aligned

    def _match(self, found: _Candidate, schema: str | None) -> Match:
        score, alignment, listed = found.score, found.alignment, found.listed
        result = alignment.comparison()
        features = dict(result.features)
        features["exact_name"] = 1.0 if alignment.exact else 0.0
        features["type_match"] = 1.0
        if score < result.score:
            features["place_query"] = 1.0
            result = replace(result, score=score, place=found.place)
        return Match(
            entry=self.index.entries[listed.entry],
            score=round(score, 4),
            matched_name=listed.text,
            query_name=found.text,
            algorithm=ALGORITHM,
            version=VERSION,
            features=features,
            explanation=explain(result, listed, schema, exact=alignment.exact),
            threshold=self.threshold,
        )


@lru_cache(maxsize=4096)
def place_code(text: str) -> str | None:
    """The territory code when `text` is the name of a country or territory, else None."""
    territory = lookup_territory(text)
    return territory.code if territory is not None else None


def explain(
    result: Comparison, listed: IndexedName, schema: str | None, *, exact: bool = False
) -> str:
    """One line: aligned tokens, what did not match, name origin and type check."""
    tokens = ", ".join(a if a == b else f"{a}~{b}" for a, b, _ in result.pairs)
    parts = [f"token overlap {result.features.get('token_overlap', 0.0):.2f} ({tokens})"]
    if exact or result.exact:
        parts.append("exact name")
    if result.extra_query:
        parts.append("not in listed name: " + ", ".join(result.extra_query))
    if result.extra_list:
        parts.append("not in query: " + ", ".join(result.extra_list))
    if result.features.get("place_conflict"):
        parts.append("the names keep different country words")
    if listed.legal:
        parts.append("legal form weighed low: " + " ".join(listed.legal))
    if result.place:
        parts.append(f"query names a place ({result.place}): only an exact name can hit")
    if listed.note:
        parts.append(f"listed name derived: {listed.note}")
    parts.append(f"type {schema or 'unknown'}={listed.schema}")
    return "; ".join(parts)
