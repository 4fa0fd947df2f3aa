"""Annotated corpora: report files with gold claims in the interchange format.

A corpus is a folder of reports with `gold.jsonl` (claims) and optionally
`aliases.jsonl` (name clusters) beside them, as in ../shared/corpus; other files can be
named explicitly. Gold lines are merged into facts the way the scorer merges them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracewire.evaluate.claims import doc_name, gold_facts, read_jsonl
from tracewire.evaluate.names import NameMatcher, score_norm
from tracewire.ingest import IngestError, discover, read_file
from tracewire.records import Document, Skip

ANNOTATIONS = Path(__file__).parent / "annotations"
GOLD_FILE = "gold.jsonl"
ALIASES_FILE = "aliases.jsonl"


class CorpusError(ValueError):
    """An annotated corpus cannot be read (the message names the file and why)."""


@dataclass(frozen=True, slots=True)
class Fact:
    """One gold fact: a claim a document makes, with the sentences that make it."""

    doc: str
    relation: str
    subject: str
    object: str
    hedging: tuple[str, ...]
    optional: bool
    evidence: tuple[str, ...]


@dataclass(slots=True)
class Corpus:
    """Reports, their gold facts (by document base name) and the names that match."""

    name: str
    documents: list[Document]
    facts: dict[str, list[Fact]]
    names: NameMatcher
    gold: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)


def _facts(rows: list[dict[str, Any]]) -> dict[str, list[Fact]]:
    evidence: dict[tuple[str, str, str, str], list[str]] = {}
    for row in rows:
        key = (doc_name(row.get("doc")), str(row.get("relation")), *_names(row))
        evidence.setdefault(key, []).append(str(row.get("evidence") or ""))
    facts: dict[str, list[Fact]] = {}
    for fact in gold_facts(rows):
        key = (doc_name(fact.get("doc")), str(fact.get("relation")), *_names(fact))
        facts.setdefault(key[0], []).append(
            Fact(
                doc=key[0],
                relation=key[1],
                subject=str(fact.get("subject", "")),
                object=str(fact.get("object", "")),
                hedging=tuple(fact.get("hedging") or ()),
                optional=bool(fact.get("optional")),
                evidence=tuple(e for e in evidence.get(key, []) if e),
            )
        )
    return facts


def _names(row: dict[str, Any]) -> tuple[str, str]:
    return score_norm(str(row.get("subject", ""))), score_norm(str(row.get("object", "")))


def load_corpus(folder: Path, gold: Path | None = None, aliases: Path | None = None) -> Corpus:
    """The reports under `folder` with their gold claims and alias clusters."""
    gold = gold or folder / GOLD_FILE
    if not gold.is_file():
        raise CorpusError(f"{gold}: no gold claims file")
    aliases = aliases or (folder / ALIASES_FILE if (folder / ALIASES_FILE).is_file() else None)
    try:
        rows = read_jsonl(gold)
        clusters = read_jsonl(aliases) if aliases else []
    except (OSError, ValueError) as exc:
        raise CorpusError(str(exc)) from exc
    documents: list[Document] = []
    skipped: list[Skip] = []
    for item in discover([folder]):
        if isinstance(item, Skip):
            if not item.source.endswith(".jsonl"):
                skipped.append(item)
            continue
        if item.stem.upper() == "README":
            continue  # the folder's description of the corpus, not one of its reports
        try:
            documents.append(read_file(item))
        except IngestError as exc:
            skipped.append(Skip(str(item), exc.reason))
    return Corpus(folder.name, documents, _facts(rows), NameMatcher(clusters), rows, skipped)


def builtin_corpus() -> Corpus:
    """The team's own annotated examples shipped with tracewire."""
    return load_corpus(ANNOTATIONS)


def load_corpora(
    folders: Sequence[Path], golds: Sequence[Path] = (), aliases: Sequence[Path] = ()
) -> list[Corpus]:
    """Several corpora; `golds` and `aliases` pair with `folders` in order when given."""
    if golds and len(golds) != len(folders):
        raise CorpusError("give one --gold per --corpus, or none (each folder's gold.jsonl)")
    if aliases and len(aliases) != len(folders):
        raise CorpusError("give one --aliases per --corpus, or none (each folder's aliases)")
    return [
        load_corpus(folder, golds[i] if golds else None, aliases[i] if aliases else None)
        for i, folder in enumerate(folders)
    ]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def evidence_spans(text: str, evidence: Iterable[str]) -> list[tuple[int, int]]:
    """Where each evidence sentence stands in a document text (whitespace-insensitive),
    as character spans of the text."""
    squashed: list[str] = []
    positions: list[int] = []
    previous_space = False
    for index, char in enumerate(text):
        if char.isspace():
            if previous_space:
                continue
            previous_space = True
            squashed.append(" ")
        else:
            previous_space = False
            squashed.append(char)
        positions.append(index)
    flat = "".join(squashed)
    spans: list[tuple[int, int]] = []
    for sentence in evidence:
        needle = _squash(sentence)
        if not needle:
            continue
        at = flat.find(needle)
        if at < 0:  # a typographic difference: look for its longest half
            half = max(needle[: len(needle) // 2], needle[len(needle) // 2 :], key=len)
            at = flat.find(half)
            needle = half
        if at >= 0:
            spans.append((positions[at], positions[at + len(needle) - 1] + 1))
    return spans
