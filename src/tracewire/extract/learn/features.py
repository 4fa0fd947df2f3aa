"""Features of a candidate pair, read off the dependency parse and the ontology.

Each feature function takes the pair and what the sentence offers and returns named
features; their names are where the domain knowledge goes, the learner weighs them.
The relation classes of trigger words come from ontology/relations.yaml, so a trigger
the model never saw in training still lends its class ("furnished" is a transfer verb).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.tokens import Token

from tracewire.extract.claims.lexicon import Lexicon
from tracewire.extract.claims.syntax import is_passive
from tracewire.extract.learn.candidates import Pair, Ref
from tracewire.records import Claim

Features = dict[str, float]
LIST_DEPS = {"conj", "appos"}
# Edges that keep a word inside the noun phrase of a name ("the company Capgemini").
NOMINAL_DEPS = {"compound", "amod", "nmod", "det", "poss", "case"}


@dataclass(frozen=True, slots=True)
class SentenceView:
    """What the features of every pair of a sentence share: its trigger words, and the
    rule claims read from it (subject key, object key, relation, frame)."""

    triggers: dict[int, tuple[str, ...]]  # token index -> "relation:frame" classes
    rules: frozenset[tuple[str, str, str, str]]
    headline: bool
    refs: int
    climbs: dict[int, list[Token]] = field(default_factory=dict)  # filled as paths are read


def trigger_classes(token: Token, lexicon: Lexicon) -> tuple[str, ...]:
    """ "supplies:transfer" for "sold", "funds:directed" for "loan": the relation and
    frame of a trigger word, as the lexicon lists them."""
    if token.pos_ in {"VERB", "AUX"}:
        found = lexicon.verb_triggers(token.lemma_, token.text)
    elif token.pos_ in {"NOUN", "PROPN"}:
        found = lexicon.noun_triggers(token.lemma_) or lexicon.noun_triggers(token.lower_)
    else:
        found = []
    return tuple(sorted({f"{t.relation.value}:{t.frame}" for t in found}))


def sentence_view(
    tokens: Iterable[Token], lexicon: Lexicon, rules: Iterable[Claim], headline: bool, refs: int
) -> SentenceView:
    """The shared view of one sentence."""
    triggers = {}
    for token in tokens:
        classes = trigger_classes(token, lexicon)
        if classes:
            triggers[token.i] = classes
    found = frozenset(
        (c.subject.entity_key, c.object.entity_key, c.relation.value, c.frame) for c in rules
    )
    return SentenceView(triggers, found, headline, refs)


def _list_head(token: Token) -> Token:
    """The first member of a coordination or apposition: list members share its role."""
    while token.dep_ in LIST_DEPS and token.head.i != token.i:
        token = token.head
    return token


def _edge(token: Token) -> str:
    """The label of the edge above a token, prepositions folded in ("prep_to", "agent")."""
    if token.dep_ == "pobj" and token.head.dep_ in {"prep", "agent", "dative"}:
        prep = token.head
        return "agent" if prep.dep_ == "agent" else f"prep_{prep.lower_}"
    return token.dep_


def _climb(token: Token, cache: dict[int, list[Token]] | None = None) -> list[Token]:
    """The token and its ancestors, prepositions skipped (folded into the edge)."""
    if cache is not None:
        if token.i not in cache:
            cache[token.i] = _climb(token)
        return cache[token.i]
    chain = [token]
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.dep_ in {"prep", "agent", "dative"} and node.pos_ == "ADP":
            continue
        chain.append(node)
    return chain


@dataclass(frozen=True, slots=True)
class Path:
    """The dependency path between two tokens: edges up from the subject side to the
    lowest common ancestor, and down to the object side."""

    up: tuple[Token, ...]  # subject side, from the subject up to below the ancestor
    top: Token
    down: tuple[Token, ...]  # object side, from below the ancestor down to the object


def dependency_path(a: Token, b: Token, cache: dict[int, list[Token]] | None = None) -> Path:
    """The path from `a` to `b` through their lowest common ancestor (`cache`: the climbs
    of one sentence's tokens, computed once)."""
    chain_a, chain_b = _climb(a, cache), _climb(b, cache)
    seen = {t.i: n for n, t in enumerate(chain_a)}
    for m, token in enumerate(chain_b):
        if token.i in seen:
            n = seen[token.i]
            return Path(tuple(chain_a[:n]), token, tuple(reversed(chain_b[:m])))
    return Path(tuple(chain_a), chain_a[-1], tuple(reversed(chain_b)))


def _word_class(token: Token, view: SentenceView) -> str:
    classes = view.triggers.get(token.i)
    if classes:
        return "|".join(classes)
    return token.pos_


def _ref_features(prefix: str, ref: Ref, features: Features) -> None:
    features[f"{prefix}_type={ref.party.type.value}"] = 1.0
    features[f"{prefix}_kind={ref.kind}"] = 1.0
    if ref.inferred:
        features[f"{prefix}_inferred"] = 1.0
    head = _list_head(ref.token)
    if head.i != ref.token.i or any(c.dep_ == "conj" for c in ref.token.children):
        features[f"{prefix}_in_list"] = 1.0
    features[f"{prefix}_edge={_edge(head)}"] = 1.0
    governor = head.head
    features[f"{prefix}_gov={governor.lemma_.lower()}|{_edge(head)}"] = 1.0


def path_features(pair: Pair, view: SentenceView, features: Features) -> None:
    """The dependency path: its edges, the ancestor's class and lemma, voice, and the
    trigger classes on it."""
    subject, obj = _list_head(pair.subject.token), _list_head(pair.object.token)
    path = dependency_path(subject, obj, view.climbs)
    up = "^".join(_edge(t) for t in path.up) or "-"
    down = ">".join(_edge(t) for t in path.down) or "-"
    top_class = _word_class(path.top, view)
    voice = "pass" if path.top.pos_ == "VERB" and is_passive(path.top) else "act"
    s_edge = _edge(path.up[-1]) if path.up else "self"
    o_edge = _edge(path.down[0]) if path.down else "self"
    features[f"path={up}|{top_class}|{down}"] = 1.0
    features[f"path_lex={up}|{path.top.lemma_.lower()}|{down}"] = 1.0
    features[f"top={top_class}|{s_edge}|{o_edge}|{voice}"] = 1.0
    features[f"top_lemma={path.top.lemma_.lower()}|{voice}"] = 1.0
    features[f"edges={s_edge}|{o_edge}"] = 1.0
    length = len(path.up) + len(path.down)
    features[f"path_len={min(length, 6)}"] = 1.0
    inner = [*path.up[1:], path.top, *path.down[:-1]]
    for token in inner:
        for cls in view.triggers.get(token.i, ()):
            features[f"on_path={cls}"] = 1.0
            features[f"on_path={cls}|{s_edge}|{o_edge}"] = 1.0
    for token in (*path.up[1:], *path.down[:-1]):
        if token.pos_ in {"VERB", "NOUN"}:
            features[f"path_word={token.lemma_.lower()}"] = 1.0


def _role(trigger: Token, party: Token, cache: dict[int, list[Token]]) -> str:
    """How a party hangs off a trigger word: the edges from the trigger to it ("nsubj",
    "dobj>poss", "prep_to"), or up from the trigger ("^acl" for "cameras made by X"),
    at most three edges; "far" beyond."""
    path = dependency_path(trigger, party, cache)
    steps = [f"^{_edge(t)}" for t in path.up] + [_edge(t) for t in path.down]
    if len(steps) > 3:
        return "far"
    return ">".join(steps) or "self"


def trigger_features(pair: Pair, view: SentenceView, features: Features) -> None:
    """For each trigger word of the sentence, the roles both parties play around it, with
    its frame and voice: "supplies:transfer|nsubj|prep_to|act" holds for any transfer verb
    the lexicon lists, "sold" or "furnished" alike."""
    subject, obj = _list_head(pair.subject.token), _list_head(pair.object.token)
    doc = subject.doc
    for index, classes in view.triggers.items():
        trigger = doc[index]
        if trigger.i in {subject.i, obj.i}:
            continue
        s_role, o_role = _role(trigger, subject, view.climbs), _role(trigger, obj, view.climbs)
        if s_role == "far" and o_role == "far":
            continue
        voice = "pass" if trigger.pos_ == "VERB" and is_passive(trigger) else "act"
        pos = "v" if trigger.pos_ in {"VERB", "AUX"} else "n"
        for cls in classes:
            features[f"trig={cls}|{pos}|{s_role}|{o_role}|{voice}"] = 1.0
            features[f"trig_s={cls}|{s_role}|{voice}"] = 1.0
            features[f"trig_o={cls}|{o_role}|{voice}"] = 1.0
        features[f"trig_lemma={trigger.lemma_.lower()}|{s_role}|{o_role}"] = 1.0


def order_features(pair: Pair, view: SentenceView, features: Features) -> None:
    """Word order and distance, trigger words between the two, sentence shape."""
    a, b = pair.subject.token, pair.object.token
    first, last = sorted((a.i, b.i))
    features["subject_first" if a.i < b.i else "object_first"] = 1.0
    gap = last - first
    features[f"gap={'0-3' if gap < 4 else '4-8' if gap < 9 else '9-15' if gap < 16 else '16+'}"] = (
        1.0
    )
    between: set[str] = set()
    for i in range(first + 1, last):
        between.update(view.triggers.get(i, ()))
    for cls in between:
        features[f"between={cls}"] = 1.0
    for classes in view.triggers.values():
        for cls in classes:
            features[f"sentence={cls}"] = 1.0
    if view.headline:
        features["headline"] = 1.0
    features[f"refs={min(view.refs, 6)}"] = 1.0
    doc = a.doc
    words = [doc[i].lower_ for i in range(first + 1, min(last, first + 4))]
    if words:
        features[f"after_first={'_'.join(words[:2])}"] = 1.0


def type_features(pair: Pair, view: SentenceView, features: Features) -> None:
    """Entity types and naming of both sides, alone and together."""
    _ref_features("s", pair.subject, features)
    _ref_features("o", pair.object, features)
    features[f"types={pair.subject.party.type.value}>{pair.object.party.type.value}"] = 1.0
    same_head = _list_head(pair.subject.token).i == _list_head(pair.object.token).i
    if same_head:
        features["same_list"] = 1.0


def rule_features(pair: Pair, view: SentenceView, features: Features) -> None:
    """Which rule claims the hand-written frames read for this pair, either way round."""
    s, o = pair.subject.party.entity_key, pair.object.party.entity_key
    for subject, obj, relation, frame in view.rules:
        if (subject, obj) == (s, o):
            features[f"rule={relation}"] = 1.0
            features[f"rule={relation}:{frame}"] = 1.0
        elif (subject, obj) == (o, s):
            features[f"rule_reversed={relation}"] = 1.0
        elif s in (subject, obj) or o in (subject, obj):
            features[f"rule_shares_party={relation}"] = 1.0
    if view.rules:
        features["rules_fired"] = 1.0


FEATURES: tuple[Callable[[Pair, SentenceView, Features], None], ...] = (
    type_features,
    path_features,
    trigger_features,
    order_features,
    rule_features,
)


def pair_features(pair: Pair, view: SentenceView) -> Features:
    """Every feature of one candidate pair."""
    features: Features = {"bias": 1.0}
    for function in FEATURES:
        function(pair, view, features)
    return features
