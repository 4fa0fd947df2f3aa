"""`ingest`, `extract` and `load`: the stages of `build`, each runnable alone on JSON lines.

    tracewire ingest reports/ -o docs.jsonl
    tracewire extract -i docs.jsonl -o extracted.jsonl --extractor tracewire.model/1
    tracewire load -i extracted.jsonl

or `tracewire ingest reports/ | tracewire extract | tracewire load`, which stores what
`tracewire build reports/` stores. Data goes to standard output, messages (skips, counts)
to standard error.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from tracewire.cli import render
from tracewire.cli.options import DbOption, DebugOption, TimeLimitOption, debug_logging
from tracewire.cli.streams import err, fail, open_input, open_output
from tracewire.extract import DEFAULT_EXTRACTOR, Extractor, get_extractor
from tracewire.extract.registry import UnknownExtractorError
from tracewire.interchange import (
    Extracted,
    RecordError,
    document_record,
    extracted_from,
    extraction_record,
    ingested_from,
    read_records,
    write_record,
)
from tracewire.pipeline import DEFAULT_TIME_LIMIT, extract_documents, ingest_paths, load
from tracewire.records import Skip
from tracewire.store import open_store

OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="File to write, or - for standard output (default)."),
]
InputOption = Annotated[
    Path | None,
    typer.Option("--input", "-i", help="File to read, or - for standard input (default)."),
]


def missing_paths(paths: list[Path]) -> None:
    """Exit with a one-line error (2) when a path named on the command line is missing."""
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise fail(f"{path}: no such file or directory")


def print_skip(skip: Skip) -> None:
    """A skipped input as one line on standard error."""
    err.print(Text.assemble(("skipped ", "red"), str(skip)))


def ingest_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of reports.")],
    output: OutputOption = None,
    time_limit: TimeLimitOption = DEFAULT_TIME_LIMIT,
    debug: DebugOption = False,
) -> None:
    """Read report files into documents (JSON lines): the first stage of `build`."""
    debug_logging(debug)
    missing_paths(paths)
    read = skipped = 0
    with open_output(output) as out:
        for item in ingest_paths(paths, time_limit=time_limit):
            if isinstance(item, Skip):
                print_skip(item)
                skipped += 1
                continue
            write_record(out, document_record(item))
            read += 1
    err.print(f"read {read} documents, skipped {skipped}")


def _parsed(stream: IO[str], name: str, parse: Any) -> Iterator[Any]:
    """Each line parsed by `parse`, or a `Skip` naming the line for one that is not a
    record of the expected shape (the rest goes on)."""
    for record in read_records(stream, name):
        if isinstance(record, RecordError):
            yield Skip(record.where, record.reason)
            continue
        try:
            yield parse(record)
        except (KeyError, TypeError, ValueError) as exc:
            reason = f"not a tracewire record ({type(exc).__name__}: {exc})"
            yield Skip(f"{name}, line {record['_line']}", reason)


def extract_cmd(
    input_: InputOption = None,
    output: OutputOption = None,
    extractor: Annotated[
        str, typer.Option("--extractor", help="The claim extractor, by registered name.")
    ] = DEFAULT_EXTRACTOR,
    time_limit: TimeLimitOption = DEFAULT_TIME_LIMIT,
    debug: DebugOption = False,
) -> None:
    """Find the mentions and claims of documents (JSON lines from `ingest`): the second
    stage of `build`; one line per document with its mentions and claims."""
    debug_logging(debug)
    try:
        get_extractor(extractor)
    except UnknownExtractorError as exc:
        raise fail(str(exc)) from None
    done = skipped = 0
    with open_input(input_) as (stream, name), open_output(output) as out:
        items = _parsed(stream, name, ingested_from)
        model: Extractor | None = None
        for item in items:
            if isinstance(item, Skip):
                print_skip(item)
                skipped += 1
                continue
            model = model or Extractor.load(extractor)  # loaded once there is work
            for found in extract_documents([item], model, time_limit=time_limit):
                if isinstance(found, Skip):
                    print_skip(found)
                    skipped += 1
                else:
                    write_record(out, extraction_record(found))
                    done += 1
    err.print(f"extracted {done} documents, skipped {skipped}")


def load_cmd(
    input_: InputOption = None,
    db: DbOption = None,
    debug: DebugOption = False,
) -> None:
    """Store documents with their mentions and claims (JSON lines from `extract`), then
    resolve, screen and alert: the last stage of `build`."""
    debug_logging(debug)
    with open_input(input_) as (stream, name):
        store = open_store(db)
        items: Iterator[Extracted | Skip] = _parsed(stream, name, extracted_from)
        report = load(items, store)
    render.build_summary(Console(), report, store.location)
    store.close()
