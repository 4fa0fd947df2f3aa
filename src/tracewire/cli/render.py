"""Rich rendering of build reports, entity lists, dossiers and stats."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tracewire.evaluate.aliases import AliasScores
from tracewire.evaluate.claims import ClaimScores
from tracewire.records import BuildReport, Hedge
from tracewire.store.models import JudgementRow, MatchReviewRow
from tracewire.store.read.claims import ClaimView
from tracewire.store.read.entities import EntitySummary, MentionView, Stats
from tracewire.store.sanctions import MatchView


def build_summary(console: Console, report: BuildReport, location: str) -> None:
    """The run summary: what was stored, unchanged, duplicated or skipped, and why."""
    rate = report.words / report.seconds if report.seconds else 0.0
    console.print(
        f"[bold]stored[/] {len(report.stored)}  [bold]unchanged[/] {len(report.unchanged)}  "
        f"[bold]duplicates[/] {len(report.duplicates)}  [bold]skipped[/] {len(report.skipped)}  "
        f"[bold]mentions[/] {report.mentions}  [bold]claims[/] {report.claims}  "
        f"({report.words} words in {report.seconds:.1f}s, "
        f"{rate:.0f} words/s)"
    )
    if report.reextracted:
        console.print(
            f"[bold]re-read[/] {len(report.reextracted)} stored document(s) whose claims came "
            "from another extractor or version"
        )
    # One line per input whatever its name (never wrapped, never read as markup).
    for source, first in report.duplicates:
        line = f"{source}: same or near-same text as document {first}"
        console.print(Text.assemble(("duplicate ", "yellow"), line), soft_wrap=True)
    for skip in report.skipped:
        console.print(Text.assemble(("skipped ", "red"), str(skip)), soft_wrap=True)
    if report.screened:
        console.print(
            f"[bold]screened[/] {report.screened} new or changed parties against the sanctions "
            f"lists: {report.flagged} flags (tracewire screen lists them)"
        )
    if report.alerts:
        console.print(f"[bold]alerts[/] {report.alerts} new (tracewire alerts lists them)")
    for note in report.notes:
        console.print(Text(note), soft_wrap=True)
    console.print(Text(f"store: {location}"), soft_wrap=True)


def entity_table(entities: list[EntitySummary]) -> Table:
    """A table of entities with type, counts and aliases."""
    table = Table("entity", "type", "mentions", "docs", "aliases", "QID")
    for e in entities:
        others = [a for a in e.aliases if a != e.canonical][:6]
        table.add_row(
            e.canonical, e.type, str(e.mentions), str(e.documents), "; ".join(others), e.qid or ""
        )
    return table


def highlighted(view: MentionView) -> Text:
    """The sentence with the mention in bold."""
    text = Text(view.sentence.replace("\n", " "))
    start = view.start - view.sentence_start
    text.stylize("bold magenta", start, start + (view.end - view.start))
    return text


def dossier(console: Console, entity: EntitySummary, mentions: list[MentionView]) -> None:
    """An entity with its aliases and every mention grouped by document."""
    qid = f"  wikidata:{entity.qid}" if entity.qid else ""
    console.print(f"[bold]{entity.canonical}[/] ({entity.type}){qid}")
    console.print(f"aliases: {'; '.join(entity.aliases)}", highlight=False)
    console.print(f"{entity.mentions} mentions in {entity.documents} documents")
    by_doc: dict[str, list[MentionView]] = defaultdict(list)
    for view in mentions:
        by_doc[view.document].append(view)
    for name, views in by_doc.items():
        console.print(f"\n[underline]{name}[/]")
        shown: set[int] = set()
        for view in views:
            if view.sentence_start in shown:
                continue
            shown.add(view.sentence_start)
            line = Text("  - ")
            line.append_text(highlighted(view))
            console.print(line)


LEVEL_WORDS = {
    "listed": "listed",
    "related": "with a related designation",
    "possible": "with a possible match to review",
    "other": "on a list for no sanction",
}


def stats_table(result: Stats) -> Table:
    """Store counts as a two-column table."""
    table = Table("what", "count")
    table.add_row("documents", str(result.documents))
    table.add_row("words", str(result.words))
    for status, count in sorted(result.sources.items()):
        table.add_row(f"sources: {status}", str(count))
    for kind, count in sorted(result.entities.items()):
        table.add_row(f"entities: {kind}", str(count))
    table.add_row("mentions", str(result.mentions))
    for relation, count in sorted(result.claims.items()):
        table.add_row(f"claims: {relation}", str(count))
    table.add_row("names merged into another entity", str(result.merges))
    for level, count in result.screening.items():
        table.add_row(f"sanctions: parties {LEVEL_WORDS.get(level, level)}", str(count))
    return table


HEDGE_STYLES = {
    Hedge.ASSERTED.value: "bold white on green",
    Hedge.REPORTED.value: "black on cyan",
    Hedge.ALLEGED.value: "black on yellow",
    Hedge.RUMOURED.value: "black on magenta",
    Hedge.SPECULATIVE.value: "black on bright_yellow",
    Hedge.PLANNED.value: "white on blue",
    Hedge.DENIED.value: "white on red",
}


def badges(hedging: tuple[str, ...]) -> Text:
    """Hedging labels as coloured badges."""
    text = Text()
    for label in hedging:
        text.append(f" {label} ", style=HEDGE_STYLES.get(label, "reverse"))
        text.append(" ")
    return text


def _words_used(view: ClaimView, entity_id: int) -> str | None:
    """How the text named the entity when it is not its name ("Egypt's government")."""
    own = view.subject_text if view.subject_id == entity_id else view.object_text
    name = view.subject if view.subject_id == entity_id else view.object
    return own if own and own.casefold() != name.casefold() else None


def claims(
    console: Console, entity_id: int, views: list[ClaimView], *, explain: bool = False
) -> None:
    """An entity's claims grouped by relation and counterparty, with their evidence (and,
    with `explain`, the extractor, frame or model features that produced each)."""
    if not views:
        console.print("\nno claims")
        return
    console.print(f"\n[bold]{len(views)} claims[/]")
    groups: dict[tuple[str, str, str], list[ClaimView]] = defaultdict(list)
    for view in views:
        outgoing = view.subject_id == entity_id
        counterparty = view.object if outgoing else view.subject
        arrow = "->" if outgoing else "<-"
        groups[(view.relation, arrow, counterparty)].append(view)
    for (relation, arrow, counterparty), members in sorted(groups.items()):
        console.print(
            f"\n[bold cyan]{relation}[/] {arrow} [bold]{counterparty}[/] ({len(members)})"
        )
        for view in members:
            line = Text("  ")
            line.append_text(badges(view.hedging))
            details = [
                f"{k}: {v}"
                for k, v in (
                    ("what", view.technology),
                    ("when", view.date),
                    ("amount", view.amount),
                    ("source", view.source),
                    ("as", _words_used(view, entity_id)),
                )
                if v
            ]
            line.append("; ".join(details))
            console.print(line)
            for flag in view.flags():
                console.print(Text(f"    \u26a0 {flag}", style="bold red"))
            evidence = Text(f"    \u201c{view.evidence.strip()}\u201d ", style="italic")
            evidence.append(f"[{view.document}]", style="dim")
            console.print(evidence)
            if explain:
                console.print(
                    Text(
                        f"    {view.extractor} {view.version} ({view.confidence:.2f}): "
                        f"{view.explanation or view.frame}",
                        style="dim",
                    )
                )


def scores(console: Console, result: ClaimScores) -> None:
    """Evaluation figures: per relation, hedging, overall, and the missed facts."""
    table = Table("relation", "predicted", "required", "found", "precision")
    for relation, row in result.per_relation.items():
        precision = "" if row["precision"] is None else f"{row['precision']:.3f}"
        table.add_row(
            relation,
            str(row["predicted"]),
            str(row["required"]),
            str(row["matched_required"]),
            precision,
        )
    console.print(table)
    console.print(
        f"predictions {result.predictions}  matched {result.matched}  "
        f"required {result.required}  matched required {result.matched_required}"
    )
    console.print(f"hedging overlap {result.hedging_overlap}  exact {result.hedging_exact}")
    console.print(f"[bold]precision {result.precision}  recall {result.recall}  f1 {result.f1}[/]")
    if result.missed:
        console.print("\n[bold]missed required facts[/]")
        for miss in result.missed:
            console.print(
                f"  {miss['doc']}: {miss['relation']}({miss['subject']}, {miss['object']})",
                highlight=False,
            )


def links(console: Console, parents: list[tuple[str, str]], bodies: list[EntitySummary]) -> None:
    """The states an entity is part of, and the bodies that are part of it."""
    if parents:
        console.print("part of: " + "; ".join(name for _, name in parents), highlight=False)
    if bodies:
        console.print(
            "bodies (part_of): " + "; ".join(b.canonical for b in bodies), highlight=False
        )


def judgement_table(rows: list[JudgementRow], names: dict[str, str]) -> Table:
    """Users' judgements with their number (for `undo`), who and when."""
    table = Table("#", "judgement", "entity", "entity", "user", "when", "undone")
    for row in rows:
        table.add_row(
            str(row.id),
            row.judgement,
            names.get(row.left_key, row.left_key),
            names.get(row.right_key, row.right_key),
            *decided_cells(row),
        )
    return table


def decided_cells(row: JudgementRow | MatchReviewRow) -> tuple[str, str, str]:
    """A review table's last cells: who decided, when, and when it was undone (if it was)."""
    undone = row.deleted_at.isoformat(timespec="seconds") if row.deleted_at else ""
    return row.user or "", row.created_at.isoformat(timespec="seconds"), undone


def alias_scores(console: Console, result: AliasScores) -> None:
    """Entity-resolution figures and the pairs that went wrong."""
    console.print(
        f"[bold]alias pairs: precision {result.precision}  recall {result.recall}  "
        f"f1 {result.f1}[/]  (gold {result.gold_pairs}, predicted {result.predicted_pairs}, "
        f"correct {result.correct_pairs}; names placed {result.placed}/{result.names})"
    )
    for a, b in result.wrong_pairs:
        console.print(f"  false merge: {a} / {b}", highlight=False)
    for a, b in result.missed_pairs:
        console.print(f"  not merged: {a} / {b}", highlight=False)
    if result.missing_names:
        console.print(
            f"  names not in the store: {'; '.join(result.missing_names)}", highlight=False
        )


LEVEL_STYLES = {
    "listed": "bold red",
    "other": "bold magenta",
    "related": "yellow",
    "possible": "cyan",
    "near": "dim",
    "rejected": "dim strike",
}


def matches(console: Console, views: list[MatchView], *, candidates: bool = False) -> None:
    """Sanctions screening results of an entity by level: its own listings, related
    designations shown apart, possible matches to review; `near` candidates and rejected
    matches only with `candidates`."""
    shown = [v for v in views if v.is_hit or candidates]
    if not shown:
        hidden = len(views)
        if hidden:
            console.print(
                f"\nsanctions: no flag ({hidden} candidate(s) below the threshold: --candidates)"
            )
        return
    console.print("\n[bold]sanctions screening[/]")
    for view in shown:
        reviewed = f"; {view.review.describe()}" if view.review else ""
        console.print(
            Text(
                f"  {view.score:.2f}  {view.flag_text()}  "
                f"(list of {view.list_date}, entry {view.entry_id}, {view.algorithm}{reviewed})",
                style=LEVEL_STYLES.get(view.level, ""),
            )
        )
        console.print(Text(f"       why: {view.explanation}", style="dim"))
    hidden = len(views) - len(shown)
    if hidden:
        console.print(f"  ({hidden} candidate(s) below the threshold: --candidates shows them)")


def entity_record(entity: EntitySummary) -> dict[str, object]:
    """An entity as a JSON object (`entities --json`, `show --json`)."""
    return {
        "id": entity.key,
        "canonical": entity.canonical,
        "type": entity.type,
        "qid": entity.qid,
        "mentions": entity.mentions,
        "documents": entity.documents,
        "claims": entity.claims,
        "aliases": list(entity.aliases),
    }


def match_record(view: MatchView, entity: str) -> dict[str, object]:
    """A sanctions match as a JSON object (`screen --json`, `show --json`)."""
    return {
        "entity": entity,
        "entity_id": view.entity_id,
        "level": view.level,
        "flag": view.flag_text(),
        "list": view.list_name,
        "list_id": view.list_id,
        "list_date": view.list_date,
        "entry_id": view.entry_id,
        "entry_name": view.entry_name,
        "programs": list(view.programs),
        "topics": list(view.topics),
        "score": round(view.score, 4),
        "algorithm": view.algorithm,
        "explanation": view.explanation,
        "features": view.features,
        "review": None
        if view.review is None
        else {
            "judgement": view.review.judgement,
            "user": view.review.user,
            "at": view.review.created_at.isoformat(timespec="seconds"),
            "note": view.review.note,
        },
    }


def failure_line(error: BaseException) -> str:
    """An unexpected error in one line: a store that cannot be read says so."""
    # Imported here: sqlalchemy's exceptions are only needed when something failed.
    from sqlalchemy.exc import DatabaseError, OperationalError  # noqa: PLC0415

    if isinstance(error, DatabaseError | OperationalError):
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        return f"cannot read the store ({reason})"
    lines = str(error).strip().splitlines()
    message = " ".join(lines[0].split()) if lines else ""
    return f"{type(error).__name__}: {message}" if message else type(error).__name__
