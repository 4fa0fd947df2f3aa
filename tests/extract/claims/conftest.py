"""Helpers for the claim extractor tests: build a document from a sentence, read its claims.

Sentences in these tests are written for them (never taken from the dev corpus): other
countries, vendors and technologies, gazetteer names and invented ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from tracewire.extract import Extractor, get_extractor
from tracewire.extract.claims import RULES_NAME
from tracewire.ingest import document_id, split_blocks
from tracewire.records import Claim, Document, Relation

Triple = tuple[str, str, str]
Extract = Callable[..., list[Claim]]


def claims_of(extractor: Extractor, text: str, published: date | None = None) -> list[Claim]:
    """The claims the extractor finds in a one-off plain-text document."""
    doc = Document(
        id=document_id(text),
        text=text,
        source="t.txt",
        media_type="text/plain",
        published=published,
        blocks=split_blocks(text),
    )
    return extractor.extract(doc).claims


def triple(relation: str, subject: str, obj: str) -> Triple:
    """(relation, subject, object); the two parties sorted for symmetric relations."""
    if Relation(relation).symmetric:
        subject, obj = sorted((subject, obj))
    return (relation, subject, obj)


def spec(text: str) -> Triple:
    """A triple written "relation: Subject > Object" ("supplies" when no relation is named)."""
    relation, _, pair = text.rpartition(":")
    subject, obj = (part.strip() for part in pair.split(">"))
    return triple(relation.strip() or "supplies", subject, obj)


def specs(text: str) -> list[Triple]:
    """Several triples separated by ";"."""
    return [spec(part) for part in text.split(";")]


@dataclass(frozen=True, slots=True)
class Xfail:
    """Put last in a case row: the extractor gets this case wrong today (strict xfail)."""

    reason: str


def cases(rows: Sequence[tuple[Any, ...]], prefix: str = "") -> list[Any]:
    """pytest params from rows whose first item is the sentence (it names the case)."""
    params = []
    for row in rows:
        values, marks = row, []
        if isinstance(row[-1], Xfail):
            values = row[:-1]
            marks = [pytest.mark.xfail(strict=True, reason=row[-1].reason)]
        params.append(pytest.param(*values, id=f"{prefix}{values[0]}", marks=marks))
    return params


def triples(claims: Iterable[Claim]) -> set[Triple]:
    """The claims as canonical triples, comparable with `triple(...)`."""
    return {triple(c.relation.value, c.subject.canonical, c.object.canonical) for c in claims}


def by_triple(claims: Iterable[Claim]) -> dict[Triple, Claim]:
    """Claims keyed by their canonical triple (see `triple`)."""
    return {triple(c.relation.value, c.subject.canonical, c.object.canonical): c for c in claims}


def labels(claim: Claim | None) -> set[str] | None:
    """A claim's hedging labels as strings (None for no claim)."""
    return None if claim is None else {h.value for h in claim.hedging}


def show(claims: Iterable[Claim]) -> str:
    """A readable listing of claims for assertion messages."""
    lines = [
        f"{c.relation.value}({c.subject.canonical!r}, {c.object.canonical!r})"
        f" hedging={[h.value for h in c.hedging]} date={c.date!r} amount={c.amount!r}"
        f" source={c.source!r} trigger={c.trigger!r}"
        for c in claims
    ]
    return "\n".join(lines) or "(no claims)"


def find(claims: Iterable[Claim], relation: str, subject: str, obj: str) -> Claim:
    """The claim with this triple; fails the test, listing what was found, if none."""
    claims = list(claims)
    wanted = triple(relation, subject, obj)
    for claim in claims:
        if triple(claim.relation.value, claim.subject.canonical, claim.object.canonical) == wanted:
            return claim
    pytest.fail(f"no claim {wanted}; found:\n{show(claims)}")


def assert_reads(claims: list[Claim], expected: Iterable[Triple]) -> None:
    """Fails, listing the claims found, unless every expected triple is among them."""
    assert set(expected) <= triples(claims), show(claims)


def assert_no_claim(claims: list[Claim], relation: str) -> None:
    """Fails, listing the claims found, if any of them is of `relation`."""
    assert not [c for c in claims if c.relation.value == relation], show(claims)


def hedges_of(claims: Iterable[Claim], relation: str, subject: str, obj: str) -> set[str]:
    """The hedging labels of the claim with this triple."""
    return {h.value for h in find(claims, relation, subject, obj).hedging}


@pytest.fixture(scope="session")
def rules(extractor: Extractor) -> Extractor:
    """The NLP stage with the hand-written rules as the claim extractor: these tests show
    what the rules read (the learned model uses them as features)."""
    return Extractor(extractor.nlp, extractor.gazetteer, extractor.rules, get_extractor(RULES_NAME))


@pytest.fixture()
def extract(rules: Extractor) -> Extract:
    """`extract(text, published=None)` -> the claims the rules read in that text."""

    def run(text: str, published: date | None = None) -> list[Claim]:
        return claims_of(rules, text, published)

    return run
