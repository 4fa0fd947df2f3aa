"""Typed records that flow between the pipeline stages.

ingest -> Document; extract -> Mention; the store persists them. Records are plain
frozen dataclasses: no stage reaches into another stage's internals, only into these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class EntityType(StrEnum):
    """Kinds of node in the evidence graph (see ontology/types.yaml)."""

    COMPANY = "Company"
    PUBLIC_BODY = "PublicBody"
    ORGANIZATION = "Organization"
    PERSON = "Person"
    COUNTRY = "Country"
    LOCATION = "Location"
    AGREEMENT = "Agreement"
    TECHNOLOGY = "Technology"


@dataclass(frozen=True, slots=True)
class Block:
    """A span of a document's text that is read by the NLP stage (a paragraph or line)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Document:
    """One report as ingested: its text, metadata and the blocks worth reading.

    `id` is derived from the normalised text, so the same content always gets the same
    id whatever file or URL it came from. `blocks` excludes paragraphs that repeat an
    earlier paragraph of the same document.
    """

    id: str
    text: str
    source: str
    media_type: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    blocks: tuple[Block, ...] = ()
    publisher: str | None = None  # as the input names it (site name, feed), never guessed

    @property
    def name(self) -> str:
        """The base name of the source (file name or last URL segment)."""
        return self.source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]

    @property
    def word_count(self) -> int:
        """Whitespace-separated words in the text."""
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class Mention:
    """A typed span of a document that names an actor, place, agreement or technology.

    Offsets are character offsets into `Document.text`. `entity_key` is the canonical
    key the span resolves to (a gazetteer key, or a key derived from the name), and
    `form` says how it was named: name, alias, acronym, capital or demonym.
    """

    doc_id: str
    start: int
    end: int
    text: str
    type: EntityType
    entity_key: str
    canonical: str
    sentence_start: int
    sentence_end: int
    form: str = "name"
    source: str = "model"  # "gazetteer", "model" or "rule"
    qid: str | None = None
    part_of: str | None = None  # for a state body: the key of its state


class Relation(StrEnum):
    """Relations of the evidence graph (see ontology/relations.yaml)."""

    SUPPLIES = "supplies"
    CONTRACT = "contract"
    AGREEMENT = "agreement"
    OWNS = "owns"
    FUNDS = "funds"
    SANCTIONS = "sanctions"
    TRAINS = "trains"
    COOPERATES = "cooperates"
    MEETS = "meets"
    MEMBER_OF = "member_of"

    @property
    def symmetric(self) -> bool:
        """Whether the two parties may be swapped without changing the claim."""
        return self in SYMMETRIC


SYMMETRIC = frozenset({Relation.AGREEMENT, Relation.CONTRACT, Relation.COOPERATES, Relation.MEETS})


class Hedge(StrEnum):
    """How sure the source is of a claim; a claim may carry several."""

    ASSERTED = "asserted"
    REPORTED = "reported"
    ALLEGED = "alleged"
    RUMOURED = "rumoured"
    SPECULATIVE = "speculative"
    PLANNED = "planned"
    DENIED = "denied"


class Judgement(StrEnum):
    """A decision on whether two entities are the same actor (as nomenklatura keeps them)."""

    POSITIVE = "positive"
    NEGATIVE = "negative"
    UNSURE = "unsure"


@dataclass(frozen=True, slots=True)
class Party:
    """One side of a claim: the entity and the words that named it here."""

    entity_key: str
    canonical: str
    type: EntityType
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Claim:
    """(subject, relation, object) with its qualifiers and the evidence it rests on.

    `start`/`end` are the character offsets of the evidence sentence in the document
    text; `source` names who the claim is attributed to ("according to IPVM").
    """

    doc_id: str
    relation: Relation
    subject: Party
    object: Party
    hedging: tuple[Hedge, ...]
    evidence: str
    start: int
    end: int
    technology: str | None = None
    date: str | None = None
    amount: str | None = None
    source: str | None = None
    trigger: str = ""
    extractor: str = "tracewire.rules/2"
    version: str = "2"
    confidence: float = 0.5
    frame: str = ""  # the rule frame ("transfer", "acquire", ...) or "model"
    explanation: str = ""  # the features or rule that decided it, in a few words


@dataclass(frozen=True, slots=True)
class Skip:
    """An input left out of a build, with a one-line reason."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(slots=True)
class BuildReport:
    """What one build did, for the run summary."""

    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    reextracted: list[str] = field(default_factory=list)  # read anew by a changed extractor
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    mentions: int = 0
    claims: int = 0
    merges: int = 0
    words: int = 0
    seconds: float = 0.0
    alerts: int = 0
    notes: list[str] = field(default_factory=list)  # alert delivery: where, or why not
    screened: int = 0  # parties screened against the sanctions lists (new or changed)
    flagged: int = 0  # of their matches, those shown as flags (listed/related/possible)
