"""Claims scoring: precision, recall of required facts, hedging agreement, misses."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracewire.evaluate.names import NameMatcher, score_norm
from tracewire.records import SYMMETRIC

Record = Mapping[str, Any]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """JSON Lines, skipping blank lines; a bad line is an error naming file and line."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
    return rows


def doc_name(value: object) -> str:
    """A document's base name, whatever path separator precedes it."""
    return re.split(r"[\\/]", str(value or ""))[-1]


def labels(value: object) -> set[str]:
    """Hedging labels as a set (a single string counts as one label)."""
    if value is None:
        return set()
    if isinstance(value, str):
        return {value}
    return {str(v) for v in value}  # type: ignore[attr-defined]


def fact_key(row: Record) -> tuple[str, str, str, str]:
    """Document, relation, subject and object: what makes two lines the same fact."""
    return (
        doc_name(row.get("doc")),
        str(row.get("relation")),
        score_norm(str(row.get("subject", ""))),
        score_norm(str(row.get("object", ""))),
    )


def gold_facts(gold: Iterable[Record]) -> list[dict[str, Any]]:
    """Gold lines merged into facts: optional only if every line is; hedging united."""
    facts: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for row in gold:
        key = fact_key(row)
        if key not in facts:
            facts[key] = dict(row)
            continue
        fact = facts[key]
        fact["optional"] = bool(fact.get("optional")) and bool(row.get("optional"))
        fact["hedging"] = sorted(labels(fact.get("hedging")) | labels(row.get("hedging")))
    return list(facts.values())


@dataclass
class ClaimScores:
    """The figures of one evaluation."""

    predictions: int
    matched: int
    required: int
    matched_required: int
    precision: float
    recall: float
    f1: float
    hedging_overlap: float
    hedging_exact: float
    per_relation: dict[str, dict[str, Any]] = field(default_factory=dict)
    missed: list[dict[str, str]] = field(default_factory=list)
    unmatched: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The figures in the reference scorer's JSON shape (plus `unmatched`)."""
        return {
            "predictions": self.predictions,
            "matched": self.matched,
            "required": self.required,
            "matched_required": self.matched_required,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "hedging_overlap": self.hedging_overlap,
            "hedging_exact": self.hedging_exact,
            "per_relation": self.per_relation,
            "missed": self.missed,
            "unmatched": self.unmatched,
        }


def _matches(pred: Record, fact: Record, names: NameMatcher) -> bool:
    subject, obj = str(pred.get("subject", "")), str(pred.get("object", ""))
    if names.same(subject, fact["subject"]) and names.same(obj, fact["object"]):
        return True
    return fact["relation"] in SYMMETRIC and (
        names.same(subject, fact["object"]) and names.same(obj, fact["subject"])
    )


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def _brief(row: Record) -> dict[str, str]:
    return {k: str(row.get(k, "")) for k in ("doc", "relation", "subject", "object")}


def score_claims(
    predicted: Iterable[Record], gold: Iterable[Record], names: NameMatcher
) -> ClaimScores:
    """Score predictions against gold facts, each fact matched at most once."""
    facts = gold_facts(gold)
    seen: set[tuple[str, str, str, str]] = set()
    preds: list[Record] = []
    for row in predicted:
        if (key := fact_key(row)) not in seen:
            seen.add(key)
            preds.append(row)
    by_doc: dict[str, list[int]] = {}
    for index, fact in enumerate(facts):
        by_doc.setdefault(doc_name(fact["doc"]), []).append(index)
    used: dict[int, Record] = {}
    unmatched: list[Record] = []
    for pred in preds:
        hit = next(
            (
                i
                for i in by_doc.get(doc_name(pred.get("doc")), [])
                if i not in used
                and facts[i]["relation"] == pred.get("relation")
                and _matches(pred, facts[i], names)
            ),
            None,
        )
        if hit is None:
            unmatched.append(pred)
        else:
            used[hit] = pred
    required = [i for i, f in enumerate(facts) if not f.get("optional")]
    found_required = sum(1 for i in required if i in used)
    precision = len(used) / len(preds) if preds else 0.0
    recall = found_required / len(required) if required else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    pairs = [(used[i], facts[i]) for i in used]
    overlap = sum(1 for p, g in pairs if labels(p.get("hedging")) & labels(g.get("hedging")))
    exact = sum(1 for p, g in pairs if labels(p.get("hedging")) == labels(g.get("hedging")))
    per_relation: dict[str, dict[str, Any]] = {}
    relations = {f["relation"] for f in facts} | {p.get("relation") for p in preds}
    for rel in sorted(relations, key=str):
        rel_required = [i for i in required if facts[i]["relation"] == rel]
        rel_preds = [p for p in preds if p.get("relation") == rel]
        rel_matched = sum(1 for i in used if facts[i]["relation"] == rel)
        per_relation[str(rel)] = {
            "predicted": len(rel_preds),
            "required": len(rel_required),
            "matched_required": sum(1 for i in rel_required if i in used),
            "precision": round(rel_matched / len(rel_preds), 3) if rel_preds else None,
        }
    return ClaimScores(
        predictions=len(preds),
        matched=len(used),
        required=len(required),
        matched_required=found_required,
        precision=round(precision, 3),
        recall=round(recall, 3),
        f1=round(f1, 3),
        hedging_overlap=_ratio(overlap, len(pairs)),
        hedging_exact=_ratio(exact, len(pairs)),
        per_relation=per_relation,
        missed=[_brief(facts[i]) for i in required if i not in used],
        unmatched=[_brief(p) for p in unmatched],
    )
