"""`tracewire` commands."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy.orm import Session

from tracewire.cli import render
from tracewire.evaluate.claims import read_jsonl, score_claims
from tracewire.evaluate.names import NameMatcher
from tracewire.pipeline import build as run_build
from tracewire.serve.exports import FORMATS, claim_records
from tracewire.serve.exports import export as run_export
from tracewire.store import open_store, queries
from tracewire.store.claims import claim_views

app = typer.Typer(
    help="Evidence graphs of the surveillance-technology trade from published reporting.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)
# Parsers log every oddity of a bad file; the run summary already names the file and why.
for noisy in ("pypdf", "trafilatura", "htmldate", "charset_normalizer"):
    logging.getLogger(noisy).setLevel(logging.CRITICAL)

DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="TRACEWIRE_DB", help="SQLite file or SQLAlchemy URL."),
]


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of reports.")],
    db: DbOption = None,
) -> None:
    """Ingest reports and extract their mentions (incremental and idempotent)."""
    store = open_store(db)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("building", total=None)
        report = run_build(
            paths,
            store,
            on_start=lambda total: progress.update(task, total=total),
            on_item=lambda _name: progress.advance(task),
        )
    render.build_summary(console, report, store.location)
    store.close()


def _open_existing(db: str | None) -> Session:
    try:
        store = open_store(db, create=False)
    except FileNotFoundError as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(1) from exc
    return store.session()


@app.command()
def entities(
    type_: Annotated[str | None, typer.Option("--type", "-t", help="Only this type.")] = None,
    db: DbOption = None,
) -> None:
    """List entities with their type, counts and aliases."""
    with _open_existing(db) as session:
        found = queries.list_entities(session, type_)
    console.print(render.entity_table(found))


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="A name or alias.")], db: DbOption = None
) -> None:
    """An entity, its aliases and every mention with its sentence and document."""
    with _open_existing(db) as session:
        entity = queries.find_entity(session, name)
        if entity is None:
            err.print(f"error: no entity named {name!r} in the store")
            raise typer.Exit(1)
        mentions = queries.entity_mentions(session, entity.id)
        claims = claim_views(session, entity.id)
    render.dossier(console, entity, mentions)
    render.claims(console, entity.id, claims)


@app.command()
def stats(db: DbOption = None) -> None:
    """Counts of documents, sources, entities and mentions."""
    with _open_existing(db) as session:
        result = queries.stats(session)
    console.print(render.stats_table(result))


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Write the store in an interchange format (newline-delimited JSON)."""
    if fmt not in FORMATS:
        err.print(f"error: unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    with _open_existing(db) as session:
        if output is None:
            run_export(session, fmt, sys.stdout)
            return
        with output.open("w", encoding="utf-8") as out:
            count = run_export(session, fmt, out)
    err.print(f"wrote {count} records to {output}")


def _read_or_exit(path: Path) -> list[dict[str, object]]:
    try:
        return read_jsonl(path)
    except (OSError, ValueError) as exc:
        err.print(f"error: {path}: {exc}")
        raise typer.Exit(2) from exc


@app.command("eval")
def eval_cmd(
    gold: Annotated[Path, typer.Option("--gold", help="Gold claims (JSON Lines).")],
    aliases: Annotated[
        Path | None, typer.Option("--aliases", help="Alias clusters for name matching.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Score the stored claims against a gold file (shared/corpus/README.md rules)."""
    gold_rows = _read_or_exit(gold)
    names = NameMatcher(_read_or_exit(aliases) if aliases else [])
    with _open_existing(db) as session:
        predicted = claim_records(session)
    scores = score_claims(predicted, gold_rows, names)
    if as_json:
        print(json.dumps(scores.as_dict(), indent=2))
    else:
        render.scores(console, scores)


def main() -> None:
    """Console-script entry point."""
    app()
