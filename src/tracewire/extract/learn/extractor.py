"""The learned claim extractor: candidate pairs scored by the claim model.

A pair whose score passes its relation's threshold becomes a claim, qualified by the same
readers the rules use (hedging with clause scope and attribution, dates against the
publication date, amounts, the goods): from the rule claim of the same pair when the
rules read one, else from the trigger word nearest the pair on its dependency path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path

from spacy.about import __version__ as spacy_version
from spacy.tokens import Token

from tracewire.extract.claims import RULES_FILES, RuleExtractor, rule_extractor
from tracewire.extract.claims.hedging import hedge
from tracewire.extract.claims.nouns import names_field
from tracewire.extract.claims.qualifiers import claim_amount, claim_date
from tracewire.extract.claims.syntax import span_text
from tracewire.extract.learn.candidates import STATE_OF_BODY, Pair, Ref
from tracewire.extract.learn.features import LIST_DEPS, dependency_path, trigger_classes
from tracewire.extract.learn.instances import Instance, document_instances
from tracewire.extract.learn.model import ClaimModel
from tracewire.extract.parsed import ParsedDocument
from tracewire.extract.registry import fingerprint, package_files, register
from tracewire.records import Claim, Mention, Relation

MODEL_NAME = "tracewire.model/1"
HYBRID_NAME = "tracewire.hybrid/1"
MODEL_FILE = Path(__file__).parent / "data" / "claim-model.json.gz"
MODEL_FILES = (*RULES_FILES, "extract/learn/*.py")
GOODS_DEPS = ("dobj", "nsubjpass", "attr")


class ModelExtractor:
    """Scores every candidate pair of a parsed document with a claim model."""

    def __init__(
        self,
        model: ClaimModel,
        rules: RuleExtractor,
        *,
        name: str = MODEL_NAME,
        keep_rules: bool = False,
        model_file: Path | None = None,
    ) -> None:
        self.model = model
        self.rules = rules
        self.name = name
        self.keep_rules = keep_rules  # also keep rule claims the model does not make
        self.model_file = model_file

    @cached_property
    def version(self) -> str:
        """1+hash of the code, ontology and model file (or the model's weights)."""
        extra = (
            self.model_file.read_bytes().hex()
            if self.model_file is not None
            else str(sorted(self.model.to_json().items()))
        )
        return "1+" + fingerprint(package_files(*MODEL_FILES), spacy_version, extra)

    def extract(self, parsed: ParsedDocument, mentions: Sequence[Mention]) -> list[Claim]:
        """Claims of every pair the model scores above its relation's threshold."""
        rule_claims = self.rules.extract(parsed, mentions)
        instances = document_instances(
            parsed, rule_claims, self.rules.lexicon, self.rules.gazetteer
        )
        by_pair = {
            (c.start, c.relation.value, c.subject.entity_key, c.object.entity_key): c
            for c in rule_claims
        }
        found: dict[tuple[int, str, str, str], Claim] = {}
        accepted = named_bodies(
            [
                (instance, relation, score)
                for instance in instances
                for relation, score in self.model.scores(instance.features).items()
                if self.model.relations[relation].accepts(score, instance.features, relation)
            ],
            instances,
        )
        lexicon = self.rules.lexicon
        for instance, relation, score, reason in [
            *accepted_with(accepted),
            *spread(accepted, instances),
        ]:
            pair = instance.pair
            if not lexicon.fits(
                Relation(relation), pair.subject.party.type, pair.object.party.type
            ):
                continue  # parties of types the relation never takes (relations.yaml)
            if not self._names_field(pair, Relation(relation)):
                continue  # "cooperation" with no field named is no claim (as for the rules)
            claim = self._claim(parsed, instance, Relation(relation), score, by_pair, reason=reason)
            key = (claim.start, relation, claim.subject.entity_key, claim.object.entity_key)
            if key not in found or found[key].confidence < claim.confidence:
                found[key] = claim
        if self.keep_rules:
            for key, rule in by_pair.items():  # the rule's frame and reason, our name
                found.setdefault(key, replace(rule, extractor=self.name, version=self.version))
        return sorted(one_direction(found.values()), key=lambda c: (c.start, c.relation.value))

    def _names_field(self, pair: Pair, relation: Relation) -> bool:
        """Whether a relation that needs a field ("cooperates": intelligence, policing,
        exercises; relations.yaml `fields`) has one named at its trigger word."""
        if relation not in self.rules.lexicon.fields:
            return True
        trigger = _trigger(pair, relation, self.rules)
        named = {i: c for c in pair.block.candidates for i in range(c.start, c.end)}
        return names_field(trigger, relation, self.rules.lexicon, named)

    def _claim(
        self,
        parsed: ParsedDocument,
        instance: Instance,
        relation: Relation,
        score: float,
        by_pair: dict[tuple[int, str, str, str], Claim],
        *,
        reason: str = "",
    ) -> Claim:
        pair = instance.pair
        subject, obj = pair.subject.party, pair.object.party
        if relation.symmetric and obj.canonical.casefold() < subject.canonical.casefold():
            subject, obj = obj, subject
        reasons = self.model.relations[relation.value].explain(instance.features)
        explanation = reason or f"model p={score:.2f}: " + ", ".join(
            f"{name} ({weight:+.2f})" for name, weight in reasons
        )
        rule = by_pair.get((instance.start, relation.value, subject.entity_key, obj.entity_key))
        frame = "model"
        if rule is not None:  # the rules read this very claim: keep their qualifiers
            claim = replace(rule, subject=subject, object=obj)
            frame = f"model+{rule.frame}"
        else:
            trigger = _trigger(pair, relation, self.rules)
            hedging = hedge(trigger, self.rules.lexicon)
            claim = Claim(
                doc_id=parsed.document.id,
                relation=relation,
                subject=subject,
                object=obj,
                hedging=hedging.labels,
                evidence=pair.sent.text.rstrip(),
                start=instance.start,
                end=instance.end,
                technology=_goods(trigger, pair),
                date=claim_date(trigger, parsed.document.published),
                amount=claim_amount(trigger),
                source=span_text(hedging.source) if hedging.source is not None else None,
                trigger=trigger.text,
            )
        return replace(
            claim,
            extractor=self.name,
            version=self.version,
            confidence=round(score, 3),
            frame=frame,
            explanation=explanation,
        )


Accepted = tuple[Instance, str, float]


def accepted_with(accepted: Sequence[Accepted]) -> Iterator[tuple[Instance, str, float, str]]:
    """The model's own decisions (their explanation is made from the features)."""
    for instance, relation, score in accepted:
        yield instance, relation, score, ""


def named_bodies(accepted: Sequence[Accepted], instances: Sequence[Instance]) -> list[Accepted]:
    """The party a sentence names, not the state behind it: "the Treasury sanctioned X"
    is a claim of the Treasury. A claim the model makes with the state of a named body
    ("state_of_body": the same words) goes to the body itself, at the higher of the two
    scores; where the sentence also names the state itself ("China and Iran signed ...
    during the visit of Iran's police chief"), that name carries the state's claims and
    the stand-in makes none."""
    by_key = {
        (
            i.start,
            i.pair.subject.token.i,
            i.pair.subject.party.entity_key,
            i.pair.object.token.i,
            i.pair.object.party.entity_key,
        ): i
        for i in instances
        if STATE_OF_BODY not in (i.pair.subject.kind, i.pair.object.kind)
    }
    bodies: dict[tuple[int, int], Ref] = {}
    named: set[tuple[int, str]] = set()  # (sentence, entity) named in their own words
    for instance in instances:
        for ref in (instance.pair.subject, instance.pair.object):
            if ref.kind != STATE_OF_BODY:
                bodies.setdefault((instance.start, ref.token.i), ref)
                named.add((instance.start, ref.party.entity_key))
    chosen: dict[tuple[int, str], Accepted] = {}
    for instance, relation, score in accepted:
        pair = instance.pair
        subject, obj = pair.subject, pair.object
        if any(
            r.kind == STATE_OF_BODY and (instance.start, r.party.entity_key) in named
            for r in (subject, obj)
        ):
            continue
        if subject.kind == STATE_OF_BODY:
            subject = bodies.get((instance.start, subject.token.i), subject)
        if obj.kind == STATE_OF_BODY:
            obj = bodies.get((instance.start, obj.token.i), obj)
        target = by_key.get(
            (
                instance.start,
                subject.token.i,
                subject.party.entity_key,
                obj.token.i,
                obj.party.entity_key,
            )
        )
        if target is None:
            target = instance
        key = (id(target), relation)
        if key not in chosen or chosen[key][2] < score:
            chosen[key] = (target, relation, score)
    return list(chosen.values())


def one_direction(claims: Iterable[Claim]) -> list[Claim]:
    """A directed relation holds one way between two parties in one sentence: where both
    "A owns B" and "B owns A" are read from it, the more confident reading stays (a rule
    reading counts as confident as its frame's score)."""
    best: dict[tuple[int, str, frozenset[str]], Claim] = {}
    kept: list[Claim] = []
    for claim in claims:
        if claim.relation.symmetric:
            kept.append(claim)
            continue
        key = (
            claim.start,
            claim.relation.value,
            frozenset((claim.subject.entity_key, claim.object.entity_key)),
        )
        other = best.get(key)
        if other is None or (other.confidence or 0.0) < (claim.confidence or 0.0):
            best[key] = claim
    return kept + list(best.values())


def _coordinated(token: Token) -> set[int]:
    """The members of the coordination or apposition a token stands in ("sold to A, B
    and C", "three nations (A, B, C)"), itself included."""
    head = token
    while head.dep_ in LIST_DEPS and head.head.i != head.i:
        head = head.head
    members = {head.i}
    stack = [head]
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.dep_ in LIST_DEPS and child.i not in members:
                members.add(child.i)
                stack.append(child)
    return members


def spread(
    accepted: Sequence[Accepted], instances: Sequence[Instance]
) -> Iterator[tuple[Instance, str, float, str]]:
    """What holds for one member of a list holds for the others: a claim the model makes
    with one coordinated party is made with every party coordinated with it, the other
    side unchanged (coordination distributes the relation)."""
    by_sentence: dict[int, list[Instance]] = {}
    for instance in instances:
        by_sentence.setdefault(instance.start, []).append(instance)
    for instance, relation, score in accepted:
        pair = instance.pair
        for side in ("object", "subject"):
            fixed = pair.subject if side == "object" else pair.object
            moving = pair.object if side == "object" else pair.subject
            group = _coordinated(moving.token)
            if len(group) < 2:
                continue
            for other in by_sentence[instance.start]:
                mine = other.pair.object if side == "object" else other.pair.subject
                theirs = other.pair.subject if side == "object" else other.pair.object
                if (
                    mine.token.i in group
                    and mine.token.i != moving.token.i
                    and theirs.party.entity_key == fixed.party.entity_key
                    and mine.party.type is moving.party.type
                ):
                    yield (
                        other,
                        relation,
                        round(score * 0.9, 3),
                        f"list: coordinated with {moving.party.canonical} ({relation}, "
                        f"p={score:.2f})",
                    )


def _trigger(pair: Pair, relation: Relation, rules: RuleExtractor) -> Token:
    """The word that carries the claim: a trigger of the relation on the pair's path,
    else the nearest one in the sentence, else the path's top."""
    path = dependency_path(pair.subject.token, pair.object.token)
    on_path = [path.top, *reversed(path.up), *path.down]
    prefix = f"{relation.value}:"
    for token in on_path:
        if any(c.startswith(prefix) for c in trigger_classes(token, rules.lexicon)):
            return token
    middle = (pair.subject.token.i + pair.object.token.i) / 2
    nearest = sorted(pair.sent, key=lambda t: abs(t.i - middle))
    for token in nearest:
        if any(c.startswith(prefix) for c in trigger_classes(token, rules.lexicon)):
            return token
    return path.top


def _goods(trigger: Token, pair: Pair) -> str | None:
    """What changes hands: the trigger's object or "of" phrase, if it is no party."""
    parties = {pair.subject.token.i, pair.object.token.i}
    options = [c for c in trigger.children if c.dep_ in GOODS_DEPS]
    options += [
        o
        for p in trigger.children
        if p.dep_ == "prep" and p.lower_ in {"of", "with"}
        for o in p.children
        if o.dep_ == "pobj"
    ]
    for token in options:
        if token.i not in parties and token.pos_ in {"NOUN", "PROPN"}:
            return span_text(token)
    return None


def _shipped(name: str, keep_rules: bool) -> ModelExtractor:
    if not MODEL_FILE.is_file():
        raise FileNotFoundError(
            f"{MODEL_FILE}: no trained claim model shipped; run `tracewire train`"
        )
    return ModelExtractor(
        ClaimModel.load(MODEL_FILE),
        rule_extractor(),
        name=name,
        keep_rules=keep_rules,
        model_file=MODEL_FILE,
    )


@register(MODEL_NAME)
def model_extractor() -> ModelExtractor:
    """The shipped claim model, with the rules as its features."""
    return _shipped(MODEL_NAME, keep_rules=False)


@register(HYBRID_NAME)
def hybrid_extractor() -> ModelExtractor:
    """The default: the shipped model, plus the rule claims it does not make."""
    return _shipped(HYBRID_NAME, keep_rules=True)
