"""Hedging with scope: the cues that govern the clause carrying a claim.

A cue counts when it hangs off the trigger or one of the words above it in the parse
(modal and negation on the clause's verbs, "plans to", "suspects", "X said that"); sentence
adverbs ("reportedly", "allegedly") and "according to X" count anywhere in the sentence.
A claim with no cue is asserted.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from tracewire.extract.claims.lexicon import HedgeCues, Lexicon
from tracewire.extract.claims.syntax import children
from tracewire.records import Hedge

# Modals and negation reach the claim only through these edges: "will supply", "plans to
# sign a contract", "did not sell"; not across a subject ("the deal will have effects")
# or into a subordinate clause ("it is no surprise because they signed"). A purpose clause
# of an object carries its verb's modal: "X will win a contract to build".
PROPAGATE = {
    "",
    "acl",
    "purpose",  # "will sign a deal to buy"
    "participle",  # "Using X's gear, Y will ...": a participle clause shares its verb's cues
    "compound",  # "were sanctions targets": a noun modifier is hedged with its head
    "xcomp",
    "dobj",
    "pobj",
    "prep",
    "attr",
    "acomp",
    "dative",
    "oprd",
    "conj",
    "auxpass",
}
# Verbs above the claim govern it only through complement edges: "denied selling",
# "suspects a relation", "said that"; not from outside a relative or adverbial clause.
GOVERN = PROPAGATE | {"ccomp", "pcomp", "parataxis", "csubj"}
NEGATIVE_SUBJECTS = {"nobody", "none", "no-one"}
PRONOUNS = {"it", "this", "that", "they", "he", "she", "we", "i", "you", "which", "who"}
SENTENCE_ADVERBS = (Hedge.REPORTED, Hedge.ALLEGED, Hedge.RUMOURED)
QUOTES_OPEN = {'"', "'", "\u201c", "\u2018"}
QUOTES_CLOSE = {'"', "'", "\u201d", "\u2019"}
# Pronouns that stand for a document or a source ("they show", "it found"): they may
# attribute a claim through a verb of showing or finding.
SOURCE_PRONOUNS = {"they", "it", "these", "this"}


@dataclass(frozen=True, slots=True)
class Hedging:
    """The labels of a claim and who it is attributed to."""

    labels: tuple[Hedge, ...]
    source: Token | None


def _cues(lexicon: Lexicon, label: Hedge) -> HedgeCues:
    return lexicon.hedges.get(label, HedgeCues())


def _source_subject(verb: Token) -> Token | None:
    """Who reports: the active subject ("Reuters reported"), or the by-agent of a passive
    ("it was reported by Reuters"); never the passive subject ("ZTE is said to ...")."""
    found = children(verb, "nsubj") + [
        o for agent in children(verb, "agent") for o in children(agent, "pobj")
    ]
    for child in found:
        if child.lower_ not in PRONOUNS:
            return child
    return None


def _chain(trigger: Token) -> list[tuple[Token, str]]:
    """The trigger and the words above it, each with the label of the edge below it."""
    chain: list[tuple[Token, str]] = [(trigger, "")]
    node = trigger
    while node.head.i != node.i:
        infinitive = any(c.lower_ == "to" for c in children(node, "aux"))
        edge = node.dep_
        if infinitive and edge == "advcl":
            edge = "purpose"
        elif edge == "advcl" and node.tag_ == "VBG" and not children(node, "nsubj", "mark"):
            edge = "participle"
        elif infinitive and edge == "relcl":
            edge = "acl"  # "talks to supply": a purpose of the noun, not a relative clause
        chain.append((node.head, edge))
        node = node.head
    return chain


def _local_cues(
    node: Token, lexicon: Lexicon, labels: set[Hedge], *, reported_speech: bool = False
) -> None:
    """Cues attached directly to one word of the chain. In reported speech "would" is the
    past of "will" ("officials said the cameras would be delivered"): planned."""
    for child in node.children:
        lower, lemma = child.lower_, child.lemma_.lower()
        if child.dep_ in {"nsubj", "nsubjpass"} and any(
            c.dep_ in {"preconj", "det"} and c.lower_ == "neither" for c in child.children
        ):
            labels.add(Hedge.DENIED)  # "neither A nor B supplied"
        if child.dep_ == "mark" and lower == "whether":
            labels.add(Hedge.SPECULATIVE)  # "it is unclear whether A supplied"
        if child.dep_ in {"aux", "auxpass"}:
            if (
                lower in _cues(lexicon, Hedge.PLANNED).modals
                or lemma in _cues(lexicon, Hedge.PLANNED).modals
                or (reported_speech and lower == "would")
            ):
                labels.add(Hedge.PLANNED)
            elif lower in _cues(lexicon, Hedge.SPECULATIVE).modals:
                labels.add(Hedge.SPECULATIVE)
        elif child.dep_ == "neg" or (child.dep_ == "det" and lower == "no"):
            labels.add(Hedge.DENIED)
        elif child.dep_ in {"advmod", "amod", "acomp"}:
            for label in Hedge:
                cues = _cues(lexicon, label)
                if lower in cues.adverbs or lower in cues.adjectives:
                    labels.add(label)


def _governing_cues(node: Token, edge: str, lexicon: Lexicon, labels: set[Hedge]) -> Token | None:
    """Cues in a word that governs the claim's clause; returns an attributed source."""
    lemma = node.lemma_.lower()
    source = None
    planned = _cues(lexicon, Hedge.PLANNED)
    if any(
        (
            edge in {"xcomp", "ccomp", "acomp"} and lemma in planned.verbs,
            edge == "dobj" and lemma in planned.objects,  # "negotiating a deal"
            edge in {"acl", "relcl"} and node.lower_ in planned.nouns,  # "in talks to supply"
        )
    ):
        labels.add(Hedge.PLANNED)
    negated = any(c.dep_ == "neg" for c in node.children) or any(
        c.lower_ in NEGATIVE_SUBJECTS for c in children(node, "nsubj")
    )
    if lemma in _cues(lexicon, Hedge.DENIED).verbs and not negated:
        labels.add(Hedge.DENIED)
    if edge == "ccomp" and any(
        c.lower_ in _cues(lexicon, Hedge.SPECULATIVE).adjectives for c in children(node, "acomp")
    ):
        labels.add(Hedge.SPECULATIVE)  # "it is likely that ..."
    if lemma in _cues(lexicon, Hedge.RUMOURED).verbs or any(
        c.lower_ in _cues(lexicon, Hedge.RUMOURED).nouns for c in children(node, "nsubj")
    ):
        labels.add(Hedge.RUMOURED)
    elif lemma in _cues(lexicon, Hedge.SPECULATIVE).verbs and edge in {"ccomp", "dobj", "attr"}:
        labels.add(Hedge.SPECULATIVE)
    if lemma in _cues(lexicon, Hedge.SPECULATIVE).adjectives and edge == "xcomp":
        labels.add(Hedge.SPECULATIVE)  # "will be able to purchase"
    if lemma in _cues(lexicon, Hedge.ALLEGED).verbs:
        labels.add(Hedge.ALLEGED)
        source = _source_subject(node)
    elif node.lower_ in _cues(lexicon, Hedge.ALLEGED).nouns and edge in {"acl", "ccomp", "relcl"}:
        labels.add(Hedge.ALLEGED)  # "allegations (that) it sold", "accusations it supplied"
    elif lemma in _cues(lexicon, Hedge.REPORTED).verbs and (
        edge in {"ccomp", "parataxis"} or (edge == "xcomp" and children(node, "auxpass"))
    ):  # "X said that ...", "X is reported to have sold"
        source = _source_subject(node)
        shown_by = any(c.lower_ in SOURCE_PRONOUNS for c in children(node, "nsubj"))
        if source is not None or shown_by or lemma not in {"find", "show", "indicate"}:
            labels.add(Hedge.REPORTED)  # "documents show", "they show" (the documents)
    elif lemma in lexicon.attribution_verbs and edge == "ccomp":
        source = _source_subject(node)
    if source is not None and lemma in lexicon.attribution_verbs:
        labels.add(Hedge.REPORTED)
    return source


def _quoted(trigger: Token) -> bool:
    """The whole sentence stands in quotation marks: someone's words, not the report's."""
    text = trigger.sent.text.strip()
    return len(text) > 2 and text[0] in QUOTES_OPEN and text[-1] in QUOTES_CLOSE


def _aside(trigger: Token, lexicon: Lexicon) -> Token | None:
    """ "..., IBTimes UK states": a reporting verb with its own subject hung beside the
    claim's clause (parataxis) attributes the whole sentence; returns that reporter."""
    root = trigger.sent.root
    for token in [root, *root.children]:
        if token.dep_ in {"parataxis", "ROOT"} and token.i != trigger.i:
            for aside in children(token, "parataxis"):
                if aside.lemma_.lower() in _cues(lexicon, Hedge.REPORTED).verbs:
                    subject = _source_subject(aside)
                    if subject is not None:
                        return subject
    return None


def _sentence_cues(trigger: Token, lexicon: Lexicon, labels: set[Hedge]) -> Token | None:
    source = None
    if _quoted(trigger):
        labels.add(Hedge.REPORTED)
    aside = _aside(trigger, lexicon)
    if aside is not None:
        labels.add(Hedge.REPORTED)
        source = aside
    for token in trigger.sent:
        lower = token.lower_
        if lower == "according" and token.dep_ == "prep":
            labels.add(Hedge.REPORTED)
            objs = [o for prep in children(token, "prep") for o in children(prep, "pobj")]
            source = source or (objs[0] if objs else None)
        elif token.dep_ == "advcl" and _as_attribution(token, lexicon):
            labels.add(Hedge.REPORTED)  # "as Amnesty noted, ..."
            source = source or _source_subject(token)
        elif token.dep_ == "advmod":
            for label in SENTENCE_ADVERBS:
                if lower in _cues(lexicon, label).adverbs:
                    labels.add(label)
        elif token.pos_ == "NOUN" and lower in _cues(lexicon, Hedge.RUMOURED).nouns:
            labels.add(Hedge.RUMOURED)
    return source


def _as_attribution(verb: Token, lexicon: Lexicon) -> bool:
    """ "As X pointed out/noted/reported": an "as" clause of a reporting verb with a subject."""
    lemma = verb.lemma_.lower()
    if lemma not in _cues(lexicon, Hedge.REPORTED).verbs:
        return False
    return any(c.lower_ == "as" for c in children(verb, "mark")) and bool(children(verb, "nsubj"))


def hedge(trigger: Token, lexicon: Lexicon) -> Hedging:
    """The hedging labels of the claim carried by `trigger`, and its attributed source."""
    labels: set[Hedge] = set()
    source: Token | None = None
    in_clause = governed = True
    chain = _chain(trigger)
    reporting = _cues(lexicon, Hedge.REPORTED).verbs
    reported_speech = any(
        edge == "ccomp" and node.lemma_.lower() in reporting and node.tag_ == "VBD"
        for node, edge in chain
    )
    for node, edge in chain:
        in_clause = in_clause and edge in PROPAGATE
        governed = governed and edge in GOVERN
        if in_clause:
            _local_cues(node, lexicon, labels, reported_speech=reported_speech)
        if edge and governed:
            source = _governing_cues(node, edge, lexicon, labels) or source
    source = _sentence_cues(trigger, lexicon, labels) or source
    if not labels:
        labels.add(Hedge.ASSERTED)
    order = list(Hedge)
    return Hedging(tuple(sorted(labels, key=order.index)), source)
