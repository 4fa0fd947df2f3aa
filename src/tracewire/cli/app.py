"""`tracewire` commands."""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import asdict
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy.orm import Session

from tracewire.cli import learn as learn_cli
from tracewire.cli import monitor as monitor_cli
from tracewire.cli import render, stages
from tracewire.cli import sanctions as sanctions_cli
from tracewire.cli.options import (
    DbOption,
    DebugOption,
    TimeLimitOption,
    UserOption,
    debug_logging,
    existing_store,
)
from tracewire.cli.serve import serve
from tracewire.cli.streams import exit_if_missing, fail, open_output
from tracewire.engine import ENGINES, EngineError, check_options, default_workers
from tracewire.evaluate.aliases import score_aliases
from tracewire.evaluate.claims import read_jsonl, score_claims
from tracewire.evaluate.names import NameMatcher
from tracewire.extract import DEFAULT_EXTRACTOR
from tracewire.ontology.technology import UnknownClassError, chosen_classes
from tracewire.pipeline import DEFAULT_TIME_LIMIT
from tracewire.pipeline import build as run_build
from tracewire.resolve.resolution import current_user, user_judgements
from tracewire.serve.claim_export import FILTERED_FORMATS, export_filtered
from tracewire.serve.exports import FORMATS, alias_records, claim_records
from tracewire.serve.exports import export as run_export
from tracewire.store import open_store
from tracewire.store.claim_reviews import any_rejected
from tracewire.store.read import entities as queries
from tracewire.store.read.claim_pages import ClaimFilter
from tracewire.store.read.claims import claim_views
from tracewire.store.read.names import EntityNameError, entity_named
from tracewire.store.sanctions import match_views

app = typer.Typer(
    help="Evidence graphs of the surveillance-technology trade from published reporting.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True, soft_wrap=True)  # one line per message, for scripts
# Parsers log every oddity of a bad file; the run summary already names the file and why.
for noisy in ("pypdf", "trafilatura", "htmldate", "charset_normalizer"):
    logging.getLogger(noisy).setLevel(logging.CRITICAL)


JsonOption = Annotated[bool, typer.Option("--json", help="JSON lines on standard output.")]


def _version(show: bool) -> None:
    if show:
        try:
            number = version("tracewire")
        except PackageNotFoundError:  # run from a source tree that was never installed
            number = "unknown"
        print(f"tracewire {number}")
        raise typer.Exit(0)


@app.callback()
def _main(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Evidence graphs of the surveillance-technology trade from published reporting.

    Exit status: 0 done (inputs that could not be read are listed as skipped), 1 a name or
    store that is not there, 2 a usage error or an input that cannot be read."""


ExtractorOption = Annotated[
    str,
    typer.Option(
        "--extractor",
        help="The claim extractor, by registered name.",
        callback=learn_cli.known_extractor,
    ),
]


@app.command()
def build(  # noqa: PLR0917 - typer maps parameters to options
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of reports.")],
    extractor: ExtractorOption = DEFAULT_EXTRACTOR,
    db: DbOption = None,
    time_limit: TimeLimitOption = DEFAULT_TIME_LIMIT,
    debug: DebugOption = False,
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
    debug_logging(debug)
    urls = [p for p in paths if str(p).startswith(("http:/", "https:/"))]
    if urls:
        raise fail("build reads files; read web pages with: tracewire fetch URL")
    stages.missing_paths(paths)  # before a store is made for nothing
    try:
        check_options(engine, default_workers() if workers is None else workers, address)
    except EngineError as exc:  # a bad option: said before the store is touched
        raise fail(str(exc)) from None
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
                extractor_name=extractor,
                workers=default_workers() if workers is None else workers,
                engine=engine,
                address=address,
                on_start=lambda total: progress.update(task, total=total),
                on_item=lambda _name: progress.advance(task),
                time_limit=time_limit,
            )
        except EngineError as exc:
            raise fail(str(exc)) from None
        finally:
            store.close()
    render.build_summary(console, report, store.location)


ENTITY_LIMIT = 100  # rows `entities` prints unless told otherwise


def _open_existing(db: str | None) -> Session:
    return existing_store(db).session()


@app.command()
def entities(
    type_: Annotated[str | None, typer.Option("--type", "-t", help="Only this type.")] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", help="The most mentioned N (0: all).", min=0)
    ] = ENTITY_LIMIT,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List the most mentioned entities with their type, counts and aliases."""
    with _open_existing(db) as session:
        found = queries.list_entities(session, type_, limit=limit or None)
    if as_json:
        for entity in found:
            _json_line(render.entity_record(entity))
        return
    console.print(render.entity_table(found))
    if limit and len(found) == limit:  # a big store's table would take longer than a look
        console.print(f"the {limit} most mentioned; --limit 0 lists all")


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="A name or alias.")],
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Say which extractor, rule or features made each claim."),
    ] = False,
    candidates: Annotated[
        bool,
        typer.Option("--candidates", help="Also show sanctions candidates below the threshold."),
    ] = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """An entity, its aliases, its sanctions flags and every mention with its sentence; its
    state bodies (part_of) and their claims."""
    with _open_existing(db) as session:
        entity = queries.find_entity(session, name)
        if entity is None:
            err.print(f"error: no entity named {name!r} in the store")
            raise typer.Exit(1)
        mentions = queries.entity_mentions(session, entity.id)
        claims = claim_views(session, entity.id)
        matches = match_views(session, {entity.id})
        parents = queries.part_of(session, entity.key)
        bodies = []
        for _key, canonical in queries.parts_of(session, entity.key):
            body = queries.find_entity(session, canonical)
            if body is not None and body.id != entity.id:
                bodies.append((body, claim_views(session, body.id)))
    if as_json:
        shown_matches = [m for m in matches if m.is_hit or candidates]
        record = render.entity_record(entity) | {
            "part_of": [name for _, name in parents],
            "mentions": [asdict(m) for m in mentions],
            "matches": [render.match_record(m, entity.canonical) for m in shown_matches],
            "claims": [c.to_record() for c in claims],
            "bodies": [
                render.entity_record(b) | {"claims": [c.to_record() for c in cs]}
                for b, cs in bodies
            ],
        }
        _json_line(record)
        return
    render.dossier(console, entity, mentions)
    render.links(console, parents, [b for b, _ in bodies])
    render.matches(console, matches, candidates=candidates)
    render.claims(console, entity.id, claims, explain=explain)
    for body, body_claims in bodies:
        if body_claims:
            console.print(f"\n[bold]part of {entity.canonical}:[/] {body.canonical}")
            render.claims(console, body.id, body_claims, explain=explain)


@app.command()
def stats(as_json: JsonOption = False, db: DbOption = None) -> None:
    """Counts of documents, sources, entities and mentions."""
    with _open_existing(db) as session:
        result = queries.stats(session)
    if as_json:
        _json_line(asdict(result))
        return
    console.print(render.stats_table(result))


def _json_line(record: dict[str, object]) -> None:
    print(json.dumps(record, ensure_ascii=False, default=str))


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")],
    output: stages.OutputOption = None,
    include_denied: Annotated[
        bool,
        typer.Option(
            "--include-denied", help="FtM: also export denied claims (their status: denied)."
        ),
    ] = False,
    technology: Annotated[
        list[str] | None,
        typer.Option(
            "--technology",
            help="Only claims of this technology class (repeat for any of several); "
            f"with {', '.join(FILTERED_FORMATS)}, as the web's filtered exports write them.",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Write the store in an interchange format (JSON lines, FtM, GraphML, GEXF or CSV)."""
    if fmt not in FORMATS:
        raise fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if technology and fmt not in FILTERED_FORMATS:
        raise fail(f"--technology works with {', '.join(FILTERED_FORMATS)}, not {fmt}")
    try:
        classes = chosen_classes(technology)
    except UnknownClassError as exc:
        raise fail(str(exc)) from exc
    with _open_existing(db) as session, open_output(output) as out:
        if classes:
            where = ClaimFilter(technology=classes, without_rejected=any_rejected(session))
            count = export_filtered(session, fmt, where, out, include_denied=include_denied)
        else:
            count = run_export(session, fmt, out, include_denied=include_denied)
    if out is not sys.stdout:
        err.print(f"wrote {count} records to {output}")


def _read_or_exit(path: Path) -> list[dict[str, object]]:
    try:
        return read_jsonl(path)
    except (OSError, ValueError) as exc:
        err.print(f"error: {path}: {exc}")
        raise typer.Exit(2) from exc


@app.command("eval")
def eval_cmd(  # Typer passes options by keyword
    *,
    gold: Annotated[Path | None, typer.Option("--gold", help="Gold claims (JSON Lines).")] = None,
    aliases: Annotated[
        Path | None, typer.Option("--aliases", help="Alias clusters for claim name matching.")
    ] = None,
    aliases_gold: Annotated[
        Path | None,
        typer.Option("--aliases-gold", help="Gold alias clusters: score entity resolution."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    corpus: learn_cli.CorpusOption = None,
    cv: Annotated[
        int | None,
        typer.Option("--cv", help="K-fold cross-validation over the --corpus documents."),
    ] = None,
    train_corpus: Annotated[
        list[Path] | None,
        typer.Option("--train-corpus", help="Train on these corpora, then score --corpus."),
    ] = None,
    extractor: ExtractorOption = DEFAULT_EXTRACTOR,
    builtin: learn_cli.BuiltinOption = True,
    seed: learn_cli.SeedOption = 0,
    predictions: Annotated[
        Path | None,
        typer.Option("--predictions", help="Write the scored claims (JSON Lines) here."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Score the store (or a corpus read afresh) against gold claims and alias clusters.

    With --corpus: --cv K cross-validates over its documents, --train-corpus trains on other
    corpora first, and otherwise --extractor reads it as shipped."""
    if corpus:
        learn_cli.corpus_eval(
            corpus=corpus,
            gold=[gold] if gold else None,
            aliases=[aliases] if aliases else None,
            cv=cv,
            train_corpus=train_corpus,
            extractor=extractor,
            builtin=builtin,
            seed=seed,
            predictions=predictions,
            as_json=as_json,
        )
        return
    if gold is None and aliases_gold is None:
        err.print("error: give --gold FILE, --aliases-gold FILE, or both")
        raise typer.Exit(2)
    result: dict[str, object] = {}
    with _open_existing(db) as session:
        if gold is not None:
            names = NameMatcher(_read_or_exit(aliases) if aliases else [])
            # the extractor's output as it read the reports, reviewers' rejections or not
            found = claim_records(session, include_rejected=True)
            claim_scores = score_claims(found, _read_or_exit(gold), names)
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
    """The raw entity an id, name or alias most directly refers to (not its cluster); a
    one-line error for none, or for a name of several clusters (listing their ids)."""
    try:
        return entity_named(session, name).key
    except EntityNameError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(1) from exc


def _judge(a: str, b: str, *, positive: bool, user: str | None, db: str | None) -> None:
    with existing_store(db).writer() as writer:
        left, right = _entity_key(writer.session, a), _entity_key(writer.session, b)
        if left == right:
            err.print(f"error: {a!r} and {b!r} name the same entity")
            raise typer.Exit(1)
        writer.judge(left, right, positive=positive, user=user)
    verb = "merged" if positive else "kept apart"
    console.print(f"{verb}: {a} / {b} (by {user or current_user()}; survives rebuilds)")


EntityArg = Annotated[
    str, typer.Argument(help="An entity's name, alias or id (as pages show it; #ID: an id only).")
]


@app.command()
def merge(
    a: EntityArg,
    b: EntityArg,
    user: UserOption = None,
    db: DbOption = None,
) -> None:
    """Judge that two names are the same actor (kept across rebuilds)."""
    _judge(a, b, positive=True, user=user, db=db)


@app.command()
def split(
    a: EntityArg,
    b: EntityArg,
    user: UserOption = None,
    db: DbOption = None,
) -> None:
    """Judge that two names are different actors: never merged again."""
    _judge(a, b, positive=False, user=user, db=db)


@app.command()
def judgements(
    all_: Annotated[bool, typer.Option("--all", help="Also list undone judgements.")] = False,
    db: DbOption = None,
) -> None:
    """Users' merge, split and unsure judgements: number, names, who and when."""
    with _open_existing(db) as session:
        rows = user_judgements(session, include_deleted=all_)
        names = queries.canonical_names(
            session, {k for r in rows for k in (r.left_key, r.right_key)}
        )
    console.print(render.judgement_table(rows, names))


@app.command()
def undo(
    number: Annotated[int, typer.Argument(help="The judgement's number (tracewire judgements).")],
    db: DbOption = None,
) -> None:
    """Retract a judgement (kept as undone); clusters are recomputed."""
    with existing_store(db).writer() as writer, exit_if_missing():
        row = writer.undo(number)
    console.print(f"undone: judgement {row.id} ({row.judgement} {row.left_key} / {row.right_key})")


@app.command()
def resolve(
    full: Annotated[
        bool, typer.Option("--full", help="Re-resolve every entity, not only changed ones.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Bring entity clusters up to date (`build` does this by itself); --full recomputes
    every cluster, rule judgement and party aggregate from scratch."""
    with existing_store(db).writer() as writer:
        applied = writer.resolve(full=full)
    scope = "all entities" if full else "changed entities"
    console.print(f"resolved {scope}: {len(applied)} rule merge(s) in the clusters resolved")


app.command("ingest")(stages.ingest_cmd)
app.command("extract")(stages.extract_cmd)
app.command("load")(stages.load_cmd)
app.command("train")(learn_cli.train_cmd)
app.add_typer(sanctions_cli.app, name="sanctions")
app.add_typer(sanctions_cli.match_app, name="match")
app.add_typer(monitor_cli.watch_app, name="watch")
app.command("follow")(monitor_cli.follow_cmd)
app.command("unfollow")(monitor_cli.unfollow_cmd)
app.command("feeds")(monitor_cli.feeds_cmd)
app.command("fetch")(monitor_cli.fetch_cmd)
app.command("alerts")(monitor_cli.alerts_cmd)
app.command("serve")(serve)
app.command("screen")(sanctions_cli.screen)


def main() -> None:
    """Console-script entry point: exit statuses scripts can trust, and every error on
    one line of standard error (a traceback only with TRACEWIRE_DEBUG=1)."""
    try:
        code = app(standalone_mode=False)
    except typer.TyperException as exc:  # usage errors: a missing option, a bad value
        message = exc.format_message()
        if "\n" in message:  # the help, for a command given no arguments
            err.print(message, markup=False, highlight=False)
        else:
            err.print(f"error: {message}", markup=False, highlight=False)
        code = exc.exit_code
    except typer.Abort:
        code = 130  # interrupted (Ctrl-C)
    except BrokenPipeError:  # the reader went away (`| head`): no more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 141
    except Exception as exc:  # one line, not a traceback, for whatever else went wrong
        if os.environ.get("TRACEWIRE_DEBUG"):
            raise
        err.print(f"error: {render.failure_line(exc)}", markup=False, highlight=False)
        code = 1
    sys.exit(code if isinstance(code, int) else 0)
