"""Compare two normalised names token by token and explain the score.

Tokens are aligned exactly first, then as joined neighbours ("hizb allah" = "hizballah"),
then fuzzily: equal transliteration skeletons ("yusuf"/"yousuf"), Damerau-Levenshtein
within a length-dependent budget, equal metaphone codes, an initial of a person's name,
or a shared rigour organisation symbol ("co"/"company", "intl"/"international").
Every token carries its rarity weight (IDF), so matching "centrifuge" counts far more
than matching "company"; an aligned pair weighs what its listed tokens weigh. The score
is

    matched / (matched + mismatch + EXTRA_QUERY * unmatched_query + extra * unmatched_list)

where `matched` sums similarity x weight over aligned pairs, `mismatch` the rest of their
weight, and unmatched tokens cost their weight: a query word missing from the listed name
costs more than a listed word missing from the query (a missing middle name), except a
listed person's whole family name ("FAMILY, Given"), which costs nearly as much.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rigour._core import raw_levenshtein

EXTRA_QUERY = 1.0
EXTRA_LIST_ORG = 0.45
EXTRA_LIST_PERSON = 0.3
EXTRA_FAMILY = 0.7
SYMBOL_SIM = 0.95
SKELETON_SIM = 0.9
PHONETIC_SIM = 0.8
INITIAL_SIM = 0.7
MIN_SIM = 0.6

Pair = tuple[tuple[int, ...], tuple[int, ...], float]
"""Aligned token positions (query side, list side) and their similarity."""


@dataclass(frozen=True, slots=True)
class Side:
    """One name's tokens with their weights, metaphone codes, skeletons and org symbols."""

    tokens: tuple[str, ...]
    weights: tuple[float, ...]
    phonetic: tuple[str, ...]
    skeleton: tuple[str, ...]
    symbols: tuple[frozenset[str], ...] = ()
    """rigour organisation symbols per token (empty for persons, vessels, aircraft)."""
    family: int = 0
    """How many leading tokens are a person's family name (0: not known)."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """The outcome of comparing two names: a score in [0, 1] and what produced it."""

    score: float
    pairs: tuple[tuple[str, str, float], ...] = ()
    extra_query: tuple[str, ...] = ()
    extra_list: tuple[str, ...] = ()
    features: dict[str, float] = field(default_factory=dict)
    place: str | None = None
    """Territory code when the query names a country or territory (score capped)."""

    @property
    def exact(self) -> bool:
        """All tokens equal on both sides."""
        return (
            not self.extra_query
            and not self.extra_list
            and all(sim == 1.0 and a == b for a, b, sim in self.pairs)
        )


def token_similarity(query: Side, qpos: int, listed: Side, lpos: int, *, person: bool) -> float:
    """Similarity of two different tokens in [0, 1]; 0 below `MIN_SIM`."""
    a, b = query.tokens[qpos], listed.tokens[lpos]
    la, lb = len(a), len(b)
    if la == 1 or lb == 1:
        if person and a[0] == b[0] and not a.isdigit() and not b.isdigit():
            return INITIAL_SIM
        return 0.0
    if a.isdigit() or b.isdigit():
        return 0.0
    if query.skeleton[qpos] == listed.skeleton[lpos]:
        return SKELETON_SIM
    longest = max(la, lb)
    budget = 0 if longest <= 3 else 1 if longest <= 6 else 2 if longest <= 10 else 3
    sim = 0.0
    distance = budget + 2
    if abs(la - lb) <= budget + 1:
        distance = edit_distance(a, b)
        if distance <= budget:
            sim = 1.0 - distance / longest
    code = query.phonetic[qpos]
    if code and code == listed.phonetic[lpos] and min(la, lb) >= 5 and distance <= budget + 1:
        sim = max(sim, PHONETIC_SIM)
    if (
        sim < SYMBOL_SIM
        and query.symbols
        and listed.symbols
        and query.symbols[qpos] & listed.symbols[lpos]
    ):
        sim = SYMBOL_SIM  # "co" and "company", "intl" and "international"
    return sim if sim >= MIN_SIM else 0.0


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, counting a swap of two adjacent letters as one edit."""
    distance = raw_levenshtein(a, b)
    if distance == 2 and len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        ):
            return 1
    return distance


def compare(query: Side, listed: Side, *, person: bool) -> Comparison:
    """Align the tokens of two names and score the alignment."""
    alignment = _Alignment(query, listed, person)
    alignment.exact()
    if alignment.q_left and alignment.l_left:
        alignment.joined()
    if alignment.q_left and alignment.l_left:
        alignment.fuzzy()
    return alignment.comparison()


class _Alignment:
    """Token pairs found so far between two names, and the tokens still unpaired."""

    def __init__(self, query: Side, listed: Side, person: bool) -> None:
        self.query = query
        self.listed = listed
        self.person = person
        self.q_left = list(range(len(query.tokens)))
        self.l_left = list(range(len(listed.tokens)))
        self.pairs: list[Pair] = []

    def pair(self, qposes: tuple[int, ...], lposes: tuple[int, ...], sim: float) -> None:
        self.pairs.append((qposes, lposes, sim))
        for pos in qposes:
            self.q_left.remove(pos)
        for pos in lposes:
            self.l_left.remove(pos)

    def exact(self) -> None:
        positions: dict[str, list[int]] = {}
        for pos in self.l_left:
            positions.setdefault(self.listed.tokens[pos], []).append(pos)
        for qpos in list(self.q_left):
            found = positions.get(self.query.tokens[qpos])
            if found:
                self.pair((qpos,), (found.pop(0),), 1.0)

    def joined(self) -> None:
        """One token against two adjacent tokens of the other side ("hizb allah")."""
        q_tokens, l_tokens = self.query.tokens, self.listed.tokens
        for qpos in list(self.q_left):
            for lpos in self.l_left:
                if (
                    lpos + 1 in self.l_left
                    and l_tokens[lpos] + l_tokens[lpos + 1] == q_tokens[qpos]
                ):
                    self.pair((qpos,), (lpos, lpos + 1), 1.0)
                    break
        for lpos in list(self.l_left):
            for qpos in self.q_left:
                if (
                    qpos + 1 in self.q_left
                    and q_tokens[qpos] + q_tokens[qpos + 1] == l_tokens[lpos]
                ):
                    self.pair((qpos, qpos + 1), (lpos,), 1.0)
                    break

    def fuzzy(self) -> None:
        options: list[tuple[float, int, int]] = []
        for qpos in self.q_left:
            for lpos in self.l_left:
                sim = token_similarity(self.query, qpos, self.listed, lpos, person=self.person)
                if sim > 0.0:
                    options.append((sim, qpos, lpos))
        options.sort(reverse=True)
        for sim, qpos, lpos in options:
            if qpos in self.q_left and lpos in self.l_left:
                self.pair((qpos,), (lpos,), sim)

    def comparison(self) -> Comparison:
        query, listed = self.query, self.listed
        matched = mismatch = 0.0
        shown: list[tuple[str, str, float]] = []
        for qposes, lposes, sim in self.pairs:
            weight = sum(listed.weights[p] for p in lposes)
            matched += sim * weight
            mismatch += (1.0 - sim) * weight
            qtext = " ".join(query.tokens[p] for p in qposes)
            shown.append((qtext, " ".join(listed.tokens[p] for p in lposes), sim))
        extra_q = sum(query.weights[p] for p in self.q_left)
        extra_l = sum(listed.weights[p] for p in self.l_left)
        factor = EXTRA_LIST_PERSON if self.person else EXTRA_LIST_ORG
        # A family name wholly missing says more than a missing middle name, patronymic or
        # second surname ("Nicolas Maduro" for "MADURO MOROS, Nicolas").
        family = listed.family if all(p in self.l_left for p in range(listed.family)) else 0
        penalty = sum(
            listed.weights[p] * (EXTRA_FAMILY if p < family else factor) for p in self.l_left
        )
        denominator = matched + mismatch + EXTRA_QUERY * extra_q + penalty
        aligned = matched + mismatch
        features = {
            "token_overlap": _ratio(matched, aligned),
            "query_coverage": _ratio(aligned, aligned + extra_q),
            "list_coverage": _ratio(aligned, aligned + extra_l),
            "fuzzy_tokens": float(sum(1 for _, _, sim in shown if sim < 1.0)),
        }
        return Comparison(
            score=min(1.0, max(0.0, _ratio(matched, denominator))),
            pairs=tuple(shown),
            extra_query=tuple(query.tokens[p] for p in self.q_left),
            extra_list=tuple(listed.tokens[p] for p in self.l_left),
            features=features,
        )


def _ratio(part: float, whole: float) -> float:
    return round(part / whole, 4) if whole > 0 else 0.0
