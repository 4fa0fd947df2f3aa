"""Rich rendering of build reports, entity lists, dossiers and stats."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tracewire.evaluate.aliases import AliasScores
from tracewire.evaluate.claims import ClaimScores
from tracewire.records import BuildReport, Hedge
from tracewire.store.claims import ClaimView
from tracewire.store.queries import EntitySummary, MentionView, Stats
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
    # One line per input whatever its name (never wrapped, never read as markup).
    for source, first in report.duplicates:
        line = f"{source}: same or near-same text as document {first}"
        console.print(Text.assemble(("duplicate ", "yellow"), line), soft_wrap=True)
    for skip in report.skipped:
        console.print(Text.assemble(("skipped ", "red"), str(skip)), soft_wrap=True)
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
    table.add_row("parties with a sanctions hit", str(result.sanctioned))
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


def claims(console: Console, entity_id: int, views: list[ClaimView]) -> None:
    """An entity's claims grouped by relation and counterparty, with their evidence."""
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


def alias_scores(console: Console, result: AliasScores) -> None:
    """Entity-resolution figures and the pairs that went wrong."""
    console.print(
        f"[bold]alias pairs: precision {result.precision}  recall {result.recall}  "
        f"f1 {result.f1}[/]  (gold {result.gold_pairs}, predicted {result.predicted_pairs}, "
        f"correct {result.correct_pairs})"
    )
    for a, b in result.wrong_pairs:
        console.print(f"  wrongly merged: {a} / {b}", highlight=False)
    for a, b in result.missed_pairs:
        console.print(f"  not merged: {a} / {b}", highlight=False)
    if result.missing_names:
        console.print(
            f"  names not in the store: {'; '.join(result.missing_names)}", highlight=False
        )


def matches(console: Console, views: list[MatchView]) -> None:
    """Sanctions screening results of an entity, hits first, each with its explanation."""
    if not views:
        return
    hits = [v for v in views if v.is_hit]
    others = [v for v in views if not v.is_hit][:3]
    if hits:
        console.print("\n[bold red]sanctions hits[/]")
    for view in hits + others:
        style = "bold red" if view.is_hit else "dim"
        console.print(
            Text(
                f"  {'HIT ' if view.is_hit else 'near'} {view.score:.2f}  {view.label()}  "
                f"(list of {view.list_date}, entry {view.entry_id}, {view.algorithm})",
                style=style,
            )
        )
        console.print(Text(f"       why: {view.explanation}", style="dim"))
