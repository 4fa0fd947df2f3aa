"""Consistency of the team's own annotated documents (extract/learn/annotations).

The learner treats every pair of named parties in a sentence that no gold line covers as a
negative, so a gold line whose evidence, party or label does not match its document teaches
the model the wrong thing without any error. These tests read the files as shipped.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import tracewire
from tracewire.ontology.gazetteer import load_gazetteer, normalise_name
from tracewire.records import EntityType, Hedge, Relation

ANNOTATIONS = Path(tracewire.__file__).parent / "extract" / "learn" / "annotations"
CLAIM_FIELDS = {
    "doc",
    "relation",
    "subject",
    "object",
    "technology",
    "date",
    "amount",
    "hedging",
    "evidence",
    "optional",
}
ALIAS_TYPES = {
    EntityType.COMPANY,
    EntityType.PUBLIC_BODY,
    EntityType.ORGANIZATION,
    EntityType.PERSON,
    EntityType.COUNTRY,
}
UNNAMED = "(unnamed)"


def _jsonl(name: str) -> list[dict[str, Any]]:
    path = ANNOTATIONS / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@cache
def gold() -> list[dict[str, Any]]:
    """The gold claims."""
    return _jsonl("gold.jsonl")


@cache
def clusters() -> list[dict[str, Any]]:
    """The alias clusters."""
    return _jsonl("aliases.jsonl")


@cache
def texts() -> dict[str, str]:
    """Document name -> text."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(ANNOTATIONS.glob("*.txt"))}


def _key(name: str) -> str:
    """A name as the scorer compares it: no case, quotes, punctuation or leading "the"."""
    words = re.sub(r"[^\w\s]", " ", normalise_name(name).replace("'", "")).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _occurs(name: str, text: str) -> bool:
    """Whether `name` is written in `text` as whole words (case-insensitive)."""
    pattern = re.escape(name).replace("'", "['\u2019]")
    return re.search(rf"(?<!\w){pattern}(?!\w)", text, flags=re.IGNORECASE) is not None


def _surface_forms(canonical: str) -> list[str]:
    """The canonical name, its aliases and, for a country, its demonyms and capitals."""
    forms = [canonical]
    for cluster in clusters():
        if cluster["canonical"] == canonical:
            forms += cluster["aliases"]
    country = load_gazetteer().country(canonical)
    if country is not None:
        forms += [*country.demonyms, *country.capitals]
    return forms


def test_the_annotations_are_a_corpus() -> None:
    """There are many documents, and gold lines name only documents that exist."""
    assert len(texts()) >= 100
    assert {row["doc"] for row in gold()} <= set(texts())
    for name in texts():
        assert re.fullmatch(r"\d{3}_[a-z0-9_]+\.txt", name), name


def test_gold_lines_have_the_claims_format() -> None:
    """Fields, relations, labels and dates are those of the annotation guide."""
    for row in gold():
        where = f"{row.get('doc')}: {row.get('evidence', '')[:60]}"
        assert set(row) == CLAIM_FIELDS, where
        Relation(row["relation"])
        labels = [Hedge(label) for label in row["hedging"]]
        assert labels and len(set(labels)) == len(labels), where
        # "asserted" means no hedge at all, so it never comes with another label
        assert Hedge.ASSERTED not in labels or len(labels) == 1, where
        assert isinstance(row["optional"], bool), where
        assert row["subject"] != row["object"], where
        if row["date"] is not None:
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", row["date"]), where
            year, month, day = [*(int(p) for p in row["date"].split("-")), 1, 1][:3]
            date(year, month, day)
        for field in ("technology", "amount"):
            assert row[field] is None or (isinstance(row[field], str) and row[field].strip())


def test_evidence_is_a_sentence_of_its_document() -> None:
    """The evidence is written verbatim in the document, starting and ending at a boundary."""
    for row in gold():
        text = texts()[row["doc"]]
        evidence = row["evidence"]
        start = text.find(evidence)
        assert start >= 0, f"{row['doc']}: evidence not in text: {evidence[:80]}"
        end = start + len(evidence)
        assert start == 0 or text[start - 1] in " \n", f"{row['doc']}: {evidence[:80]}"
        assert end == len(text) or text[end] in " \n", f"{row['doc']}: {evidence[:80]}"


def test_no_gold_line_is_repeated() -> None:
    """A fact is written once per evidence sentence."""
    keys = Counter(
        (r["doc"], r["relation"], r["subject"], r["object"], r["evidence"]) for r in gold()
    )
    assert [key for key, n in keys.items() if n > 1] == []


def test_alias_clusters_are_disjoint_and_typed() -> None:
    """No name (as the scorer normalises it) belongs to two actors; types are actor types."""
    owner: dict[str, str] = {}
    for cluster in clusters():
        assert EntityType(cluster["type"]) in ALIAS_TYPES, cluster["canonical"]
        for name in {cluster["canonical"], *cluster["aliases"]}:
            key = _key(name)
            assert owner.setdefault(key, cluster["canonical"]) == cluster["canonical"], (
                f"{name!r} is in {owner[key]!r} and {cluster['canonical']!r}"
            )


def test_every_named_party_has_one_cluster() -> None:
    """Each party of a gold line is a cluster's canonical name, or an unnamed optional one."""
    canonicals = Counter(cluster["canonical"] for cluster in clusters())
    assert [name for name, n in canonicals.items() if n > 1] == []
    for row in gold():
        for party in (row["subject"], row["object"]):
            if party.endswith(UNNAMED):
                assert row["optional"], f"{row['doc']}: required fact with {party}"
            else:
                assert party in canonicals, f"{row['doc']}: no cluster for {party!r}"


@pytest.mark.parametrize("role", ["subject", "object"])
def test_required_parties_are_named_in_the_document(role: str) -> None:
    """A required fact's parties are written in its document (a state also by demonym)."""
    for row in gold():
        if row["optional"]:
            continue
        forms = _surface_forms(row[role])
        assert any(_occurs(form, texts()[row["doc"]]) for form in forms), (
            f"{row['doc']}: {row[role]!r} not named"
        )
