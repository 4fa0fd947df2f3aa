"""The features of the `tracewire-names` matcher, each named, weighted and explained.

Modelled on nomenklatura's logic-v2: a query name and a listed name are compared by
feature functions. *Main* features (`name_match`, `website_match`) score the evidence
that both name one party, and the best one counts; *qualifiers* add their weight when they
fire (the precision rules: a person's given and family names must agree, generic names
need an exact match, ...); *level* features weigh nothing but say what a hit is: a
designation of a part or parent (`related`) or a match to review (`possible`).

Every feature function takes a `Pairing` and returns its value in [0, 1] with a short
detail; `FEATURES` lists them with their weights, and `judge` combines them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from tracewire.screen.index import IndexedName, SchemaIndex
from tracewire.screen.lists import SanctionsEntry, compatible_schemata
from tracewire.screen.normalize import NameForm, place_tokens
from tracewire.screen.scoring import (
    EDIT,
    EXACT,
    INITIAL,
    JOINED,
    KIND_NAMES,
    PHONETIC,
    PLURAL,
    SKELETON,
    STRONG,
    Alignment,
    edit_distance,
)
from tracewire.screen.vocabulary import (
    is_common_org_word,
    is_generic_person_name,
    kunya_particles,
    name_particles,
    person_name_symbols,
    stop_words,
)

LISTED, RELATED, POSSIBLE, NEAR = "listed", "related", "possible", "near"
OTHER = "other"
"""A strong match to an entry that is on the list for something other than sanctions
(export control, debarment, crime...): shown as what the entry is, never as `listed`."""
SHORT_NAME = 3
"""A name of at most this many letters ("ABC", "NYT") identifies nobody on its own."""
SHORT_SINGLE_NAME = 5
"""A one-word name of at most this many letters ("TESA", "Yitu") is a possible match."""
LONG_SINGLE_WORD = 7
"""A one-word name this long may differ from the listed word by one typo."""
LONG_PHONETIC_WORD = 8
"""A one-word name this long may be another transliteration that sounds the same."""
KNOWN_WORD_DF = 2
MIN_OWN_WORDS = 2
"""Words of its own (not common organisation words) a name needs to stand inside a
longer listed name as its part."""
"""A word in this many listed organisation names is a word of its own, not a typo."""


@dataclass(frozen=True)
class Query:
    """One name of the screened party, normalised for one listed schema."""

    text: str
    schema: str | None
    """The party's own type as screened (`Person`, `Organization`, `State`...)."""
    target: str
    """The listed schema it is compared with."""
    form: NameForm
    index: SchemaIndex
    state: str | None = None
    """Territory code when the name is a state's or country's (never its own listing)."""

    @cached_property
    def core(self) -> tuple[int, ...]:
        """Positions of the tokens that are not part of a legal form."""
        legal = self.form.legal or (False,) * len(self.form.tokens)
        return tuple(i for i, flag in enumerate(legal) if not flag)

    @cached_property
    def generic(self) -> bool:
        """Whether the name is made only of common organisation, stop and country words."""
        tokens = self.form.tokens
        return bool(self.core) and all(is_common_org_word(tokens[i]) for i in self.core)


@dataclass(slots=True)
class Pairing:
    """A query name against one listed name of one entry, with their token alignment."""

    query: Query
    listed: IndexedName
    entry: SanctionsEntry
    alignment: Alignment
    website: str | None = None
    """The entry's website whose domain spells the query name, if any."""

    @property
    def person(self) -> bool:
        """Whether persons are compared."""
        return self.listed.schema == "Person"

    def paired_kinds(self) -> list[int]:
        """How each aligned token pair met (`EXACT`, `EDIT`...)."""
        return [kind for _, _, _, kind in self.alignment.pairs]

    def extra_query(self) -> list[str]:
        """Query words left unpaired that identify: not legal form, stop or country words."""
        tokens, legal = self.query.form.tokens, self.query.form.legal
        return [
            tokens[p]
            for p in self.alignment.q_left
            if not (legal and legal[p]) and _identifying(tokens[p], self.person)
        ]

    def extra_listed(self) -> list[str]:
        """Listed words left unpaired that identify (as `extra_query`)."""
        tokens, legal = self.listed.side.tokens, self.listed.legal_mask
        return [
            tokens[p]
            for p in self.alignment.l_left
            if not (legal and legal[p]) and _identifying(tokens[p], self.person)
        ]

    def full_exact(self) -> bool:
        """Every word paired with the same word (plural or joined forms count) and none
        left over on either side but legal-form and stop words: an exact full name."""
        if not all(kind in (EXACT, JOINED, PLURAL) for kind in self.paired_kinds()):
            return False
        return not self._left(
            self.query.form.tokens, self.query.form.legal, self.alignment.q_left
        ) and not self._left(self.listed.side.tokens, self.listed.legal_mask, self.alignment.l_left)

    def query_left(self) -> list[str]:
        """Query words left unpaired, legal-form and stop words aside (places included)."""
        return self._left(self.query.form.tokens, self.query.form.legal, self.alignment.q_left)

    @staticmethod
    def _left(tokens: tuple[str, ...], legal: tuple[bool, ...], left: list[int]) -> list[str]:
        stop = stop_words()
        return [tokens[p] for p in left if not (legal and legal[p]) and tokens[p] not in stop]


def _identifying(token: str, person: bool) -> bool:
    if person:
        return token not in name_particles()
    return token not in stop_words() and token not in place_tokens()


FeatureFunc = Callable[[Pairing], tuple[float, str]]


@dataclass(frozen=True, slots=True)
class Feature:
    """A named feature with its weight; `level` is what a hit becomes when it fires."""

    func: FeatureFunc
    weight: float
    qualifier: bool = False
    level: str | None = None

    @property
    def name(self) -> str:
        """The feature's name (its function's)."""
        return self.func.__name__

    @property
    def doc(self) -> str:
        """The first line of the function's docstring."""
        return (self.func.__doc__ or "").strip().splitlines()[0]


def name_match(p: Pairing) -> tuple[float, str]:
    """Token alignment of the two names, each word weighed by its rarity on the list."""
    a = p.alignment
    shown = []
    for qposes, lposes, _sim, kind in a.pairs:
        q = " ".join(a.query.tokens[i] for i in qposes)
        lt = " ".join(a.listed.tokens[i] for i in lposes)
        shown.append(q if kind == EXACT else f"{q}~{lt} ({KIND_NAMES[kind]})")
    parts = [", ".join(shown) or "no word in common"]
    if a.exact:
        parts.append("exact name")
    if a.q_left:
        parts.append("not in listed name: " + " ".join(a.query.tokens[i] for i in a.q_left))
    if a.l_left:
        parts.append("not in query: " + " ".join(a.listed.tokens[i] for i in a.l_left))
    if p.listed.legal:
        parts.append("legal form weighed low: " + " ".join(p.listed.legal))
    if p.listed.note:
        parts.append(f"listed name derived: {p.listed.note}")
    return a.score, "; ".join(parts)


def website_match(p: Pairing) -> tuple[float, str]:
    """The query name spells the domain of a website the entry gives ("ArvanCloud" and
    www.arvancloud.com): the list ties the name to the entry."""
    if p.website is None:
        return 0.0, ""
    return 1.0, f"{p.query.text!r} is the domain of {p.website}"


def contained_name(p: Pairing) -> tuple[float, str]:
    """Every word of an organisation name with two or more words of its own (not common
    organisation words) is in a longer listed name ("... Guard Corps" in "... Guard
    Corps Air Force"): at least a related designation, however long the listed name."""
    query = p.query
    if p.person or query.generic or query.state is not None:
        return 0.0, ""
    own = [query.form.tokens[i] for i in query.core]
    if len([t for t in own if not is_common_org_word(t)]) < MIN_OWN_WORDS:
        return 0.0, ""  # "Communist Party" in a longer name is a namesake, not a part
    if p.query_left() or not all(kind in STRONG for kind in p.paired_kinds()):
        return 0.0, ""
    extra = p.extra_listed()
    return (1.0, "the listed name adds: " + " ".join(extra)) if extra else (0.0, "")


def type_mismatch(p: Pairing) -> tuple[float, str]:
    """The party's type cannot be the listed party's (person, organisation, vessel)."""
    ok = p.listed.schema in compatible_schemata(p.query.schema)
    return (0.0 if ok else 1.0), f"{p.query.schema or 'unknown'} vs {p.listed.schema}"


def given_family_disagree(p: Pairing) -> tuple[float, str]:
    """A person's given and family names must both agree; one shared name is not enough."""
    if not p.person:
        return 0.0, ""
    particles = name_particles()
    tokens = p.listed.side.tokens
    paired = [
        lp for _, lposes, _, _ in p.alignment.pairs for lp in lposes if tokens[lp] not in particles
    ]
    family = p.listed.side.family
    if family:
        has_family = any(lp < family for lp in paired)
        has_given = any(lp >= family for lp in paired)
        if has_family and has_given:
            return 0.0, "given and family names agree"
        missing = "family" if not has_family else "given"
        return 1.0, f"the {missing} name {' '.join(_part(tokens, family, missing))} has no match"
    if len(set(paired)) >= 2:
        return 0.0, "two name parts agree"
    return 1.0, "fewer than two name parts agree"


def _part(tokens: tuple[str, ...], family: int, which: str) -> tuple[str, ...]:
    return tokens[:family] if which == "family" else tokens[family:]


def generic_person_name(p: Pairing) -> tuple[float, str]:
    """The names share only common given names ("Abdul Rahman", "Mohammad") or the
    listed name is a kunya ("Abu ...") the query does not use."""
    if not p.person:
        return 0.0, ""
    a = p.alignment
    listed = a.listed.tokens
    paired = {lp for _, lposes, _, _ in a.pairs for lp in lposes}
    for pos in a.l_left:
        if listed[pos] in kunya_particles() and pos + 1 in paired:
            kunya = " ".join(listed[pos : pos + 2])
            return 1.0, f"the listed name holds the kunya {kunya!r}, the query not"
    shared = tuple(a.query.tokens[q] for qposes, _, _, _ in sorted(a.pairs) for q in qposes)
    if shared and is_generic_person_name(shared):
        return 1.0, f"only common given names agree ({' '.join(shared)})"
    return 0.0, ""


def generic_name_inexact(p: Pairing) -> tuple[float, str]:
    """A name made only of common words and country words ("Central Bank", "People's
    Republic of ...") names a kind of body: only an exact full-name match counts."""
    if p.person or not p.query.generic or p.full_exact():
        return 0.0, ""
    return 1.0, "a name of common words only, and not the exact listed name"


def single_word_inexact(p: Pairing) -> tuple[float, str]:
    """A one-word name must be the listed word itself, another spelling of it
    ("Taibola"/"Taybola") or a one-letter typo of a long word the list does not know
    otherwise: "Cisco" is not "SISCO"."""
    if p.person or len(p.query.core) != 1:
        return 0.0, ""
    (qpos,) = p.query.core
    word = p.query.form.tokens[qpos]
    for qposes, lposes, _, kind in p.alignment.pairs:
        if qpos in qposes:
            if kind in (EXACT, JOINED, PLURAL, SKELETON):
                return 0.0, ""
            if kind == PHONETIC and len(word) >= LONG_PHONETIC_WORD:
                return 0.0, ""  # "Hezbollah"/"HIZBALLAH": a long word sounding the same
            listed = p.alignment.listed.tokens[lposes[0]]
            if (
                kind == EDIT
                and len(word) >= LONG_SINGLE_WORD
                and word not in p.query.index.df
                and edit_distance(word, listed) == 1
            ):
                return 0.0, ""  # a typo of a long word: `weak_pairs` makes it possible
            return 1.0, f"the one word {word!r} only resembles the listed one"
    return 1.0, "the one word of the name has no match"


def short_name(p: Pairing) -> tuple[float, str]:
    """A name of three letters or fewer ("ABC", "NYT") identifies nobody on its own."""
    tokens = p.query.form.tokens
    core = "".join(tokens[i] for i in p.query.core)
    if p.person or len(core) > SHORT_NAME:
        return 0.0, ""
    return 1.0, f"{core!r} is too short to identify a party"


def known_word_fuzzy(p: Pairing) -> tuple[float, str]:
    """Two words paired by spelling are different known words, not a typo: different
    given or family names ("Muammar"/"Muhammad"), or a word the list itself uses in
    organisation names ("china"/"chino")."""
    a = p.alignment
    for qposes, lposes, _, kind in a.pairs:
        if kind != EDIT or len(qposes) != 1 or len(lposes) != 1:
            continue
        q, lt = a.query.tokens[qposes[0]], a.listed.tokens[lposes[0]]
        if p.person:
            # One edit is as likely a typo as another name; two are another name.
            mine, theirs = person_name_symbols(q), person_name_symbols(lt)
            if mine and theirs and not mine & theirs and edit_distance(q, lt) >= 2:
                return 1.0, f"{q!r} and {lt!r} are different names"
        elif p.query.index.df.get(q, 0) >= KNOWN_WORD_DF:
            return 1.0, f"{q!r} is a listed word of its own, not a misspelling of {lt!r}"
    return 0.0, ""


def state_name_inexact(p: Pairing) -> tuple[float, str]:
    """A state or country is not its ministries, banks or namesakes: only an exact name."""
    if p.query.state is None or p.full_exact():
        return 0.0, ""
    return 1.0, f"the query names a state or territory ({p.query.state})"


def state_name(p: Pairing) -> tuple[float, str]:
    """A state is never itself the listed party: an exact hit is a designation of its
    authorities."""
    if p.query.state is None:
        return 0.0, ""
    return 1.0, f"a designation under the name of a state ({p.query.state})"


def extra_listed_words(p: Pairing) -> tuple[float, str]:
    """The listed name adds distinctive words the query lacks ("... Air Force"): a
    separate designated entity, not the party's own listing."""
    if p.person or p.query_left():
        return 0.0, ""
    extra = p.extra_listed()
    if not extra:
        return 0.0, ""
    return 1.0, "the listed name adds: " + " ".join(extra)


def extra_query_words(p: Pairing) -> tuple[float, str]:
    """The query adds distinctive words to the whole listed name: the listed party is its
    parent or a namesake, not the party itself."""
    if p.person or p.extra_listed():
        return 0.0, ""
    extra = p.extra_query()
    if not extra:
        return 0.0, ""
    return 1.0, "the query adds: " + " ".join(extra)


def different_words(p: Pairing) -> tuple[float, str]:
    """Both names keep distinctive words of their own (for persons: the query has a name
    part the listed name lacks)."""
    extra_query = p.extra_query()
    if p.person and extra_query:
        return 1.0, "query name parts not in the listed name: " + " ".join(extra_query)
    extra_listed = p.extra_listed()
    left = p.query_left()
    if p.person or not (left and extra_listed):
        return 0.0, ""
    return 1.0, f"{' '.join(left)} against {' '.join(extra_listed)}"


def weak_pairs(p: Pairing) -> tuple[float, str]:
    """Some words agree only by spelling distance or an initial: perhaps a typo, perhaps
    another name."""
    weak = [
        f"{' '.join(p.alignment.query.tokens[i] for i in q)}~"
        f"{' '.join(p.alignment.listed.tokens[i] for i in lp)}"
        for q, lp, _, kind in p.alignment.pairs
        if kind in (EDIT, INITIAL)
    ]
    return (1.0, ", ".join(weak)) if weak else (0.0, "")


def short_single_name(p: Pairing) -> tuple[float, str]:
    """A one-word name of four or five letters ("TESA") is shared by many parties."""
    tokens = p.query.form.tokens
    if p.person or len(p.query.core) != 1:
        return 0.0, ""
    word = tokens[p.query.core[0]]
    if SHORT_NAME < len(word) <= SHORT_SINGLE_NAME:
        return 1.0, f"{word!r} is a short one-word name"
    return 0.0, ""


def linked_to_listed(p: Pairing) -> tuple[float, str]:
    """The entry's name holds the party's name and the list links the entry to the
    party's own listing ("Linked To: ..."): a related designation (set by the screener
    over all entries of one party)."""
    return 0.0, ""


def typo_explained(p: Pairing) -> tuple[float, str]:
    """Another entry matches the party's name as written, so a hit that needs a misspelt
    word is not believed (set by the screener over all entries of one party)."""
    return 0.0, ""


QUALIFIER = -0.5
TYPO_EXPLAINED = -0.3
LINKED_WEIGHT = 0.8
FEATURES: tuple[Feature, ...] = (
    Feature(name_match, 1.0),
    Feature(website_match, 0.95),
    Feature(contained_name, 0.8),
    Feature(linked_to_listed, LINKED_WEIGHT),
    Feature(type_mismatch, -1.0, qualifier=True),
    Feature(given_family_disagree, QUALIFIER, qualifier=True),
    Feature(generic_person_name, QUALIFIER, qualifier=True),
    Feature(generic_name_inexact, QUALIFIER, qualifier=True),
    Feature(single_word_inexact, QUALIFIER, qualifier=True),
    Feature(short_name, QUALIFIER, qualifier=True),
    Feature(known_word_fuzzy, -0.3, qualifier=True),
    Feature(state_name_inexact, QUALIFIER, qualifier=True),
    Feature(state_name, 0.0, qualifier=True, level=RELATED),
    Feature(extra_listed_words, 0.0, qualifier=True, level=RELATED),
    Feature(extra_query_words, 0.0, qualifier=True, level=RELATED),
    Feature(different_words, 0.0, qualifier=True, level=POSSIBLE),
    Feature(weak_pairs, 0.0, qualifier=True, level=POSSIBLE),
    Feature(short_single_name, 0.0, qualifier=True, level=POSSIBLE),
    Feature(typo_explained, TYPO_EXPLAINED, qualifier=True),
)
"""Every feature in the order explanations list them."""
NAME_RULES = frozenset(f.name for f in FEATURES if f.qualifier) - {"type_mismatch"}
"""The qualifiers that read names: they weigh in only when a name feature carried the
score, not an identifier (`website_match`)."""
IDENTIFIERS = frozenset({"website_match"})


@dataclass(slots=True)
class Verdict:
    """The combined features of one pairing: score, level and what fired."""

    score: float
    level: str
    features: dict[str, float] = field(default_factory=dict)
    details: dict[str, str] = field(default_factory=dict)
    main: str = "name_match"

    def explain(self) -> str:
        """One line: each fired feature with its weight and detail."""
        by_name = {f.name: f for f in FEATURES}
        parts = []
        for name, value in self.features.items():
            feature = by_name.get(name)
            if value == 0.0 or feature is None:
                continue
            if self.main in IDENTIFIERS and name in NAME_RULES:
                continue
            if feature.qualifier:
                weight = f"{feature.weight:+.2f}" if feature.weight else f"-> {feature.level}"
                head = f"{name} {weight}"
            else:
                head = f"{name} {value:.2f}x{feature.weight:g}"
            detail = self.details.get(name)
            parts.append(f"{head} ({detail})" if detail else head)
        return "; ".join(parts)


def judge(p: Pairing, threshold: float) -> Verdict:
    """Score a pairing and say what it is: `listed`, `related`, `possible` or `near`."""
    values: dict[str, float] = {}
    details: dict[str, str] = {}
    for feature in FEATURES:
        value, detail = feature.func(p)
        values[feature.name] = value
        if detail and value:
            details[feature.name] = detail
    mains = {f.name: values[f.name] * f.weight for f in FEATURES if not f.qualifier}
    main = max(mains, key=lambda name: mains[name])
    score = mains[main]
    tied = [name for name in IDENTIFIERS if mains[name] > 0.0]
    if tied:
        main = tied[0]  # the list ties the name to the entry: how the names read is moot
    fired_levels: set[str] = set()
    for feature in FEATURES:
        if not feature.qualifier or not values[feature.name]:
            continue
        if main in IDENTIFIERS and feature.name in NAME_RULES:
            continue  # an identifier tie does not depend on how the names read
        score += feature.weight * values[feature.name]
        if feature.level:
            fired_levels.add(feature.level)
    score = round(min(1.0, max(0.0, score)), 4)
    if score < threshold:
        level = NEAR
    elif RELATED in fired_levels:
        level = RELATED
    elif POSSIBLE in fired_levels:
        level = POSSIBLE
    else:
        level = LISTED
    return Verdict(score, level, values, details, main)
