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
listed person's whole family name ("FAMILY, Given"), which costs nearly as much. Country
words weigh little in organisation names ("Iranian ...") unless both names keep a
different one ("Central Bank of Iran" against "CENTRAL BANK OF SYRIA").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rigour.text import levenshtein

EXTRA_QUERY = 1.0
EXTRA_LIST_ORG = 0.45
EXTRA_LIST_PERSON = 0.3
EXTRA_FAMILY = 0.7
PLACE_WEIGHT = 0.3
"""Weight factor of country words in organisation names (see index.py)."""
SYMBOL_SIM = 0.95
SKELETON_SIM = 0.9
PHONETIC_SIM = 0.8
INITIAL_SIM = 0.7
MIN_SIM = 0.6

Pair = tuple[tuple[int, ...], tuple[int, ...], float, int]
"""Aligned token positions (query side, list side), their similarity and how they met."""

# How two tokens were paired. The first five are strong (the same word, written another
# way); an edit-distance pair or an initial is weak: it may be a typo, or another word.
EXACT, JOINED, PLURAL, SKELETON, PHONETIC, SYMBOL, EDIT, INITIAL = range(8)
KIND_NAMES = ("exact", "joined", "plural", "skeleton", "phonetic", "symbol", "edit", "initial")
STRONG = frozenset({EXACT, JOINED, PLURAL, SKELETON, PHONETIC, SYMBOL})
PLURAL_SIM = 0.95
MIN_SKELETON_LENGTH = 4
"""Shorter tokens fold alike only when their lengths are close ("kim"/"kym", not "nyt"
and "niiit", which both give "nit")."""


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
    places: tuple[bool, ...] = ()
    """Which tokens name a country or nationality (weighed low in organisation names)."""


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


def token_similarity(
    query: Side, qpos: int, listed: Side, lpos: int, *, person: bool
) -> tuple[float, int]:
    """Similarity of two different tokens in [0, 1] (0 below `MIN_SIM`) and the kind of
    pairing that gave it (`SKELETON`, `EDIT`...)."""
    a, b = query.tokens[qpos], listed.tokens[lpos]
    la, lb = len(a), len(b)
    if la == 1 or lb == 1:
        if person and a[0] == b[0] and not a.isdigit() and not b.isdigit():
            return INITIAL_SIM, INITIAL
        return 0.0, EDIT
    if a.isdigit() or b.isdigit():
        return 0.0, EDIT
    if (
        la >= MIN_SKELETON_LENGTH
        and lb >= MIN_SKELETON_LENGTH
        and (
            (la == lb + 1 and a[-1] == "s" and a.startswith(b))
            or (lb == la + 1 and b[-1] == "s" and b.startswith(a))
        )
    ):
        return PLURAL_SIM, PLURAL  # "guards" and "guard"
    if query.skeleton[qpos] == listed.skeleton[lpos] and (
        min(la, lb) >= MIN_SKELETON_LENGTH or abs(la - lb) <= 1
    ):
        return SKELETON_SIM, SKELETON
    longest = max(la, lb)
    budget = 0 if longest <= 3 else 1 if longest <= 6 else 2 if longest <= 10 else 3
    sim, kind = 0.0, EDIT
    distance = budget + 2
    if abs(la - lb) <= budget + 1:
        distance = edit_distance(a, b)
        if distance <= budget:
            sim = 1.0 - distance / longest
    code = query.phonetic[qpos]
    if code and code == listed.phonetic[lpos] and min(la, lb) >= 5 and distance <= budget + 1:
        sim, kind = max(sim, PHONETIC_SIM), PHONETIC
        if person and (a == b + "a" or b == a + "a"):
            kind = EDIT  # "Romanova" is not "Romanov": a family name's feminine form
    if (
        sim < SYMBOL_SIM
        and query.symbols
        and listed.symbols
        and query.symbols[qpos] & listed.symbols[lpos]
    ):
        sim, kind = SYMBOL_SIM, SYMBOL  # "co" and "company", "intl" and "international"
    return (sim, kind) if sim >= MIN_SIM else (0.0, kind)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, counting a swap of two adjacent letters as one edit."""
    distance = levenshtein(a, b)
    if distance == 2 and len(a) == len(b):
        i = next(i for i in range(len(a)) if a[i] != b[i])
        if a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]:
            return 1
    return distance


def compare(query: Side, listed: Side, *, person: bool) -> Comparison:
    """Align the tokens of two names, score the alignment and explain it."""
    return Alignment(query, listed, person=person).comparison()


class Alignment:
    """The token pairs between two names, the tokens left unpaired, and the score.

    Scoring is cheap; the explained `Comparison` is built only when asked for, so a
    screener scores many candidates but explains only those it reports.
    """

    def __init__(self, query: Side, listed: Side, *, person: bool) -> None:
        self.query = query
        self.listed = listed
        self.person = person
        self.q_left = list(range(len(query.tokens)))
        self.l_left = list(range(len(listed.tokens)))
        self.pairs: list[Pair] = []
        self._pair_equal()
        if self.q_left and self.l_left:
            self._pair_joined()
        if self.q_left and self.l_left:
            self._pair_fuzzy()
        self.matched = self.mismatch = 0.0
        for _, lposes, sim, _kind in self.pairs:
            weight = sum(listed.weights[p] for p in lposes)
            self.matched += sim * weight
            self.mismatch += (1.0 - sim) * weight
        self.extra_query = sum(query.weights[p] for p in self.q_left)
        self.extra_list = sum(listed.weights[p] for p in self.l_left)
        self.conflict = self._place_conflict()
        self.score = min(1.0, max(0.0, _ratio(self.matched, self._denominator())))

    @property
    def exact(self) -> bool:
        """All tokens paired with equal tokens, none left over."""
        return (
            not self.q_left
            and not self.l_left
            and all(kind == EXACT for _, _, _, kind in self.pairs)
        )

    def _pair(
        self, qposes: tuple[int, ...], lposes: tuple[int, ...], sim: float, kind: int
    ) -> None:
        self.pairs.append((qposes, lposes, sim, kind))
        for pos in qposes:
            self.q_left.remove(pos)
        for pos in lposes:
            self.l_left.remove(pos)

    def _pair_equal(self) -> None:
        positions: dict[str, list[int]] = {}
        for pos in self.l_left:
            positions.setdefault(self.listed.tokens[pos], []).append(pos)
        for qpos in list(self.q_left):
            found = positions.get(self.query.tokens[qpos])
            if found:
                self._pair((qpos,), (found.pop(0),), 1.0, EXACT)

    def _pair_joined(self) -> None:
        """One token against two adjacent tokens of the other side ("hizb allah")."""
        q_tokens, l_tokens = self.query.tokens, self.listed.tokens
        for qpos in list(self.q_left):
            for lpos in self.l_left:
                joined = l_tokens[lpos] + l_tokens[lpos + 1] if lpos + 1 in self.l_left else ""
                if joined == q_tokens[qpos]:
                    self._pair((qpos,), (lpos, lpos + 1), 1.0, JOINED)
                    break
        for lpos in list(self.l_left):
            for qpos in self.q_left:
                joined = q_tokens[qpos] + q_tokens[qpos + 1] if qpos + 1 in self.q_left else ""
                if joined == l_tokens[lpos]:
                    self._pair((qpos, qpos + 1), (lpos,), 1.0, JOINED)
                    break

    def _pair_fuzzy(self) -> None:
        options: list[tuple[float, int, int, int]] = []
        for qpos in self.q_left:
            for lpos in self.l_left:
                sim, kind = token_similarity(
                    self.query, qpos, self.listed, lpos, person=self.person
                )
                if sim > 0.0:
                    options.append((sim, -kind, qpos, lpos))
        options.sort(reverse=True)
        for sim, kind, qpos, lpos in options:
            if qpos in self.q_left and lpos in self.l_left:
                self._pair((qpos,), (lpos,), sim, -kind)

    def _place_conflict(self) -> float:
        """Weight to add when both names keep a country word of their own, else 0."""
        query, listed = self.query, self.listed
        if not query.places or not listed.places:
            return 0.0
        q_places = [p for p in self.q_left if query.places[p]]
        l_places = [p for p in self.l_left if listed.places[p]]
        if not q_places or not l_places:
            return 0.0
        # "Central Bank of Iran" is not "CENTRAL BANK OF SYRIA": two different country
        # words left over count in full.
        restore = 1.0 / PLACE_WEIGHT - 1.0
        return restore * (
            sum(query.weights[p] for p in q_places) + sum(listed.weights[p] for p in l_places)
        )

    def _denominator(self) -> float:
        listed = self.listed
        factor = EXTRA_LIST_PERSON if self.person else EXTRA_LIST_ORG
        # A family name wholly missing says more than a missing middle name, patronymic or
        # second surname ("Nicolas Maduro" for "MADURO MOROS, Nicolas").
        family = listed.family if all(p in self.l_left for p in range(listed.family)) else 0
        penalty = sum(
            listed.weights[p] * (EXTRA_FAMILY if p < family else factor) for p in self.l_left
        )
        extra_query = EXTRA_QUERY * (self.extra_query + self.conflict)
        return self.matched + self.mismatch + extra_query + penalty

    def comparison(self) -> Comparison:
        """The score with the aligned tokens and per-feature values that explain it."""
        query, listed = self.query, self.listed
        shown = tuple(
            (
                " ".join(query.tokens[p] for p in qposes),
                " ".join(listed.tokens[p] for p in lposes),
                sim,
            )
            for qposes, lposes, sim, _kind in self.pairs
        )
        aligned = self.matched + self.mismatch
        features = {
            "token_overlap": _ratio(self.matched, aligned),
            "query_coverage": _ratio(aligned, aligned + self.extra_query),
            "list_coverage": _ratio(aligned, aligned + self.extra_list),
            "fuzzy_tokens": float(sum(1 for _, _, sim in shown if sim < 1.0)),
        }
        if self.conflict:
            features["place_conflict"] = 1.0
        return Comparison(
            score=self.score,
            pairs=shown,
            extra_query=tuple(query.tokens[p] for p in self.q_left),
            extra_list=tuple(listed.tokens[p] for p in self.l_left),
            features=features,
        )


def _ratio(part: float, whole: float) -> float:
    return round(part / whole, 4) if whole > 0 else 0.0
