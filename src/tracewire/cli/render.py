"""Rich rendering of build reports, entity lists, dossiers and stats."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tracewire.records import BuildReport
from tracewire.store.queries import EntitySummary, MentionView, Stats


def build_summary(console: Console, report: BuildReport, location: str) -> None:
    """The run summary: what was stored, unchanged, duplicated or skipped, and why."""
    rate = report.words / report.seconds if report.seconds else 0.0
    console.print(
        f"[bold]stored[/] {len(report.stored)}  [bold]unchanged[/] {len(report.unchanged)}  "
        f"[bold]duplicates[/] {len(report.duplicates)}  [bold]skipped[/] {len(report.skipped)}  "
        f"[bold]mentions[/] {report.mentions}  ({report.words} words in {report.seconds:.1f}s, "
        f"{rate:.0f} words/s)"
    )
    for source, first in report.duplicates:
        console.print(f"[yellow]duplicate[/] {source}: same or near-same text as document {first}")
    for skip in report.skipped:
        console.print(Text.assemble(("skipped ", "red"), str(skip)), highlight=False)
    console.print(f"store: {location}")


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
    return table
