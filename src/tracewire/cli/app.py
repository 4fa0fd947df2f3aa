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

from tracewire.cli import monitor as monitor_cli
from tracewire.cli import render
from tracewire.cli import sanctions as sanctions_cli
from tracewire.cli.options import DbOption, UserOption, existing_store
from tracewire.cli.serve import serve
from tracewire.engine import ENGINES, EngineError, check_options, default_workers
from tracewire.evaluate.aliases import score_aliases
from tracewire.evaluate.claims import read_jsonl, score_claims
from tracewire.evaluate.names import NameMatcher
from tracewire.pipeline import build as run_build
from tracewire.serve.exports import FORMATS, alias_records, claim_records
from tracewire.serve.exports import export as run_export
from tracewire.store import open_store, queries
from tracewire.store.claims import claim_views
from tracewire.store.resolution import current_user, judge
from tracewire.store.sanctions import match_views

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


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of reports.")],
    db: DbOption = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            "-w",
            help="Processes (or local Ray CPUs) reading documents.",
            show_default="the cores",
        ),
    ] = None,
    engine: Annotated[
        str, typer.Option(help=f"Where reading runs: {' or '.join(ENGINES)} (ray: the ray extra).")
    ] = "local",
    address: Annotated[
        str | None, typer.Option(help="A running Ray cluster to use (with --engine ray).")
    ] = None,
) -> None:
    """Ingest reports and extract their mentions (incremental and idempotent)."""
    urls = [p for p in paths if str(p).startswith(("http:/", "https:/"))]
    if urls:
        err.print(
            "error: build reads files; read web pages with: tracewire fetch URL", soft_wrap=True
        )
        raise typer.Exit(2)
    try:
        check_options(engine, default_workers() if workers is None else workers, address)
    except EngineError as exc:  # a bad option: said before the store is touched
        err.print(f"error: {exc}", soft_wrap=True)
        raise typer.Exit(2) from None
    store = open_store(db)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("building", total=None)
        try:
            report = run_build(
                paths,
                store,
                workers=default_workers() if workers is None else workers,
                engine=engine,
                address=address,
                on_start=lambda total: progress.update(task, total=total),
                on_item=lambda _name: progress.advance(task),
            )
        except EngineError as exc:
            err.print(f"error: {exc}", soft_wrap=True)
            raise typer.Exit(2) from None
        finally:
            store.close()
    render.build_summary(console, report, store.location)


def _open_existing(db: str | None) -> Session:
    return existing_store(db).session()


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
        matches = match_views(session, {entity.id})
    render.dossier(console, entity, mentions)
    render.matches(console, matches)
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
    """Write the store in an interchange format (JSON lines, FtM, GraphML, GEXF or CSV)."""
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
    gold: Annotated[Path | None, typer.Option("--gold", help="Gold claims (JSON Lines).")] = None,
    aliases: Annotated[
        Path | None, typer.Option("--aliases", help="Alias clusters for claim name matching.")
    ] = None,
    aliases_gold: Annotated[
        Path | None,
        typer.Option("--aliases-gold", help="Gold alias clusters: score entity resolution."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Score the store against gold claims and/or gold alias clusters."""
    if gold is None and aliases_gold is None:
        err.print("error: give --gold FILE, --aliases-gold FILE, or both")
        raise typer.Exit(2)
    result: dict[str, object] = {}
    with _open_existing(db) as session:
        if gold is not None:
            names = NameMatcher(_read_or_exit(aliases) if aliases else [])
            claim_scores = score_claims(claim_records(session), _read_or_exit(gold), names)
            result["claims"] = claim_scores.as_dict()
            if not as_json:
                render.scores(console, claim_scores)
        if aliases_gold is not None:
            alias_scores = score_aliases(alias_records(session), _read_or_exit(aliases_gold))
            result["aliases"] = alias_scores.as_dict()
            if not as_json:
                render.alias_scores(console, alias_scores)
    if as_json:
        print(json.dumps(result["claims"] if list(result) == ["claims"] else result, indent=2))


def _entity_key(session: Session, name: str) -> str:
    """The raw entity a name most directly refers to (not its cluster)."""
    key = queries.entity_key_for_name(session, name)
    if key is None:
        err.print(f"error: no entity named {name!r} in the store")
        raise typer.Exit(1)
    return key


def _judge(a: str, b: str, *, positive: bool, user: str | None, db: str | None) -> None:
    with existing_store(db).transaction() as session:
        left, right = _entity_key(session, a), _entity_key(session, b)
        if left == right:
            err.print(f"error: {a!r} and {b!r} name the same entity")
            raise typer.Exit(1)
        judge(session, left, right, positive=positive, user=user)
    verb = "merged" if positive else "kept apart"
    console.print(f"{verb}: {a} / {b} (by {user or current_user()}; survives rebuilds)")


@app.command()
def merge(
    a: Annotated[str, typer.Argument(help="A name or alias.")],
    b: Annotated[str, typer.Argument(help="Another name or alias.")],
    user: UserOption = None,
    db: DbOption = None,
) -> None:
    """Judge that two names are the same actor (kept across rebuilds)."""
    _judge(a, b, positive=True, user=user, db=db)


@app.command()
def split(
    a: Annotated[str, typer.Argument(help="A name or alias.")],
    b: Annotated[str, typer.Argument(help="Another name or alias.")],
    user: UserOption = None,
    db: DbOption = None,
) -> None:
    """Judge that two names are different actors: never merged again."""
    _judge(a, b, positive=False, user=user, db=db)


app.add_typer(sanctions_cli.app, name="sanctions")
app.add_typer(monitor_cli.watch_app, name="watch")
app.command("follow")(monitor_cli.follow_cmd)
app.command("unfollow")(monitor_cli.unfollow_cmd)
app.command("feeds")(monitor_cli.feeds_cmd)
app.command("fetch")(monitor_cli.fetch_cmd)
app.command("alerts")(monitor_cli.alerts_cmd)
app.command("serve")(serve)
app.command("screen")(sanctions_cli.screen)


def main() -> None:
    """Console-script entry point."""
    app()
