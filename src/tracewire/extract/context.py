"""Spans under consideration and what a document has taught so far."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Span

from tracewire.records import EntityType, Mention


@dataclass(slots=True)
class Candidate:
    """A span that may become a mention, before overlaps are settled."""

    span: Span
    type: EntityType
    key: str
    canonical: str
    form: str
    origin: str
    qid: str | None = None
    part_of: str | None = None  # the key of the state a body belongs to
    function: str | None = None  # what a body named by its function does ("police")

    @property
    def start(self) -> int:
        return int(self.span.start)

    @property
    def end(self) -> int:
        return int(self.span.end)

    def overlaps(self, other: Candidate) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Candidate) -> bool:
        return self.start <= other.start and other.end <= self.end and len(self) > len(other)

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(slots=True)
class DocumentContext:
    """What earlier blocks of the same document tell later ones."""

    doc_id: str
    published: date | None = None
    persons: dict[str, tuple[str, str]] = field(default_factory=dict)  # surname -> key, name
    sentences: set[str] = field(default_factory=set)
    acronyms: dict[str, Candidate] = field(default_factory=dict)  # "CSP" -> its expansion
    recent: list[Mention] = field(default_factory=list)  # mentions so far, in text order
    salient: list[Mention] = field(default_factory=list)  # those that were subjects
    function: str | None = None  # what the latest state body named does ("data protection")
    short_forms: dict[str, Candidate] = field(default_factory=dict)  # "chengdu" -> its company
    names: dict[str, Candidate] = field(default_factory=dict)  # names typed by the rules so far


def is_subject(cand: Candidate) -> bool:
    """Whether the span is a clause subject (a salient antecedent for later references)."""
    root = cand.span.root
    return root.dep_ in {"nsubj", "nsubjpass"} or (
        root.dep_ in {"appos", "compound"} and root.head.dep_ in {"nsubj", "nsubjpass"}
    )
